"""Issue 26's boundary, wired into the build: each check runs in a real build of a
project copy, and each refusal names its file and line, on its own line, with no
Python traceback and nothing of the build machine.

- the content security policy (family 3): always added, as the first element of
  each page's head, whatever the page holds; only the theme's and our templates'
  exact scripts and styles get a hash (families 4 and 5);
- files under docs/ that would replace a theme file, and scripts nobody named (family 2);
- two files with one output path, front matter that cannot be read, and several
  problems on one page (each on its own line);
- macro pages: include, import and extends; output far bigger than the page.
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import material
import pytest

from conftest import ROOT
from coproduction import csp
from test_failure_catalogue import all_output_text, append, build_fails
from test_hostile_content import set_front_matter

MATERIAL = Path(material.__file__).parent / "templates"
POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
OUR_POLICY = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')


def sha(text: str) -> str:
    """Worked out here with hashlib, as the browser does, not with coproduction.csp."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def base_url(name: str) -> str:
    """MkDocs' base_url for a built file: the way back to the top, or the site's path for 404.html."""
    if name == "404.html":
        return "/coproduction-model/"  # site_url's path in mkdocs.yml
    depth = name.count("/")
    return "/".join([".."] * depth) or "."


def our_style(name: str) -> str:
    """The one <style> our template (overrides/main.html) writes: site.css, its font
    addresses made relative to the page. Jinja drops the file's last newline."""
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    css = css[:-1] if css.endswith("\n") else css
    return css.replace('url("../fonts/', 'url("' + base_url(name).rstrip("/") + "/assets/fonts/")


@pytest.fixture(scope="module")
def theme_env():
    from mkdocs.config import load_config
    return load_config(str(ROOT / "mkdocs.yml")).theme.get_env()


def without_policy(html: str) -> str:
    return OUR_POLICY.sub("", html, count=1)


# --- the policy in every built page -------------------------------------------------

def test_every_page_has_the_policy_first_and_only_our_templates_styles_hashed(built_site):
    names = sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html"))
    assert len(names) > 20
    for name in names:
        html = (built_site / name).read_text(encoding="utf-8")
        head = re.search(r"<head>(.*?)</head>", html, re.DOTALL).group(1)
        assert POLICY.match(head.lstrip()), f"{name}: the policy is not the first element of the head"
        # HTML asks for the character set within the first 1024 bytes.
        assert html.encode("utf-8").index(b'<meta charset="utf-8">') < 1024 - 25, name
        policy = dict(part.strip().split(" ", 1) for part in POLICY.search(html).group(1).split(";"))
        hashes = [h for h in policy["style-src"].split() if h.startswith("'sha256-")]
        assert hashes == [sha(our_style(name))], name
        assert "unsafe-hashes" not in policy["style-src"], name


def test_a_comment_that_mentions_a_policy_does_not_switch_it_off(built_site, theme_env):
    html = without_policy((built_site / "origins" / "index.html").read_text(encoding="utf-8"))
    comment = '<!-- <meta http-equiv="Content-Security-Policy" content="default-src *"> -->'
    html = html.replace("<article", comment + "<article", 1)
    out = csp.add_policy(html, csp.trusted(theme_env))
    head = re.search(r"<head>(.*?)</head>", out, re.DOTALL).group(1)
    assert POLICY.match(head.lstrip()) and "default-src 'self'" in head
    # A policy of the page's own (which could only add limits: browsers apply every policy)
    # is refused by the HTML allowlist before it gets this far.
    from coproduction import html_safety
    assert html_safety.find_problems('<meta http-equiv="Content-Security-Policy" content="default-src *">')


def test_a_page_without_a_head_still_gets_the_policy_first(theme_env):
    out = csp.add_policy("<!doctype html><p>Words</p>", csp.trusted(theme_env))
    assert re.match(r"<!doctype html>\s*<meta http-equiv=\"Content-Security-Policy\"", out)


@pytest.mark.parametrize("injected", [
    '<p style="color:red">Words</p>',           # style= through a front matter or attr_list break-out
    "<style>p{background:red}</style>",          # a whole style element from content
])
def test_a_style_from_content_earns_no_hash(built_site, theme_env, injected):
    html = without_policy((built_site / "origins" / "index.html").read_text(encoding="utf-8"))
    html = html.replace("<article", injected + "<article", 1)
    with pytest.raises(csp.ForeignStyle):
        csp.add_policy(html, csp.trusted(theme_env))


def test_a_copy_of_a_theme_script_with_another_address_earns_no_hash(built_site, theme_env):
    html = without_policy((built_site / "index.html").read_text(encoding="utf-8"))
    scope = re.search(r'__md_scope=new URL\("([^"]*)"', html)
    assert scope, "Material's base script is not in the page"
    for address in ("https://evil.example/", "//evil.example/", "/\\evil.example/"):
        hostile = html.replace(scope.group(0), f'__md_scope=new URL("{address}"', 1)
        with pytest.raises(csp.ForeignScript):
            csp.add_policy(hostile, csp.trusted(theme_env))
    csp.add_policy(html, csp.trusted(theme_env))  # the page as the theme wrote it is fine


# --- refusals in a real build -------------------------------------------------------

def _material_bundle() -> str:
    found = sorted(p.name for p in (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert found
    return found[0]


def test_files_front_matter_and_collisions_each_get_their_own_line(project_copy, tmp_path):
    scripts = project_copy / "docs" / "assets" / "javascripts"
    bundle = _material_bundle()
    (scripts / bundle).write_text("alert(1)\n", encoding="utf-8")
    (scripts / "evil.js").write_text("alert(2)\n", encoding="utf-8")
    (project_copy / "docs" / "guides.md").write_text("# Guides\n\nA page in the way of another.\n",
                                                     encoding="utf-8")
    # Two problems on one page: each gets its own line.
    set_front_matter(project_copy, "origins.md", "title: Origins\nicon: ../../../../etc/passwd\nrender_macros: 1\n")
    # Front matter that cannot be read at all: nested too deep, and an alias.
    set_front_matter(project_copy, "slogans.md", "title: " + "[" * 30 + "x" + "]" * 30 + "\n")
    set_front_matter(project_copy, "accessibility.md", "title: &a Access\ndescription: *a\n")
    result, site = build_fails(
        project_copy, tmp_path,
        f"docs/assets/javascripts/{bundle}: This file would replace the theme's own file",
        "docs/assets/javascripts/evil.js: This script or stylesheet is not named in mkdocs.yml",
        "docs/guides/index.md: This file and docs/guides.md would both become guides/index.html",
        "docs/origins.md:3: The front matter key 'icon' is not one pages may use",
        "docs/origins.md:4: The front matter has 'render_macros'",
        "docs/slogans.md:2: The front matter is nested more than 20 levels deep",
        "docs/accessibility.md:2: The front matter uses a YAML anchor or alias")
    lines = result.output.splitlines()
    for start in ("docs/origins.md:3:", "docs/origins.md:4:", "docs/slogans.md:2:", "docs/accessibility.md:2:",
                  f"docs/assets/javascripts/{bundle}:", "docs/assets/javascripts/evil.js:"):
        assert sum(start in line for line in lines) == 1, f"{start} is not on a line of its own:\n{result.output}"
    assert str(project_copy) not in all_output_text(result, site) and "/tmp/" not in result.output


def test_a_data_file_problem_is_named_by_the_data_file(project_copy, tmp_path):
    data = project_copy / "data" / "quotes.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text + "extra: " + "[" * 30 + "x" + "]" * 30 + "\n", encoding="utf-8")
    line = text.count("\n") + 1
    result, site = build_fails(project_copy, tmp_path, f"data/quotes.yml:{line}: The YAML is nested more than",
                               "The build stopped before it read the pages")  # so more may follow
    assert str(project_copy) not in result.output and "docs/" not in result.output


def test_a_self_assessment_problem_is_named_by_its_data_file_not_the_page(project_copy, tmp_path):
    data = project_copy / "data" / "self-assessment.yml"
    text = data.read_text(encoding="utf-8")
    old = "  - guide: what-is-co-production/values.md#value-2\n"
    assert text.count(old) == 1
    line = text[:text.index(old)].count("\n") + 1
    data.write_text(text.replace(old, "  - guide: no-such-page.md\n"), encoding="utf-8")
    result, site = build_fails(project_copy, tmp_path, f"data/self-assessment.yml:{line}: The guide page 'no-such-page.md'")
    assert "docs/self-assessment.md" not in result.output and str(project_copy) not in result.output


def test_a_macro_page_may_not_read_other_templates(project_copy, tmp_path):
    line = append(project_copy, "model.md", '{% include "partials/logo.html" %}\n\n'
                  '{% import "macros.html" as m %}\n\n{% extends "main.html" %}\n')
    result, site = build_fails(
        project_copy, tmp_path,
        f"docs/model.md:{line}: A macro on this line uses 'include'",
        f"docs/model.md:{line + 2}: A macro on this line uses 'import'",
        f"docs/model.md:{line + 4}: A macro on this line uses 'extends'")
    assert str(project_copy) not in result.output


def test_a_macro_page_may_not_make_far_more_than_it_holds(project_copy, tmp_path):
    append(project_copy, "model.md", '{% for step in model.steps.items %}{% for value in model.values.items %}{{ "words" | center(9000) }}'
           '{% endfor %}{% endfor %}\n')
    build_fails(project_copy, tmp_path, "docs/model.md: The macros on this page make", "KB of text from")


def test_a_style_smuggled_through_an_attribute_list_is_refused(project_copy, tmp_path):
    # Through front matter (`status: '" style="...'`): tests/test_front_matter_boundary.py.
    line = append(project_copy, "origins.md", '## Smuggled { style="color:red" }\n')
    result, site = build_fails(project_copy, tmp_path, f"docs/origins.md:{line}: This page has a style attribute")
    assert "color:red" not in all_output_text(result, site).replace(result.output, "")
