"""Shared fixtures: real builds of the real project, or of a temporary copy,
and real pages in a real browser (Debian's chromium driven by Playwright).

This is the only conftest.py, so `from conftest import run_build` works from
any test folder. Browser helpers live in browser_support.py.
"""
from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from browser_support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, QuietHandler, Recorder, Tab
from builds import run_build

ROOT = Path(__file__).resolve().parent.parent
# What a copy of the project leaves out: outputs, caches and the environment.
IGNORED = shutil.ignore_patterns(".venv", "site", ".git", ".cache", "__pycache__",
                                 "*.egg-info", ".pytest_cache", "test-artifacts")
ARTIFACTS = ROOT / "test-artifacts"
# Tests build pages broken on purpose: their findings must not become annotations on a
# real pull request, so workflow commands are off unless a test turns them on.
os.environ.pop("GITHUB_ACTIONS", None)


def pytest_collection_modifyitems(items):
    """Tests marked `slow(seconds)` (about that long each under `make test`) run first,
    longest first, so that pytest-xdist, handing out one or two tests at a time
    (--maxschedchunk 1 in the Makefile), starts them at once on different workers and
    fills the others with short tests meanwhile, instead of leaving one worker with a
    queue of them at the end. Only the order changes."""
    def seconds(item) -> float:
        mark = item.get_closest_marker("slow")
        return -mark.args[0] if mark else 0
    items.sort(key=seconds)  # stable: every other test keeps its place


# The caches a copy of the project starts with: the PDFs (.cache/print/), the Word and
# OpenDocument templates (.cache/office/, pandoc: 0.7 s a build) and the plain-English
# gate's results (.cache/readability/). Each key covers every input and the code, so
# a test that changes one still gets a fresh render or a fresh verdict.
COPIED_CACHES = ("print", "office", "readability")


@pytest.fixture
def project_copy(tmp_path, built_site) -> Path:
    """A throwaway copy of the project that a test may break.

    It starts with a copy of the project's caches (COPIED_CACHES), so a build of
    unchanged pages does not render the PDFs, the templates or the verdicts again.
    It waits for built_site, the build of the project itself that fills them (from a
    fresh clone too), so no copy renders the same PDFs again on its own."""
    target = tmp_path / "project"
    shutil.copytree(ROOT, target, ignore=IGNORED)
    for cache in COPIED_CACHES:
        if (ROOT / ".cache" / cache).is_dir():
            shutil.copytree(ROOT / ".cache" / cache, target / ".cache" / cache)
    return target


def shared_once(tmp_path_factory, name: str, make) -> Path:
    """Run `make(folder)` once per test run, whichever pytest-xdist worker asks
    first; the other workers wait for it and reuse the folder (pytest-xdist's
    documented recipe for sharing a session fixture, with a file lock). A failed
    `make` is not cached: every test that asks for it fails with its message."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the workers of this run only
    folder, done = base / f"shared-{name}", base / f"shared-{name}.done"
    with open(base / f"shared-{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once per test run (not once per worker). Tests must not change it."""
    def build(folder: Path) -> None:
        result = run_build(ROOT, site_dir=folder / "site")
        assert result.returncode == 0, result.output
    return shared_once(tmp_path_factory, "built", build) / "site"


@pytest.fixture(scope="session")
def readme_build(tmp_path_factory) -> Path:
    """README.md's first step, `make build`, in a copy of the project: the Makefile's own
    build target with this checkout's environment (-o: never reinstall it), with
    SOURCE_DATE_EPOCH set to the commit's time as a release build would, in another time
    zone. Run once and shared by test_reproducible.py and test_templates.py; returns the
    copy (its site/ and .cache/print/)."""
    def build(folder: Path) -> None:
        project = folder / "project"
        shutil.copytree(ROOT, project, ignore=IGNORED)
        venv = Path(sys.executable).parent.parent
        commit_time = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                                     capture_output=True, text=True).stdout.strip() or "1795443155"
        result = subprocess.run(["make", "-o", str(venv / ".installed"), "build", f"VENV={venv}"], cwd=project,
                                env={**os.environ, "SOURCE_DATE_EPOCH": commit_time, "NO_MKDOCS_2_WARNING": "1",
                                     "TZ": "Pacific/Auckland"},
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
    return shared_once(tmp_path_factory, "readme-build", build) / "project"


# One copy of the project with several independent edits, built once, serves every
# "one edit in the data changes every place" test (each checks its own edit):
EDITS = {
    # test_design.py: two short names, one value and one step
    "value short name": ("data/model.yml", "    - Everyone owns it ", "    - Shared by all of us "),
    "step short name": ("data/model.yml", "    - Leaders who back it\n", "    - Champions at the top\n"),
    # test_model_data.py: the words of step 4
    "step words": ("data/model.yml", "Get agreement from senior leaders to champion co-production\n",
                   "Get agreement from senior leaders to champion co-production every single day\n"),
    # test_design.py: a contact address set in mkdocs.yml
    "contact email": ("mkdocs.yml", '  contact_email: ""\n', '  contact_email: "hello@example.org"\n'),
    # test_hostile_content.py: a description with a double quote and an ampersand
    "description with a quote": ("docs/slogans.md", "\ndescription: Five short slogans about co-production by"
                                 " Fiona Carey, co-chair of C4CC, what each means in practice, and other sayings.\n",
                                 "\ndescription: 'Say \"hello\" & wave'\n"),
    # test_hostile_content.py: a page's title from its heading (step 6's guide: "Step 6: " and the
    # step's short name), with a double quote and an ampersand
    "title with a quote": ("data/model.yml", "    - Make it how you work\n", '    - Make it "how" & why\n'),
}


def set_value_status(project: Path, number: int, status: str) -> None:
    """Change the status line of value `number` in the copy's data/model.yml."""
    path = project / "data" / "model.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("values:"))
    items = [i for i in range(start, len(lines)) if lines[i].startswith("    - text:")]
    at = next(i for i in range(items[number - 1], len(lines)) if lines[i].startswith("      status:"))
    lines[at] = f"      status: {status}\n"
    path.write_text("".join(lines), encoding="utf-8")


@pytest.fixture(scope="session")
def edited_site(tmp_path_factory) -> Path:
    """The site of a project copy with every edit in EDITS made, and (test_doubt_marks.py)
    every value marked `verified`. Built once per test run; tests must not change it."""
    def build(folder: Path) -> None:
        project = folder / "project"
        shutil.copytree(ROOT, project, ignore=IGNORED)
        for what, (file, old, new) in EDITS.items():
            path = project / file
            text = path.read_text(encoding="utf-8")
            assert text.count(old) == 1, f"{what}: {old!r} is not in {file} exactly once"
            path.write_text(text.replace(old, new), encoding="utf-8")
        for number in range(1, 6):
            set_value_status(project, number, "verified")
        # test_readability_build.py: a hard page with a reasoned override
        from test_readability_build import HARD_PAGE, OVERRIDE
        (project / "docs" / "origins.md").write_text(OVERRIDE + HARD_PAGE.split("---\n", 2)[2], encoding="utf-8")
        # test_case_studies.py: a new case study, written from the template
        from test_case_studies import NEW_CASE_STUDY
        (project / "docs" / "case-studies" / "zz-new-example.md").write_text(NEW_CASE_STUDY, encoding="utf-8")
        result = run_build(project, site_dir=folder / "site")
        assert result.returncode == 0, result.output
    return shared_once(tmp_path_factory, "edited", build) / "site"


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


@pytest.fixture(scope="session")
def tabs(browser):
    """This worker's one browser tab (browser_support.Tab)."""
    shared = Tab(browser)
    yield shared
    shared.close()


@pytest.fixture
def tab(tabs):
    """Opens the worker's tab at a size, as a first visit: `page = tab(PHONE)`."""
    yield tabs.open
    tabs.reset()


@pytest.fixture
def page(tab):
    """The worker's tab at 1280 x 900, recording what it asks for and what it logs."""
    page = tab(DESKTOP)
    page.recorder = Recorder(page)
    yield page
    page.recorder.stop()
