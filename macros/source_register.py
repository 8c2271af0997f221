"""The Sources page's list, made from the source register (data/sources.yml).

`{{ source_list() }}` writes every source, grouped, with checked sources told
apart from adapted and second-hand ones. The work is in coproduction/sources.py.
"""
from __future__ import annotations

from coproduction.sources import render_markdown


def register(env):
    @env.macro
    def source_list() -> str:
        return render_markdown(env.variables["sources"])
