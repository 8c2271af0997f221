"""Every picture a contributor puts on a page says what it shows.

A screen reader reads a picture's description (its alt text) in the picture's
place; with none, the reader hears nothing, or the file name. In Markdown the
description goes between the square brackets: `![A chart of the seven steps](chart.png)`.
`![](chart.png)` gives an empty one, which axe-core accepts (it marks a picture
as decoration), so only the build can tell the contributor. A description with
no letter or digit in it (a space, a dash, a zero-width space) counts as none.

The check reads each page's HTML, so a picture written in Markdown, one written
as an <img> tag and one a macro makes all count the same. The one exception is
the small preview our macros put beside each download link (macros/downloads.py,
macros/easy_read.py): it is decoration on purpose, because the link beside it
says what it is. Those previews carry one of the classes in DECORATIVE.
"""
from __future__ import annotations

import unicodedata
from html.parser import HTMLParser

from .errors import ContentError
from .html_safety import line_of

DECORATIVE = {"pdf-download__preview", "downloads__preview"}


class _Pictures(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.undescribed: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            values = dict(attrs)
            if DECORATIVE & set((values.get("class") or "").split()):
                return
            if not says_something(values.get("alt") or ""):
                self.undescribed.append(values.get("src") or "")


def says_something(description: str) -> bool:
    """Has the description a letter or a digit? Spaces, dashes or an invisible character
    (a zero-width space, which strip() keeps) read as nothing, or as noise."""
    return any(unicodedata.category(char)[0] in "LN" for char in description)


def undescribed(page_html: str) -> list[str]:
    """The address of each picture in the page's HTML that has no description, in order."""
    parser = _Pictures()
    parser.feed(page_html)
    parser.close()
    return parser.undescribed


def problems(page_html: str, source, shown: str) -> list[ContentError]:
    """A problem for each picture with no description, at its line of the page's source
    (`source()` reads it, only if there is one), with the fix in the syntax used on that line."""
    names = [src.rsplit("/", 1)[-1] for src in undescribed(page_html)]
    if not names:
        return []
    text = source()
    found = []
    for name in names:
        line = line_of(text, name)
        if "<img" in (text.split("\n")[line - 1].lower() if line else ""):
            fix = 'Write what it shows in the tag\'s alt, for example alt="Five people around a table"'
        else:
            fix = f"Write what it shows between the square brackets, for example ![Five people around a table]({name})"
        found.append(ContentError(shown, f"The picture '{name}' has no description, so people who use a screen "
                                  "reader will not know what it shows", fix, line=line))
    return found
