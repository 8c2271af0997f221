"""The Easy Read page in a real browser: picture left, words right, at phone and desktop widths;
each picture at least a third of its row, and the link to the PDF before the first row.

Screenshots go to test-artifacts/ (easy-read-320.png, -375, -1280, and at 320 and 375 px with
text at 200%) for people to look at.
"""
from __future__ import annotations

import pytest

from browser_support import DESKTOP, PHONE, axe_violations, describe, open_context
from conftest import ARTIFACTS, ROOT
from coproduction.easy_read import load_easy_read

pytestmark = pytest.mark.browser

WIDTHS = (320, 375, 1280)
# test_every_page.py runs axe on every page at these widths; here axe runs at the others.
AXE_ELSEWHERE = (PHONE["width"], DESKTOP["width"])


def axe_here(page, path: str, width: int) -> list[str]:
    return [] if width in AXE_ELSEWHERE else [describe(path, v) for v in axe_violations(page)]


@pytest.mark.parametrize("width", WIDTHS)
def test_each_row_has_its_picture_left_of_its_words_and_nothing_runs_off(tab, site_url, width):
    page = tab({"width": width, "height": 800})
    page.goto(site_url + "easy-read/", wait_until="load")
    rows = page.evaluate("""() => [...document.querySelectorAll('.easy-read__row')].map(row => {
        const pic = row.querySelector('svg').getBoundingClientRect();
        const text = row.querySelector('p').getBoundingClientRect();
        return {pic: [pic.left, pic.right, pic.width, pic.top, pic.bottom],
                row: row.getBoundingClientRect().width,
                text: [text.left, text.right, text.top, text.bottom],
                size: parseFloat(getComputedStyle(row.querySelector('p')).fontSize),
                label: row.querySelector('svg').getAttribute('aria-label')};
    })""")
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    pdf_first = page.evaluate("""() => {
        const link = document.querySelector('a[href$="co-production-model-easy-read.pdf"]');
        const row = document.querySelector('.easy-read__row');
        return !!link && !!(link.compareDocumentPosition(row) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"easy-read-{width}.png"), full_page=True)
    problems = axe_here(page, "easy-read/", width)
    page.goto(site_url + "downloads/", wait_until="load")
    problems += axe_here(page, "downloads/", width)
    page.screenshot(path=str(ARTIFACTS / f"downloads-{width}.png"), full_page=True)
    easy = load_easy_read(ROOT / "data" / "easy-read.yml")
    assert len(rows) == sum(len(section.rows) for section in easy.sections)
    assert pdf_first, "the link to the PDF is not above the first row"
    for row in rows:
        assert row["pic"][2] >= row["row"] / 3, row  # the picture is at least a third of its row
        pic_left, pic_right, pic_width, pic_top, pic_bottom = row["pic"]
        text_left, text_right, text_top, text_bottom = row["text"]
        assert pic_right <= text_left, row  # picture on the left, words on the right
        assert pic_top < text_bottom and text_top < pic_bottom, row  # side by side, not stacked
        assert pic_width >= 60 and row["label"], row  # a real picture, with a name
        assert text_right <= width and row["size"] >= 18, row  # large type that fits the screen
    assert wide <= width, f"the page is {wide} px wide on a {width} px screen"
    assert not problems, "\n".join(problems)


# Text at 200% comes two ways here: the browser's own text size setting at 32 px
# (its em also sizes media queries), and the page's root text set to twice its size.
TEXT_SETTING, ROOT_TEXT = "text-setting-200", "root-text-200"

# For each word kept whole (.whole): how many lines it takes, and whether it would fit
# on one line of its parent (its width on one line, measured in a copy, with a pixel to spare).
WHOLE_WORDS = """() => [...document.querySelectorAll('article .whole')].map(word => {
    // The line's box: the nearest parent that is not inline (a hard word's <strong> is).
    let block = word.parentElement;
    while (getComputedStyle(block).display === 'inline') block = block.parentElement;
    const copy = word.cloneNode(true);
    copy.style.cssText = 'display: inline; white-space: nowrap; position: absolute; visibility: hidden';
    word.parentElement.append(copy);
    const oneLine = copy.getBoundingClientRect().width;
    copy.remove();
    const parent = getComputedStyle(block);
    const room = block.clientWidth - parseFloat(parent.paddingLeft) - parseFloat(parent.paddingRight);
    const lines = Math.round(word.getBoundingClientRect().height / parseFloat(getComputedStyle(word).lineHeight));
    return {text: word.textContent, lines, fits: oneLine < room - 1};  // a word that just fills the line may wrap
})"""

# Every piece of text in the article whose right edge is past the window's.
CUT_OFF = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(walker.currentNode);
        for (const box of range.getClientRects())
            if (box.width && box.right > document.documentElement.clientWidth + 0.5)
                out.push(walker.currentNode.textContent.trim().slice(0, 30) + ' ends at ' + Math.round(box.right));
    }
    return out;
}"""

# The words in the box that downloads the PDF that are broken across lines ("book-let",
# or one letter a line): each word, as a range of its text, should be one box.
BROKEN_IN_THE_BUTTON = """() => {
    const out = [];
    const walker = document.createTreeWalker(document.querySelector('.pdf-download__link'), NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        for (const found of node.textContent.matchAll(/\\S+/g)) {
            const range = document.createRange();
            range.setStart(node, found.index);
            range.setEnd(node, found.index + found[0].length);
            if (range.getClientRects().length > 1) out.push(found[0]);
        }
    }
    return out;
}"""


@pytest.mark.parametrize("width, text", [(320, None), (375, None), (375, TEXT_SETTING), (375, ROOT_TEXT),
                                         (320, TEXT_SETTING), (320, ROOT_TEXT)])
def test_easy_read_reflows_with_no_sideways_scroll_and_keeps_words_whole_where_they_fit(browser, site_url, width, text):
    """WCAG 1.4.10 (reflow) and 1.4.4 (text at 200%): nothing runs off the side, and a hyphenated word
    ("Co-production") stays on one line wherever it fits there, and breaks only where it cannot."""
    context = open_context(browser, {"width": width, "height": 800})
    try:
        page = context.new_page()
        if text == TEXT_SETTING:
            cdp = context.new_cdp_session(page)
            cdp.send("Page.enable")
            cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 32}})
        page.goto(site_url + "easy-read/", wait_until="load")
        if text == ROOT_TEXT:
            page.evaluate("() => { const html = document.documentElement;"
                          " html.style.fontSize = 2 * parseFloat(getComputedStyle(html).fontSize) + 'px'; }")
        page.evaluate("() => document.fonts.ready")
        if text:  # the larger text is really on: the root is at least the 32 px asked for
            assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 32
        scroll, client = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        cut = page.evaluate(CUT_OFF)
        words = page.evaluate(WHOLE_WORDS)
        broken = page.evaluate(BROKEN_IN_THE_BUTTON)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"easy-read-{width}-{text or 'text-100'}.png"))
    finally:
        context.close()
    assert scroll <= client, f"the page scrolls sideways: {scroll} px wide in a {client} px window"
    assert not cut, cut
    assert not broken, f"words broken across lines in the download box: {broken}"
    assert any(w["text"].lower() == "co-production" for w in words)
    split = [w["text"] for w in words if w["fits"] and w["lines"] > 1]
    assert not split, f"split across lines although they fit on one: {split}"
    if text is None:  # at 100% every hyphenated word fits
        assert all(w["fits"] for w in words), [w for w in words if not w["fits"]]
