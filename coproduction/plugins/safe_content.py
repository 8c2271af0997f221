"""Keep contributor Markdown from running code or loading things from elsewhere.

mkdocs-macros renders pages with Jinja, which can reach Python internals. So:
- only pages matched by the macros plugin's `force_render_paths` are rendered;
  `render_by_default` must be false;
- those pages render in Jinja's SandboxedEnvironment, which blocks access to
  Python internals such as `__globals__` (coproduction/template_safety.py);
- any other page that contains template code fails the build, so nobody is
  surprised when it shows up as plain text.

In the HTML that every page produces (coproduction/html_safety.py):
- scripts, event handlers (onclick=...) and `javascript:` links fail the build;
- anything loaded from another website (script, frame, image, style, font,
  media) fails the build. Ordinary links to other websites are fine.

Every built page gets a content security policy (coproduction/csp.py).

A failed `mkdocs build` empties the site folder, so a deploy cannot pick up
half a site. MkDocs has already cleaned that folder at the start of the build.
"""
from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

from jinja2 import TemplateSyntaxError
from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import csp, html_safety
from ..errors import ContentError
from . import plugin_error
from ..markdown_source import blank_out_code, front_matter_line_count, line_of_offset, read_page
from ..template_safety import MacroFailed, ReportingSandbox

# Template code. `{#id}` after a heading is not: it is an attr_list id.
_JINJA = re.compile(r"\{\{|\{%|\{#(?![\w-]+(?:\s[^}\n]*)?\})")
log = logging.getLogger("mkdocs.plugins.safe_content")


class SafeContentConfig(base.Config):
    pass


def _register_short_macro_errors():
    """Make mkdocs-macros print our plain message instead of a Python traceback."""
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # an older or newer mkdocs-macros: it prints its own report
        return
    format_error.register(MacroFailed)(lambda error, markdown, page: str(error))


class SafeContentPlugin(BasePlugin[SafeContentConfig]):
    macros = None
    command = None
    site_cleaned = False

    def on_startup(self, *, command, dirty):
        self.command = command

    # After mkdocs-macros has built its Jinja environment: swap in a sandbox.
    @event_priority(-100)
    def on_config(self, config):
        self.docs_dir = Path(config.docs_dir)
        self.site_dir = Path(config.site_dir)
        self.site_cleaned = False
        self.current_page = None
        self._keep_strict_under_quiet(config)
        self.macros = config.plugins.get("macros")
        if self.macros is None:
            return config
        if self.macros.config["render_by_default"]:
            raise PluginError("mkdocs.yml: the macros plugin must have 'render_by_default: false', "
                              "so that only the pages listed in 'force_render_paths' can run macros.")
        old = self.macros.env
        # Keep the delimiters mkdocs-macros was given (its j2_* settings).
        delimiters = {name: getattr(old, name) for name in (
            "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
            "comment_start_string", "comment_end_string")}
        sandbox = ReportingSandbox(loader=old.loader, undefined=old.undefined, on_error=self._macro_error,
                                   **delimiters)
        sandbox.globals.update(old.globals)
        sandbox.filters.update(old.filters)
        self.macros._env = sandbox
        _register_short_macro_errors()
        return config

    @staticmethod
    def _keep_strict_under_quiet(config):
        # `mkdocs build --quiet` raises the log level to ERROR, so strict mode never
        # sees the warnings (broken links, missing images) and the build passes:
        # mkdocs/mkdocs#4126. In strict mode a warning stops the build, so show it.
        mkdocs_log = logging.getLogger("mkdocs")
        if config.strict and mkdocs_log.getEffectiveLevel() > logging.WARNING:
            mkdocs_log.setLevel(logging.WARNING)

    def _shown(self, src_path: str) -> str:
        return f"{self.docs_dir.name}/{src_path}"

    def _macro_error(self, problem: str, fix: str, line: int | None) -> str:
        page = self.current_page
        where = self._shown(page.file.src_path) if page else "a page"
        if page and line:
            line += self._front_matter_lines(page)
        message = str(ContentError(where, problem, fix, line=line))
        # mkdocs-macros stops the build after a failed macro; say why, even with --quiet.
        log.error(message)
        return message

    def _front_matter_lines(self, page) -> int:
        return front_matter_line_count(read_page(self.docs_dir / page.file.src_path))

    def _renders_macros(self, page) -> bool:
        return bool(self.macros) and self.macros.force_page_rendering(page.file.src_path)

    # Before anything reads the pages: MkDocs itself would crash on a page
    # that is not UTF-8. By now MkDocs has emptied the site folder.
    @event_priority(100)
    def on_files(self, files, config):
        self.site_cleaned = True
        for file in files.documentation_pages():
            try:
                read_page(file.abs_src_path, self._shown(file.src_path))
            except ContentError as err:
                raise plugin_error(err, config) from None
        return files

    # Before mkdocs-macros renders the page.
    @event_priority(100)
    def on_page_markdown(self, markdown, page, config, files):
        self.current_page = page
        shown = self._shown(page.file.src_path)
        offset = self._front_matter_lines(page)
        if page.meta.get("render_macros") is True and not self._renders_macros(page):
            raise PluginError(str(ContentError(
                shown, "This page asks to run macros ('render_macros: true'), but it is not on the list of pages allowed to",
                "Remove 'render_macros: true'. If the page really needs model data, ask a maintainer to add it to "
                "'force_render_paths' in mkdocs.yml", line=1)))
        if self._renders_macros(page):
            try:
                self.macros.env.parse(markdown)
            except TemplateSyntaxError as err:
                fix = "Check that every '{{' has a matching '}}' and every '{%' a matching '%}'"
                if "comment" in (err.message or ""):
                    fix = ("On this page '{#' starts a comment. For a heading id, add spaces: "
                           "'{ #my-id }' instead of '{#my-id}'")
                raise PluginError(str(ContentError(
                    shown, f"A macro on this line cannot be read ({err.message})", fix,
                    line=(err.lineno or 0) + offset))) from None
            return markdown
        match = _JINJA.search(blank_out_code(markdown))
        if match:
            raise PluginError(str(ContentError(
                shown, "This page contains template code ('{{', '{%' or '{#'), which only a few data pages may use",
                "Remove it, or put it inside `backticks` to show it as code",
                line=line_of_offset(markdown, match.start()) + offset)))
        return markdown

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

    # Last, so the hashes match the page exactly as it is written.
    @event_priority(-100)
    def on_post_page(self, output, page, config):
        return csp.add_policy(output)

    @event_priority(-100)
    def on_post_template(self, output_content, template_name, config):
        return csp.add_policy(output_content) if template_name.endswith(".html") else output_content

    def on_build_error(self, error):
        # Only for `mkdocs build`: `mkdocs serve` keeps showing the last good pages.
        if self.command != "build" or not self.site_cleaned:
            return
        if not self.site_dir.is_dir():
            return
        for child in self.site_dir.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
        log.warning(f"The build failed, so we emptied {self.site_dir} to make sure nothing half-built is published.")
