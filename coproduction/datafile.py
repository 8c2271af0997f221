"""Read YAML strictly, keep the line of every value, and explain schema errors.

Every YAML file we read (data files, a page's front matter, mkdocs.yml) goes
through parse_yaml(): broken YAML and a key written twice in the same block
both stop with the file and the line(s). YAML itself lets the second key
silently replace the first, which would publish words nobody reviewed.

    data, line_of = load_yaml("data/model.yml")   # line_of(("steps", "items", 3)) -> 57
    thing = validate(Schema, data, path, line_of)  # ContentError with file, line, fix

Also here, so each is written once: the `Text` field type (trimmed, not
empty), the `Strict` base model (no unknown fields, frozen), field_name() and
explain() for pydantic errors.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Callable

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from .errors import ContentError

# Folded YAML (">-") keeps words on one line; strip stray spaces at the ends.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# libyaml's parser when PyYAML has it (it does on the usual wheels): same nodes and lines, faster.
_COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LineOf = Callable[[tuple], "int | None"]


def _duplicate(node: yaml.Node) -> tuple[str, int, int] | None:
    """The first key written twice in one block: (key, first line, second line), counted from 0."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in seen and key.value != "<<":
                        return key.value, seen[key.value], key.start_mark.line
                    seen[key.value] = key.start_mark.line
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def parse_yaml(text: str, file: str | Path, *, first_line: int = 1, what: str = "The YAML",
               construct: bool = True) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text once: (data, node). `first_line` is the file line the text starts on.

    With construct=False only the node tree is made (for mkdocs.yml, whose !ENV
    tags MkDocs resolves itself)."""
    try:
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        raise ContentError(file, f"{what} cannot be read ({problem})",
                           "Check the indentation and the quotes on this line and the one before it",
                           line=mark.line + first_line if mark else None) from None
    if node is None:
        return None, None
    duplicate = _duplicate(node)
    if duplicate:
        key, first, second = duplicate
        raise ContentError(file, f"'{key}' is written twice in the same block, on lines {first + first_line} "
                                 f"and {second + first_line}, and YAML would silently keep only the second",
                           "Keep one of them: merge the two, or delete the one you do not mean",
                           line=second + first_line)
    if not construct:
        return None, node
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node), node
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ContentError(file, f"{what} cannot be read ({getattr(err, 'problem', None) or err})",
                           "Check the value on this line", line=mark.line + first_line if mark else None) from None
    except ValueError:  # a date YAML recognises but the calendar has not: 2027-13-01
        bad = _impossible_date(node)
        raise ContentError(file, f"'{bad.value}' is not a real date" if bad else f"{what} has a value that cannot be read",
                           "Write the date as year-month-day, for example 2027-06-01",
                           line=bad.start_mark.line + first_line if bad else None) from None
    finally:
        loader.dispose()


def _impossible_date(node: yaml.Node) -> yaml.ScalarNode | None:
    """The first value that looks like a date to YAML but is not one (month 13, 30 February)."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode) and current.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(current)
            except ValueError:
                return current
        elif isinstance(current, yaml.MappingNode):
            stack += [value for _, value in current.value]
        elif isinstance(current, yaml.SequenceNode):
            stack += current.value
    return None


def line_finder(node: yaml.Node | None, first_line: int = 1) -> LineOf:
    """A function from a field path (as pydantic reports it) to the line it is on."""
    def line_of(loc: tuple) -> int | None:
        current, line = node, None
        for key in loc:
            if current is None:
                break
            line = current.start_mark.line + first_line
            if isinstance(current, yaml.MappingNode):
                current = next((v for k, v in current.value if k.value == key), None)
                if current is None:  # an unknown or missing key: point at its parent
                    break
            elif isinstance(current, yaml.SequenceNode) and isinstance(key, int):
                current = current.value[key] if key < len(current.value) else None
            else:
                break
        if current is not None:
            line = current.start_mark.line + first_line
        return line
    return line_of


def read_text(path: str | Path, shown_as: str | Path | None = None) -> str:
    path = Path(path)
    shown = shown_as or path
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(shown, "This data file is missing", "Restore it from the main branch") from None
    except UnicodeDecodeError as err:
        raise ContentError(shown, f"This file is not saved as UTF-8 text (byte {err.start})",
                           "Save it again as UTF-8 in your editor") from None


def load_yaml(path: str | Path, shown_as: str | Path | None = None) -> tuple[Any, LineOf]:
    """A data file's contents, and a function from a field path to its line."""
    shown = shown_as or path
    data, node = parse_yaml(read_text(path, shown), shown)
    return data, line_finder(node)


def check_config_file(path: str | Path, shown_as: str | Path | None = None) -> None:
    """Refuse a key written twice in mkdocs.yml (MkDocs' own loader keeps the second)."""
    shown = shown_as or path
    parse_yaml(read_text(path, shown), shown, construct=False)


def field_name(loc: tuple) -> str:
    """Count items from 1, as people do: "steps > item 4 > text"."""
    return " > ".join(f"item {p + 1}" if isinstance(p, int) else str(p) for p in loc) or "(top level)"


def explain(error: dict) -> tuple[str, str]:
    """Turn one pydantic error into words a contributor can act on: (problem, fix)."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "missing":
        return "this field is missing", "Add it"
    if kind == "extra_forbidden":
        return "this field is not part of the model", "Remove it, or check its spelling"
    if kind == "string_too_short":
        return "this text is empty", "Write the words in, or restore them from the main branch"
    if kind == "string_type":
        return "this should be text", "Write it as one line of text"
    if kind in ("too_short", "too_long"):
        return (f"expected exactly {ctx.get('min_length', ctx.get('max_length'))} items "
                f"but found {ctx.get('actual_length')}",
                "The model has five values and seven steps: add or remove items to match")
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}", "Use one of those words"
    if kind == "value_error" and "error" in ctx:
        return str(ctx["error"]), "Change the file so this no longer happens"
    return error["msg"].lower(), "Check the value against the examples in the file"


def more_problems(err: ValidationError) -> str:
    more = len(err.errors()) - 1
    return f". There {'is' if more == 1 else 'are'} {more} more problem{'s' if more > 1 else ''} after this one" \
        if more else ""


def validate(schema: type[BaseModel], data: Any, file: str | Path, line_of: LineOf,
             explain_one: Callable[[dict], tuple[str, str] | None] = lambda error: None) -> Any:
    """schema.model_validate(data), or a ContentError naming the file, line and field.

    `explain_one` may word a schema's own errors; it returns None for the usual words."""
    if not isinstance(data, dict):
        raise ContentError(file, "The file is empty or is not a list of fields", "Restore it from the main branch")
    try:
        return schema.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = tuple(first["loc"])
        problem, fix = explain_one(first) or explain(first)
        raise ContentError(file, f"Field '{field_name(loc)}': {problem}", fix + more_problems(err),
                           line=line_of(loc)) from None
