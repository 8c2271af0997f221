"""Find the sentences a reader reads in a Markdown page, with their line numbers.

We read the Markdown source, not the built HTML, so every sentence keeps the
line number a contributor sees in their editor, and the command line check
gives the same answer as the build.

What we leave out: front matter, code (fenced, indented by four spaces, and
`inline`; a fence that is never closed runs to the end of the page), template code
({{ }}, {% %}, {# #}: on our pages it only ever inserts the model's quoted
words, which are scored on their own), HTML tags (their text stays), comments,
URLs (link text stays), images, footnote markers, attribute lists
({ data-toc-label="Version" }, {rel="nofollow"}, { .wide }), icon and emoji
codes (:material-check:), and the markers of tables, admonitions (!!! ???)
and tabs (===).

Headings, admonition titles and tab titles are marked, so the advice can list
body sentences first; so are table cells, which are short by nature and so are
left out of the "chopped text" advice (advice.py). Each sentence keeps the line of every word in it, so
advice about one word points at that word's line.

What counts as the end of a sentence: ".", "!" or "?" followed by a space or
the end of the block, and also the end of every heading, list item, table
cell, admonition title and paragraph. So an unpunctuated bullet list is many
short sentences, not one long one. Full stops inside "e.g.", "i.e.", "Dr",
"No. 5", "3.50" and "9.30am" do not end a sentence.
"""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

from ..markdown_source import FENCE, blank_out_code, front_matter_line_count


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    body: bool = True  # False for a heading, admonition title or tab title
    cell: bool = False  # True for the words of a table cell
    # The line of each word (split at spaces) in text; empty when every word is on `line`.
    word_lines: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def line_at(self, offset: int) -> int:
        """The line of the word at this offset in text."""
        index = self.text.count(" ", 0, offset)
        return self.word_lines[index] if index < len(self.word_lines) else self.line


@dataclass(frozen=True)
class Link:
    url: str
    line: int


@dataclass
class Extraction:
    sentences: list[Sentence] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


def _blank(match: re.Match) -> str:
    """Replace a match with spaces but keep its line breaks, so line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


# --- Whole-page patterns (may span lines) ------------------------------------
# Attribute lists with an id, "{#costs}" or "{ #costs .wide }": removed before
# template comments, so "{#" here is not read as the start of one.
_ID_ATTR = re.compile(r"\{:?\s*#[\w-]+(?:\s+[^{}\n]*)?\}")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_HIDDEN_HTML = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)

# --- Line markers ------------------------------------------------------------
_BLOCKQUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT_OR_RULE = re.compile(r"^\s{0,3}(?:=+|-+|(?:[-*_]\s*){3,})\s*$")
_ADMONITION = re.compile(r'^\s*(?:!!!|\?\?\?\+?|===\+?)\s*(?:[\w-]+(?:\s+[\w-]+)*)?\s*(?:"(.*)")?\s*$')
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s+(?:\[[ xX]\]\s+)?(.*))?$")
_DEFINITION = re.compile(r"^\s*:\s+(.*)$")
_FOOTNOTE_DEF = re.compile(r"^\s{0,3}\[\^[^\]]+\]:\s*(.*)$")
_REFERENCE_DEF = re.compile(r"^\s{0,3}\[[^\]^][^\]]*\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_ABBREVIATION_DEF = re.compile(r"^\s{0,3}\*\[[^\]]+\]:")
_TABLE_DIVIDER = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")

# --- Inline patterns ---------------------------------------------------------
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|!\[[^\]]*\]\[[^\]]*\]")
_LINK = re.compile(r"\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]]+")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
# An attribute list: "{ .wide }", "{: #id }", '{ data-toc-label="Version" }', '{rel="nofollow"}'.
_ATTR = r"""(?:[.#][\w-]+|[\w:-]+=(?:"[^"\n]*"|'[^'\n]*'|[^\s}]*))"""
_ATTR_LIST = re.compile(r"\{:?\s*[.#:][^}]*\}|\{:\s*\}|\{:?\s*" + _ATTR + r"(?:\s+" + _ATTR + r")*\s*\}")
# Icons and emoji (":material-check:", ":smile:"): names, not words.
_SHORTCODE = re.compile(r"(?<![\w:/]):[a-z][a-z0-9_+]*(?:-[a-z0-9_+]+)*:(?![\w:/])")
# A shortcut reference link "[tablesort documentation]": the text stays, the brackets go.
_SHORTCUT_LINK = re.compile(r"\[([^\[\]\n]+)\](?![(\[:])")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|~~|==|\^\^")
_HAS_EMPHASIS = re.compile(r"[*_~=^]").search

# --- Sentence ends -----------------------------------------------------------
# ".", "!" or "?" (maybe several, maybe then a closing quote or bracket) before a space.
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u2019\u201d)\]]*(?=\s)")
# A full stop after these never ends a sentence.
_NEVER_END = {"e.g.", "i.e.", "eg.", "ie.", "cf.", "dr.", "mr.", "mrs.", "ms.", "prof.", "st.",
              "vs.", "approx.", "incl.", "esp.", "fig.", "p.", "pp."}
# A full stop after these ends a sentence only if a capital letter follows ("etc. Then").
_END_IF_CAPITAL = {"etc.", "al."}
_NUMBER_ABBREVIATIONS = {"no.", "nos."}  # "No. 5": not an end when a number follows


def _url_line(urls: list[Link], url: str, line: int) -> None:
    url = url.rstrip(".,;:!?'\"")
    if url.startswith(("http://", "https://", "www.")):
        urls.append(Link(url, line))


def _clean_inline(text: str, line: int, links: list[Link]) -> str:
    """The words of one line, without Markdown or HTML marks."""
    # Most lines are plain words: only run the patterns whose marks are there.
    if "[" in text or "]" in text:
        text = _IMAGE.sub(" ", text)

        def link_text(match: re.Match) -> str:
            _url_line(links, match.group(2), line)
            return match.group(1)

        text = _LINK.sub(link_text, text)
        text = _REF_LINK.sub(r"\1", text)
        text = _FOOTNOTE_REF.sub("", text)
        text = _SHORTCUT_LINK.sub(r"\1", text)
    if "<" in text:
        text = _AUTOLINK.sub(lambda m: (_url_line(links, m.group(1), line), " ")[1], text)
    if "http" in text or "www." in text:
        text = _BARE_URL.sub(lambda m: (_url_line(links, m.group(0), line), " ")[1], text)
    if "{" in text:
        text = _ATTR_LIST.sub(" ", text)
    if ":" in text:
        text = _SHORTCODE.sub(" ", text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if _HAS_EMPHASIS(text):
        text = _EMPHASIS.sub("", text)
    return html.unescape(text) if "&" in text else text


def _table_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that belong to a table: a divider row and the rows around it."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if "-" in line and "|" in line and _TABLE_DIVIDER.match(line):
            for step in (-1, 1):
                other = index + step
                while 0 <= other < len(lines) and "|" in lines[other] and lines[other].strip():
                    found.add(other)
                    other += step
            found.add(index)
    return found


def _blocks(text: str, links: list[Link]) -> list[list[tuple[int, str]]]:
    """Split the page into blocks (paragraph, heading, list item, cell...),
    each a list of (line number, cleaned text) pieces. A block of a heading
    or title is a list of type _Title."""
    lines = text.split("\n")
    tables = _table_lines(lines)
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []

    def close() -> None:
        nonlocal current
        if current:
            blocks.append(current)
        current = []

    def alone(number: int, words: str, title: bool = False) -> None:
        close()
        blocks.append((_Title if title else list)([(number, _clean_inline(words, number, links))]))

    for index, raw in enumerate(lines):
        number = index + 1
        line = _BLOCKQUOTE.sub("", raw).rstrip() if ">" in raw else raw.rstrip()
        first = line.lstrip()[:1]
        if not first:
            close()
            continue
        if first.isalpha() and index not in tables:
            # A line that starts with a letter carries on a paragraph: no block marks to look for.
            cleaned = _clean_inline(line, number, links)
            if cleaned.strip():
                current.append((number, cleaned))
            else:
                close()
            continue
        if index in tables:
            close()
            if _TABLE_DIVIDER.match(line):
                continue
            # Each cell is read on its own. "\|" is a pipe inside a cell.
            for cell in re.split(r"(?<!\\)\|", line.strip().strip("|")):
                if cell.strip():
                    close()
                    blocks.append(_Cell([(number, _clean_inline(cell, number, links))]))
            continue
        if _ABBREVIATION_DEF.match(line):
            close()
            continue
        match = _REFERENCE_DEF.match(line)
        if match:
            close()
            _url_line(links, match.group(1), number)
            continue
        match = _ADMONITION.match(line)
        if match and line.lstrip()[:3] in ("!!!", "???", "==="):
            close()
            if match.group(1):
                alone(number, match.group(1), title=True)
            continue
        match = _HEADING.match(line)
        if match:
            words = _ATTR_LIST.sub(" ", match.group(1) or "")
            alone(number, re.sub(r"\s#+\s*$", "", words), title=True)
            continue
        if _SETEXT_OR_RULE.match(line):
            close()
            continue
        for pattern in (_LIST_ITEM, _FOOTNOTE_DEF, _DEFINITION):
            match = pattern.match(line)
            if match:
                close()
                line = match.group(1) or ""
                break
        cleaned = _clean_inline(line, number, links)
        if not cleaned.strip():
            # A line of nothing but tags (<div>, </blockquote>) separates blocks too.
            close()
            continue
        current.append((number, cleaned))
    close()
    return blocks


class _Title(list):
    """The one piece of a heading, admonition title or tab title."""


class _Cell(list):
    """The one piece of a table cell."""


# A line that opens a fence, or holds content indented inside a list item,
# admonition, tab or footnote (Python-Markdown indents those by four spaces).
_FENCE_OPEN = re.compile(r"^[ \t]*(?:`{3,}|~{3,})")
_CONTAINER = re.compile(r"^[ \t]*(?:[-*+][ \t]|\d{1,9}[.)][ \t]|!!!|\?\?\?|===|\[\^[^\]]+\]:|:[ \t])")


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _blank_code_lines(text: str, original: str) -> str:
    """Blank out indented code blocks and a fence that is never closed.

    Closed fences, template code and comments are already blank in `text`;
    `original` (same lines) gives their indents. An indented code block is a
    run of lines indented four spaces more than the list item, admonition or
    tab around them, after a blank line; it cannot interrupt a paragraph."""
    lines = text.split("\n")
    originals = original.split("\n")
    content = [0]  # indents of the containers we are in, innermost last
    previous_blank = True
    in_code = False
    for index, line in enumerate(lines):
        if not originals[index].strip():
            previous_blank = True
            continue
        if not line.strip():  # code, template code or a comment, blanked already
            previous_blank = in_code = False
            continue
        indent = _indent(originals[index])
        if _FENCE_OPEN.match(line):
            # Every closed fence is blank by now: this one runs to the end.
            for rest in range(index, len(lines)):
                lines[rest] = ""
            break
        while len(content) > 1 and indent < content[-1]:
            content.pop()
        if (in_code or previous_blank) and indent >= content[-1] + 4:
            lines[index] = ""
            in_code = True
            continue
        in_code = False
        previous_blank = False
        if _CONTAINER.match(line):
            content.append(indent + 4)
    return "\n".join(lines)


def _ends_sentence(block: str, match: re.Match) -> bool:
    mark = match.group(0)
    if "!" in mark or "?" in mark or mark.startswith(".."):
        return True
    word = block[:match.start() + 1].rsplit(None, 1)[-1].lower().lstrip("(\"'\u2018\u201c")
    following = block[match.end():].lstrip()[:1]
    if word in _NEVER_END:
        return False
    if word in _END_IF_CAPITAL:
        return following.isupper()
    if word in _NUMBER_ABBREVIATIONS:
        return not following.isdigit()
    return True


def split_sentences(block: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence in one block of plain text."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(block):
        if _ends_sentence(block, match):
            found.append((start, block[start:match.end()]))
            start = match.end()
    found.append((start, block[start:]))
    return [(offset + len(text) - len(text.lstrip()), text.strip())
            for offset, text in found if text.strip()]


_WORD = re.compile(r"\S+")
# A letter or a digit: what str.isalnum() accepts (\w is those and "_").
_has_words = re.compile(r"[^\W_]").search


def extract(source: str) -> Extraction:
    """The sentences and external links of a Markdown page."""
    head = front_matter_line_count(source)
    lines = source.split("\n")
    text = original = "\n" * head + "\n".join(lines[head:])
    # Each pattern only runs if its marks are on the page: most pages have few.
    if "```" in text or "~~~" in text:
        text = FENCE.sub(_blank, text)
    if "{" in text:
        text = _ID_ATTR.sub(_blank, text)
        text = _JINJA.sub(_blank, text)
    if "<!--" in text or "<script" in text or "<style" in text:
        text = _HIDDEN_HTML.sub(_blank, text)
    if "`" in text:
        text = blank_out_code(text)  # inline `code`
    if "    " in text or "\t" in text or "```" in text or "~~~" in text:
        text = _blank_code_lines(text, original)

    result = Extraction()
    for block in _blocks(text, result.links):
        joined, starts, numbers = "", [], []
        for number, piece in block:
            starts.append(len(joined))
            numbers.append(number)
            joined += piece.strip() + " "
        body, cell = not isinstance(block, _Title), isinstance(block, _Cell)
        for offset, sentence in split_sentences(joined):
            if not _has_words(sentence):
                continue
            first = bisect.bisect_right(starts, offset) - 1
            if first == bisect.bisect_right(starts, offset + len(sentence) - 1) - 1:
                word_lines = ()  # the whole sentence is on one line (most are)
            else:
                word_lines = tuple(numbers[bisect.bisect_right(starts, offset + word.start()) - 1]
                                   for word in _WORD.finditer(sentence))
            result.sentences.append(Sentence(" ".join(sentence.split()), numbers[first], body=body,
                                             cell=cell, word_lines=word_lines))
    return result


def sentences_of(text: str) -> list[str]:
    """Sentences of plain text such as a quoted passage (no Markdown)."""
    return [" ".join(s.split()) for block in re.split(r"\n\s*\n", text)
            for _, s in split_sentences(" ".join(block.split()) + " ") if _has_words(s)]
