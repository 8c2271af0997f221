"""The PDF download buttons and previews (print kit).

`{{ pdf_download() }}` shows a link to the one-page A4 PDF (`model-a4`) with its
size and a small picture of its first page; `{{ pdf_download("NAME") }}` does
the same for any document listed under documents in mkdocs.yml. The coproduction
plugin has already made the files and put each document's download details in
project.of(config).downloads[NAME] (pdf, preview, title, size_bytes, pages, paper,
preview_width, preview_height), so they are known before any page is written.
"""
from __future__ import annotations

import math
from html import escape

from mkdocs.utils import get_relative_url

from coproduction import project

DEFAULT_DOCUMENT = "model-a4"


def size_in_kb(size_bytes: int) -> str:
    # Round up: a 0.2 KB file still says "1 KB", never "0 KB".
    return f"{max(1, math.ceil(size_bytes / 1024))} KB"


def pdf_summary(info: dict) -> str:
    """"PDF, 1 page, A4, 17 KB": what a reader wants to know before downloading."""
    pages = "1 page" if info["pages"] == 1 else f"{info['pages']} pages"
    return f"PDF, {pages}, {info.get('paper', 'A4')}, {size_in_kb(info['size_bytes'])}"


def download_button(info: dict, page_url: str, label: str = "Download the model to print") -> str:
    """The button's HTML, with links that work from the page at `page_url`."""
    pdf = escape(get_relative_url(info["pdf"], page_url))
    preview = escape(get_relative_url(info["preview"], page_url))
    file_name = escape(info["pdf"].rsplit("/", 1)[-1])
    # One line of HTML: Markdown keeps a raw HTML block whole only without blank lines.
    # The picture repeats what the words say, so it has empty alt text. Paper
    # cannot download, so site.css's print rules hide the button (skip-print).
    return (
        f'<p class="pdf-download skip-print"><a class="pdf-download__link" href="{pdf}" download="{file_name}">'
        f'<img class="pdf-download__preview" src="{preview}" alt="" '
        f'width="{info["preview_width"] // 3}" height="{info["preview_height"] // 3}">'
        f'<span class="pdf-download__text"><span class="pdf-download__title">'
        f'{escape(label)}</span> '
        f'<span class="pdf-download__details">({escape(pdf_summary(info))})</span></span></a></p>'
    )


def register(env):
    @env.macro
    def pdf_download(name: str = DEFAULT_DOCUMENT, label: str = "Download the model to print") -> str:
        """A download button for one PDF of the print kit, for the page that calls it."""
        documents = project.of(env.conf).downloads
        if documents is None:
            raise ValueError("pdf_download() needs the PDFs: list them under the coproduction plugin's documents in mkdocs.yml")
        if name not in documents:
            raise ValueError(f"pdf_download('{name}'): there is no such document under the coproduction plugin's documents in "
                             f"mkdocs.yml; the documents are {', '.join(documents) or 'none'}")
        return download_button(documents[name], env.page.url, label)
