"""Issues 16 and 28 in a real browser: the model at first sight, large text, a
header that fits, public pages without the docs frame, heading anchors that
take no space, and a look at every changed page in each colour scheme.

Screenshots go to test-artifacts/design/ (home, model, downloads, a guide,
About and the self-assessment, at 320, 375 and 1280 px, in the light, dark and
high-contrast schemes); axe checks them with every other page in
test_every_page.py.
"""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from browser_support import (DESKTOP, PHONE, SCHEMES, SETTLE, body_scheme, published_address, resize, search_for,
                             toggle_scheme)
from conftest import ARTIFACTS, ROOT
from coproduction.model import load_model

pytestmark = pytest.mark.browser

MODEL = load_model(ROOT / "data" / "model.yml")
CHANGED_PAGES = {"home": "", "model": "model/", "downloads": "downloads/", "guide": "guides/step-1-recruit/",
                 "about": "about/", "self-assessment": "self-assessment/", "values": "what-is-co-production/values/"}
SCREENSHOT_WIDTHS = {"320": {"width": 320, "height": 640}, "375": PHONE, "1280": {"width": 1280, "height": 800}}
# Pages with Material's small print: tables, footnotes, a timeline, the footer.
TEXT_SIZE_PAGES = ["", "model/", "guides/step-1-recruit/", "self-assessment/", "sources/", "origins/",
                   "case-studies/"]
SMALLEST_PX = 14


def test_home_shows_every_value_and_step_with_working_links(tab, site_url):
    page = tab(PHONE)
    page.goto(site_url, wait_until="load")
    target = page.context.new_page()  # where each value's link is followed
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
                target.goto(href, wait_until="load")
                assert target.locator(f"#value-{number}").inner_text().startswith(f"Value {number}: {name}")
                assert target.evaluate("() => location.hash") == f"#value-{number}"
            else:
                assert "/guides/step-" in href
    # The print card and the self-assessment are within the first two screens of a phone.
    for selector in (".pdf-download__link", "a.cp-action"):
        top = page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + scrollY")
        assert top < 2 * PHONE["height"], f"{selector} starts {top}px down"
    assert page.request.get(page.locator("a.cp-action").evaluate("a => a.href")).status == 200


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
def test_no_text_is_smaller_than_14px(tab, site_url, viewport):
    page = tab(viewport)
    problems = []
    for path in TEXT_SIZE_PAGES:
        page.goto(site_url + path, wait_until="load")
        problems += [f"/{path}: {p}" for p in page.evaluate(SMALL_TEXT, SMALLEST_PX)]
        body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
        assert body >= (19 if viewport is DESKTOP else 16), f"/{path}: body text is {body}px"
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("width, text_px", [(320, None), (375, None), (375, 32)])
def test_the_header_never_cuts_the_site_name(tab, site_url, width, text_px):
    """At 320 and 375 px, and with the phone's text at 200% (Chromium's own text size, 32 px): the
    name is whole, inside the header bar, and over none of its buttons."""
    page = tab({"width": width, "height": 640})
    if not text_px:
        return header_keeps_the_name_whole(page, site_url, width)
    # The text size outlives this test in the shared tab (Tab.reset cannot undo it): set it back.
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("Page.enable")
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": text_px}})
        header_keeps_the_name_whole(page, site_url, width)
    finally:
        cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 16}})
        cdp.detach()


def header_keeps_the_name_whole(page, site_url, width) -> None:
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
    words = name.locator(".md-ellipsis").evaluate("""e => { const r = document.createRange(); r.selectNodeContents(e);
        return [...r.getClientRects()].map(b => [b.left, b.top, b.right, b.bottom]); }""")
    buttons = page.locator(".md-header label.md-header__button:visible, .md-header__option:visible").evaluate_all(
        "bs => bs.map(b => { const r = b.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })")
    over = [(w, b) for w in words for b in buttons
            if w[0] < b[2] - 1 and b[0] < w[2] - 1 and w[1] < b[3] - 1 and b[1] < w[3] - 1]
    assert buttons and not over, f"the site name lies over a header button at {width}px: {over}"
    # Scrolled down, Material slides the page's own title into the bar in the name's place: inside the bar too.
    page.mouse.wheel(0, 1500)
    page.locator(".md-header__title--active").wait_for(state="attached")
    topic = page.locator(".md-header__topic").nth(1)
    page.wait_for_timeout(400)  # the slide
    header, box = page.locator(".md-header").bounding_box(), topic.bounding_box()
    assert topic.inner_text().strip() == "Step 1: Recruit openly and fairly"
    assert box["y"] >= header["y"] - 1 and box["y"] + box["height"] <= header["y"] + header["height"] + 1, (box, header)


def test_less_chrome(tab, site_url):
    page = tab()
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
    # Short page (the home page has few sections): no contents column. The
    # model page has none either (hide: toc, a public page); a guide keeps its own.
    long_page = page.locator(".md-sidebar--secondary").is_visible()  # the guide loaded above
    page.goto(site_url + "accessibility/", wait_until="load")
    headings = page.locator(".md-content h2").count()
    if headings < 3:
        assert not page.locator(".md-sidebar--secondary").is_visible()
    assert long_page, "a long page keeps its contents column"


def test_wide_tables_show_a_scroll_cue_and_take_focus_on_a_phone(tab, site_url):
    page = tab(PHONE)
    page.goto(site_url + "about/readability/", wait_until="load")  # the scores: seven columns
    page.wait_for_timeout(200)
    boxes = page.locator(".md-typeset__scrollwrap[role=region]")
    assert boxes.count() >= 1, "no table scrolls on a phone: nothing to test"
    box = boxes.first
    assert box.get_attribute("tabindex") == "0"
    cue = box.evaluate("e => getComputedStyle(e, '::before').content")
    assert "Scroll sideways" in cue


@pytest.mark.parametrize("width", SCREENSHOT_WIDTHS)
def test_screenshots_of_the_changed_pages_in_every_colour_scheme(tab, site_url, width):
    """For people to look at; axe checks these pages, with every other page, in
    test_every_page.py's matrix of widths and schemes."""
    viewport = SCREENSHOT_WIDTHS[width]
    page = tab(viewport)
    target = ARTIFACTS / "design"
    target.mkdir(parents=True, exist_ok=True)
    # The first two screens on a phone, the first screen on a laptop: what a reader sees first.
    clip = {"x": 0, "y": 0, "width": viewport["width"],
            "height": viewport["height"] * (2 if viewport["width"] < 1000 else 1)}
    shot = []
    for name, path in CHANGED_PAGES.items():
        page.goto(site_url + path, wait_until="load")
        page.evaluate("() => document.fonts.ready")
        for turn in range(len(SCHEMES)):
            scheme = toggle_scheme(page) if turn else body_scheme(page)
            label = next(ours for ours, material in SCHEMES.items() if material == scheme)
            page.screenshot(path=str(target / f"{name}-{viewport['width']}-{label}.png"), clip=clip,
                            full_page=True)
            shot.append((name, label))
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
    # The feedback link's address, printed in full, filled most of a sheet; the review dates stay.
    feedback = page.get_by_role("link", name="Tell us on GitHub", include_hidden=True)
    assert feedback.count() == 1 and not feedback.is_visible()
    assert page.get_by_text("Page last reviewed").is_visible()


# The colours of a printed page, as [red, green, blue, alpha] 0-255 (alpha 0: see-through),
# for the page behind the text and for the text: the body, the article, a heading, a paragraph, a link.
PRINTED_COLOURS = """() => {
    const rgba = (value) => { const [r, g, b, a = 1] = value.match(/[\\d.]+/g).map(Number); return [r, g, b, Math.round(a * 255)]; };
    const style = (selector) => getComputedStyle(document.querySelector(selector));
    return {
        backgrounds: Object.fromEntries(['html', 'body', '.md-container', '.md-main', '.md-content', 'article']
            .map(s => [s, rgba(style(s).backgroundColor)])),
        text: Object.fromEntries(['body', 'article', 'article h1', 'article h2', 'article p', 'article p a']
            .map(s => [s, rgba(style(s).color)])),
    };
}"""


def luminance(rgb) -> float:
    """WCAG's relative luminance of an sRGB colour (0: black, 1: white)."""
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(v) for v in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize("how", ["dark-preference", "toggle"])
def test_printing_in_the_dark_colours_gives_dark_text_on_white(tab, site_url, how):
    """A reader who uses the dark colours, from their system or from our toggle, prints a
    page with "background graphics" on: the sheet is white and the text dark, as on paper."""
    page = tab(DESKTOP)
    if how == "dark-preference":
        page.emulate_media(color_scheme="dark")
        page.goto(site_url + "model/", wait_until="load")
    else:
        page.goto(site_url + "model/", wait_until="load")
        while body_scheme(page) != SCHEMES["dark"]:
            toggle_scheme(page)
    assert body_scheme(page) == SCHEMES["dark"]
    page.emulate_media(media="print")
    page.evaluate("() => document.fonts.ready")
    colours = page.evaluate(PRINTED_COLOURS)
    for where, (red, green, blue, alpha) in colours["backgrounds"].items():
        # White, or see-through to the white behind it.
        assert alpha == 0 or (red, green, blue) == (255, 255, 255), f"{where} has a background of {colours}"
    for where, (red, green, blue, alpha) in colours["text"].items():
        on_white = [alpha / 255 * value + (1 - alpha / 255) * 255 for value in (red, green, blue)]
        assert luminance(on_white) < 0.05, f"{where}'s text is {colours['text'][where]}, not dark"

    # The sheet itself, as Chromium prints it with backgrounds on: white, with dark letters.
    import pypdfium2

    document = pypdfium2.PdfDocument(page.pdf(format="A4", print_background=True))
    try:
        sheet = document[0].render(scale=60 / 72).to_pil().convert("L")
    finally:
        document.close()
    ARTIFACTS.mkdir(exist_ok=True)
    sheet.save(ARTIFACTS / f"print-dark-{how}.png")
    histogram = sheet.histogram()
    pixels = sum(histogram)
    white = sum(histogram[250:]) / pixels
    dark = sum(histogram[:80]) / pixels
    assert white > 0.85, f"only {white:.0%} of the sheet is white"
    assert 0.002 < dark < 0.1, f"{dark:.1%} of the sheet is dark: there should be dark letters on white"


@pytest.mark.parametrize("path", ["", "model/", "guides/step-1-recruit/", "self-assessment/"])
def test_a_printed_page_says_its_full_address_and_the_screen_does_not(page, site_url, path):
    """Paper cannot be clicked: a printed page names its address, so a reader can find it
    again. On screen the line is not shown, and screen readers do not read it."""
    address = published_address().rstrip("/") + "/" + path
    page.goto(site_url + path, wait_until="load")
    line = page.get_by_text("Printed from", exact=False)
    assert line.count() == 1, "one line with the page's address, in the page"
    assert line.is_hidden()
    assert "Printed from" not in page.locator("body").aria_snapshot()
    page.emulate_media(media="print")
    assert line.is_visible()
    assert " ".join(line.inner_text().split()) == f"Printed from {address}"
    # On the sheet too (spaces left out: a long address wraps onto a second line).
    printed = "".join(sheet.extract_text() for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)
    assert f"Printedfrom{address}" in "".join(printed.split())


def test_printing_the_case_studies_keeps_each_one_on_one_sheet(page, site_url):
    # Each study is a heading, then labels each with its words (what changed, where, when):
    # on paper a label must not end a sheet with its words on the next.
    page.emulate_media(media="print")
    page.goto(site_url + "case-studies/", wait_until="load")
    page.evaluate("() => document.fonts.ready")
    studies = page.locator("article h2:has(> a:not(.headerlink))").evaluate_all("""hs => hs.map(h => {
        const list = h.nextElementSibling;
        return [h.querySelector('a').textContent.trim(),
                [...list.children].map(e => e.textContent.replace(/\\s+/g, ' ').trim())]; })""")
    assert len(studies) >= 5 and all(len(words) == 6 for _, words in studies), studies
    sheets = [" ".join(sheet.extract_text().split()) for sheet in PdfReader(io.BytesIO(page.pdf(format="A4"))).pages]
    assert len(sheets) > 2, "the list fits on two sheets: nothing here would show a break"
    for title, words in studies:
        holding = [sheet for sheet in sheets if title in sheet]
        assert len(holding) == 1, f"{title!r} is on {len(holding)} sheets"
        # Each label with its words, on the title's sheet (headings come last in a sheet's text).
        for label, said in zip(words[::2], words[1::2]):
            assert f"{label} {said}" in holding[0], f"{label!r} and {said!r} are not on the sheet with {title!r}"


# --- Issue 28 ------------------------------------------------------------------

LAPTOP = {"width": 1280, "height": 800}


def test_every_value_and_step_is_on_the_first_screen_of_a_laptop_and_starts_early_on_a_phone(tab, site_url):
    """The home page, loaded once at laptop width, then made a phone's width."""
    page = tab(LAPTOP)
    page.goto(site_url, wait_until="load")
    page.evaluate("() => document.fonts.ready")
    expected = [f"Value {n}: {name}" for n, name in enumerate(MODEL.short_names.values, start=1)]
    expected += [f"Step {n}: {name}" for n, name in enumerate(MODEL.short_names.steps, start=1)]
    links = page.locator(".cp-grid a.cp-grid__link")
    # Seen: the number in its badge, then the short name; heard: "Value 1: Everyone owns it".
    assert links.locator(".cp-grid__name").evaluate_all(
        "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())") == expected
    assert links.locator(".cp-grid__number").evaluate_all(
        "els => els.map(e => e.textContent + ' ' + e.getAttribute('aria-hidden'))") == \
        [f"{n} true" for n in range(1, 6)] + [f"{n} true" for n in range(1, 8)]
    for link in links.all():
        box = link.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= LAPTOP["height"], \
            f"{link.inner_text()!r} is at {box['y']:.0f}-{box['y'] + box['height']:.0f} px on a 800 px screen"
        assert page.request.get(link.evaluate("a => a.href")).status == 200
    # The download card shares the first screen.
    card = page.locator(".cp-home .pdf-download__link").bounding_box()
    assert card["y"] + card["height"] <= LAPTOP["height"]
    # The same load, at laptop width: the cards stand apart in columns with short lines.
    cards_stand_apart_in_columns_with_short_lines(page)
    # On a phone, the first value starts within a screen and a half (the first card: the grid is
    # not shown there, test_each_value_and_step_is_named_once_on_a_phone).
    resize(page, PHONE)
    first = page.get_by_role("link", name=expected[0], exact=True)
    assert first.count() == 1
    top = first.evaluate("e => e.getBoundingClientRect().top + scrollY")
    assert top < 1.5 * PHONE["height"], f"the first value starts {top:.0f} px down a phone"


def names_heard(page, names: list[str]) -> dict[str, int]:
    """How often each name is in Chromium's own accessibility tree (what a screen reader gets), as
    the words of a link: "Value 1: Everyone owns it" or, split in two, "Value 1: " and "Everyone owns it"."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = [n for n in cdp.send("Accessibility.getFullAXTree")["nodes"] if not n.get("ignored")]
    finally:
        cdp.detach()
    links = [n.get("name", {}).get("value", "") for n in nodes if n.get("role", {}).get("value") == "link"]
    return {name: sum(name in link for link in links) for name in names}


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_each_value_and_step_is_named_once_on_a_phone(tab, site_url, width):
    """On a laptop the grid of short names shares the first screen with the lead, and the cards with
    the model's words follow. On a phone the grid would come under the lead, then the cards would
    name every value and step again: there the cards are the one list, for the eye and the ear."""
    page = tab({"width": width, "height": 800})
    page.goto(site_url, wait_until="load")
    page.evaluate("() => document.fonts.ready")
    names = list(MODEL.short_names.values) + list(MODEL.short_names.steps)
    seen = page.evaluate("""names => { const text = document.querySelector('article').innerText;
        return Object.fromEntries(names.map(n => [n, text.split(n).length - 1])); }""", names)
    heard = names_heard(page, names)
    times = 2 if width == 1280 else 1  # the laptop keeps its grid and its cards (a control)
    assert seen == {name: times for name in names}, seen
    assert heard == {name: times for name in names}, heard
    # The cards, with the model's words, are all there (test_home_shows_every_value_and_step_with_working_links).
    cards = page.locator(".cp-card")
    assert cards.count() == len(names) and all(card.is_visible() for card in cards.all())
    if width < 1280:
        assert page.locator(".cp-grid").is_hidden()
        for heading in ("Five values to hold", "Seven steps to take"):  # the grid's headings go with it
            assert page.get_by_role("heading", name=heading).count() == 0


PUBLIC = {"home": "", "model": "model/", "easy-read": "easy-read/", "downloads": "downloads/"}


@pytest.mark.parametrize("path", PUBLIC.values(), ids=PUBLIC.keys())
def test_public_pages_have_no_side_menu_contents_or_previous_next(tab, site_url, path):
    page = tab(LAPTOP)
    page.goto(site_url + path, wait_until="load")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator(".md-sidebar--secondary").is_visible()
    assert page.locator(".md-footer__link").count() == 0
    # The text starts near the left edge, not after an empty menu column.
    left = page.locator("article h1").bounding_box()["x"]
    assert left < 100, f"/{path}: the title starts {left:.0f} px in"
    # A readable line however wide the page: no paragraph wider than about 75 characters.
    widest = page.evaluate("""() => Math.max(...[...document.querySelectorAll('article > p')]
        .map(p => p.getBoundingClientRect().width / parseFloat(getComputedStyle(p).fontSize)))""")
    assert widest <= 40, f"/{path}: a paragraph is {widest:.0f} em wide"
    # A control: a guide keeps its menu.
    page.goto(site_url + "guides/step-1-recruit/", wait_until="load")
    assert page.locator(".md-sidebar--primary").is_visible()


@pytest.mark.parametrize("width", [320, 375])
def test_heading_anchors_take_no_space_and_no_tab_stop(tab, site_url, width):
    """The hidden pilcrow after a heading must never wrap onto a line of its own,
    nor be a Tab stop; a mouse over the heading, or focus from a script, shows it."""
    page = tab({"width": width, "height": 800})
    problems = []
    for path in ["guides/step-1-recruit/", "self-assessment/", "origins/", "sources/", "about/"]:
        page.goto(site_url + path, wait_until="load")
        page.evaluate("() => document.fonts.ready")
        heights = page.evaluate("""() => [...document.querySelectorAll('article :is(h2, h3, h4)')]
            .filter(h => h.querySelector('.headerlink')).map(h => {
              const link = h.querySelector('.headerlink');
              const box = link.getBoundingClientRect(), head = h.getBoundingClientRect();
              const withLink = h.getBoundingClientRect().height;
              link.style.display = 'none';
              const without = h.getBoundingClientRect().height;
              link.style.display = '';
              return [h.textContent.trim().slice(0, 40), withLink, without, link.tabIndex,
                      box.right <= head.left + 1];
            })""")
        assert heights, f"/{path} has no heading anchors: nothing to test"
        for text, with_link, without, tab_index, in_margin in heights:
            if with_link > without + 0.5:
                problems.append(f"/{path} at {width} px: {text!r} is {with_link - without:.0f} px taller with its anchor")
            if tab_index != -1:
                problems.append(f"/{path}: the anchor of {text!r} is a Tab stop")
            if not in_margin:
                problems.append(f"/{path}: the anchor of {text!r} is not in the margin before it")
    # Hover shows it.
    heading = page.locator("article h2").first
    heading.hover()
    page.wait_for_timeout(400)
    assert heading.locator(".headerlink").evaluate("e => getComputedStyle(e).opacity") == "1"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", [320, 375])
def test_footnote_back_links_take_no_room_until_they_show(tab, site_url, built_site, width):
    """A footnote's back-links (an arrow for each place it is cited) are hidden until a mouse is over the
    footnote, it has focus, or a reader followed its number. Hidden, they must take no room: they used
    to wrap onto an empty line of their own under the footnote's words on a phone."""
    pages = sorted(str(p.parent.relative_to(built_site)) + "/" for p in built_site.rglob("index.html")
                   if 'class="footnote"' in p.read_text(encoding="utf-8"))
    assert len(pages) > 5, pages  # a control: there are footnotes to look at
    page = tab({"width": width, "height": 800})
    problems, cited_twice = [], 0
    for path in pages:
        page.goto(site_url + path, wait_until="load")
        page.evaluate("() => document.fonts.ready")
        notes = page.evaluate("""() => [...document.querySelectorAll('.footnote > ol > li')].map(li => {
              const links = [...li.querySelectorAll('.footnote-backref')];
              const shown = li.getBoundingClientRect().height;
              links.forEach(a => a.style.display = 'none');
              const without = li.getBoundingClientRect().height;
              links.forEach(a => a.style.display = '');
              return [li.id, links.length, shown, without];
            })""")
        for note, links, shown, without in notes:
            cited_twice += links > 1
            if shown > without + 0.5:
                problems.append(f"/{path} at {width} px: footnote {note} is {shown - without:.0f} px taller "
                                "with its hidden back-links")
    assert cited_twice > 3, cited_twice  # a control: footnotes cited in several places, with an arrow each
    # A mouse over the footnote shows its back-links, as Material does.
    note = page.locator(".footnote > ol > li").last
    note.hover()
    page.wait_for_timeout(400)  # Material fades them in
    link = note.locator(".footnote-backref").first
    assert link.evaluate("a => [getComputedStyle(a).opacity, a.getBoundingClientRect().width > 0]") == ["1", True]
    assert not problems, "\n".join(problems)


def test_a_whole_page_search_result_marks_the_words_searched_for(tab, site_url):
    page = tab(LAPTOP)
    page.goto(site_url + "model/", wait_until="load")
    page.keyboard.press("/")
    search_for(page, "payment")
    # The step 5 guide's whole-page result (the payment template's own title ranks above it since the
    # templates came in, and Material fills h= itself for a result matched in its title).
    first = page.locator('.md-search-result__link[href*="guides/step-5-reward/"]').first
    assert first.get_attribute("href").endswith("?h="), "Material now fills h= itself: drop our fix"
    first.click()
    page.wait_for_url("**/guides/step-5-reward/?h=payment")
    # Material marks the words once its search index is ready: wait for it, not a fixed time.
    page.wait_for_selector("article mark[data-md-highlight]", timeout=15_000)
    marks = page.locator("article mark[data-md-highlight]")
    # Material marks the words once its search worker has read the index: wait for it.
    marks.first.wait_for(timeout=10_000)
    assert marks.count() >= 3
    colour, background = marks.first.evaluate(
        "m => [getComputedStyle(m).color, getComputedStyle(m).backgroundColor]")
    assert colour == "rgb(0, 0, 0)" and background == "rgb(255, 235, 59)"


def cards_stand_apart_in_columns_with_short_lines(page) -> None:
    """On the home page at laptop width (checked in the first-screen test's load)."""
    for kind in ("value", "step"):
        boxes = [card.bounding_box() for card in page.locator(f".cp-card--{kind}").all()]
        columns = sorted({round(box["x"]) for box in boxes})
        assert len(columns) >= 2, f"the {kind} cards are one stack: {columns}"
        # Cards side by side or one under the other never touch.
        for a, b in zip(boxes, boxes[1:]):
            gap = b["x"] - (a["x"] + a["width"]) if b["y"] == a["y"] else b["y"] - (a["y"] + a["height"])
            assert b["y"] < a["y"] or gap >= 12, f"{kind} cards {gap:.0f} px apart"
        # About 75 characters a line at most (an average letter is about half an em).
        widest = max(box["width"] for box in boxes)
        size = float(page.locator(f".cp-card--{kind} .cp-card__words").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"))
        assert widest / (size * 0.5) <= 75, f"{kind} cards are {widest:.0f} px wide at {size} px text"


# A button's words against its own background, as the reader sees them (WCAG's formula).
BUTTON_CONTRAST = """el => {
  const rgb = c => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = c => { const [r, g, b] = rgb(c).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const s = getComputedStyle(el);
  let bg = s.backgroundColor;
  if (bg === "rgba(0, 0, 0, 0)") bg = getComputedStyle(document.body).backgroundColor;
  const [a, b] = [lum(s.color), lum(bg)].sort((x, y) => y - x);
  return {name: el.textContent.trim(), ratio: (a + 0.05) / (b + 0.05)};
}"""


def test_buttons_keep_readable_words_when_focused_in_every_colour_scheme(tab, site_url):
    """In dark colours an outline button, once focused or clicked, was filled
    with the same light blue as its words, so "Save my answers as a file" went blank."""
    page = tab(DESKTOP)
    page.goto(site_url + "self-assessment/", wait_until="load")
    seen = set()
    for turn in range(len(SCHEMES)):
        scheme = toggle_scheme(page) if turn else body_scheme(page)
        seen.add(scheme)
        buttons = page.locator("#self-assessment .md-button:visible")
        assert buttons.count() >= 2, "the self-assessment's buttons are not there"
        for i in range(buttons.count()):
            button = buttons.nth(i)
            button.focus()
            page.evaluate(SETTLE)
            shown = button.evaluate(BUTTON_CONTRAST)
            assert shown["ratio"] >= 4.5, (scheme, shown)
        page.locator("body").focus()
    assert seen == set(SCHEMES.values())


# --- A site menu on every page (public pages hide the side menu) -------------

# What a reader looks for first, and where it lives.
MENU_TARGETS = {"guides/": "Guides", "templates/": "Templates", "self-assessment/": "Self-assessment"}
# The links a page shows now, outside its own text and outside the side menu and
# footer: [address, name, top, bottom]. Only what is drawn on screen counts.
VISIBLE_LINKS_OUTSIDE_THE_TEXT = """() => [...document.querySelectorAll('a[href]')].filter(a => {
    if (a.closest('article, .md-content, .md-sidebar, .md-footer')) return false;
    const style = getComputedStyle(a), box = a.getBoundingClientRect();
    let faded = false;
    for (let e = a; e; e = e.parentElement) if (getComputedStyle(e).opacity === '0') faded = true;
    return !faded && style.visibility !== 'hidden' && box.width > 0 && box.height > 0
      && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth;
  }).map(a => { const box = a.getBoundingClientRect();
                return [a.href, a.textContent.replace(/\\s+/g, ' ').trim(), box.top, box.bottom]; })"""


@pytest.mark.parametrize("path", ["", "model/", "easy-read/", "downloads/"],
                         ids=["home", "model", "easy-read", "downloads"])
def test_a_laptop_shows_the_site_menu_in_the_header_on_public_pages(tab, site_url, path):
    """Public pages hide the side menu; at 1280 px the header area still links
    to the main parts of the site, above the page's title, in view on arrival."""
    page = tab(LAPTOP)
    page.goto(site_url + path, wait_until="load")
    title_top = page.locator("article h1").bounding_box()["y"]
    links = page.evaluate(VISIBLE_LINKS_OUTSIDE_THE_TEXT)
    for target, name in MENU_TARGETS.items():
        found = [link for link in links if link[0] == site_url + target]
        assert found, f"/{path}: no link to /{target} in the header area at 1280 px: {links}"
        href, text, top, bottom = found[0]
        assert text == name, (target, text)
        assert bottom <= title_top, f"/{path}: the link to /{target} is below the page's title"


@pytest.mark.parametrize("width", [320, 375, 768, 1024, 1219, 1220, 1280, 1600])
def test_the_site_menu_is_in_reach_at_every_width(tab, site_url, width):
    """On the model page (no side menu): either the header area shows the links
    itself, or a visible Menu button opens them."""
    page = tab({"width": width, "height": 800})
    page.goto(site_url + "model/", wait_until="load")
    shown = {link[0] for link in page.evaluate(VISIBLE_LINKS_OUTSIDE_THE_TEXT)}
    menu = page.locator(".md-header").get_by_role("button", name="Menu")
    in_header = all(site_url + target in shown for target in MENU_TARGETS)
    assert in_header or menu.is_visible(), f"{width} px: no site menu and no Menu button"
    assert not (in_header and menu.is_visible()), f"{width} px: both the menu and the Menu button"
    if in_header:  # every section in view on one line: none scrolled out of sight
        fits = page.locator(".md-tabs__list").evaluate(
            "l => l.scrollWidth <= l.clientWidth && l.getBoundingClientRect().height < 60")
        assert fits, f"{width} px: the menu's tabs do not fit on one line"


@pytest.mark.parametrize("path", ["", "model/", "downloads/"], ids=["home", "model", "downloads"])
def test_the_phone_menu_button_opens_the_site_menu_on_a_public_page(tab, site_url, path):
    """A public page has no side menu: on a phone its Menu button opens the
    whole site's menu at the top, not only the page's own section."""
    page = tab(PHONE)
    page.goto(site_url + path, wait_until="load")
    drawer = page.locator(".md-sidebar--primary")
    for target in MENU_TARGETS:  # closed: the menu's links are not seen
        assert not drawer.locator(f'a[href$="{target}"]').first.is_visible()
    page.locator(".md-header").get_by_role("button", name="Menu").click()
    page.wait_for_timeout(400)  # the drawer slides in
    for target, name in MENU_TARGETS.items():
        link = drawer.get_by_role("link", name=name, exact=True).first
        assert link.is_visible(), f"the phone menu has no visible {name!r}"
        assert link.evaluate("a => a.href") == site_url + target
        # On top, not under the open section's panel: what a tap there reaches.
        on_top = link.evaluate("""a => { const r = a.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return r.left >= 0 && r.right <= innerWidth && hit !== null && a.contains(hit); }""")
        assert on_top, f"the phone menu's {name!r} link is hidden under another panel"


# --- Targets big enough to tap (WCAG 2.2, 2.5.8) -----------------------------------

# Pages with links alone in their paragraph or list item: the downloads, a case study's
# "All case studies", the About page's list for contributors; every page's "Suggest a change".
TAP_PAGES = {"downloads": "downloads/", "case study": "case-studies/reading-timebank/", "about": "about/"}

# Each link that is all the words of its paragraph, list item or cell, found from the page's
# words (not from our CSS): its text, its box, what a tap just inside its top and bottom edges
# lands on, and how tall its paragraph is without the extra room (see the next test).
ALONE = """() => [...document.querySelectorAll('article a[href], .cp-suggest a[href]')].filter(a => {
    const block = a.parentElement.closest('p, li, td, dt, dd');
    return block && a.getBoundingClientRect().width > 0 && block.textContent.trim() === a.textContent.trim();
  }).map(a => {
    const r = a.getBoundingClientRect(), x = r.left + Math.min(r.width / 2, 20);
    const hits = [r.top + 1, r.bottom - 1].map(y => { const e = document.elementFromPoint(x, y); return !!e && a.contains(e); });
    return [a.textContent.trim(), r.height, hits];
  })"""


@pytest.mark.parametrize("path", TAP_PAGES.values(), ids=TAP_PAGES.keys())
def test_a_link_alone_in_its_block_is_a_target_24_px_tall(tab, site_url, path):
    page = tab(PHONE)
    page.goto(site_url + path, wait_until="load")
    page.evaluate("() => document.fonts.ready")
    problems, found = [], []
    for y in range(0, page.evaluate("document.documentElement.scrollHeight"), PHONE["height"] // 2):
        page.evaluate(f"scrollTo(0, {y})")  # a tap lands only on what is on the screen
        for text, height, hits in page.evaluate(ALONE):
            if hits == [True, True] or text in found:
                found.append(text)
                if height < 24:
                    problems.append(f"{text!r} is {height:.1f} px tall")
    found = sorted(set(found))
    assert "Suggest a change to this page" in found, found  # a control: the test finds them
    assert len(found) >= 2, found
    assert not problems, f"/{path} at 375 px:\n" + "\n".join(sorted(set(problems)))


@pytest.mark.parametrize("path", TAP_PAGES.values(), ids=TAP_PAGES.keys())
def test_the_room_to_tap_a_link_changes_no_line_of_text(tab, site_url, path):
    """The extra room above and below a link alone in its block is padding on an inline link:
    a paragraph holding one link in a sentence matches it too, and must look the same."""
    page = tab(PHONE)
    page.goto(site_url + path, wait_until="load")
    page.evaluate("() => document.fonts.ready")
    changed = page.evaluate("""() => [...document.querySelectorAll('article :is(p, li), .cp-suggest')]
        .filter(b => b.querySelector(':scope > a')).map(b => {
          const links = [...b.querySelectorAll(':scope > a')];
          // Where each link's words sit (the words, not the link's box, which the padding grows).
          const words = a => { const r = document.createRange();
            r.selectNodeContents(document.createTreeWalker(a, NodeFilter.SHOW_TEXT).nextNode());
            return [...r.getClientRects()].map(q => [q.left, q.top]); };
          const before = [b.getBoundingClientRect().height, ...links.map(words)];
          const padded = links.map(a => getComputedStyle(a).paddingTop);
          links.forEach(a => a.style.paddingBlock = '0px');
          const after = [b.getBoundingClientRect().height, ...links.map(words)];
          links.forEach(a => a.style.paddingBlock = '');
          return [b.textContent.trim().slice(0, 50), before, after, padded];
        })""")
    padded = [text for text, _, _, pads in changed if any(p != "0px" for p in pads)]
    assert len(padded) >= 2, changed  # a control: some links have the room
    moved = [(text, before, after) for text, before, after, _ in changed if before != after]
    assert not moved, moved
