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
