"""Attribute lists and raw HTML attributes are checked (issue 26, family 5): ids and
classes are plain names, no style or event attributes, and data-* only the ones a
listed feature (our self-assessment macro) needs."""
from __future__ import annotations

import markdown
import pytest

from coproduction import html_safety


def page_html(source: str) -> str:
    """The HTML our Markdown extensions make of `source` (attr_list, toc, md_in_html, footnotes)."""
    return markdown.markdown(source, extensions=["attr_list", "toc", "md_in_html", "footnotes"])


@pytest.mark.parametrize("source, words, line", [
    ('## Steps { id=\'a"onmouseover="alert(1)\' }', "id", 1),
    ("## Steps { #a'b }", "id", 1),
    ("## Steps { #-abc }", "id", 1),
    ("## Steps { #" + "a" * 80 + " }", "id", 1),
    ('## Steps { ."><img }', "class", 1),
    ("Words.\n{ .ok .bad&class }", "class", 2),
    ('## Steps { style="color:red" }', "style attribute", 1),
    ('## Steps { onclick="alert(1)" }', "event handler", 1),
    ('## Steps { data-href="https://example.org/" }', "'data-href'", 1),
    ('Words.\n\n<p data-area="x">Words.</p>', "'data-area'", 3),
    ('<p data-storage-key="x">Words.</p>', "'data-storage-key'", 1),
    ('<div data-sa-print>Words.</div>', "'data-sa-print'", 1),
])
def test_unsafe_ids_classes_and_attributes_are_refused(source, words, line):
    found = html_safety.find_problems(page_html(source))
    assert found, page_html(source)
    assert words in found[0].problem, found[0].problem
    assert html_safety.line_of(source, found[0].clue) == line


def test_a_long_heading_is_told_it_makes_a_long_id_at_its_line():
    source = "Words.\n\n## From police research in America to the NHS and social care in the UK today\n"
    found = html_safety.find_problems(page_html(source))
    assert [problem.problem for problem in found] == [
        "The id 'from-police-research-in-america-to-the-nhs-and-social-care-i...' is longer than 64 letters. "
        "A heading's words make its id, so a long heading makes a long id"], found
    assert found[0].fix.startswith("Shorten the heading, or give it a short id")
    assert html_safety.line_of(source, found[0].clue) == 3


@pytest.mark.parametrize("source", [
    "## Steps { #steps }",
    "## Steps { #step-2 .big }",
    "## 1. Start early",                        # the toc extension's own id
    "Words.[^carer]\n\n[^carer]: A note.",    # footnote ids, fn:carer and fnref:carer
    "Twice.[^a] Again.[^a]\n\n[^a]: A note.",  # fnref2:a
    '<span class="doubt-mark">*</span>',
])
def test_the_ids_and_classes_our_pages_make_are_fine(source):
    assert html_safety.find_problems(page_html(source)) == []


def test_the_self_assessment_macro_s_data_attributes_are_fine():
    # The real form, from the real data: the feature that needs data-* attributes.
    from conftest import ROOT
    from coproduction.project import Project
    from coproduction.self_assessment import load_self_assessment
    from macros.self_assessment import render_form

    assessment = load_self_assessment(ROOT / "data" / "self-assessment.yml", docs_dir=ROOT / "docs")
    conf = {"docs_dir": str(ROOT / "docs"), "site_dir": str(ROOT / "site"), "use_directory_urls": True}
    html = render_form(assessment, Project(root=ROOT).model, "self-assessment/", conf)
    assert "data-storage-key=" in html and "data-sa-save" in html
    assert html_safety.find_problems(html) == []


def test_word_s_empty_office_tags_get_a_fix_that_fits_them():
    # Pasted from Word: <o:p></o:p>. The tag is not on the list; its end tag is only its name.
    found = [p.problem for p in html_safety.find_problems("<p>We met on Tuesday.<o:p></o:p></p>")]
    assert not any("end tag" in problem for problem in found), found
