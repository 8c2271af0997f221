"""The build as a whole: what the one plugin (coproduction/plugin/plugin.py) promises.

- a rebuild into an existing site folder replaces the old site, all of it;
- a code fence inside a list item shows template code as code (one fence rule);
- a threshold set in mkdocs.yml changes the gate's verdict;
- `python -m coproduction print` and `check` run with MkDocs made unimportable.
"""
from __future__ import annotations

import shutil
import subprocess
import sys

from builds import run_build

FENCED_IN_A_LIST = (
    "\n\n1. Copy the line below into your notes before the meeting starts.\n\n"
    "    ~~~\n    Dear {{ name }}, thank you for coming.\n    ~~~\n"
)


def test_a_rebuild_into_an_existing_site_replaces_all_of_it(project_copy, tmp_path, built_site):
    # The existing site: the real build's, copied (a first build of this copy gives the same bytes,
    # tests/test_reproducible.py), so only the rebuild is run here.
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "guides" / "meetings" / "index.html"
    assert "Dear" not in page.read_text(encoding="utf-8")
    (site / "left-from-an-old-build.html").write_text("old", encoding="utf-8")

    source = project_copy / "docs" / "guides" / "meetings.md"
    source.write_text(source.read_text(encoding="utf-8") + FENCED_IN_A_LIST, encoding="utf-8")
    second = run_build(project_copy, site_dir=site)
    assert second.returncode == 0, second.output  # not "template code": it is inside a fence
    html = page.read_text(encoding="utf-8")
    assert "Dear {{ name }}, thank you for coming." in html and "<code>" in html
    assert not (site / "left-from-an-old-build.html").exists()
    assert not list(tmp_path.glob(".site*"))  # nothing left beside it


def test_a_threshold_set_in_mkdocs_yml_changes_the_verdict(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "        max_average_sentence_words: 20 " in text
    # Every page of ours has sentences of more than 6 words on average.
    config.write_text(text.replace("        max_average_sentence_words: 20 ",
                                   "        max_average_sentence_words: 6 ", 1), encoding="utf-8")
    result = run_build(project_copy, site_dir=tmp_path / "site")
    assert result.returncode != 0
    assert "too hard to read" in result.output and "docs/origins.md" in result.output, result.output
    assert not (tmp_path / "site").exists()


BLOCK_MKDOCS = """
import importlib.abc, runpy, sys

class NoMkDocs(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name == "mkdocs" or name.startswith(("mkdocs.", "mkdocs_", "material")):
            raise ImportError(f"{name} is blocked: the command must run without MkDocs")

sys.meta_path.insert(0, NoMkDocs())
sys.argv = ["coproduction", *sys.argv[1:]]
try:
    runpy.run_module("coproduction", run_name="__main__")
finally:
    loaded = sorted(n for n in sys.modules if n == "mkdocs" or n.startswith("mkdocs."))
    print("mkdocs modules loaded:", loaded, file=sys.stderr)
"""


def test_the_commands_run_with_mkdocs_made_unimportable(project_copy, tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-c", BLOCK_MKDOCS, *args], cwd=project_copy,
                              capture_output=True, text=True, timeout=300)

    printed = run("print", "--out", str(tmp_path / "out"))
    assert printed.returncode == 0, printed.stderr
    assert "mkdocs modules loaded: []" in printed.stderr
    assert (tmp_path / "out" / "downloads" / "co-production-model-a4.pdf").stat().st_size > 10_000
    # A page of the site gets the real build (check_build.py); a draft outside docs/ the plain-English rules only.
    draft = tmp_path / "draft.md"
    draft.write_text("# Our meetings\n\nWe meet every month in the library. Come along and bring a friend.\n")
    checked = run(str(draft))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "mkdocs modules loaded: []" in checked.stderr and "Scores:" in checked.stdout


def test_the_lock_has_every_pin_of_requirements_txt_with_its_hashes():
    """requirements.lock is what the Makefile installs; `make lock` writes it from requirements.txt."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    pins = {m.group(1).lower().replace("_", "-"): m.group(2) for m in re.finditer(
        r"^([A-Za-z0-9_.-]+)==([^\s#]+)", (root / "requirements.txt").read_text(encoding="utf-8"), re.MULTILINE)}
    lock = (root / "requirements.lock").read_text(encoding="utf-8")
    locked = {m.group(1).lower().replace("_", "-"): m.group(2) for m in re.finditer(
        r"^([A-Za-z0-9_.-]+)==(\S+) \\\n(?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+", lock, re.MULTILINE)}
    assert {"uv", "pip", "setuptools"} <= set(pins)
    stale = {name: (version, locked.get(name)) for name, version in pins.items() if locked.get(name) != version}
    assert not stale, f"run `make lock`: {stale}"
    assert set(locked) <= set(pins), set(locked) - set(pins)  # nothing unpinned slips in


def test_mkdocs_yml_names_one_plugin_of_ours_and_it_sits_where_its_comments_say(monkeypatch):
    """The order MkDocs really runs the handlers in (its own event lists), against the third-party plugins."""
    from importlib.metadata import entry_points
    from pathlib import Path

    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    ours = [ep.name for ep in entry_points(group="mkdocs.plugins") if ep.value.startswith("coproduction")]
    assert ours == ["coproduction"]
    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    assert [name for name in config.plugins if name in ours] == ["coproduction"]

    def order(event):
        return [f"{type(m.__self__).__name__}.{m.__name__}" for m in config.plugins.events[event]]

    def before(event, first, then):
        names = order(event)
        assert names.index(first) < names.index(then), (event, names)

    before("config", "CoproductionPlugin.on_config", "MacrosPlugin.on_config")  # the data, before define_env
    before("page_markdown", "CoproductionPlugin._before_macros", "MacrosPlugin.on_page_markdown")
    before("page_markdown", "MacrosPlugin.on_page_markdown", "CoproductionPlugin._after_macros")
    before("page_content", "PrivacyPlugin.on_page_content", "CoproductionPlugin.on_page_content")
    before("post_page", "PrivacyPlugin.on_post_page", "CoproductionPlugin.on_post_page")  # hashes of the final page
    assert order("post_build")[-1] == "CoproductionPlugin.on_post_build"  # the swap comes last
