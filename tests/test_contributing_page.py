"""One contributing text: docs/about/contributing.md is made from CONTRIBUTING.md
(coproduction/contributing.py), so the two cannot drift; the pull request
template asks for what CONTRIBUTING asks for."""
import subprocess
import sys
from pathlib import Path

import pytest

from coproduction.contributing import PAGE, make_page, page_body
from coproduction.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent


def test_the_page_is_made_from_contributing_md():
    source = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    page = (ROOT / PAGE).read_text(encoding="utf-8")
    assert page == make_page(source, page), "Run `make contributing` and commit docs/about/contributing.md"
    # What a reader of the site gets: the same words, without the developers' section.
    assert page.startswith("---\n") and "\ntitle: Contributing\n" in page.split("\n---\n", 1)[0]
    assert "## Adding a source" in page and "## For developers" not in page and "make bench" not in page
    assert "[When the build says no](build-errors.md)" in page  # a link that works from docs/about/
    assert "[When the build says no](docs/about/build-errors.md)" in source


def test_links_are_made_relative_to_the_page_and_other_files_refused():
    source = ("# Contributing\n\n<!-- a note -->\n\nSee [the guide](docs/guides/plain-english.md#tips), "
              "[sources](docs/sources.md \"Sources\") and [GitHub](https://github.com/).\n\n"
              "## For developers\n\nRead [DEVELOPERS.md](DEVELOPERS.md).\n")
    body = page_body(source)
    assert "[the guide](../guides/plain-english.md#tips)" in body
    assert '[sources](../sources.md "Sources")' in body and "[GitHub](https://github.com/)" in body
    assert "DEVELOPERS.md" not in body and "<!-- a note -->" not in body
    # A link shown as code is an example: left as it is, neither made relative nor refused.
    example = page_body(source.replace("See [the guide]", "Write `![A picture](../assets/meeting.png)`. See [the guide]"))
    assert "`![A picture](../assets/meeting.png)`" in example and "(../guides/plain-english.md#tips)" in example
    assert "<!-- Made from CONTRIBUTING.md by `make contributing`" in body
    with pytest.raises(ContentError) as caught:
        page_body(source.replace("## For developers\n\n", ""))
    assert caught.value.file == "CONTRIBUTING.md" and caught.value.line == 7
    assert "'DEVELOPERS.md' goes to a file that is not a page of the site" in str(caught.value)


def test_the_sync_script_says_when_the_page_is_out_of_date(tmp_path):
    for name in ("CONTRIBUTING.md", PAGE, "scripts/sync-contributing.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    (tmp_path / "coproduction").symlink_to(ROOT / "coproduction")
    script = [sys.executable, str(tmp_path / "scripts" / "sync-contributing.py")]
    assert subprocess.run([*script, "--check"], capture_output=True).returncode == 0
    source = tmp_path / "CONTRIBUTING.md"
    source.write_text(source.read_text().replace("Anyone can help", "Everyone can help"))
    stale = subprocess.run([*script, "--check"], capture_output=True, text=True)
    assert stale.returncode == 1 and "Run `make contributing`" in stale.stderr
    assert subprocess.run(script, capture_output=True).returncode == 0
    assert "Everyone can help" in (tmp_path / PAGE).read_text()


def test_the_pull_request_template_asks_for_register_keys():
    template = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "Link your sources" not in template
    assert "data/sources.yml" in template and "by its key" in template
    assert "data/sources.yml" in contributing and "by its key" in contributing
