"""The pull request's job summary and `make check` with no PAGE: the pages a
change touched, checked against the base branch, in a temporary git repository."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coproduction.readability import check_text
from coproduction.readability.check import number_text

ROOT = Path(__file__).resolve().parent.parent
EASY = "# Meetings\n\nWe meet once a month. We pay for your bus fare. Tell us what you need, and we will help.\n"
HARD = ("# Meetings\n\nOrganisations participating in the coalition endeavoured to facilitate collaborative approaches, "
        "emphasising the importance of involving individuals with personal experience in the development, "
        "implementation and evaluation of services throughout the system.\n")
NEW = "# Training\n\nWe train new members in small groups. It takes two mornings, and we pay you for your time.\n"


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=repo,
                   check=True, capture_output=True)


def run(repo, *args):
    env = {**os.environ, "GITHUB_STEP_SUMMARY": "", "GITHUB_ACTIONS": ""}
    return subprocess.run([sys.executable, "-m", "coproduction", *args], cwd=repo, capture_output=True,
                          text=True, timeout=60, env=env)


@pytest.fixture
def repo(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "jargon.yml").write_bytes((ROOT / "data" / "jargon.yml").read_bytes())
    (tmp_path / "docs" / "meetings.md").write_text(EASY)
    (tmp_path / "docs" / "unchanged.md").write_text(EASY.replace("Meetings", "Other"))
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "main")
    return tmp_path


def cells(result):
    s = result.scores
    return [number_text(round(v, 1)) for v in (s.flesch_reading_ease, s.smog, s.average_sentence_words)]


def test_summary_shows_scores_before_and_after_for_each_changed_page(repo):
    assert run(repo, "summary", "--base", "main", "--output", "summary.md").returncode == 0
    assert not (repo / "summary.md").exists()  # nothing changed: nothing written

    git(repo, "checkout", "-q", "-b", "change")
    (repo / "docs" / "meetings.md").write_text(HARD)
    (repo / "docs" / "training.md").write_text(NEW)
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "change")
    done = run(repo, "summary", "--base", "main", "--output", "summary.md")
    assert done.returncode == 0, done.stderr
    text = (repo / "summary.md").read_text()

    before, after, new = check_text(EASY), check_text(HARD), check_text(NEW)
    assert before.passed and not after.passed and new.passed
    b, a, n = cells(before), cells(after), cells(new)
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert rows == [
        f"| `docs/meetings.md` | {b[0]} → {a[0]} | {b[1]} → {a[1]} | {b[2]} → {a[2]} | Too hard to read |",
        f"| `docs/training.md` | - → {n[0]} | - → {n[1]} | - → {n[2]} | Passes |",
    ]
    assert "1 of the 2 changed pages is too hard to read, so the check fails." in text
    assert f"- {after.problems[0]}" in text and "The hardest sentence is on line 3: start there." in text


def test_make_check_without_a_page_checks_the_changed_pages(repo):
    quiet = run(repo, "changed", "--base", "main")
    assert quiet.returncode == 0 and "No page differs from main" in quiet.stdout
    (repo / "docs" / "meetings.md").write_text(HARD)  # not committed: still checked
    (repo / "docs" / "training.md").write_text(NEW)   # not even added
    checked = run(repo, "changed", "--base", "main")
    assert checked.returncode == 1
    assert checked.stdout.splitlines()[0] == ("Checking the 2 pages changed against main: "
                                              "docs/meetings.md, docs/training.md")
    assert "docs/meetings.md is harder to read" in checked.stdout and "unchanged.md" not in checked.stdout
    missing = run(repo, "changed", "--base", "no-such-branch")
    assert missing.returncode == 2 and "git cannot find 'no-such-branch'" in missing.stderr


def _findings_with_11_warnings_and_2_errors(repo):
    """What a build writes (coproduction/findings.py) for the page a contributor changed."""
    from coproduction.findings import Findings
    findings = Findings(complete=True)
    for line in range(1, 12):
        findings.warning("docs/meetings.md", line, f"Advice number {line}", "Do what it says", title="Plainer word")
    findings.error("docs/meetings.md", 3, "The link 'step-9.md' goes to no page", "Check the file name",
                   title="Broken link")
    findings.error("docs/meetings.md", 4, "The website https://example.org is not in the source register",
                   "Add it to data/sources.yml and cite it by its key", title="Unregistered source")
    findings.warning("docs/unchanged.md", 2, "Advice for a page nobody changed")  # not listed
    findings.write(repo / ".cache" / "findings.json")
    return findings


def test_the_summary_lists_every_finding_and_fails_on_any_error(repo):
    git(repo, "checkout", "-q", "-b", "change")
    (repo / "docs" / "meetings.md").write_text(EASY.replace("We meet", "We still meet"))  # reads well
    _findings_with_11_warnings_and_2_errors(repo)
    done = run(repo, "summary", "--base", "main", "--output", "summary.md", "--findings", ".cache/findings.json")
    assert done.returncode == 0, done.stderr
    text = (repo / "summary.md").read_text()
    listed = [line for line in text.splitlines() if line.startswith("- **")]
    assert len(listed) == 13, text  # GitHub would show only 10 of the 11 warnings
    assert listed[:2] == [
        "- **Error, line 3:** The link 'step-9.md' goes to no page. Check the file name.",
        "- **Error, line 4:** The website https://example.org is not in the source register. "
        "Add it to data/sources.yml and cite it by its key.",
    ]
    assert listed[2] == "- **Advice, line 1:** Advice number 1. Do what it says."
    assert listed[12] == "- **Advice, line 11:** Advice number 11. Do what it says."
    assert "Advice for a page nobody changed" not in text
    assert "the build found 2 errors, so the check fails." in text.lower()
    assert "all 11 are listed here" in text
    # The page reads well, but the build's errors fail it: never "Passes".
    row = next(line for line in text.splitlines() if line.startswith("| `docs/meetings.md`"))
    assert row.endswith("| Fails: 2 errors |") and "Passes" not in text


def test_the_summary_fails_when_the_build_left_no_findings(repo):
    git(repo, "checkout", "-q", "-b", "change")
    (repo / "docs" / "meetings.md").write_text(EASY.replace("We meet", "We still meet"))
    done = run(repo, "summary", "--base", "main", "--output", "summary.md", "--findings", ".cache/findings.json")
    text = (repo / "summary.md").read_text()
    assert done.returncode == 0 and "The check fails: the build wrote no list of its findings" in text
    assert "Passes" not in text


def test_the_summary_gives_plainer_words_for_a_page_that_passes(repo):
    from coproduction.findings import Findings
    git(repo, "checkout", "-q", "-b", "change")
    (repo / "docs" / "meetings.md").write_text(EASY + "\nWe facilitate a meeting for Citizens Advice.\n")
    Findings(complete=True).write(repo / ".cache" / "findings.json")
    done = run(repo, "summary", "--base", "main", "--output", "summary.md")  # the file in its usual place
    text = (repo / "summary.md").read_text()
    assert done.returncode == 0 and "The check passes: the build found no errors in 1 changed page." in text
    assert '- **Advice, line 5:** "facilitate": try "help, or make possible; or say how you help".' in text
    assert "Citizens" not in text  # a name, not jargon
    assert "| Passes |" in text


def test_findings_are_written_whole_and_read_back(tmp_path):
    from coproduction.errors import ContentError
    from coproduction.findings import Finding, Findings
    findings = Findings()
    findings.add_error(ContentError("docs/a.md", "There is no page 'b.md'.", "Check the link.", line=4))
    findings.warning("docs/a.md", 2, "Long sentence")
    findings.warning("docs/a.md", 2, "Long sentence")  # found twice, kept once
    findings.write(tmp_path / "findings.json")
    again = Findings.read(tmp_path / "findings.json")
    assert again.items == [Finding("docs/a.md", 2, "warning", "Long sentence"),
                           Finding("docs/a.md", 4, "error", "There is no page 'b.md'", "Check the link")]
    assert not again.complete and not again.passed  # a build that never said it finished has not passed
    again.warning("docs/a.md", 2, "Long sentence")  # already in what was read: kept once
    again.warning("docs/a.md", 3, "Long sentence")
    assert [f.line for f in again.items] == [2, 4, 3]
    assert [p.name for p in tmp_path.iterdir()] == ["findings.json"]  # no temporary file left
    assert Findings.read(tmp_path / "none.json") is None
    (tmp_path / "findings.json").write_text('{"version": 1, "findings": [{"file": "a.md"}]}')
    with pytest.raises(ContentError, match="not in the form"):
        Findings.read(tmp_path / "findings.json")


def test_the_summary_links_to_the_pdfs_only_when_the_check_passes(repo):
    from coproduction.findings import Findings
    git(repo, "checkout", "-q", "-b", "change")
    (repo / "docs" / "meetings.md").write_text(EASY.replace("We meet", "We still meet"))
    github = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "owner/site", "GITHUB_RUN_ID": "123"}
    Findings(complete=True).write(repo / ".cache" / "findings.json")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": "", "GITHUB_ACTIONS": "", **github}
    done = subprocess.run([sys.executable, "-m", "coproduction", "summary", "--base", "main", "--output", "pass.md"],
                          cwd=repo, capture_output=True, text=True, timeout=60, env=env)
    text = (repo / "pass.md").read_text()
    assert done.returncode == 0 and "The check passes" in text, done.stderr
    assert ('in the download called "pdfs" on [this run\'s page](https://github.com/owner/site/actions/runs/123'
            '#artifacts), under Artifacts') in text
    # The workflow uploads the PDFs under the name the summary gives.
    workflow = (ROOT / ".github" / "workflows" / "site.yml").read_text()
    assert "name: pdfs\n          path: site/downloads/*.pdf" in workflow

    failing = Findings(complete=True)
    failing.error("docs/meetings.md", 3, "The link 'x.md' goes to no page")
    failing.write(repo / ".cache" / "findings.json")
    subprocess.run([sys.executable, "-m", "coproduction", "summary", "--base", "main", "--output", "fail.md"],
                   cwd=repo, capture_output=True, text=True, timeout=60, env=env)
    text = (repo / "fail.md").read_text()
    assert "actions/runs/123" not in text and "There are no PDFs to look at" in text
