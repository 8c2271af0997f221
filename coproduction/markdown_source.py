"""Small helpers for reading a Markdown page as its author wrote it."""
from __future__ import annotations

import re
from pathlib import Path

from .errors import ContentError

_FRONT_MATTER = re.compile(r"\A(---\s*\n.*?\n)(?:---|\.\.\.)\s*\n", re.DOTALL)
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,}).*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)


def read_page(path: str | Path, shown_as: str | None = None) -> str:
    """Read a page, with a clear message if it is not UTF-8 text.

    `shown_as` is the path to name in that message (e.g. relative to the project)."""
    try:
        return Path(path).read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        raw = Path(path).read_bytes()
        line = raw[: err.start].count(b"\n") + 1
        raise ContentError(shown_as or path, "This page is not saved as UTF-8 text, so some letters would show as nonsense",
                           "Open it in your editor and save it with the encoding 'UTF-8'", line=line) from None


def front_matter_line_count(source: str) -> int:
    """How many lines the YAML front matter (with its --- lines) takes up."""
    match = _FRONT_MATTER.match(source)
    return match.group(0).count("\n") if match else 0


def blank_out_code(text: str) -> str:
    """Replace code blocks and inline code with spaces, keeping line numbers."""
    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))
    return _INLINE_CODE.sub(blank, _FENCE.sub(blank, text))


def line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
