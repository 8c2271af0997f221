"""`make check`: every check the build runs, on the pages it is given, with the build's verdict.

A page can pass the readability rules and still break the build: a link to a
page that is not there, a website missing from the source register, unsafe
HTML, a macro a page may not use. So `python -m coproduction check PAGE...`
runs the real build (strict, quiet, into a temporary folder: site/ is not
touched; PDFs and scores come from .cache/). The build prints every problem
it finds, in any file, with the file, the line and what to do. Then, for each
page given, this prints its readability scores and every piece of advice the
build gave it (plainer words, long sentences, review dates). The exit code is
the build's: 0 if it would pass, 1 if it would fail.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import ContentError, shown_path
from .findings import FINDINGS_FILE, Findings
from .readability.advice import PLAINER_WORD, jargon_text


def run_build(config_file: Path, site_dir: Path) -> int:
    """`mkdocs build --strict --quiet` of the project, in this process (Python and MkDocs
    are already started): its exit code."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the theme's notice is not about the pages
    from mkdocs.__main__ import cli

    here = os.getcwd()
    os.chdir(config_file.parent)
    try:
        cli.main(args=["build", "--strict", "--quiet", "--config-file", str(config_file),
                       "--site-dir", str(site_dir)], prog_name="mkdocs")
    except SystemExit as exit:
        code = exit.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    finally:
        os.chdir(here)
    return 0


def _about(finding, shown: str) -> bool:
    """Whether a finding is about the file `shown`. One that stopped the build names its file in its words."""
    return finding.file == shown or (not finding.file and finding.message.startswith(f"{shown}:"))


def check_pages(config_file: Path, pages: list[Path], checker) -> int:
    """Build the project, then report on `pages` (files under its docs folder). The build's exit code."""
    config_file = config_file.resolve()
    root = config_file.parent
    with tempfile.TemporaryDirectory(prefix="coproduction-check-") as folder:
        code = run_build(config_file, Path(folder) / "site")
    findings = Findings.read(root / FINDINGS_FILE) or Findings()
    for page in pages:
        shown = shown_path(page.resolve(), root)
        try:
            result = checker.check_file(page, shown_as=shown)  # the build's scores, from its cache
        except ContentError as err:  # a page the build could not read: it has said why, above
            if not any(_about(f, shown) for f in findings.errors):
                print(err)
            print(f"  {shown} cannot be scored until the problem above is fixed.")
            continue
        print(result.advice)
        scores = result.scores
        print(f"  Scores: reading ease {scores.flesch_reading_ease:.1f}, SMOG {scores.smog:.1f}, "
              f"{scores.average_sentence_words:.1f} words in an average sentence "
              f"({scores.words} words, {scores.sentences} sentences).")
        for note in result.notes:
            print(f"  Note: {note}")
        if result.passed:  # a failing page's advice above already lists its plainer words
            text = jargon_text(shown, checker.jargon_advice(page, shown))
            if text:
                print(text)
        # The rest of the build's advice for this page (review dates, and so on).
        shown_already = (PLAINER_WORD, "Long sentence", "Chopped sentences", "Too hard to read")
        for finding in findings.for_file(shown):
            if finding.level == "warning" and finding.title not in shown_already:
                print(f"  Advice: {finding.text}")
        errors = [f for f in findings.for_file(shown) if f.level == "error"]
        if errors:
            print(f"  {shown} has {len(errors)} problem{'s that stop' if len(errors) != 1 else ' that stops'} "
                  "the build: see the list above.")
    given = [shown_path(p.resolve(), root) for p in pages]
    elsewhere = [f for f in findings.errors if not any(_about(f, shown) for shown in given)]
    if code:
        print(f"The check fails: the build would stop. {len(findings.errors)} problem"
              f"{'s' if len(findings.errors) != 1 else ''} to fix"
              f"{f', {len(elsewhere)} of them in other files' if elsewhere and pages else ''}: see the list above.")
    else:
        print("The check passes: the build found no problem.")
    return 1 if code else 0
