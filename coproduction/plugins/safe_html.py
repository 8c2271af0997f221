"""Keep the HTML of every page to an allowlist, and front matter to plain text.

- Front matter of every page is checked before any page is built
  (coproduction/front_matter_safety.py), so a message names the page that
  holds the problem. Description and author are escaped before the theme
  prints them into the page head.
- The HTML each page produces, after Markdown and the macros, may contain only
  the tags, attributes and addresses on our allowlist
  (coproduction/html_safety.py). Every problem on a page is listed, each with
  the file, the line and what to do.
"""
from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import html_safety
from ..errors import ContentError
from ..front_matter_safety import front_matter_problems
from ..markdown_source import load_page, read_page

# Front matter values the theme prints inside an HTML attribute in the page head.
ESCAPED_IN_HEAD = ("description", "author")


class SafeHtmlConfig(base.Config):
    pass


class SafeHtmlPlugin(BasePlugin[SafeHtmlConfig]):
    def _shown(self, src_path: str) -> str:
        return f"{self.docs_dir.name}/{src_path}"

    def on_config(self, config):
        self.docs_dir = Path(config.docs_dir)
        custom = config.theme.custom_dir
        self.templates = {p.name for p in Path(custom).glob("*.html") if p.name != "main.html"} if custom else set()
        return config

    # Every page's front matter, before any page is read for building.
    @event_priority(90)
    def on_files(self, files, config):
        problems = []
        for file in files.documentation_pages():
            try:  # read and parsed once: the readability gate gets the same Page
                page = load_page(file.abs_src_path, shown_as=self._shown(file.src_path))
            except ContentError:  # broken front matter: the gate reports it, with its line
                continue
            problems += front_matter_problems(page.meta, page.text, page.shown, self.templates)
        if problems:
            raise PluginError("\n".join(str(p) for p in problems))
        return files

    # After Markdown became HTML (and after other plugins changed it).
    @event_priority(-100)
    def on_page_content(self, html, page, config, files):
        problems = html_safety.find_problems(html)
        if problems:
            source = read_page(self.docs_dir / page.file.src_path)
            shown = self._shown(page.file.src_path)
            raise PluginError("\n".join(
                str(ContentError(shown, p.problem, p.fix, line=html_safety.line_of(source, p.clue)))
                for p in problems))
        return html

    # Just before the theme prints the page.
    @event_priority(-100)
    def on_page_context(self, context, page, config, nav):
        for key in ESCAPED_IN_HEAD:
            value = page.meta.get(key)
            if value is not None:
                page.meta[key] = escape(value if isinstance(value, str) else str(value))
        return context
