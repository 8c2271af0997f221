"""axe-core in a real browser: the controls for the every-page check, and the search.

test_every_page.py runs axe's WCAG 2.2 A and AA rules, and its best-practice
rules, on every page at the three WIDTHS below in each of the three colour
schemes: every rule in the scheme a page opened in, and in the other two schemes
only the rules axe files under colour. The controls here show that those
shortcuts hide nothing: outside the colour rules a change of scheme changes no
result, axe does see a scheme change and a planted problem, and skipping axe's
preload drops no rule. The search, open with results, is checked here in every
scheme at every width.
"""
from __future__ import annotations

import math

import pytest

from browser_support import (SCHEMES, VIEWPORTS, WCAG_22_AA, axe_violations, body_scheme, colour_rules, describe,
                             quick_fades, search_for, toggle_scheme, with_axe)

pytestmark = pytest.mark.browser

# The smallest phone WCAG reflow asks for, a common phone, and a laptop.
WIDTHS = {"320": {"width": 320, "height": 640}, "375": VIEWPORTS["phone"], "1280": {"width": 1280, "height": 800}}
# WCAG 2.2 AA and axe-core's best practices (landmarks, heading order, ...).
TAGS = [*WCAG_22_AA, "best-practice"]

# What the page itself says: its colour scheme and its width.
SCHEME_AND_WIDTH = "() => [document.body.dataset.mdColorScheme, innerWidth]"
EVERY_VIEW = sorted((scheme, viewport["width"]) for scheme in SCHEMES.values() for viewport in WIDTHS.values())


def rule_results(page, rules: list[str]) -> dict:
    """For each rule: how many elements passed, failed or need a person to look."""
    return page.evaluate("""(rules) => axe.run(document, {runOnly: {type: 'rule', values: rules}, preload: false})
        .then(r => Object.fromEntries(['passes', 'violations', 'incomplete']
            .flatMap(k => r[k].map(x => [k + ' ' + x.id, x.nodes.length]))))""", rules)


@pytest.mark.parametrize("path", ["", "sources/"], ids=["home", "sources"])
@pytest.mark.parametrize("width", VIEWPORTS)
def test_outside_the_colour_rules_a_scheme_change_changes_nothing(tab, site_url, path, width):
    """The control for running only the colour rules after a scheme change: every
    other WCAG 2.2 AA rule gives the same result, element for element, in all three
    schemes (on the home page and the longest page)."""
    page = tab(VIEWPORTS[width])
    page.goto(site_url + path, wait_until="load")
    with_axe(page)
    colour = colour_rules(page, TAGS)
    others = [r for r in page.evaluate("(tags) => axe.getRules(tags).map(r => r.ruleId)", TAGS)
              if r not in colour]
    results = {body_scheme(page): rule_results(page, others)}
    for _ in range(len(SCHEMES) - 1):
        results[toggle_scheme(page)] = rule_results(page, others)
    assert sorted(results) == sorted(SCHEMES.values())
    first = results[SCHEMES["light"]]
    assert len(first) > 20, first
    for scheme, found in results.items():
        assert found == first, (scheme, {k: (first.get(k), found.get(k)) for k in first.keys() | found.keys()
                                         if first.get(k) != found.get(k)})


def test_axe_finds_a_planted_problem(tab, site_url):
    """A control: a grey-on-white paragraph and an unnamed button must be reported."""
    page = tab()
    page.goto(site_url, wait_until="load")
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.textContent = 'Faint words nobody can read';
        p.style.cssText = 'color:#bbb;background:#fff';
        const b = document.createElement('button');
        document.querySelector('article').append(p, b);
    }""")
    found = {v["id"] for v in axe_violations(page, tags=TAGS)}
    assert {"color-contrast", "button-name"} <= found


def test_a_scheme_change_is_seen_and_skipping_preload_drops_no_rule(tab, site_url):
    """Controls for the shortcuts above. Dark grey words on the page's own
    background are fine in the light scheme and too faint in the dark one: axe
    must report them only after the toggle, with only the colour rules running, so it reads
    the scheme that is on. And axe runs the same rules with
    `preload: false` as with its default, which fetches every stylesheet."""
    page = tab()
    page.goto(site_url, wait_until="load")
    assert body_scheme(page) == SCHEMES["light"]
    page.evaluate("""() => {
        const p = document.createElement('p');
        p.textContent = 'Dark grey words on the page colour';
        p.style.cssText = 'color:#333;background:var(--md-default-bg-color)';
        document.querySelector('article').append(p);
    }""")
    light = {v["id"] for v in axe_violations(page, tags=TAGS)}
    assert toggle_scheme(page) == SCHEMES["dark"]
    dark = {v["id"] for v in axe_violations(page, colour_rules(page, TAGS))}
    ran = [page.evaluate("(o) => axe.run(document, o).then(r => ['passes', 'incomplete', 'inapplicable',"
                         " 'violations'].flatMap(k => r[k].map(x => x.id)).sort())",
                         {"runOnly": {"type": "tag", "values": TAGS}, "preload": preload})
           for preload in (True, False)]
    assert "color-contrast" not in light and "color-contrast" in dark
    assert ran[0] == ran[1] and len(ran[0]) > 50


@pytest.mark.parametrize("width", WIDTHS)
def test_search_results_pass_in_every_colour_scheme(tab, site_url, width):
    """The search, open with results (its results bar, snippets and marked
    words), in each scheme: all of TAGS."""
    page = tab(WIDTHS[width])
    quick_fades(page)
    problems, seen = [], []
    page.goto(site_url + "model/", wait_until="load")
    for turn in range(len(SCHEMES)):
        if turn:
            toggle_scheme(page)
        page.keyboard.press("/")
        search_for(page, "payment", shown=".md-search-result mark")
        page.evaluate("async () => { for (const a of document.getAnimations()) await a.finished.catch(() => 0); }")
        seen.append(body_scheme(page))
        problems += [f"{describe('model/ (search open)', v)} [{seen[-1]}]" for v in axe_violations(page, tags=TAGS)]
        page.keyboard.press("Escape")
    assert sorted(seen) == sorted(SCHEMES.values())
    assert not problems, "\n".join(problems)


# --- Names of links -------------------------------------------------------------


def named_links(snapshot) -> list[tuple[str, str]]:
    """Each link in an accessibility snapshot (Playwright's aria_snapshot, read as YAML),
    as (its accessible name, its address as written)."""
    found = []
    if isinstance(snapshot, list):
        for item in snapshot:
            found += named_links(item)
    elif isinstance(snapshot, dict):
        for key, value in snapshot.items():
            if isinstance(key, str) and key.startswith('link "') and key.endswith('"'):
                urls = [v["/url"] for v in value or [] if isinstance(v, dict) and "/url" in v]
                found.append((key[len('link "'):-1], urls[0] if urls else ""))
            else:
                found += named_links(value)
    return found


@pytest.mark.parametrize("path", ["downloads/", "templates/"])
def test_each_link_name_on_the_download_pages_leads_to_one_place(page, site_url, path):
    """In a screen reader's list of links, five links called "Word (DOCX), 13 KB" to five
    files cannot be told apart: each name must lead to one place (WCAG 2.4.4)."""
    import yaml
    from urllib.parse import urljoin

    page.goto(site_url + path, wait_until="load")
    links = named_links(yaml.safe_load(page.locator("body").aria_snapshot()))
    files = [name for name, url in links if url.endswith((".docx", ".odt"))]
    assert len(files) == 10, links  # five templates, each as Word and as OpenDocument
    targets: dict[str, set[str]] = {}
    for name, url in links:
        # Material's heading anchors (¶) are left out: pointer only, not Tab stops (keyboard-access.html).
        if name != "¶":
            targets.setdefault(name, set()).add(urljoin(page.url, url))
    shared = {name: sorted(urls) for name, urls in targets.items() if len(urls) > 1}
    assert not shared, f"one name for several places: {shared}"
    # Each file's name holds the words on screen, as WCAG 2.5.3 asks: its format and its size.
    formats = {".docx": "Word (DOCX)", ".odt": "OpenDocument (ODT)"}
    for name, url in links:
        if url.endswith(tuple(formats)):
            size = math.ceil(len(page.request.get(urljoin(page.url, url)).body()) / 1024)
            assert name.endswith(f"{formats[url[url.rindex('.'):]]}, {size} KB"), (name, url)
