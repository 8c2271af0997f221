"""The plain-English gate: readability scores for Markdown pages and text.

Plain Python, no MkDocs: the build (coproduction/plugin/plugin.py) and
the command `python -m coproduction FILE.md` both use it, so they agree.

    from coproduction.readability import check_text
    result = check_text("Some words to check.")
    result.passed, result.advice

Modules: extract (Markdown to sentences), scoring (textstat), rules
(thresholds and page overrides), jargon (data/jargon.yml), check (results and
advice), settings (read mkdocs.yml without MkDocs), report (JSON and page).
"""
from .check import Checker, Result, check_text
from .jargon import Jargon, load_jargon
from .rules import Thresholds

__all__ = ["Checker", "Jargon", "Result", "Thresholds", "check_text", "load_jargon"]
