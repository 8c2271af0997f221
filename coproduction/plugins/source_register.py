"""The source register (data/sources.yml), as thin MkDocs glue.

- The register is loaded and checked with the rest of the data (model-data,
  coproduction/project.py); the Sources page lists it through a macro.
- Gives every page `[key]: url` reference definitions, so pages cite by key.
- Fails the build on any link to another website that the register does not
  list, naming the page and the line. The project's own site (site_url) and
  repository (from edit_uri) need no entry.
The work is plain Python in coproduction/sources.py.
"""
from __future__ import annotations

import os

from mkdocs.config import base
from mkdocs.plugins import BasePlugin, event_priority

from .. import project
from ..errors import ContentError
from ..sources import check_page, own_prefixes, reference_definitions
from . import plugin_error, project_dir


class SourceRegisterConfig(base.Config):
    pass


class SourceRegisterPlugin(BasePlugin[SourceRegisterConfig]):
    register = None

    # After model-data (100) has loaded and checked the register.
    @event_priority(90)
    def on_config(self, config):
        self.project = project_dir(config)
        self.register = project.of(config).sources
        self.prefixes = own_prefixes(config.site_url, config.edit_uri)
        return config

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
            raise plugin_error(err, config) from None
        return html
