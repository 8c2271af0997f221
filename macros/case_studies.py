"""The case-study index, built from each case study's front matter.

Adding a file to docs/case-studies/ is all it takes to list it: nobody keeps
a list by hand. Every case study is checked when the build opens its data
(project.of(config).case_studies, loaded by the coproduction plugin). One with
a missing field is left out of the list, and the build names it, with the file,
the line and the fix, among every other page's problems, and stops.
"""
from __future__ import annotations

from coproduction import project
from coproduction.case_studies import INDEX_FIELDS, LABELS

from .markdown_table import one_line


def register(env):
    pages = project.of(env.conf).case_studies  # loaded and checked by the coproduction plugin

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
            rows = "".join(f"{LABELS[name]}\n:   {getattr(page.meta, name)}\n\n" for name in INDEX_FIELDS)
            entries.append(f"## [{link_text(page.meta.title)}]({page.file_name})\n\n{rows}")
        return "\n".join(entry.rstrip("\n") + "\n" for entry in entries)


def link_text(text) -> str:
    """A title as a link's text: a bracket of its own would end the link."""
    return one_line(text).replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
