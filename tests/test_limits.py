"""Limits with plain messages (issue 26, family 7): a few hundred bytes must not stall
the build. YAML anchors and aliases are refused before anything is built from them;
a page has a size limit; a macro page a limit on what it may output. The time budget
is a subprocess timeout, not a timing assertion."""
from __future__ import annotations

import math
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT
from coproduction import limits
from coproduction.errors import ContentError
from coproduction.markdown_source import Page, load_page

BUDGET_S = 8  # Python's start and imports included; the bombs below ran for minutes

BOMB = textwrap.dedent("""\
    a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
    f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
    h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
    i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
    """)


def _run(code: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True,
                          timeout=BUDGET_S, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_an_alias_bomb_in_front_matter_is_refused_at_its_line_in_time(tmp_path):
    page = tmp_path / "docs" / "bomb.md"
    page.parent.mkdir()
    page.write_text("---\ntitle: Bomb\n" + BOMB + "---\n\n# Bomb\n", encoding="utf-8")
    # The checker contributors run (python -m coproduction check), with the build's settings.
    result = subprocess.run([sys.executable, "-m", "coproduction", "check", "docs/bomb.md",
                             "--config", str(ROOT / "mkdocs.yml")], cwd=tmp_path, capture_output=True,
                            text=True, timeout=BUDGET_S)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "docs/bomb.md:3: The front matter uses a YAML anchor or alias ('&a')" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and str(tmp_path) not in result.stderr


def test_an_alias_bomb_in_a_data_file_is_refused_at_its_line_in_time(tmp_path):
    shutil_data = tmp_path / "data"
    shutil_data.mkdir()
    (shutil_data / "model.yml").write_text("title: x\n" + BOMB, encoding="utf-8")
    result = _run("import sys\nfrom coproduction.model import load_model\nfrom coproduction.errors import ContentError\n"
                  "try:\n    load_model('data/model.yml')\nexcept ContentError as err:\n    print(err)\n", tmp_path)
    assert result.stdout.startswith("data/model.yml:2: The YAML uses a YAML anchor or alias ('&a')"), result.stdout + result.stderr


@pytest.mark.parametrize("yaml_text, line, mark", [
    ("title: x\nshared: &words Hello\nother: *words\n", 2, "&words"),
    ("title: x\nlist:\n  - *nowhere\n", 3, "*nowhere"),
    ("base: &b {a: 1}\nmore:\n  <<: *b\n", 1, "&b"),
])
def test_every_anchor_and_alias_is_refused_with_its_line(yaml_text, line, mark):
    with pytest.raises(ContentError) as caught:
        Page.from_text(f"---\n{yaml_text}---\n\n# Page\n", "docs/page.md")
    assert caught.value.line == line + 1  # the front matter starts on line 2
    assert f"'{mark}'" in caught.value.problem
    assert "Write the value out in full" in caught.value.fix


def test_an_ampersand_or_star_in_quoted_text_is_fine():
    page = Page.from_text('---\ntitle: "Tea & cake"\ndescription: "*Important* & more"\n---\n# P\n', "docs/p.md")
    assert page.meta["title"] == "Tea & cake"


def test_a_page_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    page = tmp_path / "big.md"
    page.write_text("# Big\n\n" + ("Words for people. " * 20 + "\n\n") * 2000, encoding="utf-8")
    assert page.stat().st_size > limits.MAX_PAGE_BYTES
    with pytest.raises(ContentError) as caught:
        load_page(page, shown_as="docs/big.md")
    error = caught.value
    assert error.file == "docs/big.md"
    assert f"{limits.MAX_PAGE_BYTES // 1000} KB" in error.problem and "split" in error.fix.lower()


def test_our_largest_page_is_well_under_the_limit():
    largest = max(path.stat().st_size for path in (ROOT / "docs").rglob("*.md"))
    assert largest * 4 < limits.MAX_PAGE_BYTES


def test_a_macro_page_may_not_output_much_more_than_it_holds():
    source = "# Page\n\n{{ step_text(1) }}\n"
    limits.check_macro_output("docs/model.md", source, "# Page\n\n" + "Words. " * 200)
    with pytest.raises(ContentError) as caught:
        limits.check_macro_output("docs/model.md", source, "# Page\n\n" + "x" * (limits.MAX_MACRO_OUTPUT_BYTES + 1))
    assert caught.value.file == "docs/model.md"
    assert "KB" in caught.value.problem


def test_a_real_build_refuses_the_bomb_and_a_huge_page_with_their_files(project_copy, tmp_path):
    from builds import run_build

    page = project_copy / "docs" / "origins.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    page.write_text("---\n" + BOMB + text[4:], encoding="utf-8")
    result = run_build(project_copy, site_dir=tmp_path / "site", timeout=60)  # it ran for over 600 s
    assert result.returncode != 0
    assert "docs/origins.md:2: The front matter uses a YAML anchor or alias ('&a')" in result.output
    page.write_text(text + ("\nWords for people to read. " * 20 + "\n") * 1000, encoding="utf-8")
    result = run_build(project_copy, site_dir=tmp_path / "site", timeout=60)  # it was published
    assert result.returncode != 0
    size = math.ceil(page.stat().st_size / 1000)
    assert f"docs/origins.md: This page is {size} KB, more than the 200 KB a page may be" in result.output
    # A page too big to read stops the build before any page is read, and the message says so.
    assert "The build stopped before it read the pages, so it has not checked them yet" in result.output
    assert "Traceback" not in result.output and str(project_copy) not in result.output
    assert not (tmp_path / "site").exists()


def test_a_picture_over_300_kb_is_named_with_how_to_make_it_smaller(project_copy, tmp_path):
    from builds import run_build

    images = project_copy / "docs" / "assets" / "images"
    (images / "photo.JPG").write_bytes(b"\xff\xd8\xff" + b"\xff" * 4_199_997)  # straight from a phone
    (images / "just-right.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x89" * 299_992)  # the limit itself is fine
    (project_copy / "docs" / "assets" / "fonts" / "LICENCE.txt").write_bytes(b"words " * 100_000)  # not a picture
    origins = project_copy / "docs" / "origins.md"
    origins.write_text(origins.read_text(encoding="utf-8") + "\nSee [the list](lists.md).\n", encoding="utf-8")
    result = run_build(project_copy, site_dir=tmp_path / "site")
    assert result.returncode != 0 and not (tmp_path / "site").exists()
    assert "The site was not built: 2 problems to fix" in result.output, result.output  # with the page's, in one run
    assert ("docs/assets/images/photo.JPG: This picture is 4,200 KB, more than the 300 KB a picture may be. Many "
            "readers use a phone, where a big picture is slow to load and uses up their data. Make it smaller before "
            "you add it: about 1200 pixels wide is enough for this site. Save a photo as JPEG and a drawing as PNG."
            ) in result.output.splitlines(), result.output
    assert "The link 'lists.md' goes to no page of this site" in result.output


# --- what a macro page's sandbox lets a string grow to -----------------------------

GROWERS = {
    "concatenation": '{% set a = "xxxxxxxxxx" %}\n' + '{% set a = a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a %}\n' * 12,
    "plus": '{% set a = "xxxxxxxxxx" %}\n' + '{% set a = a + a + a + a + a + a + a + a + a + a %}\n' * 12,
    "replace filter": '{% set a = "xxxxxxxxxx" %}\n' + '{% set a = a|replace("x", "xxxxxxxxxx") %}\n' * 12,
    "replace method": '{% set a = "xxxxxxxxxx" %}\n' + '{% set a = a.replace("x", "xxxxxxxxxx") %}\n' * 12,
    "join": '{% set a = "xxxxxxxxxx" %}\n' + '{% set a = [a, a, a, a, a, a, a, a, a, a]|join %}\n' * 12,
}


@pytest.mark.parametrize("how", GROWERS)
def test_a_macro_page_cannot_grow_a_string_tenfold_a_line(how):
    code = textwrap.dedent(f"""\
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
        from coproduction.template_safety import MacroFailed, ReportingSandbox
        env = ReportingSandbox(on_error=lambda problem, fix, line: f"line {{line}}: {{problem}}. {{fix}}.")
        try:
            env.from_string({GROWERS[how]!r}).render()
        except MacroFailed as err:
            print(err)
        """)
    result = _run(code, ROOT)
    cap = f"{limits.MAX_MACRO_STRING:,}"
    # Line 1 sets ten letters; each later line makes ten times as many: line 6 passes the cap.
    assert result.stdout.startswith(f"line 6: A macro on this line makes a text longer than {cap} letters"), \
        result.stdout + result.stderr[-500:]


def test_ordinary_joins_and_replacements_still_work():
    from coproduction.template_safety import ReportingSandbox

    env = ReportingSandbox(variables=["words"])
    out = env.from_string('{{ words|join(", ")|replace("a", "A") ~ "!" + "?" }}').render(words=["a", "b"])
    assert out == "A, b!?"


# --- YAML nested too deep: libyaml's composer recursed until the build crashed -------

DEEP = "[" * 50_000 + "]" * 50_000


def test_deeply_nested_yaml_is_refused_at_its_line_not_a_crash(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "model.yml").write_text(f"title: x\nitems: {DEEP}\n", encoding="utf-8")
    (tmp_path / "page.md").write_text(f"---\ntitle: x\nhide: {DEEP}\n---\n# P\n", encoding="utf-8")
    result = _run("from coproduction.model import load_model\nfrom coproduction.markdown_source import load_page\n"
                  "from coproduction.errors import ContentError\n"
                  "for load, path, shown in ((load_model, 'data/model.yml', None), (load_page, 'page.md', 'docs/page.md')):\n"
                  "    try:\n        load(path, shown) if shown else load(path)\n"
                  "    except ContentError as err:\n        print(err)\n", tmp_path)
    assert result.returncode == 0, f"crashed ({result.returncode}): {result.stderr[-300:]}"
    first, second = result.stdout.splitlines()
    assert first.startswith(f"data/model.yml:2: The YAML is nested more than {limits.MAX_YAML_DEPTH} levels deep")
    assert second.startswith(f"docs/page.md:3: The front matter is nested more than {limits.MAX_YAML_DEPTH} levels deep")
