"""Every link's words say where it goes.

People who use a screen reader often list a page's links, or jump from one to
the next, and hear each link's words on their own. A link with no words,
`[](../model.md)`, is heard as its address or not at all; "click here",
"here" and "read more" say nothing about where they go. axe-core accepts
both kinds, so only the build can tell the contributor.

The check reads the page's Markdown (outside code, hidden notes and front
matter), so it names each link at its line as the contributor wrote it:
inline links `[words](address)` and links to a source `[words][key]`.
"""
from __future__ import annotations

import re

from .errors import ContentError, shorten
from .html_safety import COMMENT
from .markdown_source import blank_out_code, front_matter_line_count, line_of_offset
from .pictures import says_something

# Words that say nothing about where a link goes, in small letters, without marks at their ends.
VAGUE = {"click here", "click", "here", "click this", "this", "this link", "link", "read more", "more", "more here",
         "find out more", "learn more", "more info", "more information", "see more", "go", "this page"}
# A link: its words and, in brackets, its address; or its words and, in square brackets, a source's key.
_LINK = re.compile(r"(?<![!\\\]])\[(?P<words>[^\[\]\n]*)\](?:\((?P<address>[^()\s]*)[^()\n]*\)|\[(?P<key>[^\[\]\n]+)\])")
# A capital after the first letter: a name or a short form, such as LINk (a Local Involvement Network).
_NAME_LIKE = re.compile(r"[A-Z]")


def problems(page_html: str, source, shown: str) -> list[ContentError]:
    """A problem for each link in the page's source (`source()` reads it, if the page has a link)
    with no words, or with words that do not say where it goes."""
    if "<a " not in page_html:
        return []
    text = source()
    blanked = COMMENT.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), blank_out_code(text))
    start = len("\n".join(text.split("\n")[:front_matter_line_count(text)]))
    found = []
    for match in _LINK.finditer(blanked, start):
        # The words as written: code in them (`mkdocs.yml`) is blanked out above, but is words to a reader.
        words = text[match.start("words"):match.end("words")].replace("`", "")
        target = match["address"] if match["address"] is not None else match["key"]
        if match["words"].startswith("^"):  # a note at the foot ([^note]: ...) is not a link
            continue
        line = line_of_offset(blanked, match.start())
        written = (lambda say: f"[{say}]({target})") if match["address"] is not None else (lambda say: f"[{say}][{target}]")
        if not says_something(words):
            found.append(ContentError(
                shown, f"The link to '{shorten(target, 60)}' has no words, so people who use a screen reader hear "
                "only its address, or nothing", f"Write where it goes between the square brackets, like "
                f"{written('the name of what it links to')}", line=line))
        elif " ".join(words.casefold().strip(" .,:;!?").split()) in VAGUE and not _NAME_LIKE.search(words.strip()[1:]):
            found.append(ContentError(
                shown, f"The link '{words.strip()}' does not say where it goes. People who use a screen reader often "
                "hear a page's links on their own, without the words around them",
                f"Put words that say where it goes between the square brackets, like "
                f"{written('the name of what it links to')} in place of {written(words.strip())}", line=line))
    return found
