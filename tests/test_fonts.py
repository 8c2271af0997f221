"""The cut-down font files still hold every character our pages show.

scripts/subset-fonts.py keeps only the characters we use. If a page gains one
the font lacks, the browser draws that letter in another font: still readable,
but it looks patched. This test names the page and the character, so the fix
(widen the list in the script) is clear. The PDF's fonts are checked in
test_pdf.py: any letter outside the site font would embed a second font.
"""
from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "docs" / "assets" / "fonts"
# Characters Material itself adds, which were never in the font: the arrow
# that leads back from a footnote.
THEME_SYMBOLS = {"\u21a9"}
# Not drawn in our font: hidden parts, and code, which Material sets in the
# reader's own monospace font (we set --md-text-font only).
HIDDEN = re.compile(r"<(script|style|svg|title|pre|code)\b.*?</\1>", re.S | re.I)


def characters(path: Path) -> set[str]:
    return {chr(code) for code in TTFont(path).getBestCmap()}


def shown_text(page: Path) -> str:
    markup = HIDDEN.sub(" ", page.read_text(encoding="utf-8"))
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


@pytest.mark.parametrize("face", ["400-normal", "700-normal", "400-italic", "700-italic"])
def test_every_character_on_every_page_is_in_the_font(built_site, face):
    font = characters(FONTS / f"atkinson-hyperlegible-latin-{face}.woff2")
    missing = {}
    for page in sorted(built_site.rglob("*.html")):
        for char in set(shown_text(page)) - font - THEME_SYMBOLS:
            if not char.isspace():
                name = unicodedata.name(char, hex(ord(char)))
                missing.setdefault(name, str(page.relative_to(built_site)))
    assert not missing, (f"The site font has no {', '.join(missing)} (first seen on {missing}). "
                         "Add the character to CHARACTERS in scripts/subset-fonts.py and run it "
                         "on the original font files.")
