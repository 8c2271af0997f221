"""How many bytes a page costs a reader, measured in Chromium.

Shared by tests/browser/test_every_page.py and benchmarks/page_weight.py.
The cache is off, so each page is weighed as a first visit. We wait for the
page's load event and for the search index, which Material's search worker
fetches just after it, so the index counts too. (Waiting for the network to go
quiet, Playwright's "networkidle", counted the same requests and bytes on every
page, but idled 0.5 s a page: 24 s against 9 s for the whole site.)

Chromium does not always keep what it fetched: about one full test run in ten,
the body of the tab's icon or of the search worker's script could not be read
back ("No resource with given identifier found", "Response body is unavailable").
Those files are then fetched again from the same server, outside the page, and
weighed: a static server sends the same bytes.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError

# GitHub Pages compresses these; fonts and images are compressed already.
SEARCH_INDEX = "/search/search_index.json"  # fetched by every page's search worker
COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")


@dataclass
class Fetch:
    url: str
    status: int
    content_type: str
    raw_bytes: int
    gzip_bytes: int


@dataclass
class PageWeight:
    url: str
    fetches: list[Fetch] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.fetches)

    @property
    def raw_bytes(self) -> int:
        return sum(f.raw_bytes for f in self.fetches)

    @property
    def gzip_bytes(self) -> int:
        return sum(f.gzip_bytes for f in self.fetches)

    def as_dict(self) -> dict:
        return {"requests": self.requests, "raw_bytes": self.raw_bytes, "gzip_bytes": self.gzip_bytes,
                "files": [f.__dict__ for f in self.fetches]}


def body_of(response, page) -> bytes:
    """What the server sent for `response`: as Chromium kept it or, if it did not,
    fetched again (see above)."""
    try:
        return response.body()
    except PlaywrightError:
        again = page.request.get(response.url)
        assert again.status == response.status, f"{response.url}: {response.status}, then {again.status}"
        return again.body()


def fetch_of(response, page) -> Fetch:
    body = body_of(response, page)
    content_type = response.headers.get("content-type", "").split(";")[0]
    squeezed = len(gzip.compress(body, compresslevel=6)) if content_type.startswith(COMPRESSED_TYPES) else len(body)
    return Fetch(response.url, response.status, content_type, len(body), min(squeezed, len(body)))


def cold_page(context):
    """A page with the browser cache turned off, so every visit is a first visit."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    return page


def weigh(page, url: str) -> PageWeight:
    """Load `url` in `page` (from cold_page) and add up everything it fetched."""
    responses = []
    def listener(response):
        responses.append(response)

    page.on("response", listener)
    try:
        with page.expect_response(lambda response: response.url.endswith(SEARCH_INDEX)) as index:
            page.goto(url, wait_until="load")
        index.value.finished()  # its headers come first: wait for the whole index
        return PageWeight(url, [fetch_of(r, page) for r in responses if not r.url.startswith("data:")])
    finally:
        page.remove_listener("response", listener)
