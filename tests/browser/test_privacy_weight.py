"""Privacy and weight: the controls for the every-page check, and screenshots.

test_every_page.py loads every page fresh and checks that each request goes to
our own server and that no page logs an error; it records what each page weighs.
Here: a planted request to another site must be seen, and a file Chromium did not
keep must still be weighed. Screenshots of the home and model pages go to
test-artifacts/screenshots/.
"""
from __future__ import annotations

import struct

import pytest

from playwright.sync_api import Error as PlaywrightError

from browser.weight import body_of
from browser_support import VIEWPORTS
from conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_a_body_chromium_did_not_keep_is_fetched_again_and_weighed(tab, built_site, site_url):
    """Chromium sometimes cannot give back what it fetched (browser/weight.py): the
    same file is then asked of the server again, and weighed."""
    class Dropped:
        url, status = site_url + "assets/images/favicon.svg", 200

        def body(self):
            raise PlaywrightError("Protocol error (Network.getResponseBody): No resource with given identifier found")

    assert body_of(Dropped(), tab()) == (built_site / "assets/images/favicon.svg").read_bytes()


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
