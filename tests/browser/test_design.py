"""Issue 16 in a real browser: the model at first sight, large text, a header
that fits, and a look at every changed page in each colour scheme.

Screenshots go to test-artifacts/design/ (home, model, a guide and the
self-assessment, at 375 and 1280 px, in the light, dark and high-contrast
schemes); axe checks them with every other page in test_accessibility.py.
"""
from __future__ import annotations

import pytest

from browser_support import DESKTOP, PHONE, SCHEMES, VIEWPORTS, body_scheme, open_context, toggle_scheme
from conftest import ARTIFACTS, ROOT
from coproduction.model import load_model

pytestmark = pytest.mark.browser

MODEL = load_model(ROOT / "data" / "model.yml")
CHANGED_PAGES = {"home": "", "model": "model/", "guide": "guides/step-1-recruit/",
                 "self-assessment": "self-assessment/", "values": "what-is-co-production/values/"}
# Pages with Material's small print: tables, footnotes, a timeline, the footer.
TEXT_SIZE_PAGES = ["", "model/", "guides/step-1-recruit/", "self-assessment/", "sources/", "origins/",
                   "case-studies/"]
SMALLEST_PX = 14


def test_home_shows_every_value_and_step_with_working_links(browser, site_url):
    context = open_context(browser, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_url, wait_until="load")
        for kind, names, items in (("value", MODEL.short_names.values, MODEL.values.items),
                                   ("step", MODEL.short_names.steps, MODEL.steps.items)):
            cards = page.locator(f".cp-card--{kind}")
            assert cards.count() == len(items)
            for number, (name, item) in enumerate(zip(names, items), start=1):
                card = cards.nth(number - 1)
                link = card.locator("a")
                assert link.inner_text().strip() == f"{kind.capitalize()} {number}: {name}"
                # The model's words, with the doubt mark where they are not verified.
                mark = "*" if item.doubt_note else ""
                assert card.locator(".cp-card__words").inner_text().strip() == item.text + mark
                href = link.evaluate("a => a.href")
                assert page.request.get(href).status == 200
                if kind == "value":
                    assert href.endswith(f"/what-is-co-production/values/#value-{number}")
                    target = page.context.new_page()
                    target.goto(href, wait_until="load")
                    assert target.locator(f"#value-{number}").inner_text().startswith(f"Value {number}: {name}")
                    target.close()
                else:
                    assert "/guides/step-" in href
        # The print card and the self-assessment are within the first two screens of a phone.
        for selector in (".pdf-download__link", "a.cp-action"):
            top = page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")
            assert top < 2 * PHONE["height"], f"{selector} starts {top}px down"
        assert page.request.get(page.locator("a.cp-action").evaluate("a => a.href")).status == 200
    finally:
        context.close()


SMALL_TEXT = """(min) => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || box.width === 0 || box.height === 0 || el.closest('[hidden], .md-search, svg, .sa-status')) continue;
    if (el.closest('.md-sidebar') && getComputedStyle(el.closest('.md-sidebar')).visibility === 'hidden') continue;
    const size = parseFloat(style.fontSize);
    // 0 px: Material swaps the words for an icon (footnote back-links); nothing to read.
    if (size > 0 && size < min) small.push(el.tagName + '.' + el.className + ' ' + size + 'px: ' + node.textContent.trim().slice(0, 40));
  }
  return small;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_no_text_is_smaller_than_14px(browser, site_url, viewport):
    context = open_context(browser, viewport=viewport)
    page = context.new_page()
    problems = []
    try:
        for path in TEXT_SIZE_PAGES:
            page.goto(site_url + path, wait_until="load")
            problems += [f"/{path}: {p}" for p in page.evaluate(SMALL_TEXT, SMALLEST_PX)]
            body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
            assert body >= (19 if viewport is DESKTOP else 16), f"/{path}: body text is {body}px"
    finally:
        context.close()
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("width", [320, 375])
def test_the_header_never_cuts_the_site_name(browser, site_url, width):
    context = open_context(browser, viewport={"width": width, "height": 640})
    page = context.new_page()
    try:
        page.goto(site_url + "guides/step-1-recruit/", wait_until="load")
        name = page.locator(".md-header__topic").first
        assert name.inner_text().strip() == "The Co-production Model"
        fits = name.locator(".md-ellipsis").evaluate(
            "e => e.scrollWidth <= e.clientWidth + 1 && e.getBoundingClientRect().right <= innerWidth")
        assert fits, f"the site name is cut at {width}px"
        # Wrapped, it stays inside the header bar.
        header = page.locator(".md-header").bounding_box()
        box = name.bounding_box()
        assert box["y"] >= header["y"] and box["y"] + box["height"] <= header["y"] + header["height"] + 1
    finally:
        context.close()


def test_less_chrome(browser, site_url):
    context = open_context(browser)
    page = context.new_page()
    try:
        page.goto(site_url + "guides/step-1-recruit/", wait_until="load")
        # No pencil by the title; a plain "Suggest a change" link at the foot.
        assert page.locator(".md-content__button").count() == 0
        suggest = page.get_by_role("link", name="Suggest a change to this page")
        assert suggest.get_attribute("href").endswith("docs/guides/step-1-recruit.md")
        # Heading anchors only on hover or focus.
        anchor = page.locator("h2 .headerlink").first
        assert anchor.evaluate("e => getComputedStyle(e).opacity") == "0"
        anchor.focus()
        anchor.evaluate("e => new Promise(done => setTimeout(done, 600))")  # Material fades it in
        assert anchor.evaluate("e => getComputedStyle(e).opacity") == "1"
        # Short page (the home page has few sections): no contents column.
        page.goto(site_url + "model/", wait_until="load")
        long_page = page.locator(".md-sidebar--secondary").is_visible()
        page.goto(site_url + "accessibility/", wait_until="load")
        headings = page.locator(".md-content h2").count()
        if headings < 3:
            assert not page.locator(".md-sidebar--secondary").is_visible()
        assert long_page, "a long page keeps its contents column"
    finally:
        context.close()


def test_wide_tables_show_a_scroll_cue_and_take_focus_on_a_phone(browser, site_url):
    context = open_context(browser, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_url + "sources/", wait_until="load")
        page.wait_for_timeout(200)
        boxes = page.locator(".md-typeset__scrollwrap[role=region]")
        assert boxes.count() >= 1, "no table scrolls on a phone: nothing to test"
        box = boxes.first
        assert box.get_attribute("tabindex") == "0"
        cue = box.evaluate("e => getComputedStyle(e, '::before').content")
        assert "Scroll sideways" in cue
    finally:
        context.close()


@pytest.mark.parametrize("width", VIEWPORTS)
def test_screenshots_of_the_changed_pages_in_every_colour_scheme(browser, site_url, width):
    """For people to look at; axe checks these pages, with every other page, in
    test_accessibility.py's matrix of widths and schemes."""
    viewport = VIEWPORTS[width]
    context = open_context(browser, viewport=viewport)
    page = context.new_page()
    target = ARTIFACTS / "design"
    target.mkdir(parents=True, exist_ok=True)
    # The first two screens on a phone, the first screen on a laptop: what a reader sees first.
    clip = {"x": 0, "y": 0, "width": viewport["width"],
            "height": viewport["height"] * (2 if width == "phone" else 1)}
    shot = []
    try:
        for name, path in CHANGED_PAGES.items():
            page.goto(site_url + path, wait_until="load")
            page.evaluate("() => document.fonts.ready")
            for turn in range(len(SCHEMES)):
                scheme = toggle_scheme(page) if turn else body_scheme(page)
                label = next(ours for ours, material in SCHEMES.items() if material == scheme)
                page.screenshot(path=str(target / f"{name}-{viewport['width']}-{label}.png"), clip=clip,
                                full_page=True)
                shot.append((name, label))
    finally:
        context.close()
    assert sorted(shot) == sorted((name, label) for name in CHANGED_PAGES for label in SCHEMES)


def test_printing_a_page_keeps_list_items_whole_and_hides_back_links(page, site_url):
    page.emulate_media(media="print")
    page.goto(site_url + "guides/step-1-recruit/", wait_until="load")
    items = page.locator(".md-typeset ol > li")
    assert items.count() > 0
    assert set(items.evaluate_all("els => els.map(e => getComputedStyle(e).breakInside)")) == {"avoid"}
    backrefs = page.locator(".footnote-backref")
    assert backrefs.count() > 0, "this page should have footnotes"
    assert set(backrefs.evaluate_all("els => els.map(e => getComputedStyle(e).display)")) == {"none"}
    assert not page.get_by_role("link", name="Suggest a change to this page").is_visible()
