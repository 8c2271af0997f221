"""The heading check on pages made by Python-Markdown, as MkDocs makes them (the
real build's messages are in test_failure_catalogue.py)."""
from __future__ import annotations

from builds import page_check, site_markdown
from coproduction import headings


def problems(source: str) -> list[str]:
    return page_check(headings.problems, source)


def test_a_page_may_start_at_level_two_under_the_title_material_adds():
    assert problems("Some words.\n\n## A part\n\n### A smaller part\n\n## Another part\n") == []


def test_going_back_up_any_number_of_levels_is_fine():
    assert problems("# Title\n\n## A\n\n### B\n\n#### C\n\n## D\n") == []


def test_a_heading_s_words_leave_out_its_anchor_and_keep_its_bold_words():
    html = site_markdown("# The **big** idea\n")
    assert "headerlink" in html
    assert headings.headings(html) == [(1, "The big idea")]


def test_a_title_under_another_heading_is_named_at_its_line():
    found = problems("## First a part\n\nWords.\n\n# Then the title\n")
    assert found == ["docs/a.md:5: The page's title 'Then the title' comes after another heading, so the "
                     "headings above it are outside the page's outline. Move the title (the line that starts "
                     "with one #) to the top of the page."]


def test_front_matter_comments_and_code_are_not_headings():
    # "Deep" is in the words before the heading too: the line is the heading's, not the first with its words.
    source = "---\ntitle: A\n# a comment in the front matter\n---\n\n# A\n\nDeep.\n```\n## code\n```\n\n#### Deep\n"
    found = problems(source)
    assert len(found) == 1 and found[0].startswith("docs/a.md:13: The heading 'Deep' jumps from level 1 to level 4."), found


def test_a_heading_not_written_with_hashes_is_found_by_its_words():
    # An underlined heading and a heading tag: the lines are found by the heading's words.
    source = "Title\n=====\n\nWords.\n\n<h3>Too deep</h3>\n"
    assert problems(source) == [
        "docs/a.md:6: The heading 'Too deep' jumps from level 1 to level 3. People who use a screen reader "
        "move around a page by its headings, and a skipped level sounds like a missing part. "
        "Start it with ## instead of ###."]


NO_SPACE = ("has no space after its {hashes}, so this site shows it as a heading, but GitHub's preview shows it as "
            "words. If it is a heading, put a space after the {hashes}. If it is words, put a backslash (\\) "
            "before the first #.")


def test_a_hash_with_no_space_after_it_is_named_at_its_line_and_nothing_else_is_said_of_it():
    # Python-Markdown makes each a heading; GitHub's preview (CommonMark) shows words.
    source = "# Title\n\nSome words.\n\n#1 rule: everyone is heard.\n\n##Costs\n\nMore words.\n\n#### Deep\n"
    assert "<h1 id=\"1-rule-everyone-is-heard\">" in site_markdown(source)
    assert problems(source) == [
        "docs/a.md:5: The line '#1 rule: everyone is heard.' " + NO_SPACE.format(hashes="#"),
        "docs/a.md:7: The line '##Costs' " + NO_SPACE.format(hashes="##"),
        # The levels go on from the title: neither line counts as a heading for them.
        "docs/a.md:11: The heading 'Deep' jumps from level 1 to level 4. People who use a screen reader "
        "move around a page by its headings, and a skipped level sounds like a missing part. "
        "Start it with ## instead of ####."]


def test_a_hash_with_no_space_is_found_by_its_words_when_a_tag_makes_another_heading():
    source = "# Title\n\n<h2>A part</h2>\n\n##Costs\n"
    assert problems(source) == ["docs/a.md:5: The line '##Costs' " + NO_SPACE.format(hashes="##")]


def test_a_hash_with_no_space_that_makes_no_heading_is_left_alone():
    # Escaped, in a comment, in code: no heading, so nothing to say.
    source = "# Title\n\n\\#1 rule.\n\n<!--\n#note\n-->\n\n```\n#!/bin/sh\n```\n"
    assert [level for level, _ in headings.headings(site_markdown(source))] == [1]
    assert problems(source) == []


def test_a_hash_with_no_space_above_the_title_does_not_make_the_title_a_second_one():
    source = "#hashtag at the top\n\n# Title\n\n## A part\n"
    assert problems(source) == ["docs/a.md:1: The line '#hashtag at the top' " + NO_SPACE.format(hashes="#")]


def test_a_page_with_no_words_under_its_title_is_named():
    said = "docs/a.md: This page has no words yet, besides its title, so readers would find an empty page."
    for empty in ("", "# Online meetings\n", "# Online meetings\n\n## Before the meeting\n\n<!-- to write -->\n"):
        found = headings.empty_page_problem(site_markdown(empty), "docs/a.md")
        assert found is not None and str(found).startswith(said), (empty, found)
    for written in ("# Online meetings\n\nAsk everyone which app they can use.\n", "- a pen\n",
                    "![A meeting room with a ramp](room.png)\n", "| A | B |\n|---|---|\n| | |\n"):
        assert headings.empty_page_problem(site_markdown(written), "docs/a.md") is None, written


def test_a_title_with_a_less_than_sign_in_words_is_fine_but_one_that_starts_a_tag_is_not():
    # Material prints a title from the first heading in <title> through striptags ('&lt;' turns back into '<').
    from coproduction.headings import title_problem
    assert title_problem("Waits of &lt;18 weeks, for groups of &gt;10", lambda: "# Waits\n", "docs/a.md") is None
    found = title_problem("Guides <code>&lt;/title&gt;&lt;b&gt;</code>", lambda: "---\na: b\n---\n# Guides\n", "docs/a.md")
    assert str(found).startswith("docs/a.md:4: The page's title 'Guides </title><b>' has what looks like a tag in it")
