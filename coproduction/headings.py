"""A page's headings go down one level at a time, under one title.

People who use a screen reader often move around a page by its headings, and
hear each heading's level. A page that goes from `##` straight to `####`
sounds as if a part is missing; a second `#` title sounds like a second page.
axe-core finds both in the browser tests (heading-order, page-has-heading-one),
but only after the build, and in its own words; the build says it at the line.

The check reads each page's HTML, so a heading written in Markdown, one written
as a tag and one a macro makes all count. Material adds the page's title as a
level-1 heading when the page has none of its own, so a page may start at `##`.

A line that starts with # and no space, like `#1 rule` or `##Costs`, is a
heading here (Python-Markdown) but words in GitHub's preview (CommonMark), so a
contributor who checks the preview sees no heading. Such a heading gets that
message alone, not a level's: it may not be meant as a heading at all.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

from markupsafe import Markup

from .errors import ContentError
from .html_safety import line_of, words_of
from .markdown_source import blank_out_code, front_matter_line_count, line_of_offset

# A heading line, to its end: its #s, then a space (as GitHub needs) or not.
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+\S|[^\s#]).*", re.MULTILINE)


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.headings: list[tuple[int, str]] = []
        self._level = 0
        self._text: list[str] = []
        self._in_anchor = 0  # the ¶ link Markdown's toc adds to each heading

    def handle_starttag(self, tag, attrs):
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self._level, self._text = int(tag[1]), []
        elif tag == "a" and self._level and "headerlink" in (dict(attrs).get("class") or "").split():
            self._in_anchor += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._in_anchor:
            self._in_anchor -= 1
        elif self._level and tag == f"h{self._level}":
            self.headings.append((self._level, " ".join("".join(self._text).split())))
            self._level = 0

    def handle_data(self, data):
        if self._level and not self._in_anchor:
            self._text.append(data)


def headings(page_html: str) -> list[tuple[int, str]]:
    """Each heading in the page's HTML, in order: its level and its words."""
    parser = _Headings()
    parser.feed(page_html)
    parser.close()
    return parser.headings


def _written(text: str) -> list[tuple[int, int, str]]:
    """Each heading line of a page's source, outside code and front matter: its line number, its
    level and what is written on it."""
    body = sum(len(line) for line in text.splitlines(keepends=True)[:front_matter_line_count(text)])
    return [(line_of_offset(text, match.start()), len(match[1]), text[match.start():match.end()].strip())
            for match in _ATX.finditer(blank_out_code(text)) if match.start() >= body]


def problems(page_html: str, source, shown: str) -> list[ContentError]:
    """A problem for each heading written with no space after its #s, each that skips a level,
    for a second title and for a title under another heading, at its line of the page's source
    (`source()` reads it), with the fix."""
    listed = headings(page_html)
    if not listed:
        return []
    text = source()
    written = _written(text)
    # The n-th heading of the HTML is the n-th heading line of the source, unless a macro, a tag or
    # an underlined heading makes a heading: then the line is the first that has its words.
    same_shape = [level for _, level, _ in written] == [level for level, _ in listed]
    unspaced = _unspaced(written, listed, same_shape)
    found = []  # (index of the heading, problem, fix, line if known)
    for n, (line, marks, as_written) in unspaced.items():
        found.append((n, f"The line '{as_written}' has no space after its {marks}, so this site shows it as a "
                         "heading, but GitHub's preview shows it as words",
                      f"If it is a heading, put a space after the {marks}. If it is words, "
                      "put a backslash (\\) before the first #", line))
    titles = [n for n, (level, _) in enumerate(listed) if level == 1 and n not in unspaced]
    previous = 1  # Material's title, or the page's own
    for n, (level, words) in enumerate(listed):
        if n in unspaced:  # perhaps not meant as a heading: its own message only
            continue
        if level == 1 and titles and n != titles[0]:
            found.append((n, f"The heading '{words}' is a second title (a line that starts with one #). "
                             "A page has one title, at the top, and people who use a screen reader "
                             "hear this as the start of a new page", "Start it with ## instead of #", None))
        elif level == 1 and n and any(m not in unspaced for m in range(n)):
            found.append((n, f"The page's title '{words}' comes after another heading, so the headings "
                             "above it are outside the page's outline",
                          "Move the title (the line that starts with one #) to the top of the page", None))
        elif level > previous + 1:
            found.append((n, f"The heading '{words}' jumps from level {previous} to level {level}. People who "
                             "use a screen reader move around a page by its headings, and a skipped level "
                             "sounds like a missing part",
                          f"Start it with {'#' * (previous + 1)} instead of {'#' * level}", None))
        previous = level
    return [ContentError(shown, problem, fix, line=line or (written[n][0] if same_shape else line_of(text, listed[n][1])))
            for n, problem, fix, line in sorted(found, key=lambda item: item[0])]


_TAG_START = re.compile(r"<[A-Za-z/!?]")


def title_problem(title: str | None, source, shown: str) -> ContentError | None:
    """A page title whose words have '<' or '>' in them, at the title's line.

    A page with no title in its front matter takes its first heading as its title. Material
    prints that title in the page's <title> through Jinja's striptags, which turns '&lt;' back
    into '<'. So `# Plans `</title><meta ...>`` (in code, or written as &lt;) would close the
    <title> and start a live tag in the page's head, after the HTML check has passed. The
    check reads the title as striptags leaves it, for a '<' that starts a tag (before a letter,
    '/', '!' or '?'). "Waits of <18 weeks" or "groups of >10" are words, and fine."""
    words = Markup(title or "").striptags()
    if not _TAG_START.search(words):
        return None
    line = next((line for line, level, _ in _written(source()) if level == 1), None)
    return ContentError(shown, f"The page's title '{words}' has what looks like a tag in it: a '<' before a "
                        "letter or '/'. A browser reads that in a page's title as the start of code, not as words",
                        "Take the '<' out of the title, or write it as words, such as 'less than'", line=line)


def _unspaced(written: list[tuple[int, int, str]], listed: list[tuple[int, str]],
              same_shape: bool) -> dict[int, tuple[int, str, str]]:
    """The headings written with no space after their #s: each one's place among the page's
    headings, its line, its #s and the line as written. When the source and the HTML do not
    line up, only a line whose words are a heading's words counts (a # line in an HTML comment
    makes no heading)."""
    found = {}
    for place, (line, level, as_written) in enumerate(written):
        if as_written[level:level + 1].isspace():
            continue
        if not same_shape:
            words = " ".join(as_written.strip("#").split())
            place = next((n for n, heading in enumerate(listed) if heading == (level, words) and n not in found), None)
            if place is None:
                continue
        found[place] = (line, "#" * level, as_written)
    return found


# Each heading, with what it holds, in a page's HTML.
_HEADING = re.compile(r"<h([1-6])\b[^>]*>.*?</h\1>", re.DOTALL)


def empty_page_problem(page_html: str, shown: str) -> ContentError | None:
    """A page with no words but its headings: a new page not written yet, which would go live
    empty, in the menu. Pictures and tables count as content."""
    if re.search(r"<(?:img|table|svg)\b", page_html):
        return None
    if words_of(_HEADING.sub(" ", page_html)):
        return None
    return ContentError(shown, "This page has no words yet, besides its title, so readers would find an empty "
                        "page", "Write the page. If it is not ready, take its line out of the menu ('nav' in "
                        "mkdocs.yml) and the file out of docs/ until it is")
