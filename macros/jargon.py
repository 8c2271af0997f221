"""The jargon table on "Writing in plain English", built from data/jargon.yml.

The same file feeds the readability check, so the words we tell people to
avoid and the words the build looks for can never drift apart.
"""
from __future__ import annotations

import re

from coproduction import project
from coproduction.errors import ContentError
from coproduction.plugin import plugin_error
from coproduction.readability.jargon import Jargon

from .markdown_table import cell

_URL = re.compile(r"(https?://\S+?)([.,;)]?)(?=\s|$)")


def _linked(text: str) -> str:
    """Turn bare web addresses in a source into links, so readers can follow them."""
    return _URL.sub(lambda m: f"<{m.group(1)}>{m.group(2)}", " ".join(text.split()))


def render_table(jargon: Jargon) -> str:
    """Markdown: a table of words, then the numbered list of sources it cites."""
    # Number the sources in the order the file lists them, so the notes are stable.
    number = {key: index for index, key in enumerate(jargon.sources, start=1)}
    rows = ["| Instead of | Try | Source |", "|---|---|---|"]
    for entry in sorted(jargon.entries, key=lambda e: e.word.casefold()):
        word = f"**{cell(entry.word)}**"
        if entry.when:
            word += f" ({cell(entry.when)})"
        cited = ", ".join(str(n) for n in sorted(number[key] for key in entry.source if key in number))
        rows.append(f"| {word} | {cell(entry.plain)} | {cited} |")
    notes = ["", "Sources for this list:", ""]
    notes += [f"{number[key]}. {_linked(text)}" for key, text in jargon.sources.items()]
    return "\n".join(rows + notes)


def register(env):
    data = project.of(env.conf)  # the same checked list the readability check uses
    try:
        jargon = data.jargon
    except ContentError as err:
        raise plugin_error(err, env.conf) from None

    @env.macro
    def jargon_table() -> str:
        """Every word in data/jargon.yml with its plainer choice and its source."""
        return render_table(jargon)
