"""Every page, loaded once, for every check that needs the whole site.

Each page is loaded fresh (the browser cache off), and then:

- Privacy and weight: every request the visit makes must go to our own server,
  and no page may log an error, so none breaks under the content security policy
  (404.html: no policy error). The bytes each page fetched on loading go to
  test-artifacts/page-weight/, a file for each part (PARTS), for CI to keep and
  for people to compare with stock Material (benchmarks/page_weight.py).
- Accessibility: axe-core's WCAG 2.2 A and AA rules, and its best-practice rules,
  at 320, 375 and 1280 px wide, in each of the three colour schemes (light, dark,
  high contrast). The page is resized, as turning a phone or a window does; the
  pages take turns at which width they load at, so each width is also checked
  straight after a load. The scheme is changed the way a reader changes it, by
  clicking Material's palette toggle, and each page opens in the scheme chosen on
  the page before, so the test also proves the choice is remembered from page to
  page. At each width, every rule runs in the scheme the page opened in, and in
  the other two schemes axe runs the rules it files under colour: a change of
  scheme changes colours and nothing else that axe checks (the control is in
  test_accessibility.py, with the other axe controls).
- Tables on a phone: at 320 px, the narrowest screen WCAG's reflow rule names,
  no table on a reader's page is wider than the screen, so nobody has to scroll
  sideways to read a row. The two contributors' pages of scores and build
  messages (WIDE_TABLES_ALLOWED) may scroll, behind Material's box and our cue.
- The side menu: at 1280 px, a page shows a side menu only if it leads to
  another page (a page outside the menu's sections has none, not an empty one).
- Keyboard: at 1280 px, in the scheme the page ended in, Tab goes through the
  page's own text, and every stop must show a focus ring on screen. The header,
  menu, contents and footer come from the same theme template on every page and
  differ only by which section is open, so they are tabbed through in full on one
  page per section (about half the Tab presses of a full round on every page).

One load serves them all: loading a page is a small part of what they cost
(axe's colour checks are most of it), but three passes loaded every page three times.
"""
from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from browser.test_accessibility import EVERY_VIEW, SCHEME_AND_WIDTH, TAGS, WIDTHS
from browser.test_keyboard import one_page_per_section, tab_through, tab_through_the_text
from browser.weight import cold_page, weigh
from browser_support import (SCHEMES, Recorder, axe_violations, body_scheme, colour_rules, content_pages, describe,
                             open_context, quick_fades, resize, toggle_scheme)
from conftest import ARTIFACTS
from coproduction.atomic import write_text

pytestmark = pytest.mark.browser

# The pages in PARTS runs of pages next to each other, one test each, so the test
# workers share them. Each page keeps its place in the whole list for its opening
# width, and each run has several pages, so the chosen scheme is still carried
# from page to page.
PARTS = 4
# Pages for contributors whose tables are wider than a phone, and may scroll:
# the readability scores (seven columns) and the build's messages.
WIDE_TABLES_ALLOWED = {"about/readability/", "about/build-errors/"}
# The first heading of each table on the page that scrolls sideways in its box
# (Material wraps each table in .md-typeset__scrollwrap, which scrolls).
WIDE_TABLES = """() => [...document.querySelectorAll('article table')]
    .filter(table => { const box = table.closest('.md-typeset__scrollwrap') || table.parentElement;
                       return box.scrollWidth > box.clientWidth + 1; })
    .map(table => table.rows[0].cells[0].textContent.trim())"""

# The pages the side menu links to, as shown at this width: None if there is no side menu.
SIDE_MENU = """() => { const menu = document.querySelector('.md-sidebar--primary');
    if (!menu || menu.hidden || !menu.offsetWidth) return null;
    return [...menu.querySelectorAll('a[href]')].filter(a => a.offsetWidth && a.getBoundingClientRect().left >= 0)
        .map(a => a.pathname); }"""


def my_pages(built_site, part: int) -> list[tuple[int, str]]:
    """This part's pages, each with its place in the whole list."""
    pages = list(enumerate(content_pages(built_site)))
    size = -(-len(pages) // PARTS)
    return pages[part * size:(part + 1) * size]


def test_the_page_list_is_the_whole_site(built_site):
    """A control: the parts below must really visit every page, home included,
    together every page once, and tab in full through more than a few sections."""
    pages = content_pages(built_site)
    assert "" in pages and "model/" in pages
    assert len(pages) == len(list(built_site.rglob("*.html"))) - 1  # all but 404.html
    assert [path for part in range(PARTS) for _, path in my_pages(built_site, part)] == pages
    full = one_page_per_section(pages)
    assert len(full) > 5 and "" in full, full
    assert WIDE_TABLES_ALLOWED <= set(pages), WIDE_TABLES_ALLOWED


@pytest.mark.slow(36)
@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_stays_on_site_meets_wcag_22_aa_and_shows_focus(browser, built_site, site_url, part):
    mine = my_pages(built_site, part)
    assert len(mine) >= 3, f"part {part} has only {len(mine)} pages"
    full = one_page_per_section(content_pages(built_site))
    context = open_context(browser)
    page = cold_page(context)
    recorder = Recorder(page)
    quick_fades(page)  # the search box fades to new colours after each resize
    problems, hidden, weights, remembered, colour = [], [], {}, None, None
    try:
        for number, path in mine:
            recorder.requests.clear()
            recorder.console_errors.clear()
            widths = list(WIDTHS)[number % 3:] + list(WIDTHS)[:number % 3]
            resize(page, WIDTHS[widths[0]])
            # Privacy and weight: the load itself.
            weight = weigh(page, site_url + path)
            problems += [f"/{path} got {f.status} for {f.url}" for f in weight.fetches if f.status >= 400]
            weights["/" + path] = {"width": WIDTHS[widths[0]]["width"], **weight.as_dict()}
            # Accessibility: nine views, with two scheme changes: every width in the
            # opening scheme, then in each scheme the width last seen first.
            scheme = body_scheme(page)
            assert remembered in (None, scheme), f"/{path} opened in {scheme!r}, not the chosen {remembered!r}"
            colour = colour or colour_rules(page, TAGS)
            views = []
            for turn in range(len(SCHEMES)):
                if turn:
                    toggle_scheme(page)
                for name in (widths if turn % 2 == 0 else widths[::-1]):
                    resize(page, WIDTHS[name])
                    scheme, width = page.evaluate(SCHEME_AND_WIDTH)
                    views.append((scheme, width))
                    found = axe_violations(page, None if turn == 0 else colour, TAGS)
                    problems += [f"{describe(path, v)} [{scheme}, {width} px]" for v in found]
                    if turn == 0 and name == "320" and path not in WIDE_TABLES_ALLOWED:
                        problems += [f"/{path}: the table that starts '{first}' is wider than a 320 px screen"
                                     for first in page.evaluate(WIDE_TABLES)]
            assert sorted(views) == EVERY_VIEW, f"/{path} was checked in {views}"
            remembered = scheme
            # Keyboard, last: it moves the focus and the page's address. First back to
            # where a load leaves Tab: nothing focused, starting from the top (in HTML
            # the fragment "#top" is the top of the document, and Tab starts there).
            resize(page, WIDTHS["1280"])
            menu = page.evaluate(SIDE_MENU)
            if menu is not None and not set(menu) - {urlsplit(site_url + path).path}:
                problems.append(f"/{path}: the side menu shows {'only this page' if menu else 'nothing'}")
            page.evaluate("() => { document.activeElement.blur(); location.hash = '#top'; }")
            if path in full:
                stops = tab_through(page)
                assert len(stops) > 5, f"/{path}: only {len(stops)} things took focus"
            else:
                stops = tab_through_the_text(page, path)
            hidden += [f"/{path}: {stop['id']} (ring: {stop['ring']}, on screen: {stop['seen']})"
                       for stop in stops if not (stop["ring"] and stop["seen"])]
            # Privacy again: the whole visit, not only the load.
            problems += [f"/{path} asked another site for {url}" for url in recorder.off_site(site_url)]
            problems += [f"/{path} logged an error: {error}" for error in recorder.console_errors]
        if part == PARTS - 1:
            # The not-found page too (not weighed). Its links start with the deployed
            # site's path (site_url), which this local server does not have, so here
            # only policy errors count.
            recorder.requests.clear()
            recorder.console_errors.clear()
            page.goto(site_url + "404.html", wait_until="load")
            problems += [f"/404.html asked another site for {url}" for url in recorder.off_site(site_url)]
            problems += [f"/404.html broke the content security policy: {error}"
                         for error in recorder.console_errors if "Content Security Policy" in error]
    finally:
        context.close()
    assert {"color-contrast", "link-in-text-block"} <= set(colour or []), colour
    assert not problems, "\n".join(problems)
    assert not hidden, "focus cannot be seen on:\n" + "\n".join(hidden)
    # Each page fetched at least its own HTML and a stylesheet, and each was counted.
    for path, weight in weights.items():
        types = {f["content_type"] for f in weight["files"]}
        assert {"text/html", "text/css"} <= types, (path, types)
        assert weight["raw_bytes"] >= weight["gzip_bytes"] > 0
    write_text(ARTIFACTS / "page-weight" / f"part-{part + 1}-of-{PARTS}.json", json.dumps(weights, indent=1) + "\n")
