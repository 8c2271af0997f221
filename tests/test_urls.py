"""Addresses are read the way browsers read them before any check (issue 26, family 8).

The expected hosts below are what a WHATWG URL parser gives for each address on
a page at https://site.example/a/ (checked with Node's `new URL(address, page)`,
which follows the standard, when this table was written)."""
from __future__ import annotations

import pytest

from coproduction import html_safety, sources, urls

# address -> the host a browser goes to, or None for our own site (or no host at all)
BROWSER_HOSTS = {
    "/\\host/path": "host",
    "\\\\host": "host",
    "\\/host": "host",
    "/\n/host": "host",
    "/\t/host": "host",
    "\x01//host": "host",
    " //Host.Example/x": "host.example",
    "//host": "host",
    "http:evil.com": "evil.com",
    "http:/evil.com": "evil.com",
    "https:\\\\evil.com": "evil.com",
    "HTTPS://EVIL.COM/X": "evil.com",
    "ftp:host": "host",
    "ws:host": "host",
    # Our own site: browsers do not decode %5c, and https: without // is relative on an https page.
    "/%5chost": None,
    "https:/evil.com": None,
    "https:evil.com": None,
    "../\\x": None,
    "guides/": None,
    "/guides/x": None,
    "?a=\\\\host": None,
    "#\\\\host": None,
    "/ /host": None,
    "mailto:x@y.org": None,
}


@pytest.mark.parametrize("address, host", BROWSER_HOSTS.items())
def test_off_site_addresses_are_found_as_browsers_find_them(address, host):
    assert urls.is_off_site(address) == (host is not None)
    if host:
        read = urls.as_browser_reads(address)
        assert read.split("//", 1)[1].split("/")[0] == host


def test_character_references_are_decoded_when_the_address_comes_from_html_source():
    assert urls.is_off_site("/&#x0a;/host", from_html=True)
    assert urls.is_off_site("/&NewLine;/host", from_html=True)
    assert not urls.is_off_site("/&#x0a;/host")  # already decoded by an HTML parser: a path


@pytest.mark.parametrize("address", ["/\\evil.example/x.png", "\\\\evil.example/x.png", "/\n/evil.example/x.png"])
def test_a_picture_from_another_site_written_with_backslashes_is_refused(address):
    found = html_safety.find_problems(f'<p><img src="{address.replace(chr(10), "&#x0a;")}" alt="x"></p>')
    assert any("loads a file from another website" in p.problem for p in found)


REGISTER = sources.Register.model_validate({
    "groups": [{"key": "g", "heading": "G"}],
    "sources": [{"key": "s", "title": "T", "author": "A", "url": "https://registered.example/page",
                 "found_in": "facts.md", "status": "read", "group": "g"}]})


@pytest.mark.parametrize("markdown, html", [
    ("[x](/\\evil.example/path)", '<a href="/\\evil.example/path">x</a>'),
    ("[x](\\\\evil.example)", '<a href="\\\\evil.example">x</a>'),
    ("<a href=\"/&#x0a;/evil.example\">x</a>", '<a href="/&#x0a;/evil.example">x</a>'),
    ("[x](HTTP:evil.example)", '<a href="HTTP:evil.example">x</a>'),
])
def test_a_link_to_another_site_written_with_backslashes_needs_the_register(markdown, html):
    source = f"# Page\n\nSome words.\n\n{markdown}\n"
    with pytest.raises(sources.ContentError) as caught:
        sources.check_page("docs/page.md", source, f"<p>{html}</p>", REGISTER, ["https://site.example/"])
    assert caught.value.line == 5
    assert "evil.example" in caught.value.problem and "\n" not in str(caught.value)


def test_links_to_our_site_and_the_register_still_pass():
    page = ('<a href="/guides/">a</a><a href="https://registered.example/page">b</a>'
            '<a href="HTTPS://Registered.Example/page">c</a><a href="/%5chost">d</a>')
    sources.check_page("docs/page.md", "# Page\n", page, REGISTER, ["https://site.example/"])
