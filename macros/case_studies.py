"""The case-study index, built from each case study's front matter.

Adding a file to docs/case-studies/ is all it takes to list it: nobody keeps
a list by hand. Every case study is checked when the build starts, so a page
with a missing field stops the build with a clear message (file, line, fix)
rather than a half-empty list.
"""
from __future__ import annotations

from pathlib import Path

from coproduction.case_studies import TEMPLATE, load_case_studies
from coproduction.errors import ContentError
from coproduction.plugin import plugin_error, project_dir

from .markdown_table import one_line

FOLDER = "case-studies"


def register(env):
    # Read and checked once, at start-up (mkdocs serve starts again for each rebuild):
    # a broken case study fails the build before the index page is rendered, and the
    # message is not buried in a traceback.
    try:
        pages = load_case_studies(Path(env.conf["docs_dir"]) / FOLDER, shown_root=project_dir(env.conf),
                                  template=Path(project_dir(env.conf)) / TEMPLATE)
    except ContentError as err:
        raise plugin_error(err, env.conf) from None

    @env.macro
    def case_study_count() -> int:
        return len(pages)

    @env.macro
    def case_study_index() -> str:
        """Each case study under its own heading (its title, linked), then what changed,
        where and when: a list, not a table, so a phone shows it all without scrolling sideways."""
        if not pages:
            return "There are no case studies yet. Why not add the first one?"
        entries = []
        for page in pages:
            meta = page.meta
            entries.append(f"## [{link_text(meta.title)}]({page.file_name})\n\n"
                           f"What changed\n:   {one_line(meta.what_changed)}\n\n"
                           f"Where\n:   {one_line(meta.place)}\n\n"
                           f"When\n:   {one_line(meta.year)}\n")
        return "\n".join(entries)


def link_text(text) -> str:
    """A title as a link's text: a bracket of its own would end the link."""
    return one_line(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
