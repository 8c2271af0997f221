"""One error type for every problem a contributor can cause.

Messages follow one pattern so people know where to look:
    <file>:<line>: <what is wrong>. <what to do>.
"""
from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: str | Path, root: str | Path) -> str:
    """A path as a contributor sees it: relative to the project folder `root`, with
    "/" between folders. A relative `path` is taken as relative to `root` (as the
    settings give paths), wherever the build was started. A path outside the
    project is shown as it was given."""
    relative = os.path.relpath(os.path.abspath(Path(root, path)), os.path.abspath(root))
    return str(path) if relative.startswith("..") else Path(relative).as_posix()


def shorten(text: str, limit: int) -> str:
    """Quoted words in a message: up to `limit` characters, cut at a space, then " ..."."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


def printable(text: str, limit: int = 80) -> str:
    """Words from a file, safe to show in a message: each character that does not print (a control
    character, say) as '?', and cut at `limit` with "..."."""
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return text if len(text) <= limit else text[:limit] + "..."


# The fix for a link to a part of a page (after '#') that is not there, wherever a check finds one.
ANCHOR_FIX = ("Check the part after '#': it must match a heading's id on that page: the heading in small "
              "letters, with '-' for each space and no marks such as ' or ?. 'What we don't know?' is "
              "'#what-we-dont-know'")


class ContentError(Exception):
    """A problem in the project's content or data, explained in plain words."""

    def __init__(self, file: str | Path, problem: str, fix: str = "", line: int | None = None):
        self.file = str(file)
        self.line = line
        self.problem = problem.rstrip(".")
        self.fix = fix.rstrip(".")
        super().__init__(str(self))

    def shown_from(self, root: str | Path) -> "ContentError":
        """The same error with its file named relative to the project folder `root`."""
        return type(self)(shown_path(self.file, root), self.problem, self.fix, self.line)

    def __reduce__(self):
        # Rebuilt from its parts when it comes back from a worker process
        # (the gate scores big sites in several: readability/check.py).
        return (type(self), (self.file, self.problem, self.fix, self.line))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        message = f"{where}: {self.problem}."
        if self.fix:
            message += f" {self.fix}."
        return message


class ContentErrors(ContentError):
    """Several problems found together in one file, each at its line: one round of the build
    names them all, not the first and a count of the rest. It is the first of them for code
    that reads one (file, line, problem); its text is one line for each."""

    def __init__(self, errors: list[ContentError]):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.file, first.problem, first.fix, first.line)

    def shown_from(self, root: str | Path) -> "ContentErrors":
        return ContentErrors([error.shown_from(root) for error in self.errors])

    def __reduce__(self):
        return (type(self), (self.errors,))

    def __str__(self) -> str:
        return "\n".join(ContentError.__str__(error) for error in getattr(self, "errors", [self]))
