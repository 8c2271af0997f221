"""Two builds of the same commit, in different folders and at different times,
give the same bytes: every page, model.json, the readability report and the PDF.

The only files allowed to differ are the ones MkDocs stamps with the build date
(see docs/about/build-errors.md): sitemap.xml lists each page with a <lastmod>
date, and sitemap.xml.gz holds that file plus the date in its gzip header.
Setting SOURCE_DATE_EPOCH (for example to the commit's time) fixes those too.
"""
from __future__ import annotations

import gzip
import hashlib
import os
import re
from pathlib import Path

import pytest

from conftest import ROOT
from coproduction import pdf as print_kit

DATE_STAMPED = {"sitemap.xml", "sitemap.xml.gz"}


def files_in(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def without_dates(sitemap: bytes) -> bytes:
    return re.sub(rb"<lastmod>[^<]*</lastmod>", b"", sitemap)


def test_two_builds_of_the_same_commit_are_identical(built_site, readme_build):
    # Two builds in different folders, at different times: the tests' build of the
    # checkout itself (SOURCE_DATE_EPOCH as the test run has it, usually unset, and
    # the checkout's PDF cache) and `make build` in a fresh copy (the commit's time,
    # no cache: every PDF rendered again).
    first = files_in(built_site)
    second = files_in(readme_build / "site")

    assert first.keys() == second.keys(), sorted(first.keys() ^ second.keys())
    differ = sorted(name for name in first if first[name] != second[name])
    assert set(differ) <= DATE_STAMPED, f"these files differ between the two builds: {differ}"
    assert "model.json" in first and any(name.endswith(".html") for name in first)
    assert "readability.json" in first
    assert "downloads/co-production-model-a4.pdf" in first  # the print kit is part of the build
    assert "downloads/co-production-model-poster-a3.pdf" in first

    # The stamped files differ only by their dates.
    assert without_dates(first["sitemap.xml"]) == without_dates(second["sitemap.xml"])
    assert gzip.decompress(first["sitemap.xml.gz"]) == first["sitemap.xml"]


# --- the PDF on its own: the same inputs give the same bytes, whatever the environment ---


@pytest.mark.parametrize("subsetter, name, paper", [("harfbuzz-subset", "model", "A4"), ("fonttools", "model", "A4"),
                                                    ("harfbuzz-subset", "poster", "A3")])
def test_the_pdf_bytes_depend_on_the_inputs_alone(model, tmp_path, monkeypatch, subsetter, name, paper):
    """SOURCE_DATE_EPOCH set (to two dates) or unset, a cold or a warm font cache:
    one PDF. fontTools rewrites a font's date from that variable or the clock, so
    it is tried as well as HarfBuzz (WeasyPrint falls back to it when the system
    lacks libharfbuzz-subset0, as a fresh machine did before `make test`)."""
    import weasyprint.pdf.fonts

    if subsetter == "fonttools":
        monkeypatch.setattr(weasyprint.pdf.fonts, "harfbuzz_subset", None)
    else:  # scripts/install-system-packages.sh installs it; the build relies on it
        assert weasyprint.pdf.fonts.harfbuzz_subset is not None
    document = print_kit.Document(
        name=f"{name}-{paper.lower()}", title="The model", template=ROOT / "print" / f"{name}.html",
        stylesheet=ROOT / "print" / f"{name}.css", data_file=ROOT / "data" / "model.yml",
        output="a.pdf", preview="a.png", pages=1, paper=paper, site_url="https://example.org/", root=ROOT)
    digests = {}
    for epoch in ("1000000000", "2000000000", None):
        if epoch is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        fonts = tmp_path / f"fonts-{epoch}"
        for cache in ("cold", "warm"):  # the warm one reads the fonts the cold one unpacked
            pdf = print_kit.render_pdf(document, model, identifier="same", font_cache=fonts)
            digests[epoch, cache] = hashlib.sha256(pdf).hexdigest()
        assert os.environ.get("SOURCE_DATE_EPOCH") == epoch  # the render puts it back
    assert len(set(digests.values())) == 1, digests


def test_the_readme_flow_make_build_then_the_tests_gives_one_pdf(readme_build, monkeypatch):
    """README.md: `make build`, then `make test`. The build stamps SOURCE_DATE_EPOCH
    (the commit time) into its environment and fills .cache/print/; the tests
    render without it. The cached PDF must be the one a fresh render gives."""
    project = readme_build
    cached = sorted((project / ".cache" / "print").glob("model-a4.*.pdf"))
    assert len(cached) == 1, cached
    assert (project / "site" / "downloads" / "co-production-model-a4.pdf").read_bytes() == cached[0].read_bytes()

    # What the tests do next: render again, in an environment without the variable.
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    from coproduction.settings import documents, open_project, plugin_options, read_mkdocs_yml

    config = read_mkdocs_yml(project / "mkdocs.yml")
    options = plugin_options(config["plugins"])
    data = open_project(project, options["data"])
    document = documents(options["documents"], project, config["site_url"], data)[0]
    fresh = print_kit.render(document, data.data(document.data))  # no cache: a render from scratch
    assert not fresh.from_cache
    assert fresh.pdf == cached[0].read_bytes()
    assert cached[0].name == f"model-a4.{fresh.key}.pdf"
