"""Faults the gate had, each on a fixture page in tests/fixtures/readability/,
and the two kinds of advice that never fail a page: chopped text and repeated sentences."""
import json
from pathlib import Path

import pytest

from coproduction.readability import Checker, check_text, load_jargon
from coproduction.readability.advice import repeated_sentences
from coproduction.readability.report import Report
from coproduction.readability.rules import Thresholds

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "readability"
# Every page fails, so the advice lists the hardest sentences and the jargon.
STRICT = Thresholds(min_flesch_reading_ease=100, short_page_min_flesch_reading_ease=100)


@pytest.fixture(scope="module")
def checker():
    return Checker(jargon=load_jargon(ROOT / "data" / "jargon.yml"))


def sentences(result):
    return [(s.line, s.text) for s, _ in result.counted]


def test_attribute_lists_icons_and_code_are_not_prose(checker):
    result = checker.check_file(FIXTURES / "not-prose.md")
    assert sentences(result) == [
        (1, "Settings"), (3, "Version"),                          # { data-toc-label="Version" } gone
        (5, "Ask in our Slack channel first."),                   # {rel="nofollow"} gone
        (7, "A tick means done."),                                # the icon and its { style=... } gone
        (9, "Read the tablesort documentation for more."),        # link text without its brackets
        (11, "To build the site, type:"),                         # the indented code after it is gone
        (16, "A list item"),
        (18, "A paragraph inside the list item is prose."),       # indented, but inside the list item
        (22, "So is a note."),                                    # indented, but inside the note
        (24, "This fence is never closed:"),                      # the rest of the page is code
    ]


def test_a_page_of_only_a_heading_has_too_little_text_to_score(checker):
    result = checker.check_file(FIXTURES / "heading-only.md", shown_as="docs/origins.md")
    assert result.passed and result.too_little_text
    assert result.advice == "docs/origins.md has too little text to score (1 word), so it passes."
    assert result.notes == ["There is too little text to score (1 word, all in headings). "
                            "Scores mean something once a page has a sentence or two under its heading."]
    assert result.as_dict()["too_little_text"] is True


def test_hardest_sentences_are_body_sentences_first():
    strict = Checker(STRICT)  # so the page fails and the advice lists them
    result = strict.check_file(FIXTURES / "hardest.md")
    assert not result.passed
    # The 6-word heading on line 1 is the hardest of all, but body sentences come first.
    assert sorted(s.line for s, _ in result.hardest) == [3, 4, 5]
    assert "line 1 " not in result.advice


def test_one_word_is_one_word():
    result = check_text("Interdisciplinary. Multidisciplinary considerations necessitate reorganisation.")
    assert not result.passed
    assert '(1 word): "Interdisciplinary."' in result.advice and "(1 words)" not in result.advice


def test_jargon_in_the_right_form_at_the_line_of_the_word(checker):
    result = Checker(STRICT, jargon=checker.jargon).check_file(FIXTURES / "jargon.md")
    assert [(hit.word, hit.line) for hit in result.jargon] == [
        ("liaise", 6),      # the sentence starts on line 5
        ("setting", 8),     # "a community setting"; not "cookies you're setting" (line 3)
        ("progress", 8),    # "will progress"; not "track our progress" (line 4)
    ]
    assert "[tablesort documentation]" not in result.advice


def test_chopped_text_is_advice_not_failure(checker):
    result = checker.check_file(FIXTURES / "chopped.md")
    assert result.passed
    assert result.suggestions == [
        "Sentences are only 4.7 words long on average, so the page reads like a list. Join sentences whose ideas "
        "belong together, with and, but, so, because. Aim for 12 to 18 words on average."]
    assert "Advice: Sentences are only 4.7 words" in result.advice
    short = check_text("We met. We talked. It went well.")  # under 100 words: no advice
    joined = check_text("We met the people who use the service, and we talked about what matters to them. " * 8)
    assert short.suggestions == [] and joined.suggestions == []


def test_a_sentence_on_three_pages_is_reported(checker):
    pages = {path.name: checker.check_file(path, shown_as=f"docs/{path.name}")
             for path in sorted((FIXTURES / "repeated").glob("*.md"))}
    repeats = repeated_sentences(pages.values())
    assert [(r.text, r.places) for r in repeats] == [
        ("We pay people for their time, and we pay their bus fares too.",
         (("docs/a.md", 3), ("docs/b.md", 3), ("docs/c.md", 3)))]
    # "This short sentence is here too." is on all three too, but has fewer than 8 words.
    assert repeated_sentences(list(pages.values())[:2]) == []  # on 2 pages: fine

    report = Report(Thresholds())
    for name, result in pages.items():
        report.add_page(name, result)
    data = json.loads(report.to_json())
    assert data["repeated_sentences"] == [{"text": repeats[0].text, "pages": [
        {"file": "docs/a.md", "line": 3}, {"file": "docs/b.md", "line": 3}, {"file": "docs/c.md", "line": 3}]}]
    assert all("average_sentence_words" in page["scores"] and page["advice"] == [] for page in data["pages"])


def test_a_repeated_sentence_is_found_whatever_its_capitals_and_punctuation():
    variants = ["We pay people for their time, and we pay their bus fares too.",
                "we pay people for their time and we pay their bus fares too!",
                "We pay people for their time; and we pay their bus fares, too."]
    results = [check_text(text, name=f"docs/{n}.md") for n, text in enumerate(variants)]
    repeats = repeated_sentences(results)
    assert [(r.text, r.places) for r in repeats] == [
        (variants[0], (("docs/0.md", 1), ("docs/1.md", 1), ("docs/2.md", 1)))]


def test_table_cells_and_headings_are_not_chopped_text(checker):
    # Short table cells are short by nature: the running text around them is what counts.
    result = checker.check_file(FIXTURES / "table-and-prose.md")
    assert result.passed and result.suggestions == []
    # The scores still count every cell, as before.
    assert result.scores.average_sentence_words < 10
