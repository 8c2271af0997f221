"""Review dates: every public page says when it was last checked and when it is
next due; a missing or wrong date stops with the line; a page past its date gets
advice. And the prefilled "Is something wrong with this page?" links."""
import calendar
import re
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from coproduction.errors import ContentError
from coproduction.markdown_source import Page, load_page
from coproduction.review_dates import (CONTRIBUTOR_PAGES, build_date, email_url, format_date, is_public,
                                       issue_url, page_footer, read_review_dates, repository_url)

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
TODAY = date(2026, 12, 7)


def page(front_matter: str) -> Page:
    return Page.from_text(f"---\ntitle: Meetings\n{front_matter}---\n\n# Meetings\n\nWe meet monthly.\n",
                          "docs/guides/meetings.md")


def test_every_public_page_has_review_dates_and_contributor_pages_need_none():
    pages = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    public = [p for p in pages if is_public(p)]
    assert set(pages) - set(public) == {
        "about/contributing.md", "about/add-a-case-study.md", "about/readability.md", "about/build-errors.md"}
    assert len(public) >= 30
    for src in public:
        dates = read_review_dates(load_page(DOCS / src, f"docs/{src}"), True, TODAY)
        assert dates.last_reviewed < dates.next_review, src
        # The dates are the first lines of the front matter, so other edits merge around them.
        assert (DOCS / src).read_text(encoding="utf-8").split("\n")[1].startswith("last_reviewed: "), src


def test_dates_read_as_yaml_dates_or_strings():
    dates = read_review_dates(page("last_reviewed: 2026-12-07\nnext_review: '2027-06-01'\n"), True, TODAY)
    assert (dates.last_reviewed, dates.next_review) == (date(2026, 12, 7), date(2027, 6, 1))
    assert (dates.last_text, dates.next_text) == ("7 December 2026", "1 June 2027")
    assert not dates.overdue and dates.advice is None
    assert read_review_dates(page(""), False, TODAY) is None  # a contributor page may have none


@pytest.mark.parametrize("front_matter, line, words", [
    ("", 1, "does not say when it was last checked. Add `last_reviewed: 2026-12-07` and `next_review: 2027-12-07`"),
    ("last_reviewed: 2026-12-07\n", 3, "Add `next_review: 2027-12-07` under `last_reviewed:`"),
    ("next_review: 2027-12-07\n", 3, "Add `last_reviewed: 2026-12-07` above `next_review:`"),
    ("last_reviewed: 2026-12-07\nnext_review: 2027-13-01\n", 4, "a date that does not exist (2027-13-01)"),
    ("last_reviewed: 2026-12-07\nnext_review: '2027-02-30'\n", 4, "'next_review: 2027-02-30' is not a real date"),
    ("last_reviewed: 7 December 2026\nnext_review: 2027-12-07\n", 3, "needs a date written as year-month-day"),
    ("last_reviewed: 2026-12-07\nnext_review:\n", 4, "'next_review' needs a date"),
    ("last_reviewed: 2026-12-07 10:00:00\nnext_review: 2027-12-07\n", 3, "has a time as well as a date"),
    ("last_reviewed: 2026-12-07\nnext_review: 2026-12-01\n", 4, "is not after 'last_reviewed'"),
])
def test_a_missing_or_wrong_date_names_the_line_and_the_fix(front_matter, line, words):
    with pytest.raises(ContentError) as caught:
        read_review_dates(page(front_matter), True, TODAY)
    assert caught.value.file == "docs/guides/meetings.md" and caught.value.line == line
    assert words in str(caught.value)


def test_a_page_past_its_review_date_gets_advice_on_the_build_date():
    stale = page("last_reviewed: 2025-06-01\nnext_review: 2026-06-01\n")
    # The Makefile stamps builds with the commit's time, as seconds since 1970.
    commit_time = calendar.timegm((2026, 12, 7, 23, 59, 0))
    today = build_date({"SOURCE_DATE_EPOCH": str(commit_time)})
    assert today == date(2026, 12, 7)
    dates = read_review_dates(stale, True, today)
    assert dates.overdue
    assert dates.advice.startswith("This page was due for review on 1 June 2026. Check that its facts")
    # On the day before it is due, it is not overdue yet.
    assert read_review_dates(stale, True, date(2026, 6, 1)).advice is None
    now = datetime.now(tz=timezone.utc).date()
    assert build_date({}) == now and build_date({"SOURCE_DATE_EPOCH": ""}) == now  # no stamp: the current date


def test_dates_are_written_as_people_in_the_uk_write_them():
    assert [format_date(d) for d in (date(2026, 12, 7), date(2027, 1, 31), date(2028, 2, 29))] == [
        "7 December 2026", "31 January 2027", "29 February 2028"]


def test_the_issue_link_opens_a_prefilled_issue_with_the_page_path():
    url = issue_url("https://github.com/coproduction-model/coproduction-model", "docs/guides/a&b #1.md")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "github.com", "/coproduction-model/coproduction-model/issues/new")
    query = parse_qs(parts.query)
    assert query["title"] == ["Something is wrong on docs/guides/a&b #1.md"]  # & and # cannot break the link
    assert query["body"][0].startswith("Page: docs/guides/a&b #1.md\n")
    with pytest.raises(ValueError):
        issue_url("javascript:alert(1)", "docs/index.md")


def test_the_repository_comes_from_mkdocs_settings_and_must_be_on_github():
    edit_uri = "https://github.com/coproduction-model/coproduction-model/edit/main/docs/"
    assert repository_url(None, edit_uri) == "https://github.com/coproduction-model/coproduction-model"
    assert repository_url("https://github.com/someone/fork/", edit_uri) == "https://github.com/someone/fork"
    assert repository_url("https://github.example.org/a/b", None) is None
    assert repository_url("https://github.com.evil.example/a/b", "javascript:alert(1)") is None
    assert repository_url(None, None) is None


def test_the_email_route_only_when_an_address_is_set():
    assert email_url(None, "docs/index.md") is None
    assert email_url("not an address", "docs/index.md") is None
    assert email_url("team@example.org\nBcc: x@y.z", "docs/index.md") is None
    url = email_url("team@example.org", "docs/index.md")
    assert url.startswith("mailto:team@example.org?")
    assert parse_qs(urlsplit(url).query)["subject"] == ["Something is wrong on docs/index.md"]


def test_the_page_footer_gives_the_theme_everything_it_shows():
    dates = read_review_dates(page("last_reviewed: 2026-12-07\nnext_review: 2027-12-07\n"), True, TODAY)
    footer = page_footer(dates, "guides/meetings.md", extra={"contact_email": "team@example.org"},
                         edit_uri="https://github.com/o/n/edit/main/docs/")
    assert footer["last_reviewed"] == "7 December 2026" and footer["next_review"] == "7 December 2027"
    assert footer["issue_url"].startswith("https://github.com/o/n/issues/new?title=Something%20is%20wrong%20on%20docs%2Fguides%2Fmeetings.md")
    assert footer["email_url"].startswith("mailto:team@example.org?subject=")
    assert not footer["overdue"]
    contributor = page_footer(read_review_dates(page(""), False, TODAY), sorted(CONTRIBUTOR_PAGES)[0], edit_uri=None)
    assert contributor == {"last_reviewed": None, "next_review": None, "last_reviewed_iso": None,
                           "next_review_iso": None, "overdue": False, "issue_url": None, "email_url": None,
                           "contact_email": None, "repository_url": None}


def test_the_readability_report_lists_the_pages_past_their_review_date():
    import json

    from coproduction.readability.report import Report
    from coproduction.readability.rules import Thresholds
    report = Report(Thresholds())
    today = date(2027, 7, 1)
    for src, last, next_ in (("a.md", "2025-01-01", "2026-01-01"), ("b.md", "2026-12-07", "2027-12-07"),
                             ("c.md", "2025-06-01", "2026-06-01")):
        shown = Page.from_text(f"---\nlast_reviewed: {last}\nnext_review: {next_}\n---\n# A\n", f"docs/{src}")
        report.add_review(src, read_review_dates(shown, True, today))
    report.add_review("about/contributing.md", None)  # a contributor page: no dates
    due = json.loads(report.to_json())["reviews_due"]
    assert [(d["page"], d["file"], d["line"], d["next_review"]) for d in due] == [
        ("a.md", "docs/a.md", 3, "2026-01-01"), ("c.md", "docs/c.md", 3, "2026-06-01")]
    assert due[0]["advice"].startswith("This page was due for review on 1 January 2026.")


# ---- in the real build ----------------------------------------------------------

def _built_page(site: Path, src: str) -> Path:
    stem = src[:-len(".md")]
    return site / (f"{stem[:-len('index')]}index.html" if stem == "index" or stem.endswith("/index")
                   else f"{stem}/index.html")


def test_every_public_page_shows_its_review_dates_and_the_feedback_link(built_site):
    import yaml
    from urllib.parse import quote
    sources = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    public = [s for s in sources if s not in CONTRIBUTOR_PAGES]
    assert len(public) >= 30
    for src in sources:
        html = _built_page(built_site, src).read_text(encoding="utf-8")
        if src not in public:
            assert "page-review" not in html, src
            continue
        meta = yaml.safe_load((DOCS / src).read_text(encoding="utf-8").split("---\n")[1])
        last, next_ = meta["last_reviewed"], meta["next_review"]
        assert (f'Page last reviewed: <time datetime="{last.isoformat()}">'
                f'{last.day} {calendar.month_name[last.month]} {last.year}</time>') in html, src
        assert f'Next review due: <time datetime="{next_.isoformat()}">' in html, src
        assert "Is something wrong with this page?" in html, src
        issue = re.search(r'<a href="([^"]+)">Tell us on GitHub</a>', html)
        assert issue, src
        link = issue[1].replace("&amp;", "&")
        assert link.startswith("https://github.com/coproduction-model/coproduction-model/issues/new?"), src
        assert parse_qs(urlsplit(link).query)["title"] == [f"Something is wrong on docs/{src}"], src
        assert quote(f"docs/{src}", safe="") in link
        assert "mailto:" not in html  # no contact_email in mkdocs.yml: no email route


def test_a_page_past_its_review_date_builds_with_advice_and_is_listed(project_copy, tmp_path):
    from builds import run_build
    origins = project_copy / "docs" / "origins.md"
    text = origins.read_text(encoding="utf-8")
    assert "\nnext_review: " in text
    origins.write_text(re.sub(r"(?m)^last_reviewed: .*$", "last_reviewed: 2024-01-10",
                              re.sub(r"(?m)^next_review: .*$", "next_review: 2025-01-10", text)), encoding="utf-8")
    line = next(n for n, t in enumerate(origins.read_text(encoding="utf-8").split("\n"), 1)
                if t.startswith("next_review:"))
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('  contact_email: ""\n',
                                                                   '  contact_email: "team@example.org"\n'))
    stamp = str(calendar.timegm(date(2026, 12, 7).timetuple()))
    result = run_build(project_copy, "--verbose", site_dir=tmp_path / "site", env={"SOURCE_DATE_EPOCH": stamp})
    assert result.returncode == 0, result.output  # advice, never a failure
    assert f"docs/origins.md:{line}: This page was due for review on 10 January 2025." in result.output
    import json
    findings = json.loads((project_copy / ".cache" / "findings.json").read_text(encoding="utf-8"))
    assert {(f["file"], f["line"], f["title"]) for f in findings["findings"]} >= {("docs/origins.md", line, "Review due")}
    page_html = (tmp_path / "site" / "origins" / "index.html").read_text(encoding="utf-8")
    assert "10 January 2025</time> (this page is due for review)" in page_html
    assert '<a href="mailto:team@example.org?subject=Something%20is%20wrong%20on%20docs%2Forigins.md">email us</a>' \
        in page_html
    report = (tmp_path / "site" / "about" / "readability" / "index.html").read_text(encoding="utf-8")
    section = report.split('id="pages-past-their-review-date"')[1].split("<h2")[0]
    assert 'href="../../origins/"' in section and "10 January 2024" in section and "10 January 2025" in section
