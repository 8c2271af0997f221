"""Shared fixtures: real builds of the real project, or of a temporary copy,
and real pages in a real browser (Debian's chromium driven by Playwright).

This is the only conftest.py, so `from conftest import run_build` works from
any test folder. Browser helpers live in browser_support.py.
"""
from __future__ import annotations

import functools
import http.server
import os
import threading
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, QuietHandler, Recorder, open_context

ROOT = Path(__file__).resolve().parent.parent
# What a copy of the project leaves out: outputs, caches and the environment.
IGNORED = shutil.ignore_patterns(".venv", "site", ".git", ".cache", "__pycache__",
                                 "*.egg-info", ".pytest_cache", "test-artifacts")
ARTIFACTS = ROOT / "test-artifacts"
# Tests build pages broken on purpose: their findings must not become annotations on a
# real pull request, so workflow commands are off unless a test turns them on.
os.environ.pop("GITHUB_ACTIONS", None)


def run_build(project: Path, *args: str, site_dir: Path | None = None,
              env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run `mkdocs build` in `project` the way the README does; output in .output."""
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    result = subprocess.run(command + list(args), cwd=project, env=full_env, capture_output=True,
                            text=True, timeout=timeout)
    result.output = result.stdout + result.stderr
    return result


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project that a test may break.

    It starts with a copy of the project's PDF cache (.cache/print/), so a build
    of an unchanged model does not render the PDF again; the PDF's key covers
    every input, so a test that changes one still gets a fresh render."""
    target = tmp_path / "project"
    shutil.copytree(ROOT, target, ignore=IGNORED)
    if (ROOT / ".cache" / "print").is_dir():
        shutil.copytree(ROOT / ".cache" / "print", target / ".cache" / "print")
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once per test run. Tests must not change it."""
    site = tmp_path_factory.mktemp("built") / "site"
    result = run_build(ROOT, site_dir=site)
    assert result.returncode == 0, result.output
    return site


@pytest.fixture(scope="session")
def model():
    from coproduction.model import load_model
    return load_model(ROOT / "data" / "model.yml")


@pytest.fixture(scope="session")
def quotes():
    from coproduction.model import load_quotes
    return load_quotes(ROOT / "data" / "quotes.yml")


# --- Browser fixtures -------------------------------------------------------


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site, served locally for the whole test run."""
    handler = functools.partial(QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: run `bash scripts/install-system-packages.sh test`")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser):
    ctx = open_context(browser)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    page.recorder = Recorder(page)
    yield page
    page.close()
