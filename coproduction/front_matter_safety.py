"""Front matter is plain text, read the way MkDocs reads it, with only the keys on a list.

Material prints some front-matter values straight into the page head, the menu
and the table of contents (title, description, status...) without escaping
them, and MkDocs' templates do not escape by default. MkDocs also reads a
second kind of settings: `key: value` lines at the very top of a page with no
`---` around them (MultiMarkdown metadata). So:
- settings after a first line of `---` with no `---` line after them are refused,
  at line 1 (MkDocs would show them as words);
- MultiMarkdown settings are refused (multimarkdown_meta finds them exactly as
  mkdocs.utils.meta.get_data does): the checks below read `---` front matter;
- front-matter keys are an allowlist (ALLOWED_KEYS, CASE_STUDY_KEYS in
  docs/case-studies/ only), each with a type: `status` only a value Material
  knows, `template` only one of our own (in overrides/, not one of the theme's,
  such as redirect.html, and not NOT_FOR_PAGES), `hide` only Material's parts,
  review dates as YYYY-MM-DD; `render_macros` and every other key are refused, with the line;
- no value may contain '<' or '>', and a title may not contain '"';
- description and author are HTML-escaped before any template prints them
  (see coproduction/plugin/plugin.py), so a quote cannot end the attribute they sit in;
- a page whose front matter has any problem here is read with it emptied
  (markdown_source.with_empty_front_matter, from the plugin's on_page_read_source),
  so its other problems are listed too, and the build stops before any page is written.
"""
from __future__ import annotations

import datetime
import re

from .errors import ContentError
from .markdown_source import front_matter_line_count, unclosed_front_matter

_MARKUP = re.compile(r"[<>]")


def _text(value) -> bool:
    return isinstance(value, str) and "\n" not in value.strip()


# A date written day first, as people in the UK write one (31/12/2027, 31-12-2027, 31.12.2027),
# or year first without its zeros (2027-12-7).
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})")
_SHORT_YEAR_FIRST = re.compile(r"(?P<year>\d{4})[/.-](?P<month>\d{1,2})[/.-](?P<day>\d{1,2})")


def _year_first(value) -> str | None:
    """The date in `value` as the front matter needs it (YYYY-MM-DD), if it is a real date
    written another common way (_DAY_FIRST, _SHORT_YEAR_FIRST); else None."""
    match = _DAY_FIRST.fullmatch(str(value).strip()) or _SHORT_YEAR_FIRST.fullmatch(str(value).strip())
    if not match:
        return None
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"])).isoformat()
    except ValueError:
        return None


# Dashes that look like '-' but are other characters: en and em dashes, the minus sign, and the rest.
_OTHER_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")


def _date(value) -> bool:
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return True
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            datetime.date.fromisoformat(value)
            return True
        except ValueError:
            return False
    return False


# Our templates in overrides/ that a page may not pick: the one every page extends, and the
# not-found page's.
NOT_FOR_PAGES = ("main.html", "404.html")
# Material's page statuses (docs: "Setting the page status"): anything else would be
# printed into the menu's class attribute as it is.
STATUSES = ("new", "deprecated")
HIDDEN_PARTS = ("navigation", "toc", "footer", "path", "tags")


def _search(value) -> bool:
    if not isinstance(value, dict) or not value:
        return False
    for key, item in value.items():
        if key == "exclude" and isinstance(item, bool):
            continue
        if key == "boost" and isinstance(item, (int, float)) and not isinstance(item, bool) and 0 < item <= 10:
            continue
        return False
    return True


# key -> (is the value right?, what it must be). `template` is checked against the
# templates the caller allows (overrides/).
ALLOWED_KEYS = {
    "title": (_text, "one line of text"),
    "description": (_text, "one line of text"),
    "status": (lambda v: v in STATUSES, "one of: " + ", ".join(STATUSES)),
    "template": (_text, "the name of one of our templates"),
    "hide": (lambda v: isinstance(v, list) and bool(v) and all(i in HIDDEN_PARTS for i in v),
             "a list of: " + ", ".join(HIDDEN_PARTS)),
    "search": (_search, "'exclude: true' or 'boost:' with a number from 1 to 10"),
    # When a person last checked the page, and when it should be checked again.
    "last_reviewed": (_date, "a date written as YYYY-MM-DD"),
    "next_review": (_date, "a date written as YYYY-MM-DD"),
    # A reasoned override of the readability gate (coproduction/readability/rules.py checks its fields).
    "readability": (lambda v: isinstance(v, dict), "a list of settings, as docs/about/readability.md shows"),
}
# The fields of a case study (coproduction/case_studies.py checks them in full).
CASE_STUDY_FOLDER = "docs/case-studies/"
CASE_STUDY_KEYS = {
    "organisation": (_text, "one line of text"),
    "place": (_text, "one line of text"),
    "year": (lambda v: _text(v) or (isinstance(v, int) and not isinstance(v, bool)), "a year or one line of text"),
    "source": (_text, "one line of text"),
    "what_changed": (_text, "one line of text"),
    "source_url": (_text, "one web address"),
}


def _strings(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, path)


def _line_of_key(source: str, key: str) -> int | None:
    head = source.splitlines()[: front_matter_line_count(source)]
    for number, line in enumerate(head, start=1):
        if re.match(rf"\s*-?\s*{re.escape(key)}\s*:", line):
            return number
    return None


# --- MultiMarkdown settings ------------------------------------------------------

# As in mkdocs/utils/meta.py (MkDocs 1.6), which MkDocs uses to read every page.
_MKDOCS_YAML = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


def multimarkdown_meta(text: str) -> list[tuple[str, int]]:
    """The settings MkDocs would read from `key: value` lines at the top of a page
    with no `---` front matter, as (key, line); [] when there are none.

    Same rules as mkdocs.utils.meta.get_data: only when the page does not start
    with YAML front matter; key lines (up to 3 spaces, then letters, digits, _ or
    -, then ':') and their indented continuation lines, up to the first blank
    line or other line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _MKDOCS_YAML.match(text):
        return []
    found: list[tuple[str, int]] = []
    key = None
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip() == "":
            break
        if match := _META.match(line):
            key = match.group("key").lower().strip()
            found.append((key, number))
        elif key and _META_MORE.match(line):
            found.append((key, number))
        else:
            break
    return found


# --- the checks ----------------------------------------------------------------


def front_matter_problems(meta: dict, source: str, shown: str, templates: set[str]) -> list[ContentError]:
    """Every problem with a page's settings, each with its line.

    `meta` is the page's `---` front matter (markdown_source.Page.meta), `source`
    the page as written, `templates` the templates pages may pick. Settings with no '---' line
    after them raise: the page cannot be read until it has one."""
    if last := unclosed_front_matter(source):
        raise ContentError(
            shown, "The fields at the top of this page start with a line of '---', but no line of '---' ends them. "
            "So the build cannot read them, and the page would show them as words",
            f"Add a line with only --- after the last field (line {last}), as other pages have", line=1)
    settings = multimarkdown_meta(source)
    if settings:
        keys = ", ".join(dict.fromkeys(key for key, _ in settings))
        return [ContentError(
            shown, f"The page starts with lines that MkDocs reads as fields ({keys}): MultiMarkdown "
            "fields, without '---' lines, which the build cannot check",
            "Start the page with its heading (# ...). Put any fields between two '---' lines "
            "at the top, as other pages do", line=settings[0][1])]
    problems = []
    allowed = dict(ALLOWED_KEYS)
    if shown.startswith(CASE_STUDY_FOLDER):
        allowed.update(CASE_STUDY_KEYS)
    for key, value in meta.items():
        name = str(key)
        line = _line_of_key(source, name)
        if name == "render_macros":
            problems.append(ContentError(
                shown, "The front matter has 'render_macros', which would run macros on a page that may not use them",
                "Remove the line. Only the pages listed under force_render_paths in mkdocs.yml may use macros "
                "(ask a maintainer)", line=line))
        elif name not in allowed:
            problems.append(ContentError(
                shown, f"The front matter key '{name[:40]}' is not one pages may use",
                "Remove it, or check its spelling. Pages may use: " + ", ".join(sorted(allowed)), line=line))
        elif not allowed[name][0](value):
            if name == "template" or name == "status":
                what = f"'{name}' may only be {allowed[name][1]}"
            elif name == "hide":
                what = f"'hide' may only list {allowed[name][1].removeprefix('a list of: ')}"
            else:
                what = f"'{name}' must be {allowed[name][1]}"
            fix = "Change the value on this line, or remove the line"
            dashes = _OTHER_DASHES.sub("-", value) if isinstance(value, str) else ""
            if allowed[name][0] is _date and dashes != value and (_date(dashes) or _year_first(dashes)):
                what += ", and its dashes are not the '-' on the keyboard: a word processor may have made them longer"
                fix = f"Type the date again with the '-' key: '{name}: {_year_first(dashes) or dashes}'"
            elif allowed[name][0] is _date and (year_first := _year_first(value)):
                fix = f"Write it year first, with two figures for the month and the day: '{name}: {year_first}'"
            problems.append(ContentError(shown, f"In the front matter, {what}", fix, line=line))
    for path, text in _strings(meta):
        key = path[-1] if path else ""
        line = _line_of_key(source, key) if key else None
        if _MARKUP.search(text):
            problems.append(ContentError(
                shown, f"The front matter value '{key}' contains '<' or '>'. Front matter is plain text, "
                "and HTML in it could run code in the page head", "Remove the '<' and '>' from it", line=line))
        elif path == ("title",) and '"' in text:
            problems.append(ContentError(
                shown, "The title contains a double quote (\"), which the theme cannot show safely",
                "Use single quotes (' ') or curly quotes instead", line=line))
    template = meta.get("template")
    if template is not None and template not in templates:
        problems.append(ContentError(
            shown, f"The front matter asks for the template '{str(template)[:60]}', which pages may not use",
            "Remove the 'template:' line. Pages may only use: " + (", ".join(sorted(templates)) or "none"),
            line=_line_of_key(source, "template")))
    return sorted(problems, key=lambda problem: problem.line or 0)
