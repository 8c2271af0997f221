"""Find HTML in a page that would run code, load something from another website,
or is simply not on the list of HTML our pages use.

Contributors may write raw HTML in Markdown. We check the HTML that Markdown
produced (so code blocks, which come out escaped, are never flagged) and then
look for the line in the page's source, so the message can point at it.

An allowlist, not a denylist: ALLOWED_TAGS and ALLOWED_ATTRIBUTES are what our
Markdown extensions and macros produce (collected from a build of the site),
plus a few raw tags contributors need (<br>, <abbr>, <kbd>, <sub>, <sup>,
<details>...). Whether a tag, an attribute or an address is allowed is decided
by nh3 (the Ammonia sanitiser) with those lists: it parses addresses the way a
browser does, whatever the encoding. Our scanner only gives the plain-English
reason and finds the line. Addresses may be relative, https: or mailto:;
links (<a href>) may also be http:, because some of our sources only exist there.

Links to other websites (`<a href>`, `[text](https://...)`) are fine: a reader
chooses to follow them. Things a browser fetches on its own as the page loads
(scripts, frames, images, styles, fonts, media) are not: they would tell other
websites who reads our pages, and the content security policy blocks them.
"""
from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import nh3
import tinyhtml5

from .markdown_source import blank_out_code, line_of_offset
from .urls import is_off_site

# Attributes that make a browser fetch something by itself.
FETCHING_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "link": ("href",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "track": ("src",), "embed": ("src",),
    "object": ("data",), "form": ("action",), "input": ("src", "formaction"),
    "button": ("formaction",), "iframe": ("src",), "frame": ("src",),
    "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
    # `ping` tells another website each time someone follows a link.
    "a": ("ping",), "area": ("ping",),
}
# Elements the policy blocks outright (frame-src 'none', object-src 'none').
BLOCKED_ELEMENTS = {"iframe", "frame", "frameset", "object", "embed", "applet"}
# Attributes that take a URL, where a `javascript:` address would run code.
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}

_CSS_URL = re.compile(r"""(?:@import\s*|url\(\s*)['"]?\s*((?:[a-z][a-z0-9+.-]*:)?//[^'")\s;]+)""",
                      re.IGNORECASE)
_JAVASCRIPT = re.compile(r"^[\s\x00-\x1f]*j[\s\x00-\x1f]*a[\s\x00-\x1f]*v[\s\x00-\x1f]*a[\s\x00-\x1f]*"
                         r"s[\s\x00-\x1f]*c[\s\x00-\x1f]*r[\s\x00-\x1f]*i[\s\x00-\x1f]*p[\s\x00-\x1f]*t"
                         r"[\s\x00-\x1f]*:", re.IGNORECASE)

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "label",
    "legend", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
    "ul", "var", "wbr",
    # Icons drawn by our macros (self-assessment); no <use>, <image> or <script> inside.
    "svg", "path",
}
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "hidden", "role", "tabindex"},
    "a": {"href", "rel", "download"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "col": {"span"}, "colgroup": {"span"},
    "ol": {"start", "reversed"},
    "details": {"open"},
    "input": {"type", "name", "value", "checked"},
    "label": {"for"},
    "svg": {"viewbox", "viewBox", "xmlns", "focusable", "width", "height"},
    "path": {"d"},
    # Our self-assessment form (macros/self_assessment.py) and its script read these;
    # no other data-* attribute is allowed.
    "fieldset": {"data-area", "data-kind", "data-title", "data-name"},
    "li": {"data-area"},
    "div": {"data-storage-key", "data-weak-below", "data-file-format", "data-file-version"},
    "button": {"type", "data-sa-print", "data-sa-forget", "data-sa-save", "data-sa-link"},
    "p": {"data-sa-js-only"},
    "section": {"data-sa-js-only"},
}
# aria-* for screen readers.
ALLOWED_PREFIXES = {"aria-"}
# An id or class is a plain name (attribute lists `{ #id .class }` and raw HTML alike):
# the theme prints ids into the table of contents without escaping them. An id may
# start with a digit (the table of contents makes "1-start-early" from "1. Start
# early"); footnotes make ids like fn:carer and fnref2:carer.
NAME = re.compile(r"[A-Za-z][\w-]{0,63}")
ID = re.compile(r"[A-Za-z0-9][\w-]{0,63}")
FOOTNOTE_ID = re.compile(r"(?:fn|fnref\d*):[\w-]{1,64}")
SCHEMES = {"https", "mailto"}
LINK_SCHEMES = {"http", "https", "mailto"}
# Where nh3 has to see a tag to keep it (a lone <td> is dropped by any HTML parser).
_CONTEXT = {
    "caption": ("<table>", "</table>"), "col": ("<table><colgroup>", "</colgroup></table>"),
    "colgroup": ("<table>", "</table>"), "thead": ("<table>", "</table>"),
    "tbody": ("<table>", "</table>"), "tfoot": ("<table>", "</table>"),
    "tr": ("<table><tbody>", "</tbody></table>"), "td": ("<table><tbody><tr>", "</tr></tbody></table>"),
    "th": ("<table><tbody><tr>", "</tr></tbody></table>"), "path": ("<svg>", "</svg>"),
}


def _clean(snippet: str, schemes: set[str]) -> str:
    return nh3.clean(snippet, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                     generic_attribute_prefixes=ALLOWED_PREFIXES, url_schemes=schemes, link_rel=None)


@lru_cache(maxsize=None)
def tag_allowed(tag: str) -> bool:
    before, after = _CONTEXT.get(tag, ("", ""))
    return f"<{tag}" in _clean(f"{before}<{tag}>x</{tag}>{after}", SCHEMES)


@lru_cache(maxsize=4096)
def attribute_allowed(tag: str, name: str, value: str) -> bool:
    """Would nh3 keep this attribute, with this value, on this tag?"""
    if not tag_allowed(tag) or not re.fullmatch(r"[a-z][a-z0-9_:.-]*", name):
        return False
    before, after = _CONTEXT.get(tag, ("", ""))
    schemes = LINK_SCHEMES if (tag, name) == ("a", "href") else SCHEMES
    cleaned = _clean(f'{before}<{tag} {name}="{html_lib.escape(value, quote=True)}">x</{tag}>{after}', schemes)
    return re.search(rf"<{tag}\b[^>]*\s{re.escape(name)}=", cleaned, re.IGNORECASE) is not None


def _short(value: str, limit: int = 60) -> str:
    value = "".join(ch if ch.isprintable() else "?" for ch in value)
    return value if len(value) <= limit else value[:limit] + "..."


DOWNLOAD_FIX = ("Download the file into docs/assets/ and use it from there, "
                "or make it a normal link instead, like [text](https://...)")


@dataclass
class Problem:
    problem: str
    fix: str
    # Text to look for in the page's source to find the line; the first found wins.
    clue: str | tuple[str, ...]


def is_other_host(url: str) -> bool:
    """Would a browser fetch this from another host? Read as a browser reads it
    (coproduction/urls.py: backslashes, tabs, newlines, case)."""
    return is_off_site(url)


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.split()]


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[Problem] = []
        self._in_style = False

    def add(self, problem, fix, clue):
        # The tag exactly as written is the surest clue for raw HTML; Markdown's own
        # output (a link written as [text](address)) is found by the value instead.
        clues = clue if isinstance(clue, tuple) else (clue,)  # several: the first found names the line
        self.problems.append(Problem(problem, fix, (self.get_starttag_text() or "", *clues)))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag, attrs):
        before_tag = len(self.problems)
        self._check_known_dangers(tag, attrs)
        if len(self.problems) > before_tag or tag == "style":
            return  # a <style> element is explained with its contents
        if not tag_allowed(tag):
            if tag == "meta" and any(n == "http-equiv" for n, _ in attrs):
                self.add("This page has a <meta http-equiv> tag, which can send readers to another "
                         "address or change how the browser treats the page",
                         "Remove it. To point readers elsewhere, write a normal link, like [text](https://...)",
                         "http-equiv")
            else:
                self.add(f"This page contains <{tag}>, which is not on the list of HTML our pages may use",
                         "Remove it, or write it in Markdown. The HTML pages may use is listed in "
                         "coproduction/html_safety.py; ask a maintainer if you need more", f"<{tag}")
            return
        for name, value in attrs:
            value = value or ""
            if "<" in value:
                # Markup inside a value is text to a browser, but not to every tool that later reads the page
                # with a pattern: Material's privacy plugin rewrites a link to another website written there,
                # and its quotes end the value. No page needs '<' in an attribute.
                self.add(f"This page has '<' inside the value of a <{tag}> tag's '{name}' attribute",
                         "Take the '<' out, or write it as words, such as 'less than'", "<")
                continue
            if name == "id" and re.fullmatch(r"[A-Za-z0-9][\w-]{64,}", value):
                # Most likely a heading's id, made from its words: found at the line with its first words.
                self.add(f"The id '{_short(value)}' is longer than 64 letters. A heading's words make its id, "
                         "so a long heading makes a long id",
                         "Shorten the heading, or give it a short id at the end of its line, like { #costs }",
                         (value, " ".join(value.split("-")[:4])))
                continue
            if name == "id" and not (ID.fullmatch(value) or FOOTNOTE_ID.fullmatch(value)):
                self.add(f"This page gives an element the id '{_short(value)}', which is not a plain name",
                         "Use an id of letters, digits and '-' only, starting with a letter, "
                         "like { #step-one }", value)
                continue
            if name == "class" and any(not NAME.fullmatch(one) for one in value.split()):
                bad = next(one for one in value.split() if not NAME.fullmatch(one))
                self.add(f"This page gives an element the class '{_short(bad)}', which is not a plain name",
                         "Use classes of letters, digits and '-' only, starting with a letter, "
                         "like { .big }", bad)
                continue
            if attribute_allowed(tag, name, value):
                continue
            names = ALLOWED_ATTRIBUTES.get(tag, set()) | ALLOWED_ATTRIBUTES["*"]
            if name in names or any(name.startswith(p) for p in ALLOWED_PREFIXES):
                self.add(f"This page has an address that pages may not use (<{tag} {name}=\"{_short(value)}\">)",
                         "Use an address that starts with https:// or mailto:, or a link to a page or file "
                         "of this site", value if value else f"{name}=")
            else:
                self.add(f"This page has a '{name}' attribute on <{tag}>, which is not on the list of "
                         "HTML our pages may use",
                         f"Remove '{name}'. The HTML pages may use is listed in coproduction/html_safety.py",
                         f"{name}=")

    def _check_known_dangers(self, tag, attrs):
        if tag == "script":
            self.add("This page contains a script (<script>). Pages may not run code, "
                     "and the site's security policy would block it",
                     "Remove the script. If the page really needs one, ask a maintainer "
                     "to add it as a file in docs/assets/javascripts/", "<script")
        if tag == "style":
            self._in_style = True
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.add(f"This page has an event handler ({name}=...), which runs code "
                         "when someone uses the page", f"Remove the '{name}' attribute", f"{name}")
            elif name in URL_ATTRS and _JAVASCRIPT.match(value):
                self.add("This page has a 'javascript:' address, which runs code when someone clicks it",
                         "Link to a page or a website instead", "javascript:")
            elif name == "style":
                self._check_style(value, "style=")
        before = len(self.problems)
        for name in FETCHING_ATTRS.get(tag, ()):
            value = dict(attrs).get(name) or ""
            urls = _srcset_urls(value) if name == "srcset" else [value]
            for url in urls:
                if is_other_host(url):
                    self.add(f"This page loads a file from another website ({url}) with <{tag} {name}>. "
                             "Our pages must not load anything from other websites: it would tell them "
                             "who reads our pages, and the site's security policy would block it",
                             DOWNLOAD_FIX, url)
        fetches_elsewhere = len(self.problems) > before
        if tag in BLOCKED_ELEMENTS and not fetches_elsewhere:
            self.add(f"This page contains <{tag}>. The site's security policy does not allow "
                     "frames or embedded objects, so it would show as an empty box",
                     "Remove it and link to the page or file instead, like [text](https://...)", f"<{tag}")

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self._check_style(data, "<style")

    def _check_style(self, css: str, clue: str):
        found = _CSS_URL.findall(css)
        for url in found:
            self.add(f"This page loads a file from another website ({url}) in its styles. "
                     "Our pages must not load anything from other websites: it would tell them "
                     "who reads our pages, and the site's security policy would block it",
                     DOWNLOAD_FIX, url)
        if not found:
            what = "a <style> element" if clue == "<style" else "a style attribute (style=...)"
            self.add(f"This page has {what}. The site's security policy blocks styles written "
                     "into a page, so it would do nothing",
                     "Remove it. For a special look, ask a maintainer to add a class "
                     "to overrides/assets/stylesheets/site.css", clue)


class _TreeScanner(_Scanner):
    """The same checks on the elements a browser would see.

    Python's HTMLParser and a browser disagree on some broken markup (`<!-->`
    closes a comment in a browser; `<![CDATA[` is a bogus comment that ends at
    the first '>'), which could hide a tag from the first pass. tinyhtml5
    parses as the HTML standard says, so it finds what a browser would."""
    _NAMESPACES = {"http://www.w3.org/1999/xlink": "xlink:", "http://www.w3.org/XML/1998/namespace": "xml:",
                   "http://www.w3.org/2000/xmlns/": "xmlns:"}

    def get_starttag_text(self):
        return None

    def scan(self, html: str):
        for element in tinyhtml5.parse(html).iter():
            if not isinstance(element.tag, str):
                continue  # a comment
            tag = element.tag.rsplit("}", 1)[-1].lower()
            if tag in ("html", "head", "body") and not element.attrib:
                continue  # made up by the parser around the page's HTML
            attrs = [(self._name(name), value) for name, value in element.attrib.items()]
            self.handle_starttag(tag, attrs)
            if tag == "style":
                self._check_style(element.text or "", "<style")

    def _name(self, name: str) -> str:
        if name.startswith("{"):
            namespace, local = name[1:].split("}", 1)
            return (self._NAMESPACES.get(namespace, "") + local).lower()
        return name.lower()


# A tag in a page's HTML, taken out to leave its words.
TAG = re.compile(r"<[^>]+>")


def words_of(page_html: str) -> str:
    """A page's words as a reader sees them: tags out, character references read (&nbsp; is a
    space), spaces made one, and no space left before a mark where a tag ended ("it</a>." is "it.")."""
    words = " ".join(html_lib.unescape(TAG.sub(" ", page_html)).split())
    return re.sub(r" ([.,;:!?)])", r"\1", words)


def offsets_after_tags(html: str, positions: list[tuple[int, int]]) -> list[int]:
    """For each position Python's HTMLParser gave for a tag (getpos(): its line from 1 and its
    column), the offset in `html` just after that tag's '>'. The build places its additions there
    (the case-study box, the note after a doubtful source); its lines are counted as the parser
    counts them, by '\n' alone. An end tag has only its name (_END_TAG_WITH_MORE), so its first
    '>' is its end, to a browser too."""
    starts = [0]
    for line in html.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return [html.index(">", starts[line - 1] + column) + 1 for line, column in positions]


# A hidden note in a page (an HTML comment), to its first end, as a browser ends one.
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def without_comments(html: str) -> str:
    """The page's HTML without its hidden notes (<!-- ... -->): readers never see them, and a note
    for the people who edit the page should not be published with it. Cutting text out can join
    what was left into new markup, so the plugin checks the page (find_problems) after this, as it
    is published."""
    return COMMENT.sub("", html)


# An end tag with more than its name, such as </a title=">">: a browser skips what follows the
# name, quotes and all, but Python's parser ends the tag at the first '>'. So where the build adds
# something after a page's tag (the case-study box, the note after a doubtful source), the two would
# read the page differently, and a '>' in quotes could leave the addition inside an attribute.
_END_TAG_WITH_MORE = re.compile(r"</([A-Za-z][\w:-]*)(?=[^\w:-])(?!\s*>)[^>]*>?")


def find_problems(html: str) -> list[Problem]:
    """Everything in a page's HTML that would run code, fetch from another host
    or is not on the allowlist, each problem once.

    The elements a browser would see decide (tinyhtml5, then nh3 for each tag
    and attribute). Only if there are problems do we read the HTML again with
    Python's HTMLParser, which keeps each tag as written: that finds the line.
    An end tag with more than its name in it (_END_TAG_WITH_MORE) is a problem too."""
    ends = [Problem(f"This page has an end tag with more than its name in it, like '{_short(match[0])}'",
                    f"Write it as </{match[1]}>, with nothing after the name", match[0])
            for match in _END_TAG_WITH_MORE.finditer(html)]
    browser_view = _TreeScanner()
    browser_view.scan(html)
    if not browser_view.problems:
        return ends
    as_written = _Scanner()
    as_written.feed(html)
    as_written.close()
    clues = {}
    for problem in as_written.problems:
        clues.setdefault(problem.problem, problem.clue)
    return ends + [Problem(p.problem, p.fix, clues.get(p.problem, p.clue)) for p in browser_view.problems]


def line_of(source: str, clue: str | tuple[str, ...]) -> int | None:
    """The line of the page's source (outside code) where `clue` first shows, if it does."""
    text = blank_out_code(source).lower()
    for one in ((clue,) if isinstance(clue, str) else clue):
        at = text.find(one.lower()) if one else -1
        if at >= 0:
            return line_of_offset(source, at)
    return None
