"""The pages a change touched: checked locally, and summed up for a pull request.

    python -m coproduction changed [--base main]     # `make check` with no PAGE
    python -m coproduction summary [--base HEAD^1]   # the pull request's job summary

`changed` checks every page under docs/ that differs from the base (committed
or not, and new pages), with the same rules and messages as the build.

`summary` writes Markdown for GitHub's job summary ($GITHUB_STEP_SUMMARY, or
--output): for each changed page, its scores on the base and now, whether it
passes, and the top advice. It reads the base version with `git show`. When no
page changed it writes nothing. It never fails a build: the build does that.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import ContentError
from .readability.check import Result, number_text
from .settings import load_settings, make_checker


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def changed_pages(base: str, docs_dir: Path, root: Path) -> tuple[str, list[str]]:
    """(commit the change started from, Markdown pages under docs_dir that differ from it)."""
    try:
        start = _git("merge-base", base, "HEAD", cwd=root).strip()
    except subprocess.CalledProcessError:
        raise ContentError(base, f"git cannot find '{base}' to compare with",
                           "Fetch it first (git fetch origin main), or name another branch with BASE=...") from None
    docs = os.path.relpath(docs_dir, root)
    names = _git("diff", "--name-only", "--diff-filter=AMR", start, "--", docs, cwd=root).split("\n")
    names += _git("ls-files", "--others", "--exclude-standard", "--", docs, cwd=root).split("\n")
    return start, sorted({n for n in names if n.endswith(".md")})


def verdict(result: Result | None) -> str:
    if result is None:
        return "New page"
    if not result.passed:
        return "Too hard to read"
    if result.too_little_text:
        return "Too little text to score"
    return "Passes"


def _scores(result: Result | None) -> tuple[str, str, str]:
    if result is None or result.too_little_text:
        return "-", "-", "-"
    s = result.scores
    return (number_text(round(s.flesch_reading_ease, 1)), number_text(round(s.smog, 1)),
            number_text(round(s.average_sentence_words, 1)))


def _top_advice(result: Result) -> list[str]:
    """At most three lines a contributor can act on, most important first."""
    advice = list(result.problems)
    if not result.passed and result.hardest:
        sentence = result.hardest[0][0]
        advice.append(f"The hardest sentence is on line {sentence.line}: start there.")
    advice += result.suggestions
    limit = result.thresholds.long_sentence_words
    if result.long_sentences:
        lines = ", ".join(str(s.line) for s, _ in result.long_sentences)
        advice.append(f"Sentences over {limit} words on line {lines}: split them, or make every word plain.")
    advice += [f"Line {hit.line}: \"{hit.word}\" could be \"{hit.plain}\"." for hit in result.jargon[:3]]
    return advice[:3]


def summary_markdown(rows: list[tuple[str, Result | None, Result]]) -> str:
    """rows: (page, result on the base or None if new, result now)."""
    if not rows:
        return ""
    failing = sum(1 for _, _, after in rows if not after.passed)
    lines = ["## Plain English check", ""]
    if failing:
        which = "The changed page is" if len(rows) == 1 else \
            f"{failing} of the {len(rows)} changed pages {'is' if failing == 1 else 'are'}"
        lines.append(f"{which} too hard to read, so the check fails. The advice under the table says what to change.")
    else:
        lines.append(f"All {len(rows)} changed page{'s pass' if len(rows) != 1 else ' passes'} the plain English check.")
    limits = rows[0][2].thresholds
    lines += ["", f"Reading ease should be {number_text(limits.min_flesch_reading_ease)} or more (higher is easier), "
              f"SMOG {number_text(limits.max_smog)} or less, and sentences "
              f"{number_text(limits.max_average_sentence_words)} words or fewer on average.", "",
              "| Page | Reading ease (before → after) | SMOG (before → after) | Words per sentence (before → after) | Result |",
              "|---|---|---|---|---|"]
    for page, before, after in rows:
        old, new = _scores(before), _scores(after)
        lines.append(f"| `{page}` | {old[0]} → {new[0]} | {old[1]} → {new[1]} | {old[2]} → {new[2]} | {verdict(after)} |")
    for page, _, after in rows:
        advice = _top_advice(after)
        if advice:
            lines += ["", f"**`{page}`**", ""] + [f"- {item}" for item in advice]
    return "\n".join(lines) + "\n"


def summary(base: str, config: Path) -> str:
    root = config.resolve().parent
    _, checker = make_checker(config)
    settings = load_settings(config)
    start, pages = changed_pages(base, settings.docs_dir, root)
    rows = []
    for page in pages:
        try:
            old = _git("show", f"{start}:{page}", cwd=root)
        except subprocess.CalledProcessError:
            old = None
        before = checker.check_source(old, page) if old is not None else None
        after = checker.check_file(root / page, shown_as=page)
        rows.append((page, before, after))
    return summary_markdown(rows)


def main(command: str, argv: list[str], check_pages: Callable[[list[str]], int]) -> int:
    """`changed` or `summary`. `check_pages` checks pages as `python -m coproduction PAGE...` does."""
    parser = argparse.ArgumentParser(prog=f"python -m coproduction {command}")
    parser.add_argument("--base", default="main" if command == "changed" else "HEAD^1",
                        help="the branch or commit to compare with")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    if command == "summary":
        parser.add_argument("--output", type=Path, help="default: $GITHUB_STEP_SUMMARY, else print it")
    args = parser.parse_args(argv)
    try:
        if command == "summary":
            text = summary(args.base, args.config)
            output = args.output or (Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None)
            if output and text:
                with output.open("a", encoding="utf-8") as handle:  # GitHub's summary file is shared by the job's steps
                    handle.write(text)
            elif text:
                print(text, end="")
            return 0
        settings = load_settings(args.config)
        _, pages = changed_pages(args.base, settings.docs_dir, args.config.resolve().parent)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 2
    if not pages:
        print(f"No page differs from {args.base}, so there is nothing to check. "
              "To check one page: make check PAGE=docs/index.md")
        return 0
    print(f"Checking the {len(pages)} page{'s' if len(pages) != 1 else ''} changed against {args.base}: {', '.join(pages)}")
    return check_pages([*pages, "--config", str(args.config)])
