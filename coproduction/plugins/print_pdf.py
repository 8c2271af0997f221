"""The one-page A4 PDF in the build. The work is in coproduction.pdf.

- Takes the PDF and its preview from .cache/print/ when nothing has changed.
  Otherwise it starts rendering them in another process when the config
  loads, while the build reads the files and checks every page's readability,
  and waits for them before any page is rendered (the download button shows
  the file's size).
- Stops the build, in plain words, when the page overflows or a font is missing.
- Writes both files into the site last (on_post_build), all at once.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from mkdocs.config import base, config_options as c
from mkdocs.config.base import ValidationError
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import atomic
from ..errors import ContentError
from . import plugin_error


class SitePath(c.Type):
    """A path inside the built site, such as downloads/model.pdf."""

    def __init__(self, suffix: str, default: str):
        super().__init__(str, default=default)
        self.suffix = suffix

    def run_validation(self, value):
        value = super().run_validation(value)
        path = PurePosixPath(value)
        if path.is_absolute() or ".." in path.parts or "\\" in value:
            raise ValidationError(f"'{value}' must be a path inside the site, like downloads/file{self.suffix}")
        if path.suffix != self.suffix:
            raise ValidationError(f"'{value}' must end with {self.suffix}")
        return value


class PrintPdfConfig(base.Config):
    enabled = c.Type(bool, default=True)
    template = c.File(exists=True, default="print/model.html")
    stylesheet = c.File(exists=True, default="print/model.css")
    output = SitePath(".pdf", default="downloads/co-production-model-a4.pdf")
    preview = SitePath(".png", default="downloads/co-production-model-a4.png")
    cache_dir = c.Type(str, default=".cache/print")


class DownloadDetails(Mapping):
    """What the download button needs; paths are relative to the site root.

    The size is only known in on_files, but mkdocs-macros reads config.extra
    when the config loads, copying any plain dict. A Mapping of our own is
    passed on as it is, so the pages see the size once it is filled in.
    """

    def __init__(self, **details):
        self._details = details

    def fill(self, **details):
        self._details.update(details)

    def __getitem__(self, key):
        return self._details[key]

    def __iter__(self):
        return iter(self._details)

    def __len__(self):
        return len(self._details)


class PrintPdfPlugin(BasePlugin[PrintPdfConfig]):
    pending = None
    result = None

    # After model-data (100) has checked the model; before mkdocs-macros (0)
    # copies config.extra for the pages.
    @event_priority(50)
    def on_config(self, config):
        self.pending = self.result = None  # `mkdocs serve` keeps the plugin between builds
        if not self.config.enabled:
            return config
        from ..pdf import PrintSources, start_print

        root = Path(config.config_file_path).parent
        model = config.extra.get("model")
        model_data = config.plugins.get("model-data")
        if model is None or model_data is None:
            raise PluginError("mkdocs.yml: the print-pdf plugin needs the model-data plugin listed before it.")
        sources = PrintSources(
            template=Path(self.config.template), stylesheet=Path(self.config.stylesheet),
            site_url=self._published_site_url(config), root=root,
            model_file=model_data.config.model)  # relative to the project (model-data's option)
        try:
            self.pending = start_print(model, sources, cache_dir=root / self.config.cache_dir)
        except ContentError as err:  # a font file is missing
            self._fail(config, err)
        self.details = DownloadDetails(pdf=self.config.output, preview=self.config.preview)
        config.extra["print_pdf"] = self.details
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

    # Last of all on_files handlers: the readability check (on_files too) runs
    # while the PDF is being made.
    @event_priority(-100)
    def on_files(self, files, config):
        if self.pending is None:
            return files
        try:
            self.result = self.pending.result()
        except ContentError as err:
            self._fail(config, err)
        width, height = self.result.preview_size
        # What the download button needs; paths are relative to the site root.
        self.details.fill(size_bytes=len(self.result.pdf), preview_width=width, preview_height=height)
        return files

    def _fail(self, config, err: ContentError):
        # A PDF from an earlier build must not be deployed as if it were current.
        for name in (self.config.output, self.config.preview):
            (Path(config.site_dir) / name).unlink(missing_ok=True)
        raise plugin_error(err, config) from None

    def on_build_error(self, error):
        if self.pending is not None:
            self.pending.cancel()

    def on_serve(self, server, config, builder):
        server.watch(str(Path(self.config.template).parent))
        server.watch(self.config.stylesheet)
        return server

    def on_post_build(self, config):
        if self.result is None:
            return
        site = Path(config.site_dir)
        atomic.write_bytes(site / self.config.output, self.result.pdf)
        atomic.write_bytes(site / self.config.preview, self.result.preview_png)
