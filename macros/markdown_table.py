"""Helpers for the Markdown tables the macros write."""
from __future__ import annotations


def cell(text: str) -> str:
    """Table cells are one line; a '|' would start a new cell."""
    return " ".join(str(text).split()).replace("|", "/")
