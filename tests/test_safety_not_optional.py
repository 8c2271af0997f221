"""No line of mkdocs.yml switches the build's safety off.

The safety stages live in our one plugin (coproduction/plugin/plugin.py) and have
no settings. This test deletes each line of our plugin's settings and the macros
plugin's in turn, then each plugin's whole entry, and builds project copies: one
with two hostile pages, a macro that reads an environment variable of the build
machine and a <script>; one with a script under docs/ named like the theme's
bundle and one nobody named. Each build must stop, with a plain message, and
publish nothing; the build reports every page's problems in one run, so the
first copy's output must name both pages (each one alone is refused for its own
reason, not hidden behind the other). A third copy has a page whose HTML comment
looks like a content security policy: its build may pass, but then every page it
publishes has the policy first in its head. That copy is built as it is and
without each plugin's whole entry: no single line of settings touches the policy.

A deletion that leaves every plugin's settings exactly as they were (a value equal
to its default) gives the same build as the untouched file, which is built first;
it is not built again.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import material
import pytest

from builds import run_build

CANARY = "canary-from-the-build-machine-5d1e"
SCRIPT_MARK = "hostile-script-9b7c"
# Each copy of the project, by name: the pages it adds to (file, text to append).
HOSTILE = {
    # Family 1: pages that would run code, both in one copy.
    "pages": [("model.md", "\n\nThe key is {{ cycler.__init__.__globals__.os.environ.COPRODUCTION_TEST_CANARY }}.\n"),
              ("origins.md", f'\n\n<script>document.title = "{SCRIPT_MARK}"</script>\n')],
    # Family 2: files under docs/ that would run as code (HOSTILE_FILES).
    "theme script": [],
    # Family 3: a comment that looks like a policy; the page is otherwise fine.
    "policy comment": [("origins.md",
                        '\n\n<!-- <meta http-equiv="Content-Security-Policy" content="default-src *"> -->\n')],
}
_BUNDLE = sorted((Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js"))[0]
HOSTILE_FILES = {"theme script": {f"assets/javascripts/{_BUNDLE.name}": f'document.title = "{SCRIPT_MARK}"\n',
                                  "assets/javascripts/unnamed.js": f'document.title = "{SCRIPT_MARK}"\n'}}
ENV = {"COPRODUCTION_TEST_CANARY": CANARY}
POLICY_FIRST = re.compile(r'.*?<head>\s*<meta http-equiv="Content-Security-Policy" content="[^"]*default-src \'self\'',
                          re.DOTALL)


def _plugin_lines(config: str) -> list[int]:
    """The numbers of the lines from `plugins:` to the next top-level key that hold a setting."""
    lines = config.splitlines()
    start = lines.index("plugins:")
    end = next(n for n in range(start + 1, len(lines)) if re.match(r"\w", lines[n]))
    return [n for n in range(start, end) if lines[n].strip() and not lines[n].strip().startswith("#")]


def _plugin_blocks(config: str) -> list[tuple[int, int]]:
    """Each plugin's entry, from its `- name` line to the last line indented under it."""
    lines = config.splitlines()
    blocks = []
    for number in _plugin_lines(config):
        if re.match(r"  - \w", lines[number]):
            end = number + 1
            while end < len(lines) and (not lines[end].strip() or lines[end].startswith("    ")):
                end += 1
            blocks.append((number, end))
    return blocks


def _settings(config_file):
    """Every plugin's settings as the build uses them (ours with their defaults filled in),
    or None if MkDocs or our plugin refuses the file."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from coproduction import settings

    try:
        config = load_config(str(config_file))
        found = {name: dict(plugin.config) for name, plugin in config.plugins.items()}
        ours = found.get("coproduction")
        if ours is not None:
            ours["data"] = settings.data_paths(ours.pop("data"))
            ours["readability"] = settings.readability_options(ours["readability"])
            project = settings.open_project(config_file.parent, ours["data"])
            ours["documents"] = settings.documents(ours["documents"], config_file.parent, "", project)
    except (ConfigurationError, SystemExit, settings.SettingError):
        return None
    return found


def _published(site) -> str:
    if not site.exists():
        return ""
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
                     if p.is_file() and p.suffix in (".html", ".json", ".xml", ".js"))


# Three parts, so the test workers share the builds: each line of our documents' settings,
# each other line of settings, and each line that opens a plugin's entry and each whole entry.
# For each part: more cuts built than this, and at least this many that change nothing.
PARTS = {"documents": (12, 0), "settings": (12, 7), "whole entries": (5, 0)}


@pytest.mark.slow(25)
@pytest.mark.parametrize("half", PARTS)
def test_deleting_any_line_of_the_plugins_cannot_publish_a_hostile_page(half, project_copy, tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    projects = {}
    for kind, hostile in HOSTILE.items():
        projects[kind] = tmp_path / kind
        shutil.copytree(project_copy, projects[kind], symlinks=True, ignore=shutil.ignore_patterns(".cache"))
        (projects[kind] / ".cache").symlink_to(project_copy / ".cache")  # a PDF rendered once serves all
        for name, text in hostile:
            path = projects[kind] / "docs" / name
            path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
        for name, text in HOSTILE_FILES.get(kind, {}).items():
            (projects[kind] / "docs" / name).write_text(text, encoding="utf-8")
    original = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    baseline = _settings(project_copy / "mkdocs.yml")
    lines = original.splitlines(keepends=True)
    # Each line of our settings and of the macros plugin's (not its list of pages: one
    # fewer only narrows what may run macros), then each plugin's whole entry.
    blocks = {re.match(r"  - (\w+)", lines[start]).group(1): range(start, end)
              for start, end in _plugin_blocks(original)}
    cuts = [(number, number + 1) for number in _plugin_lines(original)
            if number in blocks["coproduction"]
            or number in blocks["macros"] and not lines[number].startswith("        ")]
    cuts += [(block.start, block.stop) for block in blocks.values()]
    assert sorted(blocks) == ["coproduction", "macros", "privacy", "search"]
    documents = range(next(n for n, line in enumerate(lines) if line.strip() == "documents:"),
                      next(n for n, line in enumerate(lines) if line.strip() == "readability:"))
    def part(start: int, end: int) -> str:
        if start in documents and end - start == 1:
            return "documents"
        return "whole entries" if lines[start].startswith("  - ") else "settings"
    cuts = [cut for cut in cuts if part(*cut) == half]

    def refused(kind: str, start: int, end: int) -> None:
        site = tmp_path / f"site-{kind}-{start}-{end}"
        result = run_build(projects[kind], site_dir=site, env=ENV)
        published = _published(site)
        where = f"{kind}: mkdocs.yml without lines {start + 1}-{end} ({lines[start].strip()!r}...):\n{result.output}"
        assert CANARY not in published and SCRIPT_MARK not in published, where
        assert "Traceback" not in result.output, where
        if kind == "policy comment" and result.returncode == 0:
            pages = [p for p in site.rglob("*.html")]
            assert pages and all(POLICY_FIRST.match(p.read_text(encoding="utf-8")) for p in pages), where
            return
        assert result.returncode != 0 and not site.exists(), where
        named = {line.split(":")[0] for line in result.output.splitlines() if line.startswith("docs/")}
        if kind != "policy comment" and named:
            # The build got as far as the files under docs/ (a cut may stop it sooner, at
            # mkdocs.yml, the print templates or the data): then each hostile page or file
            # is named at the start of a line of its own, refused for its own reason.
            hostile = [name for name, _ in HOSTILE[kind]] + list(HOSTILE_FILES.get(kind, {}))
            assert {f"docs/{name}" for name in hostile} <= named, where

    # As it is, the build refuses each hostile copy (and publishes the policy-comment one safely).
    if half == "documents":
        for kind in HOSTILE:
            refused(kind, 0, 0)
    built = same = 0
    for start, end in cuts:
        changed = "".join(lines[:start] + lines[end:])
        (project_copy / "mkdocs.yml").write_text(changed, encoding="utf-8")
        settings = _settings(project_copy / "mkdocs.yml")
        if settings == baseline:
            same += 1  # the very build refused above
            continue
        # A file MkDocs or our settings refuse stops before any page is read: one build shows it.
        whole_entry = lines[start].startswith("  - ")
        for kind in [k for k in HOSTILE if whole_entry or k != "policy comment"] if settings is not None else ["pages"]:
            (projects[kind] / "mkdocs.yml").write_text(changed, encoding="utf-8")
            refused(kind, start, end)
        built += 1
    fewest_built, fewest_same = PARTS[half]
    assert built > fewest_built and same >= fewest_same, (built, same)  # same: the data paths, the report
