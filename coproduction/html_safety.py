"""Find HTML in a page that would run code or load something from another website.

Contributors may write raw HTML in Markdown. We check the HTML that Markdown
produced (so code blocks, which come out escaped, are never flagged) and then
look for the line in the page's source, so the message can point at it.

Links to other websites (`<a href>`, `[text](https://...)`) are fine: a reader
chooses to follow them. Things a browser fetches on its own as the page loads
(scripts, frames, images, styles, fonts, media) are not: they would tell other
websites who reads our pages, and the content security policy blocks them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .markdown_source import blank_out_code, line_of_offset

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

_OTHER_HOST = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_CSS_URL = re.compile(r"""(?:@import\s*|url\(\s*)['"]?\s*((?:[a-z][a-z0-9+.-]*:)?//[^'")\s;]+)""",
                      re.IGNORECASE)
_JAVASCRIPT = re.compile(r"^[\s\x00-\x1f]*j[\s\x00-\x1f]*a[\s\x00-\x1f]*v[\s\x00-\x1f]*a[\s\x00-\x1f]*"
                         r"s[\s\x00-\x1f]*c[\s\x00-\x1f]*r[\s\x00-\x1f]*i[\s\x00-\x1f]*p[\s\x00-\x1f]*t"
                         r"[\s\x00-\x1f]*:", re.IGNORECASE)

DOWNLOAD_FIX = ("Download the file into docs/assets/ and use it from there, "
                "or make it a normal link instead, like [text](https://...)")


@dataclass
class Problem:
    problem: str
    fix: str
    # Text to look for in the page's source to find the line.
    clue: str


def is_other_host(url: str) -> bool:
    return bool(_OTHER_HOST.match(url))


def _srcset_urls(value: str) -> list[str]:
    return [part.split()[0] for part in value.split(",") if part.split()]


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[Problem] = []
        self._in_style = False

    def add(self, problem, fix, clue):
        self.problems.append(Problem(problem, fix, clue))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_starttag(self, tag, attrs):
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
                     "to docs/assets/stylesheets/site.css", clue)


def find_problems(html: str) -> list[Problem]:
    """Everything in a page's HTML that would run code or fetch from another host."""
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.problems


def line_of(source: str, clue: str) -> int | None:
    """The line of the page's source (outside code) where `clue` first shows, if it does."""
    at = blank_out_code(source).lower().find(clue.lower())
    return line_of_offset(source, at) if at >= 0 else None
