"""The model lives in one data file; the page and model.json both come from it."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
import yaml

from conftest import ROOT, run_build

# data/model.yml read with PyYAML alone: what the tests expect, without the model's own loader.
RAW = yaml.safe_load((ROOT / "data" / "model.yml").read_text(encoding="utf-8"))


class TextOf(HTMLParser):
    """Collects the text inside <li> elements of the page's main article."""

    def __init__(self):
        super().__init__()
        self.in_article = False
        self.depth = 0
        self.items: list[str] = []
        self.headings: list[str] = []
        self._buf: list[str] | None = None
        self._tag = None

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.in_article = True
        if self.in_article and tag in ("li", "h2"):
            self._buf, self._tag = [], tag

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        if self._buf is not None and tag == self._tag:
            text = re.sub(r"\s+", " ", "".join(self._buf)).replace("¶", "").strip()
            (self.items if tag == "li" else self.headings).append(text)
            self._buf = None

    def handle_data(self, data):
        if self._buf is not None:
            self._buf.append(data)


def page_lists(site, page="model/index.html"):
    parser = TextOf()
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser


def test_model_page_shows_every_value_and_step_once_in_order(built_site):
    items = page_lists(built_site).items
    raw = RAW["values"]["items"] + RAW["steps"]["items"]
    # An unverified item carries the doubt mark (tests/test_doubt_marks.py).
    expected = [i["text"] + ("*" if i["status"] != "verified" else "") for i in raw]
    # Each item: our numbered short name, then the model's own words.
    titles = ([f"Value {n}: {name}" for n, name in enumerate(RAW["short_names"]["values"], 1)]
              + [f"Step {n}: {name}" for n, name in enumerate(RAW["short_names"]["steps"], 1)])
    assert len(titles) == len(expected) == 12
    assert [i for i in items if i.startswith(("Value ", "Step "))] == [
        f"{title} {text}" for title, text in zip(titles, expected)]
    html = (built_site / "model" / "index.html").read_text(encoding="utf-8")
    for text in [i["text"] for i in raw]:
        assert html.count(text.replace('"', "&quot;").replace("'", "&#39;")) + html.count(text) >= 1


def test_model_page_is_real_html_with_headings_and_lists(built_site, model):
    html = (built_site / "model" / "index.html").read_text(encoding="utf-8")
    # Values and steps are both numbered lists.
    assert len(re.findall(r'<ol class="cp-model-list">\s*<li>', html)) == 2
    headings = page_lists(built_site).headings
    assert model.values.heading in headings and model.steps.heading in headings


def test_model_page_gives_credit_and_word_count(built_site, model):
    text = re.sub(r"<[^>]+>", "", (built_site / "model" / "index.html").read_text(encoding="utf-8"))
    assert "Coalition for Collaborative Care" in text and "NHS England" in text
    # "About 300", as the sources say: an exact count of partly unverified words would claim too much.
    assert "about 300 words" in text
    assert "272" in text and "Bliss copy" in text


def test_model_json_matches_the_data(built_site):
    data = json.loads((built_site / "model.json").read_text(encoding="utf-8"))
    assert [v["text"] for v in data["values"]["items"]] == [v["text"] for v in RAW["values"]["items"]]
    assert [s["text"] for s in data["steps"]["items"]] == [s["text"] for s in RAW["steps"]["items"]]
    assert data["definition"]["text"] == RAW["definition"]["text"]
    assert data["short_names"]["values"] == RAW["short_names"]["values"]
    assert data["version_date"] == RAW["version_date"].isoformat()


def test_editing_a_step_in_the_data_changes_the_built_page(edited_site):
    # The edit is made in conftest.EDITS ("step words"), built once with the others.
    old = "Get agreement from senior leaders to champion co-production"
    new = "Get agreement from senior leaders to champion co-production every single day"
    site = edited_site
    assert old in (ROOT / "data" / "model.yml").read_text(encoding="utf-8")
    assert new in (site / "model" / "index.html").read_text(encoding="utf-8")
    assert new in (site / "model.json").read_text(encoding="utf-8")


_MODEL_LINES = (ROOT / "data" / "model.yml").read_text(encoding="utf-8").split("\n")
# The lines (counted from 1) of the subtitle and of step 4's words.
SUBTITLE_LINE = next(n for n, line in enumerate(_MODEL_LINES, 1) if line.startswith("subtitle:"))
STEP_4_LINE = next(n for n, line in enumerate(_MODEL_LINES, 1)
                   if line.startswith("    - text: Get agreement from senior leaders"))
# Each bad-data case: (what to do to data/model.yml, words the message must contain)
BAD_DATA = {
    "broken yaml": (lambda s: s.replace("title: A Co-production Model", "title: [A Co-production Model"),
                    ["data/model.yml", "YAML cannot be read", "line"]),
    "four values": (lambda s: s.replace("    - text: A culture of openness and honesty\n      status: verified\n", "", 1)
                    .replace("      source: Hertfordshire and West Essex ICS quality strategy, which credits the Coalition for Personalised Care and NHS England\n    - text: A commitment", "    - text: A commitment", 1),
                    ["data/model.yml", "values > items", "expected exactly 5", "found 4"]),
    "eight steps": (lambda s: s + "    - text: An eighth step\n      status: verified\n      source: nowhere\n",
                    ["data/model.yml", "steps > items", "expected exactly 7", "found 8"]),
    "empty step": (lambda s: s.replace("    - text: Get agreement from senior leaders to champion co-production",
                                       "    - text: ''"),
                   ["data/model.yml", "steps > items > item 4 > text", "empty"]),
    "missing field": (lambda s: s.replace("subtitle: Five values and seven steps to making this happen\n", ""),
                      ["data/model.yml", "subtitle", "missing"]),
    "unknown field": (lambda s: s.replace("title: A Co-production Model", "title: A Co-production Model\ntitel: typo"),
                      ["data/model.yml", "titel", "not part of the model"]),
    # A field's name mistyped: one problem, at the mistyped name's own line, with the name it should be.
    "misspelt field": (lambda s: s.replace("    - text: Get agreement from senior leaders", "    - txt: Get agreement "
                                           "from senior leaders"),
                       [f"data/model.yml:{STEP_4_LINE}: Field 'steps > items > item 4 > txt': 'txt' is not a field "
                        "here. Did you mean 'text'? Rename it."]),
    "a colon inside the words": (lambda s: s.replace("\nsubtitle: Five values and seven steps to making this happen",
                                                     "\nsubtitle: Five values and seven steps: making it happen"),
                                 [f"data/model.yml:{SUBTITLE_LINE}: The YAML cannot be read: this line has ': ' (a "
                                  "colon and a space) inside its words", "Put the words in double quotes"]),
    "a colon inside a step's words": (lambda s: s.replace("    - text: Get agreement from senior leaders to champion "
                                                          "co-production", "    - text: Get agreement: senior "
                                                          "leaders champion co-production"),
                                      [f"data/model.yml:{STEP_4_LINE}: The YAML cannot be read: this line has ': '"]),
    "curly quotes around words with a colon": (
        lambda s: s.replace("\nsubtitle: Five values and seven steps to making this happen",
                            "\nsubtitle: \u201cFive values and seven steps: making it happen\u201d"),
        [f"data/model.yml:{SUBTITLE_LINE}: The YAML cannot be read: the quotes on this line are curly ones (\u201c "
         "\u201d), as a word processor types them, and YAML does not read those as quotes. Type straight double "
         "quotes (\") in their place: subtitle: \"Five values and seven steps: making it happen\"."]),
    "curly quotes around a name": (
        lambda s: s.replace("\nsubtitle:", "\n\u201csubtitle\u201d:"),
        [f"data/model.yml:{SUBTITLE_LINE}: Field '\u201csubtitle\u201d': the name '\u201csubtitle\u201d' has curly quotes "
         "around it, as a word processor types them, and YAML does not read those as quotes. Take them out, so that "
         "the name is subtitle."]),
    "a space pasted after a name": (lambda s: s.replace("\nsubtitle:", "\nsubtitle\u00a0:"),
                                    [f"data/model.yml:{SUBTITLE_LINE}: Field 'subtitle\u00a0': the name 'subtitle' has "
                                     "an invisible space before or after it", "Delete the name and type 'subtitle' again"]),
}


DUPLICATE_STEP_TEXT = ("    - text: Get agreement from senior leaders to champion co-production\n",
                       "    - text: Get agreement from senior leaders to champion co-production\n"
                       "      text: Tell senior leaders about co-production\n")
# STEP_4_LINE and the line after it: the two `text:` keys once the second is added.
BAD_DATA["second text under a step"] = (lambda s: s.replace(*DUPLICATE_STEP_TEXT),
                                        ["data/model.yml", "'text' is written twice",
                                         f"lines {STEP_4_LINE} and {STEP_4_LINE + 1}"])


@pytest.mark.parametrize("case", BAD_DATA)
def test_bad_model_data_is_refused_naming_file_line_and_field(case, tmp_path):
    from coproduction.errors import ContentError
    from coproduction.model import load_model
    change, words = BAD_DATA[case]
    before = (ROOT / "data" / "model.yml").read_text(encoding="utf-8")
    after = change(before)
    assert after != before, "the test's edit did not apply"
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "model.yml").write_text(after, encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_model(tmp_path / "data" / "model.yml", shown_as="data/model.yml")
    message = str(caught.value)
    for word in words:
        assert word in message, f"{word!r} not in: {message}"
    assert re.match(r"data/model\.yml:\d+: ", message), "the message must give a line number"


@pytest.mark.parametrize("start", ["project", "docs"])
def test_messages_name_files_from_the_project_wherever_the_command_starts(start, tmp_path, monkeypatch):
    """`coproduction` or `mkdocs -f` started in the project or in one of its folders:
    a file is named as the settings give it, relative to the project folder."""
    from coproduction.errors import ContentError, shown_path
    from coproduction.project import Project
    (tmp_path / "data").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "data" / "model.yml").write_text("title: [unclosed\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path if start == "project" else tmp_path / "docs")
    with pytest.raises(ContentError) as caught:
        Project(tmp_path).model
    assert str(caught.value).startswith("data/model.yml:"), str(caught.value)
    assert shown_path("print/model.css", tmp_path) == "print/model.css"
    assert shown_path(tmp_path / "print" / "model.css", tmp_path) == "print/model.css"
    assert shown_path("../elsewhere.yml", tmp_path) == "../elsewhere.yml"  # outside: as given
    assert shown_path("/elsewhere/jargon.yml", tmp_path) == "/elsewhere/jargon.yml"


def test_a_key_written_twice_is_refused_in_front_matter_and_in_mkdocs_yml(tmp_path):
    from coproduction.datafile import check_config_file
    from coproduction.errors import ContentError
    from coproduction.markdown_source import Page
    with pytest.raises(ContentError, match=r"^docs/a\.md:4: 'title' is written twice in the same block, "
                                           r"on lines 2 and 4"):
        Page.from_text("---\ntitle: One\ndescription: Words\ntitle: Two\n---\n\n# A\n", "docs/a.md")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("        max_smog: 11 ", "        max_smog: 11\n        max_smog: 14 ", 1)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(ContentError, match=r"^mkdocs\.yml:\d+: 'max_smog' is written twice in the same block, "
                                           r"on lines (\d+) and \1?"):
        check_config_file(tmp_path / "mkdocs.yml", "mkdocs.yml")
    # Nested blocks and lists are searched; the same key in two blocks is fine.
    assert Page.from_text("---\na: {x: 1}\nb: [{x: 1}, {x: 2}]\n---\n", "p.md").meta["b"][1] == {"x": 2}
    with pytest.raises(ContentError, match="'x' is written twice"):
        Page.from_text("---\nb:\n  - {x: 1, x: 2}\n---\n", "p.md")


def test_a_merge_key_is_refused_at_its_line_in_front_matter_and_data(tmp_path):
    # '<<' copies fields in from another block, where no line shows them (a page could pick a template so).
    from coproduction.errors import ContentError
    from coproduction.markdown_source import Page
    from coproduction.model import load_model
    with pytest.raises(ContentError, match=r"^docs/a\.md:3: The front matter has a '<<' key"):
        Page.from_text("---\ntitle: One\n<<: {template: redirect.html}\n---\n\n# A\n", "docs/a.md")
    text = (ROOT / "data" / "model.yml").read_text(encoding="utf-8")
    (tmp_path / "model.yml").write_text(text.replace("\nsubtitle:", "\n<<: {x: 1}\nsubtitle:", 1), encoding="utf-8")
    line = text[:text.index("\nsubtitle:")].count("\n") + 2
    with pytest.raises(ContentError, match=rf"^data/model\.yml:{line}: The YAML has a '<<' key"):
        load_model(tmp_path / "model.yml", shown_as="data/model.yml")


DUPLICATE_BUILDS = {
    "model data": ("data/model.yml", DUPLICATE_STEP_TEXT,
                   rf"data/model\.yml:{STEP_4_LINE + 1}: 'text' is written twice"),
    "front matter": ("docs/guides/start.md", ("title: Where to start\n", "title: Where to start\ntitle: Start\n"),
                     r"docs/guides/start\.md:5: 'title' is written twice in the same block, on lines 4 and 5"),
    "plugin option": ("mkdocs.yml", ("        max_smog: 11 ", "        max_smog: 11\n        max_smog: 14 "),
                      r"mkdocs\.yml:(\d+): 'max_smog' is written twice in the same block, on lines \d+ and \1"),
}


@pytest.mark.parametrize("case", DUPLICATE_BUILDS)
def test_a_key_written_twice_stops_the_build(case, project_copy, tmp_path):
    file, (old, new), pattern = DUPLICATE_BUILDS[case]
    path = project_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text, "the test's edit did not apply"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project_copy, site_dir=site)
    assert result.returncode != 0
    assert re.search(pattern, result.output), result.output
    assert not (site / "model.json").exists()


def test_a_list_item_with_a_colon_in_its_words_is_explained():
    """'- We share: even when the news is bad.' is a field named 'We share' to YAML, not words."""
    from coproduction.datafile import Strict, Text, parse_yaml, validate
    from coproduction.errors import ContentError

    class Items(Strict):
        items: list[Text]
    data, _ = parse_yaml("items:\n  - We share what we know: even when the news is bad.\n", "data/a.yml")
    with pytest.raises(ContentError) as caught:
        validate(Items, data, "data/a.yml", lambda loc: 2)
    assert str(caught.value) == (
        "data/a.yml:2: Field 'items > item 1': these words have ': ' (a colon and a space) in them, which YAML "
        "reads as a field's name. Put the words in double quotes, like: \"Origins: where it began\".")


def test_a_data_file_not_saved_as_utf8_is_named_at_the_line_of_the_first_odd_letter(tmp_path):
    # Windows-1252, as an old editor saves it: the curly apostrophe is one byte, 0x92.
    from coproduction.errors import ContentError
    from coproduction.model import load_quotes
    text = (ROOT / "data" / "quotes.yml").read_text(encoding="utf-8")
    line = text[:text.index("Don't wait")].count("\n") + 1
    path = tmp_path / "quotes.yml"
    path.write_bytes(text.replace("Don't wait", "Don\u2019t wait").encode("cp1252"))
    with pytest.raises(ContentError, match=rf"^data/quotes\.yml:{line}: This file is not saved as UTF-8 text"):
        load_quotes(path, shown_as="data/quotes.yml")


def test_a_tab_in_a_data_file_says_to_use_spaces_at_its_line(tmp_path):
    from coproduction.errors import ContentError
    from coproduction.model import load_quotes
    text = (ROOT / "data" / "quotes.yml").read_text(encoding="utf-8")
    line = text[:text.index("  - text: What matters to you?")].count("\n") + 1
    (tmp_path / "quotes.yml").write_text(text.replace("  - text: What matters to you?", "\t- text: What matters to you?"),
                                         encoding="utf-8")
    with pytest.raises(ContentError, match=rf"^data/quotes\.yml:{line}: The YAML cannot be read: this line has a tab "
                                           r"in it, .* Replace the tab with spaces"):
        load_quotes(tmp_path / "quotes.yml", shown_as="data/quotes.yml")


def test_a_curly_apostrophe_is_a_letter_and_a_quoted_start_gets_single_quotes_round_the_value(tmp_path):
    from coproduction.datafile import curly_quotes_fix
    from coproduction.easy_read import load_easy_read
    from coproduction.errors import ContentError
    # Too long, with an apostrophe (model’s): the length is the problem, not the quotes.
    text = (ROOT / "data" / "easy-read.yml").read_text(encoding="utf-8")
    foot = next(line for line in text.split("\n") if line.startswith("foot: "))
    copy = tmp_path / "easy-read.yml"
    copy.write_text(text.replace(foot, "foot: These easy words are ours, not the model\u2019s own words."),
                    encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_easy_read(copy)
    assert "curly" not in caught.value.problem and "at most 45" in caught.value.problem, str(caught.value)
    # Only the start of the value in curly quotes: straight double quotes would end it there.
    assert curly_quotes_fix("description: \u201cWe said, we did\u201d: how to report back.") == (
        "Put the whole value in straight single quotes ('), like: description: "
        "'\u201cWe said, we did\u201d: how to report back.'")


def test_a_tab_before_a_list_item_in_braces_says_to_use_spaces():
    # libyaml's words for this one do not name the tab ("found character that cannot start any token").
    from coproduction.datafile import parse_yaml
    from coproduction.errors import ContentError
    with pytest.raises(ContentError, match=r"^data/jargon\.yml:3: The YAML cannot be read: this line has a tab"):
        parse_yaml("words:\n  - {word: a, plain: b}\n\t- {word: c, plain: d}\n", "data/jargon.yml")
