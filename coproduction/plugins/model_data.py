"""Load the project's data once, check it, and publish model.json.

First in mkdocs.yml's plugin list: it checks mkdocs.yml itself for keys written
twice, then opens the build's coproduction.project.Project with the data paths
from its options (the one place they are set). Every other plugin and the
macros read the checked data from `project.of(config)`. A mistake in the data
stops `mkdocs build` before any page is written.
"""
from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config import base, config_options as c
from mkdocs.plugins import BasePlugin, event_priority

from .. import atomic, project
from ..datafile import check_config_file
from ..errors import ContentError
from . import plugin_error


class ModelDataConfig(base.Config):
    model = c.Type(str, default=project.MODEL_FILE)
    quotes = c.Type(str, default=project.QUOTES_FILE)
    jargon = c.Type(str, default=project.JARGON_FILE)
    self_assessment = c.Type(str, default=project.SELF_ASSESSMENT_FILE)
    easy_read = c.Type(str, default=project.EASY_READ_FILE)  # our Easy Read version (coproduction/easy_read.py)
    sources = c.Type(str, default=project.SOURCES_FILE)  # the source register (coproduction/sources.py)
    json_output = c.Type(str, default="model.json")


class ModelDataPlugin(BasePlugin[ModelDataConfig]):
    project: project.Project | None = None

    # First of all on_config handlers: everything after reads the data from here.
    @event_priority(100)
    def on_config(self, config):
        try:
            check_config_file(config.config_file_path, "mkdocs.yml")
            self.project = project.open_for(
                config, model_file=self.config.model, quotes_file=self.config.quotes,
                jargon_file=self.config.jargon, self_assessment_file=self.config.self_assessment,
                easy_read_file=self.config.easy_read, sources_file=self.config.sources,
                docs_dir=config.docs_dir)
            # Check now, so a mistake stops the build before any page is read.
            self.project.model, self.project.quotes, self.project.jargon, self.project.easy_read
            self.project.sources
        except ContentError as err:
            raise plugin_error(err, config) from None
        return config

    def on_serve(self, server, config, builder):
        for name in (self.config.model, self.config.quotes, self.config.jargon, self.config.self_assessment,
                     self.config.easy_read, self.config.sources):
            server.watch(str(self.project.path(name)))
        return server

    def on_post_build(self, config):
        # Our Easy Read rows ride along, under their own key.
        data = {**json.loads(self.project.model.to_json()), "easy_read": self.project.easy_read.to_json_data()}
        atomic.write_text(Path(config.site_dir) / self.config.json_output,
                          json.dumps(data, indent=2, ensure_ascii=False) + "\n")
