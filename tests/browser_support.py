"""Helpers for the browser tests (import with `from browser_support import ...`).

Debian's chromium, driven by Playwright; no browser is downloaded.
"""
from __future__ import annotations

import http.server
import os
import re
import shutil
import weakref
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium phones home at start-up (updates, sync, field trials).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-features=Translate,OptimizationHints,MediaRouter",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
# The two widths the browser tests use, by the name in their test ids.
VIEWPORTS = {"phone": PHONE, "desktop": DESKTOP}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Recorder:
    """What a page asked for and what it complained about, until stop()."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self._page = page
        self._listeners = {
            "request": lambda request: self.requests.append(request.url),
            "console": lambda msg: msg.type == "error" and self.console_errors.append(msg.text),
            "pageerror": lambda err: self.console_errors.append(str(err)),
        }
        for event, listener in self._listeners.items():
            page.on(event, listener)

    def stop(self) -> None:
        for event, listener in self._listeners.items():
            self._page.remove_listener(event, listener)

    def off_site(self, site_url: str) -> list[str]:
        return [u for u in self.requests
                if not (u.startswith(site_url) or u.startswith("data:") or u.startswith("blob:"))]


def open_context(browser, viewport=DESKTOP, java_script_enabled=True, color_scheme="light"):
    return browser.new_context(viewport=viewport, java_script_enabled=java_script_enabled,
                               color_scheme=color_scheme, service_workers="block")


class Tab:
    """One browser tab that a test worker's browser tests take turns in (the `tab`
    and `page` fixtures in conftest.py), each test starting as a first visit would.

    A new page costs Chromium a new renderer process, which starts with nothing
    compiled or decoded: 0.6 s of processor time a test (a page in a new context:
    1.2 s; the next page in the same tab: 0.4 s), and the browser tests spent most
    of their time on it. Between tests, reset() undoes everything a test can change
    from here: other pages it opened, the animation speed (quick_fades), the
    address (about:blank), routes, stored data and cookies, and emulated media.
    Not the tab's history, which nothing can clear: a test must not go back past
    its own first page. Listeners are the test's to remove (Recorder.stop). A test
    that needs what cannot be undone (an init script, JavaScript off, another
    colour scheme preference) opens a context of its own. test_tab_reset.py checks
    reset() against a new context."""

    def __init__(self, browser):
        self.browser = browser
        self.context = self.page = None

    def open(self, viewport: dict = DESKTOP):
        """The tab, at this size (as open_context(browser, viewport).new_page() would be)."""
        if self.page is None or self.page.is_closed():
            self.close()
            self.context = open_context(self.browser)
            self.page = self.context.new_page()
        if self.page.viewport_size != viewport:
            self.page.set_viewport_size(viewport)
        return self.page

    def reset(self) -> None:
        """Back to a first visit; if anything is left that cannot be undone, a new context."""
        if self.page is None:
            return
        try:
            for other in self.context.pages:
                if other is not self.page:
                    other.close()
            for cdp in _QUICK_FADES.pop(self.page, []):
                cdp.detach()
            # Leave the page first, so none of its scripts can store anything after
            # the clear-out (cleared first and left after, Material's stored choice
            # of colours was back).
            url = urlsplit(self.page.url)
            self.page.goto("about:blank")
            self.page.unroute_all(behavior="ignoreErrors")
            if url.scheme in ("http", "https"):  # a blank page of that site clears its storage
                blank = f"{url.scheme}://{url.netloc}/tab-reset-blank"
                self.page.route(blank, lambda route: route.fulfill(body="<!doctype html>", content_type="text/html"))
                self.page.goto(blank)
                self.page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
                self.page.unroute_all()
                self.page.goto("about:blank")
            self.context.clear_cookies()
            # Last: detaching a DevTools session, or a route, drops emulated media.
            self.page.emulate_media(media="null", color_scheme="light")
        except Exception:  # a crashed or stuck page: start again
            self.close()

    def close(self) -> None:
        if self.context is not None:
            try:
                self.context.close()
            except Exception:
                pass
        self.context = self.page = None


# Fades and slides run this many times faster (DevTools' animation speed): what the
# reader sees when they end is the same, and a test does not wait out each one.
ANIMATION_SPEED = 20


def quick_fades(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Animation.enable")
    cdp.send("Animation.setPlaybackRate", {"playbackRate": ANIMATION_SPEED})
    _QUICK_FADES.setdefault(page, []).append(cdp)


# The DevTools sessions quick_fades() left on each page: the speed lasts as long as
# its session, so Tab.reset() ends them.
_QUICK_FADES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


# Wait until no animation or transition is running. One that is cut short (a
# colour fade replaced by another) rejects its promise; the loop then waits for
# whatever replaced it.
SETTLE = """async () => {
  for (let round = 0; round < 10; round++) {
    const running = document.getAnimations().filter(a => a.playState === "running");
    if (!running.length) return;
    await Promise.allSettled(running.map(a => a.finished));
  }
}"""


def resize(page, viewport: dict) -> None:
    """Give the page another width, as turning a phone or a window does. Wait two
    frames, for the theme to react to the resize, then for the colours to finish
    changing (the header's search box fades from its phone colours to its desktop ones)."""
    if page.viewport_size == viewport:
        return
    page.set_viewport_size(viewport)
    page.evaluate(f"""async () => {{
      await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
      await ({SETTLE})();
    }}""")


def search_for(page, words: str, shown: str = ".md-search-result__item") -> None:
    """Type `words` in the open search box until results show (`shown`): the
    search worker may still be reading its index when we first type."""
    for _ in range(20):
        page.locator("input.md-search__input").fill("")
        page.keyboard.type(words)
        page.wait_for_timeout(250)
        if page.locator(shown).count():
            return
    pytest.fail(f"typing {words!r} in the search showed no results")


def published_address() -> str:
    """Where the site is published, as the pages' own addresses start: SITE_URL, or the
    address that mkdocs.yml falls back to. Read from mkdocs.yml, not from a built page."""
    settings = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    fallback = re.search(r'^site_url: !ENV \[SITE_URL, "([^"]+)"\]$', settings, re.M)
    return os.environ.get("SITE_URL") or fallback.group(1)


def content_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path: each folder's index.html (not 404.html)."""
    paths = sorted(p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html"))
    return ["" if path == "./" else path for path in paths]


# --- Colour schemes ----------------------------------------------------------
# Material's three schemes, in the order its palette toggle steps through them.
SCHEMES = {"light": "default", "dark": "slate", "high-contrast": "high-contrast"}


def body_scheme(page) -> str:
    return page.evaluate("() => document.body.dataset.mdColorScheme")


def toggle_scheme(page) -> str:
    """Click the palette toggle, as a reader does, and wait for the colours to
    finish changing (Material fades link colours); the scheme now on."""
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.evaluate(SETTLE)
    return body_scheme(page)


# --- axe-core ----------------------------------------------------------------
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe-core's tag names).
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def with_axe(page) -> None:
    """Put axe-core on the page, once per page load."""
    if not page.evaluate("() => typeof axe === 'object'"):
        # Injected as a function body: works under the site's content security policy.
        page.evaluate("() => {" + AXE_SCRIPT + "\n}")


def axe_violations(page, rules: list[str] | None = None, tags: list[str] = WCAG_22_AA) -> list[dict]:
    """axe-core's violations of the rules with these tags (WCAG 2.2 AA unless told)
    on the page as it is now; with `rules`, only those rules' (a subset of the
    tags' rules, such as colour_rules()).

    `preload: false`: axe's preload only fetches and parses every stylesheet for
    css-orientation-lock, an experimental rule that these tags do not run
    (test_accessibility.py checks that the same rules run either way)."""
    with_axe(page)
    only = {"type": "rule", "values": rules} if rules is not None else {"type": "tag", "values": tags}
    result = page.evaluate("(only) => axe.run(document, {runOnly: only, resultTypes: ['violations'],"
                           " preload: false})", only)
    return result["violations"]


def colour_rules(page, tags: list[str] = WCAG_22_AA) -> list[str]:
    """The rules with these tags that axe-core itself files under colour ("cat.color":
    contrast, and links told apart from text by colour alone): the only rules whose
    results a change of colour scheme can change (test_accessibility.py checks this)."""
    with_axe(page)
    return page.evaluate("(tags) => axe.getRules(tags).filter(r => r.tags.includes('cat.color'))"
                         ".map(r => r.ruleId)", tags)


def describe(path: str, violation: dict) -> str:
    node = violation["nodes"][0]
    summary = " ".join(node.get("failureSummary", "").split())
    return (f"/{path}: {violation['id']} ({violation['impact']}, {len(violation['nodes'])} element(s)),"
            f" first at {node['target']}: {summary}")
