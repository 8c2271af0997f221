"""Our Easy Read version: the data file, its rules, and one source for the page, the PDF and model.json.

The PDF is read back with pypdf (its text and tag tree) and pypdfium2 (where each
picture is drawn and at what scale); the page as HTML. Doubt marks are checked
against data/model.yml, and flipped in a project copy built for the purpose.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

import pytest
from pypdf import PdfReader

from conftest import ROOT, run_build, set_value_status
from coproduction.easy_read import (MAX_SENTENCE_WORDS, check_rules, load_easy_read, problems,
                                    verb_groups)
from coproduction.errors import ContentError
from coproduction.model import load_model

DATA = ROOT / "data" / "easy-read.yml"
PDF = "downloads/co-production-model-easy-read.pdf"
PAGE = "easy-read/index.html"
ROW = "Give people a reward for their time and help. A reward is money or a gift."
MM = 25.4 / 72  # millimetres in a PDF point


@pytest.fixture(scope="module")
def easy():
    return load_easy_read(DATA)


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def pdf_lines(path) -> list[list[str]]:
    """Each page's text, line by line, as pypdf reads it."""
    return [page.extract_text().splitlines() for page in PdfReader(path).pages]


def pdf_text(path) -> str:
    return " ".join(" ".join(line.split()) for page in pdf_lines(path) for line in page)


def numbered_labels(html: str) -> list[tuple[str, bool]]:
    """("Value 3", marked) for every value and step label on the page, in order."""
    return [(label, bool(mark)) for label, mark in re.findall(
        r'<span class="easy-read__label">((?:Value|Step) \d)(<sup class="doubt-mark")?', html)]


# --- the data and its rules ---------------------------------------------------------


def test_our_data_keeps_every_easy_read_rule(easy):
    assert check_rules(easy) == []
    rows = [row for section in easy.sections for row in section.rows]
    numbers = {section.part: sorted({row.number for row in section.rows if row.number}) for section in easy.sections}
    assert numbers["values"] == [1, 2, 3, 4, 5] and numbers["steps"] == [1, 2, 3, 4, 5, 6, 7]
    assert all(len(sentence.split()) <= MAX_SENTENCE_WORDS
               for row in rows for sentence in re.split(r"(?<=[.!?])\s+", row.text))
    assert all(row.alt and (ROOT / "docs/assets/images/easy-read" / f"{row.picture}.svg").is_file() for row in rows)
    # Clearly ours, never the model's text, and the pictures say who drew them.
    about = " ".join(row.text for row in easy.sections[0].rows)
    assert "We wrote these easy words ourselves." in about and "The model's own words are on our website." in about
    assert "drawn for this site" in easy.pictures_by


# The six sentences the audit found with more than one verb, and two more.
SEVERAL_VERBS = [
    ("They plan, make and check the service together.", 3),
    ("Everyone owns, understands and supports co-production.", 3),
    ("We value, listen to and respect everyone.", 3),
    ("We speak and write clearly.", 2),
    ("Reward people and thank them for their help.", 2),
    ("Check progress often and tell everyone about it.", 2),
    ("Invite many different people to join in.", 2),
    ("Ask senior leaders to back co-production.", 2),
]


@pytest.mark.parametrize("sentence, verbs", SEVERAL_VERBS)
def test_a_sentence_with_more_than_one_verb_is_refused(sentence, verbs):
    found = problems(sentence, "row")
    assert any(f"has {verbs} verbs" in problem for problem, _ in found), found


@pytest.mark.parametrize("sentence", [
    "Pay people for their time and help.",  # "help" is a noun here
    "A supporter can help you with this.",  # "can help" is one verb
    "Move from “You said, we did” to “We said, we did”.",  # quoted words are not counted
    "People with learning disabilities have not checked this booklet yet.",
    "Help from the health service, social care or your council.",
])
def test_a_sentence_with_one_verb_passes(sentence):
    assert len(verb_groups(sentence)) <= 1, verb_groups(sentence)


@pytest.mark.parametrize("text, words", [
    ("Everyone who uses health and care services should be part of every single plan we ever make.", "17 words"),
    ("The NHS runs this.", "'NHS' is a short form"),
    ("We share power. We share decisions. We share the work.", "more than one idea"),
    ("We share power; we share decisions.", "semicolon"),
    ("We share power", "does not end with a full stop"),
    # The audit's example of a second idea in one row, under one picture.
    ("People who use services work with the staff. Carers and communities join in too.", "a new idea"),
])
def test_each_rule_catches_what_it_should(text, words):
    found = problems(text, "row")
    assert any(words in problem for problem, _ in found), found


def test_a_second_sentence_that_explains_a_word_passes():
    assert problems("We share power with each other. Power means control over plans and services.", "row") == []
    # In the past tense too: the group that made the model no longer has that name.
    assert problems("The group made the model. It was a group of about 50 organisations.", "row") == []
    assert problems("The group made the model. It met in London.", "row") != []
    # Explanations as Easy Read writes them, whatever the verb count makes of them.
    for explained in ("We make a decision. A decision is what we choose.", "We make a decision. This is called a "
                      "decision.", "We want feedback. Feedback is what you think.", "Everyone is fair. Fair means "
                      "everyone gets a say.", "Carers can join. A carer is someone who helps."):
        assert problems(explained, "row") == [], explained


def test_a_sentence_with_three_verbs_stops_loading_with_the_file_and_line(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    bad = tmp_path / "easy-read.yml"
    bad.write_text(text.replace(ROW, "They plan, make and check the service together."), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_easy_read(bad, model_file=ROOT / "data" / "model.yml")
    err = caught.value
    assert err.line == line_of(text, ROW)
    assert "3 verbs (plan, make, check)" in err.problem and "one verb a sentence" in err.problem
    assert "Give each verb its own sentence" in err.fix


def test_a_long_sentence_stops_loading_with_the_file_and_line(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    long = "Pay people for the time and the work they give to everyone in the whole of the team."
    bad = tmp_path / "easy-read.yml"
    bad.write_text(text.replace(ROW, long), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_easy_read(bad, model_file=ROOT / "data" / "model.yml")
    err = caught.value
    assert err.line == line_of(text, ROW)
    assert "18 words" in err.problem and "> rows > item" in err.problem
    assert "Split it into two sentences" in err.fix


def test_a_missing_step_number_is_named_with_its_line(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    bad = tmp_path / "easy-read.yml"
    # Step 4's two rows become step 3's: the steps then skip 4.
    bad.write_text(text.replace("      - number: 4\n        text: Ask", "      - number: 3\n        text: Ask")
                   .replace("      - number: 4\n        text: Senior", "      - number: 3\n        text: Senior"),
                   encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_easy_read(bad, model_file=ROOT / "data" / "model.yml")
    assert "numbered 1 to 7 in order" in caught.value.problem and "3, 3, 3, 3, 5" in caught.value.problem
    assert caught.value.line == line_of(text, "heading: The 7 steps")


def test_a_missing_picture_is_named(tmp_path):
    bad = tmp_path / "easy-read.yml"
    text = DATA.read_text(encoding="utf-8")
    bad.write_text(text.replace("picture: pay\n", "picture: no-such-picture\n"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_easy_read(bad, model_file=ROOT / "data" / "model.yml")
    assert "no-such-picture.svg" in str(caught.value) and caught.value.line == line_of(text, "picture: pay")


def test_an_unused_hard_word_is_refused(tmp_path):
    bad = tmp_path / "easy-read.yml"
    text = DATA.read_text(encoding="utf-8")
    bad.write_text(text.replace("  - word: Staff\n", "  - word: Stakeholders\n"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_easy_read(bad, model_file=ROOT / "data" / "model.yml")
    assert "'Stakeholders' is not used in any row" in caught.value.problem
    assert caught.value.line == line_of(text, "  - word: Staff")


def test_a_sentence_with_two_verbs_fails_the_build_with_the_file_and_line(project_copy, tmp_path):
    data = project_copy / "data" / "easy-read.yml"
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace(ROW, "They plan, make and check the service together."), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project_copy, site_dir=site)
    assert result.returncode != 0
    assert f"data/easy-read.yml:{line_of(text, ROW)}:" in result.output
    assert "3 verbs (plan, make, check)" in result.output
    assert not (site / PDF).exists()


# --- the built page and PDF ------------------------------------------------------


def test_the_built_page_shows_every_row_with_its_picture_and_alt_text(built_site, easy):
    html = (built_site / PAGE).read_text(encoding="utf-8")
    for section in easy.sections:
        for row in section.rows:
            assert re.search(r'<svg class="easy-read__picture"[^>]*role="img" aria-label="'
                             + re.escape(row.alt.replace("'", "&#x27;")) + r'"[^>]*>(<path [^>]*d="[^"]+"\s*/?>(</path>)?)+</svg>'
                             r'<p class="easy-read__text">', html), row.alt
            words = re.sub(r"<[^>]+>", "", html)
            assert row.text.replace("'", "&#x27;") in words or row.text in words, row.text
    assert 'href="../model/"' in html  # the model's own words, after the About section
    # The PDF link comes before the first section, and nothing about the build is on the page.
    assert html.index("co-production-model-easy-read.pdf") < html.index('<h2 id="about-this-booklet"')
    assert "build" not in re.sub(r"<[^>]+>", " ", html[html.index("<h1"):html.index("</article>")]).lower()
    assert re.search(r"<h1[^>]*>[^\n]*Easy&nbsp;Read<", html)  # "Read" never alone on a line


def _doubtful(model, part: str) -> list[int]:
    return [n for n, item in enumerate(getattr(model, part).items, 1) if item.status != "verified"]


def test_values_and_steps_are_numbered_and_marked_as_the_model_is(built_site):
    model = load_model(ROOT / "data" / "model.yml")
    doubtful = {"Value": _doubtful(model, "values"), "Step": _doubtful(model, "steps")}
    assert doubtful["Value"], "the real data has no unverified value left: test the marks with a copy that has one"
    html = (built_site / PAGE).read_text(encoding="utf-8")
    labels = numbered_labels(html)
    assert [label for label, _ in labels] == [f"Value {n}" for n in range(1, 6)] + [f"Step {n}" for n in range(1, 8)]
    for label, marked in labels:
        kind, number = label.split()
        assert marked == (int(number) in doubtful[kind]), label
    easy = load_easy_read(DATA)
    assert re.search(r'<p class="doubt-note"><sup class="doubt-mark"[^>]*>\*</sup> ' + re.escape(
        easy.doubt_note.replace("'", "&#x27;")), html)
    # The Easy Read note, not the site's usual one, in the words a reader sees.
    assert "adapted copy" not in re.sub(r"<[^>]+>", " ", html)
    text = pdf_text(built_site / PDF)
    for kind in ("Value", "Step"):
        for number in range(1, 6 if kind == "Value" else 8):
            marked = int(number) in doubtful[kind]
            assert re.search(rf"\b{kind} {number}( \*)?", text), (kind, number)
            assert (f"{kind} {number} *" in text) == marked, (kind, number)
    # Every page with a mark says what the mark means.
    for number, lines in enumerate(pdf_lines(built_site / PDF), start=1):
        page = " ".join(" ".join(lines).split())
        if re.search(r"(Value|Step) \d \*", page):
            assert f"* {easy.doubt_note}" in page, f"page {number}"


def foot_of_each_page(path, margin_mm: float = 22) -> list[list[tuple[float, float, str]]]:
    """For each page, the text pypdf finds in the bottom margin (below `margin_mm`, easy-read.css's
    margin): (height above the page's foot in mm, size in points as printed, text), left to right."""
    pages = []
    for page in PdfReader(path).pages:
        found = []

        def visit(text, cm, tm, font, size):
            if text.strip():
                a, b, c, d, e, f = tm  # the text matrix times the graphics matrix, as printed
                matrix = [a * cm[0] + b * cm[2], a * cm[1] + b * cm[3], c * cm[0] + d * cm[2],
                          c * cm[1] + d * cm[3], e * cm[0] + f * cm[2] + cm[4], e * cm[1] + f * cm[3] + cm[5]]
                if matrix[5] * MM < margin_mm:
                    found.append((matrix[4], matrix[5] * MM, size * (matrix[2] ** 2 + matrix[3] ** 2) ** 0.5,
                                  text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append([(y, pt, text) for _, y, pt, text in sorted(found)])
    return pages


def test_every_page_s_foot_says_whose_words_these_are_beside_the_page_number(built_site, easy):
    """A reader who picks up any one page can tell the words are ours: the foot of every page has
    data/easy-read.yml's `foot` line and the page number, side by side on one line, at 14 pt or more."""
    assert "ours" in easy.foot and "model" in easy.foot
    feet = foot_of_each_page(built_site / PDF)
    assert len(feet) > 1
    for number, foot in enumerate(feet, start=1):
        assert [text for _, _, text in foot] == [easy.foot, f"Page {number} of {len(feet)}"], f"page {number}"
        (left_y, left_pt, _), (right_y, right_pt, _) = foot
        assert abs(left_y - right_y) < 1, f"page {number}: not on one line"
        assert min(left_pt, right_pt) >= 14, f"page {number}"


def test_the_marks_and_an_edited_row_follow_the_data(project_copy, tmp_path):
    """Values 3 to 5 verified and value 1 not: the marks move on the page, in the PDF
    and in model.json; an edited row reaches all three."""
    for number in (3, 4, 5):
        set_value_status(project_copy, number, "verified")
    set_value_status(project_copy, 1, "partly")
    data = project_copy / "data" / "easy-read.yml"
    new = "Pay people for their time and work."
    data.write_text(data.read_text(encoding="utf-8").replace(ROW, new), encoding="utf-8")
    site = tmp_path / "site"
    result = run_build(project_copy, site_dir=site)
    assert result.returncode == 0, result.output
    html = (site / PAGE).read_text(encoding="utf-8")
    marked = [label for label, mark in numbered_labels(html) if mark]
    assert marked == ["Value 1"]
    text = pdf_text(site / PDF)
    assert "Value 1 *" in text and not re.search(r"Value [2-5] \*", text)
    assert new in html and ROW not in html and new in text and ROW not in text
    easy_json = json.loads((site / "model.json").read_text(encoding="utf-8"))["easy_read"]
    assert easy_json["doubtful"] == {"values": [1], "steps": []}
    assert new in [row["text"] for section in easy_json["sections"] for row in section["rows"]]


def test_the_real_model_json_carries_the_easy_read_doubt(built_site):
    model = load_model(ROOT / "data" / "model.yml")
    easy_json = json.loads((built_site / "model.json").read_text(encoding="utf-8"))["easy_read"]
    assert easy_json["doubtful"] == {"values": _doubtful(model, "values"), "steps": _doubtful(model, "steps")}


def _figures(reader: PdfReader) -> list[tuple[str, int, set[int]]]:
    """(alt text, page index, marked-content ids) of every Figure in the tag tree."""
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    found = []

    def walk(node):
        node = node.get_object()
        if not isinstance(node, dict):
            return
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        if node.get("/S") == "/Figure":
            found.append((str(node["/Alt"]), pages[node.raw_get("/Pg").idnum],
                          {int(k) for k in kids if isinstance(k, int)}))
            return
        for kid in kids:
            walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_every_picture_in_the_pdf_is_at_least_35_mm_wide(built_site, easy):
    """Each picture's width as drawn: the scale of its shapes (their matrix, read with
    pypdfium2) times the width of the drawing's own viewBox."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    path = built_site / PDF
    figures = _figures(PdfReader(path))
    rows = [row for section in easy.sections for row in section.rows]
    assert [alt for alt, _, _ in figures] == [row.alt for row in rows]
    document = pdfium.PdfDocument(path)
    for (alt, page, ids), row in zip(figures, rows):
        view_box = ElementTree.parse(ROOT / "docs/assets/images/easy-read" / f"{row.picture}.svg").getroot().get("viewBox")
        box_width = float(view_box.split()[2])
        shapes = [obj for obj in document[page].get_objects(max_depth=1)
                  if raw.FPDFPageObj_GetMarkedContentID(obj.raw) in ids and obj.type == raw.FPDF_PAGEOBJ_PATH]
        assert shapes, alt
        scales = {round(abs(obj.get_matrix().a), 4) for obj in shapes}
        assert len(scales) == 1, (alt, scales)
        width_mm = scales.pop() * box_width * MM
        assert width_mm >= 35, f"'{alt}' is {width_mm:.1f} mm wide"
        left = min(obj.get_bounds()[0] for obj in shapes) * MM
        right = max(obj.get_bounds()[2] for obj in shapes) * MM
        assert right - left <= width_mm + 3.5, alt  # drawn inside its own box (3.5: the line width)


def test_no_word_is_split_across_two_lines_in_the_pdf(built_site):
    for number, lines in enumerate(pdf_lines(built_site / PDF), start=1):
        for line, after in zip(lines, lines[1:]):
            assert not (re.search(r"\w-$", line.rstrip()) and re.match(r"\s*\w", after)), \
                f"page {number}: '{line}' / '{after}'"


def test_each_section_starts_a_page_and_the_opening_is_a_plain_row(built_site, easy):
    pages = pdf_lines(built_site / PDF)
    starts = [lines[0].strip() for lines in pages]
    # The title, then the About section's heading and its first row: no block about the version.
    first = " ".join(" ".join(pages[0]).split())
    opening = f"{easy.title} {easy.sections[0].heading} {easy.sections[0].rows[0].text}"
    assert first.startswith(opening), first[:200]
    for section in easy.sections[1:]:
        assert section.heading in starts, f"'{section.heading}' does not start a page"
    assert "Hard words" in starts


def test_hard_words_are_in_bold_where_first_used_after_a_note_that_says_so(built_site):
    # The order a reader meets them, worked out by hand from data/easy-read.yml (the first section,
    # which fills the PDF's first page, has none in bold: the note opens the second).
    first = ["co-production", "staff", "equals", "services", "carers", "communities", "partners",
             "lived experience"]
    note = "Hard words are in bold. Find them in the hard words list at the end."
    html = (built_site / PAGE).read_text(encoding="utf-8")
    rows = html[html.index('<h2 id="what-co-production-means"'):]
    bold = [re.sub(r"<[^>]+>", "", words).lower() for words in re.findall(r"<strong>(.*?)</strong>", rows)]
    assert bold[:len(first)] == first and len(bold) == len(set(bold)), bold
    assert note in rows[:rows.index("<strong>")]
    assert "<strong>" not in html[:html.index('<h2 id="what-co-production-means"')].split('<h2 id="about-this-booklet"')[1]
    # In the PDF: the same words in the bold face, on the page that opens with the note.
    page = next(page for page in PdfReader(built_site / PDF).pages if note in page.extract_text())
    runs = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: runs.append(
        (text.strip().lower(), "Bold" in str(font.get("/BaseFont", "")) if font else False)))
    bold_runs = [text for text, is_bold in runs if is_bold and text]
    for word in ("staff", "equals", "carers", "partners"):
        assert any(word in text for text in bold_runs), (word, bold_runs)
    assert not any("people" in text for text in bold_runs)
