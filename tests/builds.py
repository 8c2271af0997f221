"""`mkdocs build` for the tests, each build in a process of its own.

Most of a small build is Python importing MkDocs, Material, WeasyPrint and our
plugins (about 1.2 s of 1.8 s on this project). So each test worker keeps one
standard-library fork server (multiprocessing's "forkserver") that has
imported them once, and every build is a fresh fork of it: its own process,
working folder, environment, exit code and output, as `python -m mkdocs build`
would have, without paying for the imports again. Nothing is built in the
server itself, so no build sees another's state.

Tests about the environment a build starts in (font caches, SOURCE_DATE_EPOCH
set or not, a different interpreter) start `python -m mkdocs` themselves.
"""
from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

# What every build imports: MkDocs, the theme and the plugins in mkdocs.yml, and
# the Markdown extensions (a module that fails to import is simply not preloaded).
PRELOAD = ["mkdocs.__main__", "mkdocs.commands.build", "material", "material.plugins.search.plugin",
           "mkdocs_macros.plugin", "pymdownx.details", "pymdownx.superfences", "markdown.extensions.toc",
           *sorted({ep.module for ep in entry_points(group="mkdocs.plugins") if ep.module.startswith("coproduction.")})]

_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload(PRELOAD)


def _mkdocs(folder: str, argv: list[str], env: dict[str, str], stdout: str, stderr: str) -> None:
    """In the forked process: become `mkdocs <argv>` run in `folder` with `env`."""
    os.chdir(folder)
    os.environ.clear()
    os.environ.update(env)
    for fd, path in ((1, stdout), (2, stderr)):
        os.dup2(os.open(path, os.O_WRONLY | os.O_TRUNC), fd)
    from mkdocs.__main__ import cli
    sys.argv = ["mkdocs", *argv]
    cli.main(args=argv, prog_name="mkdocs")  # ends with SystemExit(exit code)


def run_build(project: Path, *args: str, site_dir: Path | None = None,
              env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run `mkdocs build` in `project` the way the README does; output in .output."""
    argv = ["build", "--quiet"]
    if site_dir is not None:
        argv += ["--site-dir", str(site_dir)]
    argv += list(args)
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryDirectory() as folder:
        out, err = Path(folder, "stdout"), Path(folder, "stderr")
        out.touch()
        err.touch()
        build = _FORKS.Process(target=_mkdocs, args=(str(project), argv, full_env, str(out), str(err)))
        build.start()
        build.join(timeout)
        if build.exitcode is None:
            build.kill()
            build.join()
            raise subprocess.TimeoutExpired(["mkdocs", *argv], timeout)
        result = subprocess.CompletedProcess(["mkdocs", *argv], build.exitcode,
                                             out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8"))
    result.output = result.stdout + result.stderr
    return result
