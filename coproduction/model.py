"""The Co-production Model as checked data.

load_model() reads data/model.yml, checks it against the schema below and
returns a Model. Any mistake (broken YAML, a missing or unknown field, an empty
string, four values instead of five) stops the build with the file, the line,
the field and what was expected.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, computed_field

from .datafile import load_yaml
from .errors import ContentError

VALUES_COUNT = 5
STEPS_COUNT = 7

# Folded YAML (">-") keeps words on one line; strip stray spaces at the ends.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# Doubt travels with the words: every renderer (model page, values page, guides,
# self-assessment, PDF, model.json) shows DOUBT_MARK and a note beside any item
# whose status is not "verified". Set the status to "verified" and they all go.
DOUBT_MARK = "*"
DOUBT_NOTE = ("These words come from an adapted copy of the model. "
              "We could not check them against C4CC's original.")


class Quoted(Strict):
    """Words quoted from the model, with where they were seen."""
    text: Text
    status: Literal["verified", "partly"]
    source: Text
    url: Text | None = None

    @computed_field
    @property
    def doubt_note(self) -> str | None:
        """A short note for readers when the words are not verified; None when they are."""
        return None if self.status == "verified" else DOUBT_NOTE


class Credit(Strict):
    organisation: Text
    host: Text
    text: Text
    url: Text


class Section(Strict):
    heading: Text
    lead_in: Quoted
    items: list[Quoted]


class Values(Section):
    items: list[Quoted] = Field(min_length=VALUES_COUNT, max_length=VALUES_COUNT)


class Steps(Section):
    items: list[Quoted] = Field(min_length=STEPS_COUNT, max_length=STEPS_COUNT)


# Our short name for a value or step: a few words, OURS, not C4CC's.
ShortName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]


class ShortNames(Strict):
    """This project's own names for the values and steps (not part of C4CC's model)."""
    names_by: Literal["this project"]
    note: Text
    values: list[ShortName] = Field(min_length=VALUES_COUNT, max_length=VALUES_COUNT)
    steps: list[ShortName] = Field(min_length=STEPS_COUNT, max_length=STEPS_COUNT)


class Model(Strict):
    title: Text
    subtitle: Text
    version_date: dt.date
    credit: Credit
    reuse: Text
    definition: Quoted
    values: Values
    steps: Steps
    short_names: ShortNames

    def item_title(self, kind: str, number: int) -> str:
        """'Value 1: Everyone owns it' or 'Step 1: Recruit openly and fairly': the one way we name an item."""
        names = self.short_names.values if kind == "value" else self.short_names.steps
        return f"{kind.capitalize()} {number}: {names[number - 1]}"

    def quoted_texts(self) -> list[str]:
        """Every piece of the model's own wording, in reading order."""
        return ([self.title, self.subtitle, self.definition.text, self.values.lead_in.text]
                + [v.text for v in self.values.items]
                + [self.steps.lead_in.text] + [s.text for s in self.steps.items])

    def doubtful(self) -> list[str]:
        """Names of the items whose words are not verified, e.g. ["value 3", "value 4"]."""
        named = ([("the definition", self.definition), ("the values' lead-in", self.values.lead_in),
                  ("the steps' lead-in", self.steps.lead_in)]
                 + [(f"value {n}", v) for n, v in enumerate(self.values.items, 1)]
                 + [(f"step {n}", s) for n, s in enumerate(self.steps.items, 1)])
        return [name for name, item in named if item.doubt_note]

    @computed_field
    @property
    def doubt_summary(self) -> str | None:
        """One sentence for the foot of a page or the PDF, or None when every item is verified."""
        names = self.doubtful()
        if not names:
            return None

        def join(words: list[str]) -> str:
            return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]

        parts = []
        for kind in ("value", "step"):
            numbers = [n.split()[1] for n in names if n.startswith(kind + " ")]
            if numbers:
                parts.append(f"{kind}{'s' if len(numbers) > 1 else ''} {join(numbers)}")
        parts += [n for n in names if not n.startswith(("value ", "step "))]
        listed = join(parts)
        # Short enough for one line at the foot of the A4 print.
        return f"{DOUBT_MARK} {listed[0].upper()}{listed[1:]}: words from an adapted copy, not checked against C4CC's original."

    def word_count(self) -> int:
        return sum(len(text.split()) for text in self.quoted_texts())

    def to_json(self) -> str:
        """The published model.json: stable key order, so builds are byte-identical."""
        return json.dumps(self.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


class Slogans(Strict):
    credit: Text
    source: Text
    items: list[Text] = Field(min_length=1)


class Saying(Strict):
    text: Text
    credit: Text
    source: Text


class Attributed(Strict):
    text: Text
    credit: Text
    source: Text


class Quotes(Strict):
    slogans: Slogans
    sayings: list[Saying]
    scie_definition: Attributed

    def quoted_texts(self) -> list[str]:
        return self.slogans.items + [s.text for s in self.sayings] + [self.scie_definition.text]


def _explain(error: dict) -> str:
    """Turn one pydantic error into words a contributor can act on."""
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "missing":
        return "this field is missing", "Add it"
    if kind == "extra_forbidden":
        return "this field is not part of the model", "Remove it, or check its spelling"
    if kind == "string_too_short":
        return "this text is empty", "Write the words in, or restore them from the main branch"
    if kind == "too_short" or kind == "too_long":
        return (f"expected exactly {ctx.get('min_length', ctx.get('max_length'))} items "
                f"but found {ctx.get('actual_length')}",
                "The model has five values and seven steps: add or remove items to match")
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}", "Use one of those words"
    return error["msg"].lower(), "Check the value against the examples in the file"


def _validate(path: Path, schema: type[Strict]) -> Strict:
    data, line_of = load_yaml(path)
    if not isinstance(data, dict):
        raise ContentError(path, "The file is empty or is not a list of fields",
                           "Restore it from the main branch")
    try:
        return schema.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        loc = first["loc"]
        # Count items from 1, as people do: "steps > item 4 > text".
        field = " > ".join(f"item {p + 1}" if isinstance(p, int) else str(p) for p in loc) or "(top level)"
        problem, fix = _explain(first)
        more = len(err.errors()) - 1
        if more:
            fix += f". There {'is' if more == 1 else 'are'} {more} more problem{'s' if more > 1 else ''} after this one"
        raise ContentError(path, f"Field '{field}': {problem}", fix, line=line_of(loc)) from None


def load_model(path: str | Path) -> Model:
    return _validate(Path(path), Model)


def load_quotes(path: str | Path) -> Quotes:
    return _validate(Path(path), Quotes)
