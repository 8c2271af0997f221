"""The build, in order: the one MkDocs plugin of ours. The work is plain Python in coproduction/.

MkDocs calls these events in this order; each stage is a call into a plain module.

 1. on_config (before macros)  build into a folder beside site/      atomic.py (swapped in at 8)
                               check the files on disk                file_safety.py
                               open the data, check it               project.py, settings.py
                               a page listed twice in the menu        checks.py
                               make every PDF                         pdf.py
                               make every template's DOCX and ODT     office.py
                               set up the plain-English gate          readability/
 2. on_pre_build               the macro sandbox                      template_safety.py
 3. on_files                   files that would be code or collide    boundary.py
                               every page's front matter              front_matter_safety.py
                               each case study's fields               case_studies.py
                               pictures small enough for a phone      limits.py
                               score every page for plain English     readability/
    on_page_read_source        a page whose front matter was refused  markdown_source.py
                               is read with it emptied
 4. on_env                     the templates' scripts, styles (CSP)   csp.py
                               the plain-English verdict              readability/
 5. on_page_markdown           before macros: template code only on   template_safety.py
                               the allowed pages, with known names
                               after macros: source references,       sources.py, readability/
                               links and titles for the report
 6. on_page_content            hidden notes taken out; the page's     html_safety.py, sources.py
                               HTML on the allowlist;
                               links only to listed sources
                               pictures described, headings in order, pictures.py, headings.py
                               links' words say where they go        link_text.py
                               words under the title, a title with
                               no tags
                               no email address or phone number       contact_details.py
                               the model page shows data/model.yml    model.py
                               lists, tables and web addresses as     github_preview.py
                               GitHub's preview shows them
                               a case study's fields under its title  case_studies.py
                               a note after each link to a source     sources.py
                               seen only in a search result
    on_page_context            front matter escaped in the head (a
                               case study described by what changed);
                               no side menu on a page outside the
                               menu's sections
    on_post_page/_template     the content security policy            csp.py
 7. on_post_build              model.json, readability.json, PDFs,    atomic.py, pdf.py,
                               the templates' DOCX and ODT files      office.py
 8.                            swap the new site in                   atomic.py

No stage can be switched off from mkdocs.yml. The build stops, in plain words, if
mkdocs.yml lacks this plugin (the macros ask it for the data: project.of) or the
macros plugin, or if the macros plugin is set up so that a page could run macros
outside the sandbox.

`event_priority` appears only where this plugin must sit against a third-party one
(mkdocs-macros, Material's privacy and search): each says why.
"""
from __future__ import annotations

import atexit
import functools
import json
import logging
import os
import re
import secrets
import shutil
from pathlib import Path

from jinja2 import TemplateSyntaxError
from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.utils import CountHandler, get_relative_url

from .. import (annotations, atomic, boundary, case_studies, contact_details, csp, github_preview, headings,
               html_safety, limits, link_text, model, office, pictures, self_assessment, settings)
from ..errors import ContentError, shown_path
from ..file_safety import check_project_files
from ..findings import FINDINGS_FILE, Findings
from .. import checks, live_reload, review_dates  # issue 29: one round of problems, review dates, reload
from ..front_matter_safety import NOT_FOR_PAGES, front_matter_problems
from ..markdown_source import (blank_out_code, front_matter_line_count, line_of_offset, load_page, read_page,
                               with_empty_front_matter)
from ..pdf import remove_outputs, render, write_outputs
from ..readability import Checker
from ..readability.advice import jargon_findings, jargon_text
from ..readability.check import CACHE_DIR
from ..readability.report import Report
from ..sources import SOURCES_PAGE, check_page, own_prefixes, reference_definitions, with_doubts
from ..template_safety import MacroFailed, ReportingSandbox, loaded_templates
from .config import CoproductionConfig

log = get_plugin_logger(__name__)

# Under `mkdocs serve`, advice must show without stopping the preview. The
# project builds in strict mode, where any warning logged through MkDocs'
# loggers aborts the build, so serve warnings go through a logger of our own.
serve_log = logging.getLogger("coproduction.plain_english.serve")
if not serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  [plain-english] %(message)s"))
    serve_log.addHandler(_handler)
    serve_log.propagate = False

# Template code. `{#id}` after a heading is not: it is an attr_list id.
_JINJA = re.compile(r"\{\{|\{%|\{#(?![\w-]+(?:\s[^}\n]*)?\})")
_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+")
_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)

# The folders checked on disk besides docs/ (file_safety.py).
CHECKED_FOLDERS = ("data", "overrides", "print", "macros")
# The macros package: only its functions reach the sandbox (not mkdocs-macros' own, like macros_info).
OUR_MACROS_PACKAGE = "macros"
# The data a macro page may use by name, besides the macros themselves.
MACRO_VARIABLES = ("model", "quotes", "easy_read", "model_words", "gettysburg_words", "self_assessment")
# Front matter values the theme prints inside an HTML attribute in the page head.
ESCAPED_IN_HEAD = ("description", "author")
# How the macros plugin must be set up for the sandbox to cover every page that runs macros.
MACROS_REQUIRED = {"render_by_default": False, "on_error_fail": True, "on_undefined": "strict", "include_dir": "",
                   "include_yaml": []}


def project_dir(config) -> str:
    """The folder that holds mkdocs.yml."""
    return os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))


def plugin_error(err: ContentError, config) -> PluginError:
    """`raise plugin_error(err, config) from None`: the message with the file shown from the project."""
    return PluginError(str(err.shown_from(project_dir(config))))


def _ours(functions: dict) -> dict:
    return {name: fn for name, fn in functions.items()
            if (getattr(fn, "__module__", "") or "").split(".")[0] == OUR_MACROS_PACKAGE}


def _collects(stage):
    """A page stage's problem joins the list that on_env reports in one go (checks.py); the
    build reads on. A page that may run macros goes on empty: its macros are not run."""
    @functools.wraps(stage)
    def collecting(self, content, **kwargs):
        try:
            return stage(self, content, **kwargs)
        except PluginError as err:
            self.problems.add_text(str(err))
            page = kwargs["page"]
            if stage.__name__ == "_before_macros" and self.macros.force_page_rendering(page.file.src_path):
                self.not_made.add(page.file.src_uri)
                return ""
            return content
    return collecting


def _register_short_macro_errors():
    """Make mkdocs-macros print our plain message instead of a Python traceback."""
    try:
        from mkdocs_macros.errors import format_error
    except ImportError:  # an older or newer mkdocs-macros: it prints its own report
        return
    format_error.register(MacroFailed)(lambda error, markdown, page: str(error))


class CoproductionPlugin(BasePlugin[CoproductionConfig]):
    # What this build holds, public for the macros (project.of(env.conf)) and the tests.
    project = None
    command = None

    def on_startup(self, *, command, dirty):
        self.command = command
        # Only the preview's live-reload script may run besides the theme's (live_reload.py).
        self.reload_nonce = secrets.token_urlsafe(24) if command == "serve" else None

    # ---- 1. before anything is read --------------------------------------------

    # Before mkdocs-macros (0) reads the macros package, whose define_env asks
    # this plugin for the data and the download details; before Material's
    # search and privacy (0), so they too write into the folder beside site/.
    @event_priority(100)
    def on_config(self, config):
        self.root = Path(project_dir(config))
        self.docs_dir = Path(config.docs_dir)
        self.custom_dir = config.theme.custom_dir
        self.current_page, self.scoring, self.error, self.judged = None, None, None, False
        self.not_made = set()  # src_uri of each macro page that went on empty (_collects)
        self._collect_problems(config)
        self._build_beside_site(config)
        self._check_macros_plugin(config)
        try:
            settings.read_mkdocs_yml(config.config_file_path)  # refuses a key written twice
            for error in checks.pages_twice_in_menu(config.config_file_path or "mkdocs.yml"):
                self.problems.add(error)  # in the one list with the rest (checks.py)
            self._check_files(config)
            self._open_data(config)
            self._make_pdfs(config)
            self._make_templates(config)
            self._set_up_gate(config)
        except ContentError as err:
            raise PluginError(f"{plugin_error(err, config)}\n\n{checks.STOPPED_EARLY}") from None
        except settings.SettingError as err:
            raise PluginError(f"{Path(config.config_file_path or 'mkdocs.yml').name}: {err}\n\n"
                              f"{checks.STOPPED_EARLY}") from None
        return config

    def _collect_problems(self, config):
        """Each stage adds its problems to one list, reported all at once in on_env
        (checks.py), and to the findings file the pull request's summary reads."""
        if getattr(self, "problems", None) is not None:
            self.problems.stop_watching()
        self.findings = Findings()
        self.findings_file = self.root / FINDINGS_FILE
        self.findings.write(self.findings_file)  # no result of an older build is left to read
        self.problems = checks.Problems(self.findings)
        # MkDocs' broken links and anchors, with their line, and pages missing from the menu.
        self.problems.watch_links(config.docs_dir, config.config_file_path or "mkdocs.yml")
        self.today = review_dates.build_date()
        self.reviewed = {}  # each page's review dates (read once, in on_files), for its foot
        self.changed = annotations.changed_files()  # None: every page
        if logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG:  # without --verbose
            logging.getLogger("mkdocs.plugins.mkdocs_macros").setLevel(logging.WARNING)

    def _advised(self, file: str) -> bool:
        """Whether a page gets advice: every page, or only the changed ones (annotations.changed_files)."""
        return self.changed is None or annotations.relative(file) in self.changed

    def _build_beside_site(self, config):
        """No half sites: build into a folder beside site/, swapped in at the end (atomic.py).

        Strict mode under --quiet (mkdocs/mkdocs#4126): `mkdocs build --quiet` raises the
        log level to ERROR, so MkDocs' strict mode never sees the warnings. We count them
        ourselves and turn the level back down to WARNING, so the contributor sees them."""
        self.target, self.building = None, None
        mkdocs_log = logging.getLogger("mkdocs")
        if getattr(self, "warnings", None) is not None:
            mkdocs_log.removeHandler(self.warnings)
        self.warnings = None
        if config.strict:
            if mkdocs_log.getEffectiveLevel() > logging.WARNING:
                mkdocs_log.setLevel(logging.WARNING)
            self.warnings = CountHandler()
            self.warnings.setLevel(logging.WARNING)
            mkdocs_log.addHandler(self.warnings)
        if self.command != "build":  # `mkdocs serve` builds into a temporary folder of its own
            return
        self.target = Path(config.site_dir)
        self.building = self.target.with_name(f".{self.target.name}.building")
        shutil.rmtree(self.building, ignore_errors=True)  # left by a killed build
        config.site_dir = str(self.building)
        # mkdocs-macros ends the process on a failed macro (SystemExit), which skips
        # on_build_error; tidy up on the way out then too.
        atexit.register(self._discard)

    def _check_macros_plugin(self, config):
        """The macros plugin must be there, set up so only the listed pages run macros."""
        self.macros = config.plugins.get("macros")
        if self.macros is None:
            raise PluginError("mkdocs.yml: the 'macros' plugin is not in the list under 'plugins'. "
                              "The pages that show the model's words need it. "
                              "Add it back after '- coproduction', as on the main branch.")
        for key, value in MACROS_REQUIRED.items():
            if self.macros.config.get(key) != value:
                raise PluginError(f"mkdocs.yml: the macros plugin must have '{key}: {json.dumps(value)}', "
                                  "so that only the pages listed in 'force_render_paths' can run macros, "
                                  "inside the build's sandbox.")

    def _check_files(self, config):
        """No symbolic links; only allowed file types under docs/; UTF-8; no hidden direction controls."""
        docs_folder = os.path.relpath(self.docs_dir, self.root)  # docs_dir may be named or placed differently
        problems = check_project_files(self.root, [docs_folder, *CHECKED_FOLDERS], docs_folder=docs_folder)
        if problems:
            raise PluginError("\n".join(str(p) for p in problems))

    def _open_data(self, config):
        """The Project of this build, from the `data:` paths, checked before any page is read."""
        self.project = settings.open_project(self.root, self.config.data_, config.docs_dir)
        self.project.model, self.project.quotes, self.project.jargon, self.project.easy_read
        self.project.sources
        self.case_studies = {study.path.relative_to(self.docs_dir).as_posix(): study
                             for study in self.project.case_studies}  # by page, for the box under each title
        self.readability = settings.readability_options(self.config.readability)
        self.report = Report(self.readability["thresholds"], enabled=self.readability["enabled"])
        self.project.readability = self.report  # the "How readable is this site?" page reads it
        self.prefixes = own_prefixes(config.site_url, config.edit_uri)

    def _make_pdfs(self, config):
        """Every PDF, rendered now (or from .cache/print/), so the pages can show their sizes."""
        self.documents = settings.documents(self.config.documents, self.root, self._published_site_url(config),
                                            self.project)
        self.results = {}
        if not self.config.make_pdfs:  # benchmarks only: the pages stay the same, no PDF is made
            self.project.downloads = {d.name: {
                "pdf": d.output, "preview": d.preview, "title": d.title, "size_bytes": 30000,
                "pages": d.pages or d.max_pages, "paper": "A4", "preview_width": 595, "preview_height": 842}
                for d in self.documents}
            return
        try:
            for document in self.documents:
                self.results[document.name] = render(document, self.project.data(document.data),
                                                     cache_dir=self.root / self.config.print_cache_dir)
        except ContentError:
            remove_outputs(Path(config.site_dir), self.documents)
            raise
        self.project.downloads = {d.name: self.results[d.name].details(d) for d in self.documents}

    def _make_templates(self, config):
        """Each template page (docs/templates/) as Word and OpenDocument files, made now
        (or from .cache/office/) so the pages can show their sizes."""
        self.project.templates = office.build_all(self.root, self.docs_dir, self.project.sources,
                                                  self._published_site_url(config), self.root / ".cache/office")

    def _published_site_url(self, config) -> str:
        """The address to print. `mkdocs serve` swaps site_url for its own local one."""
        host, port = config.dev_addr
        if not (config.site_url or "").startswith(f"http://{host}:{port}/"):
            return config.site_url or ""
        return settings.read_mkdocs_yml(config.config_file_path).get("site_url") or ""

    def _set_up_gate(self, config):
        annotations.watch_mkdocs_warnings()  # under GitHub Actions only
        if not self.readability["enabled"]:
            return
        self.quoted = self.project.quoted_texts()
        self.checker = Checker(self.readability["thresholds"], self.project.jargon,
                               [t for _, texts in self.quoted for t in texts],
                               rules_key=self.project.path(self.project.jargon_file).read_bytes(),
                               cache_dir=self.project.path(CACHE_DIR))

    # ---- 2. the macro sandbox ----------------------------------------------------

    def on_pre_build(self, *, config):
        """Pages that run macros render in a read-only sandbox (template_safety.py).

        mkdocs-macros 1.5.0 has no public way to choose its Jinja environment: `env`
        is a read-only property, and on_config builds `Environment(**env_config)` from
        its own settings. So, after its on_config (every on_config has run by now),
        we set the attribute behind `env`. Its public `register_*` hooks only add
        names to that environment; they cannot make it a sandbox."""
        old = self.macros.env
        delimiters = {name: getattr(old, name) for name in (  # the j2_* settings it was given
            "block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
            "comment_start_string", "comment_end_string")}
        sandbox = ReportingSandbox(loader=None, undefined=old.undefined, on_error=self._macro_error,
                                   macros=_ours(self.macros.macros), variables=MACRO_VARIABLES, **delimiters)
        sandbox.filters.update(_ours(self.macros.filters))
        self.macros._env = sandbox
        _register_short_macro_errors()

    def _macro_error(self, problem: str, fix: str, line: int | None) -> str:
        page = self.current_page
        where = self._shown(page.file.src_path) if page else "a page"
        if page and line:
            line += self._front_matter_lines(page)
        message = str(ContentError(where, problem, fix, line=line))
        # mkdocs-macros stops the build after a failed macro; say why, even with --quiet.
        log.error(message)
        return message

    # ---- 3. every page, before any is rendered -----------------------------------

    def on_files(self, files, *, config):
        if self._check_front_matter(files, config):  # a file that would be code, or a page that cannot be read
            self._stop(complete=False)
        self._check_review_dates(files)
        for problem in self.project.case_study_problems:  # a case study's fields, checked in full
            self.problems.add(problem)
        self._check_picture_sizes(files)
        self._score_pages(files, config)
        return files

    def _check_picture_sizes(self, files):
        """No picture under docs/ too big for a phone to load quickly (limits.MAX_PICTURE_BYTES)."""
        for file in files.media_files():
            if (file.abs_src_path and Path(file.src_dir or "") == self.docs_dir
                    and Path(file.src_path).suffix.lower() in limits.PICTURE_SUFFIXES):
                problem = limits.picture_too_big(self._shown(file.src_path), os.path.getsize(file.abs_src_path))
                if problem is not None:
                    self.problems.add(problem, title="Picture too big")

    def _check_front_matter(self, files, config) -> bool:
        """Every file's and every page's front matter problems; True if the build must stop now,
        before any page is read: a file under docs/ that would be code or collide, or a page
        too big to read or not saved as UTF-8.

        A page whose front matter is refused (a field pages may not have, a value they may not
        use, broken YAML, a YAML anchor) is read with that front matter emptied
        (on_page_read_source): none of it reaches MkDocs, the macros or a template. So the
        page's other problems come in this round too, and the build stops before any page is
        written."""
        self.refused_front_matter = {}  # src_uri: the page's text with its front matter emptied
        self.unreadable = set()  # src_uri of each page whose front matter cannot be read at all
        custom = self.custom_dir  # the page templates front matter may name
        templates = {p.name for p in Path(custom).glob("*.html") if p.name not in NOT_FOR_PAGES} if custom else set()
        stop = False
        for problem in boundary.docs_problems(files, config):  # theme files, unnamed scripts, one output path twice
            self.problems.add(problem)
            stop = True
        for file in files.documentation_pages():
            shown = self._shown(file.src_path)
            try:  # read and parsed once: the readability gate gets the same Page
                page = load_page(file.abs_src_path, shown_as=shown)
                problems = front_matter_problems(page.meta, page.text, page.shown, templates)
            except ContentError as err:  # size, encoding, YAML: reported here, with the line
                problems = [err]
                self.unreadable.add(file.src_uri)
            for problem in problems:
                self.problems.add(problem)
            if problems:
                emptied = self._with_empty_front_matter(file.abs_src_path, shown)
                if emptied is None:
                    stop = True
                else:
                    self.refused_front_matter[file.src_uri] = emptied
        return stop

    @staticmethod
    def _with_empty_front_matter(path: str, shown: str) -> str | None:
        """The page's text with its front matter emptied; None if the text itself cannot be read
        (too big, not UTF-8) or MkDocs would read its fields some other way (MultiMarkdown)."""
        try:
            return with_empty_front_matter(read_page(path, shown))
        except ContentError:
            return None

    def on_page_read_source(self, *, page, config):
        """A page whose front matter was refused (on_files) reaches MkDocs with it emptied."""
        return self.refused_front_matter.get(page.file.src_uri)

    def _check_review_dates(self, files) -> None:
        """Every page's review dates, in one pass (review_dates.py): a missing or broken date is an
        error with its line; a page past its date gets advice."""
        for file in files.documentation_pages():
            if not file.abs_src_path or not os.path.isfile(file.abs_src_path):
                continue
            try:
                page = load_page(file.abs_src_path, shown_as=self._shown(file.src_path))
            except ContentError:  # the front matter stage has listed it, with its line
                continue
            try:
                dates = review_dates.read_review_dates(page, review_dates.is_public(file.src_path), self.today)
            except ContentError as err:
                # A date the front matter stage refused is listed already, at its line, with its fix.
                if not any(f.level == "error" and f.line == err.line for f in self.findings.for_file(err.file)):
                    self.problems.add(err, title="Review dates")
                continue
            self.reviewed[file.src_path] = dates
            self.report.add_review(file.src_path, dates)
            if dates and dates.advice:
                self.findings.warning(dates.file, dates.line, dates.advice, title="Review due")
                log.info(f"{dates.file}:{dates.line}: {dates.advice}.")

    def _score_pages(self, files, config):
        """Scores every page's Markdown source now, so "How readable is this site?" can show them
        all. On a big site with a cold cache, other processes score them while MkDocs reads the
        pages; the verdict waits for them, and comes before any page is written (on_env)."""
        if not self.readability["enabled"]:
            return
        docs = self.docs_dir.name
        # Pages made by a plugin have no source for a contributor to fix; a page whose front
        # matter cannot be read is scored once it can (its problem is listed already).
        pages = [file for file in files.documentation_pages()
                 if file.abs_src_path and os.path.isfile(file.abs_src_path) and file.src_uri not in self.unreadable]
        self.src_paths = [file.src_path for file in pages]
        self.error, self.judged = None, False
        workers = max(1, len(os.sched_getaffinity(0)) - 1)  # one core is left for MkDocs
        try:
            self.scoring = self.checker.start([(file.abs_src_path, f"{docs}/{file.src_path}") for file in pages],
                                              workers)
        except ContentError as err:
            self.problems.add(err.shown_from(project_dir(config)))
            self.scoring = None
            return
        report_page = files.get_file_from_path(self.readability["report_page"])
        if report_page is not None:  # MkDocs renders pages in the order of `files`
            files.remove(report_page)
            files.append(report_page)
        if not self.scoring.in_background:
            self._collect(config)
            self._verdict()

    def on_pre_page(self, page, *, config, files):
        # The report page shows every result: wait for the workers before it is read.
        if self.scoring is not None and page.file.src_uri == self.readability["report_page"]:
            self._collect(config)
        return page

    # ---- 4. every page read; none written yet ------------------------------------

    def on_env(self, env, *, config, files):
        self.trusted = csp.trusted(env)  # the templates' own scripts and styles: the only inline code we allow
        if self.scoring is not None:
            self._collect(config)
        if self.readability["enabled"] and not self.judged:
            self._verdict()
        # Anchors now, not after the pages are written. A macro page that went on empty has none:
        # MkDocs skips links to the parts of a page it did not make (present_anchor_ids None), so
        # they are checked once its macros are fixed, not each reported as a broken link now.
        for file in files.documentation_pages():
            if file.src_uri in self.not_made and file.page is not None:
                file.page.present_anchor_ids = None
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        # The self-assessment links to each area's guide itself (HTML from data), so MkDocs does not
        # check the part after '#': it is checked here, against the pages as made.
        def anchors_of(path):
            file = files.get_file_from_path(path)
            return file.page.present_anchor_ids if file is not None and file.page is not None else None
        for problem in self_assessment.guide_anchor_problems(
                self.project.path(self.project.self_assessment_file), self.project.self_assessment, anchors_of,
                shown_as=self.project.shown(self.project.self_assessment_file)):
            self.problems.add(problem, title="Broken link")
        if self.problems:  # every page read, none written: stop with every problem found
            self._stop(complete=True)
        return env

    def _stop(self, complete: bool):
        """One error listing every problem found (checks.py). `complete`: every check has run."""
        self.findings.complete = complete
        error = PluginError(self.problems.text())
        if annotations.enabled():  # each at its line; the gate and MkDocs' link checks gave theirs
            annotations.emit(checks.error_commands(self.findings))
        error.annotated = True
        raise error

    def _collect(self, config) -> None:
        """Every page's result into the report, and the cache saved. A page that cannot be
        read stops the build in _verdict: raised here, inside another page's events, MkDocs
        would blame that page."""
        scoring, self.scoring = self.scoring, None
        try:
            results = scoring.results()
        except ContentError as err:
            self.error = plugin_error(err, config)
            return
        for src_path, result in zip(self.src_paths, results):
            self.report.add_page(src_path, result)
        for label, texts in self.quoted:
            self.report.add_quoted(self.checker.check_quoted(label, texts))
        self.checker.save_cache()

    def _verdict(self) -> None:
        """Advice in the log; `mkdocs build` stops if a page is too hard to read."""
        self.judged = True
        if self.error is not None:
            self.problems.add_text(str(self.error))
            return
        checks.readability_findings(self.findings, self.report.pages.values(), self._advised)
        self._jargon_advice()
        failing = [r for r in self.report.pages.values() if not r.passed]
        for result in self.report.pages.values():
            if result.passed and (result.long_sentences or result.suggestions):
                log.info(result.advice)
        for repeat in self.report.repeats:
            log.info(f"{', '.join(f'{f}:{n}' for f, n in repeat.places)}: {repeat.message}")
        if annotations.enabled():  # under GitHub Actions only
            annotations.emit(annotations.gate_commands(self.report.pages.values(), self.report.repeats))
        if failing:
            message = "\n\n".join(r.advice for r in failing)
            if self.command == "serve":  # only `mkdocs serve` keeps going when a page fails
                serve_log.warning(message)
            else:
                count = f"{len(failing)} page{'s are' if len(failing) > 1 else ' is'}"
                self.problems.add_message(f"{count} too hard to read.\n\n{message}")

    def _jargon_advice(self) -> None:
        """Plainer words on every changed page, failing or not: advice, never a failure. A failing
        page's advice already lists them."""
        docs = self.docs_dir.name
        for src_path, result in self.report.pages.items():
            shown = f"{docs}/{src_path}"
            if not self._advised(shown):
                continue
            hits = self.checker.advice_in(result.jargon)  # found when the page was scored (and cached)
            found = jargon_findings(shown, hits)
            self.findings.extend(found)
            if hits and result.passed:
                log.info(jargon_text(shown, hits))
                if annotations.enabled():
                    annotations.emit([annotations.command("warning", f.message + ".", file=f.file, line=f.line,
                                                          title=f.title) for f in found])

    # ---- 5. each page's Markdown -------------------------------------------------

    # Before mkdocs-macros (0) renders the page.
    @event_priority(100)
    @_collects
    def _before_macros(self, markdown, *, page, config, files):
        self.current_page = page
        shown = self._shown(page.file.src_path)
        offset = self._front_matter_lines(page)
        renders = self.macros.force_page_rendering(page.file.src_path)  # render_macros: refused in on_files
        self.macro_source = markdown if renders else None
        if renders:
            self._check_macro_page(markdown, shown, offset)
            return markdown
        match = _JINJA.search(blank_out_code(markdown))
        if match:
            raise PluginError(str(ContentError(
                shown, "This page contains template code ('{{', '{%' or '{#'), which only a few data pages may use",
                "Remove it, or put it inside `backticks` to show it as code",
                line=line_of_offset(markdown, match.start()) + offset)))
        return markdown

    def _check_macro_page(self, markdown: str, shown: str, offset: int) -> None:
        sandbox = self.macros.env
        try:
            unknown = sandbox.unknown_names(markdown)
            costly = sandbox.too_costly(markdown)
        except TemplateSyntaxError as err:
            fix = "Check that every '{{' has a matching '}}' and every '{%' a matching '%}'"
            if "comment" in (err.message or ""):
                fix = ("On this page '{#' starts a comment. For a heading id, add spaces: "
                       "'{ #my-id }' instead of '{#my-id}'")
            raise PluginError(str(ContentError(
                shown, f"A macro on this line cannot be read ({err.message})", fix,
                line=(err.lineno or 0) + offset))) from None
        problems = [str(ContentError(
            shown, f"A macro on this line uses '{name}', which pages may not use or the site does not know",
            "Check the spelling. Pages may use only the site's own macros, like step_text(1), "
            "and " + ", ".join(f"'{v}'" for v in MACRO_VARIABLES) + ". To show the braces as text, put them in `backticks`",
            line=line + offset)) for name, line in unknown]
        problems += [str(ContentError(
            shown, f"A macro on this line uses {what}, which could make the page too big or the build too slow",
            "Write it in a simpler way. Pages only show the site's data; they do not need to compute",
            line=line + offset)) for what, line in costly]
        problems += [str(ContentError(
            shown, f"A macro on this line uses '{what}', which reads another file. Pages may not use include, "
            "import or extends", "Write what the page needs on the page itself, with the site's own macros",
            line=line + offset)) for what, line in loaded_templates(sandbox, markdown)]
        if problems:
            raise PluginError("\n".join(problems))

    # After mkdocs-macros (0): the reference definitions are never read as template
    # code, and links that macros insert (the Sources page) count in the report.
    @event_priority(-50)
    def _after_macros(self, markdown, *, page, config, files):
        if self.macro_source is not None:  # a page's macros may not make far more than it holds
            try:
                limits.check_macro_output(self._shown(page.file.src_path), self.macro_source, markdown)
            except ContentError as err:
                raise plugin_error(err, config) from None
        definitions = reference_definitions(self.project.sources, markdown)  # pages cite sources by key
        if definitions:
            markdown = f"{markdown}\n\n{definitions}\n"
        if self.readability["enabled"]:
            text = blank_out_code(markdown)
            self.report.add_rendered_links(page.file.src_path, _URL.findall(text))
            heading = _HEADING.search(text)
            if heading:
                self.report.add_rendered_title(page.file.src_path, heading.group(1))
        return markdown

    on_page_markdown = CombinedEvent(_before_macros, _after_macros)

    # ---- 6. each page's HTML -----------------------------------------------------

    # After Material's privacy plugin (-100), the last to change the HTML.
    @event_priority(-110)
    @_collects
    def on_page_content(self, html, *, page, config, files):
        shown = self._shown(page.file.src_path)
        # The page's source, read once, and only by a check that needs it (a page a plugin made has no file).
        source = functools.cache(lambda: read_page(page.file.abs_src_path) if page.file.abs_src_path
                                 else page.file.content_string)
        # Hidden notes (<!-- -->) are not published; the page is checked as it is published.
        html = html_safety.without_comments(html)
        problems = html_safety.find_problems(html)
        if problems:
            raise PluginError("\n".join(
                str(ContentError(shown, p.problem, p.fix, line=html_safety.line_of(source(), p.clue)))
                for p in problems))
        # For screen readers: every picture says what it shows, and headings go down one level at a time.
        # For everyone: lists and web addresses show as they do in GitHub's preview.
        found = (pictures.problems(html, source, shown) + link_text.problems(html, source, shown)
                 + headings.problems(html, source, shown)
                 + github_preview.problems(html, source, shown)
                 + contact_details.problems(source(), shown))  # no one's email or phone number, even hidden
        if page.file.src_uri not in self.not_made and (empty := headings.empty_page_problem(html, shown)):
            found.append(empty)  # a new page not written yet (a macro page that went empty is named already)
        if (title := headings.title_problem(page.title, source, shown)):  # the theme prints it in <title>
            found.append(title)
        if page.file.src_uri == model.MODEL_PAGE:  # the model's words as data/model.yml has them
            found += model.words_missing_from_the_page(self.project.model, html_safety.words_of(html), shown)
        if found:
            raise PluginError("\n".join(str(err) for err in found))
        checked = html  # the page as checked above: what the build adds from here is checked again below
        if page.file.src_uri in self.case_studies:  # the case study's fields, under its title
            index = files.get_file_from_path(f"{case_studies.FOLDER}/{case_studies.INDEX_PAGE}")
            box = case_studies.facts_box(self.case_studies[page.file.src_uri],
                                         get_relative_url(index.url, page.url) if index else None)
            html = case_studies.with_facts(html, box)
        try:  # links to other websites only if data/sources.yml lists them
            check_page(shown, source(), html, self.project.sources, self.prefixes)
        except ContentError as err:
            raise plugin_error(err, config) from None
        if page.file.src_uri != SOURCES_PAGE:  # which lists sources by how we saw them
            html = with_doubts(html, self.project.sources)  # a source we saw only in part says so where it is cited
        if html != checked:  # what the build added must read as it meant, to a browser too: check again
            self._check_additions(html, source, shown)
        return html

    @staticmethod
    def _check_additions(html: str, source, shown: str) -> None:
        """The box under a case study's title and the notes after links are placed where Python's
        parser reads a tag's end. Where a browser reads the page otherwise (an unclosed quote, say),
        an addition could end an attribute early and turn its rest into live tags: so the page is
        checked again as it will be published, and refused if the additions changed what it holds."""
        problems = html_safety.find_problems(html)
        if problems:
            raise PluginError("\n".join(str(ContentError(
                shown, f"{p.problem}, once the build adds its notes to the page. A quote mark or a tag is "
                "probably left open near here", f"{p.fix}. Check that every quote and tag is closed",
                line=html_safety.line_of(source(), p.clue))) for p in problems))

    # After Material's search (0), just before the theme prints the page.
    @event_priority(-100)
    def on_page_context(self, context, *, page, config, nav):
        study = self.case_studies.get(page.file.src_uri)
        if study is not None and not page.meta.get("description"):  # what changed: the page in one line
            page.meta["description"] = study.meta.what_changed
        for key in ESCAPED_IN_HEAD:
            value = page.meta.get(key)
            if value is not None:
                page.meta[key] = escape(value if isinstance(value, str) else str(value))
        # A page in no section of the menu (one at its top, or not in it) would have a side menu of
        # itself alone, or of nothing: hidden, as `hide: [navigation]` in its front matter would.
        if page.parent is None and "navigation" not in page.meta.get("hide", ()):
            page.meta["hide"] = [*page.meta.get("hide", ()), "navigation"]
        if page.file.src_path in self.reviewed:  # the page's foot: review dates and "Is something wrong...?"
            context["page_review"] = review_dates.page_footer(
                self.reviewed[page.file.src_path], page.file.src_path, extra=config.extra,
                edit_uri=config.edit_uri, docs_dir=self.docs_dir.name)
        return context

    # After Material's privacy plugin (-50), so the hashes match the page exactly as written.
    @event_priority(-100)
    def on_post_page(self, output, *, page, config):
        if page.content and page.content not in output:
            # The privacy plugin rewrites anything shaped like a link to another website, even inside an
            # attribute's value, and its quotes can end that value: the page's words must reach it unchanged.
            raise PluginError(str(ContentError(
                self._shown(page.file.src_path), "Part of this page was rewritten after the build checked it, "
                "so the build cannot vouch for it. This happens when a tag, such as a link to another website, "
                "is written inside another tag's attribute", "Look for '<a' or '<' inside quotes in the page's "
                "HTML, and take it out")))
        return self._add_policy(output, self._shown(page.file.src_path))

    @event_priority(-100)  # after Material's privacy plugin (-50), as on_post_page
    def on_post_template(self, output_content, *, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return self._add_policy(output_content, template_name)

    def _add_policy(self, output: str, where: str) -> str:
        try:
            return csp.add_policy(output, self.trusted)
        except csp.ForeignScript:
            raise PluginError(str(ContentError(
                where, "The finished page has a script that the site's theme did not write, so it came from "
                "the page's content or front matter. Pages may not run code",
                "Look for '<script' in the page and its front matter and remove it"))) from None
        except csp.ForeignMeta:
            raise PluginError(str(ContentError(
                where, "The finished page has a <meta http-equiv> tag, such as a redirect to another address, "
                "that the site's theme did not write. Pages may not send readers elsewhere",
                "Look for '<meta' in the page and remove it"))) from None
        except csp.ForeignStyle:
            raise PluginError(str(ContentError(
                where, "The finished page has a style that the site's templates did not write, so it came from "
                "the page's content or front matter. Pages may not set styles",
                "Look for 'style' in the page and its front matter and remove it"))) from None

    # ---- 7 and 8. the outputs, then the swap ------------------------------------

    # After every other plugin (search, privacy: 50 and 0) has written its files.
    @event_priority(-1000)
    def on_post_build(self, *, config):
        site = Path(config.site_dir)
        data = {**json.loads(self.project.model.to_json()), "easy_read": self.project.easy_read.to_json_data()}
        atomic.write_text(site / self.config.json_output, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        if self.readability["enabled"]:
            atomic.write_text(site / self.readability["report"], self.report.to_json())
        for document in self.documents:
            if document.name in self.results:
                write_outputs(site, document, self.results[document.name])
        office.write_outputs(site, self.project.templates or [])
        self.findings.complete = True  # every check has run
        if self.warnings is not None and self.warnings.get_counts() and not self.findings.errors:
            self.findings.error("", None, "MkDocs gave a warning, and a strict build stops on any warning",
                                "Read the lines that start with WARNING in the build's log", title="Build stopped")
        self.findings.write(self.findings_file)
        self._swap_site_in(config)

    def _swap_site_in(self, config):
        if self.building is None:
            return
        if self.warnings is not None and self.warnings.get_counts():
            # MkDocs stops a strict build right after this: keep the last good site.
            self._discard()
            return
        atomic.swap_tree(self.building, self.target)
        config.site_dir = str(self.target)
        self.building = None

    def on_build_error(self, *, error):
        if self.scoring is not None:  # the build stopped before the workers were waited for
            self.scoring.cancel()
            self.scoring = None
        annotations.build_error(error)  # under GitHub Actions only
        if getattr(self, "findings", None) is not None:
            if not self.findings.errors:  # stopped by something outside the page checks
                self.findings.error("", None, str(error).strip() or type(error).__name__, title="Build stopped")
            self.findings.write(self.findings_file)
        self._discard()

    def on_shutdown(self):
        if getattr(self, "problems", None) is not None:
            self.problems.stop_watching()
        if getattr(self, "warnings", None) is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None

    def _discard(self):
        if getattr(self, "building", None) is not None:
            shutil.rmtree(self.building, ignore_errors=True)
            log.info(f"The build did not finish, so {self.target} still holds the last good site.")
            self.building = None

    def on_serve(self, server, *, config, builder):
        if getattr(self, "reload_nonce", None):  # the page reloads on save (live_reload.py)
            server._inject_js_into_html = live_reload.with_nonce(server._inject_js_into_html, self.reload_nonce)
        for name in settings.data_paths(self.config.data_).values():
            server.watch(str(self.project.path(name)))
        for document in self.documents:
            server.watch(str(document.template.parent))
            server.watch(str(document.stylesheet))
        return server

    # ---- shared ------------------------------------------------------------------

    def _shown(self, src_path: str) -> str:
        """A page's path as a contributor sees it (errors.shown_path)."""
        return shown_path(self.docs_dir / src_path, self.root)

    def _front_matter_lines(self, page) -> int:
        return front_matter_line_count(read_page(self.docs_dir / page.file.src_path))
