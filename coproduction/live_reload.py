"""`make serve` reloads the page on save, under the site's content security policy.

Only `mkdocs serve` uses this (the plugin's on_serve); a real build never does.
"""
from __future__ import annotations

import re


# `mkdocs serve` only: the preview reloads on save. MkDocs' server writes its
# live-reload script into each page as it sends it, with numbers that change on
# every request, so no hash can allow it. The plugin makes one random nonce per
# `mkdocs serve`; as the server sends a page, with_nonce adds 'nonce-...' to the
# page's policy and puts the nonce on that one script. A real build never passes
# through here: its policy is unchanged.
_POLICY_SCRIPTS = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src [^;"]*)')


def with_nonce(inject, nonce: str):
    """MkDocs' LiveReloadServer._inject_js_into_html(content, epoch), with the nonce in the
    page's policy and on the one script it adds (at the last </body>, or at the end)."""
    if not re.fullmatch(r"[A-Za-z0-9_-]{16,}", nonce):
        raise ValueError("the nonce must be long and random")
    allowed = f" 'nonce-{nonce}'".encode()

    def inject_with_nonce(content: bytes, epoch) -> bytes:
        content = _POLICY_SCRIPTS.sub(lambda match: match.group(1) + allowed, content, count=1)
        output = inject(content, epoch)
        at = content.rfind(b"</body>")
        at = len(content) if at < 0 else at
        if output[at:at + 8] == b"<script>":
            output = output[:at] + f'<script nonce="{nonce}">'.encode() + output[at + 8:]
        return output
    return inject_with_nonce
