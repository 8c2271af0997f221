"""How much the plain-English gate and the PDF add to build time.

Builds the same pages with and without the plain-English gate and the PDFs
(both stages of the `coproduction` plugin), alternating, several times, and prints medians and ratios:

  a) a cold `mkdocs build` of our own site       target: at most +1.0 s
  b) a rebuild after editing one page, as under
     `mkdocs serve`                               target: at most +0.1 s
  c) a build of a generated 1000-page site, gate on and off, with the gate's
     results cache (.cache/readability) emptied before each build ("cold")
                                                  target: at most +5%
  d) the same with the cache from the last build ("warm", a rebuild)
                                                  target: at most +3%
  In (c) and (d) only the gate is switched off in "without"; the PDF comes
  from its cache in both.

Every run happens in a throwaway copy of the project, so other people's edits
and the shared site/ folder are never touched. "Without" is the same mkdocs.yml
with `make_pdfs: false` and the gate's `enabled: false` set in the plugin.

(a) and (c) run `python -m mkdocs build` in a fresh process: that is what a
contributor waits for, imports included. (b) mirrors what `mkdocs serve` does
on each change: in one long-lived process it loads the config again (MkDocs
keeps the plugin objects) and calls mkdocs.commands.build.build(). Each
process warms up with one build, then edits one page and rebuilds N times.

Run: .venv/bin/python benchmarks/build_speed.py [--runs 5] [--pages 1000] [--skip-synthetic] [--parts abcd]
`--quick` runs every part once on a small site (tests/test_benchmarks.py: so they cannot rot; no figure is
worth reading then).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GATED_STAGES = ("readability", "pdfs")
IGNORED = shutil.ignore_patterns(".venv", "site", ".git", ".cache", "__pycache__", "*.egg-info",
                                 ".pytest_cache", "test-artifacts")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def without_plugins(config_text: str, stages=GATED_STAGES) -> str:
    """mkdocs.yml with the given stages of the coproduction plugin switched off.

    The download button macro still gets each PDF's details (stand-ins, from the
    plugin): the pages stay the same, only the PDF is not made."""
    out = []
    for line in config_text.splitlines(keepends=True):
        out.append(line)
        indent = " " * (len(line) - len(line.lstrip()) + 2)
        if line.strip() == "- coproduction:" and "pdfs" in stages:
            out.append(f"{indent}  make_pdfs: false\n")
        if line.strip() == "readability:" and "readability" in stages:
            out.append(f"{indent}enabled: false\n")
    return "".join(out)


def make_project(where: Path, reuse_pdf_cache: bool = False) -> Path:
    project = where / "project"
    shutil.copytree(ROOT, project, ignore=IGNORED)
    for cache in ("print", "office"):  # --quick: no PDF or Word file made again (the gate's cache: see (c))
        if reuse_pdf_cache and (ROOT / ".cache" / cache).is_dir():
            shutil.copytree(ROOT / ".cache" / cache, project / ".cache" / cache)
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs-without.yml").write_text(without_plugins(text), encoding="utf-8")
    (project / "mkdocs-nogate.yml").write_text(without_plugins(text, ("readability",)), encoding="utf-8")
    return project


# --- (c) a synthetic site ------------------------------------------------------

SENTENCES = [
    "We meet every month in the library.", "Anyone can come along and have a say.",
    "Tell us what works and what does not.", "Bring a friend if you like.",
    "We pay for your travel and your time.", "Ask us if you need help to take part.",
    "People who use services know things we do not.", "We plan the work together from the start.",
    "Every voice counts the same at our meetings.", "We write up what we heard and send it round.",
    "If something goes wrong, we say so and fix it.", "You can stop at any time.",
]


def synthetic_page(number: int, rng: random.Random) -> str:
    # Every public page says when it was last checked (coproduction/review_dates.py).
    parts = ["---\nlast_reviewed: 2026-12-07\nnext_review: 2027-12-07\n---\n", f"# Synthetic page {number}\n"]
    for section in range(4):
        parts.append(f"## Part {section + 1}\n")
        parts.append(" ".join(rng.choice(SENTENCES) for _ in range(5)) + "\n")
        parts.append("\n".join(f"- {rng.choice(SENTENCES)[:-1]}" for _ in range(3)) + "\n")
        parts.append(" ".join(rng.choice(SENTENCES) for _ in range(4))
                     + " Read [the guide][govuk-easy-read].\n")  # a source in data/sources.yml, cited by key
    return "\n".join(parts)


def add_synthetic_pages(project: Path, pages: int) -> None:
    rng = random.Random(1)
    folder = project / "docs" / "synthetic"
    folder.mkdir()
    for number in range(1, pages + 1):
        (folder / f"page-{number:04d}.md").write_text(synthetic_page(number, rng), encoding="utf-8")
    # In the nav, 50 pages to a section, as a big site would be.
    nav = ["  - Synthetic:\n"]
    for start in range(1, pages + 1, 50):
        nav.append(f"      - Pages {start} to {min(start + 49, pages)}:\n")
        nav += [f"          - synthetic/page-{n:04d}.md\n" for n in range(start, min(start + 50, pages + 1))]
    for name in ("mkdocs.yml", "mkdocs-without.yml", "mkdocs-nogate.yml"):
        config = project / name
        config.write_text(config.read_text(encoding="utf-8").rstrip("\n") + "\n" + "".join(nav), encoding="utf-8")


# --- measuring -------------------------------------------------------------------

def cold_build(project: Path, config: str, site: Path) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds) of one `mkdocs build` in a new process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / config),
                             "-d", str(site)], cwd=project, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"Build with {config} failed:\n{result.stdout}{result.stderr}")
    return [(wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)]


REBUILD_SCRIPT = """
import json, sys, time
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site, page, runs = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
serve_url = "http://127.0.0.1:8000/"
config = load_config(config_file, site_dir=site)
config.plugins.on_startup(command="serve", dirty=False)
build(config, serve_url=serve_url)  # the first build when `mkdocs serve` starts
original = page.read_text(encoding="utf-8")
times = []
try:
    for run in range(runs):
        page.write_text(original + f"\\nWe changed this page, time {run + 1}.\\n", encoding="utf-8")
        start, cpu = time.perf_counter(), time.process_time()
        config = load_config(config_file, site_dir=site)  # what serve does on every change
        build(config, serve_url=serve_url)
        times.append((time.perf_counter() - start, time.process_time() - cpu))
finally:
    page.write_text(original, encoding="utf-8")
print(json.dumps(times))
"""


def rebuilds(project: Path, config: str, site: Path, runs: int) -> list[tuple[float, float]]:
    result = subprocess.run([sys.executable, "-c", REBUILD_SCRIPT, str(project / config), str(site),
                             str(project / "docs" / "guides" / "start.md"), str(runs)],
                            cwd=project, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"Rebuild with {config} failed:\n{result.stdout}{result.stderr}")
    return [tuple(pair) for pair in json.loads(result.stdout.strip().splitlines()[-1])]


def compare(name: str, measure, runs: int, target: str, without: str = "mkdocs-without.yml") -> None:
    """Alternate with/without `runs` times; print medians of wall and CPU time.

    CPU time (user + system) is printed too: on a busy machine (CI, or other
    builds running) wall time varies a lot more than the CPU work done.
    """
    timings = {"with": [], "without": []}
    for _ in range(runs):
        for label, config in (("with", "mkdocs.yml"), ("without", without)):
            timings[label] += measure(config)
    print(f"{name}   (target: {target})")
    for index, kind in ((0, "wall"), (1, "CPU")):
        with_ = statistics.median(t[index] for t in timings["with"])
        without = statistics.median(t[index] for t in timings["without"])
        print(f"  {kind:>4}: with {with_:.3f} s, without {without:.3f} s, "
              f"difference {with_ - without:+.3f} s, ratio {with_ / without:.3f}")
    # Runs are paired (with, then without, straight after): the median of the
    # paired differences is steadier than the difference of medians when load drifts.
    paired = [w[1] - wo[1] for w, wo in zip(timings["with"], timings["without"])]
    print(f"  median of paired CPU differences: {statistics.median(paired):+.3f} s")
    for label in ("with", "without"):
        print(f"  runs {label} (wall/CPU): " + " ".join(f"{w:.2f}/{c:.2f}" for w, c in timings[label]))
    print(flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--parts", default="abcd", help="which figures to measure, e.g. cd")
    parser.add_argument("--quick", action="store_true", help="each part once, on a small site (a smoke test)")
    args = parser.parse_args()
    if args.quick:
        args.runs, args.pages = 1, min(args.pages, 5)
    least, rebuild_runs = (1, 1) if args.quick else (2, 3)

    with tempfile.TemporaryDirectory(prefix="build-speed-") as tmp:
        tmp = Path(tmp)
        project = make_project(tmp, reuse_pdf_cache=args.quick)
        changed = (project / "mkdocs-without.yml").read_text().count("false\n") - \
            (project / "mkdocs.yml").read_text().count("false\n")
        print(f"Stages switched off for 'without': {', '.join(GATED_STAGES)} ({changed} settings)\n")
        if "a" in args.parts:
            compare("(a) cold build of our site", lambda cfg: cold_build(project, cfg, tmp / f"site-{cfg}"),
                    args.runs, "at most +1.0 s")
        if "b" in args.parts:
            compare("(b) rebuild after editing one page (as under mkdocs serve)",
                    lambda cfg: rebuilds(project, cfg, tmp / f"serve-{cfg}", rebuild_runs), max(least, args.runs // 2),
                    "at most +0.1 s")
        if args.skip_synthetic or not set("cd") & set(args.parts):
            return
        big = make_project(tmp / "big", reuse_pdf_cache=args.quick)
        add_synthetic_pages(big, args.pages)
        if not args.quick:  # --quick: the PDFs and Word files came with the copy
            cold_build(big, "mkdocs.yml", tmp / "big-warm-up")  # fills the PDF cache for both
        runs = max(least, args.runs // 2 + 1)

        def cold(cfg):
            shutil.rmtree(big / ".cache" / "readability", ignore_errors=True)
            return cold_build(big, cfg, tmp / f"big-{cfg}")

        if "c" in args.parts:
            compare(f"(c) build of a {args.pages}-page synthetic site, gate's cache empty (cold)", cold, runs,
                    "at most +5%", without="mkdocs-nogate.yml")
        if "d" in args.parts:
            if not args.quick:  # --quick: no figure to read, so no warm-up
                cold_build(big, "mkdocs.yml", tmp / "big-warm-up")  # fills the gate's cache
            compare(f"(d) rebuild of a {args.pages}-page synthetic site, gate's cache kept (warm)",
                    lambda cfg: cold_build(big, cfg, tmp / f"big-{cfg}"), runs, "at most +3%",
                    without="mkdocs-nogate.yml")

if __name__ == "__main__":
    main()
