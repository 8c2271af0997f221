"""Issue 16: one set of names everywhere, and an A4 page with balanced space.

- One edit to a short name in data/model.yml changes every place it shows:
  the guide and values pages (headings and the menu), the model page, the
  home page's cards, the self-assessment, the PDF's text and model.json.
- The PDF's blank space at the top and at the foot, measured from the PDF
  itself (rendered with pypdfium2, the renderer the build already uses), is
  within 10 mm.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pypdfium2
import pytest
from pypdf import PdfReader

from conftest import ARTIFACTS, ROOT

PDF_PATH = "downloads/co-production-model-a4.pdf"
MM_PER_INCH = 25.4


def ink_rows_mm(pdf: Path, dpi: int = 100) -> tuple[float, float]:
    """Blank space (mm) above the first and below the last dark pixel of page 1."""
    page = pypdfium2.PdfDocument(str(pdf))[0]
    image = page.render(scale=dpi / 72).to_pil().convert("L")
    width, height = image.size
    dark = image.point(lambda v: 255 if v < 160 else 0)
    box = dark.getbbox()  # (left, top, right, bottom) of everything dark
    assert box, "the page is blank"
    px_per_mm = dpi / MM_PER_INCH
    return box[1] / px_per_mm, (height - box[3]) / px_per_mm


def test_pdf_top_and_foot_space_are_balanced(built_site):
    # A small picture of the page to look at, as on a noticeboard (60 dpi).
    picture = pypdfium2.PdfDocument(str(built_site / PDF_PATH))[0].render(scale=60 / 72).to_pil()
    (ARTIFACTS / "design").mkdir(parents=True, exist_ok=True)
    picture.save(ARTIFACTS / "design" / "pdf-a4-60dpi.png")
    top, foot = ink_rows_mm(built_site / PDF_PATH)
    assert 12 <= top <= 30 and 12 <= foot <= 30, f"top {top:.1f} mm, foot {foot:.1f} mm"
    assert abs(top - foot) <= 10, f"top {top:.1f} mm against foot {foot:.1f} mm: balance the page in print/model.css"


def test_pdf_body_type_is_large_enough(built_site):
    # Every run of text in the values and steps is at least 12.5 pt (read from the PDF's own text operators).
    sizes = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            sizes.append(round(font_size * tm[0] * cm[0], 1) if tm[0] * cm[0] else font_size)

    PdfReader(built_site / PDF_PATH).pages[0].extract_text(visitor_text=visit)
    body = max(set(sizes), key=sizes.count)  # the size of most of the text
    assert body >= 12.5, f"most text is {body} pt"


# Two short names changed at once, one value and one step: conftest.EDITS, built once
# with the other data edits (edited_site).
NEW_VALUE_NAME = "Shared by all of us"
NEW_STEP_NAME = "Champions at the top"


@pytest.fixture(scope="module")
def renamed_site(edited_site):
    return edited_site


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("page, value, step", [
    ("index.html", True, True),                               # home page cards
    ("model/index.html", True, True),                         # the model page
    ("what-is-co-production/values/index.html", True, False),  # the values page heading
    ("guides/step-4-leaders/index.html", False, True),         # the guide's title and heading
    ("guides/step-1-recruit/index.html", False, True),         # the menu on another guide
    ("self-assessment/index.html", True, True),               # the self-assessment's areas
])
def test_one_short_name_edit_changes_every_page(renamed_site, page, value, step):
    html = (renamed_site / page).read_text(encoding="utf-8")
    text = visible_text(html)
    if value:
        assert f"Value 1: {NEW_VALUE_NAME}" in text
        assert "Everyone owns it" not in text
    if step:
        assert f"Step 4: {NEW_STEP_NAME}" in text
        assert "Leaders who back it" not in text


def test_one_short_name_edit_changes_the_guide_title_and_menu(renamed_site):
    html = (renamed_site / "guides/step-4-leaders/index.html").read_text(encoding="utf-8")
    assert f"<title>Step 4: {NEW_STEP_NAME} - " in html
    assert re.search(rf"<h1[^>]*>Step 4: {NEW_STEP_NAME}", html)


def test_one_short_name_edit_changes_the_pdf_and_model_json(renamed_site):
    text = re.sub(r"\s+", " ", PdfReader(renamed_site / PDF_PATH).pages[0].extract_text())
    assert NEW_VALUE_NAME in text and NEW_STEP_NAME in text
    assert "Everyone owns it" not in text and "Leaders who back it" not in text
    data = json.loads((renamed_site / "model.json").read_text(encoding="utf-8"))
    assert data["short_names"]["values"][0] == NEW_VALUE_NAME
    assert data["short_names"]["steps"][3] == NEW_STEP_NAME
    assert data["short_names"]["names_by"] == "this project"


def test_model_json_marks_the_short_names_as_ours(built_site):
    data = json.loads((built_site / "model.json").read_text(encoding="utf-8"))
    assert data["short_names"]["names_by"] == "this project"
    assert "not" in data["short_names"]["note"] and "C4CC" in data["short_names"]["note"]


# --- Issue 28: a public resource, not a docs frame ---------------------------

CONTRIBUTOR_PAGES = ["about/contributing/", "about/add-a-case-study/", "about/readability/", "about/build-errors/"]
PUBLIC_PAGES = ["index.html", "model/index.html", "easy-read/index.html", "downloads/index.html"]


def menu_links(html: str) -> list[str]:
    """The addresses in the main menu of a built page: the tabs under the header,
    then the side menu (Material's primary navigation)."""
    start = html.index('<nav class="md-tabs"')
    end = html.index('<div class="md-sidebar md-sidebar--secondary"', start)
    return re.findall(r'href="([^"]*)"', html[start:end])


def test_contributor_pages_are_built_but_not_in_the_menu_or_the_search(built_site):
    index = json.loads((built_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "model/" in locations and "about/" in locations  # a control: public pages are searched
    for page in CONTRIBUTOR_PAGES:
        assert (built_site / page / "index.html").is_file(), page
        assert page not in locations, f"/{page} is in the search index"
    for page in ["index.html", "guides/step-1-recruit/index.html", "about/index.html"]:
        links = menu_links((built_site / page).read_text(encoding="utf-8"))
        assert any(link.rstrip("/").endswith("model") for link in links), links  # the menu is there
        assert not [link for link in links if "contributing" in link or "build-errors" in link
                    or "readability" in link or "add-a-case-study" in link], (page, links)
    # The About page lists them, under "For contributors".
    about = (built_site / "about/index.html").read_text(encoding="utf-8")
    section = about[about.index('id="for-contributors"'):]
    for page in CONTRIBUTOR_PAGES:
        assert f'href="{page.split("/")[1]}/"' in section, page


# The tabs under the header (navigation.tabs), in order, and where each leads.
SECTIONS = [("Home", ""), ("The model", "model/"), ("Easy Read and print", "easy-read/"), ("Guides", "guides/"),
            ("Templates", "templates/"), ("Self-assessment", "self-assessment/"),
            ("Case studies", "case-studies/"), ("About", "about/")]
TAB = re.compile(r'<a href="([^"]*)" class="md-tabs__link"( aria-current="(page|true)")?>\s*([^<]*?)\s*</a>')


def test_every_page_has_the_same_tabs_and_the_open_section_is_marked(built_site):
    """Every page, public, guide or for contributors, carries the site's sections
    as tabs (public pages have no side menu: this is their way round the site).
    The open section's tab says so to screen readers: "page" on the page it
    leads to, "true" elsewhere in its section or its folder (a page left out of the menu)."""
    from browser_support import content_pages
    open_tab = {"": ("Home", "page"), "model/": ("The model", "page"), "slogans/": ("The model", "true"),
                "downloads/": ("Easy Read and print", "true"), "guides/": ("Guides", "page"),
                "guides/step-1-recruit/": ("Guides", "true"), "templates/meeting-plan/": ("Templates", "true"),
                "about/": ("About", "page"), "sources/": ("About", "true"),
                # Left out of the menu: the tab of the section whose folder holds it.
                "about/contributing/": ("About", "true"), "case-studies/good-gym/": ("Case studies", "true")}
    pages = content_pages(built_site)
    assert set(open_tab) <= set(pages)
    for page in pages:
        html = (built_site / page / "index.html").read_text(encoding="utf-8")
        tabs = TAB.findall(html[html.index('<nav class="md-tabs" aria-label="Sections of this site"'):])
        # Each link, read from this page's address, leads to its section's first page.
        leads_to = [(name, urljoin(f"https://site.test/{page}", href)) for href, _, _, name in tabs]
        assert leads_to == [(name, f"https://site.test/{target}") for name, target in SECTIONS], page
        marked = [(name, current) for _, _, current, name in tabs if current]
        if page in open_tab:
            assert marked == ([open_tab[page]] if open_tab[page] else []), (page, marked)
        else:
            assert len(marked) <= 1, (page, marked)


def test_public_pages_have_no_menu_contents_or_previous_next(built_site):
    for page in PUBLIC_PAGES:
        html = (built_site / page).read_text(encoding="utf-8")
        assert re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*\bhidden\b', html), page
        assert re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*\bhidden\b', html), page
    for page in [*PUBLIC_PAGES, "guides/step-1-recruit/index.html"]:
        html = (built_site / page).read_text(encoding="utf-8")
        assert "md-footer__link" not in html, f"{page} has a Previous/Next bar"
        assert "Open Font License" not in visible_text(html.split('<footer', 1)[1]), f"{page}: font credit in the footer"
    about = visible_text((built_site / "about/index.html").read_text(encoding="utf-8"))
    assert "Atkinson Hyperlegible" in about and "SIL Open Font License" in about


def test_the_easy_read_stylesheet_loads_only_where_it_is_used(built_site):
    for page in ["index.html", "model/index.html", "guides/step-1-recruit/index.html", "about/index.html"]:
        assert "easy-read.css" not in (built_site / page).read_text(encoding="utf-8"), page
    for page in ["easy-read/index.html", "downloads/index.html"]:
        assert "easy-read.css" in (built_site / page).read_text(encoding="utf-8"), page


def test_our_stylesheet_is_in_the_page_and_no_other_stylesheet_blocks_it(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    head = html[:html.index("</head>")]
    sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)
    assert len(sheets) == 1 and re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", sheets[0]), sheets
    style = re.search(r"<style>(.*?)</style>", head, re.S).group(1)
    # site.css as it is, with its font addresses made relative to the page.
    source = (ROOT / "overrides/assets/stylesheets/site.css").read_text(encoding="utf-8")
    assert style.strip() == source.replace('url("../fonts/', 'url("./assets/fonts/').strip()
    nested = (built_site / "guides/step-1-recruit/index.html").read_text(encoding="utf-8")
    assert 'url("../../assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2")' in nested
    # Jinja reads site.css as a template: nothing in it may look like template code.
    assert not re.search(r"\{[{%#]", source)


def about_page(site: Path) -> str:
    return (site / "about/index.html").read_text(encoding="utf-8")


def test_the_about_page_shows_no_email_when_none_is_set(built_site):
    html = about_page(built_site)
    assert "mailto:" not in html and "cp-contact-email" not in html
    # The ways in touch that are always there, from edit_uri in mkdocs.yml.
    assert 'href="https://github.com/coproduction-model/coproduction-model/issues"' in html
    assert 'href="https://github.com/coproduction-model/coproduction-model/blob/main/LICENSE"' in html


def test_the_about_page_shows_the_email_that_mkdocs_yml_sets(edited_site):
    # conftest.EDITS ("contact email") sets contact_email in the copy's mkdocs.yml, built once with the other edits.
    html = about_page(edited_site)
    assert '<a href="mailto:hello@example.org">hello@example.org</a>' in html
    # The link and its text, and the page foot's "email us" link (the same rule): nowhere else.
    assert html.count("hello@example.org") == 3
    assert html.count('href="mailto:hello@example.org?subject=Something%20is%20wrong%20on%20docs%2Fabout%2Findex.md"') == 1
