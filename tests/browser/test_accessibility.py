"""Every page passes axe-core's WCAG 2.2 A and AA rules in a real browser.

The full matrix: every built page, at a phone width and a desktop width, in
each of the three colour schemes (light, dark, high contrast). Each page is
loaded once, at one width, and then resized, as turning a phone or a window
does; the pages take turns at which width they load at, so each width is also
checked straight after a load. The scheme is changed the way a reader changes
it, by clicking Material's palette toggle, and each page opens in the scheme
chosen on the page before, so the test also proves the choice is remembered
from page to page.

At each width, every rule runs in the scheme the page opened in, and in the
other two schemes axe runs the rules it files under colour. A change of scheme
changes colours and nothing else that axe checks: the control below runs every
other rule in all three schemes and compares.
"""
from __future__ import annotations

import pytest

from browser_support import (SCHEMES, VIEWPORTS, WCAG_22_AA, axe_violations, body_scheme, colour_rules, content_pages,
                             describe, open_context, quick_fades, resize, toggle_scheme, with_axe)

pytestmark = pytest.mark.browser

# What the page itself says: its colour scheme and its width.
SCHEME_AND_WIDTH = "() => [document.body.dataset.mdColorScheme, innerWidth]"
EVERY_VIEW = sorted((scheme, viewport["width"]) for scheme in SCHEMES.values() for viewport in VIEWPORTS.values())


def test_the_page_list_is_the_whole_site(built_site):
    """A control: the matrix below must really visit every page, home included."""
    pages = content_pages(built_site)
    assert "" in pages and "model/" in pages
    assert len(pages) == len(list(built_site.rglob("*.html"))) - 1  # all but 404.html


@pytest.mark.slow(110)
def test_every_page_meets_wcag_22_aa_at_both_widths_in_every_colour_scheme(browser, built_site, site_url):
    context = open_context(browser)
    page = context.new_page()
    quick_fades(page)  # the search box fades to new colours after each resize
    problems, remembered, colour = [], None, None
    try:
        for number, path in enumerate(content_pages(built_site)):
            widths = list(VIEWPORTS) if number % 2 == 0 else list(VIEWPORTS)[::-1]
            resize(page, VIEWPORTS[widths[0]])
            page.goto(site_url + path, wait_until="load")
            scheme = body_scheme(page)
            assert remembered in (None, scheme), f"/{path} opened in {scheme!r}, not the chosen {remembered!r}"
            colour = colour or colour_rules(page)
            # Six views, with two scheme changes and three resizes: both widths in
            # the opening scheme, then in each scheme the width last seen first.
            views = []
            for turn in range(len(SCHEMES)):
                if turn:
                    toggle_scheme(page)
                for name in (widths if turn % 2 == 0 else widths[::-1]):
                    resize(page, VIEWPORTS[name])
                    scheme, width = page.evaluate(SCHEME_AND_WIDTH)
                    views.append((scheme, width))
                    rules = None if turn == 0 else colour
                    problems += [f"{describe(path, v)} [{scheme}, {width} px]" for v in axe_violations(page, rules)]
            assert sorted(views) == EVERY_VIEW, f"/{path} was checked in {views}"
            remembered = scheme
    finally:
        context.close()
    assert {"color-contrast", "link-in-text-block"} <= set(colour or []), colour
    assert not problems, "\n".join(problems)


def rule_results(page, rules: list[str]) -> dict:
    """For each rule: how many elements passed, failed or need a person to look."""
    return page.evaluate("""(rules) => axe.run(document, {runOnly: {type: 'rule', values: rules}, preload: false})
        .then(r => Object.fromEntries(['passes', 'violations', 'incomplete']
            .flatMap(k => r[k].map(x => [k + ' ' + x.id, x.nodes.length]))))""", rules)


@pytest.mark.parametrize("path", ["", "sources/"], ids=["home", "sources"])
@pytest.mark.parametrize("width", VIEWPORTS)
def test_outside_the_colour_rules_a_scheme_change_changes_nothing(browser, site_url, path, width):
    """The control for running only the colour rules after a scheme change: every
    other WCAG 2.2 AA rule gives the same result, element for element, in all three
    schemes (on the home page and the longest page)."""
    context = open_context(browser, viewport=VIEWPORTS[width])
    page = context.new_page()
    try:
        page.goto(site_url + path, wait_until="load")
        with_axe(page)
        colour = colour_rules(page)
        others = [r for r in page.evaluate("(tags) => axe.getRules(tags).map(r => r.ruleId)", WCAG_22_AA)
                  if r not in colour]
        results = {body_scheme(page): rule_results(page, others)}
        for _ in range(len(SCHEMES) - 1):
            results[toggle_scheme(page)] = rule_results(page, others)
    finally:
        context.close()
    assert sorted(results) == sorted(SCHEMES.values())
    first = results[SCHEMES["light"]]
    assert len(first) > 20, first
    for scheme, found in results.items():
        assert found == first, (scheme, {k: (first.get(k), found.get(k)) for k in first.keys() | found.keys()
                                         if first.get(k) != found.get(k)})


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
    must report them only after the toggle, with only the colour rules running, so it reads
    the scheme that is on. And axe runs the same rules with
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
        dark = {v["id"] for v in axe_violations(page, colour_rules(page))}
        ran = [page.evaluate("(o) => axe.run(document, o).then(r => ['passes', 'incomplete', 'inapplicable',"
                             " 'violations'].flatMap(k => r[k].map(x => x.id)).sort())",
                             {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "preload": preload})
               for preload in (True, False)]
    finally:
        context.close()
    assert "color-contrast" not in light and "color-contrast" in dark
    assert ran[0] == ran[1] and len(ran[0]) > 50
