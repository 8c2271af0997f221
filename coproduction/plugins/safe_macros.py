"""Which pages may run macros, and the read-only sandbox they run in.

mkdocs-macros renders pages with Jinja, which can reach Python internals and
the build's settings. So:
- only pages matched by the macros plugin's `force_render_paths` are rendered;
  `render_by_default` must be false;
- those pages render in a read-only Jinja sandbox that sees only our own
  macros (the `macros` package) and the names in this plugin's `variables`
  setting (coproduction/template_safety.py). A name outside that list fails
  the build with the file and line, before anything is rendered;
- any other page that contains template code fails the build, so nobody is
  surprised when it shows up as plain text.

mkdocs-macros has no setting for its Jinja environment, so this plugin
replaces its `_env` attribute once mkdocs-macros has made it.
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from jinja2 import TemplateSyntaxError
from mkdocs.config import base, config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..errors import ContentError
from ..markdown_source import blank_out_code, front_matter_line_count, line_of_offset, read_page
from ..template_safety import MacroFailed, ReportingSandbox

# Template code. `{#id}` after a heading is not: it is an attr_list id.
_JINJA = re.compile(r"\{\{|\{%|\{#(?![\w-]+(?:\s[^}\n]*)?\})")
log = logging.getLogger("mkdocs.plugins.safe_macros")
OUR_MACROS_PACKAGE = "macros"


class SafeMacrosConfig(base.Config):
    # The data a macro page may use by name, besides the macros themselves.
    variables = c.ListOfItems(c.Type(str), default=["model", "quotes", "easy_read", "model_words", "gettysburg_words", "self_assessment"])


def _register_short_macro_errors():
    """Make mkdocs-macros print our plain message instead of a Python traceback."""
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # an older or newer mkdocs-macros: it prints its own report
        return
    format_error.register(MacroFailed)(lambda error, markdown, page: str(error))


def _ours(functions: dict) -> dict:
    """Only the functions defined in our macros package (not mkdocs-macros' own, like macros_info)."""
    return {name: fn for name, fn in functions.items()
            if (getattr(fn, "__module__", "") or "").split(".")[0] == OUR_MACROS_PACKAGE}


class SafeMacrosPlugin(BasePlugin[SafeMacrosConfig]):
    macros = None
    current_page = None

    # After mkdocs-macros has built its Jinja environment: swap in the sandbox.
    @event_priority(-100)
    def on_config(self, config):
        self.docs_dir = Path(config.docs_dir)
        self.current_page = None
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
        sandbox = ReportingSandbox(loader=None, undefined=old.undefined, on_error=self._macro_error,
                                   macros=_ours(self.macros.macros), variables=self.config.variables,
                                   **delimiters)
        sandbox.filters.update(_ours(self.macros.filters))
        self.macros._env = sandbox
        _register_short_macro_errors()
        return config

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
                unknown = self.macros.env.unknown_names(markdown)
                costly = self.macros.env.too_costly(markdown)
            except TemplateSyntaxError as err:
                fix = "Check that every '{{' has a matching '}}' and every '{%' a matching '%}'"
                if "comment" in (err.message or ""):
                    fix = ("On this page '{#' starts a comment. For a heading id, add spaces: "
                           "'{ #my-id }' instead of '{#my-id}'")
                raise PluginError(str(ContentError(
                    shown, f"A macro on this line cannot be read ({err.message})", fix,
                    line=(err.lineno or 0) + offset))) from None
            problems = [str(ContentError(
                shown, f"A macro on this line uses '{name}', which pages may not use or the site does not know",
                "Check the spelling. Pages may use only the site's own macros, like step_text(1), "
                "and " + ", ".join(f"'{v}'" for v in self.config.variables),
                line=line + offset)) for name, line in unknown]
            problems += [str(ContentError(
                shown, f"A macro on this line uses {what}, which could make the page too big or the build too slow",
                "Write it in a simpler way. Pages only show the site's data; they do not need to compute",
                line=line + offset)) for what, line in costly]
            if problems:
                raise PluginError("\n".join(problems))
            return markdown
        match = _JINJA.search(blank_out_code(markdown))
        if match:
            raise PluginError(str(ContentError(
                shown, "This page contains template code ('{{', '{%' or '{#'), which only a few data pages may use",
                "Remove it, or put it inside `backticks` to show it as code",
                line=line_of_offset(markdown, match.start()) + offset)))
        return markdown
