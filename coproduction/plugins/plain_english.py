"""The plain-English gate in the build. The work is in coproduction.readability.

- Scores every page's Markdown source when the files are known (on_files),
  before any page is rendered, so "How readable is this site?" can show them all.
  On a big site with a cold cache, other processes score them while MkDocs reads
  the pages; the verdict waits for them, and comes before any page is written (on_env).
- `mkdocs build` stops with advice for every page that is too hard to read.
- `mkdocs serve` shows the same advice as warnings and keeps the preview going.
- Writes the scores, thresholds, overrides and external links to a JSON report.
Scores are never written into page.meta: Material reads every page's meta on
every page it renders, which is slow on big sites.
"""
from __future__ import annotations

import logging
import os
import re
from pathlib import Path

from mkdocs.config import base, config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from . import plugin_error

from .. import annotations, atomic, project
from ..errors import ContentError
from ..markdown_source import blank_out_code
from ..readability import Checker
from ..readability.check import CACHE_DIR, Scoring
from ..readability.report import Report
from ..readability.rules import Thresholds, check_threshold

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

_URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+")


class Threshold(c.Type):
    """A number within the range rules.LIMITS allows for this threshold."""

    def __init__(self, name: str):
        super().__init__((int, float), default=getattr(Thresholds(), name))
        self.threshold = name

    def run_validation(self, value):
        problem = check_threshold(self.threshold, value)
        if problem:
            raise ValidationError(problem)
        return value


class PlainEnglishConfig(base.Config):
    enabled = c.Type(bool, default=True)
    min_flesch_reading_ease = Threshold("min_flesch_reading_ease")
    max_smog = Threshold("max_smog")
    max_average_sentence_words = Threshold("max_average_sentence_words")
    long_sentence_words = Threshold("long_sentence_words")
    flesch_min_words = Threshold("flesch_min_words")
    smog_min_sentences = Threshold("smog_min_sentences")
    short_page_min_flesch_reading_ease = Threshold("short_page_min_flesch_reading_ease")
    short_page_max_smog = Threshold("short_page_max_smog")
    report = c.Type(str, default="readability.json")
    # The "How readable is this site?" page: rendered last, so it can show every
    # page's title, including titles that macros make ("# {{ step_title(5) }}").
    report_page = c.Type(str, default="about/readability.md")


_HEADING = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)


class PlainEnglishPlugin(BasePlugin[PlainEnglishConfig]):
    serving = False
    report: Report | None = None
    scoring: Scoring | None = None  # pages being scored, until _collect
    error: PluginError | None = None  # a page that could not be read, raised by _verdict
    judged = False

    def on_startup(self, command, dirty):
        # Only `mkdocs serve` keeps going when a page fails.
        self.serving = command == "serve"

    # After model-data (100) has opened the project's data.
    @event_priority(50)
    def on_config(self, config):
        annotations.watch_mkdocs_warnings(config.docs_dir)  # under GitHub Actions only
        thresholds = Thresholds(**{name: self.config[name] for name in Thresholds().as_dict()})
        self.report = Report(thresholds, enabled=self.config.enabled)
        data = project.of(config)
        data.readability = self.report  # the "How readable is this site?" page reads it
        if not self.config.enabled:
            return config
        try:
            self.quoted = data.quoted_texts()
            jargon = data.jargon
            rules_key = data.path(data.jargon_file).read_bytes()
        except ContentError as err:
            raise plugin_error(err, config) from None
        self.checker = Checker(thresholds, jargon, [t for _, texts in self.quoted for t in texts],
                               rules_key=rules_key, cache_dir=data.path(CACHE_DIR))
        self.jargon_path = data.path(data.jargon_file)
        return config

    def on_files(self, files, config):
        if not self.config.enabled:
            return files
        docs = Path(config.docs_dir).name
        # Pages made by a plugin have no source for a contributor to fix.
        pages = [file for file in files.documentation_pages()
                 if file.abs_src_path and os.path.isfile(file.abs_src_path)]
        self.src_paths = [file.src_path for file in pages]
        self.error, self.judged = None, False
        # On a big site with a cold cache, other processes score the pages while
        # MkDocs reads and renders them (one core is left for MkDocs). A small site,
        # or a warm cache, is checked here and now, before any page is rendered.
        workers = max(1, len(os.sched_getaffinity(0)) - 1)
        try:
            self.scoring = self.checker.start([(file.abs_src_path, f"{docs}/{file.src_path}") for file in pages],
                                              workers)
        except ContentError as err:
            raise plugin_error(err, config) from None
        report_page = files.get_file_from_path(self.config.report_page)
        if report_page is not None:  # MkDocs renders pages in the order of `files`
            files.remove(report_page)
            files.append(report_page)
        if not self.scoring.in_background:
            self._collect(config)
            self._verdict()
        return files

    def on_pre_page(self, page, config, files):
        # The report page shows every result: wait for the workers before it is read.
        if self.scoring is not None and page.file.src_uri == self.config.report_page:
            self._collect(config)
        return page

    def on_env(self, env, config, files):
        # Every page has been read by now: give the verdict before any is written.
        if self.scoring is not None:
            self._collect(config)
        if self.config.enabled and not self.judged:
            self._verdict()
        return env

    def _collect(self, config) -> None:
        """Every page's result into the report, and the cache saved. A page that
        cannot be read stops the build in _verdict: raised here, inside another
        page's events, MkDocs would blame that page."""
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
            raise self.error
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
            if self.serving:
                serve_log.warning(message)
            else:
                count = f"{len(failing)} page{'s are' if len(failing) > 1 else ' is'}"
                error = PluginError(f"{count} too hard to read.\n\n{message}")
                error.annotated = True
                raise error

    # After mkdocs-macros: links that macros insert (the Sources page) count too.
    @event_priority(-50)
    def on_page_markdown(self, markdown, page, config, files):
        if self.config.enabled:
            text = blank_out_code(markdown)
            self.report.add_rendered_links(page.file.src_path, _URL.findall(text))
            heading = _HEADING.search(text)
            if heading:
                self.report.add_rendered_title(page.file.src_path, heading.group(1))
        return markdown

    def on_post_build(self, config):
        if self.config.enabled:
            atomic.write_text(Path(config.site_dir) / self.config.report, self.report.to_json())

    def on_build_error(self, error):
        if self.scoring is not None:  # the build stopped before the workers were waited for
            self.scoring.cancel()
            self.scoring = None
        annotations.build_error(error)  # under GitHub Actions only

    def on_serve(self, server, config, builder):
        if self.config.enabled:
            server.watch(str(self.jargon_path))
        return server
