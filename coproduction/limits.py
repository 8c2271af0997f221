"""How big a page, and what a macro page makes, may be: a few hundred bytes must not stall
the build, and a huge page would be published with its search index.

- MAX_PAGE_BYTES: a Markdown page's file (markdown_source.read_page checks it
  before reading, so every check and the gate get the same answer);
- MAX_MACRO_OUTPUT_BYTES and MAX_MACRO_GROWTH: the Markdown a page that uses
  macros may become, in all and against its own size (check_macro_output, for
  the plugin that renders macros, on the rendered Markdown);
- MAX_MACRO_STRING: the longest text a template may build in one piece, checked
  as it runs (template_safety.CappedSandbox), so a page cannot grow a text
  tenfold a line until the build runs out of memory;
- MAX_PICTURE_BYTES: a picture's file under docs/ (picture_too_big, for the
  plugin, on every picture the site would publish). Many readers use a phone.
  A first visit to one of our pages fetches about 160 KB, compressed
  (test-artifacts/page-weight/ from the browser tests). A photo straight from
  a phone is 3 to 8 MB, and pictures are compressed already, so one such file
  would make a page 20 to 50 times heavier. A photo about 1200 pixels wide,
  saved as JPEG, is well under the limit.

Our largest page today is about 13 KB; the model page's macros make it about
three times its source, the Easy Read page's about 80 KB from 1 KB.
"""
from __future__ import annotations

from .errors import ContentError

MAX_PAGE_BYTES = 200_000
# How deep YAML may nest (datafile.parse_yaml): our deepest file uses 4 levels.
MAX_YAML_DEPTH = 20
MAX_MACRO_OUTPUT_BYTES = 400_000
MAX_MACRO_GROWTH = 20
# A short page counts as this big for MAX_MACRO_GROWTH: the Easy Read page's macros make
# its 1 KB source into about 80 KB of picture rows.
MACRO_GROWTH_FLOOR = 10_000
# The longest text a macro or print template may build in one piece (template_safety.CappedSandbox).
MAX_MACRO_STRING = 100_000
MAX_PICTURE_BYTES = 300_000
# The pictures MAX_PICTURE_BYTES covers, by file type (file_safety.DOCS_FILE_TYPES allows them in docs/).
PICTURE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg"}


def page_too_big(shown: str, size: int) -> ContentError | None:
    if size <= MAX_PAGE_BYTES:
        return None
    return ContentError(shown, f"This page is {-(-size // 1000)} KB, more than the {MAX_PAGE_BYTES // 1000} KB "
                        "a page may be", "Split it into shorter pages, each with its own heading")


def check_macro_output(shown: str, source: str, rendered: str) -> None:
    """Raise ContentError when a page's macros made far more than the page holds."""
    size, before = len(rendered.encode()), len(source.encode())
    if size > MAX_MACRO_OUTPUT_BYTES or size > max(before, MACRO_GROWTH_FLOOR) * MAX_MACRO_GROWTH:
        raise ContentError(shown, f"The macros on this page make {size // 1000} KB of text from "
                           f"{max(before // 1000, 1)} KB (the limit is {MAX_MACRO_OUTPUT_BYTES // 1000} KB, "
                           f"or {MAX_MACRO_GROWTH} times the page)",
                           "Use fewer macros on the page, or split it into shorter pages")


def picture_too_big(shown: str, size: int) -> ContentError | None:
    if size <= MAX_PICTURE_BYTES:
        return None
    return ContentError(shown, f"This picture is {-(-size // 1000):,} KB, more than the "
                        f"{MAX_PICTURE_BYTES // 1000} KB a picture may be. Many readers use a phone, where a big "
                        "picture is slow to load and uses up their data",
                        "Make it smaller before you add it: about 1200 pixels wide is enough for this site. "
                        "Save a photo as JPEG and a drawing as PNG")
