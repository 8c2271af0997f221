"""How long `make check PAGE=docs/guides/step-5-reward.md` takes.      goal: under 3 s

`make check` runs the real build into a temporary folder (coproduction/check_build.py),
so it runs every check the build runs. This times the whole command as a contributor
types it, in a throwaway copy of the project (the caches copied in, as on a
contributor's machine after one build): one warm-up run, then N timed runs, and
prints each time, the median and the goal.

Run: .venv/bin/python benchmarks/check_speed.py [--runs 5] [--page docs/guides/step-5-reward.md]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL = 3.0
SKIP = shutil.ignore_patterns(".venv", "site", ".site.building", ".git", "__pycache__", "test-artifacts")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", default="docs/guides/step-5-reward.md")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="check-speed-") as folder:
        copy = Path(folder) / "project"
        shutil.copytree(ROOT, copy, ignore=SKIP)
        command = ["make", "--no-print-directory", "check", f"PAGE={args.page}",
                   f"BIN={ROOT / '.venv' / 'bin'}", f"STAMP={ROOT / '.venv' / '.installed'}"]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        times = []
        for run in range(args.runs + 1):
            start = time.perf_counter()
            done = subprocess.run(command, cwd=copy, capture_output=True, text=True, env=env)
            seconds = time.perf_counter() - start
            if done.returncode != 0:
                print(done.stdout + done.stderr, file=sys.stderr)
                print(f"make check failed (exit {done.returncode}); no figure", file=sys.stderr)
                return 1
            if run:  # the first run warms the caches
                times.append(seconds)
                print(f"run {run}: {seconds:.2f} s")
    median = statistics.median(times)
    print(f"make check PAGE={args.page}: median {median:.2f} s over {len(times)} runs "
          f"(goal: under {GOAL:.0f} s: {'met' if median < GOAL else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
