"""Load the model data once, share it with the pages, publish model.json.

The model and the quotes are checked when the config loads, so a mistake in
the data stops `mkdocs build` before any page is written. Pages reach the data
through mkdocs-macros as `model` and `quotes` (set in config.extra).
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.config import base, config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import atomic
from ..easy_read import load_easy_read
from ..errors import ContentError
from ..model import load_model, load_quotes


class ModelDataConfig(base.Config):
    model = c.File(exists=True)
    quotes = c.File(exists=True)
    easy_read = c.Optional(c.File(exists=True))  # our Easy Read version (coproduction/easy_read.py)
    json_output = c.Type(str, default="model.json")


class ModelDataPlugin(BasePlugin[ModelDataConfig]):
    model = None
    quotes = None
    easy_read = None

    # Run before mkdocs-macros reads config.extra.
    @event_priority(100)
    def on_config(self, config):
        try:
            self.model = load_model(self.config.model)
            self.quotes = load_quotes(self.config.quotes)
            self.easy_read = self.config.easy_read and load_easy_read(self.config.easy_read)
        except ContentError as err:
            err.file = os.path.relpath(err.file, os.path.dirname(config.config_file_path))
            raise PluginError(str(err)) from None
        # The checked objects themselves, so templates read `model.values.items`.
        config.extra["model"] = self.model
        config.extra["quotes"] = self.quotes
        config.extra["easy_read"] = self.easy_read
        config.extra["model_words"] = self.model.word_count()
        return config

    def on_serve(self, server, config, builder):
        server.watch(self.config.model)
        server.watch(self.config.quotes)
        if self.config.easy_read:
            server.watch(self.config.easy_read)
        return server

    def on_post_build(self, config):
        text = self.model.to_json()
        if self.easy_read:  # our Easy Read rows ride along, under their own key
            text = json.dumps({**json.loads(text), "easy_read": self.easy_read.to_json_data()},
                              indent=2, ensure_ascii=False) + "\n"
        atomic.write_text(Path(config.site_dir) / self.config.json_output, text)
