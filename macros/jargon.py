"""The jargon table on "Writing in plain English", built from data/jargon.yml.

The same file feeds the readability check, so the words we tell people to
avoid and the words the build looks for can never drift apart.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError

from coproduction.errors import ContentError
from coproduction.readability.jargon import load_jargon

from .markdown_table import cell

JARGON_FILE = Path("data") / "jargon.yml"
_URL = re.compile(r"(https?://\S+?)([.,;)]?)(?=\s|$)")


def _linked(text: str) -> str:
    """Turn bare web addresses in a source into links, so readers can follow them."""
    return _URL.sub(lambda m: f"<{m.group(1)}>{m.group(2)}", " ".join(text.split()))


def render_table(data: dict) -> str:
    """Markdown: a table of words, then the numbered list of sources it cites."""
    sources = data.get("sources") or {}
    # Number the sources in the order the file lists them, so the notes are stable.
    number = {key: index for index, key in enumerate(sources, start=1)}
    rows = ["| Instead of | Try | Source |", "|---|---|---|"]
    for entry in sorted(data["words"], key=lambda e: str(e["word"]).casefold()):
        word = f"**{cell(entry['word'])}**"
        if entry.get("when"):
            word += f" ({cell(entry['when'])})"
        cited = ", ".join(str(n) for n in sorted(number[key] for key in entry["source"] if key in number))
        rows.append(f"| {word} | {cell(entry['plain'])} | {cited} |")
    notes = ["", "Sources for this list:", ""]
    notes += [f"{number[key]}. {_linked(text)}" for key, text in sources.items()]
    return "\n".join(rows + notes)


def register(env):
    project_dir = Path(os.path.dirname(env.conf.config_file_path or env.conf["docs_dir"]))

    # Use the same file as the readability check, if it names one.
    checker = env.conf["plugins"].get("plain-english")
    path = Path(checker.config["jargon"]) if checker else project_dir / JARGON_FILE

    def check():
        try:
            load_jargon(path)  # the readability check's own validation: file, line, fix
        except ContentError as err:
            err.file = os.path.relpath(path, project_dir)
            raise PluginError(str(err)) from None

    # Check at start-up, so a broken entry gives a clean message, not a traceback.
    check()

    @env.macro
    def jargon_table() -> str:
        """Every word in data/jargon.yml with its plainer choice and its source."""
        check()
        return render_table(yaml.safe_load(path.read_text(encoding="utf-8")))
