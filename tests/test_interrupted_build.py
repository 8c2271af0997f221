"""Nothing half-written: a build that is killed or fails never leaves a broken
PDF, model.json or readability report under its final name.

A killed process cannot clean up, so a `.part` temporary file may be left
behind; that is expected. What must hold is that every final-named output is
either absent, the old complete file, or a new complete file. The site as a
whole is built beside site/ and swapped in only when complete (atomic-site).
"""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from pypdf import PdfReader

from conftest import run_build

OUTPUTS = ("model.json", "readability.json")


def final_outputs(site: Path) -> dict[str, bytes]:
    found = {name: (site / name).read_bytes() for name in OUTPUTS if (site / name).exists()}
    found.update({p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.pdf")})
    return found


def assert_complete(name: str, data: bytes):
    if name.endswith(".json"):
        json.loads(data.decode("utf-8"))
    else:
        assert data.rstrip().endswith(b"%%EOF"), f"{name} is cut short"
        assert len(PdfReader(io.BytesIO(data)).pages) >= 1


def start_build(project: Path, site: Path) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
                            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_killed_build_never_leaves_a_broken_output(project_copy, tmp_path):
    site = tmp_path / "site"
    started = time.monotonic()
    result = run_build(project_copy, site_dir=site)
    took = time.monotonic() - started
    assert result.returncode == 0, result.output
    old = final_outputs(site)
    assert "model.json" in old

    # Kill at several points across the build, later ones near the writing of outputs.
    for fraction in (0.3, 0.6, 0.8, 0.9, 0.97):
        build = start_build(project_copy, site)
        time.sleep(took * fraction)
        build.send_signal(signal.SIGKILL)
        build.wait()
        for name, data in final_outputs(site).items():
            if data != old.get(name):
                assert_complete(name, data)

    # The next build is not confused by anything the killed ones left.
    result = run_build(project_copy, site_dir=site)
    assert result.returncode == 0, result.output
    assert final_outputs(site) == old


def test_a_failed_build_leaves_the_last_good_outputs(project_copy, tmp_path):
    """A broken link fails only at the very end of a strict build, after the
    outputs were written; the failed build must leave the last good ones."""
    site = tmp_path / "site"
    assert run_build(project_copy, site_dir=site).returncode == 0
    before = final_outputs(site)
    assert before
    page = project_copy / "docs" / "origins.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the plan](no-such-page.md).\n", encoding="utf-8")
    result = run_build(project_copy, site_dir=site)
    assert result.returncode != 0
    assert "no-such-page.md" in result.output
    assert final_outputs(site) == before
    assert not (tmp_path / ".site.building").exists()
