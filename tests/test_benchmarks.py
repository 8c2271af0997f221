"""The benchmarks run, once, on a small site, so a change to the build cannot leave them broken.

No timing is asserted: figures belong to `make bench`, not to the tests.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow(30)
def test_build_speed_runs_all_four_parts_on_a_small_site():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "build_speed.py"), "--quick", "--pages", "3"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    for part in ("(a) cold build", "(b) rebuild after editing one page", "(c) build of a 3-page synthetic site",
                 "(d) rebuild of a 3-page synthetic site"):
        assert part in done.stdout, done.stdout
    # "without" really switched the gate and the PDFs off.
    assert "Stages switched off for 'without': readability, pdfs (2 settings)" in done.stdout
