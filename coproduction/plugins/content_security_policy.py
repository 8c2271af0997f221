"""Give every built page a content security policy that trusts only the theme
(coproduction/csp.py).

The inline scripts the policy allows are worked out from the theme's templates
and our overrides when the build starts, never from what a built page holds.
A page with any other inline script fails the build.
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from .. import csp
from ..errors import ContentError


class ContentSecurityPolicyConfig(base.Config):
    pass


class ContentSecurityPolicyPlugin(BasePlugin[ContentSecurityPolicyConfig]):
    trusted: list = []

    def on_config(self, config):
        self.docs_dir = Path(config.docs_dir)
        return config

    # The theme's templates, read once: the only inline scripts we allow.
    def on_env(self, env, config, files):
        self.trusted = csp.theme_scripts(env)
        return env

    def _add(self, output: str, where: str) -> str:
        try:
            return csp.add_policy(output, self.trusted)
        except csp.ForeignScript:
            raise PluginError(str(ContentError(
                where, "The finished page has a script that the site's theme did not write, so it came from "
                "the page's content or front matter. Pages may not run code",
                "Look for '<script' in the page and its front matter and remove it"))) from None

    # Last, so the hashes match the page exactly as it is written.
    @event_priority(-100)
    def on_post_page(self, output, page, config):
        return self._add(output, f"{self.docs_dir.name}/{page.file.src_path}")

    @event_priority(-100)
    def on_post_template(self, output_content, template_name, config):
        if not template_name.endswith(".html"):
            return output_content
        return self._add(output_content, template_name)
