"""Download links for the templates people can edit (docs/templates/, coproduction/office.py).

`{{ template_download() }}` on a template's own page links to its Word and
OpenDocument files, with their sizes. `{{ templates_list() }}` lists every
template with both files (the downloads page and the templates' index).
The print-pdf plugin has already made the files and put their details in
project.of(config).templates, so the sizes are known before any page is written.
"""
from __future__ import annotations

from html import escape

from mkdocs.utils import get_relative_url

from coproduction import project

from .downloads import size_in_kb


def _templates(env) -> list:
    """The templates, in the order of the menu (nav in mkdocs.yml)."""
    templates = project.of(env.conf).templates
    if templates is None:
        raise ValueError("the template downloads need the print-pdf plugin: add it to the plugins in mkdocs.yml")
    order = list(_nav_pages(env.conf.get("nav") or []))
    return sorted(templates, key=lambda t: order.index(t.src_uri) if t.src_uri in order else len(order))


def _nav_pages(items):
    for item in items:
        if isinstance(item, dict):
            for value in item.values():
                yield from _nav_pages(value if isinstance(value, list) else [value])
        elif isinstance(item, list):
            yield from _nav_pages(item)
        elif isinstance(item, str):
            yield item


def _file_links(template, page_url: str) -> str:
    """The template's Word and OpenDocument links. Each link's name starts with the template's
    title, for screen readers only: in a list of links, "Word (DOCX), 13 KB" alone says
    nothing of which template it is (the title shows beside the links on screen)."""
    links = []
    for fmt, info in template.details()["files"].items():
        href = escape(get_relative_url(info["path"], page_url))
        name = escape(info["path"].rsplit("/", 1)[-1])
        links.append(f'<a href="{href}" download="{name}">'
                     f'<span class="cp-visually-hidden">{escape(template.title)}: </span>{escape(info["format"])}, '
                     f'{escape(size_in_kb(info["size_bytes"]))}</a>')
    return " or ".join(links)


def register(env):
    @env.macro
    def template_download() -> str:
        """This template's files, for the template's own page."""
        src_uri = env.page.file.src_uri
        template = next((t for t in _templates(env) if t.src_uri == src_uri), None)
        if template is None:
            raise ValueError(f"template_download() works only on a template page in docs/templates/, not {src_uri}")
        # One line of HTML: Markdown keeps a raw HTML block whole only without blank lines.
        return (f'<p class="template-download skip-print">Download this template to fill in: '
                f'{_file_links(template, env.page.url)}.</p>')

    @env.macro
    def templates_list() -> str:
        """Every template, with a link to its page and its two files."""
        items = []
        for template in _templates(env):
            page = escape(get_relative_url(template.src_uri[:-3] + "/", env.page.url))
            items.append(f'<li><a href="{page}">{escape(template.title)}</a>: {escape(template.description)} '
                         f'Download: {_file_links(template, env.page.url)}.</li>')
        return '<ul class="template-list">' + "".join(items) + "</ul>"
