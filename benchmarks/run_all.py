"""Run every benchmark in turn and print its figures (`make bench`).

These are measurements, not tests: they print numbers and never fail a build.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ["pdf.py", "templates.py", "build_speed.py", "check_speed.py", "page_weight.py", "lighthouse.py", "suite_time.py"]

for name in BENCHMARKS:
    print(f"\n=== {name} ===", flush=True)
    subprocess.run([sys.executable, str(HERE / name)], check=False)
