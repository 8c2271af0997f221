"""The self-assessment: its data file, the page built from it, and its size.

The browser side (scores, saving, forgetting, no JavaScript) is in
tests/browser/test_self_assessment.py.
"""
from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, run_build
from coproduction.errors import ContentError
from coproduction.self_assessment import FILE_FORMAT, FILE_VERSION, load_self_assessment

DATA = ROOT / "data" / "self-assessment.yml"
DOCS = ROOT / "docs"
OWN_ASSETS = [DOCS / "assets" / "javascripts" / "self-assessment.js",
              DOCS / "assets" / "stylesheets" / "self-assessment.css"]
# Sent gzipped, as every web server here does; loaded on the self-assessment page only.
SIZE_LIMIT = 14 * 1024


@pytest.fixture(scope="module")
def assessment():
    return load_self_assessment(DATA, docs_dir=DOCS)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower())


# --- The data file ----------------------------------------------------------


def test_every_value_and_step_has_a_few_statements():
    # Read with PyYAML alone: the schema that checks these counts is tested just below.
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    assert (len(raw["values"]), len(raw["steps"])) == (5, 7)
    for group in raw["values"] + raw["steps"]:
        assert 2 <= len(group["statements"]) <= 5, group
    assert raw["scale"][0]["label"] == "Not yet"


@pytest.mark.parametrize("count", [1, 6])
def test_a_group_with_fewer_than_two_or_more_than_five_statements_is_refused(tmp_path, count):
    # The file's own header promises "two to five things a team can say about itself".
    def resize(d):
        d["values"][2]["statements"] = [f"We check number {n} with the people who use it." for n in range(count)]
    path = write_broken(tmp_path, resize)
    with pytest.raises(ContentError) as caught:
        load_self_assessment(path)
    assert "values > item 3 > statements" in str(caught.value)
    assert caught.value.line in (line_containing(path, "number 0") - 1, line_containing(path, "number 0"))


def test_statements_are_our_words_not_the_models(assessment, model):
    """The page quotes the model from data/model.yml; the statements must not retype it."""
    def runs(text, n=5):
        w = words(text)
        return {" ".join(w[i:i + n]) for i in range(len(w) - n + 1)}

    model_runs = set().union(*(runs(t) for t in model.quoted_texts()))
    for statement in assessment.statements():
        assert not runs(statement) & model_runs, statement
        assert statement not in model.quoted_texts()


def test_statements_are_short_sentences(assessment):
    for statement in assessment.statements():
        assert len(words(statement)) <= 15, statement
        assert statement.endswith("."), statement


def test_statements_pass_the_plain_english_gate(assessment, model):
    from coproduction.readability import Thresholds, check_text, load_jargon

    gate = Thresholds(min_flesch_reading_ease=60, max_smog=11, max_average_sentence_words=20)
    text = "\n\n".join(assessment.statements() + [f"{name}." for name in model.short_names.values + model.short_names.steps])
    result = check_text(text, gate, jargon=load_jargon(ROOT / "data" / "jargon.yml"),
                        name="data/self-assessment.yml")
    assert result.passed, result.advice
    assert result.scores.sentences == len(assessment.statements()) + 12
    assert result.scores.flesch_reading_ease >= 60
    assert result.scores.smog <= 11
    assert result.scores.average_sentence_words <= 20
    # Words the model itself uses ("co-production", step 7's "Review") are not ours to replace
    # (the build's advice leaves them out too); any other plainer-word hit is a fault.
    model_words = (ROOT / "data" / "model.yml").read_text(encoding="utf-8").lower()
    assert [hit.word for hit in result.jargon if hit.word.lower() not in model_words] == [], result.advice


# --- Mistakes in the data file ---------------------------------------------


def write_broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "self-assessment.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def line_containing(path: Path, fragment: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if fragment in line)


def test_a_missing_value_names_the_file_and_line(tmp_path):
    path = write_broken(tmp_path, lambda d: d["values"].pop())
    with pytest.raises(ContentError) as caught:
        load_self_assessment(path)
    assert caught.value.file == str(path)
    # The list's own line, or its first item's: either takes you straight there.
    assert caught.value.line in (line_containing(path, "values:"), line_containing(path, "values:") + 1)
    assert "expected exactly 5 items but found 4" in str(caught.value)


def test_a_repeated_statement_is_refused(tmp_path):
    def repeat(d):
        d["steps"][6]["statements"][2] = d["values"][0]["statements"][0]
    with pytest.raises(ContentError, match="appears twice"):
        load_self_assessment(write_broken(tmp_path, repeat))


def test_a_scale_that_does_not_count_from_zero_is_refused(tmp_path):
    def skip(d):
        d["scale"][1]["points"] = 5
    with pytest.raises(ContentError, match="count up from 0"):
        load_self_assessment(write_broken(tmp_path, skip))


def test_an_empty_statement_names_its_line(tmp_path):
    def empty(d):
        d["steps"][3]["statements"][1] = ""
    path = write_broken(tmp_path, empty)
    with pytest.raises(ContentError) as caught:
        load_self_assessment(path)
    assert "steps > item 4 > statements > item 2" in str(caught.value)
    assert caught.value.line == line_containing(path, "- ''")


def test_a_guide_that_does_not_exist_names_its_line(tmp_path):
    def wrong(d):
        d["steps"][1]["guide"] = "guides/no-such-page.md"
    path = write_broken(tmp_path, wrong)
    load_self_assessment(path)  # the shape is fine...
    with pytest.raises(ContentError) as caught:  # ...but the page is missing
        load_self_assessment(path, docs_dir=DOCS)
    assert "guides/no-such-page.md" in str(caught.value)
    assert caught.value.line == line_containing(path, "no-such-page")


def test_the_build_stops_with_the_file_and_line(project_copy):
    data = project_copy / "data" / "self-assessment.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace("guide: guides/step-3-learn-together.md", "guide: guides/step-3.md"),
                    encoding="utf-8")
    line = line_containing(data, "guides/step-3.md")
    result = run_build(project_copy)
    assert result.returncode != 0
    assert f"data/self-assessment.yml:{line}:" in result.output
    assert "guides/step-3.md" in result.output


# --- The built page -----------------------------------------------------------


class FormParser(HTMLParser):
    """The self-assessment block: fieldsets, legends, radios, links and attributes."""

    def __init__(self):
        super().__init__()
        self.depth = 0          # depth inside <div id="self-assessment">, 0 when outside
        self.areas: list[dict] = []
        self.statements: list[dict] = []
        self.attributes: list[tuple[str, dict]] = []
        self.scripts: list[dict] = []
        self.guides: list[dict] = []
        self._legend: list[str] | None = None
        self._label: list[str] | None = None
        self._stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        if attrs.get("id") == "self-assessment":
            self.depth = 1
        elif self.depth:
            self.depth += tag not in ("input", "br", "img")
        if not self.depth:
            return
        self.attributes.append((tag, attrs))
        if tag == "fieldset":
            self._stack.append(attrs.get("class", ""))
            if "sa-area" in attrs.get("class", ""):
                self.areas.append({**attrs, "legend": ""})
            else:
                self.statements.append({"legend": "", "radios": [], "labels": []})
        elif tag == "legend":
            self._legend = []
        elif tag == "label" and self._stack and self._stack[-1] == "sa-statement":
            self._label = []
        elif tag == "input" and attrs.get("type") == "radio":
            self.statements[-1]["radios"].append(attrs)
        elif tag == "li" and "data-area" in attrs:
            self.guides.append(dict(attrs))
        elif tag == "a" and self.guides and "href" not in self.guides[-1]:
            self.guides[-1]["href"] = attrs["href"]

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "legend":
            text = re.sub(r"\s+", " ", "".join(self._legend)).strip()
            target = self.statements[-1] if self._stack[-1] == "sa-statement" else self.areas[-1]
            target["legend"] = text
            self._legend = None
        elif tag == "label" and self._label is not None:
            self.statements[-1]["labels"].append("".join(self._label).strip())
            self._label = None
        elif tag == "fieldset":
            self._stack.pop()
        self.depth -= 1

    def handle_data(self, data):
        for buffer in (self._legend, self._label):
            if buffer is not None:
                buffer.append(data)


@pytest.fixture(scope="module")
def page_html(built_site):
    return (built_site / "self-assessment" / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def form(page_html):
    parser = FormParser()
    parser.feed(page_html)
    return parser


def test_one_fieldset_per_area_with_the_models_words(form, assessment):
    raw = yaml.safe_load((ROOT / "data" / "model.yml").read_text(encoding="utf-8"))
    model_words = [v["text"] for v in raw["values"]["items"]] + [s["text"] for s in raw["steps"]["items"]]
    # Named by our short name from data/model.yml, as on every other page.
    titles = ([f"Value {n}: {name}" for n, name in enumerate(raw["short_names"]["values"], 1)]
              + [f"Step {n}: {name}" for n, name in enumerate(raw["short_names"]["steps"], 1)])
    assert len(form.areas) == len(titles) == 12
    for area, found, title, words_ in zip(assessment.areas(), form.areas, titles, model_words):
        assert found["data-area"] == area.id
        assert found["legend"].startswith(title)
        assert words_ in found["legend"]


def test_every_statement_is_a_labelled_radio_group(form, assessment):
    labels = [answer.label for answer in assessment.scale]
    assert [s["legend"] for s in form.statements] == assessment.statements()
    names = [sid for area in assessment.areas() for sid in area.statement_ids()]
    for statement, name in zip(form.statements, names):
        assert statement["labels"] == labels
        assert [r["name"] for r in statement["radios"]] == [name] * len(labels)
        assert [r["value"] for r in statement["radios"]] == [str(a.points) for a in assessment.scale]


def test_guide_links_point_at_built_pages(form, assessment, built_site):
    """The build writes each area's guide link as a real link (checked like every link on a page);
    the script copies those and makes no link of its own out of a data-* value."""
    page_dir = built_site / "self-assessment"
    assert [a for a in form.areas if any(k.startswith("data-") and k.endswith(("guide", "href", "url")) for k in a)] == []
    assert [item["data-area"] for item in form.guides] == [area.id for area in assessment.areas()]
    for area, found in zip(assessment.areas(), form.guides):
        url, _, anchor = found["href"].partition("#")
        assert not url.startswith(("/", "http")), "links must be relative, for hosting in a sub-folder"
        target = (page_dir / url / "index.html").resolve()
        assert target.is_file(), f"{area.title}: {found['href']} is not a page"
        source = area.group.guide.split("#")[0].removesuffix(".md")
        assert target == (built_site / source / "index.html").resolve()
        if anchor:
            html = target.read_text(encoding="utf-8")
            assert f'id="{anchor}"' in html, f"{target.relative_to(built_site)} has no #{anchor}"


def test_the_page_says_which_file_format_it_saves(form):
    root = next(attrs for tag, attrs in form.attributes if attrs.get("id") == "self-assessment")
    assert (root["data-file-format"], root["data-file-version"]) == (FILE_FORMAT, str(FILE_VERSION))


def test_no_inline_script_style_or_event_handlers(form, page_html):
    """The content security policy allows only files from this site: no inline code."""
    for tag, attrs in form.attributes:
        assert "style" not in attrs, tag
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert tag != "script"
    own = [s for s in form.scripts if "self-assessment" in s.get("src", "")]
    assert own == [{"src": "../assets/javascripts/self-assessment.js"}]
    assert '<link rel="stylesheet" href="../assets/stylesheets/self-assessment.css">' in page_html


def test_the_script_and_stylesheet_are_only_on_this_page(built_site):
    other = (built_site / "model" / "index.html").read_text(encoding="utf-8")
    assert "self-assessment.js" not in other and "self-assessment.css" not in other


def test_own_script_and_styles_are_under_14_kb_gzipped(built_site):
    sizes = {path.name: len(gzip.compress(path.read_bytes(), 9)) for path in OWN_ASSETS}
    assert sum(sizes.values()) < SIZE_LIMIT, sizes
    # The built site serves the very same files.
    for path in OWN_ASSETS:
        built = built_site / path.relative_to(DOCS)
        assert built.read_bytes() == path.read_bytes()
