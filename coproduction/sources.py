"""The source register: every source the site cites, in data/sources.yml.

load_register() reads and checks the register (same loader and messages as the
model data). The rest is plain Python that the coproduction plugin calls:
- reference_definitions(): `[key]: url` lines, so a page can cite
  `[the post][c4cc-model-page]` without typing the address;
- check_page(): every link to another website in a built page must be in the
  register (or be the project's own site or repository), else a message naming
  the page, the line and what to do;
- render_markdown(): the Sources page, grouped, and within each group by how
  the fact was seen (STATUS_LABELS).

A title or an author is given only as the source material gives it (a test
checks each against the file named in `found_in`); with no title, the page
says so and names the page by its web address.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field

from .datafile import Name, Strict, Text, load_yaml, validate
from .errors import ContentError, printable
from .html_safety import offsets_after_tags
from .markdown_source import blank_out_code
from .urls import as_browser_reads, is_off_site

REGISTER_FILE = "data/sources.yml"
SOURCES_PAGE = "sources.md"  # the page that lists every source (render_markdown)

# How the fact was seen, in the order the Sources page lists them.
STATUS_LABELS = {
    "read": "Read: the words or the fact were seen in the source itself",
    "copy": "A copy or a report: seen in someone else's copy, adapted copy or report of it, not in the original",
    "search-excerpt": "Search excerpt: seen in the few words a search result showed, not in the page read in full",
    "unverified": "Not verified: named in our notes, but we could not check it",
}


def _url(value: str) -> str:
    if not re.fullmatch(r"https?://[^\s<>\"]+", value):
        raise ValueError("a web address must start with http:// or https:// and have no spaces")
    if "&amp;" in value:
        raise ValueError("the address has '&amp;' in it: write a plain '&'")
    return value


def _found_in(value: str) -> str:
    if not re.match(r"(model\.md|facts\.md|README\.md|seeds/\d{3})\b", value):
        raise ValueError("say where in the source material you found it, "
                         "starting with model.md, facts.md or seeds/000 to seeds/004")
    return value


Key = Name  # datafile.NAME_PATTERN


class Group(Strict):
    key: Key
    heading: Text
    intro: Text | None = None


# What a reader sees after a link to a source seen only in part: the doubt shows where the fact is cited.
DOUBT_WORDS = {"search-excerpt": "we saw only a search result for this",
               "unverified": "we could not check this"}


class Source(Strict):
    key: Key
    title: Text | None = None  # None: the source material gives no title
    author: Text | None = None
    date: Text | None = None
    url: Annotated[Text, AfterValidator(_url)] | None = None
    found_in: Annotated[Text, AfterValidator(_found_in)]
    status: Literal["read", "copy", "search-excerpt", "unverified"]
    group: Key
    note: Text | None = None

    @property
    def verified(self) -> bool:
        return self.status == "read"

    @property
    def doubt(self) -> str | None:
        """What a reader sees in brackets after a link to this source (DOUBT_WORDS), if it is in doubt."""
        return DOUBT_WORDS.get(self.status)

    @property
    def name(self) -> str:
        """The title, or, when the source material gives none, the page's address in words."""
        if self.title:
            return self.title
        if self.url:
            host = urlsplit(self.url).netloc.removeprefix("www.")
            return f"page at {host}, title not recorded"
        return "title not recorded"


class Register(Strict):
    groups: list[Group] = Field(min_length=1)
    sources: list[Source] = Field(min_length=1)

    def by_key(self) -> dict[str, Source]:
        return {s.key: s for s in self.sources}

    def urls(self) -> set[str]:
        return {s.url for s in self.sources if s.url}


def load_register(path: str | Path = REGISTER_FILE, shown_as: str | Path | None = None) -> Register:
    """data/sources.yml, checked. `shown_as` is the path to name in messages."""
    data, line_of = load_yaml(path, shown_as)
    path = shown_as or path
    register = validate(Register, data, path, line_of)
    seen: dict[str, int] = {}
    groups = {g.key for g in register.groups}
    for number, source in enumerate(register.sources):
        if source.key in seen:
            raise ContentError(path, f"The key '{source.key}' is used twice (also item {seen[source.key] + 1})",
                               "Give each source its own key", line=line_of(("sources", number, "key")))
        seen[source.key] = number
        if source.title is None and source.url is None and source.note is None:
            raise ContentError(path, f"Source '{source.key}' has no title, no web address and no note, so a "
                               "reader could not find it", "Add a 'note' that says what and where it is",
                               line=line_of(("sources", number, "key")))
        if source.group not in groups:
            raise ContentError(path, f"Source '{source.key}' names the group '{source.group}', which is not listed "
                               "under 'groups'", f"Use one of: {', '.join(sorted(groups))}",
                               line=line_of(("sources", number, "group")))
    return register


# --- citing by key ------------------------------------------------------------


def reference_definitions(register: Register, markdown: str) -> str:
    """Markdown reference definitions for the sources a page cites by key, `[text][key]`."""
    cited = {m.group(1) for m in _REFERENCE.finditer(markdown)}
    return "\n".join(f"[{s.key}]: {s.url}" for s in register.sources if s.url and s.key in cited)


# --- the link rule ------------------------------------------------------------


def own_prefixes(site_url: str | None, edit_uri: str | None) -> list[str]:
    """The project's own site and repository: links there need no register entry."""
    prefixes = []
    if site_url:
        prefixes.append(site_url)
    if edit_uri and urlsplit(edit_uri).scheme in ("http", "https"):
        # https://github.com/owner/repo/edit/main/docs/ -> https://github.com/owner/repo/
        prefixes.append(re.split(r"/(?:edit|blob|tree)/", edit_uri, maxsplit=1)[0] + "/")
    return prefixes


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    # Links only. Anything a page would load from elsewhere (src=...) is refused
    # by the safe-content plugin, with its own message.
    def handle_starttag(self, tag, attrs):
        if tag in ("a", "area"):
            for name, value in attrs:
                if name == "href" and value:
                    self.urls.append(value.strip())


def external_links(page_html: str) -> list[str]:
    """Every link a browser would follow to another host, as written in the page's HTML
    (character references decoded); urls.as_browser_reads() gives where it goes."""
    parser = _Links()
    parser.feed(page_html)
    return [u for u in parser.urls if is_off_site(u)]



class _LinkEnds(HTMLParser):
    """Where each link to a doubtful source ends (just after its </a>), as a parser reads the HTML.
    Not in a heading: the note would become part of the heading, in the contents and the search."""
    _HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}

    def __init__(self, doubtful: dict[str, str]):
        super().__init__(convert_charrefs=True)
        self.doubtful, self.href, self.ends, self.headings = doubtful, None, [], 0  # ends: ((line, column), words)

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.href = dict(attrs).get("href")
        self.headings += tag in self._HEADINGS

    def handle_endtag(self, tag):
        self.headings -= tag in self._HEADINGS and self.headings > 0
        if tag == "a" and self.href is not None and not self.headings:
            words = self.doubtful.get(as_browser_reads(self.href))
            if words:
                self.ends.append((self.getpos(), words))
            self.href = None


def with_doubts(page_html: str, register: Register) -> str:
    """The page's HTML with a note in brackets after each link to a source we saw only in a
    search result, or could not check (DOUBT_WORDS): the facts it backs are not certain, and the
    reader should see that where they meet them, not only on the Sources page. The note goes
    after the link's real end, found by a parser, so it never lands inside an attribute."""
    doubtful = {as_browser_reads(s.url): s.doubt for s in register.sources if s.url and s.doubt}
    parser = _LinkEnds(doubtful)
    parser.feed(page_html)
    parser.close()
    ends = offsets_after_tags(page_html, [position for position, _ in parser.ends])
    for at, (_, words) in reversed(list(zip(ends, parser.ends))):
        page_html = f'{page_html[:at]} <span class="source-doubt">({words})</span>{page_html[at:]}'
    return page_html


def _same_place(url: str) -> str:
    """An address without what people often add or leave off: http or https, www., a / at the end."""
    url = re.sub(r"^(?:https?:)?//(?:www\.)?", "", as_browser_reads(url), flags=re.IGNORECASE)
    return url.rstrip("/")


def _nearly(url: str, register: Register) -> Source | None:
    """The registered source whose address differs from `url` only as _same_place() allows."""
    place = _same_place(url)
    return next((s for s in register.sources if s.url and _same_place(s.url) == place), None)


def _allowed(url: str, allowed: set[str], bases: list[str]) -> bool:
    """Is `url` (as a browser reads it) in the register or on our own site or repository?
    `allowed` and `bases` are already as a browser reads them: check_page reads them once
    for a page, not once for each link (on a 341-page copy of the site, reading them for
    each link cost 7% of the build: 5.85 s, now 5.46 s of processor time)."""
    url = as_browser_reads(url)
    if url.startswith("//"):
        url = "https:" + url
    if url in allowed:
        return True
    for base in bases:
        if url == base or url.startswith(base + "/") or url.startswith(base + "?") or url.startswith(base + "#"):
            return True
    return False


def _line_in(source: str, url: str) -> int | None:
    # Last, the host alone: the address may be written with character references.
    host = as_browser_reads(url).split("//", 1)[-1].split("/", 1)[0]
    for candidate in (url, html.escape(url, quote=False), url.rstrip("/"), host):
        if not candidate:
            continue
        offset = source.find(candidate)
        if offset >= 0:
            return source.count("\n", 0, offset) + 1
    return None


_REFERENCE = re.compile(r"\]\[([^\]\n]+)\]")
_DEFINED = re.compile(r"^ {0,3}\[([^\]\n]+)\]:", re.MULTILINE)


def check_page(page: str, source: str, page_html: str, register: Register, prefixes: list[str]) -> None:
    """Raise ContentError for the first link to another website not in the register,
    or the first `[text][key]` whose key the register does not have."""
    keys = register.by_key()
    prose = blank_out_code(source)  # `[text][key]` shown as code is an example, not a link
    defined = {k.lower() for k in _DEFINED.findall(prose)}
    for match in _REFERENCE.finditer(prose):
        key = match.group(1)
        if key.lower() not in defined and key not in keys and re.fullmatch(r"[a-z0-9-]+", key):
            raise ContentError(page, f"The link [{key}] names no source in {REGISTER_FILE}",
                               f"Check the key's spelling, or add the source to {REGISTER_FILE} "
                               "(see CONTRIBUTING.md, 'Adding a source')",
                               line=source.count("\n", 0, match.start()) + 1)
    for key in keys:
        if keys[key].url is None and f"][{key}]" in prose:
            raise ContentError(page, f"The link [{key}] names a source with no web address",
                               "Name the source in words instead of linking it",
                               line=_line_in(source, f"][{key}]"))
    allowed = {as_browser_reads(u) for u in register.urls()}
    bases = [as_browser_reads(prefix).rstrip("/") for prefix in prefixes]
    for url in external_links(page_html):
        if not _allowed(url, allowed, bases):
            line = _line_in(source, url)
            near = _nearly(url, register)
            if near:
                raise ContentError(
                    page, f"This page links to {printable(as_browser_reads(url))}, which is nearly the address of "
                    f"the source '{near.key}' in {REGISTER_FILE}: {near.url}",
                    f"Cite that source by its key instead, like [your words][{near.key}], so the link goes to the "
                    "address the register gives", line=line)
            raise ContentError(
                page, "This page links to another website that is not in the source register: "
                f"{printable(as_browser_reads(url))}"
                + ("" if line else " (the link comes from a data file or macro)"),
                f"Add it to {REGISTER_FILE} with a key, a title and where in the source material you found it "
                "(see CONTRIBUTING.md, 'Adding a source'), then cite it by key; or remove the link",
                line=line)


# --- the Sources page ---------------------------------------------------------


def _entry(source: Source) -> str:
    name = source.name
    with_author = bool(source.author) and source.author not in name
    if not with_author:
        name = name[0].upper() + name[1:]
    title = f"[{name}]({source.url})" if source.url else name
    parts = [f"{source.author}, {title}" if with_author else title]
    if source.date:
        parts.append(source.date)
    text = ". ".join(parts) + "."
    if source.note:
        text += f" {source.note}"
    return f"- {text}"


def render_markdown(register: Register) -> str:
    """The register as Markdown: one section per group, in the order of STATUS_LABELS."""
    out = []
    for group in register.groups:
        members = [s for s in register.sources if s.group == group.key]
        if not members:
            continue
        out.append(f"## {group.heading} {{ #{group.key} }}\n")
        if group.intro:
            out.append(group.intro + "\n")
        for status in STATUS_LABELS:
            chosen = [s for s in members if s.status == status]
            if chosen:
                out.append(f"**{STATUS_LABELS[status]}**\n")
                out.extend(_entry(s) for s in chosen)
                out.append("")
    return "\n".join(out)
