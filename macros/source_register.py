"""The Sources page's list, made from the source register (data/sources.yml).

`{{ source_list() }}` writes every source, grouped, and within a group by how
the fact was seen (read, copy, search excerpt, not verified). The work is in coproduction/sources.py.
"""
from __future__ import annotations

from coproduction import project
from coproduction.sources import render_markdown


def register(env):
    sources = project.of(env.conf).sources  # loaded and checked by the coproduction plugin

    @env.macro
    def source_list() -> str:
        return render_markdown(sources)
