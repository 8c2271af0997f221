"""The control for the shared tab (browser_support.Tab): after reset(), a test
starts where a brand-new browser context would, whatever the test before it did."""
from __future__ import annotations

import pytest

from browser_support import PHONE, Tab, body_scheme, open_context, quick_fades, toggle_scheme

pytestmark = pytest.mark.browser

# What a test could carry over, read from the page and from the browser.
STATE = """() => ({
  stored: localStorage.length + sessionStorage.length,
  cookies: document.cookie,
  print: matchMedia('print').matches,
  dark: matchMedia('(prefers-color-scheme: dark)').matches,
  styled: getComputedStyle(document.body).fontFamily,
})"""


def state(page, site_url=None) -> dict:
    """What the page is like now; with `site_url`, on a fresh visit to the model page."""
    if site_url:
        page.goto(site_url + "model/", wait_until="load")
    seen = page.evaluate(STATE)  # first: detaching a CDP session drops emulated media
    cdp = page.context.new_cdp_session(page)
    cdp.send("Animation.enable")
    speed = cdp.send("Animation.getPlaybackRate")["playbackRate"]
    cdp.detach()
    return {**seen, "scheme": body_scheme(page), "speed": speed,
            "pages": len(page.context.pages), "size": page.viewport_size}


def test_a_reset_tab_is_a_first_visit(browser, site_url):
    fresh = open_context(browser, viewport=PHONE)
    try:
        expected = state(fresh.new_page(), site_url)
    finally:
        fresh.close()

    tab = Tab(browser)
    try:
        page = tab.open(PHONE)
        page.goto(site_url + "model/", wait_until="load")
        toggle_scheme(page)  # stored in localStorage
        page.evaluate("() => { sessionStorage.setItem('left', 'over'); document.cookie = 'left=over'; }")
        page.emulate_media(media="print", color_scheme="dark")
        quick_fades(page)
        dirty = state(page)
        # The test's changes really were there to undo.
        assert dirty["stored"] > expected["stored"] and dirty["cookies"] and dirty["print"] and dirty["dark"], dirty
        assert dirty["scheme"] != expected["scheme"] and dirty["speed"] != 1, dirty
        page.context.new_page()  # a second tab, as a test following a link into a new window leaves
        tab.reset()
        assert page.url == "about:blank"
        assert state(tab.open(PHONE), site_url) == expected
        # A route (here: no stylesheets) is undone too. (Playwright drops emulated media
        # on a page with a route, so this is a second round.)
        page.route("**/*.css", lambda route: route.abort())
        assert state(page, site_url)["styled"] != expected["styled"]
        tab.reset()
        assert state(tab.open(PHONE), site_url) == expected
        assert tab.page is page, "reset() kept the same tab"
    finally:
        tab.close()
