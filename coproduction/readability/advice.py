"""Advice that never fails a page: chopped text, and sentences repeated across pages.

A page can pass every limit by chopping its sentences short: "The trust trained
volunteers. The volunteers visited people. They asked questions." Read aloud,
that sounds like a list, and it drops the joining words ("so", "because") that
carry the meaning. So a page with CHOPPED_MIN_WORDS words or more of running
text whose sentences average fewer than CHOPPED_AVERAGE words gets advice to
join them. Running text is paragraphs and list items: headings and table cells
are short by nature, so they are not counted here (they are in the scores).

A sentence of REPEAT_MIN_WORDS words or more that appears on REPEAT_MIN_PAGES
pages or more is boilerplate: say it once, on the page it belongs to.

Both are advice for contributors, shown in the build log, the pull request and
readability.json; our own pages should have none.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

CHOPPED_MIN_WORDS = 100
CHOPPED_AVERAGE = 10
REPEAT_MIN_WORDS = 8
REPEAT_MIN_PAGES = 3

JOIN = "Join sentences whose ideas belong together, with and, but, so, because"


def chopped(scores) -> str | None:
    """Advice if the running text's sentences are chopped short, else None.
    `scores`: the Scores of the page's running text (no headings or table cells)."""
    if scores.words < CHOPPED_MIN_WORDS or scores.average_sentence_words >= CHOPPED_AVERAGE:
        return None
    average = f"{scores.average_sentence_words:.1f}".removesuffix(".0")
    return (f"Sentences are only {average} words long on average, so the page reads like a list. "
            f"{JOIN}. Aim for 12 to 18 words on average.")


@dataclass(frozen=True)
class Repeat:
    text: str
    places: tuple[tuple[str, int], ...]  # (file, line), one per page

    @property
    def message(self) -> str:
        return (f"This sentence is on {len(self.places)} pages: \"{self.text}\". "
                "Say it once, on the page it belongs to, and link to that page from the others.")

    def as_dict(self) -> dict:
        return {"text": self.text, "pages": [{"file": f, "line": n} for f, n in self.places]}


_PUNCTUATION = re.compile(r"[^\w\s]")


def _key(text: str) -> str:
    return " ".join(_PUNCTUATION.sub("", text.lower()).split())


def repeatable(counted) -> list[tuple[str, str, int]]:
    """(key, text, line) of a page's body sentences long enough to count as
    repeated: REPEAT_MIN_WORDS+. The key (lower case, no punctuation) is how
    repeated_sentences matches them; it is worked out here, once, when the page
    is scored, and kept with the page's cached result."""
    return [(_key(sentence.text), sentence.text, sentence.line) for sentence, counts in counted
            if counts.words >= REPEAT_MIN_WORDS and sentence.body]


def repeated_sentences(results) -> list[Repeat]:
    """Sentences of REPEAT_MIN_WORDS+ words on REPEAT_MIN_PAGES+ pages, from Results
    (their own words only: quoted material is left out, as it is by the gate)."""
    found: dict[str, dict[str, tuple[str, int]]] = {}
    for result in results:
        for key, text, line in result.repeatable:
            found.setdefault(key, {}).setdefault(result.file, (text, line))
    repeats = []
    for pages in found.values():
        if len(pages) >= REPEAT_MIN_PAGES:
            first = next(iter(pages.values()))[0]
            repeats.append(Repeat(first, tuple(sorted((file, line) for file, (_, line) in pages.items()))))
    return sorted(repeats, key=lambda r: (-len(r.places), r.text))


# Plainer words (data/jargon.yml): advice for every changed page, failing or not.
PLAINER_WORD = "Plainer word"


def jargon_message(hit) -> str:
    """One jargon hit in plain words: '"utilising": try "use"'."""
    when = f" ({hit.when})" if hit.when else ""
    return f"\"{hit.word}\"{when}: try \"{hit.plain}\""


def jargon_findings(file: str, hits) -> list:
    """The jargon Hits of one page as findings (findings.py): warnings, never errors."""
    from ..findings import Finding
    return [Finding(file, hit.line, "warning", jargon_message(hit), title=PLAINER_WORD) for hit in hits]


def jargon_text(file: str, hits) -> str:
    """The jargon advice for a page as the build log and `make check` print it ("" if none)."""
    if not hits:
        return ""
    lines = [f"{file}: words with a plainer choice (advice, not a reason to fail):"]
    lines += [f"  - line {hit.line}: {jargon_message(hit)}." for hit in hits]
    return "\n".join(lines)
