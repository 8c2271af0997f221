"""Macros for the few pages that show data (mkdocs-macros, `module_name: macros`).

Only pages listed under `force_render_paths` in mkdocs.yml are rendered, in a
read-only Jinja sandbox (see coproduction/plugin/plugin.py). Every
other page is plain Markdown, so a pull request cannot run code at build time.

Each module below adds its own macros; they read data that the plugins have
already loaded and checked (for example `model` and `quotes`).

This package works both when imported by name (mkdocs-macros) and when loaded
from its file path, as other generators do (see "Moving to another generator"
in README.md).
"""
import importlib.util
import sys
from pathlib import Path

if getattr(sys.modules.get(__name__), "__path__", None) is None:
    # Loaded by file path: nothing registered this folder as a package, so
    # `from . import` would fail ("No module named 'macros'"). Load it again as
    # a package under the same name, and hand on its hooks.
    _spec = importlib.util.spec_from_file_location(
        __name__, __file__, submodule_search_locations=[str(Path(__file__).parent)])
    _package = importlib.util.module_from_spec(_spec)
    sys.modules[__name__] = _package
    _spec.loader.exec_module(_package)
    define_env = _package.define_env
    on_post_page_macros = _package.on_post_page_macros
else:
    from . import (cards, case_studies, downloads, easy_read, jargon, model_macros, readability_report,
                   self_assessment, source_register, templates)

    def define_env(env):
        # The data comes from the coproduction plugin (project.of(env.conf)); without it
        # the build stops here, in plain words, before any page is read.
        from coproduction.errors import ContentError
        from coproduction.plugin import plugin_error

        try:
            for module in (model_macros, downloads, easy_read, case_studies, self_assessment, readability_report,
                           jargon, source_register, cards, templates):
                module.register(env)
        except ContentError as err:
            raise plugin_error(err, env.conf) from None

    def on_post_page_macros(env):
        # A page that shows unverified model words also shows what the mark means.
        model_macros.add_doubt_note(env)
