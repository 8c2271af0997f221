"""Files under docs/ that would act as code: the build refuses them.

A pull request may change pages, data and pictures as content; scripts, styles
and the theme are code, which needs a maintainer's review (SECURITY.md has the
table, .github/CODEOWNERS the reviewers). Two ways a file under docs/ could
still become code without anyone noticing:

- its output path is a theme file: MkDocs lets a docs file replace the theme's
  file of the same name (such as Material's JavaScript bundle) on every page;
- it is a script or stylesheet (.js, .mjs, .css) that neither mkdocs.yml
  (extra_css, extra_javascript) nor one of our templates (overrides/) names:
  nobody reviewed it as code.

`theme_and_script_collisions(files, config)` finds both, with plain messages;
`output_collisions(files, config)` finds two docs files with one output path.
`files` are the paths of the files under docs/, relative to it, with "/"
(File.src_uri); `config` is MkDocs' loaded config (theme, extra_css,
extra_javascript, use_directory_urls, site_dir, docs_dir).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterable

from .errors import ContentError

SCRIPT_OR_STYLE = (".js", ".mjs", ".css")
# Files the build itself writes at the top of the site (MkDocs and its search plugin).
BUILD_OUTPUTS = {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json", "404.html"}
_NAMED_IN_TEMPLATE = re.compile(r"""['"]([^'"\s]+\.(?:m?js|css))['"]""")


def theme_outputs(config) -> set[str]:
    """Every path in the site that the theme writes: its static files (as MkDocs
    collects them, from the custom folder and the theme's own) and its static
    templates (404.html, sitemap.xml)."""
    from mkdocs.structure.files import Files

    theme = config["theme"]
    collected = Files([])
    collected.add_files_from_theme(theme.get_env(), config)
    return {file.src_uri for file in collected} | set(theme.static_templates) | BUILD_OUTPUTS


def _entry_path(entry) -> str:
    """An extra_css or extra_javascript entry: a path, or (MkDocs 1.5+) an object with .path."""
    return str(getattr(entry, "path", None) or (entry.get("path") if isinstance(entry, dict) else entry))


def named_scripts_and_styles(config) -> set[str]:
    """The scripts and stylesheets that code names: mkdocs.yml's extra_css and
    extra_javascript, and any 'path.js' or 'path.css' in our templates (overrides/)."""
    named = {_entry_path(entry).lstrip("/") for entry in [*config["extra_css"], *config["extra_javascript"]]}
    custom = config["theme"].custom_dir
    if custom:
        for template in Path(custom).rglob("*.html"):
            named |= {path.lstrip("/") for path in _NAMED_IN_TEMPLATE.findall(template.read_text(encoding="utf-8"))}
    return named


def theme_and_script_collisions(files: Iterable[str], config) -> list[ContentError]:
    """Problems for docs files that would replace a theme file, and for scripts and
    stylesheets under docs/ that no code names. Each names the file under docs/."""
    from mkdocs.structure.files import File

    outputs = theme_outputs(config)
    named = named_scripts_and_styles(config)
    problems = []
    for path in sorted(files):
        dest = File(path, config["docs_dir"], config["site_dir"], config["use_directory_urls"]).dest_uri
        shown = f"docs/{path}"
        if dest in outputs:
            problems.append(ContentError(
                shown, f"This file would replace the theme's own file {dest} on every page of the site",
                "Rename or move it. Changes to the theme are code: ask a maintainer"))
        elif path.lower().endswith(SCRIPT_OR_STYLE) and path not in named:
            problems.append(ContentError(
                shown, "This script or stylesheet is not named in mkdocs.yml (extra_css or extra_javascript) "
                "or in our templates, so nobody has reviewed it as code",
                "Remove it. Scripts and styles are code: a maintainer adds them and names them in mkdocs.yml"))
    return problems


def output_collisions(files: Iterable[str], config) -> list[ContentError]:
    """Two files under docs/ that would be written to the same place in the site, such
    as guides.md and guides/index.md (both guides/index.html): one would silently
    replace the other. One problem for each later file, naming the first."""
    from mkdocs.structure.files import File

    first: dict[str, str] = {}
    problems = []
    for path in sorted(files):
        dest = File(path, config["docs_dir"], config["site_dir"], config["use_directory_urls"]).dest_uri
        if dest in first:
            problems.append(ContentError(
                f"docs/{path}", f"This file and docs/{first[dest]} would both become {dest} in the site, "
                "so one would replace the other", "Rename or move one of them"))
        else:
            first[dest] = path
    return problems


def docs_problems(files, config) -> list[ContentError]:
    """Both checks above for the files MkDocs collected (mkdocs.structure.files.Files),
    taking only those under docs_dir: the theme's own files are not content."""
    import os

    docs = os.path.abspath(config["docs_dir"])
    paths = [file.src_uri for file in files if file.src_dir and os.path.abspath(file.src_dir) == docs]
    return theme_and_script_collisions(paths, config) + output_collisions(paths, config)
