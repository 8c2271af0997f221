"""`mkdocs build` for the tests, each build in a process of its own.

Part of every build is Python starting and importing MkDocs, Material, our
plugins and the Markdown extensions that mkdocs.yml names: a build of this project
took 1.4 s forked this way against 1.7 s as a new process (WeasyPrint is only
imported when a PDF is not in the cache). So each test worker keeps one
standard-library fork server (multiprocessing's "forkserver") that has
imported them once, and every build is a fresh fork of it: its own process,
working folder, environment, exit code and output, as `python -m mkdocs build`
would have, without paying for the imports again. Nothing is built in the
server itself, so no build sees another's state.

Tests about the environment a build starts in (font caches, SOURCE_DATE_EPOCH
set or not, a different interpreter) start `python -m mkdocs` themselves.

site_markdown() is the one step of a build that unit tests of our page checks
need: a page's Markdown made into HTML as MkDocs makes it; page_check() runs a
check on it.
"""
from __future__ import annotations

import functools
import multiprocessing
import os
import subprocess
import sys
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

from mkdocs.utils.yaml import yaml_load


def what_a_build_imports(config_file: Path) -> list[str]:
    """The modules a build of `config_file` imports: MkDocs, the theme, each plugin in
    its list (the theme's own first, as MkDocs looks them up) and each Markdown extension."""
    with open(config_file, encoding="utf-8") as file:
        config = yaml_load(file)  # MkDocs' own reader, for its !ENV tags
    def names(items) -> list[str]:
        return [next(iter(item)) if isinstance(item, dict) else item for item in items]
    theme = config["theme"]["name"]
    installed = {ep.name: ep.module for ep in entry_points(group="mkdocs.plugins")}
    plugins = [installed.get(f"{theme}/{name}") or installed.get(name) for name in names(config["plugins"])]
    return ["mkdocs.__main__", "mkdocs.commands.build", theme,
            *(module for module in plugins if module),  # one not installed: the build itself says so
            *(name if "." in name else f"markdown.extensions.{name}" for name in names(config["markdown_extensions"]))]


@functools.cache
def _markdown_settings(config_file: Path) -> tuple[list, dict]:
    from mkdocs.config import load_config
    config = load_config(str(config_file))
    return config.markdown_extensions, config.mdx_configs


def site_markdown(source: str, config_file: Path = Path(__file__).parent.parent / "mkdocs.yml") -> str:
    """A page's HTML as a build makes it: MkDocs' front matter reader, then Python-Markdown with
    the extensions and settings MkDocs reads from mkdocs.yml (its built-in ones too)."""
    import markdown
    from mkdocs.utils.meta import get_data

    extensions, settings = _markdown_settings(config_file)
    body, _ = get_data(source)
    return markdown.markdown(body, extensions=extensions, extension_configs=settings)


def page_check(check, source: str, shown: str = "docs/a.md") -> list[str]:
    """The messages of one of our page checks (a `problems(page_html, source, shown)`, as the
    plugin calls it) on a page with this source, made into HTML as a build makes it."""
    return [str(error) for error in check(site_markdown(source), lambda: source, shown)]


# A module that fails to import is simply not preloaded: the build imports it itself.
_FORKS = multiprocessing.get_context("forkserver")
_FORKS.set_forkserver_preload(what_a_build_imports(Path(__file__).parent.parent / "mkdocs.yml"))


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
