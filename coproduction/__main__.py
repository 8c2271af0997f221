"""Check pages for plain English, with the build's own rules and messages.

    python -m coproduction check docs/            # every .md under a folder
    python -m coproduction docs/guides/start.md [more pages or folders...]

Reads the thresholds and the jargon list from mkdocs.yml in the current folder
(or --config), or uses the defaults if there is none. Exit code 0: every page
passes; 1: a page is too hard to read; 2: a page or setting has a mistake.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ContentError
from .readability import Checker, load_jargon
from .readability.settings import load_settings


def _quoted_texts(settings) -> list[str]:
    """The model's words and the sayings: scored, but never a reason to fail."""
    from .model import load_model, load_quotes
    texts = []
    if settings.model_file and settings.model_file.exists():
        texts += load_model(settings.model_file).quoted_texts()
    if settings.quotes_file and settings.quotes_file.exists():
        texts += load_quotes(settings.quotes_file).quoted_texts()
    return texts


def _pages(paths: list[Path]) -> list[Path]:
    """Files as given; for a folder, every .md file in it and its subfolders, in order."""
    pages = []
    for path in paths:
        pages += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return pages


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["check"]:  # `python -m coproduction check PATH...`; the bare form works too
        argv = argv[1:]
    parser = argparse.ArgumentParser(prog="python -m coproduction check",
                                     description="Check that Markdown pages are in plain English.")
    parser.add_argument("pages", nargs="+", type=Path, help="Markdown files, or folders to check every .md in")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml (default: mkdocs.yml in this folder)")
    args = parser.parse_args(argv)

    try:
        settings = load_settings(args.config)
        jargon = load_jargon(settings.jargon_file) if settings.jargon_file else None
        rules_key = settings.jargon_file.read_bytes() if settings.jargon_file else b""
        checker = Checker(settings.thresholds, jargon, _quoted_texts(settings), rules_key=rules_key)
    except (ContentError, ValueError) as err:
        print(f"{args.config}: {err}", file=sys.stderr)
        return 2

    status = 0
    for page in _pages(args.pages):
        try:
            if not page.is_file():
                raise ContentError(page, "There is no such file", "Check the path and the spelling")
            result = checker.check_file(page)
        except ContentError as err:
            print(err, file=sys.stderr)
            status = 2
            continue
        scores = result.scores
        print(result.advice)
        print(f"  Scores: reading ease {scores.flesch_reading_ease:.1f}, SMOG {scores.smog:.1f}, "
              f"{scores.average_sentence_words:.1f} words in an average sentence "
              f"({scores.words} words, {scores.sentences} sentences).")
        for note in result.notes:
            print(f"  Note: {note}")
        if not result.passed:
            status = max(status, 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
