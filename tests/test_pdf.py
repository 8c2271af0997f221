"""The one-page A4 PDF: read back from real builds with pypdf.

Most tests read the PDF of the session's `built_site`. The ones that break
something (a step far too long, a missing font) build a throwaway copy.
"""
from __future__ import annotations

import hashlib
import html
import math
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, run_build
from coproduction import pdf as print_kit
from coproduction.errors import ContentError

PDF_PATH = "downloads/co-production-model-a4.pdf"
PREVIEW_PATH = "downloads/co-production-model-a4.png"
A4_POINTS = (595.28, 841.89)


def normalise(text: str) -> str:
    """One space between words; words split at a line end joined again."""
    text = text.replace("\u00ad", "")            # soft hyphens
    text = re.sub(r"\s+", " ", text)
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)  # "co- production" -> "co-production"


def pdf_text(path: Path) -> str:
    return normalise(PdfReader(path).pages[0].extract_text())


@pytest.fixture(scope="module")
def built_pdf(built_site) -> Path:
    return built_site / PDF_PATH


@pytest.fixture(scope="module")
def reader(built_pdf) -> PdfReader:
    return PdfReader(built_pdf)


def test_the_pdf_is_one_a4_page(reader):
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(A4_POINTS[0], abs=0.5)
    assert float(box.height) == pytest.approx(A4_POINTS[1], abs=0.5)


def test_every_part_of_the_model_is_there_in_reading_order(built_pdf, model):
    text = pdf_text(built_pdf)
    position = 0
    # Title, subtitle, definition, values lead-in, five values, steps lead-in, seven steps.
    for expected in model.quoted_texts():
        found = text.find(normalise(expected), position)
        assert found >= 0, f"Missing or out of order in the PDF: {expected!r}"
        position = found + len(expected)
    # Each step carries its number, just before its words.
    for number, step in enumerate(model.steps.items, start=1):
        assert f"{number} {normalise(step.text)[:30]}" in text


def test_credit_and_site_address_are_printed_and_the_link_works(reader, built_pdf, model):
    text = pdf_text(built_pdf)
    assert normalise(model.credit.text) in text
    links = [annot.get_object()["/A"]["/URI"] for annot in reader.pages[0].get("/Annots", [])
             if annot.get_object().get("/Subtype") == "/Link"]
    assert links, "The PDF has no clickable link"
    site = links[0]
    assert site.startswith("https://")
    assert re.sub(r"^https://", "", site).rstrip("/") in text


def _font_descriptors(reader):
    fonts = reader.pages[0]["/Resources"]["/Font"]
    for font in fonts.values():
        font = font.get_object()
        described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        yield font["/BaseFont"], described["/FontDescriptor"].get_object()


def test_fonts_are_the_site_font_embedded_and_subset(reader):
    fonts = list(_font_descriptors(reader))
    assert len(fonts) >= 2  # regular and bold
    for name, descriptor in fonts:
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, f"{name} is not embedded"
        assert re.fullmatch(r"/[A-Z]{6}\+Atkinson-Hyperlegible.*", name), f"{name}: not a subset of the site font"


def _structure_roles(node, depth=0):
    node = node.get_object()
    if depth > 40:
        return
    if "/S" in node:
        yield node["/S"]
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if hasattr(kid, "get") and ("/S" in kid or "/K" in kid):
            yield from _structure_roles(kid, depth + 1)


def test_the_pdf_is_tagged_with_title_author_and_language(reader, model):
    catalog = reader.trailer["/Root"]
    # The structure tree names real parts: a heading, lists with items, a link.
    roles = set(_structure_roles(catalog["/StructTreeRoot"]))
    assert {"/H1", "/H2", "/L", "/LI", "/Link", "/BlockQuote"} <= roles
    # pypdf booleans are objects: bool() of one is always true, so compare.
    assert catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    info = reader.metadata
    assert model.title in info.title
    assert info.author == model.credit.organisation
    assert info.subject
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b"pdfuaid" in xmp  # declares PDF/UA


def test_the_pdf_names_the_same_model_version_as_the_web_page(built_site, built_pdf, model, reader):
    page = html.unescape((built_site / "model" / "index.html").read_text(encoding="utf-8"))
    on_the_web = re.search(r"Text version: (\d{1,2} \w+ \d{4})", page)
    assert on_the_web, "The model page does not show its text version"
    assert f"Text version: {on_the_web.group(1)}" in pdf_text(built_pdf)
    assert on_the_web.group(1) == f"{model.version_date.day} {model.version_date:%B %Y}"
    # The PDF's own dates are the version date, never the build time.
    stamp = f"D:{model.version_date:%Y%m%d}"
    assert reader.metadata["/CreationDate"].startswith(stamp)
    assert reader.metadata["/ModDate"].startswith(stamp)


def test_the_preview_is_a_small_picture_of_this_pdf(built_site, built_pdf):
    preview = (built_site / PREVIEW_PATH).read_bytes()
    assert preview.startswith(b"\x89PNG\r\n\x1a\n")
    width = int.from_bytes(preview[16:20], "big")
    height = int.from_bytes(preview[20:24], "big")
    assert width == print_kit.PREVIEW_WIDTH_PX
    assert height == pytest.approx(width * A4_POINTS[1] / A4_POINTS[0], abs=1)
    # Made from the published PDF, not from some older one.
    assert preview == print_kit.render_preview(built_pdf.read_bytes())


def test_the_download_button_links_to_the_pdf_with_its_size(built_site, built_pdf):
    page_file = built_site / "model" / "index.html"
    page = page_file.read_text(encoding="utf-8")
    button = re.search(r'<a class="pdf-download__link" href="([^"]+)" download="([^"]+)">(.*?)</a>', page)
    assert button, "The model page has no PDF download button"
    href, file_name, inside = button.groups()
    assert (page_file.parent / href).resolve() == built_pdf.resolve()
    assert file_name == "co-production-model-a4.pdf"
    size_kb = math.ceil(built_pdf.stat().st_size / 1024)
    label = re.sub(r"<[^>]+>", "", inside)
    assert f"PDF, 1 page, A4, {size_kb} KB" in label
    assert "Download" in label
    preview = re.search(r'<img class="pdf-download__preview" src="([^"]+)"', inside).group(1)
    assert (page_file.parent / preview).resolve() == (built_site / PREVIEW_PATH).resolve()


def test_the_button_links_work_from_any_page(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT))
    from macros.downloads import download_button

    info = {"pdf": PDF_PATH, "preview": PREVIEW_PATH, "size_bytes": 2048,
            "preview_width": 300, "preview_height": 424}
    assert 'href="downloads/co-production-model-a4.pdf"' in download_button(info, "")
    assert 'href="../../downloads/co-production-model-a4.pdf"' in download_button(info, "guides/step-1-recruit/")
    assert "PDF, 1 page, A4, 2 KB" in download_button(info, "model/")


def _pdfs_in(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pdf")) if folder.exists() else []


def test_a_step_far_too_long_stops_the_build_and_leaves_no_pdf(project_copy, tmp_path):
    data = project_copy / "data" / "model.yml"
    step = "Get agreement from senior leaders to champion co-production"
    text = data.read_text(encoding="utf-8")
    assert text.count(step) == 1
    data.write_text(text.replace(step, " ".join([step] * 25)), encoding="utf-8")
    cached = _pdfs_in(project_copy / ".cache")  # project_copy shares the project's PDF cache
    site = tmp_path / "site"
    result = run_build(project_copy, site_dir=site)
    assert result.returncode != 0
    assert "does not fit on one A4 page" in result.output
    assert re.search(r"overflows by \d+ mm", result.output)
    assert "longest item is step 4" in result.output
    assert "data/model.yml:" in result.output
    assert _pdfs_in(site) == []
    assert _pdfs_in(project_copy / ".cache") == cached  # the failed render was not kept


def test_a_missing_font_file_stops_the_build_and_names_it(project_copy, tmp_path):
    font = "docs/assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2"
    (project_copy / font).unlink()
    site = tmp_path / "site"
    result = run_build(project_copy, site_dir=site)
    assert result.returncode != 0
    assert font in result.output
    assert "print/model.css" in result.output
    assert _pdfs_in(site) == []


def test_two_builds_give_the_same_bytes(project_copy, tmp_path, built_pdf):
    digests = []
    for name in ("first", "second"):
        shutil.rmtree(project_copy / ".cache", ignore_errors=True)  # render afresh each time
        site = tmp_path / name
        result = run_build(project_copy, site_dir=site)
        assert result.returncode == 0, result.output
        digests.append(hashlib.sha256((site / PDF_PATH).read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    # A checkout in another folder gives the same file too.
    assert digests[0] == hashlib.sha256(built_pdf.read_bytes()).hexdigest()


# --- the renderer on its own: checks that need no full build ------------------


@pytest.fixture
def print_copy(tmp_path) -> print_kit.PrintSources:
    """The template and stylesheet in a folder a test may change, with the real fonts."""
    folder = tmp_path / "print"
    shutil.copytree(ROOT / "print", folder)
    shutil.copytree(ROOT / "docs" / "assets" / "fonts", tmp_path / "docs" / "assets" / "fonts")
    return print_kit.PrintSources(template=folder / "model.html", stylesheet=folder / "model.css",
                                  site_url="https://example.org/", root=tmp_path)


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize("rule, message", [
    (".credits { font-size: 8pt }", "Keep all text at 10 pt or more"),
    ("@page { margin: 5mm }", "margins are too narrow"),
    ("@page { size: A5 }", "not A4"),
])
def test_the_stylesheet_cannot_break_the_print_rules(model, print_copy, rule, message):
    _append(print_copy.stylesheet, rule)
    with pytest.raises(ContentError, match=message):
        print_kit.render_pdf(model, print_copy)


def test_weasyprint_problems_stop_the_build(model, print_copy):
    # WeasyPrint logs a missing image and carries on; we must not.
    template = print_copy.template
    template.write_text(template.read_text(encoding="utf-8").replace(
        "</footer>", '<img src="no-such-picture.png" alt="Logo"></footer>'), encoding="utf-8")
    with pytest.raises(ContentError, match="no-such-picture.png"):
        print_kit.render_pdf(model, print_copy)


def test_a_letter_missing_from_the_font_stops_the_build(model, print_copy):
    _append(print_copy.stylesheet, '.subtitle::after { content: " \u2605" }')
    with pytest.raises(ContentError, match="\u2605"):
        print_kit.render_pdf(model, print_copy)


def _entries(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if p.is_file())


def test_the_cache_reuses_bytes_until_an_input_changes(model, print_copy, tmp_path):
    cache = tmp_path / "cache"
    first = print_kit.build_print(model, print_copy, cache_dir=cache)
    again = print_kit.build_print(model, print_copy, cache_dir=cache)
    assert not first.from_cache and again.from_cache
    assert again.pdf == first.pdf and again.preview_png == first.preview_png
    assert _entries(cache) == [f"{first.key}.pdf", f"{first.key}.png"]
    # The unpacked fonts are kept too, for the next render.
    assert len(list((cache / "fonts").glob("*.ttf"))) == 2
    _append(print_copy.stylesheet, "h1 { letter-spacing: 0 }")
    changed = print_kit.build_print(model, print_copy, cache_dir=cache)
    assert not changed.from_cache and changed.key != first.key
    # Only the current entry is kept, and no half-written file is left.
    assert _entries(cache) == [f"{changed.key}.pdf", f"{changed.key}.png"]
