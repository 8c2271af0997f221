"""The case-study index, built from each case study's front matter.

Adding a file to docs/case-studies/ is all it takes to list it: nobody keeps
a list by hand. Every case study is checked when the build starts, so a page
with a missing field stops the build with a clear message (file, line, fix)
rather than a half-empty table.
"""
from __future__ import annotations

from pathlib import Path

from coproduction.case_studies import TEMPLATE, load_case_studies
from coproduction.errors import ContentError
from coproduction.plugin import plugin_error, project_dir

from .markdown_table import cell

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
        """A table of every case study: title (linked), place, year, what changed."""
        if not pages:
            return "There are no case studies yet. Why not add the first one?"
        rows = ["| Case study | Where | When | What changed |", "|---|---|---|---|"]
        for page in pages:
            meta = page.meta
            rows.append(f"| [{cell(meta.title)}]({page.file_name}) | {cell(meta.place)} | "
                        f"{cell(meta.year)} | {cell(meta.what_changed)} |")
        return "\n".join(rows)
