"""The source register: links to other websites only from data/sources.yml,
and no invented facts on the pages issue 14 fixed.

The link rule is plain Python (coproduction/sources.py), so most cases call it
directly; one whole-site test reads every built page to prove the real build
enforces it.
"""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from coproduction.errors import ContentError
from coproduction.sources import (check_page, external_links, load_register, own_prefixes, render_markdown,
                                  with_doubts)

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://coproduction-model.github.io/coproduction-model/"
EDIT_URI = "https://github.com/coproduction-model/coproduction-model/edit/main/docs/"


@pytest.fixture(scope="module")
def register():
    return load_register(ROOT / "data" / "sources.yml")


def _check(register, source: str, html: str):
    check_page("docs/example.md", source, html, register, own_prefixes(SITE_URL, EDIT_URI))


def test_an_unregistered_link_fails_with_the_page_and_line(register):
    source = "# Title\n\nSome words.\n\nSee [this](https://example.org/not-a-source).\n"
    html = '<h1>Title</h1><p>See <a href="https://example.org/not-a-source">this</a>.</p>'
    with pytest.raises(ContentError) as caught:
        _check(register, source, html)
    message = str(caught.value)
    assert message.startswith("docs/example.md:5: ")
    assert "https://example.org/not-a-source" in message
    assert "data/sources.yml" in message and "Adding a source" in message


@pytest.mark.parametrize("written", ["http://coalitionforcollaborativecare.org.uk/coproductionmodel",
                                     "https://www.coalitionforcollaborativecare.org.uk/coproductionmodel/"])
def test_a_link_that_nearly_matches_a_source_names_that_source_s_key(register, written):
    with pytest.raises(ContentError) as caught:
        _check(register, f"Words.\n\nSee [the model]({written}).\n", f'<a href="{written}">the model</a>')
    assert str(caught.value) == (
        f"docs/example.md:3: This page links to {written}, which is nearly the address of the source "
        "'c4cc-model-page' in data/sources.yml: https://coalitionforcollaborativecare.org.uk/coproductionmodel/. "
        "Cite that source by its key instead, like [your words][c4cc-model-page], so the link goes to the address "
        "the register gives.")


def test_a_registered_link_passes_written_out_or_by_key(register):
    url = register.by_key()["nhs-how-we-write"].url
    _check(register, f"See [how we write]({url}).\n", f'<a href="{url}">how we write</a>')
    _check(register, "See [how we write][nhs-how-we-write].\n", f'<a href="{url}">how we write</a>')


def test_the_projects_own_repository_and_site_pass(register):
    for url in ("https://github.com/coproduction-model/coproduction-model/issues",
                "https://github.com/coproduction-model/coproduction-model/edit/main/docs/model.md",
                SITE_URL + "model/"):
        _check(register, f"[here]({url})\n", f'<a href="{url}">here</a>')
    # Another repository on the same host is not the project's own.
    with pytest.raises(ContentError):
        _check(register, "[x](https://github.com/coproduction-model/other)\n",
               '<a href="https://github.com/coproduction-model/other">x</a>')


def test_a_key_the_register_does_not_have_fails(register):
    with pytest.raises(ContentError) as caught:
        _check(register, "Intro.\n\nSee [the post][no-such-source].\n", "<p>See [the post][no-such-source].</p>")
    assert str(caught.value).startswith("docs/example.md:3: ")


def test_a_link_made_by_a_macro_is_still_caught(register):
    with pytest.raises(ContentError, match="data file or macro"):
        _check(register, "{{ some_macro() }}\n", '<a href="https://example.org/x">x</a>')


@pytest.mark.parametrize("change, expected", [
    (lambda t: t.replace("key: act4inclusion\n", "key: c4cc-model-page\n", 1), "used twice"),
    (lambda t: t.replace("id=21024&section", "id=21024&amp;section", 1), "&amp;"),
    (lambda t: t.replace("found_in: facts.md §2\n", "found_in: a web search\n", 1), "where in the source material"),
    (lambda t: t.replace("status: copy\n", "status: probably\n", 1), "expected one of"),
    (lambda t: t.replace("status: copy\n", "status: secondary\n", 1), "expected one of"),
    # In plain words, not as the pattern a program reads.
    (lambda t: t.replace("key: act4inclusion\n", "key: Act 4 Inclusion\n", 1),
     "this name may only have small letters and digits, with a dash between words. Write it like "
     "nhs-how-we-write: no capitals, spaces or other marks."),
])
def test_bad_register_entries_name_the_file_and_line(tmp_path, change, expected):
    text = (ROOT / "data" / "sources.yml").read_text(encoding="utf-8")
    broken = change(text)
    assert broken != text
    path = tmp_path / "sources.yml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_register(path)
    assert caught.value.line and expected in str(caught.value)


def test_sources_page_says_how_each_fact_was_seen(register):
    page = render_markdown(register)
    for group in register.groups:
        if any(s.group == group.key for s in register.sources):
            assert f"## {group.heading}" in page
    for label in ("Read:", "A copy or a report:", "Search excerpt:", "Not verified:"):
        assert f"**{label}" in page, label
    # Sources with no address are named in words, never linked.
    no_url = next(s for s in register.sources if s.url is None and s.title)
    assert no_url.title in page and f"[{no_url.title}](" not in page
    # With no title in the source material, the page says so and names the address.
    untitled = register.by_key()["mills-reeve-guidance"]
    assert untitled.title is None
    assert "Mills & Reeve, [page at mills-reeve.com, title not recorded](" in page


def test_the_practice_facts_seen_in_search_results_are_not_called_read(register):
    # facts.md §6: "Each fact was seen in a search result". None of them was read in full.
    practice = [s for s in register.sources if s.group == "practice"]
    assert practice and {s.status for s in practice} == {"search-excerpt"}


def test_a_source_with_no_title_no_address_and_no_note_is_refused(tmp_path):
    text = (ROOT / "data" / "sources.yml").read_text(encoding="utf-8")
    start = text.index("  - key: herts-west-essex-quality-strategy")
    block = text[start:text.index("  - key: act4inclusion")]
    broken = text.replace(block, "\n".join(l for l in block.split("\n")
                                           if not l.lstrip().startswith(("title:", "note:", "A shortened"))) + "\n")
    path = tmp_path / "sources.yml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(ContentError, match="no title, no web address and no note"):
        load_register(path)


def test_every_link_to_another_website_on_the_built_site_is_registered(built_site, register):
    allowed = register.urls()
    prefixes = own_prefixes(SITE_URL, EDIT_URI)
    outside = {}
    for page in built_site.rglob("*.html"):
        article = page.read_text(encoding="utf-8")
        # Only the page body: the theme's own links (edit button, site name) are the project's.
        for url in external_links(article):
            if url not in allowed and not any(url.startswith(p) for p in prefixes):
                outside.setdefault(url, str(page.relative_to(built_site)))
    assert outside == {}


def test_the_sources_page_has_no_placeholder_and_lists_the_register(built_site, register):
    text = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    assert "will be listed here" not in text
    for source in register.sources:
        if source.url:
            assert f'href="{source.url.replace("&", "&amp;")}"' in text, source.key
    assert "Hertfordshire" in text and "another order" in text
    assert '"coproduction" with no hyphen' in text and '"&amp;" for "and"' in text


# Strings issue 14 found on the site that no source gives. Each must be gone from
# the pages and data this project writes (the step guides are checked by their own tests).
INVENTED = [
    "hee.nhs.uk/our-work/five-year-forward-view",
    "nhsproviders.org/topics/integrated-care-and-system-working/five-year-forward-view",
    "england.nhs.uk/blog/martin-routledge",
    "britishgeriatricssociety.wordpress.com",
    "service-manual.nhs.uk/content/a-to-z-of-nhs-health-writing",
    "service-manual.nhs.uk/content/health-literacy",
    "github.com/rooreynolds/jargone",
    "&amp;section=4.1",
    "October 2014",
    "Late 2014",
    "NHS England blog on the launch of C4CC",
    "blog by C4CC's director (2015)",
    "her husband",
    "Sherry",
    "Elke",
    "think tank",
    "one Time Dollar",
    "an hour back",
    "long trips to hospital",
    "patient-led",
    "felt let down",
    "Many of these groups",
    "Local people, as trained volunteers",
    "The Edge, a website",
    "(rather than",
    "will be listed here in full",
    "a reading age of 9 to 11. [",
    "only pizzas, post and parcels",
    '"Co-production: a single-page guide" (2017)',
]
OWNED = (["docs/model.md", "docs/origins.md", "docs/sources.md", "docs/slogans.md", "docs/accessibility.md",
          "docs/about/readability.md", "data/jargon.yml", "data/quotes.yml", "data/model.yml"]
         + [str(p.relative_to(ROOT)) for p in (ROOT / "docs" / "what-is-co-production").glob("*.md")]
         + [str(p.relative_to(ROOT)) for p in (ROOT / "docs" / "case-studies").glob("*.md")])


@pytest.mark.parametrize("invented", INVENTED)
def test_invented_details_are_gone(invented):
    found = [path for path in OWNED if invented.lower() in (ROOT / path).read_text(encoding="utf-8").lower()]
    assert found == []


def test_the_case_study_from_a_reader_comment_is_gone(built_site):
    assert not (ROOT / "docs" / "case-studies" / "peoples-transformathon.md").exists()
    index = (built_site / "case-studies" / "index.html").read_text(encoding="utf-8")
    assert "Transformathon" not in index


def test_model_page_gives_about_300_words_and_names_the_bliss_copy(built_site):
    text = re.sub(r"<[^>]+>", " ", (built_site / "model" / "index.html").read_text(encoding="utf-8"))
    text = " ".join(text.split())
    assert "about 300 words" in text
    assert "Bliss copy" in text and "272" in text
    assert not re.search(r"model is \d+ words", text)


def test_accessibility_statement_gives_its_status_and_two_ways_to_report():
    text = " ".join((ROOT / "docs" / "accessibility.md").read_text(encoding="utf-8").split())
    assert re.search(r"\*\*(fully|partially|not) compliant\*\* with the Web Content Accessibility "
                     r"Guidelines version 2\.2 AA standard", text)
    assert "Open an issue" in text and "Suggest a change to this page" in text and "ask someone you trust" in text


def test_a_key_shown_as_code_is_an_example_not_a_link(register):
    _check(register, "Write `[How we write][some-key]` to cite a source.\n", "<p><code>[How we write][some-key]</code></p>")


# --- the real build ------------------------------------------------------------


def test_build_refuses_an_unregistered_link_and_leaves_nothing_behind(project_copy, tmp_path):
    from test_failure_catalogue import append, build_fails
    line = append(project_copy, "origins.md", "Read [this blog](https://example.org/blog/post).\n")
    result, _ = build_fails(project_copy, tmp_path, f"docs/origins.md:{line}:", "https://example.org/blog/post",
                            "data/sources.yml")
    assert "Adding a source" in result.output


def test_build_names_the_line_of_a_mistake_in_the_register(project_copy, tmp_path):
    from test_failure_catalogue import build_fails
    path = project_copy / "data" / "sources.yml"
    text = path.read_text(encoding="utf-8")
    line = text[:text.index("  - key: act4inclusion")].count("\n") + 1
    path.write_text(text.replace("  - key: act4inclusion\n", "  - key: c4cc-model-page\n", 1), encoding="utf-8")
    build_fails(project_copy, tmp_path, f"data/sources.yml:{line}:", "used twice")


def test_a_link_to_a_source_seen_only_in_a_search_result_says_so_where_it_is_cited(built_site):
    # Read from the data file, not through the code under test.
    entries = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))["sources"]
    excerpts = {entry["url"] for entry in entries if entry["status"] == "search-excerpt" and entry.get("url")}
    cited = 0
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<a href="([^"]+)"[^>]*>.*?</a>(.{0,90})', html, re.DOTALL):
            if unescape(match[1]) in excerpts:
                listed = page.parent.name == "sources"  # the Sources page groups them by how we saw them
                said = match[2].startswith(' <span class="source-doubt">(we saw only a search result for this)</span>')
                assert said != listed, (str(page.relative_to(built_site)), match[0][:200])
                cited += not listed
    assert cited >= 20  # the guides and templates cite them often


def test_the_doubt_note_goes_after_a_link_s_real_end_never_inside_an_attribute(register):
    url = next(source.url for source in register.sources if source.status == "search-excerpt" and source.url)
    page = (f'<p><span title="</a> x"><a href="{url}">A <b>page</b></a></span> and '
            f'<a href="https://example.org/">another</a>.</p>')
    assert with_doubts(page, register) == (
        f'<p><span title="</a> x"><a href="{url}">A <b>page</b></a> <span class="source-doubt">'
        '(we saw only a search result for this)</span></span> and <a href="https://example.org/">another</a>.</p>')


def test_every_mistake_in_a_new_source_is_named_at_once_each_at_its_line(tmp_path):
    # A contributor's new entry with two mistakes: both in one round, not the first and "1 more problem".
    text = (ROOT / "data" / "sources.yml").read_text(encoding="utf-8")
    old = "    found_in: model.md, Title and Definition\n    status: read\n"
    assert text.count(old) == 1
    line = text[:text.index(old)].count("\n") + 1
    (tmp_path / "sources.yml").write_text(text.replace(old, "    found_in: I found it on Google\n    status: Read\n"),
                                          encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_register(tmp_path / "sources.yml", shown_as="data/sources.yml")
    lines = str(caught.value).split("\n")
    assert [message.split(": Field ")[0] for message in lines] == [f"data/sources.yml:{line}",
                                                                  f"data/sources.yml:{line + 1}"], lines
    assert "'sources > item 1 > found_in'" in lines[0] and "'sources > item 1 > status'" in lines[1]
    assert "more problem" not in str(caught.value)


def test_no_doubt_note_goes_inside_a_heading(register):
    # It would become part of the heading: in the page's contents, in search, and in a screen reader's list.
    url = next(source.url for source in register.sources if source.status == "search-excerpt" and source.url)
    page = f'<h2 id="what">What <a href="{url}">NIHR says</a></h2>\n<p>See <a href="{url}">its page</a>.</p>'
    assert with_doubts(page, register) == (
        f'<h2 id="what">What <a href="{url}">NIHR says</a></h2>\n<p>See <a href="{url}">its page</a> '
        '<span class="source-doubt">(we saw only a search result for this)</span>.</p>')
