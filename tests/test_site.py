"""Site-wide promises: no third-party assets, UK English, an edit button."""
from __future__ import annotations

import re
from html.parser import HTMLParser

# Attributes that make a browser fetch something as the page loads.
ASSET_ATTRS = {("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
               ("source", "src"), ("source", "srcset"), ("video", "src"), ("video", "poster"),
               ("audio", "src"), ("embed", "src"), ("object", "data")}


class AssetFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for (t, a) in ASSET_ATTRS:
            if t == tag and attrs.get(a):
                self.assets.append(attrs[a])
        if tag == "link" and attrs.get("href") and attrs.get("rel") not in ("canonical", "alternate"):
            self.assets.append(attrs["href"])


def html_pages(site):
    return sorted(p for p in site.rglob("*.html"))


def test_no_page_loads_anything_from_another_host(built_site):
    offenders = {}
    for page in html_pages(built_site):
        finder = AssetFinder()
        html = page.read_text(encoding="utf-8")
        finder.feed(html)
        external = [a for a in finder.assets if re.match(r"(https?:)?//", a)]
        external += re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", html)
        if external:
            offenders[str(page.relative_to(built_site))] = external
    for css in built_site.rglob("*.css"):
        external = re.findall(r"(?:url\(|@import)\s*['\"]?((?:https?:)?//[^)'\"\s]+)",
                              css.read_text(encoding="utf-8"))
        if external:
            offenders[str(css.relative_to(built_site))] = external
    assert not offenders, offenders


def test_no_google_fonts_and_our_font_is_served(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    fonts = list((built_site / "assets" / "fonts").glob("atkinson-hyperlegible-*.woff2"))
    assert len(fonts) == 4


def test_pages_are_uk_english_and_have_an_edit_button(built_site):
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        assert '<html lang="en-GB"' in html, page
    model_page = (built_site / "model" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="https://github\.com/[^"]+/edit/main/docs/model\.md"', model_page)


def test_the_not_found_page_says_what_happened_and_where_to_go_in_plain_words(built_site):
    """GitHub Pages shows 404.html for any address with no page, at any depth: each link starts from
    the site's own path, here read from the sitemap, and leads to a page that was built."""
    from urllib.parse import urlsplit

    home = urlsplit(re.search(r"<loc>([^<]+)</loc>", (built_site / "sitemap.xml").read_text(encoding="utf-8"))[1]).path
    page = (built_site / "404.html").read_text(encoding="utf-8")
    assert "<h1>We cannot find this page</h1>" in page and "404 - Not found" not in page
    links = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', page)
    assert [text for _, text in links] == ["go to the home page", "read the Co-production Model", "download and print it"]
    for href, _ in links:
        assert href.startswith(home) and (built_site / href[len(home):] / "index.html").is_file(), href
    # No side menu beside it, as on the other pages outside the menu's sections (the phone menu still opens).
    assert re.search(r'<div class="md-sidebar md-sidebar--primary"[^>]*data-md-type="navigation" hidden>', page)


def test_a_shared_link_shows_the_page_s_own_title_description_and_address(built_site):
    """Open Graph tags (what Teams, email and messages show for a link) agree with the head the theme
    writes: the <title> without the site's name (the home page: the site's name), the description, the
    canonical address. No picture: the sharing service would fetch it."""
    import html

    def tag(page: str, pattern: str) -> str:
        found = re.findall(pattern, page)
        assert len(found) == 1, (pattern, found)
        return html.unescape(found[0])

    for path in built_site.rglob("index.html"):
        page = path.read_text(encoding="utf-8")
        title = tag(page, r"<title>([^<]*)</title>").removesuffix(" - The Co-production Model")
        og_title = tag(page, r'<meta property="og:title" content="([^"]*)">')
        assert og_title == ("The Co-production Model" if path.parent == built_site else title), path
        assert tag(page, r'<meta property="og:description" content="([^"]*)">') == tag(
            page, r'<meta name="description" content="([^"]*)">'), path
        assert tag(page, r'<meta property="og:url" content="([^"]*)">') == tag(
            page, r'<link rel="canonical" href="([^"]*)">'), path
        assert "og:image" not in page, path


def test_every_page_numbers_its_footnotes_in_the_order_a_reader_meets_them(built_site):
    """A reader meets note 1, then 2, then 3: the first time each number is cited in the
    text, it is one more than the highest before it, and the notes at the foot are listed
    1, 2, 3 in that order, each going back to its citation. (Python-Markdown numbers them
    in the order they are written at the foot unless told otherwise.)"""
    pages, checked = {}, 0
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        cited = re.findall(r'<sup id="fnref\d*:([^"]+)"><a class="footnote-ref" href="#fn:\1">(\d+)</a>', html)
        if not cited:
            continue
        first = list(dict.fromkeys(int(number) for _, number in cited))
        listed = re.findall(r'<li id="fn:([^"]+)">', html)
        order = list(dict.fromkeys(name for name, _ in cited))
        if first != list(range(1, len(first) + 1)) or listed[:len(order)] != order:
            pages[str(page.relative_to(built_site))] = first
        checked += 1
    assert checked >= 8, checked  # the step guides and others cite their sources
    assert not pages, pages


def test_no_page_publishes_a_hidden_note_from_its_markdown(built_site):
    """Notes for editors (<!-- -->) stay in the pages' files: the contributing page's note saying it is
    made from CONTRIBUTING.md, for one, is not in its HTML. The theme's own notes are outside <article>."""
    pages = {}
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        for article in re.findall(r"<article\b.*?</article>", html, re.DOTALL):
            if "<!--" in article:
                pages[str(page.relative_to(built_site))] = article[article.index("<!--"):][:80]
    assert (built_site / "about" / "contributing" / "index.html").exists()
    assert not pages, pages


def test_every_page_says_in_its_footer_which_words_are_c4ccs_and_which_are_ours(built_site):
    whose = ("Words in a quote box are the words of the person or group named under them. All other words on "
             "this site are ours, not C4CC's")
    for page in html_pages(built_site):
        html = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:  # an old address that sends the reader on
            continue
        footer = html[html.index('<div class="md-copyright">'):]
        assert whose in footer.replace("&#39;", "'").replace("&rsquo;", "’").replace("\n", " "), page
