"""The 'How readable is this site?' report page.

The coproduction plugin scores every page before any page is rendered and
hands its Report over as project.of(config).readability. These macros turn it into
Markdown tables. They only read the report: they never score anything.
"""
from __future__ import annotations

import html
import posixpath

from coproduction import project
from coproduction.readability.check import number_text

from .markdown_table import cell

# The most pages a table lists. A site of a few dozen pages lists every page; a
# bigger one lists the hardest and counts the rest, which readability.json has in
# full: a table of 1000 rows is more than a reader can use (and it was most of
# the check's cost on a 1000-page site: benchmarks/build_speed.py).
MOST_ROWS = 50
# The most pages listed for one sentence repeated across pages, for the same reason.
MOST_PLACES = 10

OFF = ("The readability check is switched off in this build, so there are no scores to show. "
       "It is on in every published build.")


def _cell(result, name: str, value: float, miss: str) -> str:
    """A score, marked as the gate judged it (check.Verdict): never judged again here."""
    text = number_text(round(value, 1))
    verdict = result.verdicts.get(name)
    if verdict is None or not result.gated:
        return text
    if not verdict.passed:
        return f"**{text}** ({miss})"
    return f"{text} (short page: limit {number_text(verdict.limit)})" if verdict.short_page else text


def _ease_cell(result) -> str:
    return _cell(result, "flesch_reading_ease", result.scores.flesch_reading_ease, "too low")


def _smog_cell(result) -> str:
    return _cell(result, "smog", result.scores.smog, "too high")


def _average_cell(result) -> str:
    return _cell(result, "average_sentence_words", result.scores.average_sentence_words, "too long")


def _outcome(result) -> str:
    if not result.gated:
        return "Quoted, not checked"
    if not result.passed:
        return "**Too hard to read**"
    return "Passes, with a relaxed limit" if result.override else "Passes"


def _more(count: int, noun: str) -> str:
    """What a table or a list leaves out: "1 more page", "4 more pages"."""
    return f"{count} more {noun}{'' if count == 1 else 's'}"


def _more_in_json(count: int, noun: str) -> str:
    """"1 more page is in readability.json", "4 more pages are ..."."""
    return f"{_more(count, noun)} {'is' if count == 1 else 'are'} in readability.json"


def _places(places) -> str:
    """Where a repeated sentence is: the first MOST_PLACES pages, then how many more."""
    listed = ", ".join(f"{cell(file.removeprefix('docs/'))} (line {line})" for file, line in places[:MOST_PLACES])
    more = len(places) - MOST_PLACES
    if more <= 0:
        return listed
    return f"{listed}, and {_more(more, 'page')} (readability.json lists them all)"


def _left_out(count: int, shown: str) -> str:
    """The sentences under a table that could not list every page."""
    if not count:
        return ""
    return (f"\n\nThis table shows {shown}. {_more_in_json(count, 'page')}, with every "
            "page's scores (see the end of this page).")


def register(env):
    def report():
        return project.of(env.conf).readability  # made by the coproduction plugin before any page

    register_advice(env, report)

    def here() -> str:
        return posixpath.dirname(env.page.file.src_path) if env.page else ""

    @env.macro
    def readability_threshold(name: str) -> str:
        """One threshold as set in mkdocs.yml, for the page's own text."""
        current = report()
        from coproduction.readability.rules import Thresholds
        return number_text(getattr(current.thresholds if current else Thresholds(), name))

    @env.macro
    def readability_table() -> str:
        current = report()
        if current is None or not current.enabled:
            return OFF
        rows = ["| Page | Words | Reading ease | SMOG | Average sentence (words) | Sentences over the limit | Result |",
                "|---|---|---|---|---|---|---|"]
        pages, left_out = current.hardest(MOST_ROWS)
        for path, result in pages:
            link = posixpath.relpath(path, here() or ".")
            rows.append(f"| [{cell(current.title_of(path))}]({link}) | {result.scores.words} | {_ease_cell(result)} "
                        f"| {_smog_cell(result)} | {_average_cell(result)} | {len(result.long_sentences)} "
                        f"| {_outcome(result)} |")
        return "\n".join(rows) + _left_out(left_out, f"the {MOST_ROWS} pages that are hardest to read")

    @env.macro
    def readability_overrides() -> str:
        current = report()
        if current is None or not current.enabled:
            return OFF
        if not current.overrides:
            return "No page relaxes a limit at the moment."
        rows = ["| Page | Relaxed limit | Reason |", "|---|---|---|"]
        for path, result in current.overrides.items():
            limits = ", ".join(f"{name.replace('_', ' ')}: {number_text(value)}" for name, value in result.override.values.items())
            link = posixpath.relpath(path, here() or ".")
            rows.append(f"| [{cell(current.title_of(path))}]({link}) | {cell(limits)} | {cell(result.override.reason)} |")
        return "\n".join(rows)

    @env.macro
    def readability_reviews_due() -> str:
        """The pages past their review date (review_dates.py), the longest overdue first."""
        current = report()
        if current is None:
            return OFF
        due = current.reviews_due()
        if not due:
            return "No page is past its review date at the moment."
        rows = ["| Page | Last reviewed | Review was due |", "|---|---|---|"]
        for path, dates in due:
            link = posixpath.relpath(path, here() or ".")
            rows.append(f"| [{cell(current.title_of(path))}]({link}) | {cell(dates.last_text)} | {cell(dates.next_text)} |")
        return "\n".join(rows)

    @env.macro
    def readability_quoted() -> str:
        current = report()
        if current is None or not current.enabled:
            return OFF
        rows = ["| Quoted words | Words | Reading ease | SMOG | Average sentence (words) |",
                "|---|---|---|---|---|"]
        for result in current.quoted:
            scores = result.scores
            rows.append(f"| {cell(result.file)} | {scores.words} | {number_text(round(scores.flesch_reading_ease, 1))} "
                        f"| {number_text(round(scores.smog, 1))} | {number_text(round(scores.average_sentence_words, 1))} |")
        return "\n".join(rows)


def register_advice(env, report) -> None:
    """The advice that never fails a page (coproduction/readability/advice.py):
    pages whose sentences are chopped short, and sentences repeated across pages."""

    def link(path: str, result) -> str:
        here = posixpath.dirname(env.page.file.src_path) if env.page else ""
        return f"[{cell(report().title_of(path))}]({posixpath.relpath(path, here or '.')})"

    @env.macro
    def readability_chopped() -> str:
        current = report()
        if current is None or not current.enabled:
            return OFF
        chopped, left_out = current.chopped(MOST_ROWS)
        if not chopped:
            return "No page has sentences that are chopped short."
        rows = ["| Page | Words | Average sentence (words) |", "|---|---|---|"]
        rows += [f"| {link(path, r)} | {r.scores.words} | {number_text(round(r.scores.average_sentence_words, 1))} |"
                 for path, r in chopped]
        return "\n".join(rows) + _left_out(left_out, f"the {MOST_ROWS} pages with the shortest sentences")

    @env.macro
    def readability_repeats() -> str:
        current = report()
        if current is None or not current.enabled:
            return OFF
        repeats, left_out = current.most_repeated(MOST_ROWS)
        if not repeats:
            return "No sentence of 8 words or more is on 3 pages or more."
        rows = ["| Sentence | Pages |", "|---|---|"]
        for repeat in repeats:
            rows.append(f"| {cell(html.escape(repeat.text))} | {_places(repeat.places)} |")  # page text: never HTML here
        if left_out:
            rows.append(f"\n{_more_in_json(left_out, 'sentence')}, which lists every repeated sentence.")
        return "\n".join(rows)
