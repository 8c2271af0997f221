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
    # "setting" as a noun, not "cookies you're setting"; "key" as an adjective,
    # "a key issue", not "a source key". See _right_form.
    form: Literal["verb", "noun", "adjective"] | None = None


class JargonFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    sources: dict[str, Text]
    words: list[Entry] = Field(min_length=1)
    # Names and the words this site uses on purpose ("co-production", "lived
    # experience", "Citizens Advice"): never listed, even if a word in them is.
    not_jargon: list[Text] = Field(default_factory=list)


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


# Words that come before a verb ("to progress", "we will impact"), not before a noun.
_BEFORE_A_VERB = {"to", "will", "would", "can", "could", "should", "must", "may", "might", "shall", "we", "you",
                  "they", "i", "who", "don't", "didn't", "won't", "can't", "do", "does", "did", "help", "helps",
                  "let", "lets"}
# These come before a verb ("people experience pain", "we also progress") or a
# noun ("people experience of care"): the word after decides (_NOUN_NEXT).
_MAYBE_BEFORE_A_VERB = {"people", "patients", "carers", "also", "often", "not", "really"}
# After a noun, not after a verb: "experience of", "experience is", and the end of a sentence or clause.
_NOUN_NEXT = {"of", "in", "is", "was", "are", "were", "has", "had", "and", "or", "that", ""}
# Before a noun, these mean the word is a verb: "you're setting", "we are setting".
_NOT_BEFORE_A_NOUN = {"i", "we", "you", "they", "he", "she", "it", "you're", "we're", "they're", "i'm", "he's",
                      "she's", "it's", "is", "are", "am", "was", "were", "be", "been", "being", "not", "will",
                      "would", "can", "could", "should", "must", "may", "might", "to"}
# After a verb ending in -ing, not after a noun: "setting our limit", "setting out in writing".
_OBJECT_NEXT = {"our", "the", "a", "an", "your", "their", "its", "his", "her", "my", "this", "these", "those",
                "out", "up", "down", "off", "aside"}
# After a noun, not after an adjective that comes before one: "the key to", "cite it by key".
_NOT_AFTER_AN_ADJECTIVE = _NOUN_NEXT | _OBJECT_NEXT | {"to", "for", "by", "with", "on", "at", "from", "as"}
_WORD_BEFORE = re.compile(r"([\w\u2019']+)[^\w]*$")
_WORD_AFTER = re.compile(r"^[ \t\n]*([\w\u2019']*)")


def _word_before(text: str, start: int) -> tuple[str, int]:
    """The word before `start` in lower case, and where it starts ("" and -1 if none)."""
    before = _WORD_BEFORE.search(text[:start])
    if not before:
        return "", -1
    return before.group(1).lower().replace("\u2019", "'"), before.start(1)


def _is_verb(text: str, start: int, end: int) -> bool:
    """Whether the word from `start` to `end` is used as a verb, judged by the words around it.

    "and" or "or" joins two of a kind, so the word before the other one decides:
    "we listen and experience" (a verb), "the skills and experience" (a noun)."""
    previous, at = _word_before(text, start)
    if previous in ("and", "or") and at > 0:
        _, other = _word_before(text, at)
        previous, _ = _word_before(text, other) if other >= 0 else ("", -1)
    if previous in _BEFORE_A_VERB:
        return True
    if previous in _MAYBE_BEFORE_A_VERB:
        return _WORD_AFTER.match(text[end:]).group(1).lower() not in _NOUN_NEXT
    return False


def _right_form(entry: Entry, text: str, start: int, end: int) -> bool:
    """Whether the word at `start` is used in the entry's form, judged by the words around it.

    A rough rule, but it errs towards saying nothing: jargon advice is only advice."""
    if entry.form is None:
        return True
    if entry.form == "verb":
        return _is_verb(text, start, end)
    after = _WORD_AFTER.match(text[end:]).group(1).lower()
    if entry.form == "adjective":  # before the noun it describes, never plural or possessive: not "keys", "key's"
        return (not text[start:end].lower().endswith("s") and after not in _NOT_AFTER_AN_ADJECTIVE
                and not after.startswith(("'", "\u2019")))
    return _word_before(text, start)[0] not in _NOT_BEFORE_A_NOUN and after not in _OBJECT_NEXT


_CAPITALISED = re.compile(r"[A-Z][a-z]")
_SENTENCE_START = re.compile(r"^[^\w]*$")


def _in_a_name(text: str, start: int, end: int) -> bool:
    """Whether the words at `start` are part of a name, such as "Citizens Advice".

    A capital letter inside a sentence starts a name ("the Empowering Communities
    post"). At the start of a sentence every word has one, so there the word is a
    name only if the next word starts with a capital too ("Citizens Advice can
    help"), but not an abbreviation ("Utilising NHS money")."""
    if not _CAPITALISED.match(text[start:start + 2]):
        return False
    if not _SENTENCE_START.match(text[:start]):
        return True
    after = _WORD_AFTER.match(text[end:]).group(1)
    return bool(_CAPITALISED.match(after))


class Jargon:
    def __init__(self, entries: list[Entry], sources: dict[str, str] | None = None, not_jargon: list[str] = ()):
        self.entries = entries
        self.not_jargon = list(not_jargon)
        self._not_jargon = re.compile(r"(?<![\w-])(?:" + "|".join(
            r"\s+".join(re.escape(w) for w in phrase.split()) for phrase in self.not_jargon) + r")(?![\w-])",
            re.IGNORECASE) if self.not_jargon else None
        self.sources = sources or {}  # key -> where the advice comes from, as the file lists them
        self._by_group = {f"w{i}": entry for i, entry in enumerate(entries)}
        # Longest first, so "lived experience" wins over "experience"; and the entries by their first
        # letter, each letter tried once, so a word is tried against a few entries, not all of them:
        # five times faster, and the most time a page's scoring spent on one thing.
        by_letter: dict[str, list[str]] = {}
        for group, entry in sorted(self._by_group.items(), key=lambda item: -len(item[1].word)):
            by_letter.setdefault(entry.word[0].lower(), []).append(f"(?P<{group}>{_pattern(entry.word)})")
        self._regex = re.compile(r"(?<![\w-])(?:" + "|".join(
            f"(?={re.escape(letter)})(?:{'|'.join(entries)})" for letter, entries in by_letter.items())
            + r")(?![\w-])", re.IGNORECASE)

    def find(self, sentences: list[Sentence]) -> list[Hit]:
        """Each jargon word once, where it first appears."""
        seen, hits = set(), []
        for sentence in sentences:
            text, kept = sentence.text, None
            for match in self._regex.finditer(text):
                if kept is None:  # only for a sentence with jargon in it: most have none
                    kept = [m.span() for m in self._not_jargon.finditer(text)] if self._not_jargon else []
                entry = self._by_group[match.lastgroup]
                start, end = match.span()
                if (entry.word in seen or any(a < end and start < b for a, b in kept)
                        or _in_a_name(text, start, end) or _names_the_heading(sentence, match)
                        or _in_quotes(text, start, end)):
                    continue
                if _right_form(entry, text, start, end):
                    seen.add(entry.word)
                    hits.append(Hit(match.group(0), entry.plain, entry.when, sentence.line_at(match.start())))
        return hits


_QUOTES = "\"'\u201c\u201d\u2018\u2019"


def _in_quotes(text: str, start: int, end: int) -> bool:
    """A word in quotation marks is talked about, not used: say "use" rather than "utilise". Words
    inside double quotation marks are someone else's, such as a title ("... in order to work"):
    not ours to change. (Not inside single ones: the same mark is an apostrophe.)"""
    if start > 0 and end < len(text) and text[start - 1] in _QUOTES and text[end] in _QUOTES:
        return True
    before, after = text[:start], text[end:]
    if before.count('"') % 2 and '"' in after:
        return True
    return before.rfind("\u201c") > before.rfind("\u201d") and "\u201d" in after


def _names_the_heading(sentence: Sentence, match: re.Match) -> bool:
    """A heading that is only the word: a glossary entry that explains it ("## Stakeholder")."""
    return not sentence.body and sentence.text.strip(" .:").lower() == match.group(0).lower()


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


def _explain(error: dict) -> tuple[str, str]:
    """The words for a mistake in data/jargon.yml: most often an entry added at the end of the
    file, under not_jargon, where only words and names go."""
    if error["loc"][0] == "not_jargon" and isinstance(error.get("input"), dict):
        return ("this entry is in the not_jargon list at the end of the file, which holds only words and names, "
                "one a line, like '- co-production'", "Move the entry up into the 'words:' list, with the other "
                "entries that have 'word', 'plain' and 'source'")
    return error["msg"].lower(), "Each entry needs 'word', 'plain' and 'source', like the others in the file"


def _load(path: str | Path, shown: str | Path) -> Jargon:
    data, line_of = load_yaml(path, shown)
    checked = validate(JargonFile, data, shown, line_of, _explain)
    first: dict[str, int] = {}
    for index, entry in enumerate(checked.words):
        word, line = " ".join(entry.word.lower().split()), line_of(("words", index))
        if word in first:  # only one of the two would ever be listed
            raise ContentError(shown, f"The word '{entry.word}' has two entries, on lines {first[word]} and {line}. "
                               "The build would only ever use one of them",
                               "Keep one entry: merge the two, or delete the one you do not mean", line=line)
        first[word] = line
    for index, entry in enumerate(checked.words):
        unknown = [s for s in entry.source if s not in checked.sources]
        if unknown:
            raise ContentError(shown, f"The source '{unknown[0]}' of '{entry.word}' is not listed under 'sources'",
                               "Add it to 'sources' at the top of the file, or fix its spelling",
                               line=line_of(("words", index, "source")))
    return Jargon(checked.words, checked.sources, checked.not_jargon)
