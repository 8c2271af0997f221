"""The Easy Read page in a real browser: picture left, words right, at phone and desktop widths;
each picture at least a third of its row, and the link to the PDF before the first row.

Screenshots go to test-artifacts/ (easy-read-320.png, -375, -1280) for people to look at.
"""
from __future__ import annotations

import pytest

from browser_support import DESKTOP, PHONE, axe_violations, describe
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
