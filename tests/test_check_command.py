"""`python -m coproduction check PATH...`: folders too, with the build's own messages."""
from __future__ import annotations

import os
import subprocess
import sys

from conftest import ROOT

HARD = ("# Origins\n\nThe multidisciplinary consultation methodology necessitates comprehensive evaluation "
        "of institutional accountability mechanisms.\n")


def test_check_accepts_a_folder_and_reports_every_page_in_it(tmp_path):
    folder = tmp_path / "pages"
    (folder / "sub").mkdir(parents=True)
    (folder / "easy.md").write_text("# Meet us\n\nWe meet every month. Come along.\n", encoding="utf-8")
    (folder / "sub" / "hard.md").write_text(HARD, encoding="utf-8")
    (folder / "sub" / "twice.md").write_text("---\ntitle: One\ntitle: Two\n---\n\n# A\n\nWords here.\n",
                                             encoding="utf-8")
    (folder / "notes.txt").write_text("not a page", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "coproduction", "check", "pages", "--config",
                             str(ROOT / "mkdocs.yml")], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stdout + result.stderr  # a mistake in a page outranks a hard page
    assert "pages/easy.md is easy enough to read." in result.stdout
    assert "pages/sub/hard.md is harder to read than our plain-English limits allow:" in result.stdout
    assert ("pages/sub/twice.md:3: 'title' is written twice in the same block, on lines 2 and 3"
            in result.stderr)
    assert "notes.txt" not in result.stdout + result.stderr

    # The old form, a file without `check`, still works (the Makefile's `make check PAGE=...`).
    one = subprocess.run([sys.executable, "-m", "coproduction", "pages/easy.md", "--config", str(ROOT / "mkdocs.yml")],
                         cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert one.returncode == 0 and "pages/easy.md is easy enough to read." in one.stdout


def test_make_check_builds_the_site_when_only_a_data_file_or_mkdocs_yml_changed(tmp_path):
    """`make check` with no PAGE (`changed`): a change to a data file, mkdocs.yml or a picture,
    or a deleted page, can stop the build as surely as a page can. With no page changed, it
    runs the whole build and fails as the build would, with its messages; and a page the
    build cannot read is named once, with no traceback."""
    import shutil

    from conftest import IGNORED

    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=IGNORED)
    def git(*args):
        subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args], cwd=project,
                       check=True, capture_output=True)
    def changed():
        return subprocess.run([sys.executable, "-m", "coproduction", "changed", "--base", "main"], cwd=project,
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)})
    git("init", "-q", "-b", "main")
    git("add", ".")
    git("commit", "-q", "-m", "main")
    jargon = project / "data" / "jargon.yml"
    jargon.write_text(jargon.read_text(encoding="utf-8") + "  - {word: stakeholders, plain: the people, "
                      "source: [ours]}\n", encoding="utf-8")
    result = changed()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert ("No page differs from main, but 1 other file does: data/jargon.yml. Any file can stop the build, "
            "so this runs every check the build runs.") in output
    assert "data/jargon.yml:" in output and "The check fails: the build would stop." in output
    assert "nothing to check" not in output

    jargon.write_bytes(subprocess.run(["git", "show", "main:data/jargon.yml"], cwd=project,
                                      capture_output=True, check=True).stdout)
    page = project / "docs" / "origins.md"
    page.write_bytes(page.read_text(encoding="utf-8").encode("utf-16"))  # Notepad's "Unicode"
    result = changed()
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert output.count("docs/origins.md:1: This page is not saved as UTF-8 text") == 1, output
    assert "Traceback" not in output, output


def test_a_page_named_from_the_docs_folder_is_offered_its_full_path():
    # `make check PAGE=guides/start.md`: the page exists under docs/.
    result = subprocess.run([sys.executable, "-m", "coproduction", "guides/start.md"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == ("guides/start.md: There is no such file. Did you mean docs/guides/start.md? "
                                     "Pages are named from the project folder.")
