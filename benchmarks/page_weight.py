"""What the home and model pages cost a reader, beside stock Material.

Prints, for each page, the bytes fetched on a first visit (raw, and as
gzip would send them) and the number of requests, for our site and for a
stock Material site with the same text. Then, if Lighthouse is installed,
its mobile scores for both.

The stock peer is what a user gets from `theme: material` with nothing
else, holding the same pages: we copy the text of every page of our build
(the rendered HTML of each article, so the search index matches too) into
a fresh MkDocs project. One difference from a real stock site: stock
Material loads Roboto from Google Fonts, which cannot be fetched offline,
so the peer uses `font: false` (system fonts). That makes the peer lighter,
not heavier; our figures include our self-hosted font.

Usage:
    .venv/bin/python benchmarks/page_weight.py [--site DIR] [--lighthouse PATH]

Lighthouse is optional: `npm install --prefix benchmarks/.lighthouse lighthouse`
(found there, on PATH, or given with --lighthouse). It drives the system
Chromium (CHROME_PATH=/usr/bin/chromium). For several runs of each site,
side by side, with timings and render-blocking files: benchmarks/lighthouse.py.
"""
from __future__ import annotations

import argparse
import functools
import gzip
import io
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.weight import COMPRESSED_TYPES, cold_page, weigh  # noqa: E402
from browser_support import CHROMIUM, CHROMIUM_ARGS, PHONE, QuietHandler, open_context  # noqa: E402

PAGES = {"home": "", "model": "model/"}
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
# Our theme's extras inside the article: heading links and the edit button.
OUR_EXTRAS = re.compile(r'<a class="headerlink"[^>]*>.*?</a>|<a [^>]*md-content__button[^>]*>.*?</a>', re.S)
STOCK_CONFIG = """\
site_name: The Co-production Model
theme:
  name: material
  font: false   # stock loads Roboto from Google Fonts; offline we cannot
"""


def build(project: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                   cwd=project, env=env, check=True, capture_output=True, text=True)


def ours_and_stock(site: Path | None, temp: Path) -> dict[str, Path]:
    """Our site (built now unless `site` is given) and stock Material built from the same pages."""
    ours = site or temp / "ours"
    if not site:
        build(ROOT, ours)
    stock = temp / "stock-site"
    build(stock_project(ours, temp / "stock"), stock)
    return {"ours": ours, "stock Material": stock}


def stock_project(our_site: Path, target: Path) -> Path:
    """A stock Material project holding the text of every page we built."""
    docs = target / "docs"
    for page in our_site.rglob("index.html"):
        found = ARTICLE.search(page.read_text(encoding="utf-8"))
        if not found:
            continue
        relative = page.parent.relative_to(our_site)
        source = docs / ("index.md" if relative == Path(".") else relative / "index.md")
        source.parent.mkdir(parents=True, exist_ok=True)
        # Raw HTML passes through Markdown untouched: the same text, stock theme.
        source.write_text("<div>\n" + OUR_EXTRAS.sub("", found.group(1)) + "\n</div>\n", encoding="utf-8")
    # Files the text links to or shows (the PDF and its preview picture), so
    # the stock pages fetch the same things and get no "not found" errors.
    for file in our_site.rglob("*"):
        relative = file.relative_to(our_site)
        if file.is_file() and file.suffix != ".html" and relative.parts[0] not in ("assets", "search"):
            (docs / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, docs / relative)
    (target / "mkdocs.yml").write_text(STOCK_CONFIG, encoding="utf-8")
    return target


class CompressingHandler(QuietHandler):
    """Sends text gzipped when asked, as GitHub Pages does, so Lighthouse sees real sizes."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or not kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def served(site: Path, handler_class=QuietHandler):
    handler = functools.partial(handler_class, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def weigh_pages(sites: dict[str, Path]) -> dict[tuple[str, str], object]:
    from playwright.sync_api import sync_playwright
    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for label, site in sites.items():
            with served(site) as url:
                for name, path in PAGES.items():
                    context = open_context(browser, viewport=PHONE)
                    results[label, name] = weigh(cold_page(context), url + path)
                    context.close()
        browser.close()
    return results


def lighthouse_scores(lighthouse: str, url: str) -> dict[str, int]:
    """Lighthouse's default run: a mobile phone on a throttled connection."""
    command = [lighthouse, url, "--quiet", "--output=json", "--output-path=stdout",
               "--only-categories=performance,accessibility,best-practices,seo",
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no output")
    report = json.loads(done.stdout)
    return {key: round(100 * category["score"]) for key, category in report["categories"].items()}


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build of this project (default: build one)")
    local = ROOT / "benchmarks/.lighthouse/node_modules/.bin/lighthouse"
    parser.add_argument("--lighthouse", default=os.environ.get("LIGHTHOUSE") or shutil.which("lighthouse")
                        or (str(local) if local.exists() else None),
                        help="path to Lighthouse's command (optional)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as temp:
        sites = ours_and_stock(args.site, Path(temp))
        weights = weigh_pages(sites)

        print("First visit on a phone, cache off, until the search index has loaded.")
        print(f"{'page':<7} {'site':<15} {'requests':>8} {'raw':>10} {'gzip':>10}")
        for name in PAGES:
            for label in sites:
                w = weights[label, name]
                print(f"{name:<7} {label:<15} {w.requests:>8} {kb(w.raw_bytes):>10} {kb(w.gzip_bytes):>10}")
        print("\nWhat our home page fetches:")
        for f in weights["ours", "home"].fetches:
            print(f"  {f.url.split('/', 3)[-1] or '(page)':<55} {kb(f.raw_bytes):>10} {kb(f.gzip_bytes):>10}")

        if not args.lighthouse:
            print("\nLighthouse: not installed, skipped (see this script's docstring).")
            return 0
        print("\nLighthouse (mobile, simulated slow 4G; text served gzipped, as GitHub Pages does):")
        for label, site in sites.items():
            with served(site, CompressingHandler) as url:
                for name, path in PAGES.items():
                    try:
                        scores = lighthouse_scores(args.lighthouse, url + path)
                    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
                        print(f"  {name:<7} {label:<15} failed: {error}")
                        continue
                    print(f"  {name:<7} {label:<15} " + "  ".join(f"{k} {v}" for k, v in scores.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
