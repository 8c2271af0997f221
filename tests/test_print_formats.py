"""The Easy Read and large-print PDFs, read back with pypdf from a real build.

Each page's smallest text is measured from the PDF itself (font size times the
text and graphics matrices), so page numbers and labels count too.
"""
from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

from conftest import IGNORED, ROOT
from coproduction import pdf as print_kit
from coproduction.easy_read import load_easy_read
from coproduction.errors import ContentError
from coproduction.model import load_model


@dataclass(frozen=True)
class Limits:
    min_text_pt: float
    max_pages: int


# The rules from the sources (see docs/downloads.md): Easy Read 14 pt and 24 pages
# at most (GOV.UK); large print 16 pt (UKAAF). mkdocs.yml must ask for these.
PDFS = {"easy-read": (Limits(14, 24), "downloads/co-production-model-easy-read.pdf"),
        "large-print": (Limits(16, 12), "downloads/co-production-model-large-print.pdf")}


def _multiply(m, n):
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
            m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
            m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]]


def smallest_text_pt(page) -> tuple[float, str]:
    """The smallest text on a page, in points as printed, and the words set in it."""
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            matrix = _multiply(tm, cm)
            sizes.append((size * math.hypot(matrix[2], matrix[3]), text.strip()[:30]))

    page.extract_text(visitor_text=visit)
    return min(sizes)


def structure(reader: PdfReader) -> list[tuple[str, object]]:
    """Every element of the tag tree as (type, alt text), in order."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, dict):
            if "/S" in node:
                found.append((str(node["/S"]), node.get("/Alt")))
            kids = node.get("/K")
            for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
                kid = kid.get_object() if hasattr(kid, "get_object") else kid
                if isinstance(kid, dict):
                    walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


@pytest.fixture(scope="module", params=list(PDFS))
def pdf(request, built_site):
    fmt, path = PDFS[request.param]
    return fmt, PdfReader(built_site / path)


def test_every_page_is_a4_and_within_the_page_limit(pdf):
    fmt, reader = pdf
    assert 1 <= len(reader.pages) <= fmt.max_pages
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_no_text_on_any_page_is_under_the_formats_smallest_size(pdf):
    fmt, reader = pdf
    for number, page in enumerate(reader.pages, start=1):
        size, words = smallest_text_pt(page)
        assert size >= fmt.min_text_pt - 0.01, f"page {number}: '{words}' is {size:.2f} pt"
        assert f"Page {number} of {len(reader.pages)}" in page.extract_text()


def test_tagged_in_british_english_with_every_font_embedded(pdf):
    fmt, reader = pdf
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)["/FontDescriptor"]
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            assert "Italic" not in font["/BaseFont"]  # no italics in either format


def test_every_easy_read_picture_is_a_figure_with_its_alt_text(built_site):
    easy = load_easy_read(ROOT / "data" / "easy-read.yml")
    reader = PdfReader(built_site / PDFS["easy-read"][1])
    figures = [alt for kind, alt in structure(reader) if kind == "/Figure"]
    assert figures == [row.alt for section in easy.sections for row in section.rows]
    kinds = [kind for kind, _ in structure(reader)]
    assert kinds.count("/H1") == 1 and kinds.count("/H2") == len(easy.sections) + 1  # + hard words


def test_every_easy_read_line_holds_as_many_words_as_fit(built_site):
    """A line of an Easy Read row ends only where the next word would not fit: never "The" alone above
    "7 steps are actions...". Words and lines are read back with their boxes (pdftotext -bbox-layout).
    A label ("Step 1") is a line of its own, and a short quotation ("“We said, we did”") is one word."""
    from lxml import etree

    out = subprocess.run(["pdftotext", "-bbox-layout", str(built_site / PDFS["easy-read"][1]), "-"],
                         capture_output=True, check=True).stdout
    xhtml = {"x": "http://www.w3.org/1999/xhtml"}
    document = etree.fromstring(out, etree.XMLParser(recover=True))
    right = max(float(line.get("xMax")) for line in document.iterfind(".//x:line", xhtml))  # the text's right edge
    checked = 0
    for number, page in enumerate(document.iterfind(".//x:page", xhtml), 1):
        for block in page.iterfind(".//x:block", xhtml):
            if float(block.get("xMin")) < float(page.get("width")) / 4:
                continue  # headings, notes and the hard words: the rows' words are right of their pictures
            lines = [[(float(word.get("xMin")), float(word.get("xMax")), word.text) for word in line.iterfind("x:word", xhtml)]
                     for line in block.iterfind("x:line", xhtml)]
            for line, following in zip(lines, lines[1:]):
                text = " ".join(word for _, _, word in line)
                if re.fullmatch(r"(Value|Step) \d+( \*)?", text):
                    continue
                words = following[:1]
                if words[0][2].startswith("“"):  # a quotation is kept whole: up to its closing mark
                    words = following[:next(i for i, (_, _, word) in enumerate(following) if "”" in word) + 1]
                space = following[1][0] - following[0][1] if len(following) > 1 else 5.0
                needed = space + words[-1][1] - words[0][0]
                assert needed > right - line[-1][1] - 1, (number, text, following[0][2])
                checked += 1
    assert checked > 30, "the PDF's rows came back without their lines"


def test_large_print_tags_headings_and_lists_and_marks_unverified_lines(built_site):
    model = load_model(ROOT / "data" / "model.yml")
    reader = PdfReader(built_site / PDFS["large-print"][1])
    kinds = [kind for kind, _ in structure(reader)]
    assert kinds.count("/H1") == 1 and kinds.count("/H2") >= 3
    # WeasyPrint starts a new list tag on each page a list runs onto, so count the items.
    assert kinds.count("/L") >= 2 and kinds.count("/LI") == kinds.count("/Lbl") == 12
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    items = [model.definition, model.values.lead_in, model.steps.lead_in, *model.values.items, *model.steps.items]
    unverified = [item for item in items if item.status != "verified"]
    assert len(unverified) > 0
    for item in items:
        words = " ".join(item.text.split())
        assert words in text.replace("- ", "-")
        # The same doubt mark as the other formats, straight after the words that are not verified.
        marked = re.search(re.escape(words) + r"\s?\*", text.replace("- ", "-")) is not None
        assert marked == (item.status != "verified"), words
    assert " ".join(model.doubt_summary.split()) in text


def test_large_print_says_what_the_star_means_on_every_page_that_has_one(built_site):
    """A reader who meets a star (*) on a page finds what it means on that page, not two pages on."""
    model = load_model(ROOT / "data" / "model.yml")
    note = " ".join(model.doubt_summary.split())
    pages = [" ".join(page.extract_text().split()).replace("- ", "-")
             for page in PdfReader(built_site / PDFS["large-print"][1]).pages]
    starred = [number for number, text in enumerate(pages, 1) if "*" in text.replace(note, "")]
    assert starred, "the test needs a page with a star: the data has an unverified line"
    for number in starred:
        assert note in pages[number - 1], f"page {number} has a star but not what it means"


def test_no_large_print_page_but_the_last_is_left_partly_empty(built_site):
    """A page that stops well short of its foot looks like the end, or a mistake (a reader took page 2
    for half blank). On every page but the last, the gap between the last line of text and the foot's
    first line (pypdf's baselines) is under an eighth of the page. A heading with the two lines kept
    with it needs about 42 mm, so a longer text may need the spacing in print/large-print.css tuned."""
    mm = 72 / 25.4
    reader = PdfReader(built_site / PDFS["large-print"][1])
    assert 2 <= len(reader.pages) <= 4  # the model fits four pages of large print
    for number, page in enumerate(reader.pages[:-1], 1):
        lines = []
        page.extract_text(visitor_text=lambda text, cm, tm, font, size: lines.append(
            (tm[5] * cm[3] + cm[5], text.strip())) if text.strip() else None)
        foot = max(y for y, text in lines if text.startswith("Names in bold"))
        last = min(y for y, text in lines if y > foot + 1)
        assert (last - foot) / mm < float(page.mediabox.height) / mm / 8, (number, round((last - foot) / mm, 1))


def test_the_download_page_lists_every_format_with_pages_and_size(built_site):
    html = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    for fmt, path in PDFS.values():
        reader = PdfReader(built_site / path)
        pages = len(reader.pages)
        assert f"{pages} pages" in html or (pages == 1 and "1 page" in html)
        assert path.rsplit("/", 1)[-1] in html and path.replace(".pdf", ".png").rsplit("/", 1)[-1] in html
    assert "co-production-model-a4.pdf" in html


def _copy(tmp_path, name):
    target = tmp_path / name
    shutil.copytree(ROOT, target, ignore=IGNORED)
    return target


def test_same_bytes_from_two_folders_and_the_cache_is_used(tmp_path, built_site):
    # One folder is the checkout, rendered by the tests' build (built_site); the other a
    # copy at another depth, rendered from scratch by `coproduction print`, then again.
    made = {name: {(built_site / path).read_bytes()} for name, (_, path) in PDFS.items()}
    for root in (_copy(tmp_path / "deeper", "two"),):
        for run in ("first", "again"):
            out = root / f"out-{run}"
            result = subprocess.run([sys.executable, "-m", "coproduction", "print", "--out", str(out)],
                                    cwd=root, capture_output=True, text=True, timeout=300)
            assert result.returncode == 0, result.stdout + result.stderr
            if run == "again":  # nothing changed, so nothing is rendered again
                assert result.stdout.count("(unchanged, from the cache)") == len(result.stdout.splitlines())
            for name, (_, path) in PDFS.items():
                made.setdefault(name, set()).add((out / path).read_bytes())
    assert all(len(versions) == 1 for versions in made.values())


def test_text_under_the_smallest_size_stops_the_render(tmp_path):
    root = _copy(tmp_path, "project")
    css = root / "print" / "large-print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.doubt-note { font-size: 12pt; }\n", encoding="utf-8")
    document = print_kit.Document(
        name="large-print", title="The large-print model", template=root / "print" / "large-print.html",
        stylesheet=css, data_file=root / "data" / "model.yml", output=PDFS["large-print"][1],
        preview="downloads/x.png", max_pages=12, min_text_pt=16, site_url="https://example.org/", root=root)
    with pytest.raises(ContentError) as caught:
        print_kit.render_pdf(document, load_model(document.data_file))
    assert "Text is 12.0 pt" in str(caught.value) and "16 pt or more" in str(caught.value)
    assert caught.value.file == "print/large-print.css"


def test_mkdocs_yml_asks_for_the_limits_the_sources_give():
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name, (limits, path) in PDFS.items():
        block = text[text.index(f"- name: {name}"):]
        block = block[:block.index("min_text_pt")+20]
        assert f"output: {path}" in block
        assert f"max_pages: {limits.max_pages}" in block and f"min_text_pt: {limits.min_text_pt:g}" in block


def _text_pt_by_amount(reader: PdfReader) -> Counter:
    """How many characters are set at each size (in points as printed, to the half point)."""
    amounts = Counter()

    def visit(text, cm, tm, font, size):
        if text.strip():
            matrix = _multiply(tm, cm)
            amounts[round(2 * size * math.hypot(matrix[2], matrix[3])) / 2] += len(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return amounts


def test_the_download_page_states_each_formats_real_type_size(built_site):
    from macros.easy_read import DOWNLOADS

    outputs = {"model-a4": "downloads/co-production-model-a4.pdf",
               "poster-a3": "downloads/co-production-model-poster-a3.pdf", **{k: v for k, (_, v) in PDFS.items()}}
    assert set(DOWNLOADS) == set(outputs)  # every PDF of the print kit has its card
    for name, (_, what, _) in DOWNLOADS.items():
        stated = float(re.search(r"at (\d+(?:\.\d)?) point", what).group(1))
        amounts = _text_pt_by_amount(PdfReader(built_site / outputs[name]))
        if "or more" in what:
            assert min(amounts) >= stated, (name, amounts)
        else:  # the size most of the words are set in
            assert amounts.most_common(1)[0][0] == stated, (name, amounts.most_common(3))


# --- what is C4CC's and what is ours (issue 31) ---


def test_large_print_says_whose_words_and_never_word_for_word_while_a_line_is_unchecked(built_site):
    model = load_model(ROOT / "data" / "model.yml")
    reader = PdfReader(built_site / PDFS["large-print"][1])
    assert model.doubtful(), "the test needs an unverified line in the data"
    info = reader.metadata
    about = f"{info.title} {info.subject} {info.get('/Keywords', '')}".lower()
    assert "word for word" not in about
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    text = " ".join(pages)
    assert "word for word" not in text.lower()
    assert "The short names and the layout are this website's, not C4CC's." in text
    # Every page says it, at its foot: a page of bold names and the model's words, picked up alone, says whose.
    assert len(pages) > 1
    for number, page in enumerate(pages, 1):
        assert "Names in bold are this website's, not C4CC's. The words under them are the model's." in page, number


def test_model_json_says_whose_words_are_whose_and_which_are_unchecked(built_site):
    import json

    model = load_model(ROOT / "data" / "model.yml")
    data = json.loads((built_site / "model.json").read_text(encoding="utf-8"))
    whose = data["whose_words"]
    assert whose["model_by"] == model.credit.organisation
    assert whose["short_names_by"] == "this project"
    assert whose["unverified"] == ["value 3", "value 4", "value 5"]  # model.md: values 3 to 5 are PARTLY
    assert "not C4CC's" in whose["statement"] and "short names" in whose["statement"]
    assert "Easy Read version" in whose["statement"]  # model.json carries our Easy Read version too
    # Fields are only added: the published ones stay as they were.
    assert {"title", "definition", "values", "steps", "short_names", "doubt_summary", "easy_read"} <= set(data)


def test_the_poster_says_whose_words_once_under_the_values_and_above_the_steps(built_site):
    """A photo of the poster's strip of values, our names in big bold letters, still says whose they
    are; and the poster says it once, not twice (a reader took the second for a mistake)."""
    text = " ".join(PdfReader(built_site / "downloads/co-production-model-poster-a3.pdf").pages[0].extract_text().split())
    values, steps = text.index("Everyone is valued"), text.index("Seven steps")
    whose = "The short names and the layout are this website's, not C4CC's. The words under each name are the model's own."
    assert text.count(whose) == 1, text
    assert values < text.index(whose) < steps, text
    assert text.count("not C4CC's") == 1, text  # no second statement, in other words
    assert "Names in bold" not in text


@pytest.mark.parametrize("path", ["downloads/co-production-model-a4.pdf", "downloads/co-production-model-poster-a3.pdf",
                                  PDFS["large-print"][1]], ids=["a4", "poster", "large-print"])
def test_no_hyphenated_word_is_split_across_two_lines(built_site, path):
    """"co-" at the end of a line and "production" on the next is hard to read from
    across a room, in large print or on a busy A4 page: hyphenated words stay whole (.whole in the
    stylesheets). Each line of the page is one line of the extracted text."""
    text = "\n".join(page.extract_text() for page in PdfReader(built_site / path).pages)
    assert text.count("\n") > 40, "the text came back without its lines"
    assert "co-production" in text.lower()
    assert not re.findall(r"\w+-\n\w+", text)
