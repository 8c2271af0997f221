"""Helpers for the Markdown the macros write: a field on one line, and a table cell."""
from __future__ import annotations


def one_line(text) -> str:
    """A field as one line of Markdown: a line break would end a table row or a list entry."""
    return " ".join(str(text).split())


def cell(text: str) -> str:
    """Plain text for a table cell: on one line, as a '|' would start a new cell, and with '<', '>'
    and '&' shown as written, not read as HTML (a page's title from its own source, say)."""
    return one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "/")
