"""The practical guides: seven step guides of one shape, each quoting its step from the data."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GUIDES = ROOT / "docs" / "guides"
STEP_SECTIONS = ["The step", "Why it matters", "How to do it", "Common mistakes", "Checklist", "Related values"]


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
def test_step_guide_has_the_six_sections_in_order(built_site, number):
    sections = parse(built_page(built_site, step_guides()[number]))
    assert sections.order == STEP_SECTIONS


@pytest.mark.parametrize("number", range(1, 8))
def test_step_guide_quotes_its_step_from_the_data(built_site, model, number):
    sections = parse(built_page(built_site, step_guides()[number]))
    words = plain(model.steps.items[number - 1].text)
    assert words in sections.section_text("The step")
    # Its own step, and no other step, under "The step".
    others = [plain(s.text) for i, s in enumerate(model.steps.items, start=1) if i != number]
    assert not [o for o in others if o in sections.section_text("The step")]


@pytest.mark.parametrize("number", range(1, 8))
def test_step_guide_never_retypes_the_step(number):
    # The words must come from data/model.yml through the macro, so a
    # correction there reaches the guide.
    source = step_guides()[number].read_text(encoding="utf-8")
    assert f"{{{{ step_quote({number}) }}}}" in source


@pytest.mark.parametrize("number", range(1, 8))
def test_how_to_do_it_is_numbered_and_values_are_linked(built_site, model, number):
    sections = parse(built_page(built_site, step_guides()[number]))
    assert "ol" in [tag for tag, _ in sections.tags["How to do it"]]
    links = [attrs.get("href", "") for tag, attrs in sections.tags["Related values"] if tag == "a"]
    value_links = [h for h in links if re.search(r"what-is-co-production/values/#value-[1-5]$", h)]
    assert value_links, links
    # Each linked value is shown in the model's own words.
    for href in value_links:
        n = int(href[-1])
        assert plain(model.values.items[n - 1].text) in sections.section_text("Related values")


def test_where_to_start_quotes_the_slogan_and_links_the_route(built_site, quotes):
    page = built_page(built_site, GUIDES / "start.md")
    sections = parse(page)
    body = " ".join(sections.section_text(h) for h in [""] + sections.order)
    assert plain(quotes.slogans.items[4]) in body
    hrefs = {attrs.get("href") for h in [""] + sections.order for tag, attrs in sections.tags[h] if tag == "a"}
    assert {"../../model/", "../../self-assessment/"} <= hrefs
    assert len([h for h in hrefs if h and h.startswith("../step-")]) == 7


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
