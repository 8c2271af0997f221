"""Keep contributor Markdown from running code or loading things from elsewhere.

mkdocs-macros renders pages with Jinja, which can reach Python internals. So:
- only pages matched by the macros plugin's `force_render_paths` are rendered;
  `render_by_default` must be false;
- those pages render in Jinja's SandboxedEnvironment, which blocks access to
  Python internals such as `__globals__`;
- any other page that contains template code fails the build, so nobody is
  surprised when it shows up as plain text.
"""
from __future__ import annotations

import re
from pathlib import Path

from jinja2 import TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..errors import ContentError
from ..markdown_source import blank_out_code, front_matter_line_count, line_of_offset, read_page

_JINJA = re.compile(r"\{\{|\{%|\{#")


class SafeContentConfig(base.Config):
    pass


class SafeContentPlugin(BasePlugin[SafeContentConfig]):
    macros = None

    # After mkdocs-macros has built its Jinja environment: swap in a sandbox.
    @event_priority(-100)
    def on_config(self, config):
        self.macros = config.plugins.get("macros")
        if self.macros is None:
            return config
        if self.macros.config["render_by_default"]:
            raise PluginError("mkdocs.yml: the macros plugin must have 'render_by_default: false', "
                              "so that only the pages listed in 'force_render_paths' can run macros.")
        old = self.macros.env
        sandbox = SandboxedEnvironment(loader=old.loader, undefined=old.undefined)
        sandbox.globals.update(old.globals)
        sandbox.filters.update(old.filters)
        self.macros._env = sandbox
        return config

    def _renders_macros(self, page) -> bool:
        return bool(self.macros) and self.macros.force_page_rendering(page.file.src_path)

    # Before mkdocs-macros renders the page.
    @event_priority(100)
    def on_page_markdown(self, markdown, page, config, files):
        path = Path(config.docs_dir) / page.file.src_path
        shown = f"{Path(config.docs_dir).name}/{page.file.src_path}"
        try:
            source = read_page(path)
        except ContentError as err:
            raise PluginError(str(err).replace(str(path), shown)) from None
        offset = front_matter_line_count(source)
        if page.meta.get("render_macros") is True and not self._renders_macros(page):
            raise PluginError(str(ContentError(
                shown, "This page asks to run macros ('render_macros: true'), but it is not on the list of pages allowed to",
                "Remove 'render_macros: true'. If the page really needs model data, ask a maintainer to add it to "
                "'force_render_paths' in mkdocs.yml", line=1)))
        if self._renders_macros(page):
            try:
                self.macros.env.parse(markdown)
            except TemplateSyntaxError as err:
                raise PluginError(str(ContentError(
                    shown, f"A macro on this line cannot be read ({err.message})",
                    "Check that every '{{' has a matching '}}' and every '{%' a matching '%}'",
                    line=(err.lineno or 0) + offset))) from None
            return markdown
        match = _JINJA.search(blank_out_code(markdown))
        if match:
            raise PluginError(str(ContentError(
                shown, "This page contains template code ('{{', '{%' or '{#'), which only a few data pages may use",
                "Remove it, or put it inside `backticks` to show it as code",
                line=line_of_offset(markdown, match.start()) + offset)))
        return markdown
