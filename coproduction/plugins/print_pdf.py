"""The print kit in the build: every PDF listed in mkdocs.yml. The work is in coproduction.pdf.

- Reads the documents from the plugin's config (`documents:`, checked by the
  config classes below), loads each one's data and renders it in the build
  process, or takes it from .cache/print/ when nothing has changed.
- Gives the macros each document's download details as project.of(config).downloads[name]
  (size, pages, preview size), before any page is rendered.
- Stops the build, in plain words, when a page overflows or a font is missing,
  and removes the PDFs of any earlier build from the site.
- Writes the files into the site last (on_post_build), each all at once.
"""
from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from mkdocs.config import base, config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import project
from ..errors import ContentError
from ..pdf import DATA_KINDS, PAPER_MM
from . import plugin_error


class SitePath(c.Type):
    """A path inside the built site, such as downloads/model.pdf."""

    def __init__(self, suffix: str):
        super().__init__(str)
        self.suffix = suffix

    def run_validation(self, value):
        value = super().run_validation(value)
        path = PurePosixPath(value)
        if path.is_absolute() or ".." in path.parts or "\\" in value:
            raise ValidationError(f"'{value}' must be a path inside the site, like downloads/file{self.suffix}")
        if path.suffix != self.suffix:
            raise ValidationError(f"'{value}' must end with {self.suffix}")
        return value


class Name(c.Type):
    """A short name for a document: lower-case letters, digits and hyphens."""

    def __init__(self):
        super().__init__(str)

    def run_validation(self, value):
        value = super().run_validation(value)
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
            raise ValidationError(f"'{value}' must be lower-case letters, digits and hyphens, like model-a4")
        return value


class DocumentConfig(base.Config):
    """One PDF. See coproduction/pdf.py for what each setting does."""
    name = Name()
    title = c.Type(str)
    template = c.File(exists=True)
    stylesheet = c.File(exists=True)
    data_ = c.Choice(tuple(DATA_KINDS), default="model")  # `data:` in mkdocs.yml (Config has its own .data)
    output = SitePath(".pdf")
    preview = SitePath(".png")
    pages = c.Optional(c.Type(int))
    max_pages = c.Optional(c.Type(int))
    min_text_pt = c.Type((int, float), default=10)
    paper = c.Choice(tuple(PAPER_MM), default="A4")  # A3 for the poster


class PrintPdfConfig(base.Config):
    enabled = c.Type(bool, default=True)
    documents = c.ListOfItems(c.SubConfig(DocumentConfig), default=[])
    cache_dir = c.Type(str, default=".cache/print")


def documents(settings: PrintPdfConfig, config_file_path: str, site_url: str, data) -> list:
    """The checked settings as coproduction.pdf Documents (used by the build and the command line).
    `data` is the coproduction.project.Project: each document's data file is the one it loaded."""
    from ..pdf import Document

    root = Path(config_file_path).parent
    found, seen = [], {}
    for number, item in enumerate(settings.documents, start=1):
        where = f"{Path(config_file_path).name}: print-pdf, document {number} ('{item.name}')"
        for value in (item.name, item.output, item.preview):
            if value in seen:
                raise PluginError(f"{where}: '{value}' is also used by document {seen[value]}. "
                                  f"Give each document its own name, output and preview.")
            seen[value] = number
        try:
            found.append(Document(
                name=item.name, title=item.title, template=Path(item.template),
                stylesheet=Path(item.stylesheet), data=item.data_, data_file=data.data_file(item.data_),
                output=item.output, preview=item.preview, pages=item.pages, max_pages=item.max_pages,
                min_text_pt=item.min_text_pt, paper=item.paper, site_url=site_url, root=root))
        except ValueError as err:
            raise PluginError(f"{where}: {err}.") from None
    return found


class PrintPdfPlugin(BasePlugin[PrintPdfConfig]):
    documents: list = []
    results: dict = {}

    # After model-data (100) has checked the model.
    @event_priority(50)
    def on_config(self, config):
        self.documents, self.results = [], {}  # `mkdocs serve` keeps the plugin between builds
        if not self.config.enabled:
            return config
        from ..pdf import render

        data = project.of(config)  # loaded and checked by model-data
        self.documents = documents(self.config, config.config_file_path, self._published_site_url(config), data)
        root = Path(config.config_file_path).parent
        try:
            for document in self.documents:
                self.results[document.name] = render(document, data.data(document.data),
                                                     cache_dir=root / self.config.cache_dir)
            # Templates as Word and OpenDocument files (coproduction/office.py), made before any page
            # is written so the pages can show their sizes; written into the site in on_post_build.
            from ..office import build_all
            data.templates = build_all(root, Path(config.docs_dir), data.sources,
                                       self._published_site_url(config), root / ".cache/office")
        except ContentError as err:
            from ..pdf import remove_outputs

            remove_outputs(Path(config.site_dir), self.documents)
            raise plugin_error(err, config) from None
        data.downloads = {document.name: self.results[document.name].details(document)
                          for document in self.documents}  # the pages' download links read them
        return config

    @staticmethod
    def _published_site_url(config) -> str:
        """The address to print. `mkdocs serve` swaps site_url for its own local one."""
        host, port = config.dev_addr
        if not (config.site_url or "").startswith(f"http://{host}:{port}/"):
            return config.site_url or ""
        from mkdocs.utils.yaml import yaml_load

        with open(config.config_file_path, encoding="utf-8") as file:
            return yaml_load(file).get("site_url") or ""

    def on_serve(self, server, config, builder):
        for document in self.documents:
            server.watch(str(document.template.parent))
            server.watch(str(document.stylesheet))
            server.watch(str(document.data_file))
        return server

    def on_post_build(self, config):
        from ..pdf import write_outputs

        for document in self.documents:
            write_outputs(Path(config.site_dir), document, self.results[document.name])
        from ..office import write_outputs as write_templates  # the templates' DOCX and ODT files

        write_templates(Path(config.site_dir), project.of(config).templates or [])
