"""The Easy Read and large-print PDFs in the build. The work is in coproduction.formats.

Like print-pdf: starts each render in another process when the config loads
(or takes it from .cache/print/<format>/), waits for it before pages render,
stops the build in plain words when a rule is broken, and writes the files
into the site last. The download page reads config.extra["print_formats"]:
for each format, its name, PDF and preview paths, size and page count.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import base, config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import atomic
from ..errors import ContentError
from .print_pdf import DownloadDetails, PrintPdfPlugin


class PrintFormatsConfig(base.Config):
    enabled = c.Type(bool, default=True)
    folder = c.Type(str, default="downloads")
    cache_dir = c.Type(str, default=".cache/print")


class PrintFormatsPlugin(BasePlugin[PrintFormatsConfig]):
    pending: dict = {}
    results: dict = {}

    def _paths(self, fmt) -> tuple[str, str]:
        stem = f"{self.config.folder.strip('/')}/co-production-model-{fmt.slug}"
        return f"{stem}.pdf", f"{stem}.png"

    # After model-data (100); before mkdocs-macros (0) copies config.extra.
    @event_priority(50)
    def on_config(self, config):
        self.pending, self.results, self.details = {}, {}, {}
        if not self.config.enabled:
            return config
        from ..formats import FORMATS, start_format

        root = Path(config.config_file_path).parent
        model, easy = config.extra.get("model"), config.extra.get("easy_read")
        if model is None or easy is None:
            raise PluginError("mkdocs.yml: the print-formats plugin needs the model-data plugin, "
                              "with 'easy_read: data/easy-read.yml', listed before it.")
        site_url = PrintPdfPlugin._published_site_url(config)
        for fmt in FORMATS:
            pdf, preview = self._paths(fmt)
            try:
                self.pending[fmt] = start_format(fmt, model, easy, site_url, root,
                                                 cache_dir=root / self.config.cache_dir / fmt.slug)
            except ContentError as err:
                self._fail(config, err)
            self.details[fmt.slug] = DownloadDetails(name=fmt.name, pdf=pdf, preview=preview)
        config.extra["print_formats"] = self.details
        return config

    @event_priority(-100)
    def on_files(self, files, config):
        from ..formats import page_count

        for fmt, pending in self.pending.items():
            try:
                result = self.results[fmt] = pending.result()
            except ContentError as err:
                self._fail(config, err)
            width, height = result.preview_size
            self.details[fmt.slug].fill(size_bytes=len(result.pdf), pages=page_count(result.pdf),
                                        preview_width=width, preview_height=height)
        return files

    def _fail(self, config, err: ContentError):
        for pending in self.pending.values():
            pending.cancel()
        from ..formats import FORMATS

        for fmt in FORMATS:  # a PDF from an earlier build must not be deployed as current
            for name in self._paths(fmt):
                (Path(config.site_dir) / name).unlink(missing_ok=True)
        raise PluginError(str(err)) from None

    def on_build_error(self, error):
        for pending in self.pending.values():
            pending.cancel()

    def on_serve(self, server, config, builder):
        server.watch("print")
        return server

    def on_post_build(self, config):
        site = Path(config.site_dir)
        for fmt, result in self.results.items():
            pdf, preview = self._paths(fmt)
            atomic.write_bytes(site / pdf, result.pdf)
            atomic.write_bytes(site / preview, result.preview_png)
