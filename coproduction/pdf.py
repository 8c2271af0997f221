"""The print kit: PDFs of the model, rendered by WeasyPrint from the checked data.

Each PDF is a `Document`: one Jinja template and one stylesheet (as in the
WeasyPrint samples), the data it renders, where it goes in the site, and its
page limits. `render(document, data)` fills the template, lays it out, checks
it and returns the PDF bytes, a small PNG preview and the page count. The same
function serves the build (coproduction/plugin/plugin.py), `python -m coproduction print`
and the tests. It raises ContentError, in plain words, when:
- the words do not fit: a one-page document overflows (by how much, and which
  item grew in this change, or else the longest of our own items, on which line
  of the data file: never a cut to the model's words), or a document has more pages
  than `max_pages` or not exactly `pages`;
- the stylesheet asks for a page other than the document's `paper` (A4, or A3
  for the poster), margins under 12 mm or text under the document's `min_text_pt`;
- a font file is missing, a letter is not in the font, or WeasyPrint logs any
  warning or error (it would otherwise carry on with a fallback font or
  without an image);
- the template or stylesheet points at another site or at a file outside
  PRINT_KIT_FILES (fonts, pictures, print/*.css: nothing from .git, data/ or
  mkdocs.yml; nothing is fetched: the PDF is made offline), or attaches a file;
- the template uses include, import or extends, or reaches outside its data
  (it renders in Jinja's immutable sandbox and sees only the document's data).
- the template gives the PDF no language, title, description or date, or an
  author other than this website (PDF_AUTHOR: the model's makers are credited
  in the description and keywords instead).
Nothing is ever shrunk to make it fit: the fix is shorter words or a tighter layout.

Every PDF is tagged (PDF/UA-1) with the title, author, subject and language
the template's <html lang> and <meta> give it, and its bytes depend on its
inputs alone (see _fixed_font_dates). Results are cached under .cache/print/
by a hash of every input, written atomically; a failed render leaves nothing.

How to add a document (for example an Easy Read version):
1. Write print/NAME.html (a Jinja template: set <html lang>, <title>, the
   author ({{ pdf_author }}) and description <meta>, and dcterms.created/modified
   dates, as print/model.html does) and print/NAME.css (@page { size: A4 } and margins
   of at least 12 mm; fonts from docs/assets/fonts/ by relative url()).
   Pictures are files in the repository, by relative path, with alt text.
   Page numbers go in @page margin boxes; they are held to min_text_pt too.
   Mark items with data-item="a name for people" and data-field="path.in.the
   .yaml" so an overflow can name the item that grew, or the longest, and its line.
2. If it renders data other than the model, teach coproduction/project.py
   to load and check its file (raising ContentError with file and line), and
   add a DataKind to DATA_KINDS below under the same name (say `easy_read`):
   any extra names the template needs, and (if the data is not a pydantic
   model) its bytes for the cache key. The template sees the data under that
   name (`model`, ...), plus `document`, `site_url`, `site_address` and
   `pdf_author`.
3. List it under `documents:` of the coproduction plugin in mkdocs.yml: name,
   title, template, stylesheet, data, output, preview, `pages` (an exact
   count) or `max_pages`, min_text_pt if it must be bigger than 10, and
   `paper: A3` for a poster (A4 otherwise). The data and its file come from
   its `data:` paths (coproduction/project.py).
4. Show it on a page: the macros see each document's download details as
   print_pdf[NAME] (pdf, preview, title, size_bytes, pages, paper,
   preview_width, preview_height), and `{{ pdf_download("NAME") }}` draws a download button.

Importing WeasyPrint takes most of a second, so it is imported only when a
render is needed: a cache hit never pays it.
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
from dataclasses import dataclass, field
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any, Callable

from . import atomic
from .errors import ContentError, shown_path
from .urls import as_browser_reads, is_off_site

A4_MM = (210, 297)
# The paper sizes a document may ask for (portrait, in mm): an allowlist.
PAPER_MM = {"A4": A4_MM, "A3": (297, 420)}
MIN_MARGIN_MM = 12
PX_PER_MM = 96 / 25.4   # WeasyPrint lays out in CSS pixels
PX_PER_PT = 96 / 72
PREVIEW_WIDTH_PX = 300
PDF_VARIANT = "pdf/ua-1"  # tagged, with the metadata screen readers need
# Who made each PDF as a document: this website (the name the Easy Read PDF
# already gave), never the model's makers. A reference manager cites a PDF's
# author and date, so "C4CC (2026)" would credit C4CC with our short names and
# layout, at our print's date. The templates credit C4CC for the model in the
# description and keywords instead; the date stays the text's version date.
PDF_AUTHOR = "The Co-production Model website"

# WeasyPrint warns when it subsets fonts with fontTools because the system has no
# HarfBuzz subsetter. The PDF is still right and reproducible (just slower to
# make; see font_subsetter), so this one is not a failure.
_HARMLESS_WARNINGS = ("Using fontTools instead of HarfBuzz-Subset",)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


# --- the kinds of data a document can render ---------------------------------


@dataclass(frozen=True)
class DataKind:
    """What else one kind of data gives its templates, and its bytes for the cache key.
    The data itself comes loaded and checked from coproduction.project.Project."""
    context: Callable[[Any, "Document"], dict] = lambda data, document: {}
    # The bytes that stand for the data in the cache key (a stable serialisation).
    fingerprint: Callable[[Any], bytes] = lambda data: data.model_dump_json().encode()


def _model_context(model, document: "Document") -> dict:
    date = model.version_date
    where = f", on one {document.paper} page" if document.pages == 1 else ""
    unchecked = f" {model.doubt_summary.lstrip('* ')}" if model.doubt_summary else ""
    return {
        "version_text": f"{date.day} {date:%B %Y}",
        # The PDF's subject: C4CC made the model; the print, its short names and layout are ours.
        "description": (f"{model.title}, made by the {model.credit.organisation}: what co-production is, "
                        f"{len(model.values.items)} values and {len(model.steps.items)} steps{where}. "
                        f"Printed by {PDF_AUTHOR}: the short names and the layout are this website's, "
                        f"not C4CC's.{unchecked}"),
        "keywords": ", ".join(["co-production", model.title, f"model by the {model.credit.organisation}",
                               f"short names and layout by {PDF_AUTHOR}"]),
    }


# The names a document's `data:` may take in mkdocs.yml (an allowlist).
DATA_KINDS: dict[str, DataKind] = {
    "model": DataKind(context=_model_context,
                      fingerprint=lambda model: model.to_json().encode()),
    # Our Easy Read version; its pictures are inputs too (coproduction/easy_read.py).
    "easy_read": DataKind(context=lambda easy, document: easy.print_context(),
                          fingerprint=lambda easy: easy.fingerprint()),
}


# --- what a document is ---------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One PDF: what it is made from, where it goes and its limits.

    Paths in messages are shown relative to `root`. `output` and `preview` are
    paths inside the built site, such as downloads/model.pdf.
    """
    name: str
    title: str                 # for people: "The model" in "The model does not fit ..."
    template: Path
    stylesheet: Path
    data_file: Path            # where the data comes from (messages and line numbers)
    output: str
    preview: str
    data: str = "model"        # a key of DATA_KINDS
    pages: int | None = None   # exactly this many pages
    max_pages: int | None = None
    min_text_pt: float = 10
    paper: str = "A4"          # a key of PAPER_MM
    site_url: str = ""
    root: Path = field(default_factory=Path.cwd)

    def __post_init__(self):
        if self.paper not in PAPER_MM:
            raise ValueError(f"'{self.paper}' is not a paper size the print kit knows: "
                             f"use one of {', '.join(PAPER_MM)}")
        if self.data not in DATA_KINDS:
            raise ValueError(f"'{self.data}' is not a kind of data the print kit knows: "
                             f"use one of {', '.join(DATA_KINDS)}")
        if (self.pages is None) == (self.max_pages is None):
            raise ValueError(f"Document '{self.name}' needs either pages (an exact count) or max_pages")
        if (self.pages if self.pages is not None else self.max_pages) < 1:
            raise ValueError(f"Document '{self.name}': a page count must be 1 or more")

    def shown(self, path: Path | str) -> str:
        """A path as a contributor sees it (errors.shown_path)."""
        return shown_path(path, self.root)


@dataclass(frozen=True)
class PrintResult:
    pdf: bytes
    preview_png: bytes
    pages: int
    key: str          # hash of every input; also the PDF's file identifier
    from_cache: bool

    @property
    def preview_size(self) -> tuple[int, int]:
        """Width and height of the PNG, read from its header."""
        return (int.from_bytes(self.preview_png[16:20], "big"),
                int.from_bytes(self.preview_png[20:24], "big"))

    def details(self, document: Document) -> dict:
        """What a download link needs; paths are relative to the site root."""
        width, height = self.preview_size
        return {"pdf": document.output, "preview": document.preview, "title": document.title,
                "size_bytes": len(self.pdf), "pages": self.pages, "paper": document.paper,
                "preview_width": width, "preview_height": height}


# --- inputs and the cache ---------------------------------------------------


def font_files(document: Document) -> list[Path]:
    """Local files the stylesheet loads (fonts). A missing one stops the build."""
    css = document.stylesheet.read_text(encoding="utf-8")
    files = []
    for number, line in enumerate(css.splitlines(), start=1):
        for url in _CSS_URL.findall(line):
            if is_off_site(url) or as_browser_reads(url).startswith("data:"):
                raise ContentError(document.shown(document.stylesheet),
                                   f"The PDF must not load '{url[:40]}' from another place",
                                   "Put the file in docs/assets/ and point to it with a relative path",
                                   line=number)
            path = (document.stylesheet.parent / url).resolve()
            if not path.is_file():
                raise ContentError(document.shown(document.stylesheet),
                                   f"The file {document.shown(path)} is missing, so the PDF cannot use it",
                                   "Restore the file from the main branch, or fix the path in this line",
                                   line=number)
            files.append(path)
    return files


def font_subsetter() -> str:
    """Which library will cut the fonts down: it changes the PDF's bytes, so it is an input.

    WeasyPrint uses HarfBuzz's subsetter when the system has it (Debian:
    libharfbuzz-subset0, which scripts/install-system-packages.sh installs),
    and falls back to fontTools (pinned in requirements.txt) when it does not.
    """
    return "harfbuzz-subset" if ctypes.util.find_library("harfbuzz-subset") else "fonttools"


def input_key(document: Document, data) -> str:
    """A hash of everything that changes the PDF, its preview or its checks."""
    digest = hashlib.sha256(b"coproduction print kit 2\n")
    limits = (document.name, document.title, document.data, document.pages, document.max_pages,
              document.min_text_pt, document.paper, MIN_MARGIN_MM, PREVIEW_WIDTH_PX)
    parts = [
        repr(limits).encode(),
        DATA_KINDS[document.data].fingerprint(data),
        document.site_url.encode(),
        document.template.read_bytes(),
        document.stylesheet.read_bytes(),
        # This module decides the layout checks and render options.
        Path(__file__).read_bytes(),
        *(package_version(name).encode() for name in ("weasyprint", "pydyf", "fonttools", "pypdfium2", "pillow")),
        font_subsetter().encode(),
    ]
    for font in font_files(document):
        parts += [font.name.encode(), font.read_bytes()]
    for part in parts:
        # Length first, so two different splits of the same bytes differ.
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def _cached(cache_dir: Path, document: Document, key: str, suffix: str) -> Path:
    return cache_dir / f"{document.name}.{key}{suffix}"


def _read_cache(cache_dir: Path, document: Document, key: str) -> PrintResult | None:
    try:
        pdf = _cached(cache_dir, document, key, ".pdf").read_bytes()
        png = _cached(cache_dir, document, key, ".png").read_bytes()
    except FileNotFoundError:
        return None
    return PrintResult(pdf, png, page_count(pdf), key, from_cache=True)


def _write_cache(cache_dir: Path, document: Document, result: PrintResult) -> None:
    # The PNG first: a reader needs both, so a half-made entry is just a miss.
    atomic.write_bytes(_cached(cache_dir, document, result.key, ".png"), result.preview_png)
    atomic.write_bytes(_cached(cache_dir, document, result.key, ".pdf"), result.pdf)
    # Keep only this document's current entry: old ones are never read again.
    for old in cache_dir.glob("*.p[dn][fg]"):
        name, _, key = old.stem.partition(".")
        if (name == document.name and key != result.key) or not key:  # no key: the one-document cache
            old.unlink(missing_ok=True)


def render(document: Document, data, cache_dir: Path | None = None) -> PrintResult:
    """The PDF, its preview and page count, from the cache when no input has changed.

    Fonts unpacked from WOFF2 are kept in cache_dir/fonts for the next render.
    """
    key = input_key(document, data)
    if cache_dir is not None and (cached := _read_cache(cache_dir, document, key)):
        return cached
    font_cache = cache_dir / "fonts" if cache_dir is not None else None
    pdf = render_pdf(document, data, identifier=key, font_cache=font_cache)
    result = PrintResult(pdf, render_preview(pdf), page_count(pdf), key, from_cache=False)
    if cache_dir is not None:
        _write_cache(cache_dir, document, result)
    return result


# --- rendering ----------------------------------------------------------------


def template_context(document: Document, data) -> dict:
    return {
        document.data: data,
        # The settings a template may show, without the paths of the build machine.
        "document": {"name": document.name, "title": document.title, "output": document.output,
                     "pages": document.pages, "max_pages": document.max_pages},
        "site_url": document.site_url,
        "site_address": re.sub(r"^https?://", "", document.site_url).rstrip("/"),
        "pdf_author": PDF_AUTHOR,
        **DATA_KINDS[document.data].context(data, document),
    }


def fill_template(document: Document, data) -> str:
    """The template, filled in Jinja's immutable sandbox with the document's data only.

    A print template is code a maintainer reviews, but a pull request can change
    it, so it gets no more power than a page's macros: no Python internals, no
    globals (cycler, lipsum...), no files (include, import and extends are
    refused before anything runs), no text longer than limits.MAX_MACRO_STRING,
    and `document` is a plain dict without paths."""
    import jinja2
    from jinja2.sandbox import SecurityError

    from .template_safety import CappedSandbox, TextTooLong, explain, loaded_templates, template_line

    env = CappedSandbox(autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals.clear()
    shown = document.shown(document.template)
    source = document.template.read_text(encoding="utf-8")
    try:
        for what, line in loaded_templates(env, source):
            raise ContentError(shown, f"The template uses '{what}'. Print templates may not use "
                               "include, import and extends, which read other files",
                               "Write what it needs into this template", line=line)
        return env.from_string(source).render(template_context(document, data))
    except jinja2.TemplateSyntaxError as err:
        raise ContentError(shown, f"The template has a mistake: {err.message}",
                           "Fix the {{ }} or {% %} on this line", line=err.lineno) from None
    except SecurityError as err:
        # Do not echo the expression: it is hostile and may name secrets.
        raise ContentError(shown, "The template tries to reach parts of the build that templates may not use",
                           "Use only the names listed at the top of the template",
                           line=template_line(err)) from None
    except TextTooLong as err:
        raise ContentError(shown, *explain(err), line=template_line(err)) from None
    except jinja2.UndefinedError as err:
        raise ContentError(shown, f"The template uses something the build does not provide: {err.message}",
                           "Use only the names listed at the top of the template", line=template_line(err)) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, LookupError) as err:
        raise ContentError(shown, f"The template failed ({type(err).__name__})",
                           "Use only the names listed at the top of the template", line=template_line(err)) from None


def _without_machine(message: str, document: Document) -> str:
    """A WeasyPrint message with each file: address and project path shown as a
    contributor sees it (nothing of the build machine in the log)."""
    from urllib.parse import unquote, urlsplit

    message = re.sub(r"file://[^\s'\"]+", lambda m: document.shown(unquote(urlsplit(m.group(0)).path)), message)
    for root in {str(document.root.resolve()), os.path.abspath(document.root)}:
        message = message.replace(root + os.sep, "").replace(root, ".")
    return message


@contextmanager
def _fail_on_weasyprint_logs(document: Document):
    """WeasyPrint logs a missing font or image and carries on; we stop instead."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = records.append
    logger = logging.getLogger("weasyprint")
    saved = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False  # we report them ourselves, once, as one error
    # A file WeasyPrint could not load comes first: a later check (such as an
    # overflow) may only have failed because of it.
    later = None
    try:
        yield
    except ContentError as err:
        later = err
    finally:
        logger.removeHandler(handler)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
    problems = [_without_machine(r.getMessage(), document) for r in records
                if not r.getMessage().startswith(_HARMLESS_WARNINGS)]
    if later is not None and not problems:
        raise later
    if problems:
        listed = "; ".join(dict.fromkeys(problems))  # once each, in order
        raise ContentError(document.shown(document.stylesheet),
                           f"WeasyPrint reported {len(problems)} problem(s) while making the PDF: {listed}",
                           f"Fix the file or rule it names in {document.shown(document.stylesheet)} "
                           f"or {document.shown(document.template)}")


# What WeasyPrint may load, relative to the project folder: folder -> file endings.
# The fonts, pictures and stylesheets the print kit uses; nothing else (no .git,
# data/ or mkdocs.yml), nothing over the network, no symbolic link.
PRINT_KIT_FILES = {
    "docs/assets/fonts": (".woff2", ".woff", ".ttf", ".otf"),
    "docs/assets/images": (".svg", ".png", ".jpg", ".jpeg", ".webp"),
    "print": (".css",),
}
PRINT_KIT_RULE = ("The print kit may load only fonts from docs/assets/fonts/, pictures from "
                  "docs/assets/images/ and stylesheets from print/")


def print_kit_file(path: Path | str, root: Path) -> Path | None:
    """`path` as a file the print kit may load (see PRINT_KIT_FILES), or None.

    The path is taken as written (no symbolic link is followed: a link anywhere
    on the way is refused) and must be a file in an allowed folder, with an
    allowed ending."""
    root = Path(os.path.abspath(root))
    path = Path(os.path.normpath(os.path.abspath(path)))
    if not path.is_relative_to(root):
        resolved_root = root.resolve()
        if not path.is_relative_to(resolved_root):
            return None
        root = resolved_root
    relative = path.relative_to(root)
    step = root
    for part in relative.parts:
        step = step / part
        if step.is_symlink():
            return None
    folder = relative.parent.as_posix()
    for allowed, endings in PRINT_KIT_FILES.items():
        if (folder == allowed or folder.startswith(allowed + "/")) and path.suffix.lower() in endings:
            return path if path.is_file() else None
    return None


def _fetcher(document: Document, font_cache: Path | None):
    """WeasyPrint's file fetcher for this document: only the print kit's own files
    (print_kit_file), and WOFF2 fonts unpacked from a cache.

    Offline and private: a template or stylesheet that points at another site, at
    a file outside the allowlist or through a symbolic link gets nothing, and the
    build says so (through _fail_on_weasyprint_logs). Unpacking a WOFF2 font is
    pure Python and costs a few hundred ms a font; the TTF it gives is the same
    bytes every time, so we keep it.
    """
    from urllib.parse import urlsplit
    from urllib.request import url2pathname

    from fontTools.ttLib import woff2
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    root = document.root

    class ProjectFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            path = (print_kit_file(url2pathname(parts.path), root)
                    if parts.scheme == "file" and parts.netloc in ("", "localhost") else None)
            if path is None:
                where = url[:60]
                if parts.scheme == "file":
                    where = document.shown(url2pathname(parts.path))
                    if Path(where).is_absolute():
                        where = "a file outside the project"
                raise ValueError(f"{PRINT_KIT_RULE}, not {where}")
            body = path.read_bytes()
            if font_cache is not None and path.suffix.lower() == ".woff2":
                unpacked = font_cache / f"{hashlib.sha256(body).hexdigest()}.ttf"
                try:
                    body = unpacked.read_bytes()
                except FileNotFoundError:
                    out = io.BytesIO()
                    woff2.decompress(io.BytesIO(body), out)
                    atomic.write_bytes(unpacked, out.getvalue())
                    body = out.getvalue()
            return URLFetcherResponse(url, body=body)

    # Public WeasyPrint API: only file: addresses reach fetch() at all.
    return ProjectFetcher(allowed_protocols=("file",))


def _layout(document: Document, data, font_cache: Path | None = None):
    """The laid-out document, plus what a second layout needs."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    html = fill_template(document, data)
    # Without a font configuration WeasyPrint silently skips @font-face and
    # uses a system font: the stylesheet and the layout must share one.
    fonts = FontConfiguration()
    fetcher = _fetcher(document, font_cache)
    stylesheet = weasyprint.CSS(filename=str(document.stylesheet), font_config=fonts, url_fetcher=fetcher)
    laid_out = weasyprint.HTML(string=html, base_url=str(document.template), url_fetcher=fetcher).render(
        stylesheets=[stylesheet], font_config=fonts, pdf_variant=PDF_VARIANT)
    return html, stylesheet, fonts, laid_out, fetcher


def render_pdf(document: Document, data, identifier: str = "", font_cache: Path | None = None) -> bytes:
    """Lay the document out, check it, and return the PDF bytes."""
    with _fail_on_weasyprint_logs(document):
        html, stylesheet, fonts, laid_out, fetcher = _layout(document, data, font_cache)
        _check_attachments(laid_out, document)
        _check_metadata(laid_out, document)
        _check_page_rules(laid_out, document)
        _check_page_count(laid_out, document, html, stylesheet, fonts, fetcher)
        # A fixed identifier: otherwise it would be a hash of output that holds
        # nothing random today, but we do not want to rely on that.
        with _fixed_font_dates(laid_out):
            pdf = laid_out.write_pdf(pdf_identifier=identifier[:32].encode() or None,
                                     pdf_variant=PDF_VARIANT)
    _check_fonts(laid_out, document)
    return pdf


# When the template gives no date: 1 January 1980, as in ZIP files.
_DEFAULT_FONT_EPOCH = 315532800


@contextmanager
def _fixed_font_dates(laid_out):
    """Stamp the PDF's own date, not the clock or the caller's environment, into its fonts.

    When fontTools cuts a font down (no HarfBuzz subsetter on the system), it
    rewrites the font's head.modified date with SOURCE_DATE_EPOCH if that is
    set (the Makefile sets it to the commit time) or else the clock: the same
    inputs gave different bytes. We set it, for the write only, to the date
    the template gives the PDF (dcterms.modified), so the bytes depend on the
    inputs alone. A build renders one PDF at a time, so changing the
    environment for that moment is safe.
    """
    stamp = laid_out.metadata.modified or laid_out.metadata.created
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


def spare_space_mm(document: Document, data) -> float:
    """Room left at the foot of the last page: how much longer the words could be."""
    with _fail_on_weasyprint_logs(document):
        laid_out = _layout(document, data)[3]
    return _spare_px(laid_out.pages[-1]) / PX_PER_MM


# --- checks on the laid-out pages ------------------------------------------------


def _page_box(page):
    """The one private WeasyPrint read: a page's box tree.

    WeasyPrint 70's public Page gives width, height, links and anchors, but not
    the margins or the laid-out boxes, which the margin, text size, overflow and
    font checks need. Kept here, in one place, so an upgrade touches one line.
    """
    return page._page_box


def _text_boxes(page):
    return (box for box in _page_box(page).descendants(placeholders=True)
            if type(box).__name__ == "TextBox")


def _spare_px(page) -> float:
    """Room below the lowest box on the page (a grid may run off the page without breaking)."""
    box = _page_box(page)
    return box.content_box_y() + box.height + 0.5 - _content_bottom(box)  # 0.5: rounding


def _content_bottom(page_box) -> float:
    """The lowest edge of anything in the page's content (not its margin boxes, such as page numbers)."""
    from weasyprint.formatting_structure.boxes import MarginBox

    return max((box.position_y + box.margin_height()
                for child in page_box.children if not isinstance(child, MarginBox)
                for box in child.descendants(placeholders=True)), default=0)


def _check_fonts(laid_out, document: Document) -> None:
    """Every letter must come from the stylesheet's own font, not a system fallback."""
    css = document.stylesheet.read_text(encoding="utf-8")
    wanted = set(re.findall(r"""font-family:\s*["']([^"']+)["']""", css))
    fallbacks = sorted({font.family for font in laid_out.fonts.values()} - wanted)
    if not fallbacks:
        return
    from fontTools.ttLib import TTFont

    known: set[int] = set()
    for path in font_files(document):
        known |= set(TTFont(path).getBestCmap())
    # The laid-out text, so list markers and numbers the CSS adds are included.
    text = "".join(box.text for page in laid_out.pages for box in _text_boxes(page))
    missing = sorted({char for char in text if ord(char) not in known and not char.isspace()})
    raise ContentError(document.shown(document.stylesheet),
                       f"Some letters are not in the PDF's font, so WeasyPrint used {', '.join(fallbacks)}: "
                       f"{' '.join(missing) or 'unknown'}",
                       "Use plain letters and punctuation in the data, the template and any CSS 'content' "
                       "or list-style, or add a font that has them")


def _check_attachments(laid_out, document: Document) -> None:
    """No file is attached to a PDF: `<link rel="attachment">` and `<a rel="attachment">`
    would embed any file WeasyPrint can read (WeasyPrint 70: metadata.attachments and
    the 'attachment' links of each page, both public)."""
    attached = bool(laid_out.metadata.attachments) or any(
        link[0] == "attachment" for page in laid_out.pages for link in page.links)
    if attached:
        source = document.template.read_text(encoding="utf-8")
        match = re.search(r"""rel\s*=\s*["']?[^"'>]*\battachment\b""", source, re.IGNORECASE)
        raise ContentError(document.shown(document.template),
                           "The template attaches a file to the PDF (rel=\"attachment\"). "
                           "A PDF may not carry files: they could come from anywhere in the project",
                           "Remove rel=\"attachment\"; link to the file on the website instead",
                           line=source.count("\n", 0, match.start()) + 1 if match else None)


def _check_metadata(laid_out, document: Document) -> None:
    """A screen reader needs the PDF's language and title; a library needs its author and date."""
    meta = laid_out.metadata
    needed = [("a language", meta.lang, '<html lang="en-GB">'),
              ("a title", meta.title, "<title>...</title> in <head>"),
              ("an author", meta.authors, '<meta name="author" content="...">'),
              ("a description", meta.description, '<meta name="description" content="...">'),
              ("a date", meta.modified, '<meta name="dcterms.modified" content="YYYY-MM-DD">')]
    for what, value, fix in needed:
        if not value:
            raise ContentError(document.shown(document.template), f"The PDF would have no {what.split(' ', 1)[1]}",
                               f"Add {fix} to the template, as print/model.html does")
    if meta.authors != [PDF_AUTHOR]:
        raise ContentError(document.shown(document.template),
                           f"The PDF's author must be this website ({PDF_AUTHOR}), not {', '.join(meta.authors)}",
                           "Use <meta name=\"author\" content=\"{{ pdf_author }}\"> and credit the model's "
                           "makers in the description, as print/model.html does")


def _check_page_rules(laid_out, document: Document) -> None:
    shown = document.shown(document.stylesheet)
    for number, page in enumerate(laid_out.pages, start=1):
        size_mm = (round(page.width / PX_PER_MM), round(page.height / PX_PER_MM))
        if size_mm != PAPER_MM[document.paper]:
            raise ContentError(shown, f"Page {number} is {size_mm[0]} x {size_mm[1]} mm, not {document.paper}",
                               f"Set 'size: {document.paper}' in the @page rule")
        box = _page_box(page)
        margins = {side: getattr(box, f"margin_{side}") / PX_PER_MM for side in ("top", "right", "bottom", "left")}
        narrow = {side: mm for side, mm in margins.items() if mm < MIN_MARGIN_MM - 0.01}
        if narrow:
            sides = ", ".join(f"{side} {mm:.1f} mm" for side, mm in narrow.items())
            raise ContentError(shown, f"The page margins are too narrow for printers ({sides})",
                               f"Set every margin in the @page rule to at least {MIN_MARGIN_MM} mm")
        for text in _text_boxes(page):
            size_pt = text.style["font_size"] / PX_PER_PT
            if text.text.strip() and size_pt < document.min_text_pt - 0.01:
                raise ContentError(shown, f"Text is {size_pt:.1f} pt in '{text.text.strip()[:40]}' "
                                          f"on page {number} of {document.output}",
                                   f"Keep all text at {document.min_text_pt:g} pt or more; "
                                   f"shorten the words instead")


def _pages_text(count: int, paper: str = "A4") -> str:
    return f"one {paper} page" if count == 1 else f"{count} {paper} pages"


def _check_page_count(laid_out, document: Document, html: str, stylesheet, fonts, fetcher) -> None:
    count = len(laid_out.pages)
    overflowing = [number for number, page in enumerate(laid_out.pages, start=1) if _spare_px(page) < 0]
    if document.pages == 1 and (count != 1 or overflowing):
        raise _overflow_error(document, html, stylesheet, fonts, fetcher, _page_box(laid_out.pages[0]).height)
    data_file = document.shown(document.data_file)
    fix = (f"Shorten the words in {data_file}, or change the layout in "
           f"{document.shown(document.stylesheet)} (text must stay at {document.min_text_pt:g} pt or more)")
    if document.pages is not None and count != document.pages:
        raise ContentError(data_file, f"{document.title} must fill exactly {_pages_text(document.pages, document.paper)}, "
                                      f"but it makes {count}", fix)
    if document.max_pages is not None and count > document.max_pages:
        raise ContentError(data_file, f"{document.title} must fit on {_pages_text(document.max_pages, document.paper)} "
                                      f"at most, but it makes {count}", fix)
    if overflowing:
        raise ContentError(document.shown(document.stylesheet),
                           f"Something runs off the foot of page {overflowing[0]} of {document.title}",
                           "Let the boxes on that page break across pages, or make them shorter")


def _overflow_error(document: Document, html: str, stylesheet, fonts, fetcher, available: float) -> ContentError:
    """Lay the page out again on one very tall page, to measure what does not fit, and name one item.

    The longest item is often not the one that changed: a longer short name for value 1
    pushes the poster over, but the tallest box is another. And the longest is often the
    definition, C4CC's words, which must never be cut to make room. So, in order:
    1. the item whose words grew most in this change (git, see _growth_since_commit), with its
       line. If they are the model's words (C4CC's), the fix is to put them back as C4CC wrote them.
    2. without that (no git, or nothing grew: the stylesheet changed), the longest of our own
       items (short names, notes), which may be shortened, and a reminder that the model's
       words are never shortened to fit.
    """
    import weasyprint

    tall_page = weasyprint.CSS(string=f"@page {{ size: {PAPER_MM[document.paper][0]}mm 5000mm }}")
    tall = weasyprint.HTML(string=html, base_url=str(document.template), url_fetcher=fetcher).render(
        stylesheets=[stylesheet, tall_page], font_config=fonts)
    page = _page_box(tall.pages[0])
    used = _content_bottom(page) - page.content_box_y()
    overflow_mm = max(used - available, 0) / PX_PER_MM

    heights: dict[str, tuple[float, str]] = {}
    for box in page.descendants(placeholders=True):
        label = box.element.get("data-item") if box.element is not None else None
        if label and label not in heights and box.element_tag in ("li", "p", "blockquote"):
            heights[label] = (box.margin_height() / PX_PER_MM, box.element.get("data-field", ""))
    problem = f"{document.title} does not fit on one {document.paper} page: it overflows by {overflow_mm:.0f} mm"
    layout = (f"make the layout tighter in {document.shown(document.stylesheet)} "
              f"(text must stay at {document.min_text_pt:g} pt or more)")
    data = _data_at(document.data_file)
    grown = _growth_since_commit(document, data, {field for _, field in heights.values() if field})
    if grown:
        label = max((label for label in heights if grown.get(heights[label][1], 0) > 0),
                    key=lambda label: grown[heights[label][1]])
        height, data_field = heights[label]
        problem += (f". The item that grew most in this change is {label} "
                    f"({grown[data_field]} letters longer, {height:.0f} mm tall)")
        if _models_words(data, data_field):
            fix = (f"The words of {label} are the model's, so C4CC's: put them back as C4CC wrote them "
                   f"(its source is under it), or {layout}")
        else:
            fix = f"Shorten {label}, or {layout}"
        return ContentError(document.shown(document.data_file), problem, fix,
                            line=_line_in_data_file(document, data_field))
    ours = {label: value for label, value in heights.items() if not _models_words(data, value[1])}
    never = "The model's own words are C4CC's: never shorten them to fit"
    if not ours:
        return ContentError(document.shown(document.data_file), problem, f"{layout[0].upper()}{layout[1:]}. {never}")
    longest = max(ours, key=lambda label: ours[label][0])
    height, data_field = ours[longest]
    return ContentError(
        document.shown(document.data_file),
        f"{problem}. The longest of our own items is {longest} ({height:.0f} mm tall)",
        f"Shorten {longest}, or {layout}. {never}", line=_line_in_data_file(document, data_field))


def _data_at(path: Path):
    """The data file as plain YAML (None if it cannot be read): only to compare and look up fields."""
    import yaml

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None


def _field(data, data_field: str):
    """The value at a path such as "steps.items.3.text", or None."""
    for part in data_field.split(".") if data_field else []:
        try:
            data = data[int(part)] if part.isdigit() else data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data if data_field else None


def _models_words(data, data_field: str) -> bool:
    """Whether a field holds the model's own words: its item has a `status` (verified or not),
    as every quoted item of data/model.yml does. They are C4CC's, never shortened to fit."""
    parent = _field(data, data_field.rsplit(".", 1)[0]) if "." in data_field else None
    return isinstance(parent, dict) and "status" in parent


def _growth_since_commit(document: Document, data, fields: set[str]) -> dict[str, int]:
    """How many letters longer each field's words are than in the committed data file: against
    $ANNOTATE_CHANGED_SINCE when set (the pull request's base, in CI), else HEAD (a change not yet
    committed). Only a `git show` of one file, so it is cheap. Empty when git, the commit or the
    file is not there: the caller then names the longest of our own items instead."""
    import subprocess

    import yaml

    base = os.environ.get("ANNOTATE_CHANGED_SINCE") or "HEAD"
    try:
        relative = document.data_file.resolve().relative_to(document.root.resolve()).as_posix()
        old = subprocess.run(["git", "show", f"{base}:./{relative}"], cwd=document.root, capture_output=True,
                             text=True, check=True, timeout=20).stdout
        old = yaml.safe_load(old)
    except (OSError, ValueError, subprocess.SubprocessError, yaml.YAMLError):
        return {}
    grown = {}
    for data_field in fields:
        now, then = _field(data, data_field), _field(old, data_field)
        if isinstance(now, str) and isinstance(then, str) and len(now) > len(then):
            grown[data_field] = len(now) - len(then)
    return grown


def _line_in_data_file(document: Document, data_field: str) -> int | None:
    """The line of a field such as "steps.items.3.text" in the document's YAML file."""
    from .datafile import load_yaml

    path = document.data_file
    if not data_field or not path.is_file():
        return None
    loc = tuple(int(part) if part.isdigit() else part for part in data_field.split("."))
    return load_yaml(path)[1](loc)


# --- after the render -------------------------------------------------------------


def page_count(pdf: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()


def render_preview(pdf: bytes, width_px: int = PREVIEW_WIDTH_PX) -> bytes:
    """A small PNG of the first page for the download button (pdfium: no system packages)."""
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


def write_outputs(site_dir: Path, document: Document, result: PrintResult) -> None:
    """The PDF and its preview into the site, each all at once."""
    atomic.write_bytes(site_dir / document.output, result.pdf)
    atomic.write_bytes(site_dir / document.preview, result.preview_png)


def remove_outputs(site_dir: Path, documents) -> None:
    """After a failure: a PDF from an earlier build must not be deployed as if it were current."""
    for document in documents:
        for name in (document.output, document.preview):
            (site_dir / name).unlink(missing_ok=True)
