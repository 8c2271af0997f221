"""The failure catalogue: each mistake or attack stops a real build of a copy of
the project, with a non-zero exit and a message that names the file (and the
line where there is one) and says what to do.

The maintainers' table of these cases is docs/about/build-errors.md. Bad model
data (broken YAML, four values, eight steps, an empty step, a missing or
unknown field) is covered in tests/test_model_data.py.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import run_build
from coproduction import html_safety
from coproduction.checks import link_problem

SECRET = "h9-do-not-print-7c1e5a"


def append(project: Path, page: str, text: str) -> int:
    """Add text to the end of a page; return the line number of its first line."""
    path = project / "docs" / page
    before = path.read_text(encoding="utf-8")
    if not before.endswith("\n"):
        before += "\n"
    path.write_text(before + "\n" + text, encoding="utf-8")
    return before.count("\n") + 2


def rename_in_menu(project: Path, page: str, new: str) -> int:
    """Make the menu line (nav in mkdocs.yml) that names `page` name `new` instead; return its line number."""
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.endswith(f": {page}"))
    lines[at] = lines[at].replace(page, new)
    config.write_text("\n".join(lines), encoding="utf-8")
    return at + 1


def build_fails(project: Path, tmp_path: Path, *words: str, env: dict | None = None):
    site = tmp_path / "site"
    result = run_build(project, site_dir=site, env=env)
    assert result.returncode != 0, f"the build should fail:\n{result.output}"
    for word in words:
        assert word in result.output, f"{word!r} not in:\n{result.output}"
    assert "Traceback" not in result.output, result.output
    # A failed build leaves nothing a deploy could publish.
    left = [p.name for p in site.rglob("*") if p.suffix in (".pdf", ".json", ".html")] if site.exists() else []
    assert not left, left
    assert not (site.parent / f".{site.name}.building").exists(), "the half-built folder was left behind"
    return result, site


def all_output_text(result, site: Path) -> str:
    texts = [result.output]
    if site.exists():
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file()]
    return "\n".join(texts)


# --- Pages ------------------------------------------------------------------

def test_page_that_is_not_utf8(project_copy, tmp_path):
    page = project_copy / "docs" / "origins.md"
    text = page.read_text(encoding="utf-8")
    line = text.count("\n") + 2
    page.write_bytes(text.encode("utf-8") + "\nCafé crème\n".encode("latin-1"))
    build_fails(project_copy, tmp_path, f"docs/origins.md:{line}:", "not saved as UTF-8",
                "save it with the encoding 'UTF-8'")


def test_jinja_syntax_error_in_a_macro_page(project_copy, tmp_path):
    line = append(project_copy, "model.md", "{{ step_text( }}\n")
    build_fails(project_copy, tmp_path, f"docs/model.md:{line}:", "cannot be read",
                "every '{{' has a matching '}}'")


def test_unknown_name_in_a_macro_page(project_copy, tmp_path):
    line = append(project_copy, "model.md", "Some words.\n\n{{ nosuch }}\n")
    build_fails(project_copy, tmp_path, f"docs/model.md:{line + 2}:", "uses 'nosuch'",
                "Check the spelling", "'self_assessment'. To show the braces as text, put them in `backticks`.")


def test_a_mistake_on_a_macro_page_is_not_blamed_on_the_links_to_its_parts(project_copy, tmp_path):
    """A macro page with a refused macro goes on empty, so it has none of its parts (its headings).
    The links from other pages to those parts are checked once it is fixed; they are not each
    listed as broken, burying the one real problem."""
    linking = [p for p in (project_copy / "docs").rglob("*.md") if "sources.md#" in p.read_text(encoding="utf-8")]
    assert len(linking) > 2, linking  # a control: other pages link to parts of the Sources page
    line = append(project_copy, "sources.md", "Some words.\n\n{{ nosuch }}\n")
    result, _ = build_fails(project_copy, tmp_path, f"docs/sources.md:{line + 2}:", "uses 'nosuch'",
                            "The site was not built: 1 problem to fix")
    assert "goes to a part of" not in result.output, result.output


def test_download_button_for_a_document_that_is_not_in_mkdocs_yml(project_copy, tmp_path):
    line = append(project_copy, "model.md", '{{ pdf_download("easy-reed") }}\n')
    build_fails(project_copy, tmp_path, f"docs/model.md:{line}:", "there is no such document",
                "the documents are model-a4, easy-read, large-print")


def test_a_slogan_joined_to_the_one_above_it_in_the_data_is_named_with_the_data_file(project_copy, tmp_path):
    """A '- ' left out in data/quotes.yml joins two slogans into one, and the slogans page then asks
    for one more than the data has: the message says how many the data lists, and where to look."""
    quotes = project_copy / "data" / "quotes.yml"
    text = quotes.read_text(encoding="utf-8")
    assert "\n    - Co-production helps us" in text
    quotes.write_text(text.replace("\n    - Co-production helps us", "\n      Co-production helps us"), encoding="utf-8")
    result, _ = build_fails(project_copy, tmp_path, "docs/slogans.md:",
                            "There is no slogan 5: data/quotes.yml lists 4 under 'slogans'. If it should list "
                            "more, check that each starts with '- ' on a line of its own")
    assert "IndexError" not in result.output


def test_the_model_s_words_typed_into_the_model_page_and_changed_are_named(project_copy, tmp_path):
    """The model page shows the model from data/model.yml. A contributor who pastes the definition
    into the page and changes a word there would make the page and the PDFs disagree."""
    page = project_copy / "docs" / "model.md"
    text = page.read_text(encoding="utf-8")
    assert text.count("{{ model.definition.text }}") == 1
    definition = yaml.safe_load((project_copy / "data" / "model.yml").read_text(encoding="utf-8"))["definition"]
    assert "acknowledges" in definition["text"]
    page.write_text(text.replace("{{ model.definition.text }}",
                                 definition["text"].replace("acknowledges", "recognises")), encoding="utf-8")
    build_fails(project_copy, tmp_path, "docs/model.md: This page does not show the model's definition as "
                "data/model.yml has it, so the page and the PDFs would say different things. Write "
                "{{ model.definition.text }} where the definition goes. To change the model's words, change them "
                "in data/model.yml, and every page and PDF follows.")


def test_a_self_assessment_guide_to_a_part_of_a_page_that_is_not_there(project_copy, tmp_path):
    """The self-assessment links to each area's guide from data/self-assessment.yml; MkDocs does not
    check those links, so the build does, at the data's line."""
    data = project_copy / "data" / "self-assessment.yml"
    lines = data.read_text(encoding="utf-8").split("\n")
    line = lines.index("  - guide: what-is-co-production/values.md#value-2") + 1
    lines[line - 1] = "  - guide: what-is-co-production/values.md#value-two"
    data.write_text("\n".join(lines), encoding="utf-8")
    result, _ = build_fails(project_copy, tmp_path)
    assert (f"data/self-assessment.yml:{line}: The guide 'what-is-co-production/values.md#value-two' goes to a "
            "part of 'what-is-co-production/values.md' that is not there. Check the part after '#'") in result.output, \
        result.output


INJECTION = "{{ cycler.__init__.__globals__.os.environ }}"


def test_macro_injection_in_a_page_without_macros(project_copy, tmp_path):
    # Between two paragraphs that each hold a lone backtick: inline code never spans paragraphs.
    line = append(project_copy, "origins.md", f"A lone ` mark.\n\nRead this: {INJECTION}\n\nAnd ` another.\n") + 2
    result, site = build_fails(project_copy, tmp_path, f"docs/origins.md:{line}:", "template code",
                               "put it inside `backticks`", env={"H9_SECRET": SECRET})
    assert SECRET not in all_output_text(result, site)


def test_macro_injection_in_a_macro_page_is_stopped_by_the_sandbox(project_copy, tmp_path):
    line = append(project_copy, "model.md", f"Read this: {INJECTION}\n")
    result, site = build_fails(project_copy, tmp_path, f"docs/model.md:{line}:", "uses 'cycler'",
                               "may not use", env={"H9_SECRET": SECRET})
    assert SECRET not in all_output_text(result, site)
    assert "PATH" not in result.output and "HOME" not in result.output


def test_links_to_a_missing_page_and_anchor_and_a_missing_image_and_from_the_root(project_copy, tmp_path):
    # One build reports every broken link, each once, at its line, in the contributor's words
    # (MkDocs' own wording, "Doc file 'origins.md' contains a link ...", is not printed as well).
    first = append(project_copy, "origins.md", "See [the plan](no-such-page.md).\n\n"
           "See [the steps](model.md#no-such-part).\n\n"
           "![A chart of the steps](assets/images/no-such-chart.png)\n\n"
           "See [the model](/model/).\n\n"
           "See [what we do not know](#what-we-don't-know).\n\n"
           "And [the plan](no-such-page.md) again.\n")
    # A picture saved with capitals in its name and linked without; a link copied from Windows' file explorer.
    pictures = project_copy / "docs" / "assets" / "images"
    (pictures / "Easy-Read-Logo.SVG").write_bytes((pictures / "easy-read" / "ask-leader.svg").read_bytes())
    other = append(project_copy, "origins.md", "![A logo](assets/images/easy-read-logo.svg)\n\n"
                   "![A logo](assets\\images\\logo.svg)\n\nThe slogans are [here](slogans.md), and [](slogans.md).\n")
    result, _ = build_fails(project_copy, tmp_path, "docs/origins.md:",
                            f"docs/origins.md:{other}: The link 'assets/images/easy-read-logo.svg' goes to no file of "
                            "this site. The file is there as 'assets/images/Easy-Read-Logo.SVG', in other capital "
                            "letters", f"docs/origins.md:{other + 2}: The link 'assets\\images\\logo.svg' goes to no "
                            "file of this site, because it has '\\' between its folders",
                            f"docs/origins.md:{other + 4}: The link 'here' does not say where it goes",
                            f"docs/origins.md:{other + 4}: The link to 'slogans.md' has no words")
    # A link with a quote mark in it is read whole, and the id's rule says what becomes of the mark.
    assert f"docs/origins.md:{first + 8}: The link '#what-we-don't-know' goes to a part of this page that is not " \
           "there. Check the part after '#': it must match a heading's id on that page: the heading in small " \
           "letters, with '-' for each space and no marks such as ' or ?. 'What we don't know?' is " \
           "'#what-we-dont-know'." in result.output.splitlines(), result.output
    # The same broken link twice: each at its own line.
    assert f"docs/origins.md:{first + 10}: The link 'no-such-page.md' goes to no page" in result.output, result.output
    for case, target, line, words in [
            ("missing page", "'no-such-page.md'", 0, "goes to no page of this site"),
            ("missing anchor", "'model.md#no-such-part'", 2, "goes to a part of 'model.md' that is not there"),
            ("missing image", "'assets/images/no-such-chart.png'", 4, "goes to no file of this site"),
            ("link from the host's root", "'/model/'", 6, "starts with '/', so on the published site it would "
             "go outside this site. Link to the page's Markdown file from this page's folder, ending in '.md', "
             "for example 'model.md'")]:
        said = [text for text in result.output.splitlines() if target in text]
        assert len(said) == (2 if case == "missing page" else 1), f"{case}:\n{result.output}"
        assert said[0].startswith(f"docs/origins.md:{first + line}: The link {target} {words}."), \
            f"{case}:\n{result.output}"


def test_a_new_page_left_out_of_the_menu_and_a_menu_line_with_a_typo(project_copy, tmp_path):
    # The two ways a new page and the menu (nav in mkdocs.yml) disagree, and a new page not written yet, in one build:
    # each said once, in the contributor's words, not in MkDocs' as well.
    page = project_copy / "docs" / "guides" / "online-meetings.md"
    page.write_text("---\nlast_reviewed: 2026-12-07\nnext_review: 2027-12-07\n---\n# Online meetings\n\n"
                    "This page says how to run a meeting online, so that everyone can join in.\n", encoding="utf-8")
    # And a new page in the menu with nothing written under its title yet: it would go live empty.
    (project_copy / "docs" / "guides" / "video-calls.md").write_text(
        "---\nlast_reviewed: 2026-12-07\nnext_review: 2027-12-07\n---\n# Video calls\n\n<!-- to write -->\n",
        encoding="utf-8")
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      - guides/step-7-report-back.md\n", "      - guides/step-7-report-back.md\n      - guides/video-calls.md\n"),
        encoding="utf-8")
    at = rename_in_menu(project_copy, "guides/meetings.md", "guides/meeting.md")
    # A menu line in other capitals than the page's file, and a page the menu lists twice.
    capitals = rename_in_menu(project_copy, "guides/plain-english.md", "guides/Plain-English.md")
    lines = config.read_text(encoding="utf-8").split("\n")
    origins = next(n for n, line in enumerate(lines, 1) if line.endswith(": origins.md"))
    lines.insert(capitals, "      - Origins again: origins.md")
    config.write_text("\n".join(lines), encoding="utf-8")
    result, _ = build_fails(project_copy, tmp_path, "The site was not built",
                            f"mkdocs.yml:{capitals}: The menu ('nav') names 'guides/Plain-English.md', which is not a "
                            "page under docs/: the page is 'guides/plain-english.md', in other capital letters. Write "
                            "'guides/plain-english.md' in that line of mkdocs.yml.",
                            f"mkdocs.yml:{capitals + 1}: The menu ('nav') lists 'origins.md' twice, on lines {origins} "
                            f"and {capitals + 1}. Keep one of the two lines, where readers would look for the page.")
    assert "docs/guides/plain-english.md: This page is not in the site's menu" not in result.output, result.output
    for said in ("docs/guides/video-calls.md: This page has no words yet, besides its title, so readers would find "
                 "an empty page. Write the page. If it is not ready, take its line out of the menu ('nav' in "
                 "mkdocs.yml) and the file out of docs/ until it is.","docs/guides/online-meetings.md: This page is not in the site's menu. Add a line for it under "
                 "'nav' in mkdocs.yml, where it belongs, for example '- Online meetings: guides/online-meetings.md' "
                 "(CONTRIBUTING.md, 'Add a new page').",
                 "docs/guides/meetings.md: This page is not in the site's menu.",
                 f"mkdocs.yml:{at}: The menu ('nav') names 'guides/meeting.md', which is not a page under docs/. "
                 "Check the spelling of the file name and its folder, starting from docs/."):
        assert [line for line in result.output.splitlines() if line.startswith(said)], f"{said}\n{result.output}"
    assert "nav\" configuration" not in result.output and "'nav' configuration" not in result.output, result.output


def test_menu_lines_that_name_a_page_by_its_web_address(project_copy, tmp_path):
    # The page's address, with a '/' before it, as in the browser's address bar: the
    # site is published in a folder of its host, so it would lead off the site.
    origins = rename_in_menu(project_copy, "origins.md", "/origins/")
    slogans = rename_in_menu(project_copy, "slogans.md", "/slogans.md")
    result, _ = build_fails(project_copy, tmp_path, "The site was not built: 2 problems to fix")
    for said in (f"mkdocs.yml:{origins}: The menu ('nav') names '/origins/', which starts with '/', so on the "
                 "published site it would go outside this site. Name the page's Markdown file from docs/, "
                 "without a '/' at the start, for example 'origins.md'.",
                 f"mkdocs.yml:{slogans}: The menu ('nav') names '/slogans.md', which starts with '/'"):
        assert [line for line in result.output.splitlines() if line.startswith(said)], f"{said}\n{result.output}"
    # Said once: not as MkDocs' warning, and not again as a page missing from the menu.
    assert "nav\" configuration" not in result.output and "'nav' configuration" not in result.output, result.output
    assert "not in the site's menu" not in result.output, result.output


def test_a_picture_with_no_description(project_copy, tmp_path):
    # An empty description passes axe (it reads as decoration), so the build must say it.
    first = append(project_copy, "origins.md", "![](assets/images/easy-read/ask-leader.svg)\n\n"
                   'Here it is as a tag: <img src="assets/images/easy-read/big-effect.svg" alt=" ">.\n\n'
                   "![Two people talking](assets/images/easy-read/clear-words.svg)\n\n"
                   # Only a dash: it says nothing. (A zero-width space, which Python's strip() keeps, is named
                   # before the pages are read, as an invisible character: tests/test_hostile_content.py.)
                   "![ - ](assets/images/easy-read/thanks.svg) ![Step 7](assets/images/easy-read/tell-us.svg)\n")
    result, _ = build_fails(project_copy, tmp_path, "The site was not built")
    lines = result.output.splitlines()
    assert "The site was not built: 3 problems to fix" in result.output, result.output  # one for each picture
    no_description = "has no description, so people who use a screen reader will not know what it shows"
    assert f"docs/origins.md:{first}: The picture 'ask-leader.svg' {no_description}. Write what it shows between " \
           "the square brackets, for example ![Five people around a table](ask-leader.svg)." in lines, result.output
    assert f"docs/origins.md:{first + 2}: The picture 'big-effect.svg' {no_description}. Write what it shows in " \
           "the tag's alt, for example alt=\"Five people around a table\"." in lines, result.output
    assert f"docs/origins.md:{first + 6}: The picture 'thanks.svg' {no_description}." in result.output
    assert "clear-words.svg" not in result.output and "tell-us.svg" not in result.output  # described: fine


def test_headings_out_of_order_and_what_github_shows_but_this_site_would_not(project_copy, tmp_path):
    # Headings: axe-core finds these only in the browser tests, after the build. A # with no space, lists,
    # a table, an address, a box to tick, struck-out words, a note, a list numbered '1)', an emoji code and a
    # code block with no end, and notes at the foot out of order or never cited; and a link, table rows and bold
    # marks that show as text in both; and an email address in a hidden note, which GitHub shows:
    # GitHub's preview shows each as the contributor meant; Python-Markdown does not.
    headings = append(project_copy, "slogans.md", "#### A small heading\n\nSome words.\n\n"
                      "# Another title\n\nMore words.\n\n#1 rule: everyone is heard.\n\n"
                      "```\n# Not a heading: code\n```\n\nTea helps.[^tea] So do buses.[^bus]\n\n"
                      "[^bus]: A timetable.\n[^tea]: A survey.\n[^old]: A source we no longer use.\n\n"
                      "<!-- Ask Jane first: jane.smith@nhs.net -->\n")
    first = append(project_copy, "origins.md", "Bring these:\n- a pen\n- some paper\n\n"
                   "- a meeting room\n  - with a hearing loop\n\n1. Ask\n\nThen wait.\n\n2. Listen\n\n"
                   "What it costs:\n| What | How much |\n|---|---|\n| Train | £12 |\n\n"
                   "The report is at https://www.example.org/report.\n\n"
                   "Shown as code it is an example: `https://code.example.org`.\n\n"
                   "Before the meeting:\n\n- [ ] Book a room\n\nThe fee was ~~£10~~ £8.\n\n> [!NOTE]\n> Bring lunch.\n\n"
                   "1) Plan\n2) Do\n\nWell done, everyone :+1:\n\nSee [the plan] (plan.md).\n\n"
                   "| Who | What |\n| Sam | Chairs |\n\nUse **bold words.\n\n```\nask, listen, act\n")
    result, _ = build_fails(project_copy, tmp_path, "The site was not built: 20 problems to fix")
    expected = [
        f"docs/slogans.md:{headings}: The heading 'A small heading' jumps from level 2 to level 4. People who use "
        "a screen reader move around a page by its headings, and a skipped level sounds like a missing part. "
        "Start it with ### instead of ####.",
        f"docs/slogans.md:{headings + 4}: The heading 'Another title' is a second title (a line that starts with "
        "one #). A page has one title, at the top, and people who use a screen reader hear this as the start of "
        "a new page. Start it with ## instead of #.",
        f"docs/slogans.md:{headings + 8}: The line '#1 rule: everyone is heard.' has no space after its #, so this "
        "site shows it as a heading, but GitHub's preview shows it as words. If it is a heading, put a space after "
        "the #. If it is words, put a backslash (\\) before the first #.",
        f"docs/slogans.md:{headings + 14}: Readers meet this page's notes out of order: here the note [^tea] "
        "shows as number 2, where a reader expects 1. This site numbers notes in the order they are written at the "
        "foot of the page (GitHub's preview numbers them in the order they are cited). Write the notes at the foot "
        "in the order the page first cites them: [^tea], [^bus].",
        f"docs/slogans.md:{headings + 20}: This page has an email address (jane.smith@nhs.net). This site does "
        "not publish anyone's email address or phone number, and GitHub shows even a hidden note to anyone. Take "
        "it out. To help readers reach an organisation, link to its own contact page instead, and add that page "
        "to data/sources.yml (CONTRIBUTING.md, 'Adding a source').",
        f"docs/slogans.md:{headings + 18}: The note [^old] at the foot of the page is not cited anywhere on it. "
        "This site still lists it, and GitHub's preview leaves it out. Put [^old] after the words it is the source "
        "for, or delete the note.",
        f"docs/origins.md:{first + 1}: The list that starts '- a pen' shows as part of the paragraph above it, "
        "because there is no empty line between them. Leave an empty line above the list. GitHub's preview shows "
        "a list either way, but this site needs the empty line.",
        f"docs/origins.md:{first + 5}: This list item has 2 spaces before it, so it shows at the same level as the "
        "item above it, not inside it. Put 4 spaces before it to show it inside the item above, or none to keep "
        "it at the same level.",
        f"docs/origins.md:{first + 11}: This numbered list starts at 2, but this site numbers every list from 1, "
        "so 2 would show as 1. To carry on the list above, put 4 spaces before each line between its items. If "
        "this line is not a list, put a backslash before the full stop: 2\\.",
        f"docs/origins.md:{first + 14}: The table that starts '| What | How much |' shows as words with '|' "
        "between them, because there is no empty line above it. Leave an empty line above the table. GitHub's "
        "preview shows a table either way, but this site needs the empty line.",
        f"docs/origins.md:{first + 18}: The web address 'https://www.example.org/report' shows as plain words, "
        "not as a link, because this site does not make links of bare addresses. Write it as a link with words "
        "that say where it goes, like [the report](https://...), and add the website to data/sources.yml if it "
        "is not there (CONTRIBUTING.md, 'Adding a source').",
        f"docs/origins.md:{first + 24}: This list item starts with '[ ]', which this site shows as it is, not as a "
        "box to tick. Take out the '[ ]'. A plain list shows the same here and in GitHub's preview.",
        f"docs/origins.md:{first + 26}: The words '~~£10~~' show with their tildes, not struck out, because this "
        "site does not strike words out. Most screen readers do not say when words are struck out either. Take out "
        "the tildes and the words you meant to strike out, or say in words what changed, for example 'was £10, "
        "now £8'.",
        f"docs/origins.md:{first + 28}: The quote that starts '[!NOTE]' shows on this site as a quote that starts "
        "with those words. GitHub's preview shows a coloured note, but here a quote means someone's words, as the "
        "model's are. Take out the '[!NOTE]' line and the '>' before each line. To make a note stand out, start it "
        "with a bold word, like **Note:**.",
        f"docs/origins.md:{first + 31}: The numbered list that starts '1) Plan' shows as a line of text, because "
        "this site makes a numbered list only from numbers with a full stop after them. Write '1.' instead of "
        "'1)', and the same for each item. GitHub's preview shows a list either way.",
        f"docs/origins.md:{first + 34}: The emoji code ':+1:' shows on this site as it is written, not as a "
        "picture. GitHub's preview shows the emoji, but this site does not turn codes into pictures. Take it out, "
        "or say in words what it meant.",
        f"docs/origins.md:{first + 36}: The link '[the plan] (plan.md)' shows as text, brackets and all, because "
        "Markdown cannot read it. Write it as [words](address), with no space between ] and (, and a ) at the end "
        "of the address.",
        f"docs/origins.md:{first + 38}: The table that starts '| Who | What |' shows as words with '|' between "
        "them, because it has no line of dashes under its first row. Put the line |---|---| under the first row: "
        "one '---' for each column. GitHub's preview needs it too.",
        f"docs/origins.md:{first + 41}: The '**' in '**bold words.' shows as text, because it has no partner to "
        "make words bold. To make words bold, put ** at both ends of them, in the same paragraph: **like this**. "
        "Otherwise take it out.",
        f"docs/origins.md:{first + 43}: The code block that starts with '```' on this line has no end, so this "
        "site shows the '```' as text. GitHub's preview shows what follows it as code. Add a line with only '```' "
        "where the code ends, or take this line out. If this line was meant to end a code block, the block above "
        "it has no end.",
    ]
    lines = result.output.splitlines()
    for said in expected:
        assert said in lines, f"{said}\n{result.output}"
    assert "Not a heading" not in result.output and "code.example.org" not in result.output  # code: left alone


def problem_lines(output: str, where: str) -> list[str]:
    """The message lines of a failed build that start at `where` (file:line:)."""
    return [line.strip() for line in output.splitlines() if line.strip().startswith(where)
            or f" {where}" in line]


# Raw HTML that makes the browser fetch from another website (each from its own host,
# so each message can be matched to its line).
FROM_ANOTHER_HOST = {
    "script": '<script src="https://cdn.example.org/track.js"></script>',
    "iframe": '<iframe src="https://www.example.org/embed/video"></iframe>',
    "img": '<img src="https://images.example.org/photo.jpg" alt="A photo">',
    "markdown image": "![A photo](https://pictures.example.org/photo.jpg)",
    "stylesheet": '<link rel="stylesheet" href="https://fonts.example.org/css?family=X">',
    "style import": "<style>@import url(https://styles.example.org/x.css);</style>",
    "video poster": '<video src="assets/a.mp4" poster="https://posters.example.org/p.jpg"></video>',
}


def test_raw_html_loading_from_another_host(project_copy, tmp_path):
    # Every case on one page, one build: the plugin lists every problem of a page,
    # each with its own line (coproduction/plugin/plugin.py).
    lines = {}
    for case, html in FROM_ANOTHER_HOST.items():
        lines[case] = append(project_copy, "origins.md", f"Some words first.\n\n{html}\n") + 2
    result, _ = build_fails(project_copy, tmp_path, "from another website")
    for case, line in lines.items():
        found = problem_lines(result.output, f"docs/origins.md:{line}:")
        assert any("from another website" in f and "Download the file into docs/assets/" in f for f in found), \
            f"{case} (line {line}) is not reported:\n{result.output}"


RUNS_CODE = {
    "inline script": ("<script>alert(document.cookie)</script>", "contains a script", "Remove the script"),
    "event handler": ('<a href="#top" onclick="steal()">Top</a>', "event handler (onclick", "Remove the 'onclick'"),
    "javascript link": ("[Click me](javascript:alert(1))", "'javascript:' address", "Link to a page"),
}


def test_code_in_a_contributor_page(project_copy, tmp_path):
    # Every case on one page, one build, as above.
    lines = {case: append(project_copy, "guides/meetings.md", f"{html}\n") for case, (html, _, _) in RUNS_CODE.items()}
    result, _ = build_fails(project_copy, tmp_path)
    for case, (_, problem, fix) in RUNS_CODE.items():
        found = problem_lines(result.output, f"docs/guides/meetings.md:{lines[case]}:")
        assert any(problem in f and fix in f for f in found), \
            f"{case} (line {lines[case]}) is not reported:\n{result.output}"


# --- The plain-English gate (coproduction/readability/) ----------------------

HARD_TEXT = ("Notwithstanding the aforementioned considerations, organisational stakeholders "
             "must operationalise multidisciplinary collaborative methodologies, facilitating "
             "interdisciplinary communication and institutional accountability throughout "
             "implementation. ") * 12


def test_page_that_fails_the_readability_gate(project_copy, tmp_path):
    append(project_copy, "origins.md", HARD_TEXT + "\n")
    build_fails(project_copy, tmp_path, "docs/origins.md", "too hard to read")


def test_readability_override_without_a_reason(project_copy, tmp_path):
    page = project_copy / "docs" / "origins.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    page.write_text("---\nreadability:\n  min_flesch_reading_ease: 40\n" + text[4:], encoding="utf-8")
    build_fails(project_copy, tmp_path, "docs/origins.md:2:", "without a reason", "reason:")


# --- The A4 PDF (coproduction/pdf.py) ----------------------------------------

def test_model_that_overflows_the_a4_page(project_copy, tmp_path):
    data = project_copy / "data" / "model.yml"
    step = "Get agreement from senior leaders to champion co-production"
    text = data.read_text(encoding="utf-8")
    assert step in text
    data.write_text(text.replace(step, step + ". We share what we learn with everyone" * 40, 1),
                    encoding="utf-8")
    build_fails(project_copy, tmp_path, "data/model.yml", "does not fit on one A4 page", "Shorten")


def test_missing_font_file(project_copy, tmp_path):
    font = project_copy / "docs" / "assets" / "fonts" / "atkinson-hyperlegible-latin-700-normal.woff2"
    font.unlink()
    build_fails(project_copy, tmp_path, "print/model.css:", "atkinson-hyperlegible-latin-700-normal.woff2",
                "is missing", "Restore the file")


# --- Fast checks of the HTML rules themselves (no build) ----------------------

@pytest.mark.parametrize("html", [
    '<a href="https://www.nhs.uk/">NHS</a>',
    '<img src="../assets/images/steps.png" alt="Steps">',
    "<p>Use <code>&lt;script&gt;</code> in code.</p>",
    '<th align="left">Step</th>',
    '<h2 id="start">Start {#start}</h2>',
])
def test_ordinary_html_is_fine(html):
    assert html_safety.find_problems(html) == []


@pytest.mark.parametrize("html", [
    '<img srcset="small.jpg 1x, https://x.org/big.jpg 2x">',
    '<a href=" JaVa\tScRiPt:alert(1)">x</a>',
    '<svg><image href="//x.org/i.png"/></svg>',
    '<a href="/" ping="https://tracker.example.org">x</a>',
    '<div style="background: url(https://x.org/b.png)">x</div>',
    '<embed src="assets/x.swf">',
    '<img src="data:image/png;base64,iVBORw0KGgo=" alt="">',
])
def test_sneaky_html_is_caught(html):
    assert html_safety.find_problems(html)


def test_line_is_found_outside_code():
    source = "Intro\n\n`<script>` is code.\n\n<script>x()</script>\n"
    assert html_safety.line_of(source, "<script") == 5


def test_the_example_in_a_link_fix_is_a_page_that_exists():
    """A contributor may copy the example: it must not be a broken link itself."""
    docs = Path(__file__).resolve().parent.parent / "docs"
    examples = set()
    for page in ("origins.md", "guides/a.md", "case-studies/a.md"):
        for message in (f"Doc file '{page}' contains an unrecognized relative link 'model/', it was left as is.",
                        f"Doc file '{page}' contains an absolute link '/nowhere/', it was left as is."):
            said = str(link_problem(message, docs))
            example = re.search(r"for example '([^']+\.md)'", said)
            # Read from the page's own folder, as MkDocs reads a link.
            assert example and (docs / page).parent.joinpath(example[1]).resolve().is_file(), said
            examples.add(example[1])
    assert len(examples) == 3, examples  # one way to write it from each folder


def test_a_link_to_a_file_named_in_other_capitals_or_written_with_backslashes_says_so(tmp_path):
    """A picture saved as 'meeting-room.PNG' and linked as '.png' is there on Windows and on a Mac,
    but not on the published site; a path copied from Windows' file explorer has '\\' in it."""
    docs = tmp_path / "docs"
    (docs / "assets" / "Images").mkdir(parents=True)
    (docs / "assets" / "Images" / "meeting-room.PNG").write_bytes(b"")
    (docs / "guides").mkdir()
    (docs / "guides" / "meetings.md").write_text(
        "# Meetings\n\n![A room](../assets/images/meeting-room.png)\n\n![A room](..\\assets\\images\\room.png)\n\n"
        "![A room](../assets/images/no-such-room.png)\n", encoding="utf-8")

    def said(link: str) -> str:
        return str(link_problem(f"Doc file 'guides/meetings.md' contains a link '{link}', but the target "
                                "'assets/images/x.png' is not found among documentation files.", docs))

    assert said("../assets/images/meeting-room.png") == (
        "docs/guides/meetings.md:3: The link '../assets/images/meeting-room.png' goes to no file of this site. The "
        "file is there as '../assets/Images/meeting-room.PNG', in other capital letters, and the published site "
        "tells capitals apart. Write the link as '../assets/Images/meeting-room.PNG', or rename the file to match "
        "the link. Names in small letters are best.")
    assert said("..\\assets\\images\\room.png") == (
        "docs/guides/meetings.md:5: The link '..\\assets\\images\\room.png' goes to no file of this site, because "
        "it has '\\' between its folders, and web addresses use '/'. Write '/' in place of each '\\', like this: "
        "'../assets/images/room.png'.")
    assert said("../assets/images/no-such-room.png") == (
        "docs/guides/meetings.md:7: The link '../assets/images/no-such-room.png' goes to no file of this site. "
        "Check the spelling of the file name and its folder: the path starts from this page's folder.")


def test_the_menu_line_suggested_for_a_page_keeps_its_capitals():
    from coproduction.checks import _menu_name
    assert _menu_name("case-studies/2024/NHS-guide_v2.md") == "NHS guide v2"
    assert _menu_name("guides/online-meetings.md") == "Online meetings"
