"""What the site says about itself must be true of the code or statement it
describes (issue 31): where the values come from, what the PDFs do for screen
readers, what the build checks in the Easy Read version.

(What the guides index promises is checked against the step guides in
test_guides.py.)
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from coproduction import easy_read, pdf

ROOT = Path(__file__).resolve().parent.parent


def page_text(site: Path, name: str) -> str:
    text = (site / name / "index.html").read_text(encoding="utf-8")
    text = text[text.index("<article"):text.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


def source_text(name: str) -> str:
    return " ".join((ROOT / "docs" / name).read_text(encoding="utf-8").split())


def test_values_page_names_where_the_values_were_really_seen(built_site, model):
    text = page_text(built_site, "what-is-co-production/values")
    not_c4cc = [v for v in model.values.items if "C4CC's own page" not in v.source]
    if not_c4cc:
        # On C4CC's page we saw the definition and the lead-in only (model.md): the page says what we saw,
        # not that C4CC's page lacks the values, which model.md does not say.
        assert not re.search(r"values (themselves )?(all )?come from C4CC", text, re.I)
        assert re.search(r"On C4CC's page for the model we saw the lead-in to the values, but not the values", text)
    for value in not_c4cc:
        # The name the source starts with: "Hertfordshire and West Essex ICS",
        # "Act 4 Inclusion's", or "Hertfordshire" from "The Hertfordshire copy".
        named = re.match(r"(?:The )?([A-Z][\w']*(?: (?:and|\d+|[A-Z][\w']*))*)", value.source).group(1)
        assert named in text, f"the values page does not name {named!r}, where a value was seen"


def test_downloads_page_claims_for_screen_readers_only_what_the_statement_and_code_support(built_site):
    statement = source_text("accessibility.md")
    downloads = page_text(built_site, "downloads")
    untested = re.search(r"not yet tested[^.]*screen readers", statement)
    if untested:
        assert not re.search(r"works? (well )?with screen readers|screen.reader (friendly|ready|accessible)",
                             downloads, re.I), downloads
        assert "not yet tested" in downloads and "screen readers" in downloads
    if re.search(r"\bPDF is tagged\b", downloads):
        # Every PDF is made as PDF/UA-1: tagged, in reading order.
        assert "ua" in pdf.PDF_VARIANT.lower()


def test_downloads_page_says_only_what_the_easy_read_check_does(built_site):
    downloads = page_text(built_site, "downloads")
    easy = downloads[downloads.index("Easy Read version"):]
    # The number it gives is the build's own limit.
    for number in re.findall(r"longer than (\d+) words", easy):
        assert int(number) == easy_read.MAX_SENTENCE_WORDS
    # The check allows more than one sentence in a row and cannot tell ideas
    # apart, so the page must not say the build makes each row one idea.
    if easy_read.MAX_ROW_SENTENCES > 1:
        assert not re.search(r"(build|check)[^.]*one idea", easy, re.I), easy
    # It tries to follow the rules; it does not claim to meet them all.
    assert not re.search(r"Easy Read version follows", easy), easy
