"""Every page's result, for the JSON report and the "How readable is this site?" page.

In the JSON, "jargon" is only filled in for pages that fail: it is advice for
fixing a page (see check.judge).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from .advice import Repeat, repeated_sentences
from .check import Result
from .rules import Thresholds

SCHEMA_VERSION = 1


def _at_most(pages, most: int, key) -> tuple[list[tuple[str, Result]], int]:
    pages = list(pages)
    chosen = pages if len(pages) <= most else sorted(pages, key=lambda item: key(item[1]))[:most]
    return sorted(chosen, key=lambda item: item[0]), len(pages) - len(chosen)


@dataclass
class Report:
    thresholds: Thresholds
    enabled: bool = True
    pages: dict[str, Result] = field(default_factory=dict)  # by path in docs/
    quoted: list[Result] = field(default_factory=list)
    rendered_links: dict[str, list[str]] = field(default_factory=dict)
    # Titles that only exist once macros have run (a heading like "# {{ step_title(5) }}").
    rendered_titles: dict[str, str] = field(default_factory=dict)
    # Each public page's review dates (coproduction/review_dates.py), by path in docs/.
    reviews: dict = field(default_factory=dict)

    def add_page(self, src_path: str, result: Result) -> None:
        self.pages[src_path] = result

    def add_rendered_title(self, src_path: str, title: str) -> None:
        self.rendered_titles[src_path] = title

    def title_of(self, src_path: str) -> str:
        """The page's title: from its source, else as rendered, else its path."""
        result = self.pages.get(src_path)
        return (result.title if result else "") or self.rendered_titles.get(src_path) or src_path

    def add_review(self, src_path: str, dates) -> None:
        """A page's ReviewDates (review_dates.read_review_dates), or None if it has none."""
        if dates is not None:
            self.reviews[src_path] = dates

    def reviews_due(self) -> list[tuple[str, object]]:
        """(page, ReviewDates) of the pages past their review date, the longest overdue first."""
        due = [(path, dates) for path, dates in self.reviews.items() if dates.overdue]
        return sorted(due, key=lambda item: (item[1].next_review, item[0]))

    def add_quoted(self, result: Result) -> None:
        self.quoted.append(result)

    def add_rendered_links(self, src_path: str, urls: list[str]) -> None:
        self.rendered_links[src_path] = urls

    def external_links(self, src_path: str) -> list[dict]:
        """Links in the source (with lines), then any that macros added (no line)."""
        result = self.pages.get(src_path)
        links = [{"url": link.url, "line": link.line} for link in (result.links if result else [])]
        seen = {link["url"] for link in links}
        for url in self.rendered_links.get(src_path, []):
            url = url.rstrip(".,;:!?")
            if url not in seen:
                seen.add(url)
                links.append({"url": url, "line": None})
        return links

    @property
    def repeats(self) -> list[Repeat]:
        """Sentences of 8+ words on 3+ pages (advice.py). Worked out once, after every page is added."""
        key = tuple(sorted((path, id(result)) for path, result in self.pages.items()))
        if getattr(self, "_repeats_key", None) != key:
            self._repeats_key, self._repeats = key, repeated_sentences(self.pages.values())
        return self._repeats

    def most_repeated(self, most: int) -> tuple[list[Repeat], int]:
        """The `most` sentences repeated on the most pages, and how many were left out."""
        return self.repeats[:most], max(0, len(self.repeats) - most)

    def hardest(self, most: int) -> tuple[list[tuple[str, Result]], int]:
        """The pages, by path, and how many were left out: every page when there
        are `most` or fewer, else the `most` hardest to read (failing pages
        first, then by reading ease)."""
        return _at_most(self.pages.items(), most, key=lambda r: (r.passed, r.scores.flesch_reading_ease))

    def chopped(self, most: int) -> tuple[list[tuple[str, Result]], int]:
        """Pages with sentences chopped short, as hardest(): the shortest sentences first."""
        pages = [(path, r) for path, r in self.pages.items() if r.suggestions]
        return _at_most(pages, most, key=lambda r: r.scores.average_sentence_words)

    @property
    def overrides(self) -> dict[str, Result]:
        return {path: r for path, r in sorted(self.pages.items()) if r.override}

    def to_json(self) -> str:
        pages = []
        for path, result in sorted(self.pages.items()):
            entry = result.as_dict()
            entry["page"] = path
            entry["title"] = self.title_of(path)
            entry["external_links"] = self.external_links(path)
            pages.append(entry)
        data = {
            "schema_version": SCHEMA_VERSION,
            "thresholds": self.thresholds.as_dict(),
            "pages": pages,
            "quoted_material": [r.as_dict() for r in self.quoted],
            "repeated_sentences": [r.as_dict() for r in self.repeats],
            "reviews_due": [{"page": path, "file": dates.file, "line": dates.line,
                             "next_review": dates.next_review.isoformat(), "advice": dates.advice}
                            for path, dates in self.reviews_due()],
        }
        # No indent: json then uses its fast C encoder, which matters on a 1000-page site.
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
