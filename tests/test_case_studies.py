"""Case studies: the index is built from the files on disk, and bad front matter stops the build."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from conftest import run_build
from coproduction.case_studies import case_study_files, check_case_studies, load_case_study
from coproduction.errors import ContentError

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "docs" / "case-studies"
# The case studies, found here without the code under test: every page in the folder but its index.
ON_DISK = sorted(p for p in FOLDER.glob("*.md") if p.name != "index.md")
# A web address the source register lists, read with PyYAML alone: the first one.
LISTED_URL = next(source["url"] for source in yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
                  ["sources"] if source.get("url"))
# A new case study as a contributor writes it from templates/case-study.md, every example replaced
# (conftest.edited_site adds it as docs/case-studies/zz-new-example.md), its source's address listed.
NEW_CASE_STUDY = f"""---
title: Zz test group
place: A test town
organisation: The test group
year: 2019
what_changed: People who use the service planned the group with staff.
source: A test report
source_url: {LISTED_URL}
last_reviewed: 2026-12-07
next_review: 2027-12-07
---

# Zz test group

This is a test page. It checks that a new case study shows up in the list.

## How the project worked

People met each month and planned the group with the staff.

## Where this comes from

A test report. Nobody's story is shared here.
"""


def documented_fields() -> list[str]:
    """The fields docs/about/add-a-case-study.md tells contributors every case study must have
    (its line "- `title`, `place`, ... and `source` must ..."), not the schema's own list."""
    guide = (ROOT / "docs" / "about" / "add-a-case-study.md").read_text(encoding="utf-8")
    line = re.search(r"^- (`\w+`.*) must", guide, re.MULTILINE).group(1)
    return re.findall(r"`(\w+)`", line)


FIELDS = documented_fields()


def front_matter(path: Path) -> dict:
    """A page's front matter read with PyYAML alone."""
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def index_entries(site: Path) -> list[tuple[str, str, str]]:
    """Each case study in the index page, in order: its heading's link, the heading's
    words, and the words under it up to the next heading (tags taken out)."""
    page = html.unescape((site / "case-studies" / "index.html").read_text(encoding="utf-8"))
    article = page[page.index("<article"):page.index("</article>")]
    entries = []
    for match in re.finditer(r'<h2 id="[^"]*"><a href="([^"]+)">([^<]+)</a>.*?</h2>(.*?)(?=<h2)', article, re.DOTALL):
        under = " ".join(re.sub(r"<[^>]+>", " ", match[3]).split())
        entries.append((match[1], match[2], under))
    return entries


def index_links(site: Path) -> list[str]:
    """The case-study links in the index page, in order."""
    return [link for link, _, _ in index_entries(site)]


def test_every_case_study_on_disk_has_valid_front_matter():
    pages, problems = check_case_studies(FOLDER)
    assert problems == [], problems
    assert sorted(page.file_name for page in pages) == [path.name for path in ON_DISK] and len(ON_DISK) >= 5


def test_the_template_has_every_documented_field_and_passes_the_check():
    # Contributors copy it, so it must have every field the guide asks for, filled in.
    assert FIELDS == ["title", "place", "organisation", "year", "what_changed", "source"]
    meta = front_matter(ROOT / "templates" / "case-study.md")
    assert [field for field in FIELDS if not str(meta.get(field) or "").strip()] == []
    load_case_study(ROOT / "templates" / "case-study.md")  # raises if the check refuses it


def test_a_copy_of_the_template_is_refused_until_its_examples_are_replaced(project_copy, tmp_path):
    """Copied as it is, the template would build and be published as a case study called
    "The name of the project or group"."""
    template = (project_copy / "templates" / "case-study.md").read_text(encoding="utf-8")
    new = project_copy / "docs" / "case-studies" / "my-town.md"
    new.write_text(template, encoding="utf-8")
    result = run_build(project_copy, site_dir=tmp_path / "site")
    title_line = template.split("\n").index("title: The name of the project or group") + 1
    assert result.returncode != 0 and not (tmp_path / "site").exists()
    assert (f"docs/case-studies/my-town.md:{title_line}: This case study still has the example text of "
            "templates/case-study.md in the 'title' field, the 'place' field, the 'organisation' field, "
            "the 'what_changed' field, the 'source' field, the 'source_url' field, the page's heading and "
            "5 paragraphs. Replace each with this case study's own words") in result.output, result.output
    # Its fields and heading filled in, one paragraph of instructions left: that paragraph, at its line.
    filled = NEW_CASE_STUDY.replace("People met each month and planned the group with the staff.",
                                    "Say what changed for the people who use the service, for staff or for the\n"
                                    "service itself. If you give a number, say who reported it, because readers\n"
                                    "need to know where it came from. For example: \"the trust reported that 3 in 4\n"
                                    "people ...\".")
    new.write_text(filled, encoding="utf-8")
    line = filled.split("\n").index("Say what changed for the people who use the service, for staff or for the") + 1
    result = run_build(project_copy, site_dir=tmp_path / "site")
    assert (f"docs/case-studies/my-town.md:{line}: This case study still has the example text of "
            "templates/case-study.md in 1 paragraph.") in result.output, result.output
    # All of it replaced: it builds.
    new.write_text(NEW_CASE_STUDY, encoding="utf-8")
    assert run_build(project_copy, site_dir=tmp_path / "site").returncode == 0


def test_the_index_lists_every_case_study_file(built_site):
    expected = sorted(f"{path.stem}/" for path in ON_DISK)
    entries = {link: (title, under) for link, title, under in index_entries(built_site)}
    assert sorted(entries) == expected
    # Each case study's title is its heading, and what changed, where and when are under it, each labelled.
    for path in ON_DISK:
        meta = {field: " ".join(str(value).split()) for field, value in front_matter(path).items()}
        title, under = entries[f"{path.stem}/"]
        assert title == meta["title"], path.name
        assert under.startswith(f"What changed {meta['what_changed']} Where {meta['place']} When {meta['year']}"), \
            (path.name, under)


def test_every_case_study_page_is_built(built_site):
    for path in ON_DISK:
        assert (built_site / "case-studies" / path.stem / "index.html").is_file(), path.name


def facts_box(page: Path) -> tuple[str, list[tuple[str, str]], list[tuple[str, str]]]:
    """A built case study's box of fields: what comes between its title and the box (tags
    taken out), each label with its words (tags taken out), and each link in it (href, words)."""
    text = page.read_text(encoding="utf-8")
    match = re.search(r'</h1>(.*?)<div class="cp-facts">(.*?)</div>', text, re.DOTALL)
    assert match, f"{page}: no box of fields after the title"
    between, box = match[1], match[2]
    def words(fragment: str) -> str:
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
    rows = [(words(label), words(value)) for label, value in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", box, re.DOTALL)]
    links = [(html.unescape(href), words(text)) for href, text in re.findall(r'<a href="([^"]*)">(.*?)</a>', box, re.DOTALL)]
    return words(between), rows, links


def test_each_case_study_page_shows_its_fields_in_a_box_under_its_title(built_site):
    for path in ON_DISK:
        meta = {field: " ".join(str(value).split()) for field, value in front_matter(path).items()}
        between, rows, links = facts_box(built_site / "case-studies" / path.stem / "index.html")
        assert between == "", (path.name, between)
        assert rows == [("What changed", meta["what_changed"]), ("Who ran it", meta["organisation"]),
                        ("Where", meta["place"]), ("When", meta["year"]), ("Source", meta["source"])], path.name
        # No address for the source (none of ours has one): no link to it, only the way back to the list.
        assert "source_url" not in meta and links == [("../", "All case studies")], (path.name, links)
        # And what changed is the page's description, for search engines and shared links.
        page = (built_site / "case-studies" / path.stem / "index.html").read_text(encoding="utf-8")
        assert '<p class="skip-print"><a href="../">All case studies</a></p>' in page  # not on paper
        described = re.findall(r'<meta name="description" content="([^"]*)">', page)
        assert [html.unescape(one) for one in described] == [meta["what_changed"]], path.name


def test_a_case_study_with_a_listed_source_address_links_its_source(edited_site):
    between, rows, links = facts_box(edited_site / "case-studies" / "zz-new-example" / "index.html")
    assert ("Source", "A test report") in rows
    assert links == [(LISTED_URL, "A test report"), ("../", "All case studies")], links


def test_case_study_problems_come_in_one_round_with_every_other_page_s(project_copy, tmp_path):
    # One case study with a source address the register does not list, another with a field missing,
    # and a heading that skips a level on another page: one build names them all, each at its line.
    first, second = case_study_files(project_copy / "docs" / "case-studies")[:2]
    lines = first.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith("source:")) + 1
    lines.insert(at, "source_url: https://unlisted.example.org/report\n")
    first.write_text("".join(lines), encoding="utf-8")
    kept = [line for line in second.read_text(encoding="utf-8").splitlines(keepends=True) if not line.startswith("year:")]
    second.write_text("".join(kept), encoding="utf-8")
    closing = [n for n, line in enumerate(kept, start=1) if line.strip() == "---"][1]
    # A year after this one (a typo for 2017), and a case study with another's title.
    third, fourth, fifth = case_study_files(project_copy / "docs" / "case-studies")[2:5]
    lines = third.read_text(encoding="utf-8").split("\n")
    year = next(n for n, line in enumerate(lines) if line.startswith("year:"))
    lines[year] = "year: 2107"
    third.write_text("\n".join(lines), encoding="utf-8")
    title = next(line for line in fourth.read_text(encoding="utf-8").split("\n") if line.startswith("title:"))
    lines = fifth.read_text(encoding="utf-8").split("\n")
    same = next(n for n, line in enumerate(lines) if line.startswith("title:"))
    lines[same] = title
    fifth.write_text("\n".join(lines), encoding="utf-8")
    origins = project_copy / "docs" / "origins.md"
    deep = origins.read_text(encoding="utf-8").count("\n") + 3
    origins.write_text(origins.read_text(encoding="utf-8") + "\n\n#### Too deep\n", encoding="utf-8")

    result = run_build(project_copy, site_dir=tmp_path / "site")

    assert result.returncode != 0 and not (tmp_path / "site").exists()
    assert "The site was not built: 5 problems to fix" in result.output, result.output
    assert any(line.startswith(f"docs/case-studies/{third.name}:{year + 1}: The 'year' field says 2107, which is after "
                               "this year") for line in result.output.splitlines()), result.output
    assert any(line.startswith(f"docs/case-studies/{fifth.name}:{same + 1}: This case study's title") and
               f"is the same as the title of docs/case-studies/{fourth.name}" in line
               for line in result.output.splitlines()), result.output
    lines = result.output.splitlines()
    assert (f"docs/case-studies/{first.name}:{at + 1}: The 'source_url' field is a web address that "
            "data/sources.yml does not list, and this site links only to the sources listed there. Add the source "
            "to data/sources.yml with this exact address (see CONTRIBUTING.md, 'Adding a source'), or leave the "
            "line out.") in lines, result.output
    assert any(line.startswith(f"docs/case-studies/{second.name}:{closing}: The front matter has no 'year' field")
               for line in lines), result.output
    assert any(line.startswith(f"docs/origins.md:{deep}: The heading 'Too deep' jumps") for line in lines), result.output
    assert "Traceback" not in result.output


def test_a_case_studys_own_words_show_as_words_in_its_box(tmp_path):
    from coproduction.case_studies import facts_box as box_of

    path = _write(tmp_path, FULL.replace("organisation: O", "organisation: '<b>Ours</b> & theirs'")
                  + 'source_url: "https://example.org/?a=1&b=\\"2\\""\n')
    made = str(box_of(load_case_study(path), "../"))
    assert "<dt>Who ran it</dt><dd>&lt;b&gt;Ours&lt;/b&gt; &amp; theirs</dd>" in made, made
    assert '<dd><a href="https://example.org/?a=1&amp;b=&#34;2&#34;">S</a></dd>' in made, made


def test_a_new_case_study_file_appears_in_the_index_with_no_other_change(edited_site, built_site):
    # conftest.edited_site adds NEW_CASE_STUDY as docs/case-studies/zz-new-example.md
    # and changes nothing else about case studies.
    site = edited_site
    assert "zz-new-example/" not in index_links(built_site)
    assert "zz-new-example/" in index_links(site)


def test_a_missing_field_fails_the_build_naming_the_file_line_and_field(project_copy, tmp_path):
    victim = case_study_files(project_copy / "docs" / "case-studies")[0]
    lines = victim.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [line for line in lines if not line.startswith("place:")]
    victim.write_text("".join(lines), encoding="utf-8")
    closing = [i for i, line in enumerate(lines, start=1) if line.strip() == "---"][1]

    result = run_build(project_copy, site_dir=tmp_path / "site")

    assert result.returncode != 0
    assert f"docs/case-studies/{victim.name}:{closing}:" in result.output, result.output
    assert "no 'place' field" in result.output
    assert "Add a line like 'place:" in result.output
    assert "Traceback" not in result.output


def _write(tmp_path, front_matter: str) -> Path:
    path = tmp_path / "example.md"
    path.write_text(f"---\n{front_matter}---\n\n# Example\n", encoding="utf-8")
    return path


FULL = ("title: T\nplace: P\norganisation: O\nyear: 2017\n"
        "what_changed: W\nsource: S\n")


def test_a_bare_year_and_an_honest_text_year_are_both_allowed(tmp_path):
    assert load_case_study(_write(tmp_path, FULL)).meta.year == "2017"
    text_year = FULL.replace("year: 2017", "year: reported in 2017")
    assert load_case_study(_write(tmp_path, text_year)).meta.year == "reported in 2017"


@pytest.mark.parametrize("field", FIELDS)
def test_each_required_field_is_checked(tmp_path, field):
    without = "".join(line + "\n" for line in FULL.splitlines() if not line.startswith(f"{field}:"))
    with pytest.raises(ContentError) as caught:
        load_case_study(_write(tmp_path, without))
    assert f"'{field}'" in str(caught.value)
    assert caught.value.line == len(without.splitlines()) + 2  # the closing '---'


def test_an_empty_field_points_at_its_own_line(tmp_path):
    path = _write(tmp_path, FULL.replace("place: P", "place: ''"))
    with pytest.raises(ContentError) as caught:
        load_case_study(path)
    assert caught.value.line == 3
    assert "'place' field is empty" in str(caught.value)


def test_a_page_with_no_front_matter_is_refused(tmp_path):
    path = tmp_path / "bare.md"
    path.write_text("# Just a heading\n", encoding="utf-8")
    with pytest.raises(ContentError, match="no front matter"):
        load_case_study(path)


def test_messages_name_the_file_from_the_project_even_with_a_relative_config_path(tmp_path, monkeypatch):
    # `mkdocs build -f mkdocs.yml` gives the macros a relative project folder ('').
    folder = tmp_path / "docs" / "case-studies"
    folder.mkdir(parents=True)
    (folder / "broken.md").write_text("---\ntitle: T\n---\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    pages, problems = check_case_studies(folder, shown_root=Path(""))
    assert pages == [] and len(problems) == 1, problems
    assert str(problems[0]).startswith("docs/case-studies/broken.md:3:"), str(problems[0])


def test_a_title_with_brackets_or_a_line_break_stays_one_link_in_the_index():
    import markdown

    from macros.case_studies import link_text

    for title, shown in (("Group [North] ] ends", "Group [North] ] ends"), ("Two\nlines \\", "Two lines \\")):
        made = markdown.markdown(f"## [{link_text(title)}](a-group.md)")
        assert made == f'<h2><a href="a-group.md">{html.escape(shown, quote=False)}</a></h2>', made


def test_a_field_written_over_lines_reads_as_one_line(tmp_path):
    # As the index, the box under the title and the page's description all show it.
    meta = load_case_study(_write(tmp_path, FULL.replace("what_changed: W", 'what_changed: "More\\n   people  came."'))).meta
    assert meta.what_changed == "More people came."


def test_a_year_after_this_one_is_refused_at_its_line(tmp_path):
    """'year: 2107' for 2017 would publish work that has not happened yet."""
    assert load_case_study(_write(tmp_path, FULL.replace("2017", "2015 to 2026")), this_year=2026).meta.year
    # Work that began this year or before may run on: a programme, or the NHS's financial year.
    for running in ("2024 to 2028 (a five-year programme)", "2026/2027"):
        assert load_case_study(_write(tmp_path, FULL.replace("2017", running)), this_year=2026).meta.year
    with pytest.raises(ContentError) as caught:
        load_case_study(_write(tmp_path, FULL.replace("2017", "reported in 2107")), "docs/case-studies/a.md",
                        this_year=2026)
    assert str(caught.value) == (
        "docs/case-studies/a.md:5: The 'year' field says 2107, which is after this year (2026). A case study tells "
        "of work that has already happened. Check the year for a typo. Write the year the work took place, or when "
        "the source reported it, like 'year: reported in 2024'.")


def test_two_case_studies_with_one_title_are_refused_naming_both(tmp_path):
    folder = tmp_path / "docs" / "case-studies"
    folder.mkdir(parents=True)
    (folder / "good-gym.md").write_text(f"---\n{FULL.replace('title: T', 'title: Good Gym')}---\n", encoding="utf-8")
    (folder / "hilltop.md").write_text(f"---\n{FULL.replace('title: T', 'title: good  gym')}---\n", encoding="utf-8")
    (folder / "other.md").write_text(f"---\n{FULL}---\n", encoding="utf-8")
    pages, problems = check_case_studies(folder, shown_root=tmp_path, this_year=2026)
    assert [str(problem) for problem in problems] == [
        "docs/case-studies/hilltop.md:2: This case study's title 'good gym' is the same as the title of "
        "docs/case-studies/good-gym.md, so the index would list two case studies with one name. Give this one a "
        "title of its own, for example with its place. If it is the same project, add what is new to "
        "docs/case-studies/good-gym.md."]
