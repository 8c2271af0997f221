"""Make the site's font files smaller: keep only the characters we use, drop hinting.

The files in docs/assets/fonts/ began as Fontsource's "latin" files of
Atkinson Hyperlegible 1.006 (SIL Open Font License, no reserved name, so a
cut-down copy may keep its name). This script cuts them down further, in place:

- Characters: printable ASCII, Latin-1 (accented letters, £, ¶ for heading
  links) and the common typographic marks below. Anything else on a page is
  drawn by the reader's own font, letter by letter, so nothing goes missing.
- Hinting (instructions that fit letters to the pixel grid) is dropped, as
  Google Fonts does for every system but Windows. It was over a third of each
  file. Phones and Macs ignore it anyway; on Windows, small text may look a
  little softer. The site's text is 16 px or more, where this hardly shows.

Together this takes each file from about 17 KB to under 10 KB, which every
reader pays on a first visit. tests/test_fonts.py checks that the files still
hold every character the built pages and the PDF use.

Running it again changes nothing. To add characters, start again from the
original files (https://fontsource.org/fonts/atkinson-hyperlegible, or this
repository's history), widen CHARACTERS and run:

    .venv/bin/python scripts/subset-fonts.py
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from fontTools import subset

from coproduction import atomic

FONTS = Path(__file__).resolve().parent.parent / "docs" / "assets" / "fonts"
CHARACTERS = ",".join([
    "U+0020-007E",          # printable ASCII
    "U+00A0-00FF",          # Latin-1: no-break space, £, ¶, accented letters
    "U+2013-2014",          # en and em dashes
    "U+2018-201A",          # single curly quotes
    "U+201C-201E",          # double curly quotes
    "U+2022", "U+2026",     # bullet, ellipsis
    "U+20AC",               # euro sign
])


def subset_font(path: Path) -> tuple[int, int]:
    before = path.stat().st_size
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.layout_features = ["*"]   # keep kerning and every OpenType feature
    options.name_IDs = ["*"]          # keep the copyright and licence notices
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(CHARACTERS))
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    atomic.write_bytes(path, out.getvalue())
    return before, path.stat().st_size


def main() -> int:
    for path in sorted(FONTS.glob("*.woff2")):
        before, after = subset_font(path)
        print(f"{path.name}: {before:,} -> {after:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
