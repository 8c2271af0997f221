"""Macros for the few pages that show data (mkdocs-macros, `module_name: macros`).

Only pages listed under `force_render_paths` in mkdocs.yml are rendered, in a
read-only Jinja sandbox (see coproduction/plugins/safe_macros.py). Every
other page is plain Markdown, so a pull request cannot run code at build time.

Each module below adds its own macros; they read data that the plugins have
already loaded and checked (for example `model` and `quotes`).
"""
from . import case_studies, downloads, jargon, model_macros, readability_report, self_assessment


def define_env(env):
    for module in (model_macros, downloads, case_studies, self_assessment, readability_report, jargon):
        module.register(env)
