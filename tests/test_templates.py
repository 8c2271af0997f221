"""Templates to fill in (docs/templates/, coproduction/office.py): each page is also a Word
(DOCX) and an OpenDocument (ODT) file, made by pandoc during the build.

Every file is read back with a library other than the one that wrote it: python-docx
for DOCX, odfdo for ODT. What each file should hold is worked out here from the
page's Markdown and the built web page, not with the code under test.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from lxml import etree
from odfdo import Document as OdfDocument

from conftest import ROOT, run_build

TEMPLATES = sorted(p for p in (ROOT / "docs" / "templates").glob("*.md") if p.name != "index.md")
NAMES = [p.stem for p in TEMPLATES]
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def markdown_headings(name: str) -> list[tuple[int, str]]:
    text = (ROOT / "docs" / "templates" / f"{name}.md").read_text(encoding="utf-8")
    return [(len(m.group(1)), m.group(2).strip()) for m in re.finditer(r"^(#{1,6}) (.+)$", text, re.MULTILINE)]


def markdown_table_count(name: str) -> int:
    text = (ROOT / "docs" / "templates" / f"{name}.md").read_text(encoding="utf-8")
    return len(re.findall(r"^\|(?:\s*:?-+:?\s*\|)+\s*$", text, re.MULTILINE))


class _PageText(HTMLParser):
    """The words of a page's article, block by block, without the heading links (¶)
    without the download links (the files do not link to themselves), without the
    "Suggest a change" link that every page has, and without the page's foot (its
    review dates and feedback link), which the files leave out."""
    BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th"}

    def __init__(self):
        super().__init__()
        self.blocks, self.current, self.depth, self.skip, self.in_article = [], [], 0, 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self.in_article = True
        if not self.in_article:
            return
        classes = (attrs.get("class") or "").split()
        if "page-review" in classes:  # the page's foot (review dates, feedback link): not in the files
            self._flush()
            self.in_article = False
            return
        if self.skip or {"headerlink", "template-download", "cp-suggest"} & set(classes):
            self.skip += 1
        if tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "article":
            self._flush()
            self.in_article = False
        if self.skip and tag in ("a", "p", "span"):  # span: a download link's words for screen readers
            self.skip -= 1
        if tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data):
        if self.in_article and not self.skip:
            self.current.append(data)

    def _flush(self):
        text = "".join(self.current).strip()
        if text:
            self.blocks.append(text)
        self.current = []


def words(blocks: list[str]) -> list[str]:
    return " ".join(blocks).split()


def page_words(site: Path, name: str) -> list[str]:
    parser = _PageText()
    parser.feed((site / "templates" / name / "index.html").read_text(encoding="utf-8"))
    return words(parser.blocks)


def docx_blocks(path: Path) -> list[str]:
    """Paragraphs and table cells in the order they come in the document."""
    document = docx.Document(str(path))
    blocks = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            blocks.append(docx.text.paragraph.Paragraph(element, document).text)
        elif element.tag == qn("w:tbl"):
            table = docx.table.Table(element, document)
            blocks.extend(cell.text for row in table.rows for cell in row.cells)
    return blocks


def odt_blocks(path: Path) -> list[str]:
    """Headings and paragraphs (in lists and table cells too), in order: their text only."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("content.xml"))
    return ["".join(element.itertext()) for element in root.iter(f"{{{TEXT}}}h", f"{{{TEXT}}}p")]


@pytest.fixture(scope="module")
def downloads(built_site) -> Path:
    return built_site / "downloads" / "templates"


def test_the_five_templates_are_there():
    assert set(NAMES) == {"terms-of-reference", "role-description", "payment-and-expenses-agreement",
                          "we-said-we-did", "meeting-plan"}


@pytest.mark.parametrize("name", NAMES)
def test_docx_has_heading_styles_tables_language_and_font(downloads, name):
    document = docx.Document(str(downloads / f"{name}.docx"))
    headings = [(int(p.style.name.split()[-1]), p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading ")]
    assert headings == markdown_headings(name)
    assert len(document.tables) == markdown_table_count(name) > 0
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert defaults.find(qn("w:rFonts")).get(qn("w:ascii")) == "Arial"
    assert document.core_properties.language == "en-GB"
    assert document.core_properties.title == markdown_headings(name)[0][1]
    # This website wrote the file, as each PDF says (not C4CC, whose model it serves).
    assert document.core_properties.author == "The Co-production Model website"
    section = document.sections[0]  # A4, as people print in the UK
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


@pytest.mark.parametrize("name", NAMES)
def test_odt_has_heading_styles_tables_language_and_font(downloads, name):
    document = OdfDocument(str(downloads / f"{name}.odt"))
    headings = [(int(h.level), str(h).strip()) for h in document.body.get_headers()]
    assert headings == markdown_headings(name)
    assert all(h.style.startswith("Heading") for h in document.body.get_headers())
    assert len(document.body.get_tables()) == markdown_table_count(name)
    assert document.meta.get_language() == "en-GB"
    default = document.styles.get_element("//style:default-style[@style:family='paragraph']")
    properties = default.get_element("style:text-properties")
    assert (properties.get_attribute("fo:language"), properties.get_attribute("fo:country")) == ("en", "GB")
    assert properties.get_attribute("style:font-name") == "Arial"
    assert document.meta.get_title() == markdown_headings(name)[0][1]
    assert document.meta.get_initial_creator() == "The Co-production Model website"
    page = document.styles.get_element("//style:page-layout-properties")
    assert [millimetres(page.get_attribute(f"fo:page-{side}")) for side in ("width", "height")] == [210, 297]


def signature_table(header: list[str]) -> bool:
    """A table to sign in: one of its columns is headed "Signature"."""
    return any(cell.strip().lower() == "signature" for cell in header)


@pytest.mark.parametrize("name", NAMES)
def test_tables_are_forms_to_fill_in_by_hand_and_the_files_claim_nothing_untrue(downloads, name):
    """Printed and filled in with a pen: every table as wide as the text (17 cm on A4 with 2 cm
    margins), every row at least 1 cm tall, a row to sign in 1.5 to 2 cm, no row split across two
    pages, and each table all on one page. And no word count, page count or 'Microsoft Word' from
    pandoc's reference document."""
    document = docx.Document(str(downloads / f"{name}.docx"))
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert round(text_width / 360000, 1) == 17.0  # EMU in a centimetre
    for table in document.tables:
        width = table._tbl.tblPr.find(qn("w:tblW"))
        assert (width.get(qn("w:type")), width.get(qn("w:w"))) == ("pct", "5000")  # 50ths of a per cent
        assert abs(sum(column.width for column in table.columns) - text_width) < 360000 / 10
        signing = signature_table([cell.text for cell in table.rows[0].cells])
        for number, row in enumerate(table.rows):
            properties = row._tr.trPr
            assert properties is not None and properties.find(qn("w:cantSplit")) is not None
            height = properties.find(qn("w:trHeight"))
            assert height.get(qn("w:hRule")) == "atLeast"
            if signing and number > 0:
                assert 1.5 <= row.height.cm <= 2.0
            else:
                assert row.height.cm == pytest.approx(1.0, abs=0.01)
            # Word's way to keep a table on one page: every paragraph of every row but the last
            # kept with the next.
            kept = {paragraph.paragraph_format.keep_with_next for cell in row.cells for paragraph in cell.paragraphs}
            assert kept == ({True} if number < len(table.rows) - 1 else {None}), (number, kept)
    with zipfile.ZipFile(downloads / f"{name}.docx") as archive:
        app = archive.read("docProps/app.xml").decode("utf-8")
    assert "Microsoft" not in app and "<Words>" not in app and "<Pages>" not in app, app
    odt = OdfDocument(str(downloads / f"{name}.odt"))
    for table in odt.body.get_tables():
        style = odt.get_style("table", table.style).get_element("style:table-properties")
        assert style.get_attribute("table:align") == "margins"
        assert millimetres(style.get_attribute("style:width")) == 170
        assert style.get_attribute("style:may-break-between-rows") is False  # all on one page (odfdo reads "false")
        rows = table.get_rows()
        signing = signature_table([str(cell).strip() for cell in rows[0].get_cells()])
        for number, row in enumerate(rows):
            properties = odt.get_style("table-row", row.style).get_element("style:table-row-properties")
            height = millimetres(properties.get_attribute("style:min-row-height"))
            assert 15 <= height <= 20 if signing and number > 0 else height == 10
            assert properties.get_attribute("fo:keep-together") == "always"


def test_each_template_with_a_signature_column_has_rows_to_sign_in():
    """The payment agreement is signed by both sides (the other tests check its rows' heights)."""
    signing = [name for name in NAMES
               if re.search(r"^\|.*\|\s*Signature\s*\|", (ROOT / "docs" / "templates" / f"{name}.md").read_text(
                   encoding="utf-8"), re.MULTILINE)]
    assert "payment-and-expenses-agreement" in signing


@pytest.mark.parametrize("name", NAMES)
def test_each_file_carries_its_page_s_description_and_the_date_the_page_was_last_checked(downloads, name):
    """Word's and LibreOffice's file properties: what the template is for, and when a person last checked
    it (its page's last_reviewed), not 1980 and not empty."""
    front = yaml.safe_load((ROOT / "docs" / "templates" / f"{name}.md").read_text(encoding="utf-8").split("---")[1])
    checked = front["last_reviewed"]
    properties = docx.Document(str(downloads / f"{name}.docx")).core_properties
    assert properties.comments == front["description"]  # python-docx's name for dc:description
    assert (properties.created.date(), properties.modified.date()) == (checked, checked)
    odt = OdfDocument(str(downloads / f"{name}.odt"))
    assert odt.meta.get_description() == front["description"]
    assert odt.meta.get_creation_date().date() == checked


# What the foot of every page of every file says, written out here rather than read from the code:
# the page number and the number of pages are fields, which an office suite fills in (here, page 1 of 1).
FOOTER = ["Template by the Co-production Model website. Page 1 of 1",
          "Its words are ours, not C4CC's, unless the first page says so."]
STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
FO = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
# UKAAF's least size for clear print (/work/shared/sources/facts.md §5), which is also the body's size.
CLEAR_PRINT_PT = 12
# DejaVu Sans, the font LibreOffice shows when Arial is missing: wider than Arial, so a line that fits in it fits.
WIDE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def fits_on_one_line(text: str, points: float, width_cm: float) -> bool:
    from PIL import ImageFont
    font = ImageFont.truetype(str(WIDE_FONT), size=1000)  # units of 1/1000 of the font's size
    return font.getlength(text) / 1000 * points / 72 * 2.54 <= width_cm


@pytest.mark.parametrize("name", NAMES)
def test_every_page_s_footer_says_whose_words_these_are_and_page_x_of_y_in_clear_print(downloads, name):
    """A page printed on its own still says whose words these are, and which page of how many.
    DOCX: one section, whose footer is the same on every page (no other first page, no even pages),
    with PAGE and NUMPAGES fields. ODT: one master page, with a page number and a page count. Both at
    least 12 pt, and each line short enough to fit the text's width (17 cm), so no word wraps alone."""
    document = docx.Document(str(downloads / f"{name}.docx"))
    assert len(document.sections) == 1
    section = document.sections[0]
    assert not section.different_first_page_header_footer and not document.settings.odd_and_even_pages_header_footer
    assert not section.footer.is_linked_to_previous  # a footer of its own, in word/footer1.xml
    footer = section.footer._element
    # Every run's text, the fields' too (python-docx's Paragraph.text leaves fields out).
    assert ["".join(t.text for t in p.iter(qn("w:t"))) for p in footer.iter(qn("w:p"))] == FOOTER
    assert [f.get(qn("w:instr")).strip() for f in footer.iter(qn("w:fldSimple"))] == ["PAGE", "NUMPAGES"]
    default = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for run in footer.iter(qn("w:r")):
        size = run.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        half_points = int((size if size is not None else default.find(qn("w:sz"))).get(qn("w:val")))
        assert half_points / 2 >= CLEAR_PRINT_PT
    with zipfile.ZipFile(downloads / f"{name}.odt") as archive:
        styles = etree.fromstring(archive.read("styles.xml"))
    masters = list(styles.iter(f"{{{STYLE}}}master-page"))
    assert len(masters) == 1
    foot = masters[0].find(f"{{{STYLE}}}footer")
    lines = [" ".join("".join(p.itertext()).split()) for p in foot.iter(f"{{{TEXT}}}p")]
    assert lines == FOOTER
    assert len(list(foot.iter(f"{{{TEXT}}}page-number"))) == len(list(foot.iter(f"{{{TEXT}}}page-count"))) == 1
    sizes = {style.get(f"{{{STYLE}}}name"): style.find(f"{{{STYLE}}}text-properties").get(f"{{{FO}}}font-size")
             for style in styles.iter(f"{{{STYLE}}}style") if style.find(f"{{{STYLE}}}text-properties") is not None}
    for paragraph in foot.iter(f"{{{TEXT}}}p"):
        # The size of each piece of text: its span's style's, else its paragraph's (else 12 pt, the default).
        spans = [span.get(f"{{{TEXT}}}style-name") for span in paragraph.iter(f"{{{TEXT}}}span")]
        for style in spans or [paragraph.get(f"{{{TEXT}}}style-name")]:
            size = sizes.get(style) or sizes.get(paragraph.get(f"{{{TEXT}}}style-name")) or "12pt"
            assert float(size.removesuffix("pt")) >= CLEAR_PRINT_PT, (style, size)
    # "Page 10 of 10" is the longest a line gets in a template of up to 99 pages.
    for line in FOOTER:
        assert fits_on_one_line(line.replace("1 of 1", "10 of 10"), CLEAR_PRINT_PT, 17), line


def millimetres(length: str) -> int:
    number, unit = re.fullmatch(r"([\d.]+)(cm|mm|in)", length).groups()
    return round(float(number) * {"cm": 10, "mm": 1, "in": 25.4}[unit])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_each_file_says_the_same_words_as_its_page(built_site, downloads, name, fmt):
    blocks = docx_blocks(downloads / f"{name}.docx") if fmt == "docx" else odt_blocks(downloads / f"{name}.odt")
    expected = page_words(built_site, name)
    assert len(expected) > 200  # the page was read, not an empty article
    assert words(blocks) == expected


@pytest.mark.parametrize("name", NAMES)
def test_files_need_nothing_from_outside(downloads, name):
    for fmt in ("docx", "odt"):
        with zipfile.ZipFile(downloads / f"{name}.{fmt}") as archive:
            names = archive.namelist()
            assert not [n for n in names if re.search(r"\.(png|jpe?g|gif|svg|emf|wmf|bin)$", n)]
            # The only addresses in a file are links a reader may follow: nothing is fetched.
            for member in (n for n in names if n.endswith(".rels")):
                for rel in etree.fromstring(archive.read(member)):
                    if rel.get("TargetMode") == "External":
                        assert rel.get("Type").endswith("/hyperlink"), (member, rel.get("Target"))
            if fmt == "odt":
                content = archive.read("content.xml").decode("utf-8")
                assert not re.search(r"<draw:|<office:binary-data|<text:section-source", content)
            if fmt == "odt":
                assert names[0] == "mimetype" and archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
            assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_two_builds_in_two_folders_give_the_same_bytes(built_site, downloads, readme_build):
    # Another folder, another clock setting (the commit's time) and time zone, and no cache of
    # the files: the `make build` of a fresh copy that tests/test_reproducible.py shares.
    for name in NAMES:
        for fmt in ("docx", "odt"):
            assert (readme_build / "site" / "downloads" / "templates" / f"{name}.{fmt}").read_bytes() == \
                (downloads / f"{name}.{fmt}").read_bytes(), f"{name}.{fmt}"


def test_the_downloads_page_lists_every_file_with_format_and_size(built_site, downloads):
    html = (built_site / "downloads" / "index.html").read_text(encoding="utf-8")
    for name in NAMES:
        for fmt, label in (("docx", "Word (DOCX)"), ("odt", "OpenDocument (ODT)")):
            kb = -(-(downloads / f"{name}.{fmt}").stat().st_size // 1024)
            # The template's name first, for screen readers only (test_accessibility.py reads the names).
            assert re.search(f'href="templates/{name}.{fmt}" download="{name}.{fmt}"><span class="cp-visually-hidden">'
                             f'[^<]+: </span>{re.escape(label)}, {kb} KB</a>', html), (name, fmt)


def test_each_step_guide_lists_its_templates(built_site):
    for guide in sorted((ROOT / "docs" / "guides").glob("step-*.md")):
        text = guide.read_text(encoding="utf-8")
        section = text.split("\n## Templates for this step\n", 1)
        assert len(section) == 2, guide.name
        assert re.search(r"\]\(\.\./templates/[a-z-]+\.md\)", section[1]), guide.name


BREAKS = {
    "raw HTML": ("<b>Sign here</b>", "raw HTML"),
    "a field in curly brackets": ("We meet at {Place}.", "not one the templates use"),
    "a field in lower case": ("We meet at [place].", "'[place]' is not a field"),
    "a field over two lines": ("We meet at [Place, or how\nto join online].", "does not end on it"),
    "an unknown source key": ("As the guidance says ([NIHR][nihr-no-such-key]).", "no source with the key 'nihr-no-such-key'"),
    "a picture": ("![A form](form.png)", "pictures"),
    "a link to another website": ("See [this](https://example.org/).", "not to a page of this site"),
    "template code": ("{{ step_title(6) }}", "template code"),
    "code, indented": ("    Zebra crossing at the door.", "code (a line indented by four spaces)"),
    "a quote block": ("> Zebra crossing at the door.", "a quote block"),
}


@pytest.mark.parametrize("what", list(BREAKS))
def test_a_broken_template_fails_the_build_with_its_file_and_line(project_copy, tmp_path, what):
    line_text, words_expected = BREAKS[what]
    page = project_copy / "docs" / "templates" / "meeting-plan.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    at = lines.index("## After the meeting") + 1  # 1-based line number of the heading
    lines.insert(at - 1, line_text)
    lines.insert(at, "")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(project_copy, site_dir=tmp_path / "broken-site")
    assert result.returncode != 0
    assert f"docs/templates/meeting-plan.md:{at}: " in result.output, result.output
    assert words_expected in result.output
    error = next(line for line in result.output.splitlines() if "docs/templates/meeting-plan.md:" in line)
    assert "Traceback" not in result.output and str(project_copy) not in error
    assert not (tmp_path / "broken-site" / "downloads").exists()


# Backslash sequences that re.sub would read in a replacement string: a NUL, a class, a group.
TITLE_WITH_BACKSLASHES = r"Plan \0 and \d, \g<0> \1 & <notes>"


def test_a_title_with_backslashes_reaches_the_files_as_written(tmp_path):
    """A page's front-matter title goes into each file's properties. Written with backslashes,
    it must come out as written, in files whose every XML part is well formed: no NUL from "\\0",
    no crash on "\\d". Both files are read back with the libraries the other tests use."""
    from coproduction import office

    markdown = "# Plan\n\nFill in [Name of your group].\n"
    files = office.render(markdown, "docs/templates/plan.md", markdown, TITLE_WITH_BACKSLASHES, "", {})
    for fmt, data in files.items():
        path = tmp_path / f"plan.{fmt}"
        path.write_bytes(data)
        with zipfile.ZipFile(path) as archive:
            for member in (n for n in archive.namelist() if n.endswith((".xml", ".rels"))):
                content = archive.read(member)
                assert b"\x00" not in content, (fmt, member)
                etree.fromstring(content)  # raises if the part is not well-formed XML
    assert docx.Document(str(tmp_path / "plan.docx")).core_properties.title == TITLE_WITH_BACKSLASHES
    assert OdfDocument(str(tmp_path / "plan.odt")).meta.get_title() == TITLE_WITH_BACKSLASHES


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(not SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_keeps_a_table_to_sign_on_one_page_with_its_heading(tmp_path):
    """The files as LibreOffice lays them out: a table to sign after more and more lines, so that at
    some point it meets the foot of the page. However many lines come before it, its heading, its
    first row and its last row are on the same page (pdftotext's pages are split by form feeds)."""
    from coproduction import office

    sign = ("## Signed\n\n| Name | Signature | Date |\n|---|---|---|\n"
            "| [Alpha person] | | [Date] |\n| [Omega person] | | [Date] |\n")
    counts = range(18, 30)  # lines of filler: the table starts from mid-page and ends up on page 2
    for count in counts:
        markdown = "# Plan\n\n" + "\n\n".join(["A line of words to fill the page."] * count) + "\n\n" + sign
        for fmt, data in office.render(markdown, "plan.md", markdown, "Plan", "", {}).items():
            (tmp_path / f"{fmt}-{count}.{fmt}").write_bytes(data)
    files = sorted(str(path) for path in tmp_path.glob("*-*.*"))
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "pdf"), *files], check=True, capture_output=True, timeout=300)
    moved = set()
    for path in files:
        pdf = tmp_path / "pdf" / (Path(path).stem + ".pdf")
        pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
        where = [next(n for n, page in enumerate(pages) if words in page)
                 for words in ("Signed", "Alpha person", "Omega person")]
        assert len(set(where)) == 1, (Path(path).name, where)
        moved.add(where[0])
    assert moved == {0, 1}  # the filler did push the table from page 1 to page 2
