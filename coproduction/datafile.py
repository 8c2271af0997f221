"""Read a YAML data file and keep the line number of every value.

Contributors fix mistakes faster when a message says "line 42" rather than
"steps.items.6". load_yaml() returns the data plus a function that turns a
field path (as pydantic reports it) into a line number.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import yaml

from .errors import ContentError


def load_yaml(path: str | Path) -> tuple[Any, Callable[[tuple], int | None]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(path, "This data file is missing", "Restore it from the main branch") from None
    except UnicodeDecodeError as err:
        raise ContentError(path, f"This file is not saved as UTF-8 text (byte {err.start})",
                           "Save it again as UTF-8 in your editor") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(err, "problem", None) or str(err)
        raise ContentError(path, f"The YAML cannot be read ({problem})",
                           "Check the indentation and the quotes on this line and the one before it",
                           line=line) from None

    def line_of(loc: tuple) -> int | None:
        current, line = node, None
        for key in loc:
            if current is None:
                break
            line = current.start_mark.line + 1
            if isinstance(current, yaml.MappingNode):
                current = next((v for k, v in current.value if k.value == key), None)
                if current is None:  # an unknown or missing key: point at its parent
                    break
            elif isinstance(current, yaml.SequenceNode) and isinstance(key, int):
                current = current.value[key] if key < len(current.value) else None
            else:
                break
        if current is not None:
            line = current.start_mark.line + 1
        return line

    return data, line_of
