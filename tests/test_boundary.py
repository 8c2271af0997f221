"""The trust boundary, written down in SECURITY.md and enforced (issue 26, family 2).

SECURITY.md's table says, for every folder and kind of file, whether a pull request
changes it as content (checked by the build) or as code (a maintainer reviews it).
These tests read that table and check each row: code rows against .github/CODEOWNERS,
content rows against the checks the build runs; and the build's refusal of docs files
that would replace a theme file or add an unreviewed script or style."""
from __future__ import annotations

import fnmatch
import re
from pathlib import Path

import material
import pytest
from mkdocs.config import load_config

from conftest import ROOT
from coproduction.boundary import output_collisions, theme_and_script_collisions

MATERIAL = Path(material.__file__).parent / "templates"


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def docs_files() -> list[str]:
    return [p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*") if p.is_file()]


def test_our_own_docs_files_are_fine(config):
    assert theme_and_script_collisions(docs_files(), config) == []


def _material(pattern: str) -> str:
    found = sorted(p.relative_to(MATERIAL).as_posix() for p in MATERIAL.glob(pattern))
    assert found, pattern
    return found[0]


@pytest.mark.parametrize("path", [
    lambda: _material("assets/javascripts/bundle.*.min.js"),     # Material's script, on every page
    lambda: _material("assets/stylesheets/main.*.min.css"),
    lambda: _material("assets/javascripts/lunr/min/lunr.*.min.js"),
    lambda: "sitemap.xml",
    lambda: "search/search_index.json",
])
def test_a_docs_file_cannot_replace_a_theme_file(config, path):
    path = path()
    problems = theme_and_script_collisions([*docs_files(), path], config)
    assert [(p.file, "replace the theme's own file" in p.problem) for p in problems] == [(f"docs/{path}", True)]


@pytest.mark.parametrize("path", ["assets/javascripts/extra.js", "assets/stylesheets/more.css",
                                  "guides/tool.mjs", "assets/javascripts/Self-Assessment.JS"])
def test_a_script_or_style_nobody_named_is_refused(config, path):
    problems = theme_and_script_collisions([*docs_files(), path], config)
    assert [p.file for p in problems] == [f"docs/{path}"]
    assert "not named in mkdocs.yml" in problems[0].problem


# --- SECURITY.md's table -------------------------------------------------------------

def boundary_table() -> list[tuple[str, str, str]]:
    """(what, content or code, checked by) for each row of SECURITY.md's table."""
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 3 and cells[1] in ("Content", "Code"):
            rows.append((cells[0], cells[1], cells[2]))
    return rows


def _paths(what: str) -> list[str]:
    return re.findall(r"`([^`]+)`", what)


def codeowners() -> list[tuple[str, list[str]]]:
    rules = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            rules.append((pattern, owners))
    return rules


def owners_of(path: str) -> list[str]:
    """CODEOWNERS: the last matching pattern wins (GitHub's rule), for the patterns we use."""
    found: list[str] = []
    for pattern, owners in codeowners():
        if pattern.endswith("/"):
            anchored = pattern.lstrip("/")
            hit = path.startswith(anchored) if pattern.startswith("/") else f"/{anchored}" in f"/{path}"
        elif pattern.startswith("/"):
            hit = path == pattern[1:]
        else:
            hit = fnmatch.fnmatch(path.rsplit("/", 1)[-1], pattern)
        if hit:
            found = owners
    return found


def test_the_table_covers_the_folders_of_the_issue():
    rows = boundary_table()
    named = {path for what, _, _ in rows for path in _paths(what)}
    for path in ("docs/**/*.md", "data/*.yml", "coproduction/", "macros/", "overrides/", "print/", "mkdocs.yml",
                 "Makefile", ".github/", "*.js", "*.css", "benchmarks/", "scripts/", "tests/"):
        assert path in named, f"{path} is not in SECURITY.md's table"
    # Every top-level folder and file the repository holds is in the table.
    import subprocess

    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    tracked = {line.split("/")[0] + ("/" if "/" in line else "") for line in listed.splitlines()}
    for entry in tracked - {"docs/", "data/"}:
        assert any(path == entry or path.startswith(entry) for path in named), f"{entry} is not in the table"


def example_file(path: str) -> str:
    """A real file the row's path stands for."""
    if path.endswith("/"):
        return path + "example.txt"
    return path.replace("**/", "guides/").replace("*", "example")


def test_every_code_row_needs_a_maintainer_in_codeowners():
    for what, kind, _ in boundary_table():
        for path in _paths(what):
            owners = owners_of(example_file(path))
            if kind == "Code":
                assert owners, f"CODEOWNERS names no reviewer for {path} ({example_file(path)})"
            else:
                assert not owners, f"{path} is content, but CODEOWNERS asks a maintainer for it"


def test_codeowners_uses_the_repository_s_organisation():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    organisation = re.search(r"edit_uri:.*github\.com/([\w-]+)/", config).group(1)
    assert organisation == "coproduction-model"
    for _, owners in codeowners():
        assert owners and all(owner.startswith(f"@{organisation}/") for owner in owners)


def test_every_content_row_names_the_check_that_covers_it():
    from coproduction import file_safety  # noqa: F401  the checks the rows name must exist

    for what, kind, check in boundary_table():
        if kind != "Content":
            continue
        modules = re.findall(r"`(coproduction/[\w/]+\.py)`", check)
        assert modules, f"the row for {what} names no check"
        for module in modules:
            assert (ROOT / module).is_file(), module


def test_a_script_under_docs_is_code_in_the_table_and_refused_by_the_build(config):
    rows = {path: kind for what, kind, _ in boundary_table() for path in _paths(what)}
    assert rows["*.js"] == "Code" and rows["*.css"] == "Code"
    assert theme_and_script_collisions(["guides/new.js"], config)


@pytest.mark.parametrize("extra, clash", [
    (["guides.md"], ("docs/guides/index.md", "docs/guides.md")),      # both guides/index.html
    (["guides/README.md"], ("docs/guides/index.md", "docs/guides/README.md")),
    (["model/index.md"], ("docs/model.md", "docs/model/index.md")),
])
def test_two_files_with_one_output_path_are_refused(config, extra, clash):
    assert output_collisions(docs_files(), config) == []
    problems = output_collisions([*docs_files(), *extra], config)
    assert len(problems) == 1
    first, later = sorted(clash)
    assert problems[0].file == later and first in problems[0].problem
