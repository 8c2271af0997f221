"""Doubt travels with the words: an unverified item of the model carries a mark
and a note on every page that shows it and in the PDF; verify it and they go.

The real build (built_site), whose data leaves some values `partly` checked, and a
build of a project copy with every value `verified` (edited_site in conftest.py,
shared with other one-edit tests). Pages are read as HTML, the PDF with pypdf.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pypdf
import pytest

from conftest import ROOT
from coproduction.model import DOUBT_NOTE, load_model

PAGES = ["index.html", "model/index.html", "what-is-co-production/values/index.html",
         "guides/step-1-recruit/index.html", "self-assessment/index.html"]
MARK = 'class="doubt-mark"'


def _pdf_text(site: Path) -> str:
    reader = pypdf.PdfReader(site / "downloads" / "co-production-model-a4.pdf")
    assert len(reader.pages) == 1
    # Lines that break after a hyphen ("co-" / "production") read back as "co- production".
    return " ".join(reader.pages[0].extract_text().split()).replace("- ", "-")


def _doubtful_values() -> list[int]:
    """The numbers of the values the real data does not call verified (read from the YAML)."""
    return [number for number, item in enumerate(load_model(ROOT / "data" / "model.yml").values.items, 1)
            if item.status != "verified"]


def test_marks_and_notes_appear_on_every_page_and_in_the_pdf(built_site):
    site = built_site
    doubtful = _doubtful_values()
    assert doubtful, "the real data has no unverified value left: test the marks with a copy that has one"
    first = load_model(ROOT / "data" / "model.yml").values.items[doubtful[0] - 1].text
    for page in PAGES:
        html = (site / page).read_text(encoding="utf-8")
        assert MARK in html, page
        assert DOUBT_NOTE.split(".")[0].replace("'", "&#x27;") in html or DOUBT_NOTE.split(".")[0] in html, page
    model_page = (site / "model" / "index.html").read_text(encoding="utf-8")
    assert re.search(re.escape(first) + r"<sup " + MARK, model_page), f"value {doubtful[0]} has no mark on the model page"
    pdf = _pdf_text(site)
    assert first + "*" in pdf.replace(" *", "*")
    numbers = ", ".join(map(str, doubtful[:-1])) + " and " + str(doubtful[-1]) if len(doubtful) > 1 else str(doubtful[0])
    assert f"* Value{'s' if len(doubtful) > 1 else ''} {numbers}: words from an adapted copy, not checked" in pdf
    data = json.loads((site / "model.json").read_text(encoding="utf-8"))
    assert data["values"]["items"][doubtful[0] - 1]["doubt_note"] == DOUBT_NOTE
    for number in range(1, 6):
        if number not in doubtful:
            assert data["values"]["items"][number - 1]["doubt_note"] is None, number


def test_every_mark_goes_when_every_value_is_verified(edited_site):
    site = edited_site
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert MARK not in html and 'class="doubt-note"' not in html, page
    pdf = _pdf_text(site)
    assert "*" not in pdf and "adapted copy" not in pdf
    data = json.loads((site / "model.json").read_text(encoding="utf-8"))
    assert data["doubt_summary"] is None
    assert all(item["doubt_note"] is None for item in data["values"]["items"])
