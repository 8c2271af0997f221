"""The thresholds a page must meet, and how one page may relax them.

Defaults and their sources (see the "How readable is this site?" page):
- Flesch reading ease 60 or more: 60-70 is "plain English" on Flesch's scale.
- SMOG 11 or less: NHS aims for a reading age of 9 to 11 and uses SMOG.
- 20 words or fewer in an average sentence: NHS content guide.
- Sentences over 25 words are listed (GOV.UK's limit), not gated: GOV.UK says
  to split them or, if you cannot, make sure they are plain.
- Short pages. Flesch scored samples of 100 words; McLaughlin built SMOG on
  samples of 30 sentences. On a short page one long word swings the score:
  "Accessibility statement. This page is coming soon." scores 34 for reading
  ease, "difficult". So the full limits apply to reading ease on pages of
  100 words or more, and to SMOG on pages of 10 sentences or more. Shorter
  pages fail only if they are very hard: reading ease under 30 ("very
  difficult", graduate level, on Flesch's scale) or SMOG over 14 (the score
  above which the NHS says to improve content first). The average sentence
  length is always checked.

A page relaxes a threshold in its front matter, always with a reason:

    readability:
      min_flesch_reading_ease: 50
      reason: Names of medical conditions, which readers need to see.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import yaml

from ..errors import ContentError
from ..markdown_source import Page


@dataclass(frozen=True)
class Thresholds:
    min_flesch_reading_ease: float = 60
    max_smog: float = 11
    max_average_sentence_words: float = 20
    long_sentence_words: int = 25
    flesch_min_words: int = 100
    smog_min_sentences: int = 10
    short_page_min_flesch_reading_ease: float = 30
    short_page_max_smog: float = 14

    as_dict = asdict


# Each threshold: a plain name for messages, and the range a value must be in.
LIMITS = {
    "min_flesch_reading_ease": (0, 100),
    "max_smog": (3, 30),
    "max_average_sentence_words": (5, 60),
    "long_sentence_words": (5, 100),
    "flesch_min_words": (1, 10000),
    "smog_min_sentences": (1, 1000),
    "short_page_min_flesch_reading_ease": (-100, 100),
    "short_page_max_smog": (3, 30),
}
OVERRIDABLE = ("min_flesch_reading_ease", "max_smog", "max_average_sentence_words", "long_sentence_words")


def check_threshold(name: str, value) -> str | None:
    """Why `value` is not a valid setting for `name`, or None if it is fine."""
    low, high = LIMITS[name]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"'{name}' must be a number, not {value!r}"
    if not low <= value <= high:
        return f"'{name}' must be between {low} and {high}, not {value}"
    return None


def thresholds_from(options: dict) -> Thresholds:
    """Thresholds from mkdocs.yml's readability options (unknown keys are ignored here)."""
    values = {f.name: options[f.name] for f in fields(Thresholds) if f.name in options}
    for name, value in values.items():
        problem = check_threshold(name, value)
        if problem:
            raise ValueError(problem)
    return replace(Thresholds(), **values)


@dataclass(frozen=True)
class Override:
    values: dict
    reason: str
    line: int

    def as_dict(self) -> dict:
        return {**self.values, "reason": self.reason, "line": self.line}


def read_override(source: "str | Page", file: str | Path = "") -> Override | None:
    """The page's `readability:` front matter, checked. Errors name the file and line.

    Takes a Page (markdown_source.load_page); text and a file name still work."""
    page = source if isinstance(source, Page) else Page.from_text(source, file)
    file = page.shown
    node = page.meta_node
    if "readability" not in page.meta or not isinstance(node, yaml.MappingNode):
        return None
    key, value = next((k, v) for k, v in node.value if k.value == "readability")
    line = key.start_mark.line + 2  # +1 for the opening ---, +1 to count from 1
    how = ("Write it like this: 'readability: {min_flesch_reading_ease: 50, reason: \"why this page needs it\"}'. "
           f"You can relax: {', '.join(OVERRIDABLE)}")
    if not isinstance(value, yaml.MappingNode):
        raise ContentError(file, "'readability' in the front matter must list the scores to relax and a reason", how, line=line)
    data = page.meta["readability"]
    for item_key, item_value in value.value:
        if item_key.value not in OVERRIDABLE + ("reason",):
            raise ContentError(file, f"'{item_key.value}' is not a readability score a page can relax", how,
                               line=item_key.start_mark.line + 2)
    reason = data.get("reason")
    if not isinstance(reason, str) or len(reason.split()) < 3:
        raise ContentError(file, "This page relaxes the readability check without a reason",
                           "Add 'reason:' with a sentence that says why this page cannot be plainer. "
                           "Or remove the 'readability:' lines and make the page easier to read", line=line)
    values = {k: v for k, v in data.items() if k != "reason"}
    if not values:
        raise ContentError(file, "'readability' in the front matter gives a reason but relaxes no score", how, line=line)
    for name, number in values.items():
        problem = check_threshold(name, number)
        if problem:
            item_line = next(k.start_mark.line + 2 for k, _ in value.value if k.value == name)
            raise ContentError(file, problem, "Use a number, for example 50", line=item_line)
    return Override(values, " ".join(reason.split()), line)
