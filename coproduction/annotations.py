"""Findings as GitHub workflow commands, so they show beside the line in a pull request.

Only under GitHub Actions (GITHUB_ACTIONS=true): locally the output stays as it
is. What fails the build is an `::error`, advice a `::warning`:

    ::error file=docs/origins.md,line=7,title=Too hard to read::Reading ease is 31.6. ...

Every error that stops the build reaches build_error() (the coproduction
plugin calls it from MkDocs' on_build_error event), so any check that raises a
ContentError with a file and line is annotated without doing anything more.
GitHub shows at most 10 warnings a step, so in a pull request the workflow
sets ANNOTATE_CHANGED_SINCE (a git ref): advice is then only given for files
changed since it, and errors for every file. Paths are relative to the
repository; messages are escaped as GitHub asks
(https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts).
"""
from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

from .errors import ContentError, shown_path


def enabled() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def relative(file: str | Path) -> str:
    """A path as GitHub wants it: relative to the repository, with forward slashes."""
    root = Path(os.environ.get("GITHUB_WORKSPACE") or os.getcwd())
    return shown_path(file, root) if Path(file).is_absolute() else Path(file).as_posix()


def command(level: str, message: str, *, file: str | Path | None = None, line: int | None = None,
            title: str | None = None) -> str:
    """One workflow command: level is "error" or "warning"."""
    properties = []
    if file:
        properties.append(f"file={_escape_property(relative(file))}")
    if file and line:
        properties.append(f"line={int(line)}")
    if title:
        properties.append(f"title={_escape_property(title)}")
    head = f"::{level} {','.join(properties)}" if properties else f"::{level}"
    return f"{head}::{_escape_data(message)}"


def changed_files() -> set[str] | None:
    """Files changed since $ANNOTATE_CHANGED_SINCE, or None for every file."""
    since = os.environ.get("ANNOTATE_CHANGED_SINCE")
    if not since:
        return None
    try:
        names = subprocess.run(["git", "diff", "--name-only", since], capture_output=True, text=True,
                               check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None  # no git, or no such commit: say everything rather than nothing
    return set(names.split())


def emit(lines: list[str]) -> None:
    """Print the commands, only under GitHub Actions."""
    if enabled() and lines:
        print("\n".join(lines), file=sys.stdout, flush=True)


def _message(error: ContentError) -> str:
    return f"{error.problem}. {error.fix}." if error.fix else f"{error.problem}."


def content_error(error: ContentError, level: str = "error") -> str:
    return command(level, _message(error), file=error.file, line=error.line, title="Build stopped")


# "docs/page.md:12: What is wrong. What to do." on a line of its own: how every
# ContentError reads (errors.py), also when a plugin passes on only its text.
_ERROR_LINE = re.compile(r"^\s*(?P<file>[\w./-]+\.(?:md|ya?ml|html|css|js|json|csv|txt)):(?P<line>\d+): (?P<text>.+)$")


def build_error_commands(error: BaseException) -> list[str]:
    """The commands for an error that stopped the build."""
    if getattr(error, "annotated", False):  # its findings were emitted already (the gate's own)
        return []
    found: list[ContentError] = []
    seen, current = set(), error
    while current is not None and id(current) not in seen:  # the error and what it was raised from
        seen.add(id(current))
        if isinstance(current, ContentError):
            found.append(current)
        # A batch of problems (ContentErrors raised together) keeps them in a list;
        # pydantic's ValidationError has a method of the same name.
        batch = getattr(current, "errors", ())
        if isinstance(batch, (list, tuple)):
            found += [e for e in batch if isinstance(e, ContentError)]
        current = current.__cause__ or current.__context__
    if found:
        return [content_error(e) for e in found]
    lines = []
    for text in str(error).splitlines():
        match = _ERROR_LINE.match(text)
        if match:
            lines.append(command("error", match["text"], file=match["file"], line=int(match["line"]),
                                 title="Build stopped"))
    return lines or [command("error", str(error) or type(error).__name__, title="Build stopped")]


def build_error(error: BaseException) -> None:
    emit(build_error_commands(error))


# MkDocs' other warnings about pages and the nav (which stop a strict build), such as
# "An absolute path to '/b/' is included in the 'nav' configuration, which presumably
# points to an external resource." Its warnings about links, anchors and the menu never
# get here: checks.py words them for contributors ("The link 'b.md' goes to no page of
# this site") with their file and line, and they are annotated with that wording, as
# errors of the build (checks.error_commands).
class _MkDocsWarnings(logging.Handler):
    """Turns MkDocs' other warnings about pages and the nav into errors."""

    def __init__(self):
        super().__init__(logging.WARNING)

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno != logging.WARNING or not record.name.startswith("mkdocs.structure"):
            return
        print(command("error", record.getMessage(), title="Build stopped"), flush=True)


def watch_mkdocs_warnings() -> None:
    """Under GitHub Actions, annotate MkDocs' own warnings too (once per process)."""
    logger = logging.getLogger("mkdocs")
    if enabled() and not any(isinstance(h, _MkDocsWarnings) for h in logger.handlers):
        logger.addHandler(_MkDocsWarnings())


def gate_commands(results, repeats=()) -> list[str]:
    """The readability gate's findings: each failing page an error at its hardest
    sentence; long sentences, jargon and advice as warnings at their own lines."""
    lines = []
    changed = changed_files()

    def advise(file: str) -> bool:
        return changed is None or relative(file) in changed

    for result in results:
        if not result.gated:
            continue
        if not result.passed:
            line = result.hardest[0][0].line if result.hardest else 1
            lines.append(command("error", " ".join(result.problems) + " The hardest sentences: " + ", ".join(
                f"line {s.line}" for s, _ in result.hardest) + ".", file=result.file, line=line,
                title="Too hard to read"))
        if not advise(result.file):
            continue
        limit = result.thresholds.long_sentence_words
        for sentence, words in result.long_sentences:
            lines.append(command("warning", f"This sentence has {words} words; the limit is {limit}. "
                                 "Split it, or make sure every word is plain.",
                                 file=result.file, line=sentence.line, title="Long sentence"))
        for hit in result.jargon:
            when = f" ({hit.when})" if hit.when else ""
            lines.append(command("warning", f"\"{hit.word}\"{when}: try \"{hit.plain}\".",
                                 file=result.file, line=hit.line, title="Plainer word"))
        for suggestion in result.suggestions:
            lines.append(command("warning", suggestion, file=result.file, line=1, title="Chopped sentences"))
    for repeat in repeats:
        for file, line in filter(lambda place: advise(place[0]), repeat.places):
            lines.append(command("warning", repeat.message, file=file, line=line, title="Repeated sentence"))
    return lines
