"""Macros for the few pages that show data (mkdocs-macros, `module_name: macros`).

Only pages listed under `force_render_paths` in mkdocs.yml are rendered, in a
sandboxed Jinja environment (see coproduction/plugins/safe_content.py). Every
other page is plain Markdown, so a pull request cannot run code at build time.

Each module below adds its own macros; they all read data loaded and checked by
the model-data plugin (`model` and `quotes` variables).
"""
from . import model_macros


def define_env(env):
    model_macros.register(env)
