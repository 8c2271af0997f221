"""Every problem and piece of advice a build or `make check` found, kept in one file.

GitHub shows at most 10 warnings beside the lines of a pull request, and a
build that stops early has printed only part of what is wrong. So the build
(and `make check`) also collects each finding here, and writes them all to
one JSON file. The pull request's job summary (summary.py) reads that file:
it lists every finding, and says "fails" whenever there is an error.

    findings = Findings()
    findings.error("docs/guides/step-5-reward.md", 12, "The link 'step-6.md' goes to no page",
                   "Check the file name: the pages are listed in docs/guides/", title="Broken link")
    findings.warning("docs/guides/step-5-reward.md", 9, '"utilising": try "use"', title="Plainer word")
    findings.add_error(content_error)            # a ContentError, with its file, line and fix
    findings.write(".cache/findings.json")      # all at once (atomic.py), never half-written
    again = Findings.read(".cache/findings.json")  # None if the file is not there

An error fails the build; a warning is advice and never fails it. Files are
shown relative to the project folder, as in every other message.
"""
from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from . import atomic
from .errors import ContentError, shown_path

FINDINGS_FILE = ".cache/findings.json"  # under the project folder; the summary reads it
VERSION = 1
Level = Literal["error", "warning"]
LEVELS = ("error", "warning")


@dataclass(frozen=True)
class Finding:
    file: str  # relative to the project folder, with "/" between folders ("" if no file)
    line: int | None  # the file's line, or None for the whole file
    level: Level  # "error" fails the build; "warning" is advice
    message: str  # what is wrong, in plain words
    advice: str = ""  # what to do about it
    title: str = ""  # a short name for the kind of finding: "Broken link", "Plainer word"

    def __post_init__(self):
        if self.level not in LEVELS:
            raise ValueError(f"a finding's level must be 'error' or 'warning', not {self.level!r}")

    def as_dict(self) -> dict:
        return asdict(self)

    @property
    def text(self) -> str:
        """The finding as one line of plain words, as ContentError reads."""
        where = f"{self.file}:{self.line}" if self.file and self.line else self.file
        said = f"{self.message.rstrip('.')}."
        if self.advice:
            said += f" {self.advice.rstrip('.')}."
        return f"{where}: {said}" if where else said


@dataclass
class Findings:
    """A collector: add findings as checks find them, then write them all."""
    items: list[Finding] = field(default_factory=list)
    # True once every check has run. A build that stopped part-way writes False,
    # so the summary can say that there may be more to fix.
    complete: bool = False
    # The findings in `items`, to look one up at once: a scan of the list for each new finding took
    # 0.17 s of a warm build of 1000 pages, with 1000 findings (benchmarks/build_speed.py, part d).
    _seen: set[Finding] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self):
        self._seen.update(self.items)

    def add(self, finding: Finding) -> None:
        if finding not in self._seen:  # the same finding from two places is listed once
            self._seen.add(finding)
            self.items.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        for finding in findings:
            self.add(finding)

    def error(self, file: str | Path, line: int | None, message: str, advice: str = "", *, title: str = "") -> None:
        self.add(Finding(_file(file), line, "error", message, advice, title))

    def warning(self, file: str | Path, line: int | None, message: str, advice: str = "", *, title: str = "") -> None:
        self.add(Finding(_file(file), line, "warning", message, advice, title))

    def add_error(self, error: ContentError, level: Level = "error", *, title: str = "") -> None:
        """A ContentError as a finding: its file, line, problem and fix."""
        self.add(Finding(_file(error.file), error.line, level, error.problem, error.fix, title))

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.items if f.level == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.items if f.level == "warning"]

    @property
    def passed(self) -> bool:
        """True when every check ran and none found an error."""
        return self.complete and not self.errors

    def for_file(self, file: str) -> list[Finding]:
        return [f for f in self.items if f.file == file]

    def as_dict(self) -> dict:
        return {"version": VERSION, "complete": self.complete, "passed": self.passed,
                "errors": len(self.errors), "warnings": len(self.warnings),
                "findings": [f.as_dict() for f in sorted(self.items, key=_order)]}

    def write(self, path: str | Path = FINDINGS_FILE) -> None:
        """Write every finding to `path` in one step: a reader sees the old file or the new, never half."""
        atomic.write_text(path, json.dumps(self.as_dict(), ensure_ascii=False, indent=1) + "\n")

    @classmethod
    def read(cls, path: str | Path = FINDINGS_FILE) -> "Findings | None":
        """The findings in `path`; None if there is no such file. A damaged file is a ContentError."""
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, ValueError) as err:
            raise ContentError(path, f"The findings file cannot be read ({type(err).__name__})",
                               "Run the build again to write it afresh") from None
        try:
            if data.get("version") != VERSION:
                raise ValueError("version")
            items = [Finding(str(item["file"]), _line(item.get("line")), item["level"], str(item["message"]),
                             str(item.get("advice", "")), str(item.get("title", ""))) for item in data["findings"]]
            return cls(items, bool(data.get("complete")))
        except (AttributeError, KeyError, TypeError, ValueError):
            raise ContentError(path, "The findings file is not in the form this code writes",
                               "Run the build again to write it afresh") from None


def _line(value) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError("line")
    return value


def _file(file: str | Path) -> str:
    """Relative to the project folder (the current one), never the build machine's full path."""
    if not str(file):
        return ""
    return shown_path(file, os.getcwd()) if Path(file).is_absolute() else Path(file).as_posix()


def _order(finding: Finding) -> tuple:
    """By file, then line (whole-file findings first), errors before warnings at the same line."""
    return finding.file, finding.line or 0, LEVELS.index(finding.level)
