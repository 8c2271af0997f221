"""The one-page A4 PDF of the model, rendered by WeasyPrint from the checked data.

build_print() is the whole job: it fills print/model.html with the Model, lays
it out with print/model.css, checks the page and returns the PDF bytes and a
small PNG preview. start_print() is the same job with the slow render in
another process, so the build can go on meanwhile (the MkDocs plugin uses it);
its result() gives the same answer. Both raise ContentError, in plain words, when:
- the words do not fit on one A4 page (how far they overflow, which item is longest);
- the stylesheet asks for margins under 12 mm or text under 10 pt;
- a font file is missing, or WeasyPrint logs any warning or error (it would
  otherwise carry on with a fallback font or without an image).
Nothing is ever shrunk to make it fit: the fix is shorter words or a tighter layout.

Importing WeasyPrint takes most of a second, so it is imported only when a
render is needed. Results are cached under .cache/print/ by a hash of every
input, so an unchanged rebuild (or `mkdocs serve`) reuses the bytes.
"""
from __future__ import annotations

import ctypes.util
import datetime
import hashlib
import io
import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path

from . import atomic
from .background import Background, Finished
from .errors import ContentError
from .model import Model

A4_MM = (210, 297)
MIN_MARGIN_MM = 12
MIN_TEXT_PT = 10
PX_PER_MM = 96 / 25.4   # WeasyPrint lays out in CSS pixels
PX_PER_PT = 96 / 72
PREVIEW_WIDTH_PX = 300
PDF_VARIANT = "pdf/ua-1"  # tagged, with the metadata screen readers need

# WeasyPrint warns when it subsets fonts with fontTools because the system has no
# HarfBuzz subsetter. The PDF is still right and reproducible (just slower to
# make; see font_subsetter), so this one is not a failure.
_HARMLESS_WARNINGS = ("Using fontTools instead of HarfBuzz-Subset",)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


@dataclass(frozen=True)
class PrintSources:
    """What the PDF is made from. Paths in messages are shown relative to `root`."""
    template: Path
    stylesheet: Path
    site_url: str
    root: Path
    model_file: str = "data/model.yml"

    def shown(self, path: Path) -> str:
        try:
            return str(Path(path).resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


@dataclass(frozen=True)
class PrintResult:
    pdf: bytes
    preview_png: bytes
    key: str          # hash of every input; also the PDF's file identifier
    from_cache: bool

    @property
    def preview_size(self) -> tuple[int, int]:
        """Width and height of the PNG, read from its header."""
        return (int.from_bytes(self.preview_png[16:20], "big"),
                int.from_bytes(self.preview_png[20:24], "big"))


# --- inputs and the cache ---------------------------------------------------


def font_files(sources: PrintSources) -> list[Path]:
    """Local files the stylesheet loads (fonts). A missing one stops the build."""
    css = sources.stylesheet.read_text(encoding="utf-8")
    files = []
    for number, line in enumerate(css.splitlines(), start=1):
        for url in _CSS_URL.findall(line):
            if url.startswith(("data:", "http:", "https:", "//")):
                raise ContentError(sources.shown(sources.stylesheet),
                                   f"The PDF must not load '{url[:40]}' from another place",
                                   "Put the file in docs/assets/ and point to it with a relative path",
                                   line=number)
            path = (sources.stylesheet.parent / url).resolve()
            if not path.is_file():
                raise ContentError(sources.shown(sources.stylesheet),
                                   f"The file {sources.shown(path)} is missing, so the PDF cannot use it",
                                   "Restore the file from the main branch, or fix the path in this line",
                                   line=number)
            files.append(path)
    return files


def input_key(model: Model, sources: PrintSources) -> str:
    """A hash of everything that changes the PDF or its preview."""
    digest = hashlib.sha256(b"coproduction print kit 1\n")
    parts = [
        model.to_json().encode(),
        sources.site_url.encode(),
        sources.template.read_bytes(),
        sources.stylesheet.read_bytes(),
        # This module decides the layout checks and render options.
        Path(__file__).read_bytes(),
        *(package_version(name).encode() for name in ("weasyprint", "pydyf", "fonttools", "pypdfium2", "pillow")),
        font_subsetter().encode(),
        str(PREVIEW_WIDTH_PX).encode(),
    ]
    for font in font_files(sources):
        parts += [font.name.encode(), font.read_bytes()]
    for part in parts:
        # Length first, so two different splits of the same bytes differ.
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _read_cache(cache_dir: Path, key: str) -> PrintResult | None:
    try:
        pdf = (cache_dir / f"{key}.pdf").read_bytes()
        png = (cache_dir / f"{key}.png").read_bytes()
    except FileNotFoundError:
        return None
    return PrintResult(pdf, png, key, from_cache=True)


def _write_cache(cache_dir: Path, result: PrintResult) -> None:
    # The PNG first: a reader needs both, so a half-made entry is just a miss.
    atomic.write_bytes(cache_dir / f"{result.key}.png", result.preview_png)
    atomic.write_bytes(cache_dir / f"{result.key}.pdf", result.pdf)
    # Keep only the current entry: old ones are never read again.
    for old in cache_dir.glob("*.p[dn][fg]"):
        if old.stem != result.key:
            old.unlink(missing_ok=True)


def build_print(model: Model, sources: PrintSources, cache_dir: Path | None = None) -> PrintResult:
    """The PDF and its preview, from the cache when no input has changed."""
    key = input_key(model, sources)
    if cache_dir is not None and (cached := _read_cache(cache_dir, key)):
        return cached
    return render_print(model, sources, key, cache_dir)


def start_print(model: Model, sources: PrintSources, cache_dir: Path) -> Finished | Background:
    """build_print, with any render in another process; `.result()` gives the PrintResult.

    The input check (a missing font raises ContentError) and the cache are read
    here, at once; only the slow part (WeasyPrint) runs beside the build.
    """
    key = input_key(model, sources)
    cached = _read_cache(cache_dir, key)
    return Finished(cached) if cached else Background(render_print, model, sources, key, cache_dir)


def render_print(model: Model, sources: PrintSources, key: str, cache_dir: Path | None = None) -> PrintResult:
    """The slow part of build_print: render, then keep the result in the cache."""
    font_cache = cache_dir / "fonts" if cache_dir is not None else None
    pdf = render_pdf(model, sources, identifier=key, font_cache=font_cache)
    result = PrintResult(pdf, render_preview(pdf), key, from_cache=False)
    if cache_dir is not None:
        _write_cache(cache_dir, result)
    return result


# --- rendering ----------------------------------------------------------------


def template_context(model: Model, site_url: str) -> dict:
    date = model.version_date
    return {
        "model": model,
        "site_url": site_url,
        "site_address": re.sub(r"^https?://", "", site_url).rstrip("/"),
        "version_text": f"{date.day} {date:%B %Y}",
        "description": (f"{model.title} by the {model.credit.organisation}: what co-production is, "
                        f"{len(model.values.items)} values and {len(model.steps.items)} steps, on one page."),
    }


def fill_template(model: Model, sources: PrintSources) -> str:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(sources.template.parent),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    shown = sources.shown(sources.template)
    try:
        return env.get_template(sources.template.name).render(template_context(model, sources.site_url))
    except jinja2.TemplateSyntaxError as err:
        raise ContentError(shown, f"The template has a mistake: {err.message}",
                           "Fix the {{ }} or {% %} on this line", line=err.lineno) from None
    except jinja2.TemplateError as err:
        raise ContentError(shown, f"The template uses something the build does not provide: {err}",
                           "Use only the names listed at the top of the template") from None


@contextmanager
def _fail_on_weasyprint_logs(sources: PrintSources):
    """WeasyPrint logs a missing font or image and carries on; we stop instead."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    logger = logging.getLogger("weasyprint")
    saved = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # we report them ourselves, once, as one error
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
    problems = [r.getMessage() for r in records
                if not r.getMessage().startswith(_HARMLESS_WARNINGS)]
    if problems:
        listed = "; ".join(dict.fromkeys(problems))  # once each, in order
        raise ContentError(sources.shown(sources.stylesheet),
                           f"WeasyPrint reported {len(problems)} problem(s) while making the PDF: {listed}",
                           "Fix the file or rule it names in print/model.css or print/model.html")


def _font_fetcher(font_cache: Path | None):
    """WeasyPrint's file fetcher, but WOFF2 fonts come unpacked from a cache.

    Unpacking a WOFF2 font is pure Python and costs a few hundred ms a font;
    the TTF it gives is the same bytes every time, so we keep it.
    """
    from fontTools.ttLib import woff2
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class FontCachingFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if font_cache is None or not (url.startswith("file:") and url.endswith(".woff2")):
                return super().fetch(url, headers)
            response = super().fetch(url, headers)  # the usual errors for a missing file
            try:
                packed = response.read()
            finally:
                response.close()
            unpacked = font_cache / f"{hashlib.sha256(packed).hexdigest()}.ttf"
            try:
                font = unpacked.read_bytes()
            except FileNotFoundError:
                out = io.BytesIO()
                woff2.decompress(io.BytesIO(packed), out)
                font = out.getvalue()
                atomic.write_bytes(unpacked, font)
            return URLFetcherResponse(url, body=font)

    return FontCachingFetcher()


def _layout(model: Model, sources: PrintSources, font_cache: Path | None = None):
    """The laid-out document, plus what a second layout needs."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    html = fill_template(model, sources)
    # Without a font configuration WeasyPrint silently skips @font-face and
    # uses a system font: the stylesheet and the layout must share one.
    fonts = FontConfiguration()
    fetcher = _font_fetcher(font_cache)
    stylesheet = weasyprint.CSS(filename=str(sources.stylesheet), font_config=fonts, url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, base_url=str(sources.template), url_fetcher=fetcher).render(
        stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT)
    return html, stylesheet, fonts, document


def render_pdf(model: Model, sources: PrintSources, identifier: str = "",
               font_cache: Path | None = None) -> bytes:
    """Lay out the page, check it, and return the PDF bytes."""
    with _fail_on_weasyprint_logs(sources):
        html, stylesheet, fonts, document = _layout(model, sources, font_cache)
        _check_page_rules(document, sources)
        if len(document.pages) != 1 or _spare_px(document) < 0:
            raise _overflow_error(sources, html, stylesheet, fonts, document.pages[0]._page_box.height)
        # A fixed identifier: otherwise it would be a hash of output that holds
        # nothing random today, but we do not want to rely on that.
        with _fixed_font_dates(document):
            pdf = document.write_pdf(pdf_identifier=identifier[:32].encode() or None,
                                     pdf_variant=PDF_VARIANT)
    _check_fonts(document, sources)
    return pdf


def font_subsetter() -> str:
    """Which library will cut the fonts down: it changes the PDF's bytes, so it is an input.

    WeasyPrint uses HarfBuzz's subsetter when the system has it (Debian:
    libharfbuzz-subset0, which scripts/install-system-packages.sh installs),
    and falls back to fontTools (pinned in requirements.txt) when it does not.
    """
    return "harfbuzz-subset" if ctypes.util.find_library("harfbuzz-subset") else "fonttools"


# When nothing says otherwise: 1 January 1980, as in ZIP files.
_DEFAULT_FONT_EPOCH = 315532800


@contextmanager
def _fixed_font_dates(document):
    """Stamp the PDF's own date, not the clock or the caller's environment, into its fonts.

    When fontTools cuts a font down (no HarfBuzz subsetter on the system), it
    rewrites the font's head.modified date with SOURCE_DATE_EPOCH if that is
    set (the Makefile sets it to the commit time) or else the clock: the same
    inputs gave different bytes. We set it, for the write only, to the date
    the template gives the PDF (dcterms.modified), so the bytes depend on the
    inputs alone. A build renders one PDF at a time, so changing the
    environment for that moment is safe.
    """
    stamp = document.metadata.modified or document.metadata.created
    epoch = _DEFAULT_FONT_EPOCH
    if stamp:
        when = datetime.datetime.fromisoformat(stamp)
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.timezone.utc)
        epoch = int(when.timestamp())
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved


def spare_space_mm(model: Model, sources: PrintSources) -> float:
    """Room left at the foot of the page: how much longer the words could be."""
    with _fail_on_weasyprint_logs(sources):
        document = _layout(model, sources)[3]
    return _spare_px(document) / PX_PER_MM


def _spare_px(document) -> float:
    # Checked even on one page: a grid may run off the page without breaking.
    page = document.pages[0]._page_box
    return page.content_box_y() + page.height + 0.5 - _content_bottom(page)  # 0.5: rounding


def _content_bottom(page_box) -> float:
    """The lowest edge of anything on the page (a grid may overflow without breaking)."""
    return max((box.position_y + box.margin_height() for box in page_box.descendants(placeholders=True)
                if box is not page_box), default=0)


def _check_fonts(document, sources: PrintSources) -> None:
    """Every letter must come from the stylesheet's own font, not a system fallback."""
    css = sources.stylesheet.read_text(encoding="utf-8")
    wanted = set(re.findall(r"""font-family:\s*["']([^"']+)["']""", css))
    fallbacks = sorted({font.family for font in document.fonts.values()} - wanted)
    if not fallbacks:
        return
    from fontTools.ttLib import TTFont

    known: set[int] = set()
    for path in font_files(sources):
        known |= set(TTFont(path).getBestCmap())
    # The laid-out text, so list markers and numbers the CSS adds are included.
    text = "".join(box.text for page in document.pages for box in page._page_box.descendants(placeholders=True)
                   if type(box).__name__ == "TextBox")
    missing = sorted({char for char in text if ord(char) not in known and not char.isspace()})
    raise ContentError(sources.shown(sources.stylesheet),
                       f"Some letters are not in the PDF's font, so WeasyPrint used {', '.join(fallbacks)}: "
                       f"{' '.join(missing) or 'unknown'}",
                       "Use plain letters and punctuation in the model, the template and any CSS 'content' "
                       "or list-style, or add a font that has them")


def _check_page_rules(document, sources: PrintSources) -> None:
    page = document.pages[0]._page_box
    shown = sources.shown(sources.stylesheet)
    size_mm = (round(page.margin_width() / PX_PER_MM), round(page.margin_height() / PX_PER_MM))
    if size_mm != A4_MM:
        raise ContentError(shown, f"The page is {size_mm[0]} x {size_mm[1]} mm, not A4",
                           "Set 'size: A4' in the @page rule")
    margins = {side: getattr(page, f"margin_{side}") / PX_PER_MM
               for side in ("top", "right", "bottom", "left")}
    narrow = {side: mm for side, mm in margins.items() if mm < MIN_MARGIN_MM - 0.01}
    if narrow:
        sides = ", ".join(f"{side} {mm:.1f} mm" for side, mm in narrow.items())
        raise ContentError(shown, f"The page margins are too narrow for printers ({sides})",
                           f"Set every margin in the @page rule to at least {MIN_MARGIN_MM} mm")
    for page_ in document.pages:
        for box in page_._page_box.descendants(placeholders=True):
            if type(box).__name__ == "TextBox" and box.text.strip():
                size_pt = box.style["font_size"] / PX_PER_PT
                if size_pt < MIN_TEXT_PT - 0.01:
                    raise ContentError(shown, f"Text is {size_pt:.1f} pt in '{box.text.strip()[:40]}'",
                                       f"Keep all text at {MIN_TEXT_PT} pt or more; shorten the words instead")


def _overflow_error(sources: PrintSources, html: str, stylesheet, fonts, available: float) -> ContentError:
    """Lay the page out again on one very tall page, to measure what does not fit."""
    import weasyprint

    tall_page = weasyprint.CSS(string="@page { size: 210mm 5000mm }")
    tall = weasyprint.HTML(string=html, base_url=str(sources.template)).render(
        stylesheets=[stylesheet, tall_page], font_config=fonts)
    page = tall.pages[0]._page_box
    used = _content_bottom(page) - page.content_box_y()
    overflow_mm = max(used - available, 0) / PX_PER_MM

    heights: dict[str, tuple[float, str]] = {}
    for box in page.descendants(placeholders=True):
        label = box.element.get("data-item") if box.element is not None else None
        if label and label not in heights and box.element_tag in ("li", "p", "blockquote"):
            heights[label] = (box.margin_height() / PX_PER_MM, box.element.get("data-field", ""))
    if not heights:
        longest, height, line = "unknown", 0.0, None
    else:
        longest = max(heights, key=lambda label: heights[label][0])
        height, field = heights[longest]
        line = _line_in_model_file(sources, field)
    return ContentError(
        sources.model_file,
        f"The model does not fit on one A4 page: it overflows by {overflow_mm:.0f} mm. "
        f"The longest item is {longest} ({height:.0f} mm tall)",
        f"Shorten {longest}, or make the layout tighter in {sources.shown(sources.stylesheet)} "
        f"(text must stay at {MIN_TEXT_PT} pt or more)", line=line)


def _line_in_model_file(sources: PrintSources, field: str) -> int | None:
    """The line of a field such as "steps.items.3.text" in the model's YAML file."""
    from .datafile import load_yaml

    path = sources.root / sources.model_file
    if not field or not path.is_file():
        return None
    loc = tuple(int(part) if part.isdigit() else part for part in field.split("."))
    return load_yaml(path)[1](loc)


def render_preview(pdf: bytes, width_px: int = PREVIEW_WIDTH_PX) -> bytes:
    """A small PNG of the page for the download button (pdfium: no system packages)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        image = page.render(scale=width_px / page.get_width()).to_pil()
    finally:
        document.close()
    # Sixteen greys are enough for a black-and-white page, and keep the file small.
    image = image.convert("L").quantize(colors=16)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
