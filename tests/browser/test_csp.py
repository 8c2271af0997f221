"""Every page carries a content security policy, and nothing on the site breaks under it.

The policy (coproduction/csp.py) lets pages load only from the site itself and
allows Material's few inline scripts by hash, worked out from the theme's templates. Chromium reports any blocked
script, style, font, image or connection as a console error.
"""
from __future__ import annotations

import base64
import hashlib
import re

import pytest

pytestmark = pytest.mark.browser

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def site_pages(built_site):
    return sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))


def csp_errors(page):
    return [e for e in page.recorder.console_errors if "Content Security Policy" in e]


def test_every_page_has_the_policy_before_any_script_or_style(built_site):
    hashed = 0
    for name in site_pages(built_site):
        html = (built_site / name).read_text(encoding="utf-8")
        found = POLICY.search(html)
        assert found, f"{name} has no content security policy"
        policy = dict(part.strip().split(" ", 1) for part in found.group(1).split(";"))
        for directive in ("default-src", "script-src", "style-src", "font-src", "img-src", "connect-src"):
            assert policy[directive].startswith("'self'"), (name, directive)
            assert "unsafe-inline" not in policy[directive] and "*" not in policy[directive].split()
        assert policy["frame-src"] == "'none'" and policy["object-src"] == "'none'"
        # Each inline script the browser will run is allowed by its hash, worked out here
        # with hashlib from the text in the built page (not with coproduction.csp).
        scripts = re.findall(r"<script>(.*?)</script>", html, re.DOTALL)
        hashed += len(scripts)
        for script in scripts:
            digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in policy["script-src"].split(), (name, script[:60])
        head = html[: html.index("</head>")]
        first_script = min((head.find(t) for t in ("<script", "<style", "<link") if t in head), default=len(head))
        assert found.start() < first_script, f"{name}: the policy must come before scripts and styles"
    assert hashed > 0  # Material writes inline scripts into every page


# That no page breaks under the policy (no blocked script, style, font or
# request) is checked in test_every_page.py's one visit to every page,
# which fails on any console error, a blocked resource included.


def test_theme_features_work_under_the_policy(site_url, page):
    """The colour toggle and the search (a web worker fetching the index) still work."""
    # Wait until the search worker has fetched and indexed the site.
    with page.expect_response(lambda r: r.url.endswith("search_index.json")):
        page.goto(site_url + "model/", wait_until="load")
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("steps", delay=50)
    # A function, not a string: a string would need eval(), which the policy blocks.
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0",
                           timeout=15_000)
    page.keyboard.press("Escape")
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"() => document.body.dataset.mdColorScheme !== {before!r}")
    assert not csp_errors(page), csp_errors(page)


def test_the_policy_really_blocks_an_inline_script(site_url, page):
    """A control: without it, 'no errors' above could mean 'no policy'."""
    page.goto(site_url, wait_until="load")
    page.evaluate("""() => {
        const s = document.createElement('script');
        s.textContent = 'window.__ranInline = true';
        document.head.appendChild(s);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ranInline === undefined")
    assert csp_errors(page), "Chromium should report the blocked script"
