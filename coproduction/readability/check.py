"""Check one page (or any text) against the thresholds, and explain the result."""
from __future__ import annotations

import concurrent.futures
import functools
import gc
import hashlib
import heapq
import json
import multiprocessing
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import atomic
from ..errors import shorten
from ..markdown_source import Page, load_page
from . import advice as more_advice, scoring
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


@dataclass(frozen=True)
class Verdict:
    """One score against the limit that applies to it: the gate and the report both read this."""
    score: float
    limit: float  # the limit that applied (the short-page one on a short page)
    passed: bool
    short_page: bool = False  # True when the page was too short for the full limit

    def as_dict(self) -> dict:
        return {"score": self.score, "limit": self.limit, "passed": self.passed, "short_page": self.short_page}


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
    # Every scored sentence with its counts. Not kept in the disk cache: empty
    # for a result read back from it. What later steps need is kept instead:
    counted: list[tuple[Sentence, SentenceCounts]] = field(default_factory=list, repr=False)
    # (key, text, line) of the sentences that could be boilerplate across pages (advice.repeatable).
    repeatable: list[tuple[str, str, int]] = field(default_factory=list, repr=False)
    # By score: "flesch_reading_ease", "smog", "average_sentence_words" (empty for a page without words).
    verdicts: dict[str, Verdict] = field(default_factory=dict)

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
            "verdicts": {name: verdict.as_dict() for name, verdict in self.verdicts.items()},
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
                    quoted_sentences=len(sentences) - len(own), counted=counted,
                    repeatable=more_advice.repeatable(counted))
    # Hardest: lowest reading ease on its own. Short headings ("Slogans") score
    # low but are not what makes a page hard, so body sentences of 5+ words come
    # first, then other body sentences, then headings and titles.
    result.hardest = heapq.nsmallest(HARDEST_SHOWN, counted, key=lambda pair: (
        not pair[0].body, pair[1].words < HARDEST_MIN_WORDS, pair[1].flesch))
    result.long_sentences = [(s, c.words) for s, c in counted if c.words > thresholds.long_sentence_words]
    if scores.words < TOO_LITTLE_WORDS or not any(s.body for s in own):
        result.too_little_text = True
        where = ", all in headings" if scores.words and not any(s.body for s in own) else ""
        result.notes.append(f"There is too little text to score ({_words(scores.words)}{where}). "
                            "Scores mean something once a page has a sentence or two under its heading.")
        return result
    chopped = more_advice.chopped(Scores.of([c for s, c in counted if s.body and not s.cell]))
    if chopped and gated:
        result.suggestions.append(chopped)

    failing = result.problems if gated else result.notes

    def check(name: str, score: float, limit: float, short_limit: float, at_least: bool, size: int, minimum: int,
              unit: str, message: str) -> None:
        """Full limit on long pages; on short pages only the loose one (see rules.py)."""
        def misses(bound: float) -> bool:
            return score < bound if at_least else score > bound
        short = size < minimum
        applied = short_limit if short else limit
        result.verdicts[name] = Verdict(score, applied, not misses(applied), short)
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

    check("flesch_reading_ease", scores.flesch_reading_ease, thresholds.min_flesch_reading_ease,
          thresholds.short_page_min_flesch_reading_ease, True, scores.words, thresholds.flesch_min_words, "words",
          "Reading ease is {score}. It needs to be {limit} or more. Use shorter words and shorter sentences.")
    long_average = scores.average_sentence_words > thresholds.max_average_sentence_words
    result.verdicts["average_sentence_words"] = Verdict(scores.average_sentence_words,
                                                        thresholds.max_average_sentence_words, not long_average)
    if long_average:
        failing.append(f"Sentences are {number_text(round(scores.average_sentence_words, 1))} words long on average. "
                       f"They need to be {number_text(thresholds.max_average_sentence_words)} or fewer. "
                       "Split long sentences in two.")
    check("smog", scores.smog, thresholds.max_smog, thresholds.short_page_max_smog, False, scores.sentences,
          thresholds.smog_min_sentences, "sentences",
          "The SMOG grade is {score}. It needs to be {limit} or less. Use fewer words of three or more syllables.")
    # Plainer words are advice on every page, failing or not. Looking for them is the
    # slowest part of the check, so it is done here, where the result is cached and, on a
    # big site, worked out in other processes while MkDocs reads the pages.
    if jargon:
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
        lines += [f"  - line {s.line} ({_words(c.words)}): \"{shorten(s.text, 160)}\"" for s, c in result.hardest]
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


_H1 = re.compile(r"^#\s+([^{\n]+?)\s*#*\s*$", re.MULTILINE)


def page_title(source: "str | Page") -> str:
    """The page's title as MkDocs would show it: front matter, else the first heading."""
    page = source if isinstance(source, Page) else Page.from_text(source, "page")
    title = page.meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    match = _H1.search(page.body)
    return match.group(1).strip() if match else ""


CACHE_DIR = ".cache/readability"  # under the project folder; safe to delete
PARALLEL_FROM = 100  # pages to score before more processes pay for their start (measured: benchmarks/build_speed.py)
_worker_checker: "Checker | None" = None


def _check_in_worker(page: tuple[str | Path, str]) -> "Result":
    path, shown = page
    result = _worker_checker.check_page(load_page(path, shown))
    # Sent back without every sentence's counts, as a result read from the disk
    # cache is: nothing after the check needs them, and they were most of the pickle.
    result.counted = []
    return result


_CACHE_FILE = "results.json"


@functools.cache
def _code_version() -> bytes:
    """A hash of the code that makes a result: a change to it makes old results stale."""
    here = Path(__file__).resolve().parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(here.glob("*.py")) + sorted(here.glob("*.gz")) + [here.parent / "markdown_source.py"]:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.digest()


def _sentence_to(sentence: Sentence, counts: SentenceCounts) -> list:
    return [sentence.text, sentence.line, sentence.body, sentence.cell,
            counts.words, counts.syllables, counts.polysyllables]


def _sentence_from(item: list) -> tuple[Sentence, SentenceCounts]:
    text, line, body, cell, *counts = item
    return Sentence(text, line, body, cell), SentenceCounts(*counts)


def _result_from(data: dict) -> Result:
    """A Result from its cached form (the reverse of _result_to)."""
    override = data["override"]
    return Result(
        data["file"], Scores(**data["scores"]), Thresholds(**data["thresholds"]),
        override=Override(override["values"], override["reason"], override["line"]) if override else None,
        gated=data["gated"], problems=data["problems"], notes=data["notes"],
        hardest=[_sentence_from(item) for item in data["hardest"]],
        long_sentences=[(Sentence(text, line, body), words) for text, line, body, words in data["long_sentences"]],
        jargon=[Hit(**hit) for hit in data["jargon"]], links=[Link(u, n) for u, n in data["links"]],
        quoted_sentences=data["quoted_sentences"], title=data["title"],
        too_little_text=data["too_little_text"], suggestions=data["suggestions"],
        repeatable=[(key, text, line) for key, text, line in data["repeatable"]],
        verdicts={name: Verdict(**verdict) for name, verdict in data["verdicts"].items()})


def _result_to(result: Result) -> dict:
    return {
        "file": result.file, "scores": {k: getattr(result.scores, k) for k in ("sentences", "words", "syllables", "polysyllables")},
        "thresholds": result.thresholds.as_dict(),
        "override": {"values": result.override.values, "reason": result.override.reason,
                     "line": result.override.line} if result.override else None,
        "gated": result.gated, "problems": result.problems, "notes": result.notes,
        "hardest": [_sentence_to(s, c) for s, c in result.hardest],
        "long_sentences": [(s.text, s.line, s.body, n) for s, n in result.long_sentences],
        "jargon": [hit.as_dict() for hit in result.jargon], "links": [(link.url, link.line) for link in result.links],
        "quoted_sentences": result.quoted_sentences, "title": result.title,
        "too_little_text": result.too_little_text, "suggestions": result.suggestions,
        # The report looks for these across pages (advice.py).
        "repeatable": result.repeatable,
        "verdicts": {name: verdict.as_dict() for name, verdict in result.verdicts.items()},
    }


class Checker:
    """Checks pages with one set of rules. Results are kept by content (the
    page's text, the thresholds, the jargon list, the quoted texts and this
    code), in memory and, with cache_dir, in one JSON file on disk, so a
    rebuild only re-scores the pages that changed."""

    # Shared by every Checker in the process: MkDocs may make a new plugin on
    # each rebuild. One entry per file, so a long `mkdocs serve` does not grow it.
    _cache: dict[str, tuple[bytes, bytes, Result]] = {}  # file -> (digest, rules key, result)

    def __init__(self, thresholds: Thresholds = Thresholds(), jargon: Jargon | None = None,
                 quoted_texts: list[str] = (), rules_key: bytes | str = b"", cache_dir: str | Path | None = None):
        self.thresholds = thresholds
        self.jargon = jargon
        self.quoted = frozenset(_strip_quotes(s) for text in quoted_texts for s in sentences_of(text)
                                ) | frozenset(_strip_quotes(t) for t in quoted_texts)
        rules = rules_key.encode() if isinstance(rules_key, str) else rules_key
        self._key = hashlib.blake2b(
            _code_version() + repr(sorted(thresholds.as_dict().items())).encode() + b"\0" + rules + b"\0"
            + "\0".join(sorted(self.quoted)).encode(), digest_size=16).digest()
        self.cache_file = Path(cache_dir) / _CACHE_FILE if cache_dir else None
        self._stored: dict[str, dict] = {}  # from disk: file -> {"key": hex, "result": {...}}
        self._used: dict[str, dict] = {}
        if self.cache_file and self.cache_file.is_file():
            try:
                self._stored = json.loads(self.cache_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._stored = {}  # a damaged cache is only slower

    def _digest(self, file: str, source: str) -> bytes:
        return hashlib.blake2b(self._key + file.encode() + b"\0" + source.encode("utf-8"), digest_size=16).digest()

    def _cached(self, file: str, digest: bytes) -> Result | None:
        cached = self._cache.get(file)
        if cached and cached[0] == digest:
            result = cached[2]
        else:
            stored = self._stored.get(file)
            if not stored or stored.get("key") != digest.hex():
                return None
            try:
                result = _result_from(stored["result"])
            except (KeyError, TypeError, ValueError):
                return None
            self._cache[file] = (digest, self._key, result)
        if self.cache_file:
            self._used[file] = {"key": digest.hex(), "result": self._stored.get(file, {}).get("result")
                                or _result_to(result)}
        return result

    def check_page(self, page: Page) -> Result:
        file, source = page.shown, page.text
        digest = self._digest(file, source)
        result = self._cached(file, digest)
        if result is not None:
            return result
        override = read_override(page)
        extraction = extract(source)
        result = judge(file, extraction.sentences, self.thresholds, jargon=self.jargon,
                       override=override, links=extraction.links, quoted=self.quoted)
        result.title = page_title(page)
        self._remember(file, digest, result)
        return result

    def _remember(self, file: str, digest: bytes, result: Result) -> None:
        """Keep a fresh result: in memory, and to be saved in the disk cache."""
        self._cache[file] = (digest, self._key, result)
        if self.cache_file:
            self._used[file] = {"key": digest.hex(), "result": _result_to(result)}

    def jargon_advice(self, path: "str | Path | Page", shown_as: str | None = None) -> list[Hit]:
        """Words with a plainer choice on any page, failing or not: advice, never a failure.

        `path`: the page's file, or a Page. The model's words and the sayings are
        left out (they are quoted word for word, so nobody can change them)."""
        if self.jargon is None:
            return []
        page = path if isinstance(path, Page) else load_page(path, shown_as or str(path))
        own = [s for s in extract(page.text).sentences if _strip_quotes(s.text) not in self.quoted]
        return self.advice_in(self.jargon.find(own))

    def advice_in(self, hits: list[Hit]) -> list[Hit]:
        """The hits worth advice: a word the model itself uses ("Review and report back",
        "staff and citizens") is not ours to replace, as a page that talks about the model needs it."""
        return [hit for hit in hits if hit.plain not in self._model_uses]

    @functools.cached_property
    def _model_uses(self) -> frozenset[str]:
        """The jargon entries (by their plain choice) that the quoted words themselves use."""
        quoted = [sentence for text in sorted(self.quoted) for sentence in extract(text).sentences]
        return frozenset(hit.plain for hit in self.jargon.find(quoted))

    def check_source(self, source: str, file: str) -> Result:
        return self.check_page(Page.from_text(source, file))

    def _from_cache(self, path: str | Path, shown: str) -> tuple[Result | None, bytes | None]:
        # An unchanged page that passed before needs no parsing: its front matter was checked then.
        try:
            digest = self._digest(shown, Path(path).read_bytes().decode("utf-8"))
        except UnicodeDecodeError:
            return None, None  # load_page explains it
        return self._cached(shown, digest), digest

    def check_file(self, path: str | Path, shown_as: str | None = None) -> Result:
        shown = shown_as or str(path)
        result, _ = self._from_cache(path, shown)
        return result if result is not None else self.check_page(load_page(path, shown))

    def check_files(self, pages: list[tuple[str | Path, str]], workers: int | None = None) -> list[Result]:
        """check_file() for each (path, shown_as), in order. When many pages need scoring
        (a cold cache on a big site), they are scored in `workers` processes (default: one per CPU)."""
        workers = workers or len(os.sched_getaffinity(0))
        return self.start(pages, workers if workers > 1 else 0).results()

    def start(self, pages: list[tuple[str | Path, str]], workers: int) -> "Scoring":
        """check_files(), begun: when PARALLEL_FROM pages or more need scoring, `workers`
        other processes score them while the caller goes on (the build renders pages
        meanwhile). Scoring.results() waits for them; with fewer pages, or no workers,
        it scores them itself."""
        found = [self._from_cache(path, shown) for path, shown in pages]
        todo = [i for i, (result, digest) in enumerate(found) if result is None and digest is not None]
        if len(todo) < PARALLEL_FROM or workers < 1 or "fork" not in multiprocessing.get_all_start_methods():
            return Scoring(self, pages, found)
        global _worker_checker
        _worker_checker = self  # the forked workers inherit it: nothing big is pickled
        scoring.load()  # and what scoring needs, loaded once here
        # What the workers inherit (all of MkDocs' pages, in a build) is left out of
        # their garbage collections, as the gc module advises before a fork: else
        # each collection in a worker walks, and copies, the whole parent.
        gc.freeze()
        try:
            pool = concurrent.futures.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            # map() hands out every page now, so the workers are forked before this returns.
            scored = pool.map(_check_in_worker, [pages[i] for i in todo], chunksize=20)
        finally:
            gc.unfreeze()
            _worker_checker = None
        return Scoring(self, pages, found, pool, zip(todo, scored))

    def save_cache(self) -> None:
        """Keep the results of the pages checked since this Checker was made (only if any changed)."""
        if not self.cache_file or self._used == self._stored:
            return
        atomic.write_text(self.cache_file, json.dumps(self._used, ensure_ascii=False, separators=(",", ":")))
        self._stored = dict(self._used)

    def check_quoted(self, name: str, texts: list[str]) -> Result:
        """Quoted material: scored and reported, never failed. Cached like a page."""
        digest = self._digest(name, "\0".join(texts))
        result = self._cached(name, digest)
        if result is None:
            sentences = [Sentence(s, 0) for text in texts for s in sentences_of(text)]
            result = judge(name, sentences, self.thresholds, jargon=self.jargon, gated=False)
            self._remember(name, digest, result)
        return result


class Scoring:
    """Pages being checked (Checker.start): results() gives a Result for each, in order."""

    def __init__(self, checker: Checker, pages: list, found: list, pool=None, scored=None):
        self.checker, self.pages, self.found = checker, pages, found
        self._pool, self._scored = pool, scored

    @property
    def in_background(self) -> bool:
        """True while other processes are scoring pages."""
        return self._pool is not None

    def results(self) -> list[Result]:
        checker, found = self.checker, self.found
        if self._pool is not None:
            try:
                for i, result in self._scored:  # raises the first page's error, in page order
                    checker._remember(self.pages[i][1], found[i][1], result)
                    found[i] = (result, found[i][1])
            finally:
                self.cancel()
        return [result if result is not None else checker.check_page(load_page(path, shown))
                for (path, shown), (result, _) in zip(self.pages, found)]

    def cancel(self) -> None:
        """Stop the workers (the build failed elsewhere, say); pages not scored yet never are."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def check_text(text: str, thresholds: Thresholds | None = None, *, jargon: Jargon | None = None,
               name: str = "text") -> Result:
    """Check a piece of text (plain or Markdown), for example a statement in a data file.

    result.passed tells you if it meets the thresholds; result.advice says what to fix.
    """
    extraction = extract(text)
    return judge(name, extraction.sentences, thresholds or Thresholds(), jargon=jargon,
                 links=extraction.links)
