"""Jargon from data/jargon.yml: found with its endings, each once, with a plain alternative."""
from pathlib import Path

import pytest

from coproduction.errors import ContentError
from coproduction.readability import load_jargon
from coproduction.readability.extract import extract

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def jargon():
    return load_jargon(ROOT / "data" / "jargon.yml")


def test_words_are_found_with_their_endings_and_lines(jargon):
    sentences = extract("We facilitated it.\n\nShe is facilitating. In order to help, we liaise.\n"
                        "It occurred twice. Lived experience counts.\n").sentences
    hits = [(h.word, h.line, h.plain) for h in jargon.find(sentences)]
    assert hits == [
        ("facilitated", 1, "help, or make possible; or say how you help"),  # each word once, first place
        ("In order to", 3, "to"),
        ("liaise", 3, "meet, talk to, or work with"),
        ("occurred", 4, "happen, or reword"),
        ("Lived experience", 4, "people who have been through it"),  # the phrase, not just "experience"
    ]


def test_parts_of_other_words_are_not_jargon(jargon):
    assert jargon.find(extract("The keyboard is by the keyhole. Our reviewers met.\n").sentences) == []


def test_every_entry_cites_a_listed_source():
    import yaml
    data = yaml.safe_load((ROOT / "data" / "jargon.yml").read_text())
    assert len(data["words"]) >= 50
    assert all(set(entry["source"]) <= set(data["sources"]) for entry in data["words"])
    ours = [e["word"] for e in data["words"] if e["source"] == ["ours"]]
    assert "stakeholder" in ours and "co-production" in ours


@pytest.mark.parametrize("body, line, words", [
    ("sources: {a: A list}\nwords:\n  - {word: foo, source: [a]}\n", 3, "'words > item 1 > plain'"),
    ("sources: {a: A list}\nwords:\n  - word: foo\n    plain: bar\n    source: [b]\n", 5, "'b' of 'foo' is not listed"),
])
def test_mistakes_in_the_jargon_file_name_the_line(tmp_path, body, line, words):
    path = tmp_path / "jargon.yml"
    path.write_text(body)
    with pytest.raises(ContentError) as caught:
        load_jargon(path)
    assert caught.value.line == line and words in str(caught.value)
