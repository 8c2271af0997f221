"""Lighthouse on our home page and on stock Material's, side by side, in one run.

Both sites are built here from the same pages (the stock peer is made as in
page_weight.py: the text of every page we built, in a fresh project with
`theme: material` and nothing else), served from this machine with text
gzipped as GitHub Pages sends it, and measured by Lighthouse's default mobile
run (a mid-range phone on a throttled connection, simulated). Nothing leaves
the machine: both sites are on 127.0.0.1 and neither asks another host for
anything (the stock peer has `font: false`, since stock Material would fetch
Roboto from Google; ours self-hosts Atkinson Hyperlegible, so our figures
include two font files that the peer does not have).

Each site is measured RUNS times (default 3), taking turns, and the median of
each figure is printed with the lowest and highest performance score.

Lighthouse is not a Python package. Install it once into a folder that git
ignores, then run this script:

    npm install --prefix benchmarks/.lighthouse lighthouse
    .venv/bin/python benchmarks/lighthouse.py [--site DIR] [--runs N] [--page PATH]

It drives Debian's Chromium (CHROME_PATH=/usr/bin/chromium); no browser is
downloaded. Give another Lighthouse with --lighthouse PATH or $LIGHTHOUSE.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from page_weight import CHROMIUM, CompressingHandler, ours_and_stock, served  # noqa: E402

LOCAL_LIGHTHOUSE = HERE / ".lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# (label, Lighthouse audit id, how to show its numericValue)
FIGURES = [
    ("first paint", "first-contentful-paint", lambda v: f"{v / 1000:.2f} s"),
    ("largest paint", "largest-contentful-paint", lambda v: f"{v / 1000:.2f} s"),
    ("blocking time", "total-blocking-time", lambda v: f"{v:.0f} ms"),
    ("layout shift", "cumulative-layout-shift", lambda v: f"{v:.3f}"),
    ("bytes", "total-byte-weight", lambda v: f"{v / 1000:.0f} KB"),
]


def find_lighthouse(given: str | None) -> str | None:
    for candidate in (given, os.environ.get("LIGHTHOUSE"), str(LOCAL_LIGHTHOUSE), shutil.which("lighthouse")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def run_lighthouse(lighthouse: str, url: str) -> dict:
    """One Lighthouse run, mobile (its default form factor and throttling)."""
    command = [lighthouse, url, "--quiet", "--output=json", "--output-path=stdout",
               "--only-categories=" + ",".join(CATEGORIES),
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"
               " --disable-component-update --disable-sync --no-first-run"]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if done.returncode != 0 or not done.stdout.strip():
        last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "no output"
        raise RuntimeError(f"Lighthouse failed on {url}: {last}")
    return json.loads(done.stdout)


def summary(report: dict) -> dict:
    audits = report["audits"]
    found = {name: round(100 * report["categories"][name]["score"]) for name in CATEGORIES}
    for label, audit, _ in FIGURES:
        found[label] = audits[audit]["numericValue"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    found["requests"] = len(requests)
    blocking = audits.get("render-blocking-resources", {}).get("details", {}).get("items", [])
    found["render-blocking"] = [item["url"].rsplit("/", 1)[-1] for item in blocking]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build of this project (default: build one)")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs for each site (default 3)")
    parser.add_argument("--page", default="", help="the page to measure, as a path in the site (default: home)")
    parser.add_argument("--lighthouse", help="path to Lighthouse's command")
    args = parser.parse_args()
    lighthouse = find_lighthouse(args.lighthouse)
    if not lighthouse:
        print("Lighthouse is not installed. Install it with:\n"
              "    npm install --prefix benchmarks/.lighthouse lighthouse", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory() as temp:
        sites = ours_and_stock(args.site, Path(temp))
        ours, stock = sites["ours"], sites["stock Material"]
        results: dict[str, list[dict]] = {label: [] for label in sites}
        with served(ours, CompressingHandler) as our_url, served(stock, CompressingHandler) as stock_url:
            urls = {"ours": our_url + args.page, "stock Material": stock_url + args.page}
            for run in range(args.runs):
                for label, url in urls.items():  # taking turns, so both see the same machine load
                    results[label].append(summary(run_lighthouse(lighthouse, url)))
                    print(f"  run {run + 1} {label}: performance {results[label][-1]['performance']}",
                          file=sys.stderr, flush=True)

    page = "/" + args.page
    print(f"Lighthouse, mobile (simulated slow 4G, mid-range phone), page {page}, "
          f"median of {args.runs} run(s) each, served gzipped from this machine.")
    print(f"{'':<16}" + "".join(f"{label:>18}" for label in sites))
    for name in CATEGORIES:
        cells = []
        for label in sites:
            scores = [r[name] for r in results[label]]
            low, high = min(scores), max(scores)
            cells.append(f"{statistics.median(scores):.0f}" + (f" ({low}-{high})" if low != high else ""))
        print(f"{name:<16}" + "".join(f"{c:>18}" for c in cells))
    for label, _, show in FIGURES:
        print(f"{label:<16}" + "".join(f"{show(statistics.median(r[label] for r in results[s])):>18}" for s in sites))
    print(f"{'requests':<16}" + "".join(f"{statistics.median(r['requests'] for r in results[s]):>18.0f}" for s in sites))
    for label in sites:
        blocking = results[label][-1]["render-blocking"]
        print(f"render-blocking ({label}): {len(blocking)}: {', '.join(blocking) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
