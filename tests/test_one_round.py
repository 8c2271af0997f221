"""Issue 29: the build and `make check` report every problem in one run, each with its line."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from builds import run_build
from test_hostile_content import set_front_matter

PAGE = "docs/guides/step-5-reward.md"
SENTENCE = ("We will leverage stakeholders across the whole system in order to facilitate a shared and "
            "collaborative approach to reward, utilising every available funding stream and every partnership "
            "mechanism so that the people who give their time are recognised properly by each organisation "
            "involved in the work.")
PARAGRAPH = (f"{SENTENCE} Read the [rates guide](https://example.org/rates) and the "
             "[next step](step-6-how-you-wrk.md).")


def add_paragraph(project) -> int:
    """The contributor's edit of issue 29; the line it is on."""
    page = project / PAGE
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(f"{text}\n\n{PARAGRAPH}\n", encoding="utf-8")
    return len(text.split("\n")) + 2


def assert_every_problem(output: str, line: int) -> None:
    at = f"{PAGE}:{line}: "
    assert at + "The link 'step-6-how-you-wrk.md' goes to no page of this site" in output, output
    assert at + "This page links to another website that is not in the source register: https://example.org/rates" \
        in output, output
    advice = rf"{re.escape(PAGE)}, line {line}: "  # advice, not a problem that stops the build
    words = re.search(rf"{advice}This sentence has (\d+) words; the limit is 25", output)
    assert words and int(words[1]) == len(SENTENCE.split()), output
    for word in ("leverage", "stakeholders", "facilitate", "utilising"):
        assert re.search(rf"{advice}\"{word}\"", output), (word, output)


def mkdocs_build(project, site, *args):
    """`make build` as a contributor runs it: not quiet."""
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site), *args], cwd=project,
                          capture_output=True, text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    done.output = done.stdout + done.stderr
    return done


def test_the_build_reports_every_problem_of_the_page_in_one_run(project_copy, tmp_path):
    line = add_paragraph(project_copy)
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert_every_problem(result.output, line)
    assert "The site was not built: 2 problems to fix" in result.output
    assert "Error reading page" not in result.output
    assert "Doc file" not in result.output  # MkDocs' own wording of the broken link is not printed as well
    assert "[macros]" not in result.output  # its info lines only with --verbose
    assert "Traceback" not in result.output and str(project_copy) not in result.output.replace(
        str(tmp_path / "site"), "")
    assert not (tmp_path / "site").exists()  # nothing half-written
    findings = json.loads((project_copy / ".cache/findings.json").read_text(encoding="utf-8"))
    assert findings["complete"] and not findings["passed"] and findings["errors"] == 2
    assert {f["title"] for f in findings["findings"] if f["file"] == PAGE} >= {
        "Broken link", "Long sentence", "Plainer word"}


def test_make_check_reports_the_same_problems_and_fails(project_copy):
    line = add_paragraph(project_copy)
    result = subprocess.run([sys.executable, "-m", "coproduction", "check", PAGE], cwd=project_copy,
                            capture_output=True, text=True, timeout=120, env={"NO_MKDOCS_2_WARNING": "1",
                                                                               "PATH": "/usr/bin:/bin"})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert_every_problem(output, line)
    assert f"{PAGE} has 2 problems that stop the build: see the list above." in result.stdout
    assert "The check fails: the build would stop. 2 problems to fix" in result.stdout


def test_problems_in_several_stages_and_pages_all_come_in_one_run(project_copy, tmp_path):
    docs = project_copy / "docs"
    # A broken anchor (MkDocs checks anchors after every page is read).
    origins = docs / "origins.md"
    origins.write_text(origins.read_text(encoding="utf-8").rstrip("\n") +
                       "\n\nSee [the seven steps](guides/index.md#no-such-part).\n", encoding="utf-8")
    anchor_line = len(origins.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    # Template code on a page that may not run macros.
    access = docs / "accessibility.md"
    access.write_text(access.read_text(encoding="utf-8").rstrip("\n") + "\n\nOur {{ secret }} plan.\n",
                      encoding="utf-8")
    code_line = len(access.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    # A public page without review dates.
    easy = docs / "easy-read.md"
    text = easy.read_text(encoding="utf-8")
    easy.write_text(re.sub(r"(?m)^(last_reviewed|next_review): .*\n", "", text), encoding="utf-8")
    result = run_build(project_copy, site_dir=tmp_path / "site")
    assert result.returncode != 0
    out = result.output
    assert "The site was not built: 3 problems to fix" in out, out
    assert (f"docs/origins.md:{anchor_line}: The link 'guides/index.md#no-such-part' goes to a part of "
            "'guides/index.md' that is not there") in out, out
    assert f"docs/accessibility.md:{code_line}: This page contains template code" in out, out
    assert "docs/easy-read.md:1: This page does not say when it was last checked" in out, out
    assert "Error reading page" not in out
    assert not (tmp_path / "site").exists()


def test_a_page_whose_front_matter_is_refused_still_gets_its_other_problems_in_the_run(project_copy, tmp_path):
    """Front matter the build refuses never reaches MkDocs or the macros (the page is read with it
    emptied), so the build goes on and lists the rest: that page's other problems and every other
    page's. Before, it stopped at the front matter, and the rest came only on the next build."""
    # mkdocs-macros raises an error of its own for 'ignore_macros', so it must never see this key.
    set_front_matter(project_copy, "origins.md", 'title: Origins\nignore_macros: true\n'
                     'description: "A <b>bold</b> claim"\nlast_reviewed: 2026-12-07\nnext_review: 31/12/2027\n')
    origins = project_copy / "docs" / "origins.md"
    origins.write_text(origins.read_text(encoding="utf-8").rstrip("\n") + "\n\nSee [the list](lists.md).\n",
                       encoding="utf-8")
    link_line = len(origins.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    # Front matter that cannot be read at all, on a page with template code in its text.
    set_front_matter(project_copy, "accessibility.md", "title: &a Access\ndescription: *a\n")
    access = project_copy / "docs" / "accessibility.md"
    access.write_text(access.read_text(encoding="utf-8").rstrip("\n") + "\n\nOur {{ secret }} plan.\n",
                      encoding="utf-8")
    code_line = len(access.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    line = add_paragraph(project_copy)  # a page whose front matter is fine
    result = run_build(project_copy, site_dir=tmp_path / "site")
    out = result.output
    assert result.returncode != 0
    for message in ("docs/origins.md:3: The front matter key 'ignore_macros' is not one pages may use",
                    "docs/origins.md:4: The front matter value 'description' contains '<' or '>'",
                    # A date written day first: one message, from the front matter stage, with the date year first.
                    "docs/origins.md:6: In the front matter, 'next_review' must be a date written as YYYY-MM-DD. "
                    "Write it year first, with two figures for the month and the day: 'next_review: 2027-12-31'.",
                    f"docs/origins.md:{link_line}: The link 'lists.md' goes to no page of this site",
                    "docs/accessibility.md:2: The front matter uses a YAML anchor or alias ('&a')",
                    f"docs/accessibility.md:{code_line}: This page contains template code"):
        assert message in out, (message, out)
    assert_every_problem(out, line)
    assert out.count("docs/origins.md:6:") == 1, out  # not again from the review-date check
    assert "The site was not built: 8 problems to fix" in out, out
    assert "stopped before it read the pages" not in out
    assert "Traceback" not in out and "Error reading page" not in out, out
    assert not (tmp_path / "site").exists()
    findings = json.loads((project_copy / ".cache/findings.json").read_text(encoding="utf-8"))
    assert findings["complete"] and findings["errors"] == 8


def test_the_macros_plugins_info_lines_only_with_verbose(project_copy, tmp_path):
    assert "[macros]" not in mkdocs_build(project_copy, tmp_path / "site").output
    assert "[macros]" in mkdocs_build(project_copy, tmp_path / "site", "--verbose").output
