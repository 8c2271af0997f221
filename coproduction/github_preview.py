"""Pages show on the site as they do in GitHub's preview.

Contributors check a page in GitHub's preview, which follows CommonMark and
GitHub's additions to it. This site's Markdown (Python-Markdown, what MkDocs
uses) differs from it in ways that a preview never shows:

- A list straight under a line of text, with no empty line between them, joins
  the paragraph: "Bring:" then "- a pen" then "- paper" shows as one line of
  text, dashes and all. GitHub shows a list. A table does the same: its rows
  show as words with '|' between them.
- An item inside another item needs 4 spaces before it. With 2, it shows at the
  same level as the item above. GitHub nests it.
- Every numbered list starts at 1. A list that carries on after a paragraph
  ("2. Then ...") starts again at 1, and so does a paragraph that starts with
  a year and a full stop ("1996. It grew"), which Markdown reads as a list.
  GitHub shows the number written.
- A numbered list written "1) Ask", "2) Listen" shows as a line of text: only
  "1." starts a list here. GitHub shows a list either way.
- A web address typed as plain words stays plain words. GitHub makes it a link.
- "- [ ] Book a room" shows its brackets. GitHub shows a box to tick.
- "~~old words~~" shows its tildes. GitHub strikes the words out.
- A quote that starts "[!NOTE]" (one of GitHub's alerts) shows as a quote that
  starts with those words. GitHub shows a coloured note. On this site a quote
  is someone's words, as the model's are, so a note must not look like one.
- A code block with no end ("```" and no "```" after it) shows its marks as
  text. GitHub shows what follows as code.
- A hidden note ("<!-- ... -->", an HTML comment) with no "-->" at its end
  shows here as text, from its "<!--" to the end of its paragraph. GitHub's
  preview hides all that follows it, so the contributor sees nothing wrong.
- Notes at the foot of a page (footnotes) are numbered here in the order they
  are written at the foot, and GitHub numbers them in the order the page first
  cites them: written out of order, a reader meets note 1, then note 6, then 2.
  A note that the page never cites is listed here, and GitHub leaves it out.
  A note written twice ("[^carey]: ..." on two lines) shows here as the last
  one written, and in GitHub's preview as the first.
- An emoji code such as ":+1:" shows as it is. GitHub shows the emoji. Its
  codes are those of gemoji, GitHub's own list, which pymdown-extensions
  (installed for this site's Markdown) carries.

Some marks show as text here and in GitHub's preview alike, where a reader
would see them: a link with a space between "]" and "(" or with no ")" at the
end of its address, "**" or "__" with no partner to make words bold, and a
note's mark such as "[^nihr]" with no note "[^nihr]: ..." at the foot, and
the rows of a table with no line of dashes ("|---|---|") under its first row; and a table's
row with more cells than its first row, whose last cells both leave out.

Each is found in the page's source (outside code and front matter, and inside
quotes too) or in its HTML, which shows what Markdown really made, and named at
its line.
"""
from __future__ import annotations

import functools
import html as html_lib
import re
from html.parser import HTMLParser

from pymdownx.emoji import gemoji

from .errors import ContentError, shorten
from .html_safety import TAG, line_of
from .markdown_source import blank_out_code, front_matter_line_count, line_of_offset
from .sources import REGISTER_FILE

# A list item as Python-Markdown reads one: "1)" is not one here (_PAREN_ITEM).
_ITEM = re.compile(r"^(?P<indent> *)(?P<marker>[-*+]|\d{1,9}\.)[ \t]+\S")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
# A table's second line: cells of dashes, with '|' between them (and colons to align).
_ROW = re.compile(r"^ *\|.*\|")  # a line that starts with '|' and has another: a table's row
_DELIMITER = re.compile(r"^ {0,3}\|?(?: *:?-+:? *\|)+(?: *:?-+:? *)?$")
# A web address in the words, up to the punctuation that ends a sentence or a bracket.
_BARE = re.compile(r"""(?:https?://|www\.)[^\s<>()"']*[^\s<>()"'.,;:!?]""", re.IGNORECASE)
# A numbered item written "1) Ask": a list in GitHub's preview, words in a paragraph here.
_PAREN_ITEM = re.compile(r"^ {0,3}(\d{1,9})\)[ \t]+\S")
# The '>' marks that start each line of a quote (a quote inside a quote has two).
_QUOTE_MARKS = re.compile(r"^(?: {0,3}>[ \t]?)+")
# A list item that starts with a box to tick in GitHub: "[ ]", "[x]" or "[X]" (in the HTML, and in the source).
_TASK_HTML = re.compile(r"<li>(?:\s*<p>)?\s*(\[[ xX]\])(?=\s|<)")
_TASK_SOURCE = re.compile(r"^ *(?:[-*+]|\d{1,9}\.)[ \t]+\[[ xX]\](?:\s|$)")
# Words struck out in GitHub: two tildes each side, with no space just inside them.
_STRUCK = re.compile(r"~~(?=\S)[^~]*?(?<=\S)~~")
# GitHub's alerts: a quote whose first line is one of these in square brackets. Python-Markdown
# joins quotes with only an empty line between them, so each paragraph of a quote may start one.
_QUOTE = re.compile(r"<blockquote>(.*?)</blockquote>", re.DOTALL)
_ALERT = re.compile(r"<p>\s*(\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\])\s*(?:\n|<br|</p>)", re.IGNORECASE)

# A line that opens (or closes) a code block: three or more backticks or tildes at its start.
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})", re.MULTILINE)

# Marks that did not work, in the page's words: a link's "](" (its ")" missing) or "] (" before an
# address, a page or a picture (a space between "]" and "("); "**" or "__" with no partner.
_BROKEN_LINK = re.compile(r"\[[^\[\]\n]*\](?:\(| \((?=https?:|[\w./-]+\.(?:md|png|jpe?g|gif|webp|avif|svg|pdf)\b))")
_LONE_BOLD = re.compile(r"(?<![*_])(?:\*\*|__)(?![*_])")  # not a longer run, such as a line to write on: ____

# The start of a hidden note (an HTML comment), and its end.
_COMMENT_START, _COMMENT_END = "<!--", "-->"
# A footnote's citation and its item at the foot, as Python-Markdown writes them; its mark and its
# definition in the source.
_NOTE_CITED = re.compile(r'<sup id="fnref\d*:([^"]+)"><a class="footnote-ref" href="#fn:\1">')
_NOTE_LISTED = re.compile(r'<li id="fn:([^"]+)">')
_NOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
_NOTE_WRITTEN = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:", re.MULTILINE)

# A word between colons, as GitHub writes an emoji (":+1:", ":white_check_mark:"), not part of a
# longer run of words and colons (a time such as 10:30:45). Only gemoji's codes count (_emoji_codes).
_EMOJI = re.compile(r"(?<![\w:]):[a-z0-9_+-]+:(?![\w:])")


@functools.cache
def _emoji_codes() -> frozenset[str]:
    """Every emoji code GitHub knows: gemoji's, through pymdown-extensions' public index."""
    index = gemoji({}, None)
    return frozenset(index["emoji"]) | frozenset(index["aliases"])


def _paragraph_lines(page_html: str) -> list[list[str]]:
    """Each paragraph of the page's HTML as its lines of words (tags taken out): the lines
    of the source that Markdown joined into it."""
    return [[html_lib.unescape(TAG.sub("", line)).strip() for line in paragraph.split("\n")]
            for paragraph in _PARAGRAPH.findall(page_html)]


def _joined_lists(paragraphs: list[list[str]]) -> list[str]:
    """The first item of each list that Markdown joined to the paragraph above it: two lines in
    a row, inside a paragraph of the HTML (_paragraph_lines), that start like list items."""
    found = []
    for lines in paragraphs:
        found += [lines[n] for n in range(1, len(lines) - 1)
                  if _ITEM.match(lines[n]) and _ITEM.match(lines[n + 1]) and not _ITEM.match(lines[n - 1])]
    return found


def problems(page_html: str, source, shown: str) -> list[ContentError]:
    """A problem for each of the differences above, at its line of the page's source
    (`source()` reads it), with the fix."""
    text = source()
    # Each line as Python-Markdown reads it: without code, and without the '>' marks of a quote.
    blanked_text = blank_out_code(text)
    blanked = blanked_text.split("\n")
    lines = [_QUOTE_MARKS.sub("", line) for line in blanked]
    start = front_matter_line_count(text)
    paragraphs, words = _paragraph_lines(page_html), _words(page_html)  # each read once, for every check
    found = (_joined(_joined_lists(paragraphs), lines, start, shown) + _not_inside(lines, start, shown)
             + _numbered_from(lines, start, shown) + _paren_numbers(paragraphs, lines, start, shown)
             + _joined_tables(paragraphs, lines, start, shown) + _tables_without_dashes(paragraphs, lines, start, shown)
             + _rows_with_extra_cells(lines, start, shown)
             + _bare(_found(words, _BARE, links=False), text, shown) + _tasks(page_html, lines, start, shown)
             + _struck(_found(words, _STRUCK, links=True), text, shown) + _alerts(page_html, blanked, shown)
             + _unclosed_fences(words, lines, start, shown) + _leftover_marks(words, text, shown)
             + _notes_out_of_order(page_html, blanked_text, shown) + _notes_written_twice(blanked_text, shown)
             + _unclosed_comments(words, blanked_text, shown)
             + _notes_not_written(_found(words, _NOTE_MARK, links=True), text, shown)
             + _emoji([code for code in _found(words, _EMOJI, links=True) if code in _emoji_codes()], text, shown))
    return sorted(found, key=lambda error: error.line or 0)


def _joined(items: list[str], lines: list[str], start: int, shown: str) -> list[ContentError]:
    if not items:
        return []
    # In the source: an item right under a line of text, with another item under it. The n-th
    # of these is the n-th list the HTML shows joined, unless another kind of block (a table,
    # a quote) has such lines too: then the line is the first item line with the item's words.
    starts = [n + 1 for n in range(max(start, 1), len(lines) - 1)
              if _ITEM.match(lines[n]) and _ITEM.match(lines[n + 1])
              and lines[n - 1].strip() and not _ITEM.match(lines[n - 1])]
    return [ContentError(
        shown, f"The list that starts '{shorten(item, 40)}' shows as part of the paragraph above it, "
        "because there is no empty line between them",
        "Leave an empty line above the list. GitHub's preview shows a list either way, "
        "but this site needs the empty line",
        line=starts[n] if len(starts) == len(items) else _line_with(lines, item))
        for n, item in enumerate(items)]


def _items(lines: list[str], start: int):
    """Each list item line of the source, after the front matter: its line number (from 0),
    its match, and the last line above it with words."""
    previous = ""
    for n in range(start, len(lines)):
        if not lines[n].strip():
            continue
        if (item := _ITEM.match(lines[n])):
            yield n, item, previous
        previous = lines[n]


def _not_inside(lines: list[str], start: int, shown: str) -> list[ContentError]:
    """Items with 1 to 3 spaces before them, under an item with none: Python-Markdown needs 4
    to put one item inside another."""
    found = []
    for n, item, previous in _items(lines, start):
        above = _ITEM.match(previous)
        if above and not above["indent"] and 1 <= (spaces := len(item["indent"])) <= 3:
            found.append(ContentError(
                shown, f"This list item has {spaces} space{'s' if spaces != 1 else ''} before it, so it "
                "shows at the same level as the item above it, not inside it",
                "Put 4 spaces before it to show it inside the item above, or none to keep it at the same level",
                line=n + 1))
    return found


def _numbered_from(lines: list[str], start: int, shown: str) -> list[ContentError]:
    """Numbered lists that start at a number other than 1: Python-Markdown numbers every list
    from 1. A list starts a block (after an empty line or a heading), where the last line with
    words is not an item or an indented line (which would carry the list above on)."""
    found = []
    for n, item, previous in _items(lines, start):
        number = item["marker"][:-1]
        above = lines[n - 1] if n > start else ""
        if (not item["indent"] and number.isdigit() and int(number) != 1
                and (not above.strip() or above.startswith("#"))
                and not _ITEM.match(previous) and not previous.startswith((" ", "\t"))):
            found.append(ContentError(
                shown, f"This numbered list starts at {number}, but this site numbers every list from 1, "
                f"so {number} would show as 1",
                "To carry on the list above, put 4 spaces before each line between its items. "
                f"If this line is not a list, put a backslash before the full stop: {number}\\.",
                line=n + 1))
    return found


def _paren_numbers(paragraphs: list[list[str]], lines: list[str], start: int, shown: str) -> list[ContentError]:
    """Lists numbered "1)": in GitHub's preview, a paragraph that starts with one, or a line "1)" in
    a paragraph, starts a list; here they stay words. One problem a paragraph, at its first such
    line: the n-th in the source that starts a paragraph or starts "1)"."""
    firsts = []  # (the line, whether text is above it in its paragraph)
    for rows in paragraphs:
        firsts += [(line, n > 0) for n, line in enumerate(rows)
                   if (item := _PAREN_ITEM.match(line)) and (n == 0 or item[1] == "1")][:1]
    if not firsts:
        return []
    starts, taken = [], False  # the same in the source: the first such line of each paragraph
    for n in range(start, len(lines)):
        new_paragraph = n == start or not lines[n - 1].strip() or lines[n - 1].startswith("#")
        taken = taken and not new_paragraph
        item = _PAREN_ITEM.match(lines[n])
        if item and not taken and (new_paragraph or item[1] == "1"):
            starts.append(n + 1)
            taken = True
    found = []
    for (first, joined), line in zip(firsts, _nth_lines(starts, len(firsts))):
        number = _PAREN_ITEM.match(first)[1]
        found.append(ContentError(
            shown, f"The numbered list that starts '{shorten(first, 40)}' shows as a line of text, because this "
            "site makes a numbered list only from numbers with a full stop after them",
            f"Write '{number}.' instead of '{number})', and the same for each item"
            + (", and leave an empty line above the list" if joined else "")
            + ". GitHub's preview shows a list either way", line=line))
    return found


def _joined_tables(paragraphs: list[list[str]], lines: list[str], start: int, shown: str) -> list[ContentError]:
    """Tables straight under a line of text: the HTML has a paragraph with a table's dashes line in
    it; the source line is the table's first row, found by its words."""
    found = []
    for rows in paragraphs:
        for n in range(1, len(rows)):
            if _DELIMITER.match(rows[n]) and "|" in rows[n - 1]:
                header = rows[n - 1]
                line = next((k + 1 for k in range(start, len(lines) - 1)
                             if _DELIMITER.match(lines[k + 1]) and lines[k].strip() == header), None)
                found.append(ContentError(
                    shown, f"The table that starts '{shorten(header, 40)}' shows as words with '|' between them, "
                    "because there is no empty line above it",
                    "Leave an empty line above the table. GitHub's preview shows a table either way, "
                    "but this site needs the empty line", line=line))
    return found


def _tables_without_dashes(paragraphs: list[list[str]], lines: list[str], start: int,
                           shown: str) -> list[ContentError]:
    """Two rows or more that start with '|' and have no line of dashes among them: Markdown
    (here and on GitHub) needs one under the first row to make a table. Found in the HTML, as
    lines of a paragraph; the source line is the first row's, matched by its words alone
    (without marks such as ** or a link's address)."""
    found = []
    for rows in paragraphs:
        n = 0
        while n < len(rows):
            end = n
            while end < len(rows) and _ROW.match(rows[end]) and not _DELIMITER.match(rows[end]):
                end += 1
            if end - n >= 2 and (end == len(rows) or not _DELIMITER.match(rows[end])):
                first = _words_only(rows[n])
                line = next((k + 1 for k in range(start, len(lines)) if _words_only(lines[k]) == first), None)
                found.append(ContentError(
                    shown, f"The table that starts '{shorten(rows[n], 40)}' shows as words with '|' between "
                    "them, because it has no line of dashes under its first row",
                    f"Put the line {'|---' * (rows[n].strip().strip('|').count('|') + 1)}| under the first row: "
                    "one '---' for each column. GitHub's preview needs it too", line=line))
            n = max(end, n + 1)
    return found


_CELL_BAR = re.compile(r"(?<!\\)\|")  # a '|' between cells: not one written \|


def _cells(row: str, words_only: bool = False) -> int:
    """How many cells a table's row has, as Python-Markdown counts them (code is blanked out already);
    with `words_only`, not counting empty cells at its end, which lose nothing when dropped."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    cells = _CELL_BAR.split(row)
    while words_only and len(cells) > 1 and not cells[-1].strip():
        cells.pop()
    return len(cells)


def _rows_with_extra_cells(lines: list[str], start: int, shown: str) -> list[ContentError]:
    """A row with more cells than the table's first row: this site and GitHub's preview both drop
    the cells past the last column, without a word. Found in the source: the HTML has no trace of them."""
    found = []
    for k in range(start, len(lines) - 1):
        if not (_ROW.match(lines[k]) or "|" in lines[k]) or not _DELIMITER.match(lines[k + 1]):
            continue
        if k > start and lines[k - 1].strip():  # under a line of text: no table (_joined_tables)
            continue
        columns = _cells(lines[k])
        row = k + 2
        while row < len(lines) and lines[row].strip() and "|" in lines[row]:
            if _cells(lines[row], words_only=True) > columns and (cells := _cells(lines[row])):
                found.append(ContentError(
                    shown, f"This row of a table has {cells} cells, but the table's first row has {columns} "
                    f"column{'s' if columns != 1 else ''}, so this site leaves out the last "
                    f"{'cell' if cells - columns == 1 else f'{cells - columns} cells'} of the row without a word. "
                    "GitHub's preview leaves it out too",
                    "Add a column to the first row and to the line of dashes under it, or join the extra words "
                    "to a cell. A '|' in the words is written \\|", line=row + 1))
            row += 1
    return found


def _words_only(line: str) -> str:
    return re.sub(r"\W", "", re.sub(r"\]\([^)]*\)", "", line))


class _Words(HTMLParser):
    """The page's words outside code: a piece for each run of text between tags, and whether
    it is inside a link."""
    _CODE = {"code", "pre", "kbd", "samp", "script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_code = self.in_link = 0
        self.pieces: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        self.in_code += tag in self._CODE
        self.in_link += tag == "a"

    def handle_endtag(self, tag):
        self.in_code -= tag in self._CODE and self.in_code > 0
        self.in_link -= tag == "a" and self.in_link > 0

    def handle_data(self, data):
        if not self.in_code:
            self.pieces.append((data, self.in_link > 0))


def _words(page_html: str) -> list[tuple[str, bool]]:
    parser = _Words()
    parser.feed(page_html)
    parser.close()
    return parser.pieces


def _found(words: list[tuple[str, bool]], pattern: re.Pattern, links: bool) -> list[str]:
    """What `pattern` finds in the page's words (_words), in links too if `links`, each once."""
    return list(dict.fromkeys(found for text, in_link in words if links or not in_link
                              for found in pattern.findall(text)))


def bare_addresses(page_html: str) -> list[str]:
    """Web addresses written as plain words, outside links and code, each once."""
    return _found(_words(page_html), _BARE, links=False)


def _line_of_words(text: str, words: str) -> int | None:
    """The first line of the source with `words`, as written or as HTML escapes them (& as &amp;)."""
    return line_of(text, (words, html_lib.escape(words, quote=False)))


def _bare(addresses: list[str], text: str, shown: str) -> list[ContentError]:
    return [ContentError(
        shown, f"The web address '{shorten(address, 80)}' shows as plain words, not as a link, because this "
        "site does not make links of bare addresses",
        "Write it as a link with words that say where it goes, like [the report](https://...), "
        f"and add the website to {REGISTER_FILE} if it is not there (CONTRIBUTING.md, 'Adding a source')",
        line=_line_of_words(text, address)) for address in addresses]


def _tasks(page_html: str, lines: list[str], start: int, shown: str) -> list[ContentError]:
    """List items that start with a box to tick in GitHub's preview: the n-th in the HTML is the
    n-th item line in the source that starts with one (code is blanked out of `lines`)."""
    boxes = _TASK_HTML.findall(page_html)
    if not boxes:
        return []
    starts = [n + 1 for n in range(start, len(lines)) if _TASK_SOURCE.match(lines[n])]
    return [ContentError(
        shown, f"This list item starts with '{box}', which this site shows as it is, not as a box to tick",
        f"Take out the '{box}'. A plain list shows the same here and in GitHub's preview", line=line)
        for box, line in zip(boxes, _nth_lines(starts, len(boxes)))]


def _nth_lines(starts: list[int], count: int) -> list[int | None]:
    """The line of each of `count` things found in the HTML, from `starts`, the source's lines
    that start one: the n-th for the n-th when the source has as many, else the first of them."""
    return starts if len(starts) == count else [starts[0] if starts else None] * count


def _struck(words: list[str], text: str, shown: str) -> list[ContentError]:
    return [ContentError(
        shown, f"The words '{shorten(struck, 60)}' show with their tildes, not struck out, because this site "
        "does not strike words out. Most screen readers do not say when words are struck out either",
        "Take out the tildes and the words you meant to strike out, or say in words what changed, "
        "for example 'was £10, now £8'",
        line=_line_of_words(text, struck)) for struck in words]


def _alerts(page_html: str, blanked: list[str], shown: str) -> list[ContentError]:
    """Each alert the HTML's quotes start with; the n-th of a kind is at the n-th line of the
    source (code blanked out) that is a quote's line with those words."""
    found = [alert for quote in _QUOTE.findall(page_html) for alert in _ALERT.findall(quote)]
    problems = []
    for alert in dict.fromkeys(found):
        starts = [n + 1 for n, line in enumerate(blanked)
                  if _QUOTE_MARKS.match(line) and alert in _QUOTE_MARKS.sub("", line)]
        problems += [ContentError(
            shown, f"The quote that starts '{alert}' shows on this site as a quote that starts with those words. "
            "GitHub's preview shows a coloured note, but here a quote means someone's words, as the model's are",
            f"Take out the '{alert}' line and the '>' before each line. To make a note stand out, start it with "
            "a bold word, like **Note:**",
            line=line) for line in _nth_lines(starts, found.count(alert))]
    return problems


def _unclosed_fences(words: list[tuple[str, bool]], lines: list[str], start: int,
                     shown: str) -> list[ContentError]:
    """Code blocks with no end: their marks in the HTML's words (outside code); the n-th is at the
    n-th line of the source that still starts with marks once code is blanked out (the one
    code-fence rule, markdown_source.FENCE, pairs every block that has an end)."""
    marks = [mark for text, _ in words for mark in _FENCE_LINE.findall(text)]
    if not marks:
        return []
    starts = [n + 1 for n in range(start, len(lines)) if _FENCE_LINE.match(lines[n])]
    return [ContentError(
        shown, f"The code block that starts with '{mark}' on this line has no end, so this site shows the "
        f"'{mark}' as text. GitHub's preview shows what follows it as code",
        f"Add a line with only '{mark}' where the code ends, or take this line out. If this line was meant "
        "to end a code block, the block above it has no end", line=line)
        for mark, line in zip(marks, _nth_lines(starts, len(marks)))]


def _leftover_marks(words: list[tuple[str, bool]], text: str, shown: str) -> list[ContentError]:
    """Links and bold marks that Markdown could not read, so they show as text. Each is named at
    the first line of the source with the words around it (None if markup splits them)."""
    problems = []
    for piece, _ in words:
        for match in _BROKEN_LINK.finditer(piece):
            rest = piece[match.start():].split("\n")[0]
            close = rest.find(")", len(match.group(0)))  # the link up to its ")", or its line if it has none
            link = rest[:close + 1] if close != -1 else rest
            problems.append(ContentError(
                shown, f"The link '{shorten(link, 60)}' shows as text, brackets and all, because Markdown cannot "
                "read it", "Write it as [words](address), with no space between ] and (, and a ) at the end of "
                "the address", line=_line_of_words(text, match.group(0))))
        for match in _LONE_BOLD.finditer(piece):
            mark = match.group(0)
            after = piece[match.end():].split("\n")[0][:30].rstrip()
            around = mark + after if after.strip() else piece[:match.start()].split("\n")[-1][-30:].lstrip() + mark
            problems.append(ContentError(
                shown, f"The '{mark}' in '{around}' shows as text, because it has no partner to make words bold",
                f"To make words bold, put {mark} at both ends of them, in the same paragraph: {mark}like "
                f"this{mark}. Otherwise take it out", line=_line_of_words(text, around)))
    return problems


def _emoji(codes: list[str], text: str, shown: str) -> list[ContentError]:
    return [ContentError(
        shown, f"The emoji code '{code}' shows on this site as it is written, not as a picture. GitHub's preview "
        "shows the emoji, but this site does not turn codes into pictures",
        "Take it out, or say in words what it meant", line=_line_of_words(text, code)) for code in codes]


def _notes_not_written(marks: list[str], text: str, shown: str) -> list[ContentError]:
    return [ContentError(
        shown, f"The note's mark '{mark}' shows as text, because the page has no note {mark} at its foot",
        f"Add the note at the foot of the page, on a line that starts '{mark}: ' and says where the fact "
        "comes from, or take the mark out", line=_line_of_words(text, mark)) for mark in marks]


def _unclosed_comments(words: list[tuple[str, bool]], blanked: str, shown: str) -> list[ContentError]:
    """A hidden note that shows as text: its '<!--' in the HTML's words (outside code). It is named
    at the first '<!--' of the source (code blanked out) with no '-->' after it, once a page."""
    if not any(_COMMENT_START in text for text, _ in words):
        return []
    at = blanked.find(_COMMENT_START)
    while at >= 0 and blanked.find(_COMMENT_END, at + len(_COMMENT_START)) >= 0:
        at = blanked.find(_COMMENT_START, at + len(_COMMENT_START))
    return [ContentError(
        shown, "The hidden note that starts with '<!--' on this line has no '-->' at its end, so this site shows "
        "it to readers as text. GitHub's preview hides all that follows it",
        "Add '-->' where the note ends, or take the note out. Anyone can read a hidden note in the page's "
        "file on GitHub, so never put private details in one", line=line_of_offset(blanked, at) if at >= 0 else None)]


def _notes_out_of_order(page_html: str, blanked: str, shown: str) -> list[ContentError]:
    """Notes at the foot that the page never cites, each at its line; and, once a page, notes
    written at the foot in another order than the page first cites them, at the first citation
    that reads out of order. `blanked` is the source with code blanked out."""
    listed = _NOTE_LISTED.findall(page_html)
    if not listed:
        return []
    cited = list(dict.fromkeys(_NOTE_CITED.findall(page_html)))
    written = {match[1]: line_of_offset(blanked, match.start()) for match in _NOTE_WRITTEN.finditer(blanked)}
    problems = [ContentError(
        shown, f"The note [^{name}] at the foot of the page is not cited anywhere on it. This site still lists "
        "it, and GitHub's preview leaves it out", f"Put [^{name}] after the words it is the source for, "
        "or delete the note", line=written.get(name)) for name in listed if name not in cited]
    in_order = [name for name in listed if name in cited]
    wrong = next((n for n, name in enumerate(cited) if in_order[n] != name), None)
    if wrong is not None:
        name = cited[wrong]
        citation = re.search(rf"\[\^{re.escape(name)}\](?!:)", blanked)
        problems.append(ContentError(
            shown, f"Readers meet this page's notes out of order: here the note [^{name}] shows as number "
            f"{listed.index(name) + 1}, where a reader expects {wrong + 1}. This site numbers notes in the order "
            "they are written at the foot of the page (GitHub's preview numbers them in the order they are cited)",
            "Write the notes at the foot in the order the page first cites them: "
            + ", ".join(f"[^{each}]" for each in cited),
            line=line_of_offset(blanked, citation.start()) if citation else None))
    return problems


def _notes_written_twice(blanked: str, shown: str) -> list[ContentError]:
    """A note written twice at the foot: this site shows only the last, GitHub's preview only the
    first, and neither says so. Named at the second line, with both."""
    first: dict[str, int] = {}
    problems = []
    for match in _NOTE_WRITTEN.finditer(blanked):
        name, line = match[1], line_of_offset(blanked, match.start())
        if name not in first:
            first[name] = line
            continue
        problems.append(ContentError(
            shown, f"The note [^{name}] is written twice at the foot of the page, on lines {first[name]} and "
            f"{line}. This site shows only the one on line {line}, and GitHub's preview only the one on line "
            f"{first[name]}", f"Keep one of them. If they are two sources, give this one a name of its own, like "
            f"[^{name}-2], and cite it where it belongs", line=line))
    return problems


def _line_with(lines: list[str], item: str) -> int | None:
    """The first item line of the source with the item's words (None if markup splits them)."""
    words = item.split(None, 1)[-1]
    return next((n + 1 for n, line in enumerate(lines) if _ITEM.match(line) and words in line), None)
