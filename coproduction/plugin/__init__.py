"""The MkDocs glue: one plugin, `coproduction` (config.py: its settings; plugin.py: the build, in order)."""
from .plugin import plugin_error, project_dir

__all__ = ["plugin_error", "project_dir"]
