"""The project's data, loaded once per build from paths given in one place.

The coproduction plugin (coproduction/plugin/) opens the project with the
paths from its `data:` options and owns it for the build; the macros ask for
it with `project.of(env.conf)` and read typed, checked objects:

    p = project.of(config)        # the Project opened for this build
    p.model, p.quotes             # model.Model, model.Quotes
    p.jargon                      # readability.Jargon (entries and sources)
    p.self_assessment             # self_assessment.SelfAssessment
    p.easy_read                   # easy_read.EasyRead, our Easy Read version
    p.sources                     # sources.Register, every source the site cites
    p.case_studies                # case_studies.CaseStudyPage for each good page in docs/case-studies/
    p.case_study_problems         # the first problem of each other one
    p.model_file, p.jargon_file   # paths, relative to p.root, for messages
    p.readability                 # the gate's Report (the plugin sets it when it opens the data)
    p.downloads                   # each PDF's download details by name (set with it, before any page)

Each file is read when first asked for and then kept for the build. A mistake
raises ContentError with the file named from the project folder. Without
MkDocs: `Project(root=Path("."))` gives the same objects with the default paths.

The print kit renders `p.data(kind)` ("model" or "easy_read") and names
`p.data_file(kind)` in its messages, so a PDF is made from the same checked
data, read once, as the pages. Without MkDocs, `settings.open_project(root,
options)` takes the `data:` options as mkdocs.yml gives them.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import ContentError, shown_path

# The one place the data files' default paths are written.
MODEL_FILE = "data/model.yml"
QUOTES_FILE = "data/quotes.yml"
JARGON_FILE = "data/jargon.yml"
SELF_ASSESSMENT_FILE = "data/self-assessment.yml"
EASY_READ_FILE = "data/easy-read.yml"
SOURCES_FILE = "data/sources.yml"
DOCS_DIR = "docs"


@dataclass
class Project:
    root: Path
    model_file: str = MODEL_FILE
    quotes_file: str = QUOTES_FILE
    jargon_file: str = JARGON_FILE
    self_assessment_file: str = SELF_ASSESSMENT_FILE
    easy_read_file: str = EASY_READ_FILE
    sources_file: str = SOURCES_FILE
    docs_dir: str = DOCS_DIR
    readability: Any = field(default=None, repr=False)  # readability.report.Report, set by the plugin's open stage
    downloads: dict | None = field(default=None, repr=False)  # PrintResult.details() by name, set by the plugin's open stage
    templates: list | None = field(default=None, repr=False)  # office.Template for each template, set by the plugin's open stage

    def path(self, relative: str) -> Path:
        return self.root / relative

    def shown(self, path: str | Path) -> str:
        """A path as a contributor sees it: relative to the project folder."""
        return shown_path(path, self.root)

    @cached_property
    def model(self):
        from .model import load_model
        return load_model(self.path(self.model_file), self.shown(self.model_file))

    @cached_property
    def quotes(self):
        from .model import load_quotes
        return load_quotes(self.path(self.quotes_file), self.shown(self.quotes_file))

    @cached_property
    def jargon(self):
        from .readability.jargon import load_jargon
        return load_jargon(self.path(self.jargon_file), self.shown(self.jargon_file))

    @cached_property
    def self_assessment(self):
        from .self_assessment import load_self_assessment
        return load_self_assessment(self.path(self.self_assessment_file), docs_dir=self.path(self.docs_dir),
                                    shown_as=self.shown(self.self_assessment_file))

    @cached_property
    def easy_read(self):
        from .easy_read import load_easy_read
        return load_easy_read(self.path(self.easy_read_file), shown_as=self.shown(self.easy_read_file))

    @cached_property
    def sources(self):
        from .sources import load_register
        return load_register(self.path(self.sources_file), shown_as=self.shown(self.sources_file))

    @cached_property
    def _case_studies_checked(self):
        from .case_studies import FOLDER, TEMPLATE, check_case_studies
        return check_case_studies(self.path(self.docs_dir) / FOLDER, shown_root=self.root,
                                  template=self.path(TEMPLATE), listed=self.sources.urls(),
                                  sources_file=self.shown(self.sources_file))

    @property
    def case_studies(self):
        """The case studies whose front matter is right (the index lists them)."""
        return self._case_studies_checked[0]

    @property
    def case_study_problems(self):
        """The first problem of each other case study: the build lists them with the other pages'
        problems (a page's front matter is checked in the same round)."""
        return self._case_studies_checked[1]

    # The kinds of data a PDF can be made from (a document's `data:`), and their files.
    def _files_by_kind(self) -> dict[str, str]:
        return {"model": self.model_file, "easy_read": self.easy_read_file}

    def data(self, kind: str):
        """The checked data of one kind, as a PDF renders it: `model` or `easy_read`."""
        return getattr(self, kind)

    def data_file(self, kind: str) -> Path:
        return self.path(self._files_by_kind()[kind])

    def quoted_texts(self) -> list[tuple[str, list[str]]]:
        """The model's and the sayings' own words: scored by the gate, never failed."""
        return [("The model's words (" + self.shown(self.model_file) + ")", self.model.quoted_texts()),
                ("Slogans and sayings (" + self.shown(self.quotes_file) + ")", self.quotes.quoted_texts())]


def of(config) -> Project:
    """The Project of this build, from the coproduction plugin that owns it.

    `config` is MkDocs' config: mkdocs-macros 1.5.0 hands it to each macros module
    as `env.conf`, a public property documented for this use ("may be useful if
    the code in the module needs to access general configuration information").
    The plugin is found in `config.plugins`, MkDocs' public list of plugins. Its
    `register_variables` hook would do for plain values, but our macros need the
    Project while define_env runs, before registered variables are added. There
    is no registry: without the plugin there is no Project, and the build stops."""
    plugin = (config.get("plugins") or {}).get("coproduction") if hasattr(config, "get") else None
    if plugin is None or getattr(plugin, "project", None) is None:
        raise ContentError("mkdocs.yml", "The 'coproduction' plugin is not in the list under 'plugins'. "
                           "It loads and checks the data, and keeps every page safe",
                           "Add '- coproduction' under 'plugins', before '- macros', as on the main branch")
    return plugin.project
