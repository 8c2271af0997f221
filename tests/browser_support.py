"""Helpers for the browser tests (import with `from browser_support import ...`).

Debian's chromium, driven by Playwright; no browser is downloaded.
"""
from __future__ import annotations

import http.server
import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, Chromium phones home at start-up (updates, sync, field trials).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-features=Translate,OptimizationHints,MediaRouter",
]
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Recorder:
    """What a page asked for and what it complained about."""

    def __init__(self, page):
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda msg: msg.type == "error" and self.console_errors.append(msg.text))
        page.on("pageerror", lambda err: self.console_errors.append(str(err)))

    def off_site(self, site_url: str) -> list[str]:
        return [u for u in self.requests
                if not (u.startswith(site_url) or u.startswith("data:") or u.startswith("blob:"))]


def open_context(browser, viewport=DESKTOP, java_script_enabled=True, color_scheme="light"):
    return browser.new_context(viewport=viewport, java_script_enabled=java_script_enabled,
                               color_scheme=color_scheme, service_workers="block")
