"""The core content pages: sources for every fact, and quoted words that match the data.

Checked on the real built site (the session's `built_site`), so what is tested
is what a reader gets: Markdown, macros and theme together.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
# The data files read with PyYAML alone: what a page must quote, without the loaders under test.
MODEL = yaml.safe_load((ROOT / "data" / "model.yml").read_text(encoding="utf-8"))
QUOTES = yaml.safe_load((ROOT / "data" / "quotes.yml").read_text(encoding="utf-8"))

# The pages of the content issue that must each cite at least one outside
# source. Home only points to other pages, so it has none of its own.
SOURCED_PAGES = [
    "what-is-co-production/index.md",
    "what-is-co-production/values.md",
    "what-is-co-production/glossary.md",
    "model.md",
    "slogans.md",
    "origins.md",
    "sources.md",
    "accessibility.md",
]

# Our own home on GitHub (edit buttons, "open an issue") is not a source.
OWN_HOSTS = {"coproduction-model.github.io"}
OWN_PREFIX = "https://github.com/coproduction-model/"


class Article(HTMLParser):
    """What a reader sees in a page's main text: links, headings, quotes, table rows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: list[str] = []          # ids of headings, in order
        self.quotes: list[tuple[str, str]] = []  # (quoted words, credit), in order
        self.rows: list[list[str]] = []   # table body rows: the hrefs in each
        self.sequence: list[tuple[str, str]] = []  # ("heading", id) / ("quote", words)
        self._depth = 0                   # >0 inside <article>
        self._quote: list[str] | None = None
        self._cite: list[str] | None = None
        self._first_paragraph_done = False
        self._in_paragraph = False
        self._row: list[str] | None = None
        self._in_tbody = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._depth += 1
        if not self._depth:
            return
        classes = (attrs.get("class") or "").split()
        if tag == "a" and "headerlink" not in classes and "md-content__button" not in classes:
            self.links.append(attrs.get("href") or "")
            if self._row is not None:
                self._row.append(attrs.get("href") or "")
        elif re.fullmatch(r"h[1-6]", tag) and attrs.get("id"):
            self.ids.append(attrs["id"])
            self.sequence.append(("heading", attrs["id"]))
        elif tag == "blockquote" and "model-quote" in classes:
            self._quote, self._cite, self._first_paragraph_done = [], [], False
        elif tag == "p" and self._quote is not None and not self._first_paragraph_done:
            self._in_paragraph = True
        elif tag == "cite" and self._quote is not None:
            self._cite = []
        elif tag == "tbody":
            self._in_tbody = True
        elif tag == "tr" and self._in_tbody:
            self._row = []

    def handle_endtag(self, tag):
        if tag == "article":
            self._depth -= 1
        elif tag == "p" and self._in_paragraph:
            self._in_paragraph, self._first_paragraph_done = False, True
        elif tag == "blockquote" and self._quote is not None:
            words = plain("".join(self._quote))
            self.quotes.append((words, plain("".join(self._cite or []))))
            self.sequence.append(("quote", words))
            self._quote = None
        elif tag == "tbody":
            self._in_tbody = False
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in_paragraph and self._quote is not None:
            self._quote.append(data)
        elif self._quote is not None and self._cite is not None and self._first_paragraph_done:
            self._cite.append(data)

    def external_links(self) -> list[str]:
        return [h for h in self.links
                if urlsplit(h).scheme in ("http", "https")
                and urlsplit(h).hostname not in OWN_HOSTS and not h.startswith(OWN_PREFIX)]


def plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


def read(site: Path, source: str) -> Article:
    built = source[:-len(".md")]
    built = built[:-len("index")] if built.endswith("index") else built + "/"
    article = Article()
    article.feed((site / built / "index.html").read_text(encoding="utf-8"))
    return article


@pytest.mark.parametrize("source", SOURCED_PAGES)
def test_page_links_at_least_one_outside_source(built_site, source):
    assert read(built_site, source).external_links(), f"{source} cites no outside source"


def test_every_outside_link_on_origins_is_listed_on_sources(built_site):
    origins = set(read(built_site, "origins.md").external_links())
    listed = set(read(built_site, "sources.md").external_links())
    assert origins, "the Origins page has no source links at all"
    assert sorted(origins - listed) == []


def test_every_dated_row_of_the_origins_timeline_has_a_source(built_site):
    rows = read(built_site, "origins.md").rows
    assert len(rows) >= 15, "the timeline table is missing or nearly empty"
    # A row cites an outside source, or (for sources with no web address) the Sources page.
    unsourced = [i for i, hrefs in enumerate(rows, start=1)
                 if not [h for h in hrefs if h.startswith(("http://", "https://", "../sources/"))]]
    assert unsourced == [], f"timeline rows without a source link: {unsourced}"


def test_what_is_page_quotes_both_definitions_and_the_saying_from_the_data(built_site):
    quoted = dict(read(built_site, "what-is-co-production/index.md").quotes)
    assert plain(MODEL["definition"]["text"]) in quoted
    assert plain(QUOTES["scie_definition"]["text"]) in quoted
    assert plain(QUOTES["sayings"][0]["text"]) in quoted
    assert "SCIE" in quoted[plain(QUOTES["scie_definition"]["text"])]


def test_slogans_page_shows_the_five_slogans_in_order_with_credit(built_site):
    shown = read(built_site, "slogans.md").quotes
    slogans = [(w, c) for w, c in shown if c == plain(QUOTES["slogans"]["credit"])]
    assert [w for w, _ in slogans] == [plain(s) for s in QUOTES["slogans"]["items"]] and len(slogans) == 5
    assert "Fiona Carey" in QUOTES["slogans"]["credit"]
    # The other sayings follow, each with its own credit.
    sayings = [(plain(s["text"]), plain(s["credit"])) for s in QUOTES["sayings"]]
    assert [q for q in shown if q not in slogans] == sayings


def test_each_value_heading_is_followed_by_that_value_from_the_data(built_site):
    sequence = read(built_site, "what-is-co-production/values.md").sequence
    for number, value in enumerate(MODEL["values"]["items"], start=1):
        # Guides link to these anchors: they must not change.
        at = sequence.index(("heading", f"value-{number}"))
        kind, words = sequence[at + 1]
        # An unverified value carries the doubt mark (tests/test_doubt_marks.py).
        shown = plain(value["text"]) + ("*" if value["status"] != "verified" else "")
        assert (kind, words) == ("quote", shown), f"value {number}"


def test_glossary_has_an_entry_for_each_co_production_word_in_the_jargon_list(built_site):
    # The readability check suggests these words' plain meaning; the glossary
    # is where a reader looks them up, so each needs its own anchor.
    data = yaml.safe_load((ROOT / "data" / "jargon.yml").read_text(encoding="utf-8"))
    ours = [e["word"] for e in data["words"] if "ours" in e["source"]]
    assert ours
    ids = set(read(built_site, "what-is-co-production/glossary.md").ids)
    missing = [w for w in ours if re.sub(r"[^a-z0-9]+", "-", w.lower()).strip("-") not in ids]
    assert missing == []


def test_home_links_the_model_the_guides_the_self_assessment_and_the_pdf(built_site):
    links = set(read(built_site, "index.md").links)
    assert {"model/", "guides/", "self-assessment/"} <= links
    pdfs = [h for h in links if h.endswith(".pdf")]
    assert pdfs and all((built_site / h).is_file() for h in pdfs)


# Words the pages use that the content audit of 7 December 2026 found undefined
# (section 7). Each needs a glossary entry; what it says is checked by hand
# against ../shared/sources.
AUDIT_TERMS = ["befriending", "care-act", "five-year-forward-view", "healthwatch", "hra", "icb",
               "london-living-wage", "nihr", "out-of-pocket-expenses", "positive-action", "ppv", "scie",
               "statutory-guidance", "tlap", "values-and-behaviours"]


def test_glossary_defines_the_terms_the_audit_found_missing(built_site):
    page = (built_site / "what-is-co-production" / "glossary" / "index.html").read_text(encoding="utf-8")
    ids = set(re.findall(r'<h2 id="([^"]+)"', page))
    assert [t for t in AUDIT_TERMS if t not in ids] == []
