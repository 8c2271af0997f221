"""The gate's results cache (.cache/readability/) and its parallel scoring give
exactly what scoring each page afresh gives."""
from __future__ import annotations

import json

import pytest

from coproduction.errors import ContentError
from coproduction.readability import check as check_module
from coproduction.readability.check import Checker
from coproduction.readability.rules import Thresholds

PAGES = {
    "easy.md": "# Meet us\n\nWe meet every month. Come along and bring a friend.\n",
    "hard.md": ("---\ntitle: Hard\nreadability:\n  min_flesch_reading_ease: 0\n  reason: It quotes long names here.\n"
                "---\n\n# Hard\n\nThe multidisciplinary consultation methodology necessitates comprehensive "
                "evaluation of institutional accountability. Facilitate it. See <https://example.org/x>.\n"),
    "fails.md": ("# Fails\n\nThe multidisciplinary consultation methodology necessitates comprehensive "
                 "evaluation of institutional accountability. We will facilitate it and ensure it.\n"),
}


def _write(folder):
    folder.mkdir(exist_ok=True)
    for name, text in PAGES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [(folder / name, f"docs/{name}") for name in PAGES]


@pytest.fixture(autouse=True)
def _fresh_memory():
    Checker._cache.clear()
    yield
    Checker._cache.clear()


def test_a_result_from_the_disk_cache_equals_a_fresh_one(tmp_path):
    pages = _write(tmp_path / "docs")
    cache = tmp_path / "cache"
    fresh = Checker(Thresholds(), cache_dir=cache).check_files(pages)
    first = Checker(Thresholds(), cache_dir=cache)
    first.check_files(pages)
    first.save_cache()
    stored = json.loads((cache / "results.json").read_text(encoding="utf-8"))
    assert sorted(stored) == sorted(shown for _, shown in pages)

    Checker._cache.clear()  # a new process: only the disk cache is left
    warm = Checker(Thresholds(), cache_dir=cache)
    calls = []
    original = check_module.extract
    check_module.extract = lambda source: calls.append(1) or original(source)
    try:
        again = warm.check_files(pages)
    finally:
        check_module.extract = original
    assert calls == [], "an unchanged page was scored again"
    assert [r.as_dict() for r in again] == [r.as_dict() for r in fresh]
    assert [r.advice for r in again] == [r.advice for r in fresh]
    assert [r.repeatable for r in again] == [r.repeatable for r in fresh]  # for repeated_sentences
    assert not again[2].passed and again[1].override.reason == "It quotes long names here."


def test_a_change_to_the_page_or_the_limits_scores_it_again(tmp_path):
    pages = _write(tmp_path / "docs")
    cache = tmp_path / "cache"
    first = Checker(Thresholds(), cache_dir=cache)
    first.check_files(pages)
    first.save_cache()
    Checker._cache.clear()
    (tmp_path / "docs" / "easy.md").write_text(PAGES["fails.md"], encoding="utf-8")
    assert not Checker(Thresholds(), cache_dir=cache).check_files(pages)[0].passed
    Checker._cache.clear()
    strict = Thresholds(min_flesch_reading_ease=95, flesch_min_words=1)
    cached = Checker(strict, cache_dir=cache).check_files(pages)[2:]
    Checker._cache.clear()
    assert [r.as_dict() for r in cached] == [r.as_dict() for r in Checker(strict).check_files(pages)[2:]]
    assert cached[0].thresholds == strict


def test_scoring_in_two_processes_gives_the_same_results_and_errors(tmp_path, monkeypatch):
    pages = _write(tmp_path / "docs") * 1
    sequential = [(r.as_dict(), r.repeatable) for r in Checker(Thresholds()).check_files(pages, workers=1)]
    Checker._cache.clear()
    monkeypatch.setattr(check_module, "PARALLEL_FROM", 2)
    parallel = [(r.as_dict(), r.repeatable) for r in Checker(Thresholds()).check_files(pages, workers=2)]
    assert parallel == sequential
    Checker._cache.clear()
    (tmp_path / "docs" / "hard.md").write_text("---\ntitle: A\ntitle: B\n---\n\nWords.\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"^docs/hard\.md:3: 'title' is written twice"):
        Checker(Thresholds()).check_files(pages, workers=2)


def test_sentences_repeated_across_pages_are_found_from_the_disk_cache_too(tmp_path):
    from coproduction.readability.advice import repeated_sentences

    folder = tmp_path / "docs"
    folder.mkdir()
    line = "Every group should agree how it will share power with the people it serves."
    pages = []
    for name in ("a", "b", "c"):
        (folder / f"{name}.md").write_text(f"# Page {name}\n\nIntro for {name}.\n\n{line}\n", encoding="utf-8")
        pages.append((folder / f"{name}.md", f"docs/{name}.md"))
    first = Checker(Thresholds(), cache_dir=tmp_path / "cache")
    fresh = repeated_sentences(first.check_files(pages))
    first.save_cache()
    Checker._cache.clear()  # only the disk cache is left
    from_disk = repeated_sentences(Checker(Thresholds(), cache_dir=tmp_path / "cache").check_files(pages))
    assert [r.as_dict() for r in from_disk] == [r.as_dict() for r in fresh]
    assert len(fresh) == 1 and len(fresh[0].places) == 3
