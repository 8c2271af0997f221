"""The one-page A4 PDF: read back from real builds with pypdf.

Most tests read the PDF of the session's `built_site`. One breaks the model in a
throwaway copy and builds it; the rest call the renderer (coproduction.pdf) directly.
"""
from __future__ import annotations

import dataclasses
import html
import io
import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT, run_build
from coproduction import pdf as print_kit
from coproduction.errors import ContentError
from coproduction.project import Project

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


def _text_sizes_pt(page) -> dict[float, str]:
    """Each size of text on the page, in points as printed (font size times the text and graphics
    matrices' vertical scale, to the tenth of a point), with some words set in it."""
    sizes = {}

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
            sizes.setdefault(round(size * scale, 1), text.strip()[:40])

    page.extract_text(visitor_text=visit)
    return sizes


@pytest.mark.parametrize("site", ["built_site", "edited_site"])
def test_every_note_on_the_a4_is_clear_print_size_and_it_stays_one_page(request, site):
    """UKAAF's clear print is 12 pt at least (/work/shared/sources/facts.md, section 5): the credit,
    whose words, the star note and the reuse note too, not only the model's words. On one page for
    the real model and for the tests' edited one, whose step 4 and short names are longer."""
    reader = PdfReader(request.getfixturevalue(site) / PDF_PATH)
    assert len(reader.pages) == 1
    sizes = _text_sizes_pt(reader.pages[0])
    assert min(sizes) >= 12, {size: words for size, words in sizes.items() if size < 12}
    assert max(sizes) >= 20  # the title: the sizes were read, not all the same


def test_every_part_of_the_model_is_there_in_reading_order(built_pdf, model):
    text = pdf_text(built_pdf)
    position = 0
    # Title, subtitle, definition, values lead-in, five values, steps lead-in, seven steps.
    for expected in model.quoted_texts():
        found = text.find(normalise(expected), position)
        assert found >= 0, f"Missing or out of order in the PDF: {expected!r}"
        position = found + len(expected)
    # Each value and step carries its number and our short name, just before its words.
    for names, items in ((model.short_names.values, model.values.items), (model.short_names.steps, model.steps.items)):
        for number, (name, item) in enumerate(zip(names, items), start=1):
            assert f"{number} {normalise(name)} {normalise(item.text)[:30]}" in text


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
    assert info.author == "The Co-production Model website"
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
    # A picture of the published PDF: compared with poppler's drawing of it (another renderer).
    assert preview_difference(built_site / PREVIEW_PATH, built_pdf) < SAME_PICTURE
    assert preview_difference(built_site / PREVIEW_PATH, built_site / POSTER_PATH) > 2 * SAME_PICTURE


# Mean difference (0-255) between a preview and poppler's drawing of a PDF, both cut to 50
# pixels wide so only the layout counts, not how each renderer smooths letters. Measured on
# 7 December 2026: 5.6 for the A4 and 5.5 for the poster against their own PDFs; 30 against
# the other document; 44 and 50 for a preview upside down.
SAME_PICTURE = 12


def preview_difference(png: Path, pdf: Path) -> float:
    from PIL import Image, ImageChops, ImageStat

    preview = Image.open(png).convert("L")
    drawn = subprocess.run(["pdftoppm", "-png", "-gray", "-singlefile", "-f", "1", "-l", "1",
                            "-scale-to-x", str(preview.width), "-scale-to-y", "-1", str(pdf)],
                           capture_output=True, check=True).stdout
    drawn = Image.open(io.BytesIO(drawn)).convert("L").resize(preview.size)
    small = (50, round(50 * preview.height / preview.width))
    return ImageStat.Stat(ImageChops.difference(preview.resize(small, Image.BOX),
                                                drawn.resize(small, Image.BOX))).mean[0]


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

    info = {"pdf": PDF_PATH, "preview": PREVIEW_PATH, "size_bytes": 2048, "pages": 1,
            "preview_width": 300, "preview_height": 424}
    assert 'href="downloads/co-production-model-a4.pdf"' in download_button(info, "")
    assert 'href="../../downloads/co-production-model-a4.pdf"' in download_button(info, "guides/step-1-recruit/")
    assert "PDF, 1 page, A4, 2 KB" in download_button(info, "model/")
    assert "PDF, 3 pages, A4, 2 KB" in download_button({**info, "pages": 3}, "model/")


def _pdfs_in(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.pdf")) if folder.exists() else []


def test_a_step_far_too_long_stops_the_build_and_writes_no_pdf(project_copy, tmp_path):
    data = project_copy / "data" / "model.yml"
    step = "Get agreement from senior leaders to champion co-production"
    text = data.read_text(encoding="utf-8")
    assert text.count(step) == 1
    data.write_text(text.replace(step, " ".join([step] * 25)), encoding="utf-8")
    cached = _pdfs_in(project_copy / ".cache")  # project_copy shares the project's PDF cache
    site = tmp_path / "site"
    # The last good site stays as it was (the plugin swaps in only a
    # complete build), and no PDF of the failed build is written anywhere.
    (site / "downloads").mkdir(parents=True)
    (site / PDF_PATH).write_bytes(b"%PDF- the last good one")
    result = run_build(project_copy, site_dir=site)
    assert result.returncode != 0
    assert "does not fit on one A4 page" in result.output
    assert re.search(r"overflows by \d+ mm", result.output)
    # The copy has no git history to compare with, so the build names one of our own items,
    # never the model's words, which are C4CC's.
    assert "The longest of our own items is" in result.output
    assert "never shorten them to fit" in result.output and "Shorten step 4" not in result.output
    assert "data/model.yml:" in result.output
    assert _pdfs_in(site) == [site / PDF_PATH]
    assert (site / PDF_PATH).read_bytes() == b"%PDF- the last good one"
    assert not (tmp_path / ".site.building").exists()
    assert _pdfs_in(project_copy / ".cache") == cached  # the failed render was not kept


# --- the renderer on its own: checks that need no full build ------------------


def _document(folder: Path, **changes) -> print_kit.Document:
    settings = dict(name="model-a4", title="The model", template=folder / "print" / "model.html",
                    stylesheet=folder / "print" / "model.css", data_file=folder / "data" / "model.yml",
                    output=PDF_PATH, preview=PREVIEW_PATH, data="model", pages=1,
                    site_url="https://example.org/", root=folder)
    return print_kit.Document(**{**settings, **changes})


@pytest.fixture
def print_copy(tmp_path) -> print_kit.Document:
    """The template, stylesheet and data in a folder a test may change, with the real fonts."""
    shutil.copytree(ROOT / "print", tmp_path / "print")
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "docs" / "assets" / "fonts", tmp_path / "docs" / "assets" / "fonts")
    return _document(tmp_path)


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
        print_kit.render_pdf(print_copy, model)


def test_each_document_has_its_own_smallest_text_size(model, print_copy):
    # The A4's 10 pt text is too small for a large-print document.
    large = dataclasses.replace(print_copy, name="large", title="Large print", min_text_pt=16,
                                pages=None, max_pages=9)
    with pytest.raises(ContentError, match="Keep all text at 16 pt or more") as caught:
        print_kit.render_pdf(large, model)
    assert caught.value.file == "print/model.css"


STEP_4 = "Get agreement from senior leaders to champion co-production"
# Our names for the parts of the model that are C4CC's words, as the print templates label them.
MODEL_ITEMS = re.compile(r"the definition|the values' lead-in|the steps' lead-in|value \d|step \d")


def _line_with(path: Path, words: str) -> int:
    return next(number for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                if words in text)


def _committed(folder: Path) -> None:
    """The folder as a git repository with one commit: the version an overflow is compared with."""
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=Test", "-c", "user.email=test@example.org",
                                                     "commit", "-q", "-m", "as committed"]):
        subprocess.run(["git", *command], cwd=folder, check=True, capture_output=True)


def _overflow(document: print_kit.Document) -> ContentError:
    with pytest.raises(ContentError) as caught:
        print_kit.render(document, Project(root=document.root).model, cache_dir=document.root / "cache")
    assert _pdfs_in(document.root / "cache") == []
    return caught.value


def test_an_overflow_names_the_item_that_grew_and_never_asks_to_cut_c4cc_s_words(print_copy, monkeypatch):
    """Step 4 made four times as long: the definition is still the tallest item, but the build
    names step 4, at its line, and asks for C4CC's words back rather than for a shorter definition."""
    monkeypatch.delenv("ANNOTATE_CHANGED_SINCE", raising=False)
    _committed(print_copy.root)
    data = print_copy.data_file
    line = _line_with(data, STEP_4)
    data.write_text(data.read_text(encoding="utf-8").replace(STEP_4, " ".join([STEP_4] * 4)), encoding="utf-8")
    error = _overflow(print_copy)
    assert (error.file, error.line) == ("data/model.yml", line)
    assert re.fullmatch(r"The model does not fit on one A4 page: it overflows by \d+ mm. The item that grew most "
                        r"in this change is step 4 \(\d+ letters longer, \d+ mm tall\)", error.problem)
    assert "put them back as C4CC wrote them" in error.fix and "Shorten" not in error.fix
    assert "print/model.css" in error.fix


def test_a_longer_short_name_that_overflows_the_poster_is_named_at_its_own_line(print_copy, monkeypatch):
    """Our short name for value 1 made longer pushes the A3 poster over: the build names that
    short name, at its line in short_names, not the model's words of value 1 or the tallest item."""
    monkeypatch.delenv("ANNOTATE_CHANGED_SINCE", raising=False)
    root = print_copy.root
    poster = dataclasses.replace(print_copy, name="poster-a3", title="The A3 poster", paper="A3", min_text_pt=16,
                                 template=root / "print" / "poster.html", stylesheet=root / "print" / "poster.css")
    _committed(root)
    data = print_copy.data_file
    line = _line_with(data, "- Everyone owns it ")
    data.write_text(data.read_text(encoding="utf-8").replace("- Everyone owns it ", "- Ownership is shared by everyone ",
                                                             1), encoding="utf-8")
    error = _overflow(poster)
    assert (error.file, error.line) == ("data/model.yml", line)
    assert "The item that grew most in this change is our short name for value 1" in error.problem
    assert error.fix.startswith("Shorten our short name for value 1, or make the layout tighter in print/poster.css")


def test_without_git_an_overflow_names_one_of_our_own_items_never_the_model_s_words(print_copy, monkeypatch):
    """No history to compare with (a copy outside git): the build names the longest of our own
    items, at its line, and says the model's words are never shortened to fit."""
    monkeypatch.delenv("ANNOTATE_CHANGED_SINCE", raising=False)
    data = print_copy.data_file
    data.write_text(data.read_text(encoding="utf-8").replace(STEP_4, " ".join([STEP_4] * 4)), encoding="utf-8")
    error = _overflow(print_copy)
    named = re.fullmatch(r"The model does not fit on one A4 page: it overflows by \d+ mm. "
                         r"The longest of our own items is (.+) \(\d+ mm tall\)", error.problem)
    assert named, error.problem
    assert not MODEL_ITEMS.fullmatch(named.group(1)), named.group(1)
    assert error.fix.startswith(f"Shorten {named.group(1)}, or make the layout tighter in print/model.css")
    assert error.fix.endswith("The model's own words are C4CC's: never shorten them to fit")
    assert error.file == "data/model.yml" and error.line is not None
    # The line named holds one of our own fields: none of the model's items has a status there.
    lines = data.read_text(encoding="utf-8").splitlines()
    assert "status:" not in " ".join(lines[error.line - 1:error.line + 2]), lines[error.line - 1]


def test_a_model_that_runs_onto_exactly_two_pages_is_not_one_page(print_copy):
    """Just over: one step four times its length makes two pages, not ten."""
    data = print_copy.data_file
    step = "Get agreement from senior leaders to champion co-production"
    data.write_text(data.read_text(encoding="utf-8").replace(step, " ".join([step] * 4)), encoding="utf-8")
    model = Project(root=print_copy.root).model
    tall = dataclasses.replace(print_copy, pages=None, max_pages=10)  # the same layout, allowed to run on
    assert print_kit.page_count(print_kit.render(tall, model).pdf) == 2
    with pytest.raises(ContentError, match="does not fit on one A4 page"):
        print_kit.render(print_copy, model)


def test_a_missing_font_file_is_named_with_the_stylesheet_line(model, print_copy):
    font = print_copy.root / "docs/assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2"
    font.unlink()
    lines = print_copy.stylesheet.read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(lines, start=1) if font.name in text)
    with pytest.raises(ContentError) as caught:
        print_kit.render(print_copy, model, cache_dir=print_copy.root / "cache")
    assert (caught.value.file, caught.value.line) == ("print/model.css", line)
    assert "docs/assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2 is missing" in caught.value.problem


_FOUR_PAGES = "body { font-size: 10pt } .columns { display: block } h1, h2, p, li, blockquote { break-after: page }"


@pytest.mark.parametrize("limits, message", [
    (dict(pages=1), "does not fit on one A4 page"),
    (dict(pages=None, max_pages=3), r"Long print must fit on 3 A4 pages at most, but it makes \d+"),
    (dict(pages=2), r"Long print must fill exactly 2 A4 pages, but it makes \d+"),
])
def test_page_limits_are_kept_with_a_plain_message(model, print_copy, limits, message):
    _append(print_copy.stylesheet, _FOUR_PAGES)
    document = dataclasses.replace(print_copy, title="Long print", **limits)
    with pytest.raises(ContentError, match=message) as caught:
        print_kit.render_pdf(document, model)
    assert caught.value.file == "data/model.yml"


def test_a_document_of_several_pages_renders_within_its_limit(model, print_copy):
    _append(print_copy.stylesheet, _FOUR_PAGES)
    document = dataclasses.replace(print_copy, name="long", pages=None, max_pages=99)
    result = print_kit.render(document, model)
    assert result.pages > 3
    assert len(PdfReader(io.BytesIO(result.pdf)).pages) == result.pages
    assert result.details(document)["pages"] == result.pages


def test_a_document_needs_an_exact_count_or_a_maximum(print_copy):
    with pytest.raises(ValueError, match="either pages"):
        dataclasses.replace(print_copy, pages=None, max_pages=None)
    with pytest.raises(ValueError, match="either pages"):
        dataclasses.replace(print_copy, pages=1, max_pages=2)
    with pytest.raises(ValueError, match="1 or more"):
        dataclasses.replace(print_copy, pages=None, max_pages=0)
    with pytest.raises(ValueError, match="1 or more"):
        dataclasses.replace(print_copy, pages=0)
    with pytest.raises(ValueError, match="not a kind of data"):
        dataclasses.replace(print_copy, data="recipes")


@pytest.mark.parametrize("source, named", [
    ("no-such-picture.png", "no-such-picture.png"),               # missing
    ("https://example.org/logo.png", "print/, not https://example.org/logo.png"),  # never fetched
    ("../../outside.png", "print/, not a file outside the project"),  # a file outside the project
])
def test_weasyprint_problems_stop_the_build(model, print_copy, source, named):
    # WeasyPrint logs a missing image and carries on; we must not.
    from PIL import Image

    Image.new("L", (4, 4)).save(print_copy.root.parent / "outside.png")  # a real picture, in the wrong place
    template = print_copy.template
    template.write_text(template.read_text(encoding="utf-8").replace(
        "</footer>", f'<img src="{source}" alt="Logo"></footer>'), encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape(named)):
        print_kit.render_pdf(print_copy, model)


def test_a_letter_missing_from_the_font_stops_the_build(model, print_copy):
    _append(print_copy.stylesheet, '.subtitle::after { content: " \u2605" }')
    with pytest.raises(ContentError, match="\u2605"):
        print_kit.render_pdf(print_copy, model)


def _entries(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir() if p.is_file())


def test_the_cache_reuses_bytes_until_an_input_changes(model, print_copy, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / f"{'0' * 64}.pdf").write_bytes(b"%PDF- from the one-document cache")  # before documents had names
    first = print_kit.render(print_copy, model, cache_dir=cache)
    again = print_kit.render(print_copy, model, cache_dir=cache)
    assert not first.from_cache and again.from_cache
    assert (again.pdf, again.preview_png, again.pages) == (first.pdf, first.preview_png, 1)
    assert _entries(cache) == [f"model-a4.{first.key}.pdf", f"model-a4.{first.key}.png"]
    # The unpacked fonts are kept too, for the next render.
    assert len(list((cache / "fonts").glob("*.ttf"))) == 2
    # A second document shares the cache folder without pushing the first one out.
    other = dataclasses.replace(print_copy, name="model-a4-copy")
    second = print_kit.render(other, model, cache_dir=cache)
    assert second.key != first.key and len(_entries(cache)) == 4
    _append(print_copy.stylesheet, "h1 { letter-spacing: 0 }")
    changed = print_kit.render(print_copy, model, cache_dir=cache)
    assert not changed.from_cache and changed.key != first.key
    # Only each document's current entry is kept, and no half-written file is left.
    assert _entries(cache) == sorted([f"model-a4.{changed.key}.pdf", f"model-a4.{changed.key}.png",
                                      f"model-a4-copy.{second.key}.pdf", f"model-a4-copy.{second.key}.png"])


def test_the_config_lists_documents_and_refuses_bad_ones(tmp_path):
    from coproduction.settings import SettingError, documents

    for name in ("print/model.html", "print/model.css", "data/model.yml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    good = dict(name="model-a4", title="The model", template="print/model.html", stylesheet="print/model.css",
                data="model", output="downloads/a.pdf", preview="downloads/a.png",
                pages=1)

    def problems(*items):
        try:
            documents(list(items), tmp_path, "", Project(root=tmp_path))
        except SettingError as err:
            return str(err)
        return ""

    assert problems(good) == ""
    assert "lower-case letters" in problems({**good, "name": "Model A4"})
    assert "must end with .pdf" in problems({**good, "output": "downloads/a.png"})
    assert "inside the site" in problems({**good, "preview": "../a.png"})
    assert "recipes" in problems({**good, "data": "recipes"})
    assert "the file 'print/nothing.html' does not exist" in problems({**good, "template": "print/nothing.html"})
    assert "'colour' is not a setting" in problems({**good, "colour": "red"})
    # Two documents may not share a name or an output file.
    assert re.search(r"document 2 \('copy'\): 'downloads/a.pdf' is also used by document 1",
                     problems(good, {**good, "name": "copy", "preview": "downloads/b.png"}))


def test_the_command_line_writes_every_pdf_with_the_build_s_checks_and_messages(project_copy, tmp_path, built_site):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "coproduction", "print", *args], cwd=project_copy,
                              capture_output=True, text=True, timeout=300)

    out = tmp_path / "out"
    done = run("--out", str(out))
    assert done.returncode == 0, done.stderr
    written = out / PDF_PATH
    assert f"{written}: 1 page(s)" in done.stdout
    # The same files, byte for byte, as `mkdocs build` of the same project writes: every PDF and preview.
    made = sorted(p.name for p in (built_site / "downloads").glob("*.p[dn][fg]"))
    assert len(made) == 8 and sorted(p.name for p in (out / "downloads").iterdir()) == made
    for name in made:
        assert (out / "downloads" / name).read_bytes() == (built_site / "downloads" / name).read_bytes(), name

    # A step far too long: the build's message, exit code 1, and no PDF left, not even an old one.
    data = project_copy / "data" / "model.yml"
    step = "Get agreement from senior leaders to champion co-production"
    data.write_text(data.read_text(encoding="utf-8").replace(step, " ".join([step] * 25)), encoding="utf-8")
    failed = run("--out", str(out))
    assert failed.returncode == 1
    assert re.match(r"data/model.yml:\d+: The model does not fit on one A4 page", failed.stderr)
    assert _pdfs_in(out) == []

    # A mistake in the settings: exit code 2, naming mkdocs.yml and the setting.
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "output: downloads/co-production-model-a4.pdf", "output: downloads/model.png"), encoding="utf-8")
    wrong = run("--out", str(out))
    assert wrong.returncode == 2
    assert "mkdocs.yml" in wrong.stderr and "must end with .pdf" in wrong.stderr


def test_page_numbers_in_the_margin_are_not_an_overflow_but_are_size_checked(model, print_copy):
    _append(print_copy.stylesheet, "@page { @bottom-right { content: 'Page ' counter(page); font-size: 12pt } }")
    result = print_kit.render(print_copy, model)
    assert result.pages == 1
    assert "Page 1" in PdfReader(io.BytesIO(result.pdf)).pages[0].extract_text()
    _append(print_copy.stylesheet, "@page { @bottom-right { font-size: 9pt } }")
    with pytest.raises(ContentError, match="Text is 9.0 pt in 'Page 1'"):
        print_kit.render_pdf(print_copy, model)


@pytest.mark.parametrize("old, new, missing", [
    (' lang="en-GB"', "", "language"),
    ("<title>", "<x-title>", "title"),                            # an unknown element: no title
    ('<meta name="author"', '<meta name="x-author"', "author"),
    ('<meta name="dcterms.modified"', '<meta name="x-modified"', "date"),
])
def test_every_document_declares_its_language_title_author_and_date(model, print_copy, old, new, missing):
    template = print_copy.template
    text = template.read_text(encoding="utf-8")
    assert old in text
    template.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ContentError, match=f"The PDF would have no {missing}") as caught:
        print_kit.render_pdf(print_copy, model)
    assert caught.value.file == "print/model.html"


# --- what is C4CC's and what is ours; type sizes read back from the PDF (issues 28 and 31) ---

POSTER_PATH = "downloads/co-production-model-poster-a3.pdf"
POSTER_PREVIEW = "downloads/co-production-model-poster-a3.png"
A3_POINTS = (841.89, 1190.55)
# Who wrote each PDF as a document: this website, never the model's makers.
PROJECT_AUTHOR = "The Co-production Model website"


def printed_chars(path: Path, page: int = 0) -> tuple[str, list[float], list[float]]:
    """The page's letters and, for each one, its size in points as printed (pdfium's
    font size times the text matrix, which holds WeasyPrint's px-to-pt scale) and
    the height of its baseline from the foot of the page."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium

    document = pypdfium2.PdfDocument(str(path))
    try:
        text_page = document[page].get_textpage()
        letters, sizes, baselines = [], [], []
        for index in range(text_page.count_chars()):
            matrix = pdfium.FS_MATRIX()
            pdfium.FPDFText_GetMatrix(text_page.raw, index, ctypes.byref(matrix))
            x, y = ctypes.c_double(), ctypes.c_double()
            pdfium.FPDFText_GetCharOrigin(text_page.raw, index, ctypes.byref(x), ctypes.byref(y))
            letters.append(chr(pdfium.FPDFText_GetUnicode(text_page.raw, index)))
            sizes.append(round(pdfium.FPDFText_GetFontSize(text_page.raw, index) * math.hypot(matrix.c, matrix.d), 1))
            baselines.append(y.value)
        return "".join(letters), sizes, baselines
    finally:
        document.close()


def where(printed, words: str) -> list[int]:
    """The indexes of the letters of `words` on the page (spaces and line breaks between them may differ)."""
    letters = printed[0]
    wanted = re.sub(r"\s+", "", words)
    # pdfium gives a hyphen at a line end as \x02: the word's own hyphen ("co-production"),
    # or one added to break a word ("under-standing"). Try it both ways.
    for hyphen in ("-", ""):
        keep = [(i, "-" if ch == "\x02" else ch) for i, ch in enumerate(letters)
                if not ch.isspace() and ch != "\u00ad" and (hyphen or ch != "\x02")]
        start = "".join(ch for _, ch in keep).find(wanted)
        if start >= 0:
            return [keep[i][0] for i in range(start, start + len(wanted))]
    raise AssertionError(f"{words!r} is not on the page")


def sizes_of(printed, words: str) -> list[float]:
    return [printed[1][i] for i in where(printed, words)]


def test_the_a4_says_the_short_names_and_the_layout_are_this_sites(built_pdf, model):
    text = pdf_text(built_pdf)
    assert "The short names and the layout are this website's, not C4CC's." in text
    # C4CC is credited for the model at the top of the sheet, before the model's words.
    assert 0 <= text.find(normalise(model.credit.text)) < text.find(normalise(model.definition.text))


def test_the_a4_sets_each_short_name_on_its_own_line_bigger_than_the_models_words(built_pdf, model):
    printed = printed_chars(built_pdf)
    baselines = printed[2]
    for names, items in ((model.short_names.values, model.values.items), (model.short_names.steps, model.steps.items)):
        for name, item in zip(names, items):
            name_pt, words_pt = min(sizes_of(printed, name)), max(sizes_of(printed, item.text))
            assert name_pt > words_pt, f"{name!r} is {name_pt} pt, its words {words_pt} pt"
            assert words_pt >= 12.5
            # The words start on the next line down, not after the name.
            name_line, words_line = baselines[where(printed, name)[-1]], baselines[where(printed, item.text)[0]]
            assert words_line < name_line - words_pt, f"{name!r} runs into its words"


@pytest.fixture(scope="module")
def downloads(built_site) -> list[Path]:
    found = sorted((built_site / "downloads").glob("*.pdf"))
    assert len(found) >= 4, found  # the A4, the A3 poster, Easy Read and large print
    return found


def test_every_pdf_names_this_project_as_its_author_and_credits_c4cc_for_the_model(downloads, model):
    for path in downloads:
        info = PdfReader(path).metadata
        assert info.author == PROJECT_AUTHOR, path.name
        assert "C4CC" not in info.author and "Collaborative Care" not in info.author
        about = f"{info.subject} {info.get('/Keywords', '')}"
        assert "Coalition for Collaborative Care" in about, path.name


def test_the_poster_is_one_a3_portrait_page(built_site):
    reader = PdfReader(built_site / POSTER_PATH)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == (pytest.approx(A3_POINTS[0], abs=0.5),
                                                    pytest.approx(A3_POINTS[1], abs=0.5))
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (297, 420)


def test_the_poster_reads_from_two_metres(built_site, model):
    printed = printed_chars(built_site / POSTER_PATH)
    for name in model.short_names.values + model.short_names.steps:
        assert min(sizes_of(printed, name)) >= 28, name
    for words in model.quoted_texts():
        assert min(sizes_of(printed, words)) >= 16, words
    text = normalise(PdfReader(built_site / POSTER_PATH).pages[0].extract_text())
    assert "The short names and the layout are this website's, not C4CC's." in text
    assert f"Made by the {model.credit.organisation}" in text
    assert normalise(model.doubt_summary) in text


def test_the_poster_is_tagged_and_on_the_downloads_page_with_its_preview(built_site, model):
    reader = PdfReader(built_site / POSTER_PATH)
    catalog = reader.trailer["/Root"]
    assert {"/H1", "/H2", "/L", "/LI"} <= set(_structure_roles(catalog["/StructTreeRoot"]))
    assert catalog["/Lang"] == "en-GB"
    assert b"pdfuaid" in catalog["/Metadata"].get_object().get_data()
    page = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    assert 'href="../downloads/co-production-model-poster-a3.pdf"' in page or \
        'href="co-production-model-poster-a3.pdf"' in page
    assert "co-production-model-poster-a3.png" in page and "PDF, 1 page, A3" in page
    assert preview_difference(built_site / POSTER_PREVIEW, built_site / POSTER_PATH) < SAME_PICTURE
    assert preview_difference(built_site / POSTER_PREVIEW, built_site / PDF_PATH) > 2 * SAME_PICTURE


def test_a_template_that_names_c4cc_as_the_author_stops_the_render(model, print_copy):
    template = print_copy.template
    text = template.read_text(encoding="utf-8")
    assert '<meta name="author" content="{{ pdf_author }}">' in text
    template.write_text(text.replace('content="{{ pdf_author }}"', 'content="{{ model.credit.organisation }}"'),
                        encoding="utf-8")
    with pytest.raises(ContentError, match=r"author must be this website \(The Co-production Model website\), "
                                           r"not Coalition for Collaborative Care \(C4CC\)") as caught:
        print_kit.render_pdf(print_copy, model)
    assert caught.value.file == "print/model.html"


def test_the_paper_size_is_an_allowlisted_setting_the_render_holds_to(model, print_copy):
    # The A4 stylesheet, rendered as an A3 document: the page is not what mkdocs.yml asks for.
    with pytest.raises(ContentError, match="Page 1 is 210 x 297 mm, not A3") as caught:
        print_kit.render_pdf(dataclasses.replace(print_copy, paper="A3"), model)
    assert "size: A3" in caught.value.fix
    with pytest.raises(ValueError, match="'A5' is not a paper size"):
        dataclasses.replace(print_copy, paper="A5")
    # The poster's own settings, straight from the renderer: one A3 page, and its download details say so.
    poster = dataclasses.replace(print_copy, name="poster-a3", paper="A3", min_text_pt=16,
                                 template=print_copy.root / "print" / "poster.html",
                                 stylesheet=print_copy.root / "print" / "poster.css")
    result = print_kit.render(poster, model)
    assert result.pages == 1 and result.details(poster)["paper"] == "A3"


def bold_letters(path: Path, words: str) -> int:
    """How many letters of `words` on page 1 are set in the bold font (its name, as pdfium reads it)."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as pdfium

    printed = printed_chars(path)
    document = pypdfium2.PdfDocument(str(path))
    try:
        text_page = document[0].get_textpage()
        name = ctypes.create_string_buffer(200)
        bold = 0
        for index in where(printed, words):
            pdfium.FPDFText_GetFontInfo(text_page.raw, index, name, len(name), None)
            bold += name.value.decode().endswith("-Bold")
        return bold
    finally:
        document.close()


@pytest.mark.parametrize("path", [PDF_PATH, POSTER_PATH])
def test_the_doubt_note_is_plain_and_the_short_names_bold(built_site, model, path):
    assert bold_letters(built_site / path, model.doubt_summary.lstrip("* ")) == 0
    for name in model.short_names.values + model.short_names.steps:
        assert bold_letters(built_site / path, name) == len(re.sub(r"\s+", "", name)), name
