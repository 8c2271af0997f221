"""`python -m coproduction check PATH...`: folders too, with the build's own messages."""
from __future__ import annotations

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
