"""MkDocs glue. Each plugin checks its options, then calls plain Python.

plugin_error() is the one way to stop the build for a ContentError: it names
the file relative to the project (the folder that holds mkdocs.yml).
"""
from __future__ import annotations

import os

from mkdocs.exceptions import PluginError

from ..errors import ContentError


def project_dir(config) -> str:
    """The folder that holds mkdocs.yml."""
    return os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))


def plugin_error(err: ContentError, config) -> PluginError:
    """`raise plugin_error(err, config) from None`: the message with the file shown from the project."""
    return PluginError(str(err.shown_from(project_dir(config))))
