"""The practical guides: one per step, each quoting its step from the data and
giving sourced practice, with no sentence copied from another guide."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from coproduction.readability import check_text
from coproduction.readability.extract import extract

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ROOT / "docs" / "guides"


class Sections(HTMLParser):
    """The page's article, split at each <h2>: {heading: (text, inner HTML tags seen)}."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.order: list[str] = []
        self.text: dict[str, list[str]] = {"": []}
        self.tags: dict[str, list[tuple[str, dict]]] = {"": []}
        self._in_article = self._in_h2 = self._in_permalink = False
        self._h2 = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._in_article = True
        if not self._in_article:
            return
        if tag == "h2":
            self._in_h2, self._h2 = True, ""
        elif tag == "a" and "headerlink" in (attrs.get("class") or ""):
            self._in_permalink = True
        current = self.order[-1] if self.order else ""
        self.tags[current].append((tag, attrs))

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article = False
        elif tag == "a":
            self._in_permalink = False
        elif tag == "h2" and self._in_h2:
            self._in_h2 = False
            heading = " ".join(self._h2.split())
            self.order.append(heading)
            self.text[heading], self.tags[heading] = [], []

    def handle_data(self, data):
        if not self._in_article or self._in_permalink:
            return
        if self._in_h2:
            self._h2 += data
        else:
            self.text[self.order[-1] if self.order else ""].append(data)

    def section_text(self, heading: str) -> str:
        return " ".join(" ".join(self.text[heading]).split())


def parse(page: Path) -> Sections:
    sections = Sections()
    sections.feed(page.read_text(encoding="utf-8"))
    return sections


def built_page(site: Path, source: Path) -> Path:
    return site / source.relative_to(ROOT / "docs").with_suffix("") / "index.html"


def step_guides() -> dict[int, Path]:
    """The step guides on disk, by step number (from the file name: step-3-....md)."""
    found = {}
    for path in GUIDES.glob("step-*.md"):
        match = re.match(r"step-(\d+)-", path.name)
        assert match, f"{path.name}: step guides are named step-<number>-<words>.md"
        found[int(match.group(1))] = path
    return dict(sorted(found.items()))


def plain(text: str) -> str:
    return " ".join(html.unescape(text).split())


def test_there_is_one_guide_for_each_step_of_the_model(model):
    assert list(step_guides()) == list(range(1, len(model.steps.items) + 1))


@pytest.mark.parametrize("number", range(1, 8))
def test_step_guide_opens_by_quoting_its_own_step_from_the_data(built_site, model, number):
    sections = parse(built_page(built_site, step_guides()[number]))
    first = sections.section_text(sections.order[0])
    assert plain(model.steps.items[number - 1].text) in first
    others = [plain(s.text) for i, s in enumerate(model.steps.items, start=1) if i != number]
    assert not [o for o in others if o in first]


@pytest.mark.parametrize("number", range(1, 8))
def test_step_guide_never_retypes_the_step(number):
    # The words must come from data/model.yml through the macro, so a
    # correction there reaches the guide.
    source = step_guides()[number].read_text(encoding="utf-8")
    assert f"{{{{ step_quote({number}) }}}}" in source


@pytest.mark.parametrize("number", range(1, 8))
def test_step_guide_gives_practice_not_a_template(built_site, number):
    """What to do first, a worked example and what goes wrong, under headings
    that say so; no "In short:" restating the quoted step."""
    sections = parse(built_page(built_site, step_guides()[number]))
    headings = " | ".join(sections.order).lower()
    for needed in ("first", "example", "goes wrong"):
        assert needed in headings, f"step {number}: no section on {needed!r}: {sections.order}"
    body = " ".join(sections.section_text(h) for h in [""] + sections.order)
    assert "In short:" not in body
    assert not {"The step", "Checklist", "Why it matters"} & set(sections.order)


NO_FIGURE = re.compile(r"\b(no figure|no price|no standard amount)\b", re.I)


@pytest.mark.parametrize("number", range(1, 8))
def test_a_cost_heading_only_where_the_guide_gives_a_figure(built_site, number):
    """A section whose answer is "no figure" is one sentence in a neighbouring
    section, not a heading; a cost heading must have a £ figure under it."""
    sections = parse(built_page(built_site, step_guides()[number]))
    cost = [h for h in sections.order if "cost" in h.lower()]
    for heading in cost:
        assert "£" in sections.section_text(heading), f"step {number}: {heading!r} gives no figure"
    if not cost:
        body = " ".join(sections.section_text(h) for h in [""] + sections.order)
        said = NO_FIGURE.findall(body)
        assert len(said) == 1, f"step {number}: say once, plainly, that there is no figure: {said}"


def test_guides_index_promises_only_what_every_step_guide_gives(built_site):
    index = parse(built_site / "guides" / "index.html")
    promise = " ".join(index.section_text(h) for h in [""] + index.order).lower()
    guides = [parse(built_page(built_site, p)) for p in step_guides().values()]
    every_gives_a_cost = all(
        any("cost" in h.lower() and "£" in g.section_text(h) for h in g.order) for g in guides)
    if not every_gives_a_cost:
        assert not re.search(r"(what|how much) it (may )?costs?|cost in time and money", promise), promise
    # "Every guide has a worked example based on real practice": the step 5
    # example is our own arithmetic, so no such promise.
    assert not re.search(r"(each|every) (one|guide)[^.]*worked example", promise), promise


@pytest.mark.parametrize("number", range(1, 8))
def test_step_guide_cites_a_source_in_every_practical_section(built_site, number):
    sections = parse(built_page(built_site, step_guides()[number]))
    practical = [h for h in sections.order if re.search(r"first|cost|example|goes wrong", h, re.I)]
    assert len(practical) >= 3
    for heading in practical:
        refs = [a for tag, a in sections.tags[heading] if tag == "a" and "footnote-ref" in (a.get("class") or "")]
        assert refs, f"step {number}: section {heading!r} cites no source"
    footnotes = built_page(built_site, step_guides()[number]).read_text(encoding="utf-8")
    assert len(re.findall(r'<li id="fn:', footnotes)) >= 4


@pytest.mark.parametrize("number", range(1, 8))
def test_step_guide_links_the_values_in_their_own_words(built_site, model, number):
    sections = parse(built_page(built_site, step_guides()[number]))
    [values] = [h for h in sections.order if h.startswith("Values")]
    links = [attrs.get("href", "") for tag, attrs in sections.tags[values] if tag == "a"]
    value_links = [h for h in links if re.search(r"what-is-co-production/values/#value-[1-5]$", h)]
    assert value_links, links
    for href in value_links:
        assert plain(model.values.items[int(href[-1]) - 1].text) in sections.section_text(values)


def test_no_guide_shares_a_sentence_of_eight_words_or_more_with_another():
    # Boilerplate ("It is one of seven guides...") reads as a template, and a
    # reader who opens two guides meets it twice.
    seen: dict[str, set[str]] = {}
    for page in sorted(GUIDES.glob("*.md")):
        for sentence in extract(page.read_text(encoding="utf-8")).sentences:
            words = " ".join(sentence.text.lower().split())
            if len(words.split()) >= 8:
                seen.setdefault(words, set()).add(page.name)
    shared = {text: pages for text, pages in seen.items() if len(pages) > 1}
    assert not shared, shared


@pytest.mark.parametrize("page", sorted(p.name for p in GUIDES.glob("*.md")))
def test_guide_reads_as_joined_up_prose(page):
    # Passes the gate, and is not chopped: 10 to 20 words a sentence on average.
    result = check_text((GUIDES / page).read_text(encoding="utf-8"), name=page)
    assert result.passed, result.problems
    assert 10 <= result.scores.average_sentence_words <= 20, result.scores.average_sentence_words


def test_where_to_start_quotes_the_slogan_and_points_on_without_repeating_the_list(built_site, quotes):
    page = built_page(built_site, GUIDES / "start.md")
    sections = parse(page)
    body = " ".join(sections.section_text(h) for h in [""] + sections.order)
    assert plain(quotes.slogans.items[4]) in body
    hrefs = [attrs.get("href") for h in [""] + sections.order for tag, attrs in sections.tags[h] if tag == "a"]
    assert {"../../model/", "../../self-assessment/", "../"} <= set(hrefs)
    # The guides index lists the seven steps; this page does not list them again.
    assert not [h for h in hrefs if h and h.startswith("../step-")]


def test_plain_english_guide_lists_every_jargon_word_from_the_data(built_site):
    data = yaml.safe_load((ROOT / "data" / "jargon.yml").read_text(encoding="utf-8"))
    page = built_page(built_site, GUIDES / "plain-english.md").read_text(encoding="utf-8")
    table = re.search(r'id="words-to-avoid".*?(<table>.*?</table>)', page, re.DOTALL).group(1)
    cells = [plain(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<td>(.*?)</td>", table, re.DOTALL)]
    words_shown = cells[0::3]
    expected = [e["word"] + (f" ({e['when']})" if e.get("when") else "") for e in data["words"]]
    assert sorted(words_shown) == sorted(plain(w) for w in expected)


def test_meetings_guide_is_plain_markdown():
    # It is not on the list of pages that may run macros.
    source = (GUIDES / "meetings.md").read_text(encoding="utf-8")
    assert not re.search(r"\{\{|\{%|\{#", source)
