"""No half sites: `mkdocs build` writes into a folder beside site/ and swaps it in
only when the whole build has passed.

So site/ is always either the last good site or the new one. A build that
fails anywhere (bad model data, a refused page, a broken link in strict mode)
or is killed leaves the last good site where it was. A build that fails
before plugins run (for example a broken mkdocs.yml) never touches site/.

Strict mode under --quiet (mkdocs/mkdocs#4126): `mkdocs build --quiet` raises
the log level to ERROR, so MkDocs' strict mode never sees the warnings (broken
links, missing images) and the build would pass. We count the warnings
ourselves and turn the level back down to WARNING, so the contributor sees them.
MkDocs only counts them after the last plugin has run, so this plugin checks
the count before it swaps the new site in.
"""
from __future__ import annotations

import atexit
import logging
import shutil
from pathlib import Path

from mkdocs.config import base
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import CountHandler

from ..atomic import swap_tree

log = logging.getLogger("mkdocs.plugins.atomic_site")


class AtomicSiteConfig(base.Config):
    pass


class AtomicSitePlugin(BasePlugin[AtomicSiteConfig]):
    command = None
    target: Path | None = None
    building: Path | None = None
    warnings: CountHandler | None = None

    def on_startup(self, *, command, dirty):
        self.command = command

    # Before every other plugin, so they all write into the new folder.
    @event_priority(900)
    def on_config(self, config):
        self._count_warnings(config)
        # `mkdocs serve` builds into a temporary folder of its own.
        if self.command != "build":
            return config
        self.target = Path(config.site_dir)
        self.building = self.target.with_name(f".{self.target.name}.building")
        shutil.rmtree(self.building, ignore_errors=True)  # left by a killed build
        config.site_dir = str(self.building)
        # mkdocs-macros ends the process on a failed macro (SystemExit), which skips
        # on_build_error; tidy up on the way out then too.
        atexit.register(self._discard)
        return config

    def _count_warnings(self, config):
        mkdocs_log = logging.getLogger("mkdocs")
        if self.warnings is not None:
            mkdocs_log.removeHandler(self.warnings)
            self.warnings = None
        if not config.strict:
            return
        if mkdocs_log.getEffectiveLevel() > logging.WARNING:
            mkdocs_log.setLevel(logging.WARNING)
        self.warnings = CountHandler()
        self.warnings.setLevel(logging.WARNING)
        mkdocs_log.addHandler(self.warnings)

    # After every other plugin has written its files.
    @event_priority(-1000)
    def on_post_build(self, config):
        if self.building is None:
            return
        if self.warnings is not None and self.warnings.get_counts():
            # MkDocs stops a strict build right after this: keep the last good site.
            self._discard()
            return
        swap_tree(self.building, self.target)
        config.site_dir = str(self.target)
        self.building = None

    def on_build_error(self, error):
        self._discard()

    def on_shutdown(self):
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None

    def _discard(self):
        if self.building is not None:
            shutil.rmtree(self.building, ignore_errors=True)
            log.info(f"The build did not finish, so {self.target} still holds the last good site.")
            self.building = None
