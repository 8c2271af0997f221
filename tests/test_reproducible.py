"""Two builds of the same commit, in different folders and at different times,
give the same bytes: every page, model.json, the readability report and the PDF.

The only files allowed to differ are the ones MkDocs stamps with the build date
(see docs/about/build-errors.md): sitemap.xml lists each page with a <lastmod>
date, and sitemap.xml.gz holds that file plus the date in its gzip header.
Setting SOURCE_DATE_EPOCH (for example to the commit's time) fixes those too.
"""
from __future__ import annotations

import gzip
import re
import shutil
import time
from pathlib import Path

from conftest import IGNORED, ROOT, run_build

DATE_STAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def build_copy(tmp_path: Path, name: str, env: dict) -> Path:
    project = tmp_path / name / "project"
    shutil.copytree(ROOT, project, ignore=IGNORED)
    site = tmp_path / name / "site"
    result = run_build(project, site_dir=site, env=env)
    assert result.returncode == 0, result.output
    return site


def files_in(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def without_dates(sitemap: bytes) -> bytes:
    return re.sub(rb"<lastmod>[^<]*</lastmod>", b"", sitemap)


def test_two_builds_of_the_same_commit_are_identical(tmp_path):
    # Days apart, as far as MkDocs can tell: the second build also starts later.
    first = files_in(build_copy(tmp_path, "first", {"SOURCE_DATE_EPOCH": "1767225600"}))
    time.sleep(1.1)
    second = files_in(build_copy(tmp_path, "second", {"SOURCE_DATE_EPOCH": "1767830400"}))

    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())
    differ = sorted(name for name in first if first[name] != second[name])
    assert set(differ) <= DATE_STAMPED, f"these files differ between the two builds: {differ}"
    assert "model.json" in first and any(name.endswith(".html") for name in first)
    assert "readability.json" in first
    assert any(name.endswith(".pdf") for name in first)

    # The stamped files differ only by their dates.
    assert without_dates(first["sitemap.xml"]) == without_dates(second["sitemap.xml"])
    assert gzip.decompress(first["sitemap.xml.gz"]) == first["sitemap.xml"]
