"""Check the project's files on disk before anything reads them
(coproduction/file_safety.py): no symbolic links under docs/, data/,
overrides/, print/ and macros/; only pages, pictures, fonts and our own styles and
scripts under docs/; pages in UTF-8; no invisible direction controls.
"""
from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from ..file_safety import check_project_files


class SafeFilesConfig(base.Config):
    pass


class SafeFilesPlugin(BasePlugin[SafeFilesConfig]):
    # First of all: before the model data, the macros module or any page is read.
    @event_priority(1000)
    def on_config(self, config):
        root = Path(os.path.dirname(config.config_file_path or config.docs_dir))
        docs = Path(config.docs_dir)
        folders = ["data", "overrides", "print", "macros"]
        # docs_dir may be named or placed differently; check it by its own path.
        docs_folder = os.path.relpath(docs, root)
        problems = check_project_files(root, [docs_folder, *folders], docs_folder=docs_folder)
        if problems:
            raise PluginError("\n".join(str(p) for p in problems))
        return config
