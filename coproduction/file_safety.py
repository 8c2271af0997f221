"""Checks on the project's files as they are on disk, before anything reads them.

- No symbolic links in the folders a pull request can change: a link could
  publish a file from outside the project (the build machine's environment,
  with its secrets) or have the build read it.
- Pages (*.md) are UTF-8 text, and their names end in ".md" in small letters:
  MkDocs reads "page.MD" as a file to copy, so it would go live as it is,
  with none of the build's checks.
- No two files in a folder whose names differ only in capital letters
  ("Good-Gym.md" and "good-gym.md"): on Windows and on a Mac they are one
  file, so a contributor's copy would lose one of them.
- Only file types we publish on purpose under docs/: pages, pictures, fonts,
  simple drawings (.svg) made only of shapes, and our own styles and scripts
  in their folders. An .html file, or an .svg with anything but shapes in it,
  would be published as it is, and a script in it would run on our site.
- Names under docs/ of letters, digits, '-', '_' and '.' only: a name is a
  web address, and the theme prints a page's name into its links as it is
  ("Suggest a change"). A quote mark or '<' in a name would end the link's
  address and start new markup there.
- A file whose type says it is a picture, a font or a PDF starts as one
  (its first bytes), and a .txt file is only a font's licence beside it: a
  browser may run any file of our site as a script if a page asks it to, so
  no published file may be a script under another name.
- No invisible direction controls (U+202A to U+202E, U+2066 to U+2069) in
  pages or data: they can make a sentence read differently from what a
  reviewer sees in the pull request.
- No invisible characters (a zero-width space, a soft hyphen and the like) in
  a word of a page or a data file: pasted from a web page or a PDF, they make
  '../mo[invisible]del.md' look like a link that should work, and a front
  matter key look right but not be one. A message about the link or the key
  would quote it as it looks, so this one shows where the character is.

Messages name the file, the line and what to do. They never quote the file,
but for the word with an invisible character (in a page or a data file).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import ContentError, printable, shorten, shown_path

CHECKED_FOLDERS = ("docs", "data", "overrides", "print", "macros")
TEXT_SUFFIXES = {".md", ".yml", ".yaml", ".json", ".csv", ".txt", ".html", ".css", ".js", ".py", ".svg"}
DIRECTION_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Characters that show as nothing, by the name a message gives them. In pages and data files only.
INVISIBLE = {"\u200b": "a zero-width space", "\u200c": "a zero-width non-joiner", "\u200d": "a zero-width joiner",
             "\u2060": "a word joiner", "\ufeff": "a zero-width no-break space", "\u00ad": "a soft hyphen",
             "\u180e": "an invisible separator", "\u2061": "an invisible operator",
             "\u2062": "an invisible operator", "\u2063": "an invisible operator", "\u2064": "an invisible operator"}
_INVISIBLE = re.compile(f"[{''.join(INVISIBLE)}]")
INVISIBLE_CHECKED = {".md", ".yml", ".yaml"}
_WORD = r"[^\s()\[\]<>\"'`]"  # a letter of a word, a link's address or a key: not a space or a bracket


# What docs/ may hold, by file type; styles and scripts only in their own folders.
DOCS_FILE_TYPES = {".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff2", ".txt", ".pdf"}
DOCS_CODE_FOLDERS = {".css": "assets/stylesheets", ".js": "assets/javascripts"}
# Files docs/ may not hold, by what a contributor meant them for, so that each message fits the file.
PICTURE_TYPES = {".heic", ".heif", ".tif", ".tiff", ".bmp", ".psd", ".raw", ".dng", ".cr2", ".nef", ".jfif",
                 ".jxl", ".ico", ".eps", ".ai", ".xcf"}
DOCUMENT_TYPES = {".docx", ".doc", ".odt", ".rtf", ".pages", ".xlsx", ".xls", ".ods", ".numbers", ".pptx",
                  ".ppt", ".odp", ".key", ".epub"}
WEB_TYPES = {".html", ".htm", ".xhtml", ".shtml", ".xml", ".xsl", ".svgz", ".php", ".mjs", ".cjs", ".ts", ".py",
             ".sh", ".json", ".wasm", ".swf"}


# A drawing may hold shapes and nothing else: no scripts, links, pictures,
# styles or fonts that could run code or load something from elsewhere.
SVG_ELEMENTS = {"svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon", "title", "desc"}
SVG_ATTRIBUTES = {
    "xmlns", "version", "viewBox", "width", "height", "role", "aria-label", "aria-hidden", "focusable",
    "id", "class", "d", "cx", "cy", "r", "rx", "ry", "x", "y", "x1", "y1", "x2", "y2", "points",
    "fill", "fill-rule", "fill-opacity", "clip-rule", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "stroke-opacity", "opacity", "transform",
}
# Colours are a hex code, a colour's name, currentColor or none: never url(...).
_SVG_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]+")
_SVG_TRANSFORM = re.compile(r"(\s*(matrix|translate|scale|rotate|skewX|skewY)\([-0-9.,eE\s]*\)\s*)+")


def svg_problem(path: Path, shown: str) -> ContentError | None:
    """None if the drawing holds only shapes (SVG_ELEMENTS, SVG_ATTRIBUTES)."""
    import xml.etree.ElementTree as ElementTree

    fix = ("Keep only shapes (path, circle, rect and the like) with plain colours; "
           "or save the picture as .png")
    text = path.read_bytes().decode("utf-8", errors="replace")
    if "<!DOCTYPE" in text.upper() or "<!ENTITY" in text.upper() or "<?xml-stylesheet" in text:
        return ContentError(shown, "This drawing declares a document type, entities or a stylesheet", fix)
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError as err:
        return ContentError(shown, f"This drawing is not well-formed SVG ({err})", fix, line=err.position[0])
    for element in root.iter():
        tag = element.tag.rpartition("}")[2]
        if tag not in SVG_ELEMENTS:
            return ContentError(shown, f"This drawing holds a <{tag}> element, which is not on the short list "
                                "of shapes a drawing may hold (some elements can run code or load something "
                                "from elsewhere, so the list is kept short)", fix)
        for name, value in element.attrib.items():
            name = name.rpartition("}")[2] if name.startswith("{") else name
            if name not in SVG_ATTRIBUTES:
                return ContentError(shown, f"This drawing has a '{name}' attribute on <{tag}>", fix)
            if name in ("fill", "stroke") and not _SVG_COLOUR.fullmatch(value.strip()):
                return ContentError(shown, f"The {name} of a <{tag}> must be a plain colour", fix)
            if name == "transform" and not _SVG_TRANSFORM.fullmatch(value):
                return ContentError(shown, f"The transform of a <{tag}> is not a plain transform", fix)
    return None


# A name under docs/: its folders' and its own (a web address, and printed into the theme's links).
_PLAIN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
# How each type of binary file starts (its "magic number"): a file that does not is not what its name says.
_STARTS = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
           ".gif": (b"GIF87a", b"GIF89a"), ".webp": (b"RIFF",), ".avif": (b"\x00\x00\x00",),
           ".woff2": (b"wOF2",), ".pdf": (b"%PDF-",)}
TXT_FOLDER = "assets/fonts"  # a .txt file is a font's licence (OFL.txt), beside the fonts


def name_problem(path: Path, docs: Path, shown: str) -> ContentError | None:
    """A name under docs/ (the file's or a folder's) with anything but letters, digits, '-', '_' and '.'."""
    bad = next((part for part in path.relative_to(docs).parts if not _PLAIN_NAME.fullmatch(part)), None)
    if bad is None:
        return None
    plain = re.sub(r"-*\.-*", ".", re.sub(r"[^a-z0-9.]+", "-", bad.lower())).strip("-.") or "new-name"
    return ContentError(shown, f"The name '{printable(bad, 60)}' has spaces or signs in it. A name under docs/ is part "
                        "of a web address, so it may have only letters, digits, '-', '_' and '.'",
                        f"Rename it, for example to '{plain}'")


# Files a computer makes by itself in a folder someone opens: not theirs, and not the site's.
SYSTEM_FILES = {"thumbs.db": "Windows", "desktop.ini": "Windows", "ehthumbs.db": "Windows"}


def docs_file_problem(path: Path, docs: Path, shown: str) -> ContentError | None:
    if path.name.lower() in SYSTEM_FILES:
        return ContentError(shown, f"This is a file that {SYSTEM_FILES[path.name.lower()]} makes by itself in a "
                            "folder you open. It is not part of the site", "Delete it from the pull request. "
                            "Your computer keeps its own copy, and the project's .gitignore leaves it out from now on")
    named = name_problem(path, docs, shown)
    if named:
        return named
    suffix = path.suffix.lower()
    if suffix == ".md" and path.suffix != ".md":
        return ContentError(shown, f"This page's name ends in '{path.suffix}'. The site reads a file as a page only "
                            "if its name ends in '.md', in small letters, so it would publish this file as it is, "
                            "without checking it", f"Rename it to '{path.stem}.md'")
    if suffix == ".txt" and path.parent.relative_to(docs).as_posix() != TXT_FOLDER:
        return ContentError(shown, f"A .txt file may only be a font's licence, in docs/{TXT_FOLDER}/",
                            "Put its words in a page (.md) instead, or take it out of docs/")
    if suffix in _STARTS:
        with path.open("rb") as file:
            start = file.read(16)
        if not start.startswith(_STARTS[suffix]):
            return ContentError(shown, f"This file's name ends in '{suffix}', but the file inside is not one. "
                                "The site publishes a file only if it is what its name says",
                                f"Save it again as a real {suffix} file, or give it the right ending")
    if suffix in DOCS_FILE_TYPES:
        return None
    if suffix == ".svg":
        return svg_problem(path, shown)
    folder = DOCS_CODE_FOLDERS.get(suffix)
    if folder and path.parent.relative_to(docs).as_posix() == folder:
        return None
    if folder:
        return ContentError(shown, f"A {suffix} file may only be in docs/{folder}/, where maintainers look after them",
                            f"Move it to docs/{folder}/ and ask a maintainer to add it to mkdocs.yml")
    if suffix in PICTURE_TYPES:
        return ContentError(shown, f"This picture is saved as '{suffix}', which not every web browser can show",
                            "Save it as .png or .jpg instead: a photo as .jpg, a drawing as .png (or .svg). "
                            "Your picture editor or phone can do this with 'Save as' or 'Export'")
    if suffix in DOCUMENT_TYPES:
        return ContentError(shown, f"The site does not publish documents '{suffix}' from docs/. Readers would have "
                            "to download and open it, and the build cannot check its words",
                            "Put its words in a page (.md) instead. To offer a document to download, ask a maintainer")
    if not suffix:
        return ContentError(shown, "The site does not publish files from docs/ whose names do not end in a type, "
                            "like .md or .png", "If it is a page, add '.md' to the end of its name. If not, take "
                            "it out of docs/")
    if suffix in WEB_TYPES:
        return ContentError(shown, f"The site does not publish files '{suffix}' from docs/. Web pages and code "
                            "files can carry a script that would run on our site",
                            "Write a page in Markdown (.md) instead. Changes to the theme are code, so ask a maintainer")
    return ContentError(shown, f"The site does not publish files '{suffix}' from docs/, only pages, pictures and "
                        "a few other types", "Take it out of docs/, or ask a maintainer")


def _shown(path: Path, root: Path) -> str:
    return shown_path(path, root)


def symlink_problems(root: Path, folders=CHECKED_FOLDERS) -> list[ContentError]:
    """Every symbolic link under the given folders of `root` (the folders themselves too)."""
    problems = []
    for folder in folders:
        top = root / folder
        candidates = [top] if top.is_symlink() else []
        if top.is_dir() and not top.is_symlink():
            for dirpath, dirnames, filenames in os.walk(top):
                candidates += [Path(dirpath) / name for name in dirnames + filenames
                               if (Path(dirpath) / name).is_symlink()]
        for link in candidates:
            problems.append(ContentError(
                _shown(link, root),
                f"This is a symbolic link (to {os.readlink(link)}). The build does not follow links, "
                "so that no file from outside the project can be published or read",
                "Replace the link with a copy of the file itself"))
    return problems


def utf8_problem(path: Path, shown: str) -> ContentError | None:
    raw = path.read_bytes()
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return ContentError(shown, "This page is not saved as UTF-8 text, so some letters would show as nonsense",
                            "Open it in your editor and save it with the encoding 'UTF-8'",
                            line=raw[: err.start].count(b"\n") + 1)
    return None


def direction_control_problems(text: str, shown: str) -> list[ContentError]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        found = DIRECTION_CONTROLS.search(line)
        if found:
            problems.append(ContentError(
                shown, f"This line has an invisible character that changes the direction of the text "
                f"(U+{ord(found.group(0)):04X}), so it may read differently from what reviewers see",
                "Delete it: retype the line, or search for the character in your editor", line=number))
    return problems


def _among_latin(line: str, at: int) -> bool:
    """Is the invisible character at `at` beside a Latin letter, a digit, a mark or a space, or at an end of
    the line? Joiners belong between letters of some scripts (Persian, Hindi) and in emoji, not in English."""
    return any(not 0 <= n < len(line) or ord(line[n]) < 0x250 for n in (at - 1, at + 1))


def invisible_character_problems(text: str, shown: str) -> list[ContentError]:
    """A problem for each line of a page or data file with an invisible character in a word of
    Latin letters, showing the word with '[invisible]' where the character is."""
    problems = []
    for number, line in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):  # a byte order mark is fine
        found = next((found for found in _INVISIBLE.finditer(line) if _among_latin(line, found.start())), None)
        if not found:
            continue
        word = (re.search(rf"{_WORD}*\Z", line[: found.start()]).group(0) + found.group(0)
                + re.match(rf"{_WORD}*", line[found.end():]).group(0).rstrip(".,;:!?"))
        marked, clean = _INVISIBLE.sub("[invisible]", word), _INVISIBLE.sub("", word)
        character = found.group(0)
        named = f"{INVISIBLE[character]}, U+{ord(character):04X}"
        if clean:
            problems.append(ContentError(
                shown, f"The word '{shorten(marked, 80)}' on this line has an invisible character in it ({named}). "
                "It looks right, but the build reads another word",
                f"Retype the word '{shorten(clean, 80)}', or search for U+{ord(character):04X} in your editor and "
                "delete it", line=number))
        else:
            problems.append(ContentError(
                shown, f"This line has an invisible character between words ({named})",
                f"Retype the line, or search for U+{ord(character):04X} in your editor and delete it", line=number))
    return problems


def same_name_problems(folder: Path, names: list[str], root: Path) -> list[ContentError]:
    """A problem for each name in `folder` that differs from another only in capital letters: the one
    with capitals, where the other is all small letters (most likely the one that was there first)."""
    groups: dict[str, list[str]] = {}
    for name in sorted(names):
        groups.setdefault(name.casefold(), []).append(name)
    problems = []
    for group in (group for group in groups.values() if len(group) > 1):
        other = next((name for name in group if name == name.lower()), group[0])
        for name in (name for name in group if name != other):
            problems.append(ContentError(
                _shown(folder / name, root), f"This name differs from '{other}', in the same folder, only in "
                "capital letters. On Windows and on a Mac they are the same file, so one would replace the other",
                "Rename one of them, or delete the one you do not need. Page names use small letters"))
    return problems


def check_project_files(root: str | Path, folders=CHECKED_FOLDERS, docs_folder: str = "docs") -> list[ContentError]:
    """All problems with the files under `folders`. Symbolic links are reported, never read."""
    root = Path(root)
    problems = symlink_problems(root, folders)
    for folder in folders:
        top = root / folder
        if top.is_symlink() or not top.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(top):  # does not follow linked folders
            if folder == docs_folder:
                # MkDocs never reads or publishes a name that starts with '.', such as the .DS_Store a Mac
                # leaves in a folder (symbolic links among them are still refused above).
                dirnames[:] = [name for name in dirnames if not name.startswith(".")]
                filenames = [name for name in filenames if not name.startswith(".")]
            dirnames.sort()
            problems += same_name_problems(Path(dirpath), dirnames + filenames, root)
            for name in sorted(filenames):
                path = Path(dirpath) / name
                if path.is_symlink():
                    continue
                shown = _shown(path, root)
                if folder == docs_folder:
                    problem = docs_file_problem(path, top, shown)
                    if problem:
                        problems.append(problem)
                        continue
                if path.suffix.lower() not in TEXT_SUFFIXES:
                    continue
                if path.suffix.lower() == ".md":
                    problem = utf8_problem(path, shown)
                    if problem:
                        problems.append(problem)
                        continue
                text = path.read_bytes().decode("utf-8", errors="replace")
                problems += direction_control_problems(text, shown)
                if path.suffix.lower() in INVISIBLE_CHECKED:
                    problems += invisible_character_problems(text, shown)
    # Contributors edit the menu in mkdocs.yml too: a page's name there with an invisible letter looks right.
    settings = root / "mkdocs.yml"
    if settings.is_file() and not settings.is_symlink():
        problems += invisible_character_problems(settings.read_bytes().decode("utf-8", errors="replace"), "mkdocs.yml")
    return problems
