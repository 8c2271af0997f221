"""`make serve`: the preview reloads on save, under the site's content security policy.

MkDocs' server writes a live-reload script into each page it sends. The policy
allows it by a nonce made for each `mkdocs serve` (coproduction/csp.py), so the
page reloads itself when a file changes. A real build's policy has no nonce.
"""
from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytestmark = pytest.mark.browser

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float) -> str:
    end = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read().decode("utf-8")
        except OSError:
            if time.monotonic() > end:
                raise
            time.sleep(0.3)


def test_the_preview_reloads_when_a_page_is_saved(project_copy, page):
    port = free_port()
    assert port != 8000
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-strict"],
        cwd=project_copy, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        # The preview at the server's root, not under the published address's path.
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"})
    try:
        url = f"http://127.0.0.1:{port}/origins/"
        html = wait_for(url, 90)  # the first build
        policy = POLICY.search(html).group(1)
        nonce = re.search(r"'nonce-([A-Za-z0-9_-]+)'", policy)
        assert nonce and f'<script nonce="{nonce[1]}">' in html  # the server's script carries it
        assert "unsafe-inline" not in policy
        page.goto(url)
        assert page.locator("text=The preview shows this sentence now.").count() == 0
        source = project_copy / "docs" / "origins.md"
        source.write_text(source.read_text(encoding="utf-8").rstrip("\n") +
                          "\n\nThe preview shows this sentence now.\n", encoding="utf-8")
        # No click, no refresh: the page reloads itself after the rebuild.
        page.locator("text=The preview shows this sentence now.").wait_for(timeout=30_000)
        assert not [e for e in page.recorder.console_errors if "Content Security Policy" in e]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def test_a_real_build_has_no_nonce(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for path in pages:
        found = POLICY.search(path.read_text(encoding="utf-8"))
        assert found and "nonce-" not in found.group(1), path
