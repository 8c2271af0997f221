"""The PDF download button and preview (print kit).

`{{ pdf_download() }}` shows a link to the one-page A4 PDF with its size and a
small picture of the page. The print-pdf plugin has already made both files
and put their paths and the size in config.extra["print_pdf"], so the size is
known before any page is written.
"""
from __future__ import annotations

import math
from html import escape

from mkdocs.utils import get_relative_url


def size_in_kb(size_bytes: int) -> str:
    # Round up: a 0.2 KB file still says "1 KB", never "0 KB".
    return f"{max(1, math.ceil(size_bytes / 1024))} KB"


def download_button(info: dict, page_url: str) -> str:
    """The button's HTML, with links that work from the page at `page_url`."""
    pdf = escape(get_relative_url(info["pdf"], page_url))
    preview = escape(get_relative_url(info["preview"], page_url))
    file_name = escape(info["pdf"].rsplit("/", 1)[-1])
    details = f"PDF, 1 page, A4, {size_in_kb(info['size_bytes'])}"
    # One line of HTML: Markdown keeps a raw HTML block whole only without blank lines.
    # The picture repeats what the words say, so it has empty alt text. Paper
    # cannot download, so site.css's print rules hide the button (skip-print).
    return (
        f'<p class="pdf-download skip-print"><a class="pdf-download__link" href="{pdf}" download="{file_name}">'
        f'<img class="pdf-download__preview" src="{preview}" alt="" '
        f'width="{info["preview_width"] // 3}" height="{info["preview_height"] // 3}">'
        f'<span class="pdf-download__text"><span class="pdf-download__title">'
        f'Download the model to print</span> '
        f'<span class="pdf-download__details">({details})</span></span></a></p>'
    )


def register(env):
    @env.macro
    def pdf_download() -> str:
        """A download button for the one-page A4 PDF, for the page that calls it."""
        info = env.variables.get("print_pdf")
        if info is None:
            raise ValueError("pdf_download() needs the print-pdf plugin: add it to the plugins in mkdocs.yml")
        return download_button(info, env.page.url)
