"""The gate reads the words a reader reads, split into sentences the way a reader would.

tests/fixtures/readability/tricky.md holds the hard cases. The expected
sentences, lines and word counts below were worked out by hand from that file
(words as textstat counts them: "9.30am", "£3.50" and "e.g." are one word each).
"""
from pathlib import Path

import pytest

from coproduction.readability.extract import extract, sentences_of, split_sentences
from coproduction.readability.scoring import count

FIXTURE = Path(__file__).parent / "fixtures" / "readability" / "tricky.md"

# (line, sentence, words), in page order.
EXPECTED = [
    (8, "Getting help", 2),                                       # heading, no full stop
    (10, "Call us before 9.30am and it costs £3.50 a month.", 10),  # time and money: one sentence
    (11, "Bring your letter, e.g. the one from your GP.", 9),     # "e.g." does not end it
    (13, "Ask a friend", 3),                                      # each bullet is a sentence
    (14, "Write it down", 3),
    (15, "Take your time, i.e. do not rush", 7),
    (17, "Before you start", 3),                                  # admonition title; marker gone
    (18, "Read the guide first.", 4),                             # link text kept, URL gone
    (20, "Who", 1),                                               # each table cell is a sentence
    (20, "What", 1),
    (22, "Carers", 1),
    (22, "Free help", 2),
    (28, "Use to check.", 3),                                     # inline code gone
    (28, "See for more.", 3),                                     # bare URL gone
    (29, "Dr Patel and No. 10 agree, etc.", 7),                   # "Dr", "No. 10" keep going; "etc. Then" ends
    (29, "Then stop!", 2),
    (31, "Costs", 1),                                             # closing #s and {#id} gone
    (33, "Plan with us, not for us.", 6),                         # blockquote marker gone
    (36, "It is free for you.", 5),                               # tags and footnote marker gone
    (40, "Hidden words here.", 3),                                # template tags gone, text between stays
    (42, "Online", 1),                                            # tab title
    (44, "Fill in the form", 4),
    (46, "We pay for it", 4),                                     # footnote text
    (48, "Questions", 1),                                         # setext heading
]


@pytest.fixture(scope="module")
def tricky():
    return extract(FIXTURE.read_text(encoding="utf-8"))


def test_sentences_and_lines_match_the_hand_count(tricky):
    assert [(s.line, s.text) for s in tricky.sentences] == [(line, text) for line, text, _ in EXPECTED]


def test_word_counts_match_the_hand_count(tricky):
    assert [count(s.text).words for s in tricky.sentences] == [words for _, _, words in EXPECTED]
    assert len(tricky.sentences) == 24
    assert sum(count(s.text).words for s in tricky.sentences) == 86


def test_code_front_matter_and_template_code_are_not_read(tricky):
    text = " ".join(s.text for s in tricky.sentences)
    for hidden in ("print", "This is code", "mkdocs", "Testing", "step_quote", "max_smog", "python", "!!!", "==="):
        assert hidden not in text


def test_external_links_are_listed_with_their_lines(tricky):
    assert [(link.url, link.line) for link in tricky.links] == [
        ("https://example.org/guide", 18), ("https://example.com/page", 28)]


@pytest.mark.parametrize("text, expected", [
    ("It costs £3.50. Then it stops.", ["It costs £3.50.", "Then it stops."]),
    ("Meet at 9.30am. Bring tea.", ["Meet at 9.30am.", "Bring tea."]),
    ("Bring things, e.g. pens. Then sit.", ["Bring things, e.g. pens.", "Then sit."]),
    ("Pens, paper etc. are free.", ["Pens, paper etc. are free."]),
    ("We saw Dr. Khan. She was kind.", ["We saw Dr. Khan.", "She was kind."]),
    ("Is it free? Yes! \"It is.\" Good.", ["Is it free?", "Yes!", "\"It is.\"", "Good."]),
    ("Wait... then go.", ["Wait...", "then go."]),
])
def test_sentence_ends(text, expected):
    assert [s for _, s in split_sentences(text + " ")] == expected


def test_plain_text_paragraphs_are_split_too():
    assert sentences_of("One two three.\n\nFour five") == ["One two three.", "Four five"]


def test_line_numbers_follow_sentences_across_lines():
    result = extract("First line of a\nsentence. Second one starts\nhere. Third\n\n- item\n  continued here")
    assert [(s.line, s.text) for s in result.sentences] == [
        (1, "First line of a sentence."), (2, "Second one starts here."), (3, "Third"),
        (5, "item continued here")]


def test_each_word_of_a_sentence_across_lines_keeps_its_line():
    # Jargon advice points at the word's own line (Sentence.line_at).
    one, two = extract("Our first sentence\nruns over three\nlines. The second is on one line.").sentences
    assert [one.line_at(one.text.index(word)) for word in ("first", "runs", "three", "lines.")] == [1, 2, 2, 3]
    assert [two.line_at(two.text.index(word)) for word in ("The", "line.")] == [3, 3]
