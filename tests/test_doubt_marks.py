"""Doubt travels with the words: an unverified item of the model carries a mark
and a note on every page that shows it and in the PDF; verify it and they go.

Two real builds of project copies: one with value 1 flipped to `partly`, one
with every value `verified`. Pages are read as HTML, the PDF with pypdf.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pypdf
import pytest

from conftest import IGNORED, ROOT, run_build
from coproduction.model import DOUBT_NOTE, load_model

PAGES = ["index.html", "model/index.html", "what-is-co-production/values/index.html",
         "guides/step-1-recruit/index.html", "self-assessment/index.html"]
MARK = 'class="doubt-mark"'


def _copy(tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    shutil.copytree(ROOT, target, ignore=IGNORED)
    return target


def _set_value_status(project: Path, number: int, status: str) -> None:
    """Change the status line of value `number` in the copy's data/model.yml."""
    path = project / "data" / "model.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("values:"))
    items = [i for i in range(start, len(lines)) if lines[i].startswith("    - text:")]
    at = next(i for i in range(items[number - 1], len(lines)) if lines[i].startswith("      status:"))
    lines[at] = f"      status: {status}\n"
    path.write_text("".join(lines), encoding="utf-8")


def _pdf_text(site: Path) -> str:
    reader = pypdf.PdfReader(site / "downloads" / "co-production-model-a4.pdf")
    assert len(reader.pages) == 1
    # Lines that break after a hyphen ("co-" / "production") read back as "co- production".
    return " ".join(reader.pages[0].extract_text().split()).replace("- ", "-")


@pytest.fixture(scope="module")
def flipped_builds(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("doubt")
    doubtful, verified = _copy(tmp, "doubtful"), _copy(tmp, "verified")
    _set_value_status(doubtful, 1, "partly")
    for number in range(1, 6):
        _set_value_status(verified, number, "verified")
    sites = {}
    for name, project in (("doubtful", doubtful), ("verified", verified)):
        site = tmp / f"{name}-site"
        result = run_build(project, site_dir=site)
        assert result.returncode == 0, result.output
        sites[name] = site
    return sites


def test_marks_and_notes_appear_on_every_page_and_in_the_pdf(flipped_builds):
    site = flipped_builds["doubtful"]
    value_1 = load_model(ROOT / "data" / "model.yml").values.items[0].text
    for page in PAGES:
        html = (site / page).read_text(encoding="utf-8")
        assert MARK in html, page
        assert DOUBT_NOTE.split(".")[0].replace("'", "&#x27;") in html or DOUBT_NOTE.split(".")[0] in html, page
    model_page = (site / "model" / "index.html").read_text(encoding="utf-8")
    assert re.search(re.escape(value_1) + r"<sup " + MARK, model_page), "value 1 has no mark on the model page"
    pdf = _pdf_text(site)
    assert value_1 + "*" in pdf.replace(" *", "*")
    assert "* Values 1, 3, 4 and 5: words from an adapted copy, not checked" in pdf
    data = json.loads((site / "model.json").read_text(encoding="utf-8"))
    assert data["values"]["items"][0]["doubt_note"] == DOUBT_NOTE


def test_every_mark_goes_when_every_value_is_verified(flipped_builds):
    site = flipped_builds["verified"]
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert MARK not in html and 'class="doubt-note"' not in html, page
    pdf = _pdf_text(site)
    assert "*" not in pdf and "adapted copy" not in pdf
    data = json.loads((site / "model.json").read_text(encoding="utf-8"))
    assert data["doubt_summary"] is None
    assert all(item["doubt_note"] is None for item in data["values"]["items"])
