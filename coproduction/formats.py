"""The accessible print formats: Easy Read and large print, as A4 PDFs.

Each is one template and one stylesheet in print/, filled from the checked data
(data/easy-read.yml and data/model.yml) and laid out by WeasyPrint through the
print kit's own pieces in coproduction.pdf (fonts, logs, preview, cache), but
over as many pages as the words need. build_format() raises ContentError, in
plain words, when:
- any text, page numbers too, is under the format's smallest size
  (Easy Read 14 pt, large print 16 pt);
- the document runs over the format's page limit;
- a font or picture is missing, or WeasyPrint logs a problem.
Nothing is shrunk to fit. Results are cached under .cache/print/<format>/ by
a hash of every input, like the one-page PDF.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib.metadata import version as package_version
from pathlib import Path

from . import pdf as kit
from .background import Background, Finished
from .errors import ContentError
from .model import Model


@dataclass(frozen=True)
class Format:
    """One print format and its rules."""
    name: str            # for people: "Easy Read"
    slug: str            # for files and the cache: "easy-read"
    template: str        # relative to the project root
    stylesheet: str
    data_file: str       # where to fix the words
    min_text_pt: float
    max_pages: int


EASY_READ = Format("Easy Read", "easy-read", "print/easy-read.html", "print/easy-read.css",
                   "data/easy-read.yml", min_text_pt=14, max_pages=24)  # GOV.UK: 24 pages or fewer
LARGE_PRINT = Format("Large print", "large-print", "print/large-print.html", "print/large-print.css",
                     "data/model.yml", min_text_pt=16, max_pages=12)
FORMATS = (EASY_READ, LARGE_PRINT)
PICTURES = "../docs/assets/images/easy-read"  # from print/, where the templates are


def _sources(fmt: Format, root: Path, site_url: str) -> kit.PrintSources:
    return kit.PrintSources(template=root / fmt.template, stylesheet=root / fmt.stylesheet,
                            site_url=site_url, root=root, model_file=fmt.data_file)


def input_key(fmt: Format, model: Model, easy, site_url: str, root: Path) -> str:
    sources = _sources(fmt, root, site_url)
    digest = hashlib.sha256(f"coproduction print format {fmt.slug} 1\n".encode())
    parts = [model.to_json().encode(), site_url.encode(),
             sources.template.read_bytes(), sources.stylesheet.read_bytes(),
             Path(__file__).read_bytes(), Path(kit.__file__).read_bytes(),
             *(package_version(name).encode() for name in ("weasyprint", "pydyf", "pypdfium2", "pillow"))]
    if fmt is EASY_READ:
        parts.append(easy.to_json().encode())
        parts += [(root / "print" / PICTURES / f"{name}.svg").read_bytes() for name in easy.pictures()]
    for font in kit.font_files(sources):
        parts += [font.name.encode(), font.read_bytes()]
    for part in parts:
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def fill_template(fmt: Format, model: Model, easy, site_url: str, root: Path) -> str:
    import jinja2

    sources = _sources(fmt, root, site_url)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(sources.template.parent),
                             autoescape=True, undefined=jinja2.StrictUndefined)
    context = {**kit.template_context(model, site_url), "easy": easy, "pictures": PICTURES}
    try:
        return env.get_template(sources.template.name).render(context)
    except jinja2.TemplateSyntaxError as err:
        raise ContentError(fmt.template, f"The template has a mistake: {err.message}",
                           "Fix the {{ }} or {% %} on this line", line=err.lineno) from None
    except jinja2.TemplateError as err:
        raise ContentError(fmt.template, f"The template uses something the build does not provide: {err}",
                           "Use only the names listed at the top of the template") from None


def smallest_text_pt(document) -> float:
    """The smallest text size on any page, page numbers and other margin text included."""
    sizes = [box.style["font_size"] / kit.PX_PER_PT
             for page in document.pages for box in page._page_box.descendants(placeholders=True)
             if type(box).__name__ == "TextBox" and box.text.strip()]
    return min(sizes, default=0.0)


def render_format(fmt: Format, model: Model, easy, site_url: str, root: Path, key: str = "",
                  font_cache: Path | None = None) -> bytes:
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    sources = _sources(fmt, root, site_url)
    with kit._fail_on_weasyprint_logs(sources):
        html = fill_template(fmt, model, easy, site_url, root)
        fonts = FontConfiguration()
        fetcher = kit._font_fetcher(font_cache)
        stylesheet = weasyprint.CSS(filename=str(sources.stylesheet), font_config=fonts, url_fetcher=fetcher)
        document = weasyprint.HTML(string=html, base_url=str(sources.template), url_fetcher=fetcher).render(
            stylesheets=[stylesheet], font_config=fonts, pdf_variant=kit.PDF_VARIANT)
        smallest = smallest_text_pt(document)
        if smallest < fmt.min_text_pt - 0.01:
            raise ContentError(fmt.stylesheet, f"The {fmt.name} PDF has text at {smallest:.1f} pt, "
                               f"under its limit of {fmt.min_text_pt:g} pt",
                               f"Set every font-size in {fmt.stylesheet} (page numbers too) to "
                               f"{fmt.min_text_pt:g} pt or more")
        if len(document.pages) > fmt.max_pages:
            raise ContentError(fmt.data_file, f"The {fmt.name} PDF runs to {len(document.pages)} pages, "
                               f"over its limit of {fmt.max_pages}",
                               "Take out words that are not needed, or split it into two documents")
        pdf = document.write_pdf(pdf_identifier=key[:32].encode() or None, pdf_variant=kit.PDF_VARIANT)
    kit._check_fonts(document, sources)
    return pdf


def _render(fmt: Format, model: Model, easy, site_url: str, root: Path, key: str,
            cache_dir: Path | None) -> kit.PrintResult:
    font_cache = cache_dir.parent / "fonts" if cache_dir is not None else None
    pdf = render_format(fmt, model, easy, site_url, root, key, font_cache)
    result = kit.PrintResult(pdf, kit.render_preview(pdf), key, from_cache=False)
    if cache_dir is not None:
        kit._write_cache(cache_dir, result)
    return result


def build_format(fmt: Format, model: Model, easy, site_url: str, root: Path,
                 cache_dir: Path | None = None) -> kit.PrintResult:
    """The PDF and its preview, from the cache when no input has changed."""
    key = input_key(fmt, model, easy, site_url, root)
    if cache_dir is not None and (cached := kit._read_cache(cache_dir, key)):
        return cached
    return _render(fmt, model, easy, site_url, root, key, cache_dir)


def start_format(fmt: Format, model: Model, easy, site_url: str, root: Path,
                 cache_dir: Path) -> Finished | Background:
    """build_format with the render in another process; `.result()` gives the PrintResult."""
    key = input_key(fmt, model, easy, site_url, root)
    cached = kit._read_cache(cache_dir, key)
    return Finished(cached) if cached else Background(_render, fmt, model, easy, site_url, root, key, cache_dir)


def page_count(pdf: bytes) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return len(document)
    finally:
        document.close()
