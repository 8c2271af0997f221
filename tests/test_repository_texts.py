"""README.md, CONTRIBUTING.md and SECURITY.md pass our own readability gate, with
the same checker `python -m coproduction FILE` uses, and no sentence over 25 words."""
from pathlib import Path

import pytest

from coproduction.settings import make_checker

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def checker():
    return make_checker(ROOT / "mkdocs.yml")[1]


@pytest.mark.parametrize("name", ["README.md", "CONTRIBUTING.md", "SECURITY.md"])
def test_our_repository_texts_pass_our_own_gate(checker, name):
    result = checker.check_file(ROOT / name, name)
    assert result.passed, result.advice
    assert result.long_sentences == [], result.advice
    assert result.thresholds.long_sentence_words == 25
