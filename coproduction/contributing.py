"""One contributing text: the site's contributing page is made from CONTRIBUTING.md.

CONTRIBUTING.md (what GitHub shows beside the repository) is the one source.
The page docs/about/contributing.md is made from it by
`make contributing` (scripts/sync-contributing.py), and a test fails if the
two differ, so they cannot drift. The page keeps its own front matter (title,
description); its body is CONTRIBUTING.md's, with three changes:

- the note at the top of CONTRIBUTING.md becomes a note saying where the page comes from;
- the section "For developers", and everything after it, is left out;
- links to pages under docs/ are made relative to the page, as MkDocs needs
  (`docs/about/build-errors.md` becomes `build-errors.md`). A link to any other
  file in the repository would not work on the site, so it is an error. A link
  shown as code, like `![A picture](meeting.png)`, is an example, not a link: it is
  left as it is.
"""
from __future__ import annotations

import posixpath
import re

from .errors import ContentError
from .markdown_source import Page, blank_out_code

SOURCE = "CONTRIBUTING.md"
PAGE = "docs/about/contributing.md"  # if the page moves, change this line only
DEVELOPERS_HEADING = "## For developers"
NOTE = ("<!-- Made from CONTRIBUTING.md by `make contributing`: change that file, then run\n"
        "     `make contributing`. A test fails if this page and CONTRIBUTING.md differ. -->\n")
_FIRST_NOTE = re.compile(r"\A(# [^\n]*\n\n)<!--.*?-->\n", re.DOTALL)
# An inline link's target: [text](target) or [text](target "title").
_LINK = re.compile(r"(\]\()([^)\s]+)((?:\s+\"[^\"]*\")?\))")
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|#|/)", re.IGNORECASE)


def page_body(source: str, page: str = PAGE) -> str:
    """The page's body (after its front matter), made from CONTRIBUTING.md's text."""
    body = source.split(f"\n{DEVELOPERS_HEADING}\n", 1)[0].rstrip("\n") + "\n"
    body, notes = _FIRST_NOTE.subn(lambda m: m.group(1) + NOTE, body, count=1)
    if not notes:
        raise ContentError(SOURCE, "The note under the first heading is missing",
                           "Keep the <!-- ... --> note under '# Contributing': the site's page gets its own there",
                           line=1)
    folder = posixpath.dirname(page)

    def relative(match: re.Match) -> str:
        target = match.group(2)
        if _EXTERNAL.match(target):
            return match.group(0)
        path, hash_, anchor = target.partition("#")
        if not path.startswith("docs/"):
            line = source.count("\n", 0, source.find(match.group(0))) + 1
            raise ContentError(SOURCE, f"The link to '{target}' goes to a file that is not a page of the site, "
                                       "so it would be broken on the site's contributing page",
                               "Link to a page under docs/, or move the link to the section 'For developers'",
                               line=line)
        return f"{match.group(1)}{posixpath.relpath(path, folder)}{hash_}{anchor}{match.group(3)}"

    # Only the links outside code (blank_out_code keeps every other character where it was).
    parts, done = [], 0
    for found in _LINK.finditer(blank_out_code(body)):
        parts += [body[done:found.start()], relative(_LINK.match(body, found.start()))]
        done = found.end()
    return "".join(parts) + body[done:]


def make_page(source: str, current_page: str, page: str = PAGE) -> str:
    """The whole page: its current front matter, then the body made from CONTRIBUTING.md."""
    parsed = Page.from_text(current_page, page)
    front_matter = "".join(current_page.splitlines(keepends=True)[:parsed.body_line - 1]).rstrip("\n")
    head = f"{front_matter}\n\n" if front_matter else ""
    return head + page_body(source, page)
