"""Front matter is read exactly as MkDocs reads it, and only keys on a list, with typed
values, are allowed (issue 26, families 4, 5 and 6)."""
from __future__ import annotations

import pytest

from coproduction.errors import ContentError
from coproduction.front_matter_safety import front_matter_problems, multimarkdown_meta
from coproduction.markdown_source import (Page, front_matter_line_count, load_page, unclosed_front_matter,
                                          with_empty_front_matter)

TEMPLATES = {"self-assessment.html"}


def problems(front: str, shown: str = "docs/page.md") -> list:
    page = Page.from_text(f"---\n{front}---\n\n# Page\n\nWords.\n", shown)
    return front_matter_problems(page.meta, page.text, page.shown, TEMPLATES)


@pytest.mark.parametrize("front", [
    "title: A page\ndescription: What it is for.\n",
    "status: new\n",
    "status: deprecated\n",
    "template: self-assessment.html\n",
    "hide:\n  - toc\n  - navigation\n",
    "search:\n  exclude: true\n",
    "search:\n  boost: 2\n",
    "last_reviewed: 2026-11-30\nnext_review: 2027-05-30\n",
])
def test_the_keys_our_pages_use_are_fine(front):
    assert problems(front) == []


def test_case_study_keys_are_fine_in_case_studies_only():
    front = "organisation: A group\nplace: Reading\nyear: 2017\nsource: facts.md\nwhat_changed: More people came.\n"
    assert problems(front, "docs/case-studies/a-group.md") == []
    assert [p.line for p in problems(front, "docs/guides/start.md")] == [2, 3, 4, 5, 6]


@pytest.mark.parametrize("front, line, words", [
    ("title: Fine\nrender_macros: 1\n", 3, "render_macros"),
    ("title: Fine\nrender_macros: true\n", 3, "force_render_paths"),
    ('status: \'"><img src=x>\'\n', 2, "'status' may only be"),
    ("status: New\n", 2, "'status' may only be"),
    ("template: main.html\n", 2, "template 'main.html'"),
    ("hide:\n  - toc\n  - everything\n", 2, "'hide' may only list"),
    ("hide: toc\n", 2, "'hide' may only list"),
    ("search:\n  exclude: yes please\n", 2, "'search'"),
    ("search:\n  include: true\n", 2, "'search'"),
    ("last_reviewed: soon\n", 2, "a date written as YYYY-MM-DD"),
    ("next_review: '2027-13-40'\n", 2, "a date written as YYYY-MM-DD"),
    ("icon: ../../../../etc/passwd\n", 2, "'icon'"),
    ("extra_css: [x.css]\n", 2, "'extra_css'"),
    ("title:\n  nested:\n    deeper: x\n", 2, "'title' must be one line of text"),
    ("description: 42\n", 2, "'description' must be one line of text"),
])
def test_every_other_key_and_value_is_refused_with_its_line(front, line, words):
    found = problems(front)
    assert found, front
    assert found[0].line == line and found[0].file == "docs/page.md"
    assert words in str(found[0]), str(found[0])


@pytest.mark.parametrize("front, written", [
    ("next_review: 31/12/2027\n", "next_review: 2027-12-31"),   # day first, as in the UK
    ("last_reviewed: 7.12.2026\n", "last_reviewed: 2026-12-07"),
    ("next_review: 2027-12-7\n", "next_review: 2027-12-07"),    # no zero before the day
    ("next_review: 31/2/2027\n", None),                         # no such day: no guess
    ("next_review: 12/31/2027\n", None),                        # month first: no such month
])
def test_a_review_date_written_another_way_gets_it_written_year_first(front, written):
    [found] = problems(front)
    if written:
        assert str(found).endswith(f"Write it year first, with two figures for the month and the day: '{written}'."), found
    else:
        assert str(found).endswith("Change the value on this line, or remove the line."), found


# --- the other way MkDocs reads settings: MultiMarkdown lines at the top ------------

@pytest.mark.parametrize("text, lines", [
    ("title: <b>Hi</b>\nstatus: x\n\n# Page\n", 2),
    ("Title: A page\n    more of the title\n\n# Page\n", 2),
    ("   render_macros: 1\n# Page\n", 1),
])
def test_multimarkdown_settings_are_found_as_mkdocs_finds_them(text, lines):
    from mkdocs.utils.meta import get_data

    assert get_data(text)[1], "MkDocs reads settings from this page"
    found = multimarkdown_meta(text)
    assert len(found) == lines and found[0][1] == 1
    problem = front_matter_problems({}, text, "docs/page.md", TEMPLATES)
    assert problem and problem[0].line == 1 and "MultiMarkdown" in problem[0].problem


@pytest.mark.parametrize("text", ["# Page\n\nNote: words.\n", "\nkey: value\n", "---\ntitle: x\n---\n\n# P\n",
                                  "Some words\n"])
def test_pages_mkdocs_reads_no_multimarkdown_settings_from_pass(text):
    from mkdocs.utils.meta import get_data

    if not text.startswith("---"):
        assert get_data(text)[1] == {}
    assert multimarkdown_meta(text) == []


@pytest.mark.parametrize("raw", [
    b"\xef\xbb\xbf---\nrender_macros: 1\n---\n\n# Page\n",   # a byte order mark, as Windows editors save
    b"---\r\nrender_macros: 1\r\n---\r\n\r\n# Page\r\n",      # Windows line ends
    b"---\rrender_macros: 1\r---\r\r# Page\r",                # old Mac line ends
])
def test_front_matter_is_found_whatever_the_line_ends_and_byte_order_mark(tmp_path, raw):
    from mkdocs.structure.files import File

    path = tmp_path / "page.md"
    path.write_bytes(raw)
    mkdocs_text = File("page.md", str(tmp_path), str(tmp_path / "site"), False).content_string
    from mkdocs.utils.meta import get_data
    assert get_data(mkdocs_text)[1] == {"render_macros": 1}  # what MkDocs sees
    page = load_page(path, shown_as="docs/page.md")
    assert page.meta == {"render_macros": 1}
    found = front_matter_problems(page.meta, page.text, page.shown, TEMPLATES)
    assert found and found[0].line == 2


@pytest.mark.parametrize("text, last", [
    ("---\ntitle: A page\nhide:\n  - toc\n\n# Page\n\nWords.\n", 4),
    ("---\r\nlast_reviewed: 2026-12-07\r\nnext_review: 2027-12-07\r\n# Page\r\n", 3),
    ("---\ntitle: A page\n----\n\n# Page\n", 2),  # four dashes: MkDocs wants three
])
def test_settings_with_no_line_of_dashes_after_them_are_named_at_line_1_with_the_fix(text, last):
    from mkdocs.utils.meta import get_data

    assert get_data(text.replace("\r\n", "\n"))[1] == {}, "MkDocs reads no settings: it shows them as words"
    with pytest.raises(ContentError) as caught:
        front_matter_problems({}, text, "docs/page.md", TEMPLATES)
    assert caught.value.line == 1 and "no line of '---' ends them" in caught.value.problem
    assert caught.value.fix == f"Add a line with only --- after the last field (line {last}), as other pages have"
    emptied = with_empty_front_matter(text.replace("\r\n", "\n"))
    assert emptied is not None and emptied.count("\n") == text.count("\n") and "title" not in emptied
    # MkDocs drops the empty lines at the top: front_matter_line_count says how many, so lines keep their numbers.
    markdown, meta = get_data(emptied)
    assert meta == {} and markdown == "\n".join(emptied.split("\n")[front_matter_line_count(text):])


@pytest.mark.parametrize("text", ["---\ntitle: A page\n---\n\n# Page\n", "---\n\n# Page\n", "# Page\n\n---\n"])
def test_a_page_whose_settings_end_or_that_has_none_is_not_called_unclosed(text):
    assert unclosed_front_matter(text) == 0


@pytest.mark.parametrize("written, fixed", [
    ("2027\u201312\u201307", "2027-12-07"),   # en dashes, as Word makes them
    ("2027\u201412\u201407", "2027-12-07"),   # em dashes
    ("7\u201312\u20132027", "2027-12-07"),     # and day first
    ("2027\u221212-07", "2027-12-07"),       # a minus sign
])
def test_a_date_with_dashes_that_are_not_the_keyboard_s_says_so_and_gives_it_fixed(written, fixed):
    [problem] = problems(f"title: A page\nnext_review: {written}\n")
    assert problem.line == 3 and "its dashes are not the '-' on the keyboard" in problem.problem
    assert problem.fix == f"Type the date again with the '-' key: 'next_review: {fixed}'"


def test_a_date_that_does_not_exist_is_refused_with_its_line_not_a_traceback():
    with pytest.raises(ContentError) as caught:
        problems("title: A page\nnext_review: 2027-13-40\n")
    assert caught.value.line == 3 and "date that does not exist (2027-13-40)" in caught.value.problem


# --- the same checks in a real build -----------------------------------------------

def test_a_real_build_refuses_each_way_round_the_front_matter_checks(project_copy, tmp_path):
    from test_failure_catalogue import build_fails
    from test_hostile_content import set_front_matter

    set_front_matter(project_copy, "origins.md", "title: Origins\nrender_macros: 1\n")
    set_front_matter(project_copy, "slogans.md", "status: '\"><b>x</b>'\n")
    set_front_matter(project_copy, "sources.md", "template: 404.html\n")  # ours, but the not-found page's
    access = project_copy / "docs" / "accessibility.md"
    body = access.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    access.write_text("title: <b>Access</b>\nstatus: new\n\n" + body, encoding="utf-8")
    meetings = project_copy / "docs" / "guides" / "meetings.md"
    text = meetings.read_text(encoding="utf-8").replace("\n", "\r\n")
    meetings.write_bytes(b"\xef\xbb\xbf" + text.replace("---\r\n", "---\r\nicon: material/x\r\n", 1).encode())
    # Settings with no line of '---' after them: named once, at line 1, not as a page with no review
    # dates, nor scored with its settings as a sentence.
    start = project_copy / "docs" / "guides" / "start.md"
    lines = start.read_text(encoding="utf-8").split("\n")
    closing = lines.index("---", 1)
    start.write_text("\n".join(lines[:closing] + lines[closing + 1:]), encoding="utf-8")
    # Words in curly quotes, as a word processor types them, with a ': ' inside.
    step_1 = project_copy / "docs" / "guides" / "step-1-recruit.md"
    text = step_1.read_text(encoding="utf-8")
    title = next(line for line in text.split("\n") if line.startswith("description: "))
    step_1.write_text(text.replace(title, "description: \u201cStep 1: find people\u201d"), encoding="utf-8")
    title_line = text.split("\n").index(title) + 1
    result, site = build_fails(
        project_copy, tmp_path,
        "docs/origins.md:3: The front matter has 'render_macros'",
        "docs/slogans.md:2: In the front matter, 'status' may only be one of: new, deprecated",
        "docs/accessibility.md:1: The page starts with lines that MkDocs reads as fields (title, status)",
        "docs/guides/meetings.md:2: The front matter key 'icon' is not one pages may use",
        "docs/sources.md:2: The front matter asks for the template '404.html', which pages may not use",
        "docs/guides/start.md:1: The fields at the top of this page start with a line of '---', but no line of '---' "
        f"ends them. So the build cannot read them, and the page would show them as words. Add a line with only --- "
        f"after the last field (line {closing}), as other pages have.",
        f"docs/guides/step-1-recruit.md:{title_line}: The front matter cannot be read: the quotes on this line are "
        "curly ones (\u201c \u201d), as a word processor types them, and YAML does not read those as quotes. Type "
        "straight double quotes (\") in their place: description: \"Step 1: find people\".")
    assert str(project_copy) not in result.output
    said = [line for line in result.output.splitlines() if "docs/guides/start.md" in line]
    assert len(said) == 1, result.output


def test_a_real_build_refuses_unsafe_ids_data_attributes_and_backslash_addresses(project_copy, tmp_path):
    from test_failure_catalogue import append, build_fails

    line = append(project_copy, "origins.md", "## Break out { id='a\"onmouseover=\"alert(1)' }\n\n"
                  '<p data-href="https://example.org/">Words.</p>\n\n![A picture](/\\evil.example/x.png)\n')
    result, site = build_fails(
        project_copy, tmp_path,
        f"docs/origins.md:{line}: This page gives an element the id 'a\"onmouseover=\"alert(1)'",
        f"docs/origins.md:{line + 2}: This page has a 'data-href' attribute on <p>",
        f"docs/origins.md:{line + 4}: This page loads a file from another website (/\\evil.example/x.png)")
    assert str(project_copy) not in result.output
