"""Read YAML strictly, keep the line of every value, and explain schema errors.

Every YAML file we read (data files, a page's front matter, mkdocs.yml) goes
through parse_yaml(): broken YAML, a key written twice in the same block and
any YAML anchor or alias (&name, *name) stop with the file and the line(s). YAML itself lets the second key
silently replace the first, which would publish words nobody reviewed.

    data, line_of = load_yaml("data/model.yml")   # line_of(("steps", "items", 3)) -> 57
    thing = validate(Schema, data, path, line_of)  # ContentError with file, line, fix

Also here, so each is written once: the `Text` field type (trimmed, not
empty), the `Strict` base model (no unknown fields, frozen), field_name() and
explain() for pydantic errors.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Callable

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from .errors import ContentError, ContentErrors
from .limits import MAX_YAML_DEPTH

# Folded YAML (">-") keeps words on one line; strip stray spaces at the ends.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
COLON_FIX = "Put the words in double quotes, like: \"Origins: where it began\""
# Quotes as a word processor types them. YAML reads only straight ones (" and ') as quotes, so a value
# that starts with a curly one runs on past it: a ': ' or ', ' inside it starts another field.
CURLY = "\u201c\u201d\u201e\u201f\u2018\u2019"
_STARTS_CURLY = re.compile(r"(?:^|[:,\[{-])[ \t]*[\u201c\u201d\u201e\u201f\u2018]")
CURLY_PROBLEM = ("the quotes on this line are curly ones (\u201c \u201d), as a word processor types them, "
                 "and YAML does not read those as quotes")
CURLY_FIX = "Type straight double quotes (\") in their place"


def curly_quotes_fix(line: str) -> str | None:
    """The fix for a YAML line whose key or value starts with a curly quote; None if none does."""
    if not _STARTS_CURLY.search(line.strip()):
        return None
    key, colon, value = line.strip().partition(": ")
    quoted = re.match("[\u201c\u201e\u201f]([^\u201d]*)\u201d(.*)", value.strip()) if colon else None
    if quoted and quoted[2].strip():
        # Only the start of the value is in quotes ("We said, we did": how to ...): straight quotes there would
        # end the value early, so the whole value goes in single quotes, its own quote marks kept as words.
        whole = value.strip().replace("'", "''")
        return f"Put the whole value in straight single quotes ('), like: {key}: '{whole}'"
    fixed = re.sub("[\u201c\u201d\u201e\u201f]", '"', line.strip())
    return f"{CURLY_FIX}: {fixed}" if fixed.count('"') % 2 == 0 else CURLY_FIX


# A name for a file or a source: small letters and digits, with a dash between words ("nhs-how-we-write").
NAME_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Name = Annotated[str, StringConstraints(pattern=NAME_PATTERN)]


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


def _merge_key(node: yaml.Node) -> yaml.Node | None:
    """The first '<<' key: YAML's way to copy the fields of another block into this one. With it,
    a field can be set where no line names it, so its line cannot be shown, nor checked as a key."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if key.tag == "tag:yaml.org,2002:merge":
                    return key
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def _refuse_anchors(text: str, file: str | Path, first_line: int, what: str) -> None:
    """No YAML anchors (&name) or aliases (*name): a few hundred bytes of them make
    a billion values ("billion laughs"), and our files never need them. And no
    nesting deeper than limits.MAX_YAML_DEPTH: libyaml's composer recurses, so
    `[[[[...` crashed or stalled the build. Read from the parser's events, in one
    pass, before any node is made."""
    depth = 0
    for event in yaml.parse(text, Loader=_COMPOSER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise ContentError(file, f"{what} is nested more than {MAX_YAML_DEPTH} levels deep",
                                   "Write it as a flat list or a few levels of fields, as in the other files",
                                   line=event.start_mark.line + first_line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.AliasEvent):
            mark = f"*{event.anchor}"
        elif getattr(event, "anchor", None):
            mark = f"&{event.anchor}"
        else:
            continue
        raise ContentError(file, f"{what} uses a YAML anchor or alias ('{mark[:40]}'), which repeats values. "
                                 "Anchors (&) and aliases (*) are not allowed",
                           "Write the value out in full each time it is needed. If the text starts with & or *, "
                           "put it in quotes", line=event.start_mark.line + first_line)


def _bad_date(node: yaml.Node) -> yaml.ScalarNode | None:
    """The first value that YAML reads as a date but is none (2027-13-40)."""
    stack = [node]
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.ScalarNode) and current.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(current)
            except (ValueError, OverflowError):
                return current
        elif isinstance(current, yaml.MappingNode):
            stack.extend(item for pair in current.value for item in pair)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return None


def parse_yaml(text: str, file: str | Path, *, first_line: int = 1, what: str = "The YAML",
               construct: bool = True) -> tuple[Any, yaml.Node | None]:
    """Parse YAML text once: (data, node). `first_line` is the file line the text starts on.

    With construct=False only the node tree is made (for mkdocs.yml, whose !ENV
    tags MkDocs resolves itself)."""
    try:
        _refuse_anchors(text, file, first_line, what)
        node = yaml.compose(text, Loader=_COMPOSER)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        problem = getattr(err, "problem", None) or str(err)
        line = mark.line + first_line if mark else None
        curly = curly_quotes_fix(text.split("\n")[mark.line]) if mark and mark.line < text.count("\n") + 1 else None
        if curly:
            raise ContentError(file, f"{what} cannot be read: {CURLY_PROBLEM}", curly, line=line) from None
        at = mark.index if mark is not None and getattr(mark, "index", None) is not None else -1
        if "'\\t'" in problem or "tab character" in problem or text[at:at + 1] == "\t":
            raise ContentError(file, f"{what} cannot be read: this line has a tab in it, and YAML reads only "
                               "spaces as indentation", "Replace the tab with spaces, as many as the lines around "
                               "it have", line=line) from None
        if problem.startswith("mapping values are not allowed"):
            raise ContentError(file, f"{what} cannot be read: this line has ': ' (a colon and a space) inside its "
                               "words, which YAML reads as the start of another field", COLON_FIX, line=line) from None
        raise ContentError(file, f"{what} cannot be read ({problem})",
                           "Check the indentation and the quotes on this line and the one before it",
                           line=line) from None
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
    merge = _merge_key(node)
    if merge is not None:
        raise ContentError(file, f"{what} has a '<<' key, which copies in fields from another block, where no "
                                 "line shows them", "Take out the '<<' line and write each field out on its own line",
                           line=merge.start_mark.line + first_line)
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node), node
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise ContentError(file, f"{what} cannot be read ({getattr(err, 'problem', None) or err})",
                           "Check the value on this line", line=mark.line + first_line if mark else None) from None
    except (ValueError, OverflowError):  # a date that is no date, such as 2027-13-40
        bad = _bad_date(node)
        raise ContentError(file, f"{what} has a date that does not exist ({bad.value[:40] if bad else '?'})",
                           "Write the date as YYYY-MM-DD, for example 2027-05-30",
                           line=bad.start_mark.line + first_line if bad else None) from None
    finally:
        loader.dispose()


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
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(shown, "This data file is missing", "Restore it from the main branch") from None
    try:
        return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it
    except UnicodeDecodeError as err:  # named at its line, as a page is (markdown_source.read_page)
        raise ContentError(shown, "This file is not saved as UTF-8 text, so some letters would show as nonsense",
                           "Open it in your editor and save it with the encoding 'UTF-8'",
                           line=raw[: err.start].count(b"\n") + 1) from None


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
    if kind == "string_type" and isinstance(error.get("input"), dict) and len(error["input"]) == 1:
        # "- We share: even bad news." is read as a field named "We share".
        return "these words have ': ' (a colon and a space) in them, which YAML reads as a field's name", COLON_FIX
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
    if kind == "string_pattern_mismatch" and ctx.get("pattern") == NAME_PATTERN:
        return ("this name may only have small letters and digits, with a dash between words",
                "Write it like nhs-how-we-write: no capitals, spaces or other marks")
    return error["msg"].lower(), "Check the value against the examples in the file"


def _misspelt(errors: list[dict]) -> tuple[dict, dict] | None:
    """A field that is missing and, in the same block, one the schema does not know: most likely
    the same field with its name mistyped ('txt' for 'text', or a space pasted after it)."""
    for missing in (e for e in errors if e["type"] == "missing"):
        for extra in (e for e in errors if e["type"] == "extra_forbidden"):
            if tuple(extra["loc"][:-1]) == tuple(missing["loc"][:-1]):
                return missing, extra
    return None


def more_problems(err: ValidationError, told: int = 1) -> str:
    more = len(err.errors()) - told
    return f". There {'is' if more == 1 else 'are'} {more} more problem{'s' if more > 1 else ''} after this one" \
        if more else ""


def _error(error: dict, file: str | Path, line_of: LineOf,
           explain_one: Callable[[dict], tuple[str, str] | None]) -> ContentError:
    """One of pydantic's errors, in plain words, at its line."""
    loc = tuple(error["loc"])
    given = error.get("input", "")
    # A curly quote let a ', ' or ': ' split the words: a key holds one, or the value starts with one.
    # A curly apostrophe inside words (the model’s) is only a letter.
    if (any(isinstance(part, str) and any(mark in part for mark in CURLY) for part in loc)
            or (isinstance(given, str) and _STARTS_CURLY.match(given.strip()))):
        problem, fix = CURLY_PROBLEM, CURLY_FIX
        loc = tuple(part for part in loc if not (isinstance(part, str) and any(m in part for m in CURLY)))
    else:
        problem, fix = explain_one(error) or explain(error)
    return ContentError(file, f"Field '{field_name(loc)}': {problem}", fix, line=line_of(loc))


def validate(schema: type[BaseModel], data: Any, file: str | Path, line_of: LineOf,
             explain_one: Callable[[dict], tuple[str, str] | None] = lambda error: None) -> Any:
    """schema.model_validate(data), or a ContentError naming the file, line and field.

    `explain_one` may word a schema's own errors; it returns None for the usual words."""
    if not isinstance(data, dict):
        raise ContentError(file, "The file is empty or is not a list of fields", "Restore it from the main branch")
    try:
        return schema.model_validate(data)
    except ValidationError as err:
        pair = _misspelt(err.errors())
        if pair:  # named at the mistyped key's own line, as one problem: the missing field is the same one
            (missing, extra), loc = pair, tuple(pair[1]["loc"])
            wanted, written = missing["loc"][-1], str(extra["loc"][-1])
            if written.strip(CURLY) == wanted:
                problem = (f"the name '{written[:40]}' has curly quotes around it, as a word processor types them, "
                           "and YAML does not read those as quotes")
                fix = f"Take them out, so that the name is {wanted}"
            elif " ".join(written.split()) == wanted:
                problem = (f"the name '{wanted}' has an invisible space before or after it (often a space "
                           "pasted from a word processor)")
                fix = f"Delete the name and type '{wanted}' again"
            else:
                problem, fix = f"'{written[:40]}' is not a field here", f"Did you mean '{wanted}'? Rename it"
            raise ContentError(file, f"Field '{field_name(loc)}': {problem}", fix + more_problems(err, 2),
                               line=line_of(loc)) from None
        # Every problem, each at its line, so a contributor can fix them all in one round.
        found: list[ContentError] = []
        for error in err.errors():
            one = _error(error, file, line_of, explain_one)
            if str(one) not in {str(seen) for seen in found}:
                found.append(one)
        raise (found[0] if len(found) == 1 else ContentErrors(found)) from None
