"""The pages a change touched: checked locally, and summed up for a pull request.

    python -m coproduction changed [--base main]     # `make check` with no PAGE
    python -m coproduction summary [--base HEAD^1]   # the pull request's job summary

`changed` checks every page under docs/ that differs from the base (committed
or not, and new pages), with the same rules and messages as the build. When no
page differs but another file does (a data file, mkdocs.yml, a picture, a
deleted page), it runs the whole build, as the build reads those too.

`summary` writes Markdown for GitHub's job summary ($GITHUB_STEP_SUMMARY, or
--output): whether the check passed; for each changed page, its scores on the
base and now, and its result; then every error the build found (in any file)
and every piece of advice for the changed files, plainer words included, with
its line. GitHub shows only 10 warnings a step beside the lines: the summary
has them all. The build writes its findings to .cache/findings.json
(findings.py); the check passes only if that list says the build finished with
no error. It reads the base version with `git show`. When no page changed and
there are no findings it writes nothing. It never fails a build: the build does that.
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from .errors import ContentError
from .findings import FINDINGS_FILE, Finding, Findings
from .readability.advice import jargon_findings
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


def verdict(result: Result | None, errors: int = 0, finished: bool = True) -> str:
    """A page's result in a word or two. `errors`: the build's errors for the page
    (broken links, unknown sources...), which fail it even when it reads well.
    `finished`: False when the build stopped before it had checked everything."""
    if result is None:
        return "New page"
    more = f"{errors} error{'s' if errors != 1 else ''}"
    if not result.passed:
        return f"Too hard to read, and {more}" if errors else "Too hard to read"
    if errors:
        return f"Fails: {more}"
    if not finished:
        return "Not known: the build stopped early"
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


# Pages and data are untrusted: their words are shown as text, never as Markdown or HTML.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~])")


def _text(words: str) -> str:
    return _MARKDOWN.sub(r"\\\1", " ".join(words.split()))


def _code(path: str) -> str:
    return "`" + path.replace("`", "'") + "`"


def _finding_line(finding: Finding) -> str:
    level = "Error" if finding.level == "error" else "Advice"
    where = f", line {finding.line}" if finding.line else ""
    said = _text(finding.message.rstrip(".")) + "."
    if finding.advice:
        said += " " + _text(finding.advice.rstrip(".")) + "."
    return f"- **{level}{where}:** {said}"


GITHUB_SHOWN = 10  # warnings GitHub shows beside the lines, per step


PDF_ARTIFACT = "pdfs"  # the name .github/workflows/site.yml uploads the PDFs under


def artifacts_url(environ=None) -> str:
    """This workflow run's page, at its downloads ("Artifacts"), from GitHub's own variables; "" elsewhere."""
    environ = os.environ if environ is None else environ
    server = environ.get("GITHUB_SERVER_URL", "")
    repository = environ.get("GITHUB_REPOSITORY", "")
    run = environ.get("GITHUB_RUN_ID", "")
    if not (re.fullmatch(r"https://[A-Za-z0-9.-]+", server) and re.fullmatch(r"[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+", repository)
            and run.isdigit()):
        return ""
    return f"{server}/{repository}/actions/runs/{run}#artifacts"


def _pdf_line(findings: Findings | None, url: str) -> list[str]:
    if not url or findings is None:
        return []
    if findings.passed:
        return ["", f"The PDFs from this pull request are in the download called \"{PDF_ARTIFACT}\" "
                    f"on [this run's page]({url}), under Artifacts. Open them to see how they print."]
    return ["", "There are no PDFs to look at: the build makes them only when the check passes."]


def summary_markdown(rows: list[tuple[str, Result | None, Result]], findings: Findings | None = None,
                     changed: list[str] | None = None, missing: str = "", pdfs_url: str = "") -> str:
    """rows: (page, result on the base or None if new, result now).

    findings: what the build found (findings.py), or None. With findings, the
    summary lists every error (in any file) and every warning in the `changed`
    files (default: the rows' pages), and the check passes only if the build
    finished with no error. `missing`: why there are no findings, if they were
    expected (the check then fails: the build did not say it passed)."""
    if not rows and findings is None and not missing:
        return ""
    changed_files = set(changed if changed is not None else [page for page, _, _ in rows])
    shown = [] if findings is None else [
        f for f in findings.items if f.level == "error" or f.file in changed_files]
    errors = [f for f in shown if f.level == "error"]
    warnings = [f for f in shown if f.level == "warning"]
    failing = sum(1 for _, _, after in rows if not after.passed)
    finished = not missing and (findings is None or findings.complete)
    lines = ["## Plain English check", ""]
    if missing:
        lines.append(f"The check fails: {missing} Read the log of the step that builds the site.")
    elif findings is not None and not findings.complete:
        lines.append(f"The check fails: the build stopped before it had run every check. It found "
                     f"{_count(len(errors), 'error')} so far. Fix them, then push again to see anything else.")
    elif errors or failing:
        parts = []
        if failing:
            parts.append(f"{failing} of the {len(rows)} changed pages {'is' if failing == 1 else 'are'} too hard to read"
                         if len(rows) > 1 else "The changed page is too hard to read")
        if errors:
            parts.append(f"the build found {_count(len(errors), 'error')}")
        said = f"{' and '.join(parts)}, so the check fails. The list below says what to change."
        lines.append(said[0].upper() + said[1:])
    elif findings is not None:
        lines.append(f"The check passes: the build found no errors in {_count(len(rows), 'changed page')}."
                     if rows else "The check passes: the build found no errors.")
    else:
        lines.append(f"All {len(rows)} changed page{'s pass' if len(rows) != 1 else ' passes'} the plain English check.")
    if findings is None and not missing:
        lines += ["", "There is no list of the build's findings, so this summary has only the readability scores."]
    lines += _pdf_line(findings, pdfs_url)
    if warnings:
        lines += ["", f"There {'is' if len(warnings) == 1 else 'are'} {_count(len(warnings), 'piece')} of advice "
                  "for the changed files. Advice never fails the check."]
        if len(warnings) > GITHUB_SHOWN:
            lines[-1] += (f" GitHub shows only {GITHUB_SHOWN} of them beside the lines in \"Files changed\", "
                          f"so all {len(warnings)} are listed here.")
    if rows:
        limits = rows[0][2].thresholds
        lines += ["", f"Reading ease should be {number_text(limits.min_flesch_reading_ease)} or more (higher is easier), "
                  f"SMOG {number_text(limits.max_smog)} or less, and sentences "
                  f"{number_text(limits.max_average_sentence_words)} words or fewer on average.", "",
                  "| Page | Reading ease (before → after) | SMOG (before → after) | Words per sentence (before → after) | Result |",
                  "|---|---|---|---|---|"]
        for page, before, after in rows:
            old, new = _scores(before), _scores(after)
            page_errors = sum(1 for f in errors if f.file == page)
            lines.append(f"| {_code(page)} | {old[0]} → {new[0]} | {old[1]} → {new[1]} | {old[2]} → {new[2]} "
                         f"| {verdict(after, page_errors, finished)} |")
    if findings is None:
        for page, _, after in rows:
            advice = _top_advice(after)
            if advice:
                lines += ["", f"**{_code(page)}**", ""] + [f"- {_text(item)}" for item in advice]
        return "\n".join(lines) + "\n"
    files = sorted({f.file for f in shown}, key=lambda file: (file not in changed_files, file))
    for file in files:
        lines += ["", f"**{_code(file)}**" if file else "**The build as a whole**", ""]
        lines += [_finding_line(f) for f in shown if f.file == file and f.level == "error"]
        lines += [_finding_line(f) for f in shown if f.file == file and f.level == "warning"]
    return "\n".join(lines) + "\n"


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}{'' if number == 1 else 's'}"


def summary(base: str, config: Path, findings_file: Path | None = None, required: bool = False) -> str:
    """The summary of the pages changed since `base`, with the build's findings
    from `findings_file` (default: FINDINGS_FILE). `required`: a missing file
    means the build did not finish, so the check fails."""
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
    missing = ""
    try:
        findings = Findings.read(findings_file or root / FINDINGS_FILE)
    except ContentError as err:
        findings, missing = None, f"the list of the build's findings cannot be read ({err.problem.lower()})."
    if findings is None and required and not missing:
        missing = "the build wrote no list of its findings, so it stopped before the end."
    if findings is not None:
        # Plainer-word advice for every changed page, failing or not: the same
        # findings the build gives (listed once if both found them).
        for page in pages:
            findings.extend(jargon_findings(page, checker.jargon_advice(root / page, page)))
    if findings is None and not missing and not rows:
        return ""
    return summary_markdown(rows, findings, changed_files(start, root) + pages, missing, artifacts_url())


def changed_files(start: str, root: Path) -> list[str]:
    """Every file that differs from `start` (committed or not, and new files)."""
    names = _git("diff", "--name-only", "--diff-filter=AMR", start, cwd=root).split("\n")
    names += _git("ls-files", "--others", "--exclude-standard", cwd=root).split("\n")
    return sorted({n for n in names if n})


def other_changes(start: str, root: Path) -> list[str]:
    """Every file that differs from `start`, deleted files too (committed or not, and new files)."""
    names = []
    for line in _git("diff", "--name-status", "--no-renames", start, cwd=root).split("\n"):
        status, _, name = line.partition("\t")
        if name:
            names.append(f"{name} (deleted)" if status == "D" else name)
    names += _git("ls-files", "--others", "--exclude-standard", cwd=root).split("\n")
    return sorted({n for n in names if n})


def main(command: str, argv: list[str], check_pages: Callable[[list[str]], int]) -> int:
    """`changed` or `summary`. `check_pages` checks pages as `python -m coproduction PAGE...` does."""
    parser = argparse.ArgumentParser(prog=f"python -m coproduction {command}")
    parser.add_argument("--base", default="main" if command == "changed" else "HEAD^1",
                        help="the branch or commit to compare with")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"))
    if command == "summary":
        parser.add_argument("--output", type=Path, help="default: $GITHUB_STEP_SUMMARY, else print it")
        parser.add_argument("--findings", type=Path,
                            help=f"the build's findings (default: {FINDINGS_FILE}, if it is there). When given, "
                                 "a missing file means the build did not finish, so the check fails")
    args = parser.parse_args(argv)
    try:
        if command == "summary":
            text = summary(args.base, args.config, args.findings, required=args.findings is not None)
            output = args.output or (Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None)
            if output and text:
                with output.open("a", encoding="utf-8") as handle:  # GitHub's summary file is shared by the job's steps
                    handle.write(text)
            elif text:
                print(text, end="")
            return 0
        settings = load_settings(args.config)
        root = args.config.resolve().parent
        start, pages = changed_pages(args.base, settings.docs_dir, root)
        others = [] if pages else other_changes(start, root)
    except ContentError as err:
        print(err, file=sys.stderr)
        return 2
    if not pages and others and args.config.is_file():
        # A data file, mkdocs.yml, a picture or a deleted page: the build reads them all, so build it all.
        shown = ", ".join(others[:5]) + (f" and {len(others) - 5} more" if len(others) > 5 else "")
        print(f"No page differs from {args.base}, but {_count(len(others), 'other file')} "
              f"{'does' if len(others) == 1 else 'do'}: {shown}. Any file can stop the build, "
              "so this runs every check the build runs.")
        from .check_build import check_pages as build_and_check
        return build_and_check(args.config, [], checker=None)  # no page to score: the build says the rest
    if not pages:
        print(f"No page differs from {args.base}, so there is nothing to check. "
              "To check one page: make check PAGE=docs/index.md")
        return 0
    print(f"Checking the {len(pages)} page{'s' if len(pages) != 1 else ''} changed against {args.base}: {', '.join(pages)}")
    return check_pages([*pages, "--config", str(args.config)])
