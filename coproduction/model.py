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

from pydantic import Field, StringConstraints, computed_field

from .datafile import Strict, Text, load_yaml, validate
from .errors import ContentError

VALUES_COUNT = 5
STEPS_COUNT = 7
# The page that shows the whole model, every word of it from this data (Model.on_the_page):
# the build stops if the page does not show them as data/model.yml has them.
MODEL_PAGE = "model.md"

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

    def on_the_page(self) -> list[tuple[str, str, str]]:
        """Each piece of the model's wording that MODEL_PAGE shows, in reading order: what it is,
        its words, and what the page writes to show them from this data."""
        return ([("title", self.title, "{{ model.title }}"), ("subtitle", self.subtitle, "{{ model.subtitle }}"),
                 ("values' lead-in", self.values.lead_in.text, "{{ model.values.lead_in.text }}")]
                + [(f"value {n}", v.text, f"{{{{ value_text({n}) }}}}") for n, v in enumerate(self.values.items, 1)]
                + [("steps' lead-in", self.steps.lead_in.text, "{{ model.steps.lead_in.text }}")]
                + [(f"step {n}", s.text, f"{{{{ step_text({n}) }}}}") for n, s in enumerate(self.steps.items, 1)]
                + [("definition", self.definition.text, "{{ model.definition.text }}"),
                   ("credit", self.credit.text, "{{ model.credit.text }}"), ("reuse", self.reuse, "{{ model.reuse }}")])

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

    def whose_words(self, layout: bool = False, foot: bool = False) -> str:
        """What is C4CC's and what is ours, in one plain statement: for the PDFs
        (with `layout`, as the layout is ours too), for model.json, and short enough
        for the foot of every page of a PDF where the names are in bold (`foot`)."""
        if foot:
            return "Names in bold are this website's, not C4CC's. The words under them are the model's."
        if layout:  # on paper the names stand out on their own lines: no example needed
            return "The short names and the layout are this website's, not C4CC's. The words under each name are the model's own."
        return (f'The short names, such as "{self.short_names.values[0]}", and the Easy Read version '
                f"(easy_read) are this website's, not C4CC's. "
                f"The words of the definition, the values and the steps are the model's own.")

    def to_json(self) -> str:
        """The published model.json: stable key order, so builds are byte-identical.
        `whose_words` was added later (issue 31); the other keys are as they were."""
        data = self.model_dump(mode="json")
        data["whose_words"] = {"model_by": self.credit.organisation, "short_names_by": self.short_names.names_by,
                               "statement": self.whose_words(), "unverified": self.doubtful()}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


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


def words_missing_from_the_page(model: Model, page_words: str, shown: str) -> list[ContentError]:
    """A problem for each piece of the model's wording (Model.on_the_page) that MODEL_PAGE does not
    show as data/model.yml has it (`page_words`: its words, html_safety.words_of): typed into the
    page by hand and changed, or left out."""
    return [ContentError(
        shown, f"This page does not show the model's {name} as data/model.yml has it, so the page and the "
        "PDFs would say different things", f"Write {expression} where the {name} goes. To change the model's "
        "words, change them in data/model.yml, and every page and PDF follows")
        for name, words, expression in model.on_the_page() if " ".join(words.split()) not in page_words]
