"""How long the templates' Word and OpenDocument files take to make, and how big they are.

A measurement, not a test. With no cache every template costs three pandoc runs
(read, DOCX, ODT); with the cache (.cache/office/) the files are read back.
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

from coproduction import office
from coproduction.sources import load_register

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://coproduction-model.github.io/coproduction-model/"

register = load_register(ROOT / "data" / "sources.yml")
with tempfile.TemporaryDirectory() as cache:
    start = time.perf_counter()
    templates = office.build_all(ROOT, ROOT / "docs", register, SITE_URL, Path(cache))
    cold = time.perf_counter() - start
    start = time.perf_counter()
    office.build_all(ROOT, ROOT / "docs", register, SITE_URL, Path(cache))
    warm = time.perf_counter() - start

print(f"{len(templates)} templates: {cold:.2f} s with no cache, {warm:.3f} s from the cache")
for template in templates:
    sizes = ", ".join(f"{fmt} {len(data) / 1024:.1f} KB" for fmt, data in template.files.items())
    print(f"  {template.name}: {sizes}")
