"""The source register (data/sources.yml), as thin MkDocs glue.

- Loads and checks the register when the config loads; pages reach it as
  `sources` (the Sources page lists it through a macro).
- Gives every page `[key]: url` reference definitions, so pages cite by key.
- Fails the build on any link to another website that the register does not
  list, naming the page and the line. The project's own site (site_url) and
  repository (from edit_uri) need no entry.
The work is plain Python in coproduction/sources.py.
"""
from __future__ import annotations

import os

from mkdocs.config import base, config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..errors import ContentError
from ..sources import check_page, load_register, own_prefixes, reference_definitions


class SourceRegisterConfig(base.Config):
    register = c.File(exists=True, default="data/sources.yml")


class SourceRegisterPlugin(BasePlugin[SourceRegisterConfig]):
    register = None

    # Before mkdocs-macros reads config.extra.
    @event_priority(100)
    def on_config(self, config):
        self.project = os.path.dirname(config.config_file_path)
        try:
            self.register = load_register(self.config.register)
        except ContentError as err:
            err.file = os.path.relpath(err.file, self.project)
            raise PluginError(str(err)) from None
        config.extra["sources"] = self.register
        self.prefixes = own_prefixes(config.site_url, config.edit_uri)
        return config

    def on_serve(self, server, config, builder):
        server.watch(self.config.register)
        return server

    # After mkdocs-macros (so the definitions are never read as template code),
    # before plain-english (-50), so its report lists the sources a page cites.
    @event_priority(-10)
    def on_page_markdown(self, markdown, page, config, files):
        definitions = reference_definitions(self.register, markdown)
        return f"{markdown}\n\n{definitions}\n" if definitions else markdown

    def on_page_content(self, html, page, config, files):
        shown = os.path.relpath(page.file.abs_src_path, self.project) if page.file.abs_src_path else page.file.src_uri
        source = page.file.content_string if page.file.abs_src_path else ""
        try:
            check_page(shown, source, html, self.register, self.prefixes)
        except ContentError as err:
            raise PluginError(str(err)) from None
        return html
