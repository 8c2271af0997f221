"""Templates people can edit: each page in docs/templates/ as a Word (DOCX) and an OpenDocument (ODT) file.

A template is one Markdown page in docs/templates/ (every .md file there but index.md).
It is a web page like any other, so the build checks it like any other. This module
also turns its Markdown into two files for office suites, from the same words:

    site/downloads/templates/<name>.docx and <name>.odt

How (plain Python, no MkDocs):
- check_template() reads the page against an allowlist: headings, paragraphs, lists,
  pipe tables, bold, italics, links to our own pages, sources cited by their key in
  data/sources.yml ("[NIHR's guidance][nihr-payment-public]"), and fields to fill in
  written as "[Name of your group]" (square brackets, a capital letter first). Anything
  else (raw HTML, pictures, code, footnotes, template code, another kind of field)
  stops the build with the file, the line and the fix.
- The pandoc bundled in the pypandoc-binary wheel reads the checked Markdown once (to
  its document tree, which is checked again against an allowlist) and writes both
  formats from that tree, with --sandbox (pandoc reads no file and no address beyond
  what it is given) and reference documents made here from pandoc's own: Arial, which
  every office suite has or matches, headings as heading styles, tables with borders,
  language en-GB. Every page's footer says whose words these are and gives "Page X of Y" (FOOTER_LINES).
- normalise_zip() makes the bytes depend only on the inputs: fixed dates, fixed order,
  fixed document properties, so two builds in two folders give the same files. It
  also makes each table a form to fill in by hand: as wide as the text, each row at
  least 1 cm tall (1.8 cm to sign in), and the whole table kept on one page.

The build runs build_all() before any page is written (the pages show each file's size)
and write_outputs() at the end; see _make_templates and on_post_build in coproduction/plugin/plugin.py.
"""
from __future__ import annotations

import datetime
import hashlib
import importlib.util
import io
import json
import posixpath
import re
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from .atomic import write_bytes
from .errors import ContentError
from .markdown_source import load_page

TEMPLATE_DIR = "templates"        # under docs/
OUTPUT_DIR = "downloads/templates"  # under site/
FORMATS = {"docx": "Word (DOCX)", "odt": "OpenDocument (ODT)"}
FONT = "Arial"
LANGUAGE = "en-GB"
# The one macro a template may use: its own download links on the web page. It is left
# out of the files (a downloaded file does not link to itself).
DOWNLOAD_LINE = "{{ template_download() }}"
# Every zip entry gets this date: the earliest a zip file can hold.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
# The width of the text on an A4 page with 2 cm margins, and the least height of a table's row:
# 1 cm, room for a line of handwriting (a twip is 1/1440 inch).
TEXT_WIDTH_CM, TEXT_WIDTH_TWIPS = 17, 9638
ROW_HEIGHT_CM, ROW_HEIGHT_TWIPS = 1, 567
# A row to sign in (a table with a column headed SIGNATURE): 1.8 cm, room for a signature by hand.
SIGNATURE = "Signature"
SIGN_ROW_HEIGHT_CM, SIGN_ROW_HEIGHT_TWIPS = 1.8, 1021
APP_PROPERTIES = ('<?xml version="1.0" encoding="UTF-8"?>\n<Properties xmlns="http://schemas.openxmlformats.org/'
                  'officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/'
                  'officeDocument/2006/docPropsVTypes" />\n')
PROPERTY_DATE = "1980-01-01T00:00:00Z"  # a file's own dates when its page gives no last_reviewed
# The foot of every page of every file: two lines, each short enough for one line of the text's width.
# A page printed on its own still says whose words these are and which page of how many it is. The
# opening paragraph of each template says whose words these are too, and names any of C4CC's.
FOOTER_LINES = ("Template by the Co-production Model website. Page {page} of {pages}",
                "Its words are ours, not C4CC's, unless the first page says so.")
FOOTER_PT = 12  # the body's size, and UKAAF's least for clear print (not smaller, as footers often are)

# Pandoc's Markdown flavour for templates: CommonMark with pipe tables and nothing else
# (no raw HTML, no smart quotes: the web page shows the same characters).
READER = "commonmark+pipe_tables-raw_html"
FIELD = re.compile(r"\[[A-Z][^\[\]\n]*\]")
_BRACKET = re.compile(r"(!?)\[([^\[\]\n]*)\](\(([^()\s]*)\)|\[([^\[\]\n]*)\]|:)?")
ALLOWED_BLOCKS = {"Header", "Para", "Plain", "BulletList", "OrderedList", "Table"}
ALLOWED_INLINES = {"Str", "Space", "SoftBreak", "LineBreak", "Emph", "Strong", "Link"}
# What the rest of pandoc's names mean, for the message.
PLAIN_NAMES = {"CodeBlock": "code (a line indented by four spaces)", "Code": "code", "BlockQuote":
               "a quote block (a line that starts with >)", "Image": "a picture", "RawBlock": "HTML",
               "RawInline": "HTML", "HorizontalRule": "a line across the page", "Note": "a footnote",
               "DefinitionList": "a definition list", "Div": "a box", "Span": "a span", "Figure": "a picture"}


@dataclass
class Template:
    name: str                 # the file name without .md: terms-of-reference
    page: str                 # where it is, as a contributor sees it: docs/templates/terms-of-reference.md
    src_uri: str              # inside docs/: templates/terms-of-reference.md
    title: str                # its first heading
    description: str = ""
    files: dict = field(default_factory=dict)  # "docx" -> bytes, "odt" -> bytes

    def output(self, fmt: str) -> str:
        return f"{OUTPUT_DIR}/{self.name}.{fmt}"

    def details(self) -> dict:
        """What a page needs to show the downloads: title, description, and each file's path and size."""
        return {"title": self.title, "description": self.description, "page": self.src_uri,
                "files": {fmt: {"path": self.output(fmt), "size_bytes": len(data), "format": FORMATS[fmt]}
                          for fmt, data in self.files.items()}}


def pandoc_path() -> Path:
    """The pandoc inside the pypandoc-binary wheel (never one from the internet)."""
    spec = importlib.util.find_spec("pypandoc")
    path = Path(next(iter(spec.submodule_search_locations)), "files", "pandoc") if spec else None
    if not path or not path.exists():
        raise ContentError("requirements.txt", "The Word and OpenDocument templates need pandoc, from the "
                           "package pypandoc-binary, and it is not installed",
                           "Run `make build` again, which installs it from requirements.txt")
    return path


def _run(args: list[str], data: bytes, shown: str) -> bytes:
    # A fixed, minimal environment: nothing about this machine reaches the files.
    env = {"SOURCE_DATE_EPOCH": "315532800", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    result = subprocess.run([str(pandoc_path()), "--sandbox", *args], input=data, capture_output=True, env=env)
    if result.returncode != 0:
        problem = result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no message"]
        raise ContentError(shown, f"pandoc could not make this template's files ({problem[0]})",
                           "Check the page's Markdown against CONTRIBUTING.md, \"Add a template\"")
    return result.stdout


# --- checking a template ----------------------------------------------------

def check_template(text: str, shown: str, first_line: int, register_urls: dict[str, str]) -> None:
    """Stop with the file and the line at anything a template may not hold."""
    fix_field = "Write a field to fill in as words in square brackets, starting with a capital letter, like [Name of your group]"
    for number, line in enumerate(text.splitlines()[first_line - 1:], start=first_line):
        stripped = line.strip()
        if stripped == DOWNLOAD_LINE:
            continue
        if re.search(r"\{[{%#]", line):
            raise ContentError(shown, "A template may not hold template code ({{ ... }} or {% ... %})",
                               f"Take it out. The only one allowed is {DOWNLOAD_LINE}, on a line of its own", line=number)
        if re.search(r"<[A-Za-z!/?]", line):
            raise ContentError(shown, "A template may not hold raw HTML, because the Word and OpenDocument files "
                               "could not show it", "Use Markdown instead: headings, lists, tables, bold and links",
                               line=number)
        if "`" in line or stripped.startswith("~~~"):
            raise ContentError(shown, "A template may not hold code", "Write it as a normal sentence", line=number)
        if re.search(r"\{[^}]*\}|<<|>>|_{3,}|\.{4,}", line):
            raise ContentError(shown, "This looks like a field to fill in, but not one the templates use",
                               fix_field, line=number)
        if stripped.startswith(("!!!", "???", ":::")):
            raise ContentError(shown, "A template may not hold boxes (admonitions)",
                               "Use a heading and a paragraph instead", line=number)
        if line.count("[") != line.count("]") or line.count("(") < line.count("]("):
            raise ContentError(shown, "A field or a link starts on this line but does not end on it",
                               "Keep the words in square brackets, and a link's address, on one line", line=number)
        for match in _BRACKET.finditer(line):
            image, inner, tail, target, key = match.groups()
            if image:
                raise ContentError(shown, "A template may not hold pictures, so the files need nothing from outside",
                                   "Take the picture out, or describe it in words", line=number)
            if inner.startswith("^"):
                raise ContentError(shown, "A template may not use footnotes",
                                   "Cite the source where the fact is, by its key: [NIHR's guidance][nihr-payment-public]",
                                   line=number)
            if tail == ":":
                raise ContentError(shown, "A template may not define its own links",
                                   "Cite a source by its key in data/sources.yml, like [SCIE][scie-paying-benefits]",
                                   line=number)
            if target is not None:
                if not re.fullmatch(r"[a-z0-9./_-]+\.md(#[a-z0-9_-]+)?|#[a-z0-9_-]+", target):
                    raise ContentError(shown, f"The link to '{target}' is not to a page of this site",
                                       "Link to another website by citing its key in data/sources.yml, "
                                       "like [NIHR's guidance][nihr-payment-public]", line=number)
            elif key is not None:
                if key not in register_urls:
                    raise ContentError(shown, f"There is no source with the key '{key}' in data/sources.yml, "
                                       "or it has no web address", "Check the spelling of the key, or add the source "
                                       "(CONTRIBUTING.md, \"Adding a source\")", line=number)
            elif not FIELD.fullmatch(f"[{inner}]"):
                raise ContentError(shown, f"'[{inner}]' is not a field the templates know", fix_field, line=number)


def _check_tree(node, shown: str, source: str, site_url: str, register: set[str], kind: str = "") -> None:
    """The allowlist again, on pandoc's document tree: only what the files are meant to hold."""
    if isinstance(node, list):
        for item in node:
            _check_tree(item, shown, source, site_url, register, kind)
        return
    if not isinstance(node, dict) or "t" not in node:
        return
    name = node["t"]
    table_parts = {"Caption", "TableHead", "TableBody", "TableFoot", "Row", "Cell", "AlignDefault", "AlignLeft",
                   "AlignRight", "AlignCenter", "ColWidthDefault", "ColWidth"}
    if name not in ALLOWED_BLOCKS | ALLOWED_INLINES | table_parts | {"Decimal", "Period", "DefaultStyle",
                                                                       "DefaultDelim", "OneParen"}:
        raise ContentError(shown, f"A template may not hold {PLAIN_NAMES.get(name, name)}",
                           "Use only headings, paragraphs, lists, tables, bold, italics and links",
                           line=_line_of(node, source))
    if name == "Link":
        url = node["c"][2][0]
        if url not in register and not url.startswith(site_url or "/"):
            line = next((n for n, text in enumerate(source.splitlines(), 1) if url in text), None)
            raise ContentError(shown, f"The link to '{url}' is not allowed in a template",
                               "Cite a source by its key in data/sources.yml, or link to a page of this site",
                               line=line)
    _check_tree(node.get("c"), shown, source, site_url, register)


def _line_of(node, source: str) -> int | None:
    """The first line of the page that holds this part's text (best effort)."""
    text = " ".join(_words(node))[:40].strip()
    if not text:
        return None
    return next((n for n, line in enumerate(source.splitlines(), 1) if text.split(" ")[0] in line), None)


def _words(node) -> list[str]:
    if isinstance(node, list):
        return [word for item in node for word in _words(item)]
    if isinstance(node, dict):
        if node.get("t") == "Str":
            return [node["c"]]
        if node.get("t") == "CodeBlock":
            return node["c"][1].split()
        return _words(node.get("c"))
    return []


# --- from the page to the files ---------------------------------------------

def office_markdown(body: str, src_uri: str, register_urls: dict[str, str], site_url: str,
                    doubts: dict[str, str] | None = None) -> str:
    """The page's Markdown as pandoc should read it: no download line, every link a full address, and
    after a source we saw only in part, the same note as on the page (`doubts`: key to words,
    sources.Source.doubt)."""
    base = posixpath.dirname(src_uri)

    def link(match: re.Match) -> str:
        image, inner, tail, target, key = match.groups()
        if target is not None:
            page, _, anchor = target.partition("#")
            path = posixpath.normpath(posixpath.join(base, page)) if page else src_uri
            url = _page_url(path, site_url) + (f"#{anchor}" if anchor else "")
            return f"[{inner}]({url})"
        if key is not None:
            return f"[{inner}]({register_urls[key]})" + (f" ({doubts[key]})" if key in (doubts or {}) else "")
        return match.group(0)

    lines = [line for line in body.splitlines() if line.strip() != DOWNLOAD_LINE]
    return "\n".join(_BRACKET.sub(link, line) for line in lines) + "\n"


def _page_url(src_uri: str, site_url: str) -> str:
    """docs/guides/step-5-reward.md -> https://.../guides/step-5-reward/ (MkDocs' directory URLs)."""
    path = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if path == "index" or path.endswith("/index"):
        path = path[:-5]
    else:
        path += "/"
    return (site_url.rstrip("/") + "/" if site_url else "/") + path.lstrip("/")


def render(markdown: str, shown: str, source: str, title: str, site_url: str, register_urls: dict[str, str],
           description: str = "", date: str = PROPERTY_DATE) -> dict:
    """Both files of one template, as bytes: {"docx": ..., "odt": ...}, with the page's description and
    `date` (when the page was last checked) as the files' own."""
    tree = _run(["-f", READER, "-t", "json"], markdown.encode("utf-8"), shown)
    _check_tree(json.loads(tree)["blocks"], shown, source, site_url, set(register_urls.values()))
    files = {}
    with tempfile.TemporaryDirectory() as folder:
        for fmt in FORMATS:
            reference = Path(folder, f"reference.{fmt}")
            reference.write_bytes(reference_document(fmt))
            out = Path(folder, f"out.{fmt}")
            described = ["-M", f"description={description}"] if description else []
            _run(["-f", "json", "-t", fmt, "-M", f"lang={LANGUAGE}", *described, "--reference-doc", str(reference),
                  "-o", str(out)], tree, shown)
            files[fmt] = normalise_zip(out.read_bytes(), fmt, title, date)
    return files


_references: dict[str, bytes] = {}


def reference_document(fmt: str) -> bytes:
    """Pandoc's own reference document, with our font, table borders, language and footer.

    Pandoc takes the page size, margins and footers of the files it writes from this
    document, so the footer (FOOTER_LINES) is put here, once for each format."""
    if fmt not in _references:
        original = _run(["--print-default-data-file", f"reference.{fmt}"], b"", "pandoc")
        edits = {"word/styles.xml": _docx_styles, "word/document.xml": _docx_page, "styles.xml": _odt_styles,
                 "[Content_Types].xml": _docx_footer_type, "word/_rels/document.xml.rels": _docx_footer_link}
        added = {"word/footer1.xml": _docx_footer()} if fmt == "docx" else {}
        _references[fmt] = _edit_zip(original, edits, added)
    return _references[fmt]


def _docx_styles(xml: str) -> str:
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}" />'
    xml = re.sub(r"<w:rFonts [^>]*Theme[^>]*/>", fonts, xml)
    xml = re.sub(r'(<w:rPrDefault>.*?<w:lang w:val=")[^"]*"', rf'\g<1>{LANGUAGE}"', xml, flags=re.DOTALL)
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000" />'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    xml = xml.replace('<w:tblInd w:w="0" w:type="dxa" />',
                      f'<w:tblInd w:w="0" w:type="dxa" /><w:tblBorders>{borders}</w:tblBorders>', 1)
    # A row stays on one page; the header row is bold.
    xml = xml.replace('<w:tblStylePr w:type="firstRow">',
                      '<w:trPr><w:cantSplit /></w:trPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b /></w:rPr>', 1)
    # Links: dark blue (the headings' colour) and underlined, not pale blue.
    return re.sub(r'(w:styleId="Hyperlink">.*?<w:rPr>)\s*<w:color [^>]*/>',
                  r'\g<1><w:color w:val="0F4761" /><w:u w:val="single" />', xml, count=1, flags=re.DOTALL)


def _docx_page(xml: str) -> str:
    """A4 paper with 2 cm margins (pandoc's own is US Letter), and our footer on every page
    (a footer's reference comes first in a section's properties)."""
    page = (f'<w:footerReference w:type="default" r:id="{DOCX_FOOTER_ID}" />'
            '<w:pgSz w:w="11906" w:h="16838" /><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" '
            'w:left="1134" w:header="709" w:footer="709" w:gutter="0" />')
    return xml.replace("<w:sectPr>", f"<w:sectPr>{page}", 1)


DOCX_FOOTER_ID = "rIdFooter1"


def _docx_footer() -> str:
    """word/footer1.xml: FOOTER_LINES, centred, at the body's size in the document's font, with the
    page number and the number of pages as PAGE and NUMPAGES fields, which Word and LibreOffice fill in."""
    run = f'<w:rPr><w:sz w:val="{FOOTER_PT * 2}" /><w:szCs w:val="{FOOTER_PT * 2}" /></w:rPr>'
    paragraph = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" /><w:jc w:val="center" /></w:pPr>{}</w:p>'

    def text(words: str) -> str:
        return f'<w:r>{run}<w:t xml:space="preserve">{escape(words, quote=False)}</w:t></w:r>' if words else ""

    def field(name: str) -> str:
        return f'<w:fldSimple w:instr=" {name} "><w:r>{run}<w:t>1</w:t></w:r></w:fldSimple>'

    lines = []
    for line in FOOTER_LINES:
        parts = re.split(r"(\{page\}|\{pages\})", line)
        lines.append(paragraph.format("".join(field({"{page}": "PAGE", "{pages}": "NUMPAGES"}[part])
                                              if part in ("{page}", "{pages}") else text(part) for part in parts)))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            + "".join(lines) + '</w:ftr>')


def _docx_footer_type(xml: str) -> str:
    footer = ('<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-'
              'officedocument.wordprocessingml.footer+xml" />')
    return xml.replace("</Types>", f"{footer}</Types>", 1)


def _docx_footer_link(xml: str) -> str:
    link = (f'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" '
            f'Id="{DOCX_FOOTER_ID}" Target="footer1.xml" />')
    return xml.replace("</Relationships>", f"{link}</Relationships>", 1)


def _odt_footer(xml: str) -> str:
    """The master page's footer, in place of pandoc's (a page number only): FOOTER_LINES, centred
    (pandoc's footer paragraph style, MP1), at FOOTER_PT, with the page number and the page count."""
    fields = {"{page}": '<text:page-number text:select-page="current">1</text:page-number>',
              "{pages}": "<text:page-count>1</text:page-count>"}
    lines = "".join(
        '<text:p text:style-name="MP1"><text:span text:style-name="FooterSize">'
        + "".join(fields.get(part) or escape(part, quote=False) for part in re.split(r"(\{page\}|\{pages\})", line))
        + "</text:span></text:p>" for line in FOOTER_LINES)
    xml, found = re.subn(r"<style:footer>.*?</style:footer>", lambda m: f"<style:footer>{lines}</style:footer>",
                         xml, count=1, flags=re.DOTALL)
    if not found:
        raise ValueError("pandoc's reference.odt has no footer to replace")
    size = (f'<style:style style:name="FooterSize" style:family="text"><style:text-properties '
            f'fo:font-size="{FOOTER_PT}pt" style:font-size-asian="{FOOTER_PT}pt" '
            f'style:font-size-complex="{FOOTER_PT}pt" /></style:style>')
    return xml.replace("</office:automatic-styles>", f"{size}</office:automatic-styles>", 1)


def _odt_styles(xml: str) -> str:
    xml = xml.replace('style:font-name="Times New Roman"', f'style:font-name="{FONT}"')
    # A4 paper with 2 cm margins (pandoc's own is US Letter).
    sizes = {"page-width": "21cm", "page-height": "29.7cm", "margin-top": "2cm", "margin-bottom": "2cm",
             "margin-left": "2cm", "margin-right": "2cm"}
    xml = re.sub(r"<style:page-layout-properties\b[^>]*>", lambda m: re.sub(
        r'fo:(page-width|page-height|margin-top|margin-bottom|margin-left|margin-right)="[^"]*"',
        lambda a: f'fo:{a.group(1)}="{sizes[a.group(1)]}"', m.group(0)), xml)
    xml = _odt_footer(xml)
    # Headings upright, not italic (italics are harder to read).
    return re.sub(r'<style:style style:name="Heading.*?</style:style>',
                  lambda m: m.group(0).replace('font-style="italic"', 'font-style="normal"').replace(
                      'font-style-asian="italic"', 'font-style-asian="normal"').replace(
                      'font-style-complex="italic"', 'font-style-complex="normal"'), xml, flags=re.DOTALL)


def _edit_zip(data: bytes, edits: dict, added: dict | None = None) -> bytes:
    """The ZIP with each part named in `edits` changed by its function and each part in `added` put in."""
    added = added or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        names = sorted(set(source.namelist()) | set(added))
        # ODT: "mimetype" first and not compressed, as the standard asks.
        names.sort(key=lambda name: (name != "mimetype", name))
        for name in names:
            content = added[name].encode("utf-8") if name in added else source.read(name)
            if name in edits:
                content = edits[name](content.decode("utf-8")).encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            target.writestr(info, content, compresslevel=9 if name != "mimetype" else None)
    return out.getvalue()


# The author of each file, as of each PDF (pdf.PDF_AUTHOR): this website, not C4CC.
AUTHOR = "The Co-production Model website"


def normalise_zip(data: bytes, fmt: str, title: str, date: str = PROPERTY_DATE) -> bytes:
    """Fixed dates (`date` for the document's own, PROPERTY_DATE's for the parts of the ZIP), order and
    document properties, with the title and the author in them.

    Every replacement is a function, never a string: re.sub reads a backslash in a replacement
    string as an escape, so a page titled "Plan \\0" would write a NUL into the XML (a file no
    office suite opens), and "\\d" would stop the build with a traceback. A function's result
    is used as it is, so the title reaches the file as the page writes it."""
    safe_title = escape(title, quote=False)

    def properties(xml: str) -> str:
        xml = re.sub(r"(<(dcterms:created|dcterms:modified|meta:creation-date|dc:date)\b[^>]*>)[^<]*",
                     lambda m: m.group(1) + date, xml)
        xml = re.sub(r"<(dc:creator|meta:initial-creator)>[^<]*</\1>|<(dc:creator|meta:initial-creator)\s*/>",
                     lambda m: f"<{m.group(1) or m.group(2)}>{AUTHOR}</{m.group(1) or m.group(2)}>", xml)
        return re.sub(r"<dc:title>[^<]*</dc:title>|<dc:title\s*/>", lambda m: f"<dc:title>{safe_title}</dc:title>",
                      xml)

    def odt_content(xml: str) -> str:
        # Pandoc writes table cells without borders; a form to fill in by hand needs them.
        xml = xml.replace('<style:table-cell-properties fo:border="none" />',
                          '<style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.1cm" />')
        # Each table as wide as the text, with a gap below it, as below a paragraph, and all on one
        # page (a form's rows belong together: a row alone on the next page is easily missed).
        # Each row at least ROW_HEIGHT tall, with room to write by hand, and never split across two
        # pages; a row to sign in, SIGN_ROW_HEIGHT.
        xml = xml.replace('<style:table-properties table:align="center" />',
                          f'<style:table-properties table:align="margins" style:width="{TEXT_WIDTH_CM}cm" '
                          'fo:margin-bottom="0.25cm" style:may-break-between-rows="false" />')
        if "<table:table-row>" in xml:
            rows = "".join(f'<style:style style:name="{name}" style:family="table-row"><style:table-row-properties '
                           f'style:min-row-height="{height}cm" fo:keep-together="always" /></style:style>'
                           for name, height in (("FormRow", ROW_HEIGHT_CM), ("SignRow", SIGN_ROW_HEIGHT_CM)))
            xml = xml.replace("</office:automatic-styles>", f"{rows}</office:automatic-styles>", 1)
            xml = re.sub(r"<table:table .*?</table:table>", _odt_rows, xml, flags=re.DOTALL)
        return xml

    def docx_document(xml: str) -> str:
        # Each table as wide as the text: its columns in the same proportions as pandoc gives them.
        xml = xml.replace('<w:tblW w:type="auto" w:w="0" />', '<w:tblW w:type="pct" w:w="5000" />')
        xml = re.sub(r"<w:tblGrid>(.*?)</w:tblGrid>", _full_width_grid, xml, flags=re.DOTALL)
        return re.sub(r"<w:tbl>.*?</w:tbl>", _docx_rows, xml, flags=re.DOTALL)

    edits = {"docProps/core.xml": properties, "meta.xml": properties, "content.xml": odt_content,
             "word/document.xml": docx_document,
             # Pandoc's reference document's own counts (words, pages, minutes spent editing) and
             # "Microsoft Word 12.0.0": not true of this file, so none are given.
             "docProps/app.xml": lambda xml: APP_PROPERTIES}
    return _edit_zip(data, edits)


def _is_signature_table(header_row: str) -> bool:
    """Whether a table's first row (its XML) heads a column SIGNATURE."""
    cells = re.findall(r"<(?:w:tc|table:table-cell)\b.*?</(?:w:tc|table:table-cell)>", header_row, flags=re.DOTALL)
    return any(" ".join(re.sub(r"<[^>]+>", "", cell).split()).lower() == SIGNATURE.lower() for cell in cells)


def _docx_rows(match: re.Match) -> str:
    """One DOCX table: each row at least ROW_HEIGHT tall (SIGN_ROW_HEIGHT below a Signature
    heading) and never split across two pages (a table style's own "keep the row together" is not
    read by LibreOffice); the header row as pandoc marks it. And the table all on one page: each
    paragraph of every row but the last kept with the next, as Word's own help advises."""
    rows = re.findall(r"<w:tr>.*?</w:tr>", match.group(0), flags=re.DOTALL)
    signature = bool(rows) and _is_signature_table(rows[0])
    numbers = iter(range(len(rows)))

    def row(found: re.Match) -> str:
        number = next(numbers)
        height = SIGN_ROW_HEIGHT_TWIPS if signature and number > 0 else ROW_HEIGHT_TWIPS
        properties = f'<w:cantSplit /><w:trHeight w:val="{height}" w:hRule="atLeast" />'
        new = found.group(0).replace("<w:tr><w:trPr>", f"<w:tr><w:trPr>{properties}", 1)
        new = re.sub(r"^<w:tr>(?!<w:trPr>)", f"<w:tr><w:trPr>{properties}</w:trPr>", new)
        if number < len(rows) - 1:  # keepNext comes after a paragraph's style, as the standard orders them
            new = re.sub(r"<w:p><w:pPr>(<w:pStyle [^>]*/>)?", lambda m: f"<w:p><w:pPr>{m.group(1) or ''}<w:keepNext />",
                         new)
            new = re.sub(r"<w:p>(?!<w:pPr>)", "<w:p><w:pPr><w:keepNext /></w:pPr>", new)
        return new

    return re.sub(r"<w:tr>.*?</w:tr>", row, match.group(0), flags=re.DOTALL)


def _odt_rows(match: re.Match) -> str:
    """One ODT table: each row FormRow, or SignRow below a Signature heading."""
    table = match.group(0)
    header = re.search(r"<table:table-row>.*?</table:table-row>", table, flags=re.DOTALL)
    signature = bool(header) and _is_signature_table(header.group(0))
    table = table.replace("<table:table-row>", '<table:table-row table:style-name="FormRow">', 1)
    row_style = "SignRow" if signature else "FormRow"
    return table.replace("<table:table-row>", f'<table:table-row table:style-name="{row_style}">')


def _full_width_grid(match: re.Match) -> str:
    widths = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)" />', match.group(1))]
    if not widths or not sum(widths):
        return match.group(0)
    scaled = [round(w * TEXT_WIDTH_TWIPS / sum(widths)) for w in widths]
    return "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}" />' for w in scaled) + "</w:tblGrid>"


# --- the whole set ----------------------------------------------------------

def template_pages(docs_dir: Path) -> list[Path]:
    folder = docs_dir / TEMPLATE_DIR
    return sorted(path for path in folder.glob("*.md") if path.name != "index.md") if folder.is_dir() else []


def build_all(root: Path, docs_dir: Path, register, site_url: str, cache_dir: Path | None = None) -> list[Template]:
    """Every template's files, checked and made (or taken from the cache when nothing has changed)."""
    register_urls = {source.key: source.url for source in register.sources if source.url}
    doubts = {source.key: source.doubt for source in register.sources if source.doubt}
    found = []
    for path in template_pages(docs_dir):
        shown = Path(path).relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        page = load_page(path, shown)
        src_uri = path.relative_to(docs_dir).as_posix()
        check_template(page.text, shown, page.body_line, register_urls)
        heading = next((line[2:].strip() for line in page.body.splitlines() if line.startswith("# ")), None)
        if not heading:
            raise ContentError(shown, "This template has no title", "Start it with a heading: # Terms of reference",
                               line=page.body_line)
        title = str(page.meta.get("title") or heading)
        markdown = office_markdown(page.body, src_uri, register_urls, site_url, doubts)
        template = Template(path.stem, shown, src_uri, title, str(page.meta.get("description") or ""))
        description = str(page.meta.get("description") or "")
        reviewed = page.meta.get("last_reviewed")  # the date a person last checked the page
        date = f"{reviewed.isoformat()}T00:00:00Z" if isinstance(reviewed, datetime.date) else PROPERTY_DATE
        key = hashlib.sha256(json.dumps([markdown, title, site_url, description, date, _code_version()])
                             .encode()).hexdigest()
        cached = [cache_dir / f"{key}.{fmt}" for fmt in FORMATS] if cache_dir else []
        if cached and all(file.exists() for file in cached):
            # Still checked: the cache only skips writing files that would come out the same.
            template.files = {fmt: file.read_bytes() for fmt, file in zip(FORMATS, cached)}
        else:
            template.files = render(markdown, shown, page.text, title, site_url, register_urls, description, date)
            for fmt, file in zip(FORMATS, cached):
                write_bytes(file, template.files[fmt])
        found.append(template)
    return found


def _code_version() -> str:
    """This module's code and pandoc's version: a change to either makes the files again."""
    return hashlib.sha256(Path(__file__).read_bytes() + str(pandoc_path().stat().st_size).encode()).hexdigest()


def write_outputs(site_dir: Path, templates: list[Template]) -> None:
    for template in templates:
        for fmt, data in template.files.items():
            write_bytes(Path(site_dir) / template.output(fmt), data)
