"""A page may relax a limit only with a written reason; mistakes name the file and line."""
import pytest

from coproduction.errors import ContentError
from coproduction.readability import Checker, Thresholds
from coproduction.readability.rules import read_override, thresholds_from

HARD = ("The multidisciplinary consultation methodology necessitates comprehensive evaluation "
        "of institutional accountability.\n")


def page(front: str, body: str = HARD) -> str:
    return f"---\ntitle: A page\n{front}---\n\n# A page\n\n{body}"


# With the page's heading: 114 words in 17 sentences, reading ease 32.3, under the full limit of 60.
MEDIUM = "Our committee reviewed the documentation before the consultation period. We meet in the hall.\n" * 8


def test_override_with_a_reason_relaxes_the_limit():
    strict = Checker().check_source(page("", MEDIUM), "docs/a.md")
    assert strict.problems == ["Reading ease is 32.3. It needs to be 60 or more. Use shorter words and shorter sentences."]
    assert strict.scores.words == 114
    relaxed = Checker().check_source(page(
        "readability:\n  min_flesch_reading_ease: 30\n  max_smog: 12\n"
        "  reason: Readers need the exact names of these services.\n", MEDIUM), "docs/a.md")
    assert relaxed.passed
    assert relaxed.override.reason == "Readers need the exact names of these services."
    assert relaxed.override.line == 3
    assert relaxed.thresholds.max_smog == 12
    assert relaxed.as_dict()["override"]["reason"].startswith("Readers need")


@pytest.mark.parametrize("front, line, words", [
    ("readability:\n  min_flesch_reading_ease: 50\n", 3, "without a reason"),
    ("readability:\n  min_flesch_reading_ease: 50\n  reason: ''\n", 3, "without a reason"),
    ("readability:\n  max_smog: 12\n  reason: Because we say so.\n  skip: true\n", 6,
     "'skip' is not a readability score a page can relax"),
    ("readability:\n  max_smog: lots\n  reason: The names are long here.\n", 4, "'max_smog' must be a number"),
    ("readability: off\n", 3, "must list the scores to relax and a reason"),
    ("readability:\n  reason: The names are long here.\n", 3, "relaxes no score"),
])
def test_override_mistakes_name_the_file_and_line(front, line, words):
    with pytest.raises(ContentError) as caught:
        read_override(page(front), "docs/guides/a.md")
    assert caught.value.file == "docs/guides/a.md"
    assert caught.value.line == line
    assert words in str(caught.value)


def test_no_front_matter_means_no_override():
    assert read_override("# Title\n\nText.\n", "a.md") is None
    assert read_override(page("description: Text about readability.\n"), "a.md") is None


def test_thresholds_are_validated():
    assert thresholds_from({"max_smog": 12, "other": 1}) == Thresholds(max_smog=12)
    with pytest.raises(ValueError, match="between 0 and 100"):
        thresholds_from({"min_flesch_reading_ease": 160})
    with pytest.raises(ValueError, match="must be a number"):
        thresholds_from({"max_smog": "eleven"})


def test_quoted_sentences_on_a_page_are_not_gated():
    quoted = ["The multidisciplinary consultation methodology necessitates comprehensive evaluation "
              "of institutional accountability."]
    body = f"> {HARD}\nWe quote it above.\n"
    result = Checker(quoted_texts=quoted).check_source(page("", body), "docs/q.md")
    assert result.passed and result.quoted_sentences == 1
    assert not Checker().check_source(page("", body), "docs/q.md").passed


def test_results_are_cached_by_content():
    checker = Checker()
    first = checker.check_source(page("", "We meet on Monday.\n"), "docs/c.md")
    assert checker.check_source(page("", "We meet on Monday.\n"), "docs/c.md") is first
    assert Checker().check_source(page("", "We meet on Monday.\n"), "docs/c.md") is first  # new plugin, same cache
    changed = checker.check_source(page("", "We meet on Tuesday.\n"), "docs/c.md")
    assert changed is not first
