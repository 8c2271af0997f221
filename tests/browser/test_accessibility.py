"""Every page passes axe-core's WCAG 2.2 A and AA rules in a real browser.

The full matrix: every built page, in each of the three colour schemes
(light, dark, high contrast), at a phone width and a desktop width. One
context per width. Each page is loaded once and checked in all three schemes:
the scheme is changed the way a reader changes it, by clicking Material's
palette toggle, and each page opens in the scheme chosen on the page before,
so the test also proves the choice is remembered from page to page.
"""
from __future__ import annotations

import pytest

from browser_support import (SCHEMES, VIEWPORTS, WCAG_22_AA, axe_violations, body_scheme, content_pages, describe,
                             open_context, toggle_scheme)

pytestmark = pytest.mark.browser

def test_the_page_list_is_the_whole_site(built_site):
    """A control: the matrix below must really visit every page, home included."""
    pages = content_pages(built_site)
    assert "" in pages and "model/" in pages
    assert len(pages) == len(list(built_site.rglob("*.html"))) - 1  # all but 404.html


@pytest.mark.slow(60)
@pytest.mark.parametrize("width", VIEWPORTS)
def test_every_page_meets_wcag_22_aa_in_every_colour_scheme(browser, built_site, site_url, width):
    context = open_context(browser, viewport=VIEWPORTS[width])
    page = context.new_page()
    problems, remembered = [], None
    try:
        for path in content_pages(built_site):
            page.goto(site_url + path, wait_until="load")
            scheme = body_scheme(page)
            assert remembered in (None, scheme), f"/{path} opened in {scheme!r}, not the chosen {remembered!r}"
            checked = []
            for turn in range(len(SCHEMES)):
                if turn:
                    scheme = toggle_scheme(page)
                checked.append(scheme)
                problems += [f"{describe(path, v)} [{scheme}]" for v in axe_violations(page)]
            assert sorted(checked) == sorted(SCHEMES.values()), f"/{path} was checked in {checked}"
            remembered = scheme
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_axe_finds_a_planted_problem(browser, site_url):
    """A control: a grey-on-white paragraph and an unnamed button must be reported."""
    context = open_context(browser)
    page = context.new_page()
    try:
        page.goto(site_url, wait_until="load")
        page.evaluate("""() => {
            const p = document.createElement('p');
            p.textContent = 'Faint words nobody can read';
            p.style.cssText = 'color:#bbb;background:#fff';
            const b = document.createElement('button');
            document.querySelector('article').append(p, b);
        }""")
        found = {v["id"] for v in axe_violations(page)}
    finally:
        context.close()
    assert {"color-contrast", "button-name"} <= found


def test_a_scheme_change_is_seen_and_skipping_preload_drops_no_rule(browser, site_url):
    """Controls for the shortcuts above. Dark grey words on the page's own
    background are fine in the light scheme and too faint in the dark one: axe
    must report them only after the toggle, so it reads the scheme that is on. And axe runs the same rules with
    `preload: false` as with its default, which fetches every stylesheet."""
    context = open_context(browser)
    page = context.new_page()
    try:
        page.goto(site_url, wait_until="load")
        assert body_scheme(page) == SCHEMES["light"]
        page.evaluate("""() => {
            const p = document.createElement('p');
            p.textContent = 'Dark grey words on the page colour';
            p.style.cssText = 'color:#333;background:var(--md-default-bg-color)';
            document.querySelector('article').append(p);
        }""")
        light = {v["id"] for v in axe_violations(page)}
        assert toggle_scheme(page) == SCHEMES["dark"]
        dark = {v["id"] for v in axe_violations(page)}
        ran = [page.evaluate("(o) => axe.run(document, o).then(r => ['passes', 'incomplete', 'inapplicable',"
                             " 'violations'].flatMap(k => r[k].map(x => x.id)).sort())",
                             {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "preload": preload})
               for preload in (True, False)]
    finally:
        context.close()
    assert "color-contrast" not in light and "color-contrast" in dark
    assert ran[0] == ran[1] and len(ran[0]) > 50
