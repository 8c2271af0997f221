"""Every page passes axe-core's WCAG 2.2 A and AA rules in a real browser.

The full matrix: every built page, in each of the three colour schemes
(light, dark, high contrast), at a phone width and a desktop width. One
browser for the run, one context per width and scheme. The colour scheme is
chosen the way a reader chooses it, by clicking Material's toggle, so the
test also proves the choice is remembered from page to page.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from browser_support import DESKTOP, PHONE, open_context

pytestmark = pytest.mark.browser

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe-core's tag names).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
WIDTHS = {"phone": PHONE, "desktop": DESKTOP}
# Material's scheme name, and what the browser says the reader prefers.
SCHEMES = {"light": ("default", "light"), "dark": ("slate", "dark"),
           "high-contrast": ("high-contrast", "light")}


def content_pages(built_site) -> list[str]:
    """Every page of the site as a URL path: each folder's index.html (not 404.html)."""
    paths = sorted(p.parent.relative_to(built_site).as_posix() + "/" for p in built_site.rglob("index.html"))
    return ["" if path == "./" else path for path in paths]


def body_scheme(page) -> str:
    return page.evaluate("() => document.body.dataset.mdColorScheme")


def choose_scheme(page, site_url: str, scheme: str) -> None:
    """Click the palette toggle until `scheme` is on, as a reader would."""
    page.goto(site_url, wait_until="load")
    toggles = page.locator("form[data-md-component=palette] label")
    for _ in range(toggles.count()):
        if body_scheme(page) == scheme:
            return
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert body_scheme(page) == scheme, f"the toggle never reached the {scheme!r} scheme"


def axe_violations(page) -> list[dict]:
    # Injected as a function body: works under the site's content security policy.
    page.evaluate("() => {" + AXE_SCRIPT + "\n}")
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                           " resultTypes: ['violations']})", WCAG_22_AA)
    return result["violations"]


def describe(path: str, violation: dict) -> str:
    node = violation["nodes"][0]
    summary = " ".join(node.get("failureSummary", "").split())
    return (f"/{path}: {violation['id']} ({violation['impact']}, {len(violation['nodes'])} element(s)),"
            f" first at {node['target']}: {summary}")


def test_the_page_list_is_the_whole_site(built_site):
    """A control: the matrix below must really visit every page, home included."""
    pages = content_pages(built_site)
    assert "" in pages and "model/" in pages
    assert len(pages) == len(list(built_site.rglob("*.html"))) - 1  # all but 404.html


@pytest.mark.slow(35)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_meets_wcag_22_aa(browser, built_site, site_url, scheme, width):
    material_scheme, preference = SCHEMES[scheme]
    context = open_context(browser, viewport=WIDTHS[width], color_scheme=preference)
    page = context.new_page()
    try:
        choose_scheme(page, site_url, material_scheme)
        problems = []
        for path in content_pages(built_site):
            page.goto(site_url + path, wait_until="load")
            assert body_scheme(page) == material_scheme, f"/{path} forgot the chosen colours"
            problems += [describe(path, v) for v in axe_violations(page)]
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
