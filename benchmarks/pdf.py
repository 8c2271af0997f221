"""How long each PDF of the print kit takes to make, and how big it is.

Everything runs in this one process, as in a build:
  - importing WeasyPrint (paid once per build, only when the PDF is rendered);
  - rendering the PDF (layout, checks, write): median of several runs, with
    the fonts unpacked each time (a fresh checkout) and from the font cache;
  - rendering the PNG preview from it: median of several runs;
  - a cache hit (hash every input, read the stored bytes): what an unchanged
    rebuild or `mkdocs serve` pays instead.
It prints the PDF's and the preview's sizes and the space left at the foot of
the page (how many more words would fit).

The documents are the ones listed under the coproduction plugin's documents in mkdocs.yml.

Run: .venv/bin/python benchmarks/pdf.py [--runs 7]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coproduction import pdf  # noqa: E402  (after the path fix, so it runs from anywhere)


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_ms(action, runs: int) -> float:
    return statistics.median(timed(action) for _ in range(runs)) * 1000


def documents() -> list:
    """The documents mkdocs.yml lists, as the build sees them, each with its checked data."""
    from coproduction.settings import documents as listed, open_project, plugin_options, read_mkdocs_yml

    config = read_mkdocs_yml(ROOT / "mkdocs.yml")
    options = plugin_options(config.get("plugins")) or {}
    project = open_project(ROOT, options.get("data"))
    return [(document, project.data(document.data))
            for document in listed(options.get("documents"), ROOT, config.get("site_url") or "", project)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs

    import_s = timed(lambda: __import__("weasyprint"))
    print(f"import weasyprint:         {import_s * 1000:7.0f} ms (once per build, only on a cache miss)")
    for document, data in documents():
        print(f"\n{document.name} ({document.output}):")
        first_ms = timed(lambda: pdf.render_pdf(document, data)) * 1000  # fonts load once per process
        render_ms = median_ms(lambda: pdf.render_pdf(document, data), runs)
        pdf_bytes = pdf.render_pdf(document, data)
        preview_ms = median_ms(lambda: pdf.render_preview(pdf_bytes), runs)
        preview = pdf.render_preview(pdf_bytes)
        with tempfile.TemporaryDirectory() as cache:
            fonts = Path(cache) / "fonts"
            pdf.render_pdf(document, data, font_cache=fonts)
            cached_fonts_ms = median_ms(lambda: pdf.render_pdf(document, data, font_cache=fonts), runs)
            pdf.render(document, data, cache_dir=Path(cache))
            hit_ms = median_ms(lambda: pdf.render(document, data, cache_dir=Path(cache)), runs)

        print(f"  first render in process: {first_ms:7.0f} ms")
        print(f"  PDF render (median of {runs}): {render_ms:7.0f} ms (fonts unpacked each time)")
        print(f"    with fonts cached:     {cached_fonts_ms:7.0f} ms")
        print(f"  PNG preview (median of {runs}): {preview_ms:7.0f} ms")
        print(f"  cache hit (median of {runs}): {hit_ms:7.1f} ms")
        print(f"  PDF size:                {len(pdf_bytes) / 1024:7.1f} KB ({len(pdf_bytes)} bytes, "
              f"{pdf.page_count(pdf_bytes)} page(s))")
        print(f"  preview size:            {len(preview) / 1024:7.1f} KB")
        print(f"  space left on the last page: {pdf.spare_space_mm(document, data):5.1f} mm")


if __name__ == "__main__":
    main()
