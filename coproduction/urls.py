"""Addresses read the way a browser reads them, before any check looks at them.

A check that reads `/\\example.com/x` as a path on our site, while the browser
goes to example.com, is no check. So every link, picture, `src`, `href` and
`url()` is first put through `as_browser_reads()`, which applies the parts of
the WHATWG URL standard (https://url.spec.whatwg.org/) that change where an
address goes:

- leading and trailing C0 controls and spaces are dropped;
- tabs and newlines anywhere are removed (`/&#x0a;/host` is `//host`);
- for the special schemes (http, https, ftp, ws, wss, file) and for addresses
  with no scheme (our pages are on https), `\\` counts as `/` before the
  query or fragment (`/\\host`, `\\\\host`);
- `http:host` and `http:/host` on an https page reach the host `host`: any
  number of slashes and backslashes after a special scheme other than the
  page's own one starts the host;
- the scheme and the host are lower-cased.

HTML character references (`&#x0a;`) are decoded first when the address comes
from HTML source (`from_html=True`); HTML parsers already decode them in
attribute values. A percent-escape is not decoded: browsers leave `%5c` in a
path as it is, so `/%5chost` stays a path on our own site.
"""
from __future__ import annotations

import html
import re

SPECIAL_SCHEMES = {"http", "https", "ftp", "ws", "wss", "file"}
# Our pages are served over https, so a relative address takes that scheme.
PAGE_SCHEME = "https"

_C0_OR_SPACE = "".join(chr(code) for code in range(0x21))
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):(.*)", re.DOTALL)


def _slashes(rest: str) -> str:
    """Backslashes as slashes, before the query or fragment only."""
    cut = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    return rest[:cut].replace("\\", "/") + rest[cut:]


def _lower_host(after_slashes: str) -> str:
    end = min((i for i in (after_slashes.find(c) for c in "/?#") if i >= 0), default=len(after_slashes))
    return after_slashes[:end].lower() + after_slashes[end:]


def as_browser_reads(address: str, *, from_html: bool = False) -> str:
    """The address as a browser on one of our (https) pages would read it.

    Scheme-relative and off-site addresses come back as `//host...` or
    `scheme://host...`, with the host lower-cased."""
    if from_html:
        address = html.unescape(address)
    address = address.strip(_C0_OR_SPACE)
    address = re.sub(r"[\t\n\r]", "", address)
    match = _SCHEME.fullmatch(address)
    if match is None:
        address = _slashes(address)
        if address.startswith("//"):
            return "//" + _lower_host(address.lstrip("/"))
        return address
    scheme, rest = match.group(1).lower(), match.group(2)
    if scheme not in SPECIAL_SCHEMES:
        return f"{scheme}:{rest}"
    rest = _slashes(rest)
    if scheme == "file":
        return f"file:{rest}"
    if scheme == PAGE_SCHEME and not rest.startswith("//"):
        # `https:path` on an https page is relative to the page.
        return rest
    return f"{scheme}://" + _lower_host(rest.lstrip("/"))


def is_off_site(address: str, *, from_html: bool = False) -> bool:
    """Does a browser on our page take this address to another host?"""
    read = as_browser_reads(address, from_html=from_html)
    return read.startswith("//") or bool(re.match(r"(?:https?|ftp|wss?)://", read))
