"""How long the README's flow takes from a fresh clone (target: `make test` in 3 minutes).

Clones the committed project (HEAD) into a throwaway folder and runs what the
README says, in order: `make build`, then `make test`. With --alone, a second
fresh clone runs `make test` on its own, which also creates the environment.
Prints the wall time of each step and whether it passed.

This takes several minutes and uses every core; run it on a quiet machine.

Run: .venv/bin/python benchmarks/suite_time.py [--alone]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 180


def fresh_clone(where: Path) -> Path:
    folder = where / "clone"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(folder)], check=True)
    return folder


def timed(folder: Path, target: str) -> tuple[float, int, str]:
    start = time.monotonic()
    done = subprocess.run(["make", target], cwd=folder, capture_output=True, text=True)
    # pytest's summary, or the build's last line (pip's notes go to stderr)
    last = done.stdout.strip().splitlines()[-1:] or done.stderr.strip().splitlines()[-1:] or [""]
    return time.monotonic() - start, done.returncode, last[0].strip("= ")


def show(name: str, seconds: float, code: int, last: str) -> None:
    minutes, rest = divmod(round(seconds), 60)
    print(f"{name:<32} {minutes} min {rest:02d} s  {'passed' if code == 0 else f'FAILED (exit {code})'}  {last}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--alone", action="store_true", help="also time `make test` alone on a second fresh clone")
    options = parser.parse_args()
    print(f"target: `make test` in {TARGET_SECONDS // 60} min or less on a fresh clone")
    with tempfile.TemporaryDirectory() as where:
        folder = fresh_clone(Path(where))
        show("make build (fresh clone)", *timed(folder, "build"))
        show("make test (after make build)", *timed(folder, "test"))
    if options.alone:
        with tempfile.TemporaryDirectory() as where:
            show("make test alone (fresh clone)", *timed(fresh_clone(Path(where)), "test"))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
