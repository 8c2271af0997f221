"""The Easy Read page, from data/easy-read.yml (our Easy Read version of the model).

`{{ easy_read_rows() }}` writes every section: each row is a picture on the left
and the words on the right. `{{ easy_read_hard_words() }}` writes the list of
hard words. The coproduction plugin has already checked the data against the
schema and the Easy Read rules (coproduction/easy_read.py).

The pictures are drawn inline from the SVG files in
docs/assets/images/easy-read/, keeping only their path shapes, so they take the
text colour in every colour scheme and the page fetches nothing more.
"""
from __future__ import annotations

import re
from html import escape

from coproduction import project
from coproduction.easy_read import PICTURES

_PATH = re.compile(r'<path\b[^>]*\bd="([-0-9.,a-zA-Z ]+)"')
_VIEWBOX = re.compile(r'viewBox="([0-9. ]+)"')


def inline_picture(name: str, alt: str) -> str:
    """The picture as inline SVG: only its viewBox and path shapes are kept (an allowlist)."""
    svg = (PICTURES / f"{name}.svg").read_text(encoding="utf-8")
    paths = _PATH.findall(svg)
    if not paths:
        raise ValueError(f"docs/assets/images/easy-read/{name}.svg has no <path d=...> shape to draw")
    box = _VIEWBOX.search(svg)
    view_box = box.group(1) if box else "0 0 24 24"
    shapes = "".join(f'<path d="{d}"/>' for d in paths)
    return (f'<svg class="easy-read__picture" viewBox="{view_box}" role="img" aria-label="{escape(alt)}" '
            f'focusable="false">{shapes}</svg>')


def rows_html(easy) -> str:
    out = []
    for section in easy.sections:
        # A Markdown heading, so it joins the table of contents; then the rows
        # as one block of HTML with no blank lines, so Markdown leaves it whole.
        out.append(f"## {escape(section.heading)}\n")
        rows = "".join(f'<li class="easy-read__row">{inline_picture(row.picture, row.alt)}'
                       f'<p class="easy-read__text">{escape(row.text)}</p></li>' for row in section.rows)
        out.append(f'<ul class="easy-read" role="list">{rows}</ul>\n')
    return "\n".join(out)


def hard_words_html(easy) -> str:
    items = "".join(f"<dt>{escape(h.word)}</dt><dd>{escape(h.meaning)}</dd>" for h in easy.hard_words)
    return f'<dl class="easy-read-words">{items}</dl>'


def register(env):
    easy = project.of(env.conf).easy_read  # loaded and checked by the coproduction plugin
    env.variables["easy_read"] = easy  # what pages may read: {{ easy_read.title }}

    def _data():
        return easy

    @env.macro
    def easy_read_rows() -> str:
        return rows_html(_data())

    @env.macro
    def easy_read_hard_words() -> str:
        return hard_words_html(_data())

    @env.macro
    def downloads_list() -> str:
        """Every format to download, with the sizes and page counts of this build."""
        documents = project.of(env.conf).downloads or {}
        missing = [name for name in DOWNLOADS if name not in documents]
        if missing:
            raise ValueError(f"downloads_list() needs the documents {', '.join(missing)} under the coproduction plugin's documents in mkdocs.yml")
        return downloads_html(documents, env.page.url)


# What each download is and who it is for, in the order the page lists them.
# The key is the document's name under the coproduction plugin's documents in mkdocs.yml.
DOWNLOADS = {
    "model-a4": ("The model on one page",
           "The model's own words on one A4 page, at 12.5 point.",
           "Meetings, notice boards and anyone who wants the whole model at a glance."),
    "easy-read": ("Easy Read",
                  "Our Easy Read version of the model, with a picture for each idea, at 16 point or more.",
                  "People with learning disabilities, and anyone who wants short, easy words."),
    "large-print": ("Large print",
                    "The model's own words in large print, at 18 point, over a few A4 pages.",
                    "People with low vision, and anyone who finds small print hard to read."),
}


def downloads_html(details: dict, page_url: str) -> str:
    """One entry a format: a picture of its first page, what it is, who it is for, pages and size."""
    from mkdocs.utils import get_relative_url

    from .downloads import pdf_summary

    out = ['<ul class="downloads" role="list">']
    for name, (title, what, who) in DOWNLOADS.items():
        info = details[name]
        pdf = escape(get_relative_url(info["pdf"], page_url))
        preview = escape(get_relative_url(info["preview"], page_url))
        facts = escape(pdf_summary(info))
        out.append(
            f'<li class="downloads__item"><img class="downloads__preview" src="{preview}" alt="" '
            f'width="{info["preview_width"] // 3}" height="{info["preview_height"] // 3}">'
            f'<div class="downloads__text"><h2 class="downloads__title">{escape(title)}</h2>'
            f'<p>{escape(what)}</p><p><strong>For:</strong> {escape(who)}</p>'
            f'<p><a href="{pdf}" download="{escape(info["pdf"].rsplit("/", 1)[-1])}">'
            f'Download: {escape(title)} ({facts})</a></p></div></li>')
    out.append("</ul>")
    return "".join(out)
