"""Check one page (or any text) against the thresholds, and explain the result."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..markdown_source import read_page
from . import advice as more_advice
from .extract import Link, Sentence, extract, sentences_of
from .jargon import Hit, Jargon
from .rules import Override, Thresholds, read_override
from .scoring import Scores, SentenceCounts, count

HARDEST_SHOWN = 3
HARDEST_MIN_WORDS = 5
# A page of only headings, or of fewer words than this, is not scored: its
# scores mean nothing ("# Origins" alone has reading ease -48).
TOO_LITTLE_WORDS = 5
HELP_PAGE = '"If a page cannot be plainer" in docs/about/readability.md'


def _strip_quotes(text: str) -> str:
    return " ".join(text.split()).strip("\"'\u201c\u201d\u2018\u2019")


@dataclass
class Result:
    file: str
    scores: Scores
    thresholds: Thresholds
    override: Override | None = None
    gated: bool = True  # False for quoted material: scored, never failed
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    hardest: list[tuple[Sentence, SentenceCounts]] = field(default_factory=list)
    long_sentences: list[tuple[Sentence, int]] = field(default_factory=list)
    jargon: list[Hit] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    quoted_sentences: int = 0
    title: str = ""
    too_little_text: bool = False
    suggestions: list[str] = field(default_factory=list)  # advice, never a failure (advice.py)
    counted: list[tuple[Sentence, SentenceCounts]] = field(default_factory=list, repr=False)

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def advice(self) -> str:
        return advice(self)

    def as_dict(self) -> dict:
        return {
            "file": self.file, "title": self.title, "gated": self.gated, "passed": self.passed,
            "scores": self.scores.as_dict(), "thresholds": self.thresholds.as_dict(),
            "override": self.override.as_dict() if self.override else None,
            "problems": self.problems, "notes": self.notes,
            "too_little_text": self.too_little_text, "advice": self.suggestions,
            "quoted_sentences_not_gated": self.quoted_sentences,
            "hardest_sentences": [{"line": s.line, "words": c.words, "text": s.text} for s, c in self.hardest],
            "long_sentences": [{"line": s.line, "words": n, "text": s.text} for s, n in self.long_sentences],
            "jargon": [hit.as_dict() for hit in self.jargon],
            "external_links": [{"url": link.url, "line": link.line} for link in self.links],
        }


def number_text(value: float) -> str:
    """A score or limit as people write it: 60, not 60.0; 11.3 stays 11.3."""
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def judge(file: str, sentences: list[Sentence], thresholds: Thresholds, *, jargon: Jargon | None = None,
          override: Override | None = None, gated: bool = True, links: list[Link] | None = None,
          quoted: frozenset[str] = frozenset()) -> Result:
    """Score the sentences; say which thresholds they miss."""
    own = [s for s in sentences if _strip_quotes(s.text) not in quoted] if quoted else sentences
    if override:
        relaxed = {**thresholds.as_dict(), **override.values}
        # A relaxed limit relaxes the short-page limit too, if that is stricter.
        relaxed["short_page_min_flesch_reading_ease"] = min(relaxed["short_page_min_flesch_reading_ease"],
                                                            relaxed["min_flesch_reading_ease"])
        relaxed["short_page_max_smog"] = max(relaxed["short_page_max_smog"], relaxed["max_smog"])
        thresholds = Thresholds(**relaxed)
    counted = [(s, count(s.text)) for s in own]
    scores = Scores.of([c for _, c in counted])
    result = Result(file, scores, thresholds, override, gated, links=links or [],
                    quoted_sentences=len(sentences) - len(own), counted=counted)
    # Hardest: lowest reading ease on its own. Short headings ("Slogans") score
    # low but are not what makes a page hard, so body sentences of 5+ words come
    # first, then other body sentences, then headings and titles.
    result.hardest = sorted(counted, key=lambda pair: (not pair[0].body, pair[1].words < HARDEST_MIN_WORDS,
                                                       pair[1].flesch))[:HARDEST_SHOWN]
    result.long_sentences = [(s, c.words) for s, c in counted if c.words > thresholds.long_sentence_words]
    if scores.words < TOO_LITTLE_WORDS or not any(s.body for s in own):
        result.too_little_text = True
        where = ", all in headings" if scores.words and not any(s.body for s in own) else ""
        result.notes.append(f"There is too little text to score ({_words(scores.words)}{where}). "
                            "Scores mean something once a page has a sentence or two under its heading.")
        return result
    chopped = more_advice.chopped(scores)
    if chopped and gated:
        result.suggestions.append(chopped)

    failing = result.problems if gated else result.notes

    def check(score: float, limit: float, short_limit: float, at_least: bool, size: int, minimum: int,
              unit: str, message: str) -> None:
        """Full limit on long pages; on short pages only the loose one (see rules.py)."""
        def misses(bound: float) -> bool:
            return score < bound if at_least else score > bound
        text = message.format(score=number_text(round(score, 1)), limit=number_text(limit))
        if size >= minimum:
            if misses(limit):
                failing.append(text)
        elif misses(short_limit):
            failing.append(message.format(score=number_text(round(score, 1)), limit=number_text(short_limit))
                           + f" (This is the limit for short pages, of fewer than {minimum} {unit}.)")
        elif misses(limit):
            result.notes.append(text.replace("It needs", "On a longer page it would need")
                                + f" Short pages (fewer than {minimum} {unit}) only need "
                                f"{number_text(short_limit)}, because one long word moves the score a lot.")

    check(scores.flesch_reading_ease, thresholds.min_flesch_reading_ease,
          thresholds.short_page_min_flesch_reading_ease, True, scores.words, thresholds.flesch_min_words, "words",
          "Reading ease is {score}. It needs to be {limit} or more. Use shorter words and shorter sentences.")
    if scores.average_sentence_words > thresholds.max_average_sentence_words:
        failing.append(f"Sentences are {number_text(round(scores.average_sentence_words, 1))} words long on average. "
                       f"They need to be {number_text(thresholds.max_average_sentence_words)} or fewer. "
                       "Split long sentences in two.")
    check(scores.smog, thresholds.max_smog, thresholds.short_page_max_smog, False, scores.sentences,
          thresholds.smog_min_sentences, "sentences",
          "The SMOG grade is {score}. It needs to be {limit} or less. Use fewer words of three or more syllables.")
    # Jargon is advice for fixing a page, so we only look for it on pages that
    # fail: searching every page for 60 words is the slowest part of the check.
    if jargon and result.problems:
        result.jargon = jargon.find(own)
    return result


def _words(number: int) -> str:
    return f"{number} word" if number == 1 else f"{number} words"


def advice(result: Result) -> str:
    """What a contributor needs to fix a page, in plain words."""
    if result.passed and result.too_little_text:
        return f"{result.file} has too little text to score ({_words(result.scores.words)}), so it passes."
    if result.passed and not result.long_sentences and not result.suggestions:
        return f"{result.file} is easy enough to read."
    if not result.passed:
        lines = [f"{result.file} is harder to read than our plain-English limits allow:"]
    elif result.long_sentences:
        lines = [f"{result.file} passes the readability check, but has long sentences:"]
    else:
        lines = [f"{result.file} passes the readability check, with advice:"]
    lines += [f"  - {problem}" for problem in result.problems]
    if not result.passed:
        lines.append("  The hardest sentences to read:")
        lines += [f"  - line {s.line} ({_words(c.words)}): \"{_shorten(s.text)}\"" for s, c in result.hardest]
    lines += [f"  Advice: {suggestion}" for suggestion in result.suggestions]
    if result.long_sentences:
        limit = result.thresholds.long_sentence_words
        where = ", ".join(f"line {s.line} ({_words(n)})" for s, n in result.long_sentences)
        lines.append(f"  Sentences over {limit} words: {where}. Split them, or make sure every word is plain.")
    if result.jargon and not result.passed:
        lines.append("  Words with a plainer choice:")
        for hit in result.jargon:
            when = f" ({hit.when})" if hit.when else ""
            lines.append(f"  - line {hit.line}: \"{hit.word}\"{when}: try \"{hit.plain}\".")
    if not result.passed:
        lines.append(f"  If this page really cannot be plainer, you can relax a limit and give a reason: see {HELP_PAGE}.")
    return "\n".join(lines)


def _shorten(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " ..."


_TITLE = re.compile(r"\A---\s*\n(?:.*\n)*?title:\s*[\"']?(.+?)[\"']?\s*\n(?:.*\n)*?(?:---|\.\.\.)\s*\n")
_H1 = re.compile(r"^#\s+([^{\n]+?)\s*#*\s*$", re.MULTILINE)


def page_title(source: str) -> str:
    """The page's title as MkDocs would show it: front matter, else the first heading."""
    match = _TITLE.match(source) or _H1.search(source)
    return match.group(1).strip() if match else ""


class Checker:
    """Checks pages with one set of rules. Results are kept by content, so a
    rebuild under `mkdocs serve` only re-scores the pages that changed."""

    # Shared by every Checker in the process: MkDocs may make a new plugin on
    # each rebuild. One entry per file, so a long `mkdocs serve` does not grow it.
    _cache: dict[str, tuple[bytes, tuple, Result]] = {}

    def __init__(self, thresholds: Thresholds = Thresholds(), jargon: Jargon | None = None,
                 quoted_texts: list[str] = (), rules_key: str = ""):
        self.thresholds = thresholds
        self.jargon = jargon
        self.quoted = frozenset(_strip_quotes(s) for text in quoted_texts for s in sentences_of(text)
                                ) | frozenset(_strip_quotes(t) for t in quoted_texts)
        self._key = (thresholds, rules_key, hash(self.quoted))

    def check_source(self, source: str, file: str) -> Result:
        digest = hashlib.blake2b(source.encode("utf-8"), digest_size=16).digest()
        cached = self._cache.get(file)
        if cached and cached[:2] == (digest, self._key):
            return cached[2]
        override = read_override(source, file)
        extraction = extract(source)
        result = judge(file, extraction.sentences, self.thresholds, jargon=self.jargon,
                       override=override, links=extraction.links, quoted=self.quoted)
        result.title = page_title(source)
        self._cache[file] = (digest, self._key, result)
        return result

    def check_file(self, path: str | Path, shown_as: str | None = None) -> Result:
        shown = shown_as or str(path)
        return self.check_source(read_page(path, shown), shown)

    def check_quoted(self, name: str, texts: list[str]) -> Result:
        """Quoted material: scored and reported, never failed."""
        sentences = [Sentence(s, 0) for text in texts for s in sentences_of(text)]
        return judge(name, sentences, self.thresholds, jargon=self.jargon, gated=False)


def check_text(text: str, thresholds: Thresholds | None = None, *, jargon: Jargon | None = None,
               name: str = "text") -> Result:
    """Check a piece of text (plain or Markdown), for example a statement in a data file.

    result.passed tells you if it meets the thresholds; result.advice says what to fix.
    """
    extraction = extract(text)
    return judge(name, extraction.sentences, thresholds or Thresholds(), jargon=jargon,
                 links=extraction.links)
