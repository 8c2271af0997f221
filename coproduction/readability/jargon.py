"""Find words from data/jargon.yml in a page, with a plainer choice for each."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..datafile import Text, load_yaml, validate
from ..errors import ContentError
from .extract import Sentence


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    word: Text
    plain: Text
    source: list[Text] = Field(min_length=1)
    when: Text | None = None
    # Only jargon in this form: "progress" as a verb, not "our progress";
    # "setting" as a noun, not "cookies you're setting". See _right_form.
    form: Literal["verb", "noun"] | None = None


class JargonFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    sources: dict[str, Text]
    words: list[Entry] = Field(min_length=1)


@dataclass(frozen=True)
class Hit:
    word: str  # as written on the page
    plain: str
    when: str | None
    line: int

    def as_dict(self) -> dict:
        return {"word": self.word, "plain": self.plain, "when": self.when, "line": self.line}


def _pattern(word: str) -> str:
    """A phrase, with the usual endings on its last word (facilitates, facilitating)."""
    *first, last = word.lower().split()
    if last.endswith("e"):
        last = re.escape(last[:-1]) + r"(?:e|es|ed|ing|er|ers)"
    else:
        # "occurred", "committing": the last letter may double.
        last = re.escape(last) + rf"(?:s|es|d|ed|ing|{re.escape(last[-1])}ed|{re.escape(last[-1])}ing)?"
    return r"\s+".join([re.escape(w) for w in first] + [last])


# Words that come before a verb ("to progress", "we will impact", "people experience"),
# not before a noun ("our progress", "personal experience").
_BEFORE_A_VERB = {"to", "will", "would", "can", "could", "should", "must", "may", "might", "shall", "we", "you",
                  "they", "i", "people", "patients", "carers", "who", "also", "often", "not", "don't", "didn't",
                  "won't", "can't", "do", "does", "did", "and", "or", "help", "helps", "let", "lets", "really"}
# Before a noun, these mean the word is a verb: "you're setting", "we are setting".
_NOT_BEFORE_A_NOUN = {"i", "we", "you", "they", "he", "she", "it", "you're", "we're", "they're", "i'm", "he's",
                      "she's", "it's", "is", "are", "am", "was", "were", "be", "been", "being", "not", "will",
                      "would", "can", "could", "should", "must", "may", "might", "to"}
_WORD_BEFORE = re.compile(r"([\w\u2019']+)[^\w]*$")


def _right_form(entry: Entry, text: str, start: int) -> bool:
    """Whether the word at `start` is used in the entry's form, judged by the word before it.

    A rough rule, but it errs towards saying nothing: jargon advice is only advice."""
    if entry.form is None:
        return True
    before = _WORD_BEFORE.search(text[:start])
    previous = before.group(1).lower().replace("\u2019", "'") if before else ""
    if entry.form == "verb":
        return previous in _BEFORE_A_VERB
    return previous not in _NOT_BEFORE_A_NOUN


class Jargon:
    def __init__(self, entries: list[Entry], sources: dict[str, str] | None = None):
        self.entries = entries
        self.sources = sources or {}  # key -> where the advice comes from, as the file lists them
        self._by_group = {f"w{i}": entry for i, entry in enumerate(entries)}
        # Longest first, so "lived experience" wins over "experience".
        ordered = sorted(self._by_group.items(), key=lambda item: -len(item[1].word))
        self._regex = re.compile(r"(?<![\w-])(?:" + "|".join(f"(?P<{g}>{_pattern(e.word)})" for g, e in ordered)
                                 + r")(?![\w-])", re.IGNORECASE)

    def find(self, sentences: list[Sentence]) -> list[Hit]:
        """Each jargon word once, where it first appears."""
        seen, hits = set(), []
        for sentence in sentences:
            for match in self._regex.finditer(sentence.text):
                entry = self._by_group[match.lastgroup]
                if entry.word not in seen and _right_form(entry, sentence.text, match.start()):
                    seen.add(entry.word)
                    hits.append(Hit(match.group(0), entry.plain, entry.when, sentence.line_at(match.start())))
        return hits


_loaded: dict[str, tuple[bytes, Jargon]] = {}  # rebuilds under `mkdocs serve` reuse an unchanged list


def load_jargon(path: str | Path, shown_as: str | Path | None = None) -> Jargon:
    try:
        content = Path(path).read_bytes()
    except OSError:
        content = None
    cached = _loaded.get(str(path))
    if cached and cached[0] == content:
        return cached[1]
    jargon = _load(path, shown_as or path)
    _loaded[str(path)] = (content, jargon)
    return jargon


def _load(path: str | Path, shown: str | Path) -> Jargon:
    data, line_of = load_yaml(path, shown)
    checked = validate(JargonFile, data, shown, line_of, lambda error: (
        error["msg"].lower(), "Each entry needs 'word', 'plain' and 'source', like the others in the file"))
    for index, entry in enumerate(checked.words):
        unknown = [s for s in entry.source if s not in checked.sources]
        if unknown:
            raise ContentError(shown, f"The source '{unknown[0]}' of '{entry.word}' is not listed under 'sources'",
                               "Add it to 'sources' at the top of the file, or fix its spelling",
                               line=line_of(("words", index, "source")))
    return Jargon(checked.words, checked.sources)
