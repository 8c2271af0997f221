"""Every problem of a build, collected across its stages and reported in one go.

A build used to stop at the first hard page, so the link problems only showed
after the next push. Now each stage hands its problems to a `Problems`
collector and goes on; once every page has been read (and before any page is
written), the plugin raises one error that lists them all, each with the file,
the line and what to do:

    problems = Problems(findings)
    problems.add(content_error)                  # a ContentError
    problems.add_text(str(plugin_error))         # "file:line: problem. fix." lines
    problems.watch_links(docs_dir, config_file)  # MkDocs' own link, anchor and menu warnings, in our words
    if problems:
        raise PluginError(problems.text())

Each problem is also a finding (findings.py), for the pull request's summary.
"""
from __future__ import annotations

import logging
import posixpath
import re
from pathlib import Path

import yaml

from .errors import ANCHOR_FIX, ContentError
from .findings import Findings
from .readability.advice import PLAINER_WORD

# The title of a page's finding when it is too hard to read (its advice lists its plainer words).
TOO_HARD = "Too hard to read"
# "docs/guides/a.md:12: The problem. The fix." (how ContentError reads)
_LINE = re.compile(r"^(?P<file>[\w./-]+\.(?:md|ya?ml|html|css|js|json|csv|txt))(?::(?P<line>\d+))?: (?P<text>.+)$")
# MkDocs' warnings about links and anchors (mkdocs/structure/pages.py), and the logger they come through.
# A name or a link may hold a quote mark itself ('#what-we-don't-know'), so each is read up to the words after it.
MKDOCS_LINK_LOGGER = "mkdocs.structure.pages"
_MISSING = re.compile(r"Doc file '(?P<file>.+?)' contains a link '(?P<link>.+?)', "
                      r"but the target(?: '[^']*')? is not found among documentation files\.(?: Did you mean '(?P<guess>.+?)'\?)?")
_UNRECOGNISED = re.compile(r"Doc file '(?P<file>.+?)' contains an unrecognized relative link '(?P<link>.+?)'")
_ABSOLUTE = re.compile(r"Doc file '(?P<file>.+?)' contains an absolute link '(?P<link>.+?)', it was left as is\."
                       r"(?: Did you mean '(?P<guess>.+?)'\?)?")
_ANCHOR = re.compile(r"Doc file '(?P<file>.+?)' contains a link '(?P<link>.+?)', but "
                     r"(?:there is no such anchor on this page|the doc '(?P<doc>.+?)' does not contain an anchor '#(?P<anchor>.+?)')")
# The link back from a note at the foot (a footnote) to where the page cites it, as Python-Markdown writes it.
_NOTE_BACK_LINK = re.compile(r"Doc file '.+?' contains a link '#fnref\d*:.+?', but there is no such anchor on this page")
# Its warnings about the menu (mkdocs/structure/nav.py), and the logger they come through.
MKDOCS_NAV_LOGGER = "mkdocs.structure.nav"
_OMITTED = re.compile(r'The following pages exist in the docs directory, but are not included in the "nav" '
                      r'configuration:\n(?P<pages>(?:  - [^\n]+\n?)+)')
_NOT_IN_DOCS = re.compile(r"A reference to '(?P<link>.+?)' is included in the 'nav' configuration, "
                          r"which is not found in the documentation files\.")
_ABSOLUTE_IN_MENU = re.compile(r"An absolute path to '(?P<link>.+?)' is included in the 'nav' configuration, "
                               r"which presumably points to an external resource\.")


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


def link_line(path: Path, link: str, occurrence: int = 1) -> int | None:
    """The line of the page's file that holds the link for the `occurrence`-th time (MkDocs warns once
    for each time a page has it), or the first, or None."""
    found = [n for n, text in enumerate(_lines(path), 1) for _ in range(text.count(link))]
    return found[occurrence - 1] if len(found) >= occurrence else (found[0] if found else None)


# A page that every build has, to show how a link to a page is written.
_EXAMPLE_PAGE = "guides/step-1-recruit.md"


def _example_from(page: str) -> str:
    """The link to _EXAMPLE_PAGE from `page` (a path under docs/), as the page would write it."""
    return posixpath.relpath(_EXAMPLE_PAGE, posixpath.dirname(page) or ".")


def _in_other_capitals(docs: Path, page: str, target: str) -> str | None:
    """The link to the file that `target` (a link from `page`, both under `docs`) names in other capital
    letters, as the page would write it ('../assets/images/room.PNG'); None if there is none."""
    folder = posixpath.dirname(page)
    path = posixpath.normpath(posixpath.join(folder, target))
    if path.startswith("..") or path == ".":
        return None
    found = docs
    for part in path.split("/"):
        try:
            found = next(entry for entry in sorted(found.iterdir()) if entry.name.casefold() == part.casefold())
        except (StopIteration, OSError):
            return None
    real = found.relative_to(docs).as_posix()
    return posixpath.relpath(real, folder or ".") if real != path else None


def link_problem(message: str, docs_dir: Path, occurrence: int = 1) -> ContentError | None:
    """One of MkDocs' link warnings as a ContentError with the file, the line and the fix; None if it is not one.
    `occurrence`: how many times MkDocs has warned of this link in this file, this one included."""
    docs = Path(docs_dir)
    shown_docs = docs.name
    match = _ANCHOR.search(message)
    if match:
        target = f"'{match['doc']}'" if match["doc"] else "this page"
        problem = (f"The link '{match['link']}' goes to a part of {target} that is not there"
                   if match["anchor"] or match["doc"] else f"The link '{match['link']}' goes to a part of this page that is not there")
        fix = ANCHOR_FIX
    elif (match := _MISSING.search(message)):
        target, _, part = match["link"].partition("#")
        kind = "page" if target.endswith(".md") or "." not in target.rsplit("/", 1)[-1] else "file"  # a picture: a file
        problem = f"The link '{match['link']}' goes to no {kind} of this site"
        fix = "Check the spelling of the file name and its folder: the path starts from this page's folder"
        if match["guess"]:
            fix = f"Did you mean '{match['guess']}'? " + fix
        if "\\" in target:  # copied from Windows' file explorer
            fixed = target.replace("\\", "/") + (f"#{part}" if part else "")
            problem += ", because it has '\\' between its folders, and web addresses use '/'"
            fix = f"Write '/' in place of each '\\', like this: '{fixed}'"
        elif (real := _in_other_capitals(docs, match["file"], target)):
            problem += (f". The file is there as '{real}', in other capital letters, and the published site tells "
                        "capitals apart")
            fix = (f"Write the link as '{real}', or rename the file to match "
                   "the link. Names in small letters are best")
    elif (match := _UNRECOGNISED.search(message)):
        problem = f"The link '{match['link']}' is not a page of this site"
        fix = f"Link to the page's Markdown file, ending in '.md', for example '{_example_from(match['file'])}'"
    elif (match := _ABSOLUTE.search(message)):
        # The site is published in a folder of its host (site_url), so '/model/' would leave it.
        problem = f"The link '{match['link']}' starts with '/', so on the published site it would go outside this site"
        fix = ("Link to the page's Markdown file from this page's folder, ending in '.md', "
               f"for example '{match['guess'] or _example_from(match['file'])}'")
    else:
        return None
    return ContentError(f"{shown_docs}/{match['file']}", problem, fix,
                        line=link_line(docs / match["file"], match["link"], occurrence))


# A page's line in the menu: "- guides/x.md" or "- A title: guides/x.md".
_MENU_PAGE = re.compile(r"^[ \t]*- (?:[^\n]*?: )?[ \t]*([^\s:#'\"]+\.md)[ \t]*$", re.MULTILINE)


def pages_twice_in_menu(config_file: str | Path) -> list[ContentError]:
    """A problem for each page the menu (`nav` in mkdocs.yml) lists again, at the second line, naming
    both. MkDocs says nothing, and a reader would find the page in two places."""
    from .datafile import parse_yaml

    config_file = Path(config_file)
    try:
        _, node = parse_yaml(config_file.read_text(encoding="utf-8"), config_file.name, construct=False)
    except (OSError, UnicodeDecodeError, ContentError):
        return []  # the build says what is wrong with the file itself
    nav = next((value for key, value in getattr(node, "value", []) if getattr(key, "value", None) == "nav"), None)
    first: dict[str, int] = {}
    problems = []
    stack = [nav] if nav is not None else []
    while stack:
        current = stack.pop(0)
        if isinstance(current, yaml.SequenceNode):
            stack[:0] = current.value
        elif isinstance(current, yaml.MappingNode):
            stack[:0] = [value for _, value in current.value]
        elif isinstance(current, yaml.ScalarNode) and current.value.endswith(".md"):
            page, line = current.value, current.start_mark.line + 1
            if page in first:
                problems.append(ContentError(
                    config_file.name, f"The menu ('nav') lists '{page}' twice, on lines {first[page]} and {line}",
                    "Keep one of the two lines, where readers would look for the page", line=line))
            first.setdefault(page, line)
    return problems


def _absolute_forms(page: str) -> list[str]:
    """How a menu line might name a page with a '/' first: 'guides/x.md' as '/guides/x.md' or '/guides/x/'
    ('guides/index.md' as '/guides/'). The guess in menu_problems goes the other way."""
    folder = page[:-len("index.md")] if page.endswith("index.md") else page[:-len(".md")] + "/"
    return [f"/{page}", f"/{folder}"]


def _menu_name(page: str) -> str:
    """A name for a page's menu line, from its file's name: 'nhs-guide' is 'Nhs guide' to str.capitalize(),
    so only the first letter is made a capital ('NHS-guide' stays 'NHS guide')."""
    words = Path(page).stem.replace("-", " ").replace("_", " ")
    return words[:1].upper() + words[1:]


def menu_problems(message: str, docs_dir: Path, config_file: Path) -> list[ContentError] | None:
    """One of MkDocs' warnings about the menu (`nav` in mkdocs.yml) as a ContentError for each
    page it names, with the fix; None if it is not one."""
    docs, config_file = Path(docs_dir), Path(config_file)
    if (match := _OMITTED.search(message)):
        pages = [line.strip()[2:] for line in match["pages"].splitlines() if line.strip()]
        # A page named in the menu by a path with a '/' before it gets its own message (below), at its line.
        named = {line.rsplit(": ", 1)[-1].strip() for line in _lines(config_file) if ": /" in line}
        pages = [page for page in pages if named.isdisjoint(_absolute_forms(page))]
        # And one the menu names in other capital letters: that line gets its own message (below).
        written = {name.casefold(): name for name in _MENU_PAGE.findall("\n".join(_lines(config_file)))}
        pages = [page for page in pages if written.get(page.casefold(), page) == page]
        return [ContentError(
            f"{docs.name}/{page}", "This page is not in the site's menu",
            f"Add a line for it under 'nav' in {config_file.name}, where it belongs, for example "
            f"'- {_menu_name(page)}: {page}' (CONTRIBUTING.md, 'Add a new page')")
            for page in pages]
    if (match := _NOT_IN_DOCS.search(message)):
        real = _in_other_capitals(docs, "", match["link"])
        if real:
            return [ContentError(
                config_file.name, f"The menu ('nav') names '{match['link']}', which is not a page under {docs.name}/: "
                f"the page is '{real}', in other capital letters", f"Write '{real}' in that line of {config_file.name}",
                line=link_line(config_file, match["link"]))]
        return [ContentError(
            config_file.name, f"The menu ('nav') names '{match['link']}', which is not a page under {docs.name}/",
            f"Check the spelling of the file name and its folder, starting from {docs.name}/",
            line=link_line(config_file, match["link"]))]
    if (match := _ABSOLUTE_IN_MENU.search(message)):
        # '/guides/x/' or '/guides/x.md': the site is published in a folder of its host (site_url).
        path = match["link"].lstrip("/")
        guess = next((name for name in (path, path.rstrip("/") + ".md", path + "index.md")
                      if name.endswith(".md") and (docs / name).is_file()), "guides/step-1-recruit.md")
        return [ContentError(
            config_file.name, f"The menu ('nav') names '{match['link']}', which starts with '/', "
            "so on the published site it would go outside this site",
            f"Name the page's Markdown file from {docs.name}/, without a '/' at the start, for example '{guess}'",
            line=link_line(config_file, f": {match['link']}"))]
    return None


# After the problems, when the build stopped before it read the pages.
STOPPED_EARLY = ("The build stopped before it read the pages, so it has not checked them yet. "
                 "Fix what is listed above, then build again to see anything else.")


class Problems:
    """The errors a build found, in the order found, each listed once."""

    def __init__(self, findings: Findings | None = None):
        self.findings = findings if findings is not None else Findings()
        self.messages: list[str] = []
        self._handler: _InOurWords | None = None

    def __bool__(self) -> bool:
        return bool(self.messages)

    def __len__(self) -> int:
        return len(self.messages)

    def add(self, error: ContentError, title: str = "") -> None:
        self.findings.add_error(error, title=title)
        self.add_message(str(error))

    def add_text(self, text: str, title: str = "") -> None:
        """A message of one or more problems (a PluginError's text): each "file:line: ..." line
        becomes a finding of its own; a message with no such line is one finding with no file."""
        lines = [line for line in text.split("\n") if line.strip()]
        matches = [_LINE.match(line.strip()) for line in lines]
        for match in filter(None, matches):
            self.findings.error(match["file"], int(match["line"]) if match["line"] else None,
                                match["text"], title=title)
        if not any(matches):
            self.findings.error("", None, " ".join(lines), title=title)
        if all(matches):  # one problem a line: each counts
            for line in lines:
                self.add_message(line.strip())
        else:
            self.add_message(text.strip())

    def add_message(self, text: str) -> None:
        """A message for the list only (its findings are already recorded)."""
        if text not in self.messages:
            self.messages.append(text)

    def text(self) -> str:
        """Every problem, then the advice on the same files (advice never fails a build)."""
        count = f"{len(self.messages)} problem{'s' if len(self.messages) != 1 else ''}"
        text = (f"The site was not built: {count} to fix, listed below "
                "(each with the file, the line and what to do).\n\n" + "\n\n".join(self.messages))
        if not self.findings.complete:
            text += "\n\n" + STOPPED_EARLY
        files = {f.file for f in self.findings.errors if f.file}
        # A page too hard to read lists its plainer words in its problem (readability_findings): not twice.
        too_hard = {f.file for f in self.findings.errors if f.title == TOO_HARD}
        advice = [f for f in self.findings.warnings
                  if f.file in files and not (f.file in too_hard and f.title == PLAINER_WORD)]
        if advice:
            text += ("\n\nAdvice on the same pages (not a reason to fail):\n" +
                     "\n".join(f"  {_advice_line(f)}" for f in sorted(advice, key=lambda f: (f.file, f.line or 0))))
        return text

    # MkDocs' own link and menu checks only log a warning.
    def watch_links(self, docs_dir: str | Path, config_file: str | Path) -> None:
        self.stop_watching()
        self._handler = _InOurWords(self, Path(docs_dir), Path(config_file))
        for name in (MKDOCS_LINK_LOGGER, MKDOCS_NAV_LOGGER):
            logging.getLogger(name).addFilter(self._handler)

    def stop_watching(self) -> None:
        if self._handler is not None:
            for name in (MKDOCS_LINK_LOGGER, MKDOCS_NAV_LOGGER):
                logging.getLogger(name).removeFilter(self._handler)
            self._handler = None


def error_commands(findings: Findings) -> list[str]:
    """GitHub's commands for the errors that stop the build, each at its line. Not the readability
    gate's (annotations.gate_commands): those are given as they are found."""
    from .annotations import command
    return [command("error", finding.text.split(": ", 1)[1] if finding.file and finding.line else finding.text,
                    file=finding.file or None, line=finding.line, title="Build stopped")
            for finding in findings.errors if finding.title != TOO_HARD]


def _advice_line(finding) -> str:
    """"docs/a.md, line 7: ..." (not "docs/a.md:7:", which reads as a problem that stops the build)."""
    said = finding.text.split(": ", 1)[1] if finding.file else finding.text
    where = f"{finding.file}, line {finding.line}" if finding.line else finding.file
    return f"{where}: {said}"


class _InOurWords(logging.Filter):
    """On MkDocs' loggers for pages and for the menu: each warning about a link, an anchor
    or the menu becomes one of our problems (the file, the line and the fix), and MkDocs
    does not print its own wording of it as well. Any other record goes on as MkDocs logged it."""

    def __init__(self, problems: Problems, docs_dir: Path, config_file: Path):
        super().__init__()
        self.problems, self.docs_dir, self.config_file = problems, docs_dir, config_file
        self.warned: dict[str, int] = {}  # how many times MkDocs warned of each message, for its line

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        if _NOTE_BACK_LINK.search(message):
            # The back-link of a note at the foot that the page never cites: github_preview.py names
            # that note at its line, with the fix.
            return False
        self.warned[message] = self.warned.get(message, 0) + 1
        if (error := link_problem(message, self.docs_dir, self.warned[message])) is not None:
            self.problems.add(error, title="Broken link")
            return False
        if (errors := menu_problems(message, self.docs_dir, self.config_file)) is not None:
            for error in errors:
                self.problems.add(error, title="Menu")
            return False
        return True


def readability_findings(findings: Findings, results, advise) -> None:
    """The readability gate's results as findings: an error for each failing page at its
    hardest sentence; long sentences and chopped text as warnings on the pages `advise(file)` picks."""
    for result in results:
        if not result.gated:
            continue
        if not result.passed:
            line = result.hardest[0][0].line if result.hardest else 1
            findings.error(result.file, line, " ".join(result.problems).rstrip(".") + ". The hardest sentences: " +
                           ", ".join(dict.fromkeys(f"line {s.line}" for s, _ in result.hardest)),
                           "Rewrite them in shorter sentences with everyday words", title=TOO_HARD)
        if not advise(result.file):
            continue
        limit = result.thresholds.long_sentence_words
        for sentence, words in result.long_sentences:
            findings.warning(result.file, sentence.line, f"This sentence has {words} words; the limit is {limit}",
                             "Split it, or make sure every word is plain", title="Long sentence")
        for suggestion in result.suggestions:
            findings.warning(result.file, 1, suggestion, title="Chopped sentences")
