"""The gate in real builds: it stops a hard page with advice, accepts a reasoned
override, reports every page, and only warns under `mkdocs serve`."""
import html
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, run_build

# Lines 7 and 9 are the hard sentences; line 11 has jargon. Every public page
# needs its review dates (review_dates.py); the heading is its title.
DATES = "last_reviewed: 2026-12-07\nnext_review: 2027-12-07\n"
HARD_PAGE = f"""---
{DATES}---
# Where the model came from

The Coalition for Collaborative Care was established as a partnership of national organisations, charities and individuals with lived experience, hosted by NHS England, with the objective of transforming the relationship between people who use services and the professionals who commission and deliver them.

Organisations participating in the coalition endeavoured to facilitate collaborative approaches, emphasising the importance of involving individuals with personal experience in the development, implementation and evaluation of services throughout the system.

In order to ensure that everybody could understand the model, the organisations collaborated on a single-page document.

The model was published in 2017.
"""
OVERRIDE = f"""---
title: Origins
readability:
  min_flesch_reading_ease: 0
  max_average_sentence_words: 40
  max_smog: 20
  reason: This test page quotes long names of organisations.
{DATES}---
"""


def _advice_block(output: str, file: str) -> str:
    start = output.index(f"{file} is harder to read")
    end = output.index("docs/about/readability.md.", start) + len("docs/about/readability.md.")
    return output[start:end]


def test_a_hard_page_fails_with_advice_in_the_build_and_the_command(project_copy, tmp_path):
    page = project_copy / "docs" / "origins.md"
    page.write_text(HARD_PAGE, encoding="utf-8")
    failed = run_build(project_copy, site_dir=tmp_path / "failed")
    assert failed.returncode != 0
    advice = _advice_block(failed.output, "docs/origins.md")
    assert "Reading ease is" in advice and "It needs to be 60 or more" in advice
    assert "Sentences are" in advice and "They need to be 20 or fewer" in advice
    assert 'line 7 (43 words): "The Coalition for Collaborative Care was established' in advice
    assert "line 9 (" in advice
    assert "Sentences over 25 words: line 7 (43 words), line 9 (30 words)." in advice
    assert 'line 11: "ensure": try "make sure".' in advice
    assert 'line 9: "facilitate": try "help, or make possible; or say how you help".' in advice
    # Each plainer word once: in the problem, not again in the advice under the list.
    assert failed.output.count('"facilitate": try "help, or make possible') == 1, failed.output
    assert not (tmp_path / "failed" / "readability.json").exists()
    assert "::error" not in failed.output  # workflow commands only under GitHub Actions

    # The command line check gives the same advice, word for word.
    cli = subprocess.run([sys.executable, "-m", "coproduction", "docs/origins.md"], cwd=project_copy,
                         capture_output=True, text=True, timeout=60)
    assert cli.returncode == 1
    assert _advice_block(cli.stdout, "docs/origins.md") == advice


def _add_pages(project: Path, count: int) -> list[str]:
    """`count` short pages under docs/more/, in the nav: enough to be scored in other processes."""
    from coproduction.readability.check import PARALLEL_FROM

    assert count >= PARALLEL_FROM
    folder = project / "docs" / "more"
    folder.mkdir()
    names = [f"more/page-{number:03d}.md" for number in range(count)]
    for number, name in enumerate(names):
        (project / "docs" / name).write_text(f"---\n{DATES}---\n\n# Meeting {number}\n\nWe meet in room {number} on Monday. "
                                             "Bring a friend if you like.\n", encoding="utf-8")
    with open(project / "mkdocs.yml", "a", encoding="utf-8") as config:  # nav: is the last key
        config.write("  - More:\n" + "".join(f"      - {name}\n" for name in names))
    return names


def test_a_big_site_scored_beside_the_build_gets_the_same_verdict(project_copy, tmp_path):
    """With PARALLEL_FROM pages or more to score, other processes score them while
    MkDocs reads the pages: the build still stops on a hard page, with its advice;
    a page that cannot be read is named, not the page being read when the workers
    were waited for; and a build that passes reports every page."""
    names = _add_pages(project_copy, 110)
    cache = project_copy / ".cache" / "readability"  # emptied before each build: every page is scored
    origins = project_copy / "docs" / "origins.md"
    original = origins.read_text(encoding="utf-8")
    origins.write_text(HARD_PAGE, encoding="utf-8")
    shutil.rmtree(cache)  # project_copy starts with the project's
    failed = run_build(project_copy, site_dir=tmp_path / "failed")
    assert failed.returncode != 0 and "1 page is too hard to read" in failed.output
    assert 'line 7 (43 words): "The Coalition for Collaborative Care was established' in failed.output
    assert "Error reading page" not in failed.output

    origins.write_text(original, encoding="utf-8")
    broken = project_copy / "docs" / names[50]
    broken.write_text("---\ntitle: A\ntitle: B\n---\n\nWords.\n", encoding="utf-8")
    shutil.rmtree(cache)
    unreadable = run_build(project_copy, site_dir=tmp_path / "unreadable")
    assert unreadable.returncode != 0
    assert f"docs/{names[50]}:3: 'title' is written twice" in unreadable.output
    assert "Error reading page" not in unreadable.output

    broken.write_text(f"---\n{DATES}---\n\n# A page\n\nWe meet in the hall on Friday. Bring a friend if you like.\n", encoding="utf-8")
    shutil.rmtree(cache, ignore_errors=True)
    passed = run_build(project_copy, site_dir=tmp_path / "passed")
    assert passed.returncode == 0, passed.output
    report = json.loads((tmp_path / "passed" / "readability.json").read_text())
    assert {page["page"] for page in report["pages"]} >= set(names) | {"origins.md"}
    assert all(page["passed"] for page in report["pages"])
    from macros.readability_report import MOST_ROWS
    text = (tmp_path / "passed" / "about" / "readability" / "index.html").read_text()
    # The report page waited for every result: it counts the pages it could not list.
    assert f"{len(report['pages']) - MOST_ROWS} more pages are in readability.json" in text


def test_a_hard_page_with_a_reasoned_override_passes(edited_site):
    # conftest.edited_site writes OVERRIDE + HARD_PAGE's text as docs/origins.md.
    passed = edited_site
    report = json.loads((passed / "readability.json").read_text())
    origins = next(p for p in report["pages"] if p["page"] == "origins.md")
    assert origins["passed"] and origins["override"]["reason"] == "This test page quotes long names of organisations."
    assert origins["override"]["min_flesch_reading_ease"] == 0 and origins["override"]["line"] == 3
    assert [s["line"] for s in origins["long_sentences"]] == [13, 15]  # 6 lines more front matter
    report_page = (passed / "about" / "readability" / "index.html").read_text()
    assert "This test page quotes long names of organisations." in report_page


def test_report_covers_every_page_and_the_quoted_material(built_site, model):
    report = json.loads((built_site / "readability.json").read_text())
    pages = {p["page"]: p for p in report["pages"]}
    sources = {str(p.relative_to(ROOT / "docs")) for p in (ROOT / "docs").rglob("*.md")}
    assert set(pages) == sources
    failing = {path: p["problems"] for path, p in pages.items() if not p["passed"]}
    assert failing == {}
    assert report["thresholds"]["min_flesch_reading_ease"] == 60 and report["thresholds"]["max_smog"] == 11
    # Macros put the model's credit link on the model page: it is listed too.
    assert model.credit.url in [link["url"] for link in pages["model.md"]["external_links"]]
    quoted = report["quoted_material"]
    assert [q["gated"] for q in quoted] == [False, False]
    assert quoted[0]["scores"]["words"] == model.word_count()

    text = html.unescape((built_site / "about" / "readability" / "index.html").read_text())
    for entry in pages.values():
        assert f'>{entry["title"]}</a>' in text
    assert "The model's words (data/model.yml)" in text


def test_serve_shows_advice_as_a_warning_and_keeps_going(project_copy, tmp_path):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from coproduction.readability import Checker

    (project_copy / "docs" / "origins.md").write_text(HARD_PAGE, encoding="utf-8")
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    serve_log = logging.getLogger("coproduction.plain_english.serve")
    serve_log.addHandler(handler)
    try:
        config = load_config(str(project_copy / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)  # strict mode, yet no exception
        first = Checker._cache[str(Path("docs") / "origins.md")][2]
        build(config)  # a rebuild, as after an edit: unchanged pages come from the cache
        assert Checker._cache[str(Path("docs") / "origins.md")][2] is first
    finally:
        serve_log.removeHandler(handler)
    assert len(records) == 2 and records[0].levelno == logging.WARNING
    assert "docs/origins.md is harder to read" in records[0].getMessage()
    assert (tmp_path / "site" / "origins" / "index.html").exists()


def test_thresholds_are_checked_when_the_config_loads(project_copy):
    config = project_copy / "mkdocs.yml"
    text = config.read_text()
    assert "min_flesch_reading_ease: 60" in text
    config.write_text(text.replace("min_flesch_reading_ease: 60", "min_flesch_reading_ease: 160"))
    result = run_build(project_copy)
    assert result.returncode != 0
    assert "'min_flesch_reading_ease' must be between 0 and 100, not 160" in result.output
