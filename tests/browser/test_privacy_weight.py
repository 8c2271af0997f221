"""Privacy and weight: every page, loaded fresh in Chromium.

Every request a page makes must go to our own server, and no page may log an
error, so none breaks under the content security policy (404.html: no policy error). The bytes each page fetched go to test-artifacts/page-weight.json, for
CI to keep and for benchmarks/page_weight.py to compare with stock Material.
Screenshots of the home and model pages go to test-artifacts/screenshots/.
"""
from __future__ import annotations

import json
import struct

import pytest

from playwright.sync_api import Error as PlaywrightError

from browser.weight import body_of, cold_page, weigh
from browser_support import PHONE, VIEWPORTS, Recorder, content_pages, open_context
from conftest import ARTIFACTS
from coproduction.atomic import write_text

pytestmark = pytest.mark.browser


@pytest.mark.slow(12)
def test_every_page_stays_on_site_without_errors_and_its_weight_is_recorded(browser, built_site, site_url):
    context = open_context(browser, viewport=PHONE)
    page = cold_page(context)
    recorder = Recorder(page)
    weights, problems = {}, []
    try:
        for path in content_pages(built_site):
            recorder.requests.clear()
            recorder.console_errors.clear()
            weight = weigh(page, site_url + path)
            problems += [f"/{path} asked another site for {url}" for url in recorder.off_site(site_url)]
            problems += [f"/{path} logged an error: {error}" for error in recorder.console_errors]
            problems += [f"/{path} got {f.status} for {f.url}" for f in weight.fetches if f.status >= 400]
            weights["/" + path] = weight.as_dict()
        # The not-found page too (not weighed; this pass replaced test_csp's own visit of
        # every page). Its links start with the deployed site's path (site_url), which
        # this local server does not have, so here only policy errors count.
        recorder.requests.clear()
        recorder.console_errors.clear()
        page.goto(site_url + "404.html", wait_until="load")
        problems += [f"/404.html asked another site for {url}" for url in recorder.off_site(site_url)]
        problems += [f"/404.html broke the content security policy: {error}"
                     for error in recorder.console_errors if "Content Security Policy" in error]
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    # Each page fetched at least its own HTML and a stylesheet, and each was counted.
    for path, weight in weights.items():
        types = {f["content_type"] for f in weight["files"]}
        assert {"text/html", "text/css"} <= types, (path, types)
        assert weight["raw_bytes"] >= weight["gzip_bytes"] > 0
    write_text(ARTIFACTS / "page-weight.json", json.dumps(weights, indent=1) + "\n")


def test_a_body_chromium_did_not_keep_is_fetched_again_and_weighed(browser, built_site, site_url):
    """Chromium sometimes cannot give back what it fetched (browser/weight.py): the
    same file is then asked of the server again, and weighed."""
    class Dropped:
        url, status = site_url + "assets/images/favicon.svg", 200

        def body(self):
            raise PlaywrightError("Protocol error (Network.getResponseBody): No resource with given identifier found")

    context = open_context(browser)
    try:
        assert body_of(Dropped(), context.new_page()) == (built_site / "assets/images/favicon.svg").read_bytes()
    finally:
        context.close()


def test_the_privacy_check_sees_a_request_to_another_site(page, site_url):
    """A control: a planted off-site image must show up in what we check."""
    page.goto(site_url, wait_until="load")
    page.evaluate("() => { const i = new Image(); i.src = 'https://example.org/pixel.png'; }")
    page.wait_for_timeout(300)
    assert any("example.org" in url for url in page.recorder.off_site(site_url))


def png_size(data: bytes) -> tuple[int, int]:
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("path", ["", "model/"], ids=["home", "model"])
@pytest.mark.parametrize("width", VIEWPORTS)
def test_screenshot_fits_the_screen(tab, site_url, path, width):
    """Full-page screenshots for people to look at; the page must not scroll sideways."""
    viewport = VIEWPORTS[width]
    page = tab(viewport)
    page.goto(site_url + path, wait_until="load")  # images and stylesheets are in
    page.evaluate("() => document.fonts.ready")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    shot = page.screenshot(full_page=True)
    assert overflow <= 0, f"/{path} is {overflow}px wider than a {viewport['width']}px screen"
    assert png_size(shot)[0] == viewport["width"]
    name = (path.strip("/") or "home") + f"-{width}.png"
    target = ARTIFACTS / "screenshots" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(shot)
