"""A Markdown page as its author wrote it: read once, front matter parsed once.

The stable API (the readability gate, the safety checks and the case studies
all use it; nothing else should read a page's file or its front matter):

    page = load_page(path, shown_as="docs/guides/start.md")  # cached per file version
    page.shown         # the path to name in messages, e.g. "docs/guides/start.md"
    page.text          # the whole file, as written (UTF-8, checked)
    page.meta          # the front matter as a dict ({} if there is none)
    page.meta_node     # its YAML node tree (for lines), or None
    page.meta_line(key)  # the file line of a front-matter key, or None
    page.body_line     # the file line the body starts on (1 without front matter)
    page.body          # the text after the front matter
    page.lines         # page.text split into lines
    Page.from_text(text, shown)  # the same, for text that is not in a file

Errors (ContentError, with the file and line): not UTF-8; bigger than
limits.MAX_PAGE_BYTES; front matter that is not valid YAML; a front-matter key
written twice; a YAML anchor or alias.

Older helpers kept for the code that imports them: read_page() (the text),
front_matter_line_count(), blank_out_code(), line_of_offset().
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .datafile import parse_yaml
from .errors import ContentError
from .limits import page_too_big

# What MkDocs takes as front matter: '---' on the first line, up to '---' or '...'.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# MkDocs also drops the blank lines after it, before the Markdown it hands on.
_FRONT_MATTER_AND_BLANKS = re.compile(r"\A(---\s*\n.*?\n)(?:---|\.\.\.)\s*\n", re.DOTALL)
# The one code-fence rule: a fence at any indent (inside list items and admonitions
# too, as pymdownx.superfences reads them), closed by the same fence at the same indent.
FENCE = re.compile(r"^([ \t]*)(`{3,}|~{3,})[^\n]*\n.*?^\1\2[ \t]*$", re.MULTILINE | re.DOTALL)
# Inline code: within one paragraph, as Python-Markdown reads it, so never across an empty line
# (in a quote, a line of only '>' marks).
_INLINE_CODE = re.compile(r"(`+)(?!`)(?:(?!\n(?:[ \t]*>)*[ \t]*\n).)+?(?<!`)\1(?!`)", re.DOTALL)


@dataclass(frozen=True)
class Page:
    shown: str
    text: str
    meta: dict = field(default_factory=dict)
    meta_node: Any = None
    body_line: int = 1

    @classmethod
    def from_text(cls, text: str, shown: str | Path) -> "Page":
        shown = str(shown)
        match = _FRONT_MATTER.match(text)
        if not match:
            return cls(shown, text)
        data, node = parse_yaml(match.group(1) or "", shown, first_line=2, what="The front matter")
        return cls(shown, text, data if isinstance(data, dict) else {}, node, match.group(0).count("\n") + 1)

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    @property
    def body(self) -> str:
        return "".join(self.text.splitlines(keepends=True)[self.body_line - 1:])

    def meta_line(self, key: str) -> int | None:
        if not isinstance(self.meta_node, yaml.MappingNode):
            return None
        return next((k.start_mark.line + 2 for k, _ in self.meta_node.value if k.value == key), None)


def read_page(path: str | Path, shown_as: str | None = None) -> str:
    """Read a page's text, with a clear message if it is not UTF-8 text.

    `shown_as` is the path to name in that message (e.g. relative to the project)."""
    too_big = page_too_big(str(shown_as or path), os.stat(path).st_size)
    if too_big:
        raise too_big
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise ContentError(shown_as or path, "This page is not saved as UTF-8 text, so some letters would show as nonsense",
                           "Open it in your editor and save it with the encoding 'UTF-8'", line=line) from None
    # As MkDocs reads it (encoding 'utf-8-sig', universal newlines): without a byte
    # order mark, every line ending a "\n". Otherwise the checks could miss front
    # matter that MkDocs finds.
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


# One entry per file: a rebuild under `mkdocs serve` re-reads only changed files.
_pages: dict[tuple[str, str], tuple[tuple[int, int], Page]] = {}


def load_page(path: str | Path, shown_as: str | None = None) -> Page:
    """The page at `path`, read and parsed once for as long as the file is unchanged."""
    shown = shown_as or str(path)
    stat = os.stat(path)
    version = (stat.st_mtime_ns, stat.st_size)
    key = (os.path.abspath(path), shown)
    cached = _pages.get(key)
    if cached and cached[0] == version:
        return cached[1]
    page = Page.from_text(read_page(path, shown), shown)
    _pages[key] = (version, page)
    return page


def front_matter_line_count(source: str) -> int:
    """How many lines the front matter (with its --- lines and the blank lines after it) takes up:
    add it to a line number in the Markdown MkDocs hands to plugins to get the file's line.
    Settings with no '---' after them count too (unclosed_front_matter): the build reads the page
    with them blanked out (with_empty_front_matter), and MkDocs drops the empty lines at its top."""
    match = _FRONT_MATTER_AND_BLANKS.match(source)
    if match:
        return match.group(0).count("\n")
    last = unclosed_front_matter(source) if source.startswith("---") else 0
    if not last:
        return 0
    after = source.replace("\r\n", "\n").replace("\r", "\n").split("\n")[last:]
    return last + next((n for n, line in enumerate(after) if line), len(after))


# MkDocs' own pattern for `---` front matter (mkdocs.utils.meta.YAML_RE).
_MKDOCS_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)


def with_empty_front_matter(source: str) -> str | None:
    """The page with its `---` front matter emptied (`{}`), on as many lines as before: MkDocs then
    reads no field from it, and hands on the same Markdown, so every line keeps its number.
    Settings under a '---' with no '---' after them (unclosed_front_matter) are blanked out.
    None if the page has no front matter that MkDocs would read that way."""
    match = _MKDOCS_FRONT_MATTER.match(source)
    if not match and (last := unclosed_front_matter(source)):  # settings with no '---' after them: blanked out
        return "\n" * last + "".join(source.splitlines(keepends=True)[last:])
    if not match:
        return None
    return "---\n{}\n" + "\n" * (match.group(1).count("\n") - 1) + "---\n" + source[match.end():]


# A setting of front matter ("title: ..."), or what carries one on: an indented line, a list item.
_SETTING = re.compile(r"[ \t]*[A-Za-z0-9_-]+[ \t]*:")
_MORE_OF_A_SETTING = re.compile(r"[ \t]+\S|-[ \t]")


def unclosed_front_matter(source: str) -> int:
    """The line of the last setting, when a page starts with a line of '---' and settings, but no line
    of '---' ends them: MkDocs then shows them as words of the page. 0 for any other page."""
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    if not source.startswith("---"):
        return 0
    lines = source.split("\n")
    if lines[0].strip() != "---" or _MKDOCS_FRONT_MATTER.match(source):
        return 0
    last = 0
    for number, line in enumerate(lines[1:], start=2):
        if _SETTING.match(line) or (last and _MORE_OF_A_SETTING.match(line)):
            last = number
        else:
            break
    return last


def blank_out_code(text: str) -> str:
    """Replace code blocks and inline code with spaces, keeping line numbers."""
    def blank(match: re.Match) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))
    # Most pages have no code: only run a pattern if its marks are there.
    if "```" in text or "~~~" in text:
        text = FENCE.sub(blank, text)
    return _INLINE_CODE.sub(blank, text) if "`" in text else text


def line_of_offset(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
