"""When a page was last checked, when it is next due, and how a reader reports a problem.

Facts about payment rates and guidance go stale. So every public page says, in
its front matter, when someone last checked it and when it should be checked
again, as the NHS service manual and GOV.UK's technical documentation do:

    ---
    last_reviewed: 2026-12-07
    next_review: 2027-12-07
    ---

    dates = read_review_dates(page, public=True, today=build_date())
    dates.last_text, dates.next_text   # "7 December 2026", "7 December 2027"
    dates.advice                       # a sentence if the page is past its review date, else None
    issue_url("https://github.com/owner/name", "docs/guides/start.md")  # a prefilled GitHub issue

A missing or malformed date on a public page is a ContentError with the file,
the line and the fix. A page past its review date only gets advice: the build
goes on. "Today" is the build's SOURCE_DATE_EPOCH when it is set (the Makefile
sets it to the commit's time, so a commit always builds the same bytes), else
the current date.

The contributor pages (CONTRIBUTOR_PAGES) are about the repository, not the
model, so they need no review dates.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from urllib.parse import quote, urlencode

from .errors import ContentError
from .markdown_source import Page

# Pages for contributors, relative to docs/: every other page is public.
CONTRIBUTOR_PAGES = frozenset({
    "about/contributing.md", "about/add-a-case-study.md", "about/readability.md", "about/build-errors.md"})

LAST, NEXT = "last_reviewed", "next_review"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def is_public(src_path: str) -> bool:
    """Whether a page (its path under docs/, with "/") is for the public, so needs review dates."""
    return src_path not in CONTRIBUTOR_PAGES


def build_date(environ=None) -> date:
    """Today, for the build: the day of SOURCE_DATE_EPOCH (in UTC) if it is set, else the current date."""
    environ = os.environ if environ is None else environ
    stamp = (environ.get("SOURCE_DATE_EPOCH") or "").strip()
    if stamp.isdigit():
        return datetime.fromtimestamp(int(stamp), tz=timezone.utc).date()
    return datetime.now(tz=timezone.utc).date()


def format_date(day: date) -> str:
    """A date as people in the UK write it: "7 December 2026"."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def one_year_after(day: date) -> date:
    """The same date a year later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


@dataclass(frozen=True)
class ReviewDates:
    last_reviewed: date
    next_review: date
    today: date
    file: str = ""
    line: int | None = None  # the line of next_review

    @property
    def last_text(self) -> str:
        return format_date(self.last_reviewed)

    @property
    def next_text(self) -> str:
        return format_date(self.next_review)

    @property
    def overdue(self) -> bool:
        return self.next_review < self.today

    @property
    def advice(self) -> str | None:
        """What to do if the page is past its review date (advice, never a failure), else None."""
        if not self.overdue:
            return None
        return (f"This page was due for review on {self.next_text}. Check that its facts and links are still right, "
                f"then set last_reviewed to the day you checked it and next_review a year later")


def _example(today: date) -> str:
    return f"{LAST}: {today.isoformat()}` and `{NEXT}: {one_year_after(today).isoformat()}"


def _read(page: Page, key: str, today: date) -> date | None:
    """The date under `key`, or None if there is no such key. ContentError if it is not a date."""
    if key not in page.meta:
        return None
    value = page.meta[key]
    line = page.meta_line(key)
    if isinstance(value, datetime):
        raise ContentError(page.shown, f"'{key}' has a time as well as a date",
                           f"Write the date only, for example `{key}: {value.date().isoformat()}`", line=line)
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
        raise ContentError(page.shown, f"'{key}: {value.strip()}' is not a real date",
                           "Check the month (01 to 12) and the day", line=line)
    shown = "" if value is None else f" ('{value}')"
    raise ContentError(page.shown, f"'{key}' needs a date written as year-month-day{shown}",
                       f"Write it like this: `{key}: {today.isoformat()}`", line=line)


def read_review_dates(page: Page, public: bool, today: date) -> ReviewDates | None:
    """The page's review dates, or None on a contributor page that has none.

    A public page must have both; `next_review` must come after `last_reviewed`."""
    last, next_ = _read(page, LAST, today), _read(page, NEXT, today)
    if last is None and next_ is None:
        if not public:
            return None
        raise ContentError(page.shown, "This page does not say when it was last checked",
                           f"Add `{_example(today)}` to its front matter, between the --- lines at the top "
                           "(the date you checked the page, and a year later)", line=1)
    if last is None:
        raise ContentError(page.shown, f"'{NEXT}' is here, but '{LAST}' is missing",
                           f"Add `{LAST}: {today.isoformat()}` above `{NEXT}:` (the date you last checked the page)",
                           line=page.meta_line(NEXT))
    if next_ is None:
        raise ContentError(page.shown, f"'{LAST}' is here, but '{NEXT}' is missing",
                           f"Add `{NEXT}: {one_year_after(last).isoformat()}` under `{LAST}:` "
                           "(when the page should next be checked: usually a year later)", line=page.meta_line(LAST))
    if next_ <= last:
        raise ContentError(page.shown, f"'{NEXT}' ({next_.isoformat()}) is not after '{LAST}' ({last.isoformat()})",
                           f"Set `{NEXT}` to a later date, usually a year later: {one_year_after(last).isoformat()}",
                           line=page.meta_line(NEXT))
    return ReviewDates(last, next_, today, page.shown, page.meta_line(NEXT))


# Page feedback: a prefilled GitHub issue, and an email if mkdocs.yml gives an address.
_GITHUB_REPOSITORY = re.compile(r"https://github\.com/[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def repository_url(extra_repository_url: str | None = None, edit_uri: str | None = None) -> str | None:
    """The repository's GitHub address: mkdocs.yml's extra.repository_url if set, else
    the start of edit_uri (https://github.com/OWNER/NAME/edit/main/docs/). None if neither is a
    GitHub repository's address (only those are allowed: the link must go where we think)."""
    for candidate in (extra_repository_url, edit_uri):
        if not isinstance(candidate, str):
            continue
        match = _GITHUB_REPOSITORY.match(candidate.strip())
        if match and candidate.strip()[match.end():][:1] in ("", "/") and not match.group(0).endswith("."):
            return match.group(0)
    return None


def issue_url(repository: str, page_path: str) -> str:
    """A link that opens a new GitHub issue about the page, with its path in the title."""
    if not _GITHUB_REPOSITORY.fullmatch(repository.rstrip("/")):
        raise ValueError(f"not a GitHub repository's address: {repository!r}")
    query = urlencode({"title": f"Something is wrong on {page_path}",
                       "body": f"Page: {page_path}\n\nWhat is wrong, and where on the page?\n\n"
                               "If you know the right facts, where are they from?\n"}, quote_via=quote)
    return f"{repository.rstrip('/')}/issues/new?{query}"


def contact_email(extra: dict | None) -> str | None:
    """mkdocs.yml's extra.contact_email if it is an email address, else None: the one rule for
    every email link (the page's foot and the About page). No address is ever made up."""
    address = (extra or {}).get("contact_email")
    if not isinstance(address, str) or not _EMAIL.fullmatch(address.strip()):
        return None
    return address.strip()


def email_url(address: str | None, page_path: str) -> str | None:
    """A mailto: link about the page, or None if there is no (valid) address."""
    address = contact_email({"contact_email": address})
    if address is None:
        return None
    query = urlencode({"subject": f"Something is wrong on {page_path}"}, quote_via=quote)
    return f"mailto:{address}?{query}"


def page_footer(dates: ReviewDates | None, src_path: str, *, extra: dict | None = None,
                edit_uri: str | None = None, docs_dir: str = "docs") -> dict:
    """What the page's foot shows, for the theme: the review dates read_review_dates() gave
    (None on a contributor page without them) and the feedback links.

    The feedback links are for public pages only; the issue link only when the
    repository's address is known, the email only when extra.contact_email is set."""
    extra = extra or {}
    public = is_public(src_path)
    path = f"{docs_dir}/{src_path}"
    repository = repository_url(extra.get("repository_url"), edit_uri)
    return {
        "last_reviewed": dates.last_text if dates else None,
        "next_review": dates.next_text if dates else None,
        "last_reviewed_iso": dates.last_reviewed.isoformat() if dates else None,
        "next_review_iso": dates.next_review.isoformat() if dates else None,
        "overdue": bool(dates and dates.overdue),
        "issue_url": issue_url(repository, path) if public and repository else None,
        "email_url": email_url(extra.get("contact_email"), path) if public else None,
        "contact_email": contact_email(extra),  # for the About page's "Get in touch"
        "repository_url": repository,
    }
