"""Case studies: one Markdown page each, described by its front matter.

The case-study index is built from these fields, and each case study's page
shows them in a box under its title (facts_box), so every page must have them.
check_case_studies() reads every page in the folder, checks its front matter
against the schema below and returns the good case studies in a stable order,
and the problem of each other one. A missing or empty field stops the build with
the file, the line and the fix.
So does a page that still has the template's example text (TEMPLATE), in a field
or a paragraph: a copied template builds, and would otherwise be published as a
case study called "The name of the project or group". So does a `source_url`
that data/sources.yml does not list: the box links it, and this site links
only to listed sources. So does a year after this one (a typo), and a title
that another case study has: the index would list two by one name.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated

from markupsafe import Markup
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from .datafile import Text, more_problems
from .errors import ContentError, shown_path
from .html_safety import offsets_after_tags
from .markdown_source import Page, load_page
from .review_dates import build_date
from .sources import REGISTER_FILE

# The case studies' folder under docs/, and its own landing page, which lists them and is not one.
FOLDER = "case-studies"
INDEX_PAGE = "index.md"
# What contributors copy (from the project folder). Its example text must not be published.
TEMPLATE = "templates/case-study.md"
# The fields whose example a real case study cannot share (a year or a review date could).
EXAMPLE_FIELDS = ("title", "place", "organisation", "what_changed", "source", "source_url")


def _as_text(value):
    # A bare year (year: 2017) reads as a number in YAML; keep it as text, so
    # "2017" and "reported in 2017" are both allowed.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


# A field readers see (in the index, the box under the title and the page's description): on one
# line, however the front matter wraps it, so each place shows the same words.
Shown = Annotated[Text, AfterValidator(lambda text: " ".join(text.split()))]


class CaseStudy(BaseModel):
    """The fields every case study's front matter must have."""
    model_config = ConfigDict(extra="allow", frozen=True)

    title: Shown
    place: Shown
    organisation: Shown
    # Text, not a number: many sources give no year for the work itself, so a
    # page may honestly say "reported in 2017" rather than guess.
    year: Annotated[Shown, BeforeValidator(_as_text)]
    what_changed: Shown
    source: Shown
    # Optional: some sources (a printed magazine, an archived blog) give no link.
    source_url: Text | None = None


# What a reader sees each field called, in the order they see them: the index shows the
# first row and the places (INDEX_FIELDS); each page's box shows them all.
LABELS = {"what_changed": "What changed", "organisation": "Who ran it", "place": "Where", "year": "When",
          "source": "Source"}
INDEX_FIELDS = ("what_changed", "place", "year")

REQUIRED_FIELDS = [name for name, field in CaseStudy.model_fields.items() if field.is_required()]

# Examples a contributor can copy, shown in error messages.
EXAMPLES = {
    "title": "title: Reading timebank",
    "place": "place: Reading, Berkshire",
    "organisation": "organisation: The name of the group or service",
    "year": "year: 2017  (or: year: reported in 2017)",
    "what_changed": "what_changed: One short sentence on what changed",
    "source": "source: The title of the report, blog post or article",
    "source_url": "source_url: https://example.org/the-source",
}


class CaseStudyPage(BaseModel):
    """A checked case study and the page it came from."""
    model_config = ConfigDict(frozen=True)

    path: Path
    meta: CaseStudy

    @property
    def file_name(self) -> str:
        return self.path.name


def template_leftovers(page: Page, template: Page) -> ContentError | None:
    """The template's example text still on `page`: its fields, then its paragraphs (not its
    headings, which a page may keep), as one problem at the first place; None if there is none."""
    fields = [name for name in EXAMPLE_FIELDS
              if name in page.meta and str(page.meta[name]).strip() == str(template.meta.get(name, "")).strip()]
    heading = next((n for n, text in enumerate(page.lines, 1)
                    if n >= page.body_line and text.startswith("# ") and text in template.lines), None)
    body = " ".join(page.body.split())
    paragraphs = [" ".join(p.split()) for p in template.body.split("\n\n") if p.strip() and not p.lstrip().startswith("#")]
    left = [p for p in paragraphs if p in body]
    if not fields and heading is None and not left:
        return None
    places = ([f"the '{name}' field" for name in fields] + ["the page's heading"] * (heading is not None)
              + [f"{len(left)} paragraph{'s' if len(left) != 1 else ''}"] * bool(left))
    first_words = left[0].split()[:6] if left else []
    line = page.meta_line(fields[0]) if fields else heading or next(
        (n for n, text in enumerate(page.lines, 1) if text.split()[:6] == first_words), page.body_line)
    return ContentError(page.shown, f"This case study still has the example text of {TEMPLATE} in "
                        + ", ".join(places[:-1]) + (" and " if len(places) > 1 else "") + places[-1],
                        "Replace each with this case study's own words (docs/about/add-a-case-study.md says what "
                        "goes where)", line=line)


def load_case_study(path: str | Path, shown_as: str | None = None, template: Page | None = None,
                    listed: set[str] | None = None, sources_file: str = REGISTER_FILE,
                    this_year: int | None = None) -> CaseStudyPage:
    """Read and check one case study. `shown_as` is the path used in messages; with `template`
    (the project's TEMPLATE file, read), a page that still has its example text is refused;
    with `listed` (the web addresses `sources_file` lists), a `source_url` it lacks; with
    `this_year`, a year after it (a typo, such as 2107 for 2017)."""
    path = Path(path)
    page = load_page(path, shown_as or str(path))
    fields_list = ", ".join(REQUIRED_FIELDS)
    if page.meta_node is None and page.body_line == 1:
        raise ContentError(page.shown, "This case study has no front matter (the fields between two '---' lines at the top)",
                           f"Copy the top of templates/case-study.md and fill in {fields_list}", line=1)
    if not page.meta:
        raise ContentError(page.shown, "The front matter is empty or is not a list of 'field: value' lines",
                           f"Fill in {fields_list}, one per line", line=1)
    closing_line = page.body_line - 1
    try:
        meta = CaseStudy.model_validate(page.meta)
    except ValidationError as err:
        raise _explain(page, err, closing_line) from None
    if template is not None and (left := template_leftovers(page, template)):
        raise left
    # The first year written is when the work began: a programme may run on ("2024 to 2028"), or a
    # financial year end next year ("2026/2027"), but work cannot begin after this year.
    years = [int(year) for year in re.findall(r"(?<!\d)\d{4}(?!\d)", meta.year)]
    later = years[:1] if years and years[0] > (this_year or 9999) else []
    if later:
        raise ContentError(page.shown, f"The 'year' field says {later[0]}, which is after this year ({this_year}). "
                           "A case study tells of work that has already happened",
                           "Check the year for a typo. Write the year the work took place, or when the source "
                           "reported it, like 'year: reported in 2024'", line=page.meta_line("year"))
    if listed is not None and meta.source_url is not None and meta.source_url not in listed:
        raise ContentError(page.shown, f"The 'source_url' field is a web address that {sources_file} does not list, "
                           "and this site links only to the sources listed there",
                           f"Add the source to {sources_file} with this exact address (see CONTRIBUTING.md, "
                           "'Adding a source'), or leave the line out", line=page.meta_line("source_url"))
    return CaseStudyPage(path=path, meta=meta)


def _explain(page: Page, err: ValidationError, closing_line: int) -> ContentError:
    """Turn the first pydantic error into a message a contributor can act on."""
    shown = page.shown
    first = err.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else "(front matter)"
    also = more_problems(err)
    if first["type"] == "missing":
        # Point at the closing '---': that is where the new line goes.
        return ContentError(shown, f"The front matter has no '{field}' field, which every case study needs",
                            f"Add a line like '{EXAMPLES[field]}' above the closing '---'{also}",
                            line=closing_line)
    line = page.meta_line(field) or closing_line
    if first["type"] == "string_too_short":
        problem, fix = f"The '{field}' field is empty", f"Fill it in, for example '{EXAMPLES[field]}'"
    elif first["type"] == "string_type":
        problem, fix = f"The '{field}' field should be text", f"Write it as one line of text, for example '{EXAMPLES[field]}'"
    else:
        problem, fix = f"The '{field}' field is not right ({first['msg'].lower()})", f"Write it like '{EXAMPLES[field]}'"
    return ContentError(shown, problem, fix + also, line=line)


def case_study_files(folder: str | Path) -> list[Path]:
    """Every case-study page in the folder, in file-name order (the index page left out)."""
    return sorted(p for p in Path(folder).glob("*.md") if p.name != INDEX_PAGE)


def check_case_studies(folder: str | Path, shown_root: str | Path | None = None,
                       template: Path | None = None, listed: set[str] | None = None,
                       sources_file: str = REGISTER_FILE,
                       this_year: int | None = None) -> tuple[list[CaseStudyPage], list[ContentError]]:
    """Check every case study in `folder`: the good ones, sorted by title, and the first problem
    of each other one (so the build can list them with every other page's problems).
    Paths in messages are relative to `shown_root`; with `template`, a page that still has its
    example text is refused, and with `listed`, a `source_url` that is not one of those addresses
    (load_case_study). A year after `this_year` (the build's: review_dates.build_date) is refused, and
    so is a title another case study has."""
    example = load_page(template, TEMPLATE) if template is not None else None  # read once for every page
    this_year = build_date().year if this_year is None else this_year
    pages, problems, titles = [], [], {}
    for path in case_study_files(folder):
        # Resolve both: `mkdocs build -f mkdocs.yml` gives a relative config path.
        shown = shown_path(path, shown_root) if shown_root else str(path)
        try:
            pages.append(load_case_study(path, shown_as=shown, template=example, listed=listed,
                                         sources_file=sources_file, this_year=this_year))
        except ContentError as err:
            problems.append(err)
            continue
        title = " ".join(pages[-1].meta.title.casefold().split())
        if title in titles:  # the index would list two case studies by one name
            problems.append(ContentError(
                shown, f"This case study's title '{pages[-1].meta.title}' is the same as the title of "
                f"{titles[title]}, so the index would list two case studies with one name",
                "Give this one a title of its own, for example with its place. If it is the same project, add "
                f"what is new to {titles[title]}", line=load_page(path, shown).meta_line("title")))
        titles.setdefault(title, shown)
    return sorted(pages, key=lambda page: (page.meta.title.casefold(), page.file_name)), problems


def facts_box(study: CaseStudyPage, index_url: str | None) -> Markup:
    """The box under a case study's title: each field under its label (LABELS), the source
    linked when the page gives its address, then a link back to every case study (`index_url`,
    relative to the page; none without an index page; on screen only, as it cannot be followed
    on paper). The fields are the contributor's words, so each is escaped."""
    meta = study.meta
    rows = []
    for name, label in LABELS.items():
        value = getattr(meta, name)
        if name == "source" and meta.source_url:
            value = Markup('<a href="{}">{}</a>').format(meta.source_url, value)
        rows.append(Markup("<dt>{}</dt><dd>{}</dd>").format(label, value))
    back = Markup('\n<p class="skip-print"><a href="{}">All case studies</a></p>').format(index_url) if index_url else ""
    return Markup('<div class="cp-facts">\n<dl>\n{}\n</dl>{}\n</div>\n').format(Markup("\n").join(rows), back)


class _TitleEnd(HTMLParser):
    """Where the page's first <h1> element ends, as a parser reads the HTML: not the first
    '</h1>' in the text, which could be inside an attribute's value, such as a title="</h1>".
    There, joining the box in would end the value and turn the rest of it into live tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.at: tuple[int, int] | None = None  # (line from 1, column) of the </h1> tag

    def handle_endtag(self, tag):
        if tag == "h1" and self.at is None:
            self.at = self.getpos()


def with_facts(page_html: str, box: Markup) -> str:
    """The page's HTML with the box straight after its title (its first <h1> element), or first
    if it has none."""
    parser = _TitleEnd()
    parser.feed(page_html)
    parser.close()
    at = offsets_after_tags(page_html, [parser.at])[0] if parser.at is not None else 0
    return f"{page_html[:at]}\n{box}{page_html[at:]}"  # plain text joined: the page is HTML already
