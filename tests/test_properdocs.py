"""The project builds unchanged on ProperDocs, the maintained continuation of MkDocs 1.x
(README.md, "Moving to another generator"): the same files, byte for byte, apart from
the generator tag in each page's head and the dates in the sitemap.

ProperDocs is pinned in requirements.txt beside MkDocs. It reads our mkdocs.yml as it is,
and loads our plugin and the theme's through MkDocs' own entry points.
"""
from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

PROPERDOCS = Path(sys.executable).parent / "properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="([^"]*)">')


def comparable(name: str, data: bytes) -> bytes:
    """A built file with the generator tag's text and the sitemap's dates taken out."""
    if name.endswith(".html"):
        return GENERATOR.sub(b'<meta name="generator" content="">', data)
    if name == "sitemap.xml.gz":
        data, name = gzip.decompress(data), "sitemap.xml"
    if name == "sitemap.xml":
        return re.sub(rb"<lastmod>[^<]*</lastmod>", b"", data)
    return data


@pytest.mark.slow(15)
def test_properdocs_builds_the_same_site_as_mkdocs(built_site, project_copy, tmp_path):
    site = tmp_path / "properdocs-site"
    done = subprocess.run([str(PROPERDOCS), "build", "--quiet", "--site-dir", str(site)], cwd=project_copy,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr

    ours = {p.relative_to(built_site).as_posix(): p.read_bytes() for p in built_site.rglob("*") if p.is_file()}
    theirs = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert sorted(ours) == sorted(theirs)
    differ = sorted(name for name in ours if comparable(name, ours[name]) != comparable(name, theirs[name]))
    assert differ == [], f"these files differ between MkDocs and ProperDocs: {differ}"

    # It really was ProperDocs, and our plugin ran in it: the PDFs, model.json and the report are there.
    assert GENERATOR.search(theirs["index.html"]).group(1).startswith(b"mkdocs-ProperDocs ")
    assert GENERATOR.search(ours["index.html"]).group(1).startswith(b"mkdocs-1.")
    assert {"model.json", "readability.json", "downloads/co-production-model-a4.pdf"} <= set(theirs)
