"""Pages and data are untrusted input (issue 13): what a hostile pull request
might try, and the build refusing each, with the file, the line and no leak.

Hostile pages are batched: each build below holds every case that the same
check reports together, and its output must list every one of them. Cases that
only need plain Python (the HTML rules, the sandbox, the policy) run without a build.
"""
from __future__ import annotations

import base64
import hashlib
import re
import shutil
from html import unescape
from pathlib import Path

import pytest
import yaml
from jinja2 import DictLoader, Environment, StrictUndefined

from conftest import ROOT, run_build
from coproduction import csp, html_safety
from coproduction.model import load_model, load_quotes
from coproduction.self_assessment import load_self_assessment
from coproduction.template_safety import MacroFailed, ReportingSandbox
from test_failure_catalogue import SECRET, all_output_text, append, build_fails


def set_front_matter(project: Path, page: str, lines: str) -> None:
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    path.write_text(f"---\n{lines}---\n{body}", encoding="utf-8")


# --- 1. Front matter reaches the page head; a title blames the right page ---------

XSS_DESCRIPTION = '"><script>document.title="XSS"</script>'


def test_front_matter_cannot_reach_the_page_head(project_copy, tmp_path):
    set_front_matter(project_copy, "origins.md", f"description: '{XSS_DESCRIPTION}'\n")
    set_front_matter(project_copy, "accessibility.md", "title: Access<script>alert(1)</script>\n")
    set_front_matter(project_copy, "slogans.md", "template: redirect.html\nlocation: https://example.com/\n")
    set_front_matter(project_copy, "guides/meetings.md", 'title: Meetings" onmouseover="x\n')
    # An open quote at the end of a page: a browser drops the unfinished tag, Python's parser reads on, and the
    # note the build adds after a link to a doubtful source ended the quote (red team, third round).
    unfinished = append(project_copy, "origins.md", "<div title=\"x>\n<a href='https:&#47;&#47;www.scie.org.uk/"
                        "co-production/scie/charter/'>The charter</a>\n<meta content='1;url=//x.example/>' "
                        "http-equiv='refresh' >\n<!-- \" -->\n</div>\n")
    # The same open quote before a case study's title, with no quote after it: the box under the title
    # ended it (red team, third round). The page's own words have no quote mark, so none closes it first.
    study = project_copy / "docs" / "case-studies" / "good-gym.md"
    front = study.read_text(encoding="utf-8").split("\n---\n", 1)[0].replace('"', "'")
    study.write_text(f"{front}\n---\n<div title=\"x>\n<h1>Good Gym</h1>\n<meta content='1;url=//x.example/>' "
                     "http-equiv='refresh' >\n<!-- \" -->\n</div>\n\nRunners help older people.\n", encoding="utf-8")
    meta_line = front.count("\n") + 5
    # With no title in its front matter, a page's title is its first heading, which the theme prints in
    # <title> through striptags: that turns code's and entities' '&lt;' back into '<'.
    for page, heading in (("guides/index.md", "# Guides `</title><meta http-equiv=refresh content=0;url=//x.example/>`"),
                          ("templates/index.md", "# Templates &lt;/title&gt;&lt;script src=a.txt&gt;&lt;/script&gt;")):
        path = project_copy / "docs" / page
        text = re.sub(r"\ntitle: [^\n]*", "", path.read_text(encoding="utf-8"))
        path.write_text(re.sub(r"^# .*$", heading, text, count=1, flags=re.MULTILINE), encoding="utf-8")
    result, site = build_fails(
        project_copy, tmp_path,
        "docs/origins.md:2:", "front matter value 'description'",
        "docs/accessibility.md:2:", "front matter value 'title'",
        "docs/slogans.md:2:", "template 'redirect.html'",
        "docs/guides/meetings.md:2:", "double quote",
        "docs/guides/index.md:7: The page's title 'Guides </title><meta http-equiv=refresh content=0;url=//x.example/>' "
        "has what looks like a tag in it",
        "docs/templates/index.md:7: The page's title 'Templates </title><script src=a.txt></script>' has what looks "
        "like a tag in it",
        f"docs/origins.md:{unfinished + 2}: This page has a <meta http-equiv> tag", "once the build adds its notes",
        f"docs/case-studies/good-gym.md:{meta_line}: This page has a <meta http-equiv> tag, which can send readers "
        "to another address or change how the browser treats the page, once the build adds its notes")
    assert "readability.md" not in result.output


def test_a_quote_in_a_description_or_a_title_is_escaped_in_the_head(edited_site):
    # Set in conftest.EDITS ("description with a quote", "title with a quote"), built once with the others:
    # the theme's description, and what a shared link shows (its Open Graph title and description).
    site = edited_site
    html = (site / "slogans" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="description" content="Say &#34;hello&#34; &amp; wave">' in html
    assert '<meta property="og:description" content="Say &#34;hello&#34; &amp; wave">' in html
    html = (site / "guides" / "step-6-how-you-work" / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="Step 6: Make it &#34;how&#34; &amp; why">' in html


def test_a_case_study_s_box_goes_after_its_title_not_inside_an_attribute():
    # A '</h1>' inside an attribute's value is text: the box goes after the title element a parser reads.
    # (A page may not hold '<' in a value at all now; this keeps the placement safe on its own.)
    from markupsafe import Markup
    from coproduction.case_studies import with_facts
    page = '<h1 id="good-gym">Good <span title="</h1><script src=x.js></script>">Gym</span></h1>\n<p>Words.</p>'
    assert with_facts(page, Markup('<div class="cp-facts">Box</div>')) == (
        '<h1 id="good-gym">Good <span title="</h1><script src=x.js></script>">Gym</span></h1>\n'
        '<div class="cp-facts">Box</div>\n<p>Words.</p>')


# --- 4. The content security policy trusts only the theme ---------------------------

THEME = {
    "base.html": '<head><meta charset="utf-8"><script>__md_scope=new URL("{{ base_url }}",location)</script>'
                 '<script>var d="{{ page.meta.description }}"</script></head>',
}


def trusted():
    return csp.theme_scripts(csp.template_sources(Environment(loader=DictLoader(THEME))))


def test_the_policy_hashes_theme_scripts_worked_out_from_the_templates():
    page = '<head><meta charset="utf-8"><script>__md_scope=new URL("../..",location)</script></head>'
    out = csp.add_policy(page, trusted())
    # Worked out here, not with csp.sha256: the script's text as the browser hashes it.
    script = re.search(r"<script>(.*?)</script>", page).group(1)
    expected = "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"
    assert expected in out


@pytest.mark.parametrize("page", [
    # a script from content
    '<head><meta charset="utf-8"></head><body><script>document.title="XSS"</script></body>',
    # the theme's script with content in its slot
    '<head><meta charset="utf-8"><script>__md_scope=new URL("",alert(1),"",location)</script></head>',
    # a template script that prints front matter is never trusted
    '<head><meta charset="utf-8"><script>var d="x"</script></head>',
])
def test_a_script_that_did_not_come_from_the_theme_is_never_hashed(page):
    with pytest.raises(csp.ForeignScript):
        csp.add_policy(page, trusted())


@pytest.mark.parametrize("script", ['<script src="../evil.txt"></script>', "<script src=../../evil.txt></script>",
                                    '<script src="assets/images/photo.png?x.js"></script>',
                                    '<script src="x&#46;txt"></script>'])
def test_a_script_from_a_file_that_is_not_a_script_is_refused(script):
    # 'self' in the policy allows any file of the site: a .txt or a picture could be run as a script.
    page = f'<head><meta charset="utf-8"></head><body>{script}</body>'
    with pytest.raises(csp.ForeignScript):
        csp.add_policy(page, trusted())
    fine = '<head><meta charset="utf-8"></head><body><script src="../assets/javascripts/bundle.f1.min.js"></script></body>'
    assert "Content-Security-Policy" in csp.add_policy(fine, trusted())


@pytest.mark.parametrize("meta", [
    '<META HTTP-EQUIV=refresh content="0;url=//x.example/">',
    # a '>' in a quoted value before it, and a comment a browser ends at once (red team, third round)
    "<meta content='1;url=http://x.example/>' http-equiv=refresh>",
    "<!--><meta http-equiv=refresh content='0;url=//x.example/'><!-- -->",
])
def test_a_meta_http_equiv_in_a_finished_page_is_refused(meta):
    # Such as a redirect that got past the page checks: the theme writes none on a page.
    with pytest.raises(csp.ForeignMeta):
        csp.add_policy(f'<head><meta charset="utf-8">{meta}</head>', trusted())


@pytest.mark.parametrize("script", ["<script data-src=a.js src=x.woff2></script>",
                                    # with data-src alone, it is an inline script, and not the theme's
                                    '<script data-src="a.js">document.title="x"</script>'])
def test_a_script_src_is_read_as_the_browser_reads_it_not_from_a_data_attribute(script):
    with pytest.raises(csp.ForeignScript):
        csp.add_policy(f'<head><meta charset="utf-8"></head><body>{script}</body>', trusted())


def _browser_hash(text: str) -> str:
    """A CSP source for an inline script or style, as the browser works it out (not csp.sha256)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def test_every_built_page_s_policy_lists_exactly_its_inline_scripts_and_styles(built_site):
    # Worked out from each published page, without the csp module: the browser runs an inline
    # script only if its hash is in script-src, and a hash with no script on the page is a hole.
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 30 and built_site / "404.html" in pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policy = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html)
        assert len(policy) == 1, path
        sources = dict(part.strip().split(" ", 1) for part in policy[0].split(";") if " " in part.strip())
        listed = {name: set(re.findall(r"'sha256-[^']+'", sources.get(name, ""))) for name in ("script-src", "style-src")}
        scripts = {_browser_hash(code) for code in re.findall(r"<script>(.*?)</script>", html, re.S)}
        styles = {_browser_hash(css) for css in re.findall(r"<style>(.*?)</style>", html, re.S)}
        # A style attribute is hashed as the browser reads its value, character references decoded.
        styles |= {_browser_hash(unescape(a or b)) for a, b in re.findall(r'\sstyle="([^"]*)"|\sstyle=\'([^\']*)\'', html)}
        assert scripts and listed["script-src"] == scripts, path
        assert listed["style-src"] == styles, path
        # Scripts with attributes: only files from the site itself and the theme's JSON settings.
        for attributes in re.findall(r"<script (?!src=\"[^\":]*\")([^>]*)>", html):
            assert attributes == 'id="__config" type="application/json"', (path, attributes)


# --- 2. Symlinks; 7. invisible direction controls ------------------------------------

def test_symlinks_and_direction_controls_are_refused_before_anything_reads_them(project_copy, tmp_path):
    (project_copy / "docs" / "assets" / "env.txt").symlink_to("/proc/self/environ")
    page = project_copy / "docs" / "origins.md"
    page.unlink()
    page.symlink_to("/etc/passwd")
    outside = tmp_path / "outside.md"
    outside.write_text("# Outside\n\nA plain page from outside the project.\n", encoding="utf-8")
    (project_copy / "docs" / "guides" / "outside.md").symlink_to(outside)
    (project_copy / "macros" / "linked").symlink_to("/etc")
    (project_copy / "docs" / "assets" / "page.html").write_text("<script>alert(1)</script>", encoding="utf-8")
    (project_copy / "docs" / "assets" / "chart.svg").write_text("<svg><script>alert(1)</script></svg>")
    (project_copy / "docs" / "extra.js").write_text("alert(1)", encoding="utf-8")
    line = append(project_copy, "accessibility.md", "Pay \u202eevig\u202c the fee.\n")
    link_line = append(project_copy, "accessibility.md", "See [the model](mo\u200bdel.md).\n")
    data = project_copy / "data" / "quotes.yml"
    data.write_text(data.read_text(encoding="utf-8") + "# \u2066hidden\u2069\n", encoding="utf-8")
    data_line = data.read_text(encoding="utf-8").count("\n")
    result, site = build_fails(
        project_copy, tmp_path,
        "docs/assets/env.txt: This is a symbolic link (to /proc/self/environ)",
        "docs/origins.md: This is a symbolic link (to /etc/passwd)",
        "docs/guides/outside.md: This is a symbolic link", "macros/linked: This is a symbolic link",
        "Replace the link with a copy",
        "docs/assets/page.html: The site does not publish files '.html'", "docs/assets/chart.svg:",
        "docs/extra.js: A .js file may only be in docs/assets/javascripts/",
        f"docs/accessibility.md:{line}:", "U+202E", f"data/quotes.yml:{data_line}:", "U+2066",
        f"docs/accessibility.md:{link_line}: The word 'mo[invisible]del.md' on this line has an invisible character",
        env={"H9_SECRET": SECRET})
    assert "goes to no page" not in result.output  # named once, as what it is
    assert SECRET not in all_output_text(result, site)
    assert "root:" not in result.output  # nothing of /etc/passwd


# --- 3. and 6. The macro sandbox ----------------------------------------------------

def test_pages_allowed_macros_see_only_our_macros_and_data(project_copy, tmp_path):
    reach = ["{{ config }}", "{{ environment }}", "{{ plugin }}", "{{ page }}", "{{ lipsum() }}",
             "{{ cycler }}", "{{ self }}", "{{ range(10) | list }}", "{{ macros_info() }}", "{{ context() }}",
             "{{ config.plugins['plain-english'].config.update({'report': '../../../x.json'}) }}",
             "{{ navigation }}", "{{ files }}", "{{ extra }}", "{{ namespace() }}", "{{ 'a' * 99999999 }}"]
    line = append(project_copy, "model.md", "\n\n".join(reach) + "\n")
    expected = [f"docs/model.md:{line + 2 * i}: A macro on this line uses" for i in range(len(reach))]
    result, site = build_fails(project_copy, tmp_path, *expected, env={"H9_SECRET": SECRET})
    assert SECRET not in all_output_text(result, site)
    assert not (project_copy.parent / "x.json").exists() and not (tmp_path / "x.json").exists()


def test_the_sandbox_refuses_what_could_make_a_page_too_big_or_slow():
    env = ReportingSandbox(macros={"step_text": lambda n: n}, variables=["model"])
    source = ("{{ step_text(1) }} {{ 2025 }}\n{{ 'a' * 99 }}\n{{ 9 ** 9 }}\n{{ 'x' | center(1000000) }}\n"
              "{% for a in model %}{% for b in model %}{% for c in model %}x{% endfor %}{% endfor %}{% endfor %}\n"
              "{% for a in model recursive %}{{ loop(a) }}{% endfor %}\n"
              "{% macro m() %}{{ m() }}{% endmacro %}\n")
    assert [line for _, line in env.too_costly(source)] == [2, 3, 4, 5, 6, 7]


def test_a_macro_that_fails_while_rendering_names_the_line_and_leaves_nothing(project_copy, tmp_path):
    # A data object's own method that unpickles, which would run a command (the red team's way in).
    mark = tmp_path / "ran"
    line = append(project_copy, "model.md", "Some words.\n\n{{ model.parse_raw(" + repr(f"cos\nsystem\n(S'touch {mark}'\ntR.")
                  + ', proto="pickle", allow_pickle=true) }}\n')
    build_fails(project_copy, tmp_path, f"docs/model.md:{line + 2}:", "may not use", env={"H9_SECRET": SECRET})
    assert not mark.exists()


class Box:
    steps = ["one", "two"]
    title = "The model"


def sandbox_render(source: str, **names):
    errors = []
    env = ReportingSandbox(undefined=StrictUndefined, on_error=lambda p, f, line: errors.append((p, line)) or p,
                           macros={"step_text": lambda n: "step"}, variables=["model"])
    with pytest.raises(MacroFailed):
        env.from_string(source).render(model=Box(), config={"secret": SECRET}, **names)
    return errors


@pytest.mark.parametrize("source", [
    "{{ ''.__class__.__mro__ }}",
    "{{ model.__class__.__init__.__globals__ }}",
    "{{ step_text.__globals__ }}",
    "{{ model.steps.append('three') }}",
    "{{ model.steps.clear() }}",
    "{% set d = {} %}{{ d.update({'a': 1}) }}",
    "{{ config.secret }}",
    "{{ model.steps | attr('__class__') }}",
    "{% include 'mkdocs.yml' %}",
    "{{ '{0.__class__}'.format(model) }}",
])
def test_the_sandbox_refuses_ways_into_python_and_changes(source):
    errors = sandbox_render("A line.\n" + source)
    assert errors and errors[0][1] == 2, errors


def real_data_render(source: str) -> list:
    """`source` rendered as a page is, with the real data objects a page may read."""
    errors = []
    env = ReportingSandbox(undefined=StrictUndefined, on_error=lambda p, f, line: errors.append((p, line)) or p,
                           variables=["model", "quotes", "self_assessment"])
    names = {"model": load_model(ROOT / "data" / "model.yml"), "quotes": load_quotes(ROOT / "data" / "quotes.yml"),
             "self_assessment": load_self_assessment(ROOT / "data" / "self-assessment.yml")}
    try:
        return [env.from_string(source).render(**names)]
    except MacroFailed:
        return errors


@pytest.mark.parametrize("call", [
    'model.parse_raw(PICKLE, proto="pickle", allow_pickle=true)',
    'quotes.slogans.parse_raw(PICKLE, proto="pickle", allow_pickle=true)',
    '(model | attr("parse_raw"))(PICKLE, proto="pickle", allow_pickle=true)',
    'model["parse_raw"](PICKLE, proto="pickle", allow_pickle=true)',
    'model.parse_file(MARK)',
    'model.model_validate_json("{}")',
    'model.definition.model_copy()',
    'model.whose_words()',
    'self_assessment.areas()',
])
def test_pages_read_the_data_s_fields_and_never_its_methods(tmp_path, call):
    # The data objects are pydantic models: parse_raw unpickles, which runs any command.
    mark = tmp_path / "ran"
    pickle = f"cos\nsystem\n(S'touch {mark}'\ntR."
    source = "A line.\n{{ " + call.replace("PICKLE", repr(pickle)).replace("MARK", repr(str(mark))) + " }}"
    errors = real_data_render(source)
    assert errors and errors[0][1] == 2 and "may not use" in errors[0][0], errors
    assert not mark.exists()


def test_pages_read_the_data_they_need():
    shown = real_data_render(
        "{{ model.title }}|{{ model.doubt_summary }}|{% for v in model.values.items %}{{ loop.index }}"
        "{{ v.text[:3] }}{{ v.doubt_note is none }}{% endfor %}|{{ model.version_date.strftime('%Y') }}|"
        "{{ quotes.slogans.items[0] }}|{{ self_assessment.statements() | length }}")
    model = yaml.safe_load((ROOT / "data" / "model.yml").read_text(encoding="utf-8"))
    quotes = yaml.safe_load((ROOT / "data" / "quotes.yml").read_text(encoding="utf-8"))
    assert shown[0].startswith(f"{model['title']}|") and f"|{quotes['slogans']['items'][0]}|" in shown[0], shown
    assert f"|1{model['values']['items'][0]['text'][:3]}True2" in shown[0], shown


def test_the_sandbox_lists_names_pages_may_not_use_with_their_lines():
    env = ReportingSandbox(macros={"step_text": lambda n: n}, variables=["model"])
    source = "{{ step_text(1) }}\n{% for s in model.steps %}{{ s }}{{ loop.index }}{% endfor %}\n{{ self }}\n{{ range(99999) }}"
    assert env.unknown_names(source) == [("self", 3), ("range", 4)]


# --- 5. Redirects, data: addresses and other HTML outside the allowlist -------------

HOSTILE_HTML = [
    ('<meta http-equiv="refresh" content="0;url=https://example.com">', "<meta http-equiv>"),
    ('<a href="data:text/html,<script>alert(1)</script>">x</a>', "address that pages may not use"),
    ('<a href="&#100;ata:text/html,x">x</a>', "address that pages may not use"),
    ('<a href="vbscript:msgbox(1)">x</a>', "address that pages may not use"),
    ('<a href="JaVaScRiPt&colon;alert(1)">x</a>', "'javascript:' address"),
    ('<base href="https://example.com/">', "<base>"),
    ('<form action="https://example.com/steal"><input name="q"></form>', "from another website"),
    ('<form action="/steal"><input name="q"></form>', "'action' attribute"),
    ('<object data="assets/x.swf"></object>', "<object>"),
    ('<marquee>moving</marquee>', "<marquee>"),
    ('<math><mtext><a href="x">m</a></mtext></math>', "<math>"),
    ('<img src="assets/images/x.png" alt="" srcset="x.png 1x">', "'srcset' attribute"),
    # The build adds a note after some links and a box after a case study's title: a '>' in quotes in
    # an end tag would leave the addition inside an attribute (red team, 7 December).
    ('<p><a href="../sources.md">the pack</a title="><meta http-equiv=refresh content=0>">.</p>',
     "an end tag with more than its name in it"),
    # Material's privacy plugin rewrites a link to another website even inside a value, and its quotes end it.
    ('<span title="<a href=https://www.gov.uk/ > <meta http-equiv=refresh content=0>">usual</span>',
     "'<' inside the value of a <span> tag's 'title' attribute"),
]


def test_html_outside_the_allowlist_is_refused_with_every_line(project_copy, tmp_path):
    text = "Some words first.\n\n" + "\n\n".join(html for html, _ in HOSTILE_HTML) + "\n"
    first = append(project_copy, "guides/meetings.md", text)
    expected = []
    for i, (_, problem) in enumerate(HOSTILE_HTML):
        expected += [f"docs/guides/meetings.md:{first + 2 + 2 * i}:", problem]
    build_fails(project_copy, tmp_path, *expected)


@pytest.mark.parametrize("html", [
    '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
    '<a href="DATA:text/html,x">x</a>',
    '<a href=" &#x64;&#x61;ta:x">x</a>',
    '<a href="\x01javascript:alert(1)">x</a>',
    '<a href="java\nscript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="file:///etc/passwd">x</a>',
    '<a href="ftp://example.com/x">x</a>',
    '<img src="http://example.com/x.png" alt="">',
    '<img src="//example.com/x.png" alt="">',
    '<blockquote cite="javascript:alert(1)">x</blockquote>',
    '<meta http-equiv="Refresh" content="0;url=x">',
    '<meta name="x" content="y">',
    '<link rel="prefetch" href="assets/x">',
    '<svg><use href="#x"></use></svg>',
    '<svg><a href="javascript:alert(1)">x</a></svg>',
    '<svg onload="alert(1)"></svg>',
    '<details ontoggle="alert(1)" open>x</details>',
    '<input type="image" src="assets/x.png">',
    '<button formaction="https://example.com">x</button>',
    '<a href="#x" target="_blank">x</a>',
    '<p dir="rtl">x</p>',
    '<template><p>x</p></template>',
    '<noscript><p>x</p></noscript>',
    '<textarea>x</textarea>',
    '<select><option>x</option></select>',
    # Broken markup that Python's HTMLParser reads as a comment, but a browser does not.
    '<!--><meta http-equiv="refresh" content="0;url=https://example.com">-->',
    '<!---><a href="javascript:alert(1)">x</a>-->',
    '<![CDATA[><a href="data:text/html,x">y</a>]]>',
    '<h1>Zed group</h1 title="><script src=../evil.js></script>">',
    '<p>x</p\tclass="y">',
])
def test_more_hostile_html_is_refused(html):
    assert html_safety.find_problems(html), html


@pytest.mark.parametrize("html", [
    '<a href="http://hd.housedivided.dickinson.edu/node/41267">a source</a>',
    '<a href="mailto:someone@example.org">mail</a>',
    '<a href="../guides/">guides</a>',
    '<p>Line one<br>line two, <abbr title="National Health Service">NHS</abbr>, <kbd>Tab</kbd>, H<sub>2</sub>O</p>',
    '<details class="note"><summary>More</summary><p>x</p></details>',
    '<table><thead><tr><th align="left" scope="col">A</th></tr></thead><tbody><tr><td align="right">1</td></tr></tbody></table>',
    '<div class="admonition note" aria-label="Note"><p class="admonition-title">Note</p></div>',
])
def test_html_our_pages_use_is_fine(html):
    assert html_safety.find_problems(html) == []


# --- 8. No half sites ------------------------------------------------------------

def snapshot(site: Path) -> dict:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_last_good_site(project_copy, tmp_path, built_site):
    # The last good site: the real build's, copied (a build of this copy would give the same).
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = snapshot(site)
    assert "model.json" in before and "downloads/co-production-model-a4.pdf" in before
    # A refused page (a plugin error), then a broken link and links out of docs/
    # (strict-mode warnings, which MkDocs only counts after the last plugin ran and
    # every output was written; this also covers what test_interrupted_build.py's
    # own broken-link build did).
    page = project_copy / "docs" / "origins.md"
    original = page.read_text(encoding="utf-8")
    append(project_copy, "origins.md", "<marquee>x</marquee>\n")
    assert run_build(project_copy, site_dir=site).returncode != 0
    assert snapshot(site) == before
    page.write_text(original + "\nSee [the plan](no-such-page.md), [settings](../../mkdocs.yml)"
                    " and ![x](../../../../etc/passwd).\n", encoding="utf-8")
    result = run_build(project_copy, site_dir=site)
    assert result.returncode != 0
    assert "no-such-page.md" in result.output
    assert "../../mkdocs.yml" in result.output and "../../../../etc/passwd" in result.output
    assert "root:" not in result.output
    assert snapshot(site) == before
    # Bad model data and a broken mkdocs.yml stop the build before any page is written.
    page.write_text(original, encoding="utf-8")
    data = project_copy / "data" / "model.yml"
    data.write_text(data.read_text(encoding="utf-8") + "\n  broken: [\n", encoding="utf-8")
    assert run_build(project_copy, site_dir=site).returncode != 0
    assert snapshot(site) == before
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnav: [\n", encoding="utf-8")
    assert run_build(project_copy, site_dir=site).returncode != 0
    assert snapshot(site) == before
    assert not (tmp_path / ".site.building").exists()


# --- Drawings (.svg) under docs/: shapes only -------------------------------

@pytest.mark.parametrize("name, said", [
    ("IMG_1234.HEIC", "docs/assets/IMG_1234.HEIC: This picture is saved as '.heic', which not every web browser can "
     "show. Save it as .png or .jpg instead: a photo as .jpg, a drawing as .png (or .svg). Your picture editor or "
     "phone can do this with 'Save as' or 'Export'."),
    ("notes.docx", "docs/assets/notes.docx: The site does not publish documents '.docx' from docs/. Readers would "
     "have to download and open it, and the build cannot check its words. Put its words in a page (.md) instead. "
     "To offer a document to download, ask a maintainer."),
    ("meetings", "docs/assets/meetings: The site does not publish files from docs/ whose names do not end in a "
     "type, like .md or .png. If it is a page, add '.md' to the end of its name. If not, take it out of docs/."),
    ("page.htm", "docs/assets/page.htm: The site does not publish files '.htm' from docs/. Web pages and code files "
     "can carry a script that would run on our site. Write a page in Markdown (.md) instead. Changes to the theme "
     "are code, so ask a maintainer."),
    ("talk.mp4", "docs/assets/talk.mp4: The site does not publish files '.mp4' from docs/, only pages, pictures and "
     "a few other types. Take it out of docs/, or ask a maintainer."),
])
def test_a_file_of_a_type_docs_may_not_hold_gets_a_message_that_fits_it(tmp_path, name, said):
    """A photo from a phone, a Word document or a page saved without '.md': not a message about scripts."""
    from coproduction.file_safety import docs_file_problem

    (tmp_path / name).write_bytes(b"")
    assert str(docs_file_problem(tmp_path / name, tmp_path, f"docs/assets/{name}")) == said

@pytest.mark.parametrize("drawing, named", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
    ('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><path d="M0 0"/></svg>', "'onload'"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0" fill="url(https://example.org/x)"/></svg>', "fill"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
     '<a x:href="javascript:alert(1)"><path d="M0 0"/></a></svg>', "<a>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>hi</p></foreignObject></svg>', "<foreignObject>"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://example.org/x.css)</style></svg>', "<style>"),
    ('<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>', "document type"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"', "not well-formed"),
])
def test_a_drawing_with_anything_but_shapes_is_refused(tmp_path, drawing, named):
    from coproduction.file_safety import docs_file_problem

    path = tmp_path / "picture.svg"
    path.write_text(drawing, encoding="utf-8")
    problem = docs_file_problem(path, tmp_path, "docs/picture.svg")
    assert problem is not None and named in str(problem)
    assert str(problem).startswith("docs/picture.svg")
    assert "alert" not in str(problem) and "example.org" not in str(problem)  # never quotes the file


def test_our_own_drawings_are_published():
    from coproduction.file_safety import docs_file_problem

    docs = ROOT / "docs"
    drawings = sorted(docs.rglob("*.svg"))
    assert len(drawings) >= 20  # the logo, the favicon and the Easy Read pictures
    for path in drawings:
        assert docs_file_problem(path, docs, str(path)) is None, path


# --- Names that MkDocs or a contributor's computer would read differently -----------

def test_a_page_named_with_capital_md_is_refused_and_so_are_two_names_that_differ_only_in_capitals(tmp_path):
    """'page.MD' would be copied to the site as it is, with none of the build's checks (MkDocs reads
    only '.md' as a page); 'Good-Gym.md' beside 'good-gym.md' is one file on Windows and on a Mac."""
    from coproduction.file_safety import check_project_files

    docs = tmp_path / "docs"
    (docs / "case-studies").mkdir(parents=True)
    (docs / "online-meetings.MD").write_text("# Meetings\n\n<script>alert(1)</script>\n", encoding="utf-8")
    (docs / "case-studies" / "good-gym.md").write_text("# Good Gym\n", encoding="utf-8")
    (docs / "case-studies" / "Good-Gym.md").write_text("# Good Gym\n", encoding="utf-8")
    (docs / "Case-Studies").mkdir()
    (docs / "fine.md").write_text("# Fine\n", encoding="utf-8")
    said = sorted(str(problem) for problem in check_project_files(tmp_path, folders=("docs",)))
    assert said == [
        "docs/Case-Studies: This name differs from 'case-studies', in the same folder, only in capital letters. On "
        "Windows and on a Mac they are the same file, so one would replace the other. Rename one of them, or "
        "delete the one you do not need. Page names use small letters.",
        "docs/case-studies/Good-Gym.md: This name differs from 'good-gym.md', in the same folder, only in capital "
        "letters. On Windows and on a Mac they are the same file, so one would replace the other. Rename one of "
        "them, or delete the one you do not need. Page names use small letters.",
        "docs/online-meetings.MD: This page's name ends in '.MD'. The site reads a file as a page only if its name "
        "ends in '.md', in small letters, so it would publish this file as it is, without checking it. Rename it "
        "to 'online-meetings.md'.",
    ], said



def test_an_invisible_character_in_a_word_is_named_at_its_line_with_where_it_is(tmp_path):
    """Pasted from a web page or a PDF, a zero-width space or a soft hyphen makes a link or a key look
    right: 'goes to no page' about '../model.md' would puzzle anyone. So the build names the character
    first, and shows where it is. A byte order mark at the start, and a joiner in Persian, are fine."""
    from coproduction.file_safety import check_project_files

    (tmp_path / "docs").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "docs" / "meetings.md").write_text(
        "\ufeff---\ndescrip\u200btion: Meetings\n---\n# Meetings\n\nSee [the model](../mo\u200bdel.md).\n\n"
        "In Persian: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645.\n\nA space \u2060 alone.\n", encoding="utf-8")
    (tmp_path / "data" / "jargon.yml").write_text("words:\n  - word: stake\u00adholder\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("nav:\n  - Meetings: guides/mee\u200btings.md\n", encoding="utf-8")
    said = [str(problem) for problem in check_project_files(tmp_path, folders=("docs", "data"))]
    assert said == [
        "docs/meetings.md:2: The word 'descrip[invisible]tion' on this line has an invisible character in it (a "
        "zero-width space, U+200B). It looks right, but the build reads another word. Retype the word "
        "'description', or search for U+200B in your editor and delete it.",
        "docs/meetings.md:6: The word '../mo[invisible]del.md' on this line has an invisible character in it (a "
        "zero-width space, U+200B). It looks right, but the build reads another word. Retype the word "
        "'../model.md', or search for U+200B in your editor and delete it.",
        "docs/meetings.md:10: This line has an invisible character between words (a word joiner, U+2060). Retype "
        "the line, or search for U+2060 in your editor and delete it.",
        "data/jargon.yml:2: The word 'stake[invisible]holder' on this line has an invisible character in it (a soft "
        "hyphen, U+00AD). It looks right, but the build reads another word. Retype the word 'stakeholder', or "
        "search for U+00AD in your editor and delete it.",
        "mkdocs.yml:2: The word 'guides/mee[invisible]tings.md' on this line has an invisible character in it (a "
        "zero-width space, U+200B). It looks right, but the build reads another word. Retype the word "
        "'guides/meetings.md', or search for U+200B in your editor and delete it.",
    ], said


# --- Hidden notes (<!-- -->) ---------------------------------------------------------

def test_hidden_notes_are_not_published_and_the_page_is_checked_as_published(project_copy, tmp_path):
    """A note for the people who edit a page stays in its file, not on the site. Cutting the notes
    out can join what is left into new markup ('<!-->' ends a comment in a browser but not in
    Python's parser), so the page is checked after they are cut out, as it is published."""
    note = "Ask Sam before we publish: sam@example.org"
    append(project_copy, "origins.md", f"Some words.\n\n<!-- {note} -->\n\nMore words.\n")
    site = tmp_path / "first"
    assert run_build(project_copy, site_dir=site).returncode == 0
    published = (site / "origins" / "index.html").read_text(encoding="utf-8")
    assert "sam@example.org" not in published and "More words." in published
    # Cut out, the first '-->' inside the title ends the note, and what follows is a tag with a handler.
    append(project_copy, "origins.md", '<!--> <img alt="" title="--> <img src=x onerror=alert(1)>">\n')
    # Read as it stands, a browser sees one picture whose title has a tag in it: refused now for the '<'.
    assert [p.problem for p in html_safety.find_problems('<!--> <img alt="" title="--> <img src=x onerror=alert(1)>">')
            ] == ["This page has '<' inside the value of a <img> tag's 'title' attribute"]
    build_fails(project_copy, tmp_path, "docs/origins.md", "event handler (onerror=...)")


def test_names_and_files_under_docs_are_what_they_say(tmp_path):
    """A name under docs/ is part of a web address, and the theme prints a page's name into its links: a
    quote mark in it ended a link's address and started a script (red team, 7 December). And a browser
    runs any file of the site as a script if a page asks it to, so no file may be a script under
    another name: a picture, a font or a PDF must start as one, and a .txt file is only a font's licence."""
    from coproduction.file_safety import check_project_files

    docs = tmp_path / "docs"
    (docs / "case-studies").mkdir(parents=True)
    (docs / "assets" / "fonts").mkdir(parents=True)
    (docs / "assets" / "images").mkdir(parents=True)
    (docs / "case-studies" / 'zz"><script src="x">.md').write_text("# Zz\n", encoding="utf-8")
    (docs / "case-studies" / "my group.md").write_text("# My group\n", encoding="utf-8")
    (docs / "evil.txt").write_text("document.title = 'x'", encoding="utf-8")
    (docs / "assets" / "fonts" / "OFL.txt").write_text("SIL Open Font License", encoding="utf-8")
    (docs / "assets" / "fonts" / "font.woff2").write_text("document.title = 'x'", encoding="utf-8")
    (docs / "assets" / "images" / "photo.png").write_text("document.title = 'x'", encoding="utf-8")
    (docs / "assets" / "images" / "real.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    (docs / "assets" / "images" / "real.pdf").write_bytes(b"%PDF-1.7\n%%EOF\n")
    (docs / "assets" / "images" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # a Mac's: never published
    (docs / "assets" / "images" / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")  # Windows' picture previews
    said = sorted(str(problem) for problem in check_project_files(tmp_path, folders=("docs",)))
    assert said == sorted([
        "docs/assets/fonts/font.woff2: This file's name ends in '.woff2', but the file inside is not one. The site "
        "publishes a file only if it is what its name says. Save it again as a real .woff2 file, or give it the "
        "right ending.",
        "docs/assets/images/photo.png: This file's name ends in '.png', but the file inside is not one. The site "
        "publishes a file only if it is what its name says. Save it again as a real .png file, or give it the right "
        "ending.",
        "docs/case-studies/my group.md: The name 'my group.md' has spaces or signs in it. A name under docs/ is part "
        "of a web address, so it may have only letters, digits, '-', '_' and '.'. Rename it, for example to 'my-group.md'.",
        'docs/case-studies/zz"><script src="x">.md: The name \'zz"><script src="x">.md\' has spaces or signs in it. '
        "A name under docs/ is part of a web address, so it may have only letters, digits, '-', '_' and '.'. Rename it, for "
        "example to 'zz-script-src-x.md'.",
        "docs/evil.txt: A .txt file may only be a font's licence, in docs/assets/fonts/. Put its words in a page "
        "(.md) instead, or take it out of docs/.",
        "docs/assets/images/Thumbs.db: This is a file that Windows makes by itself in a folder you open. It is not "
        "part of the site. Delete it from the pull request. Your computer keeps its own copy, and the project's "
        ".gitignore leaves it out from now on.",
    ]), said
