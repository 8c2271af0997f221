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
from typing import Literal

from pydantic import Field

from .datafile import Strict, Text, load_yaml, validate

VALUES_COUNT = 5
STEPS_COUNT = 7

class Quoted(Strict):
    """Words quoted from the model, with where they were seen."""
    text: Text
    status: Literal["verified", "partly"]
    source: Text
    url: Text | None = None


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


class Model(Strict):
    title: Text
    subtitle: Text
    version_date: dt.date
    credit: Credit
    reuse: Text
    definition: Quoted
    values: Values
    steps: Steps

    def quoted_texts(self) -> list[str]:
        """Every piece of the model's own wording, in reading order."""
        return ([self.title, self.subtitle, self.definition.text, self.values.lead_in.text]
                + [v.text for v in self.values.items]
                + [self.steps.lead_in.text] + [s.text for s in self.steps.items])

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


def load_model(path: str | Path, shown_as: str | Path | None = None) -> Model:
    """data/model.yml, checked. `shown_as` is the path to name in messages."""
    data, line_of = load_yaml(path, shown_as)
    return validate(Model, data, shown_as or path, line_of)


def load_quotes(path: str | Path, shown_as: str | Path | None = None) -> Quotes:
    data, line_of = load_yaml(path, shown_as)
    return validate(Quotes, data, shown_as or path, line_of)
