"""Our Easy Read version: the data file, its rules, and one source for the page, the PDF and model.json."""
from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from conftest import ROOT, run_build
from coproduction.easy_read import MAX_SENTENCE_WORDS, check_rules, load_easy_read, problems
from coproduction.errors import ContentError

DATA = ROOT / "data" / "easy-read.yml"
ROW = "Reward people and thank them for their help."


@pytest.fixture(scope="module")
def easy():
    return load_easy_read(DATA)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_our_data_keeps_every_easy_read_rule(easy):
    assert check_rules(easy) == []
    rows = [row for section in easy.sections for row in section.rows]
    parts = {section.part: len(section.rows) for section in easy.sections}
    assert parts["values"] == 5 and parts["steps"] == 7 and parts["definition"] >= 1
    assert all(len(sentence.split()) <= MAX_SENTENCE_WORDS
               for row in rows for sentence in re.split(r"(?<=[.!?])\s+", row.text))
    assert all(row.alt and (ROOT / "docs/assets/images/easy-read" / f"{row.picture}.svg").is_file() for row in rows)
    # Clearly ours, never the model's text.
    assert "our Easy Read version" in easy.label and "not the model's own words" in easy.label


@pytest.mark.parametrize("text, words", [
    ("Everyone who uses health and care services should be part of every single plan we ever make.", "17 words"),
    ("The NHS runs this.", "'NHS' is a short form"),
    ("We share power. We share decisions. We share the work.", "more than one idea"),
    ("We share power; we share decisions.", "semicolon"),
    ("We share power", "does not end with a full stop"),
])
def test_each_rule_catches_what_it_should(text, words):
    found = problems(text, "row")
    assert any(words in problem for problem, _ in found), found


def test_a_long_sentence_stops_loading_with_the_file_and_line(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    long = "Reward people and thank them for all the help they give to everyone in the whole team."
    bad = tmp_path / "easy-read.yml"
    bad.write_text(text.replace(ROW, long), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_easy_read(bad)
    err = caught.value
    assert err.line == line_of(text, ROW)
    assert "17 words" in err.problem and "sections > item 4 > rows > item 5 > text" in err.problem
    assert "Split it into two sentences" in err.fix


def test_a_missing_picture_is_named(tmp_path):
    bad = tmp_path / "easy-read.yml"
    text = DATA.read_text(encoding="utf-8")
    bad.write_text(text.replace("picture: trophy", "picture: no-such-picture"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_easy_read(bad)
    assert "no-such-picture.svg" in str(caught.value) and caught.value.line == line_of(text, "picture: trophy")


def test_an_over_long_sentence_fails_the_build_with_the_file_and_line(project_copy, tmp_path):
    data = project_copy / "data" / "easy-read.yml"
    text = data.read_text(encoding="utf-8")
    long = "Reward people and thank them for all the help they give to everyone in the whole team."
    data.write_text(text.replace(ROW, long), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project_copy, site_dir=site)
    assert result.returncode != 0
    assert f"data/easy-read.yml:{line_of(text, ROW)}:" in result.output
    assert "over the Easy Read limit of 15" in result.output
    assert not (site / "downloads" / "co-production-model-easy-read.pdf").exists()


def test_editing_one_row_changes_the_page_the_pdf_and_model_json(edited_site):
    # The edit is made in conftest.EDITS ("easy read row"), built once with the others.
    new = "Reward people and say thank you for their help."
    site = edited_site
    assert new in (site / "easy-read" / "index.html").read_text(encoding="utf-8")
    assert ROW not in (site / "easy-read" / "index.html").read_text(encoding="utf-8")
    pdf_text = " ".join(" ".join(page.extract_text().split())
                        for page in PdfReader(site / "downloads" / "co-production-model-easy-read.pdf").pages)
    assert new in pdf_text and ROW not in pdf_text
    rows = [row["text"] for section in json.loads((site / "model.json").read_text(encoding="utf-8"))
            ["easy_read"]["sections"] for row in section["rows"]]
    assert new in rows and ROW not in rows


def test_the_built_page_shows_every_row_with_its_picture_and_alt_text(built_site, easy):
    html = (built_site / "easy-read" / "index.html").read_text(encoding="utf-8")
    for section in easy.sections:
        for row in section.rows:
            assert re.search(r'<svg class="easy-read__picture"[^>]*role="img" aria-label="'
                             + re.escape(row.alt.replace("'", "&#x27;")) + r'"[^>]*>(<path d="[^"]+"/>)+</svg>'
                             r'<p class="easy-read__text">' + re.escape(row.text.replace("'", "&#x27;")), html), row.text
    assert 'href="../model/"' in html  # the link to the model's own words
