"""Check pages for plain English, with the build's own rules and messages.

    python -m coproduction docs/guides/start.md [more pages or folders...]
    python -m coproduction check docs/              # every .md under a folder
    python -m coproduction changed [--base main]    # the pages changed against main
    python -m coproduction summary [--base HEAD^1]  # a pull request's job summary
    python -m coproduction print [--out DIR]        # every PDF in mkdocs.yml (see print_pdfs)

Pages of the site (under docs/) get every check the build runs: `check` runs
the real build into a temporary folder (check_build.py). Files elsewhere get the
plain-English rules only. Reads the thresholds and the jargon list from mkdocs.yml
in the current folder (or --config), or uses the defaults if there is none.
Exit code 0: every check passes; 1: the build would fail, or a page is too hard
to read; 2: a page or setting has a mistake.
"""
from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

from .errors import ContentError
from .settings import load_settings, make_checker, plugin_options


def print_pdfs(argv: list[str]) -> int:
    """Write every PDF listed under the coproduction plugin's `documents:` in mkdocs.yml, as the
    build does, without a build and without importing MkDocs.

    Same checks, cache (.cache/print/) and messages as `mkdocs build`. Exit code
    0: all written; 1: a document has a problem (nothing is written); 2: a
    setting in mkdocs.yml has a mistake.
    """
    from .pdf import remove_outputs, render, write_outputs
    from .settings import SettingError, documents, open_project, read_mkdocs_yml

    parser = argparse.ArgumentParser(prog="python -m coproduction print",
                                     description="Write every PDF listed in mkdocs.yml.")
    parser.add_argument("--out", type=Path, default=Path("site"),
                        help="the folder to write into, at the same paths as in the site (default: site)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml (default: mkdocs.yml in this folder)")
    args = parser.parse_args(argv)
    root = args.config.resolve().parent
    try:
        config = read_mkdocs_yml(args.config)  # as MkDocs reads it: !ENV SITE_URL gives the same address
        options = plugin_options(config.get("plugins"))
        if not options or not options.get("documents"):  # not listed, or listed with no documents
            raise SettingError("there is no coproduction plugin with documents in the plugins list")
        data = open_project(root, options.get("data"))
        listed = documents(options["documents"], root, config.get("site_url") or "", data)
    except (OSError, SettingError) as err:  # a missing file, or a bad setting
        print(f"{args.config}: {err}", file=sys.stderr)
        return 2
    except ContentError as err:  # mkdocs.yml cannot be read (a key written twice, broken YAML)
        print(err, file=sys.stderr)
        return 2
    cache_dir = root / options.get("print_cache_dir", ".cache/print")
    try:
        results = [render(document, data.data(document.data), cache_dir=cache_dir) for document in listed]
    except ContentError as err:
        remove_outputs(args.out, listed)  # none of them from an older run, as in the build
        print(err, file=sys.stderr)
        return 1
    for document, result in zip(listed, results):
        write_outputs(args.out, document, result)
        print(f"{args.out / document.output}: {result.pages} page(s), {math.ceil(len(result.pdf) / 1024)} KB"
              f"{' (unchanged, from the cache)' if result.from_cache else ''}")
    return 0


def _pages(paths: list[Path]) -> list[Path]:
    """Files as given; for a folder, every .md file in it and its subfolders, in order."""
    pages = []
    for path in paths:
        pages += sorted(path.rglob("*.md")) if path.is_dir() else [path]
    return pages


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["print"]:
        return print_pdfs(argv[1:])
    if argv[:1] in (["changed"], ["summary"]):  # the pages a change touched: see summary.py
        from .summary import main as changed_main
        return changed_main(argv[0], argv[1:], check_pages=main)
    if argv[:1] == ["check"]:  # `python -m coproduction check PATH...`; the bare form works too
        argv = argv[1:]
    parser = argparse.ArgumentParser(prog="python -m coproduction check",
                                     description="Check that Markdown pages are in plain English.")
    parser.add_argument("pages", nargs="+", type=Path, help="Markdown files, or folders to check every .md in")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml (default: mkdocs.yml in this folder)")
    args = parser.parse_args(argv)

    try:
        _, checker = make_checker(args.config)
    except ContentError as err:  # it names its file: mkdocs.yml, or a data file such as data/jargon.yml
        print(err, file=sys.stderr)
        return 2
    except ValueError as err:
        print(f"{args.config}: {err}", file=sys.stderr)
        return 2

    # Pages of this site: the real build, every check (check_build.py). Files elsewhere: the
    # plain-English rules only, as they are not part of the site.
    docs_dir = Path(load_settings(args.config).docs_dir).resolve() if args.config.exists() else None
    pages = _pages(args.pages)
    in_site = [p for p in pages if docs_dir and p.is_file() and p.resolve().is_relative_to(docs_dir)]
    status = 0
    if in_site:
        from .check_build import check_pages
        status = check_pages(args.config, in_site, checker)
    for page in [p for p in pages if p not in in_site]:
        try:
            if not page.is_file():
                # A page named from the docs folder (guides/start.md) is a common slip: offer the full path.
                there = docs_dir / page if docs_dir and not page.is_absolute() else None
                hint = (f"Did you mean {there.relative_to(Path.cwd().resolve()).as_posix()}? Pages are named "
                        "from the project folder" if there and there.is_file() and there.is_relative_to(Path.cwd().resolve())
                        else "Check the path and the spelling")
                raise ContentError(page, "There is no such file", hint)
            result = checker.check_file(page)
        except ContentError as err:
            print(err, file=sys.stderr)
            status = 2
            continue
        scores = result.scores
        print(result.advice)
        print(f"  Scores: reading ease {scores.flesch_reading_ease:.1f}, SMOG {scores.smog:.1f}, "
              f"{scores.average_sentence_words:.1f} words in an average sentence "
              f"({scores.words} words, {scores.sentences} sentences).")
        for note in result.notes:
            print(f"  Note: {note}")
        if not result.passed:
            status = max(status, 1)
    return status


if __name__ == "__main__":
    sys.exit(main())
