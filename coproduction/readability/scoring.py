"""Readability scores for a list of sentences, counted with textstat.

textstat finds sentences with a simple rule: it splits at every ".", "!" or
"?" (so "e.g." makes two sentences) and drops "sentences" of one or two words
(so a heading "Step 1" vanishes but its words still count). Our pages are
Markdown, so extract.py finds the sentences and textstat does the rest: it
lists and counts the words and the syllables of each sentence. The three
formulas below are textstat's own, applied to those counts;
tests/test_readability_scoring.py checks they give textstat's answer on text
where both agree on the sentences.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from .textstat_offline import load_textstat, syllable_table

LANG = "en_US"  # textstat's default; its syllable rules are for US and UK English alike

# Flesch (1948), as in textstat's LANG_CONFIGS["en"].
FLESCH_BASE, FLESCH_PER_WORD, FLESCH_PER_SYLLABLE = 206.835, 1.015, 84.6
# textstat counts a word as "polysyllabic" (hard, for SMOG) at 3 syllables or more.
POLYSYLLABLE = 3

_syllables_of_word: dict[str, int] = {}  # kept for the whole process: vocabularies are small
_textstat = None


def _syllables(word: str) -> int:
    """Syllables in one word, as textstat's count_syllables works them out."""
    table = syllable_table()
    if word in table:  # the common case, without textstat's call overhead
        count = dict.__getitem__(table, word)
    else:  # textstat's fallback: pyphen's hyphenation points
        count = load_textstat().backend.counts.count_syllables(word, LANG)
    _syllables_of_word[word] = count
    return count


@dataclass(frozen=True)
class SentenceCounts:
    words: int
    syllables: int
    polysyllables: int

    @property
    def flesch(self) -> float:
        """Flesch reading ease of this sentence alone: how we rank the hardest sentences."""
        return flesch_reading_ease(self.words, 1, self.syllables)


def load() -> None:
    """Load what count() needs: textstat, our syllable table, and pyphen's
    dictionary for words not in the table. The checker calls this before it
    forks processes to score pages, so they share one copy instead of each
    loading their own (pyphen alone takes about 0.1 s)."""
    global _textstat
    _textstat = load_textstat()
    syllable_table()
    _textstat.backend.utils._get_pyphen.get_pyphen(LANG)


def count(sentence: str) -> SentenceCounts:
    if _textstat is None:
        load()
    words = _textstat.backend.selections.list_words(sentence, lowercase=True)
    known = _syllables_of_word
    syllables = [known[word] if word in known else _syllables(word) for word in words]
    return SentenceCounts(len(words), sum(syllables), sum(1 for s in syllables if s >= POLYSYLLABLE))


def flesch_reading_ease(words: int, sentences: int, syllables: int) -> float:
    if not words or not sentences:
        return 0.0
    return FLESCH_BASE - FLESCH_PER_WORD * words / sentences - FLESCH_PER_SYLLABLE * syllables / words


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    if not words or not sentences:
        return 0.0
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def smog(sentences: int, polysyllables: int) -> float:
    # McLaughlin (1969), with textstat's handling of fewer than 30 sentences.
    if not sentences:
        return 0.0
    return 1.043 * math.sqrt(30 * polysyllables / sentences) + 3.1291


@dataclass(frozen=True)
class Scores:
    sentences: int
    words: int
    syllables: int
    polysyllables: int

    @classmethod
    def of(cls, counts: list[SentenceCounts]) -> "Scores":
        return cls(len(counts), sum(c.words for c in counts), sum(c.syllables for c in counts),
                   sum(c.polysyllables for c in counts))

    @property
    def flesch_reading_ease(self) -> float:
        return flesch_reading_ease(self.words, self.sentences, self.syllables)

    @property
    def flesch_kincaid_grade(self) -> float:
        return flesch_kincaid_grade(self.words, self.sentences, self.syllables)

    @property
    def smog(self) -> float:
        return smog(self.sentences, self.polysyllables)

    @property
    def average_sentence_words(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    def as_dict(self) -> dict:
        return {"sentences": self.sentences, "words": self.words,
                "flesch_reading_ease": round(self.flesch_reading_ease, 1),
                "smog": round(self.smog, 1),
                "flesch_kincaid_grade": round(self.flesch_kincaid_grade, 1),
                "average_sentence_words": round(self.average_sentence_words, 1)}
