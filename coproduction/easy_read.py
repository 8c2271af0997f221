"""Our Easy Read version of the model, as checked data.

load_easy_read() reads data/easy-read.yml, checks it against the schema below
and then against the Easy Read rules, and returns an EasyRead. Any mistake stops
the build with the file, the line, the field and what to do.

The rules (sources on the Sources page: GOV.UK's accessible communication
formats, the Department of Health's Easy Read guidelines as given by Bromley):
- no sentence over 15 words (MAX_SENTENCE_WORDS);
- full words, not short forms in capitals such as "NHS" (ACRONYM);
- one idea a row: at most two sentences (the second may explain a hard word),
  and no semicolons or colons joining two ideas;
- every sentence ends with a full stop, question mark or exclamation mark.
"Active voice" and "one verb" need a person to judge; the data file says so.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from .datafile import Strict, Text, load_yaml, validate
from .errors import ContentError
from .model import STEPS_COUNT, VALUES_COUNT

MAX_SENTENCE_WORDS = 15
MAX_ROW_SENTENCES = 2
PICTURES = Path(__file__).resolve().parent.parent / "docs" / "assets" / "images" / "easy-read"
# Two or more capitals (digits allowed after the first): NHS, C4CC, ICS.
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
PictureName = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


class Row(Strict):
    text: Text
    picture: PictureName
    alt: Text

    @field_validator("picture")
    @classmethod
    def _picture_exists(cls, name: str) -> str:
        if not (PICTURES / f"{name}.svg").is_file():
            raise ValueError(f"there is no picture file docs/assets/images/easy-read/{name}.svg: "
                             "use the name of an svg file in that folder, without .svg")
        return name


class Section(Strict):
    heading: Text
    part: Literal["about", "definition", "values", "steps"]
    rows: list[Row] = Field(min_length=1)

    @model_validator(mode="after")
    def _one_row_per_item(self):
        wanted = {"values": VALUES_COUNT, "steps": STEPS_COUNT}.get(self.part)
        if wanted is not None and len(self.rows) != wanted:
            raise ValueError(f"the {self.part} section needs exactly {wanted} rows, one for each "
                             f"{self.part[:-1]} of the model, but has {len(self.rows)}")
        return self


class HardWord(Strict):
    word: Text
    meaning: Text


class EasyRead(Strict):
    title: Text
    version_date: dt.date
    label: Text
    sections: list[Section] = Field(min_length=1)
    hard_words: list[HardWord] = Field(min_length=1)

    def pictures(self) -> list[str]:
        """Every picture name used, once each, in order."""
        return list(dict.fromkeys(row.picture for section in self.sections for row in section.rows))

    def print_context(self) -> dict:
        """What the print kit's template needs besides `easy_read` (see print/easy-read.html)."""
        date = self.version_date
        return {"pictures": "../docs/assets/images/easy-read", "version_text": f"{date.day} {date:%B %Y}"}

    def fingerprint(self) -> bytes:
        """The data and every picture it uses: what changes the Easy Read PDF."""
        return self.to_json().encode() + b"".join(
            name.encode() + (PICTURES / f"{name}.svg").read_bytes() for name in self.pictures())

    def to_json_data(self) -> dict:
        return self.model_dump(mode="json")

    def to_json(self) -> str:
        return json.dumps(self.to_json_data(), indent=2, ensure_ascii=False) + "\n"


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text.strip()) if part]


def problems(text: str, kind: str) -> list[tuple[str, str]]:
    """What breaks the Easy Read rules in `text`, as (problem, fix) pairs.

    kind: "row" (one idea, full sentences), "sentences" (full sentences) or
    "label" (a heading or alt text: no full stop needed).
    """
    found = []
    parts = sentences(text)
    for sentence in parts:
        words = len(sentence.split())
        if words > MAX_SENTENCE_WORDS:
            found.append((f"this sentence has {words} words, over the Easy Read limit of "
                          f"{MAX_SENTENCE_WORDS}: '{sentence[:60]}'",
                          "Split it into two sentences, or take out words that are not needed"))
        if kind != "label" and not sentence.endswith((".", "!", "?")):
            found.append((f"this sentence does not end with a full stop: '{sentence[:60]}'",
                          "End each sentence with a full stop, question mark or exclamation mark"))
    for short in dict.fromkeys(ACRONYM.findall(text)):
        found.append((f"'{short}' is a short form in capital letters",
                      "Write the full words instead: Easy Read uses full words, not short forms"))
    if kind == "row" and (len(parts) > MAX_ROW_SENTENCES or re.search(r"[;:]", text)):
        found.append((f"this row has more than one idea ({len(parts)} sentences"
                      f"{', joined by a semicolon or colon' if re.search(r'[;:]', text) else ''})",
                      f"Give each idea its own row, with its own picture: at most {MAX_ROW_SENTENCES} "
                      "sentences a row, the second only to explain a hard word"))
    return found


def check_rules(easy: EasyRead) -> list[tuple[tuple, str, str]]:
    """Every rule broken, as (field path, problem, fix), in file order."""
    texts: list[tuple[tuple, str, str]] = [(("title",), easy.title, "label"),
                                           (("label",), easy.label, "sentences")]
    for s, section in enumerate(easy.sections):
        texts.append((("sections", s, "heading"), section.heading, "label"))
        for r, row in enumerate(section.rows):
            texts.append((("sections", s, "rows", r, "text"), row.text, "row"))
            texts.append((("sections", s, "rows", r, "alt"), row.alt, "label"))
    for h, hard in enumerate(easy.hard_words):
        texts.append((("hard_words", h, "word"), hard.word, "label"))
        texts.append((("hard_words", h, "meaning"), hard.meaning, "row"))
    return [(loc, problem, fix) for loc, text, kind in texts for problem, fix in problems(text, kind)]


def load_easy_read(path: str | Path, shown_as: str | Path | None = None) -> EasyRead:
    """data/easy-read.yml, checked against the schema and the Easy Read rules.
    `shown_as` is the path to name in messages."""
    data, line_of = load_yaml(path, shown_as)
    easy = validate(EasyRead, data, shown_as or path, line_of)
    broken = check_rules(easy)
    if broken:
        loc, problem, fix = broken[0]
        field = " > ".join(f"item {p + 1}" if isinstance(p, int) else str(p) for p in loc)
        if len(broken) > 1:
            fix += f". There {'is' if len(broken) == 2 else 'are'} {len(broken) - 1} more after this one"
        raise ContentError(shown_as or path, f"Field '{field}': {problem}", fix, line=line_of(loc))
    return easy
