"""A content security policy for every built page, as a <meta> tag.

The policy lets a page load scripts, styles, fonts, images and data only from
the site itself. Material's theme writes a few small scripts straight into each
page (it reads the saved colour scheme before the page paints). Rather than
allow every inline script ('unsafe-inline'), we allow exactly the theme's
scripts by their SHA-256 hash.

The policy trusts only the theme. `theme_scripts` reads every inline script in
the theme's templates and our overrides (not in the built page) and makes a
pattern of each: the text as written, where `{{ base_url }}` or a
`{{ config... }}` value may stand for a plain address. A template script that
prints anything else (a page's front matter, say) is not trusted at all. An
inline script in a built page that matches no pattern did not come from the
theme: `policy_for` raises ForeignScript, and the build fails. It is never
allowed by hash.

Styles are treated the same way: <style> elements get a hash. Material's pages
have no style="" attributes; the tables extension is set to write align=""
instead of style="text-align: ...". If a future theme version adds style
attributes, we allow exactly those by hash with 'unsafe-hashes' (which only
ever matches the listed attribute values) and the CSP test will show it.

<script type="application/json"> (Material's settings) is data, not code:
browsers do not run it, and the policy does not apply to it.
"""
from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
EXISTING_POLICY = re.compile(r'<meta\s+http-equiv="Content-Security-Policy"', re.IGNORECASE)

# Script types a browser runs; anything else (application/json...) is data.
_RUNNABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


# A value a trusted template script may print: the site's own addresses.
_SLOT_EXPRESSION = re.compile(r"\s*(?:base_url|config(?:\.\w+)+)(?:\s*\|\s*\w+(?:\([\w.]*\))?)*\s*")
_SLOT_VALUE = r"[\w./:#?=&%~+-]*"
_TEMPLATE_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


class ForeignScript(Exception):
    """A page holds an inline script that none of the theme's templates writes."""


def theme_scripts(loader_env) -> list[re.Pattern]:
    """Patterns for every inline script the theme's templates (and our overrides) write."""
    patterns = []
    for name in loader_env.list_templates(filter_func=lambda n: n.endswith(".html")):
        try:
            source, _, _ = loader_env.loader.get_source(loader_env, name)
        except Exception:
            continue
        for attrs, body in _SCRIPT.findall(source):
            kind = _TYPE.search(attrs)
            if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _RUNNABLE):
                continue
            pattern = _script_pattern(body)
            if pattern is not None:
                patterns.append(pattern)
    return patterns


def _script_pattern(body: str) -> re.Pattern | None:
    if "{%" in body or "{#" in body:
        return None  # logic inside a script: we cannot tell what it writes, so we do not trust it
    parts, at = [], 0
    for match in _TEMPLATE_EXPRESSION.finditer(body):
        if not _SLOT_EXPRESSION.fullmatch(match.group(1)):
            return None  # prints something other than the site's own address
        parts += [re.escape(body[at:match.start()]), _SLOT_VALUE]
        at = match.end()
    parts.append(re.escape(body[at:]))
    return re.compile("".join(parts), re.DOTALL)


def sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_scripts(page: str) -> list[str]:
    found = []
    for attrs, body in _SCRIPT.findall(page):
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _RUNNABLE):
            continue
        found.append(body)
    return found


def inline_styles(page: str) -> list[str]:
    return _STYLE.findall(page)


def style_attributes(page: str) -> list[str]:
    # The browser hashes the attribute's value after HTML entities are decoded.
    return [html_lib.unescape(double or single) for double, single in _STYLE_ATTR.findall(page)]


def _unique(items):
    return list(dict.fromkeys(items))


def trusted_scripts(page: str, trusted: list[re.Pattern]) -> list[str]:
    """The page's inline scripts, each checked against the theme's; ForeignScript if one is not."""
    scripts = inline_scripts(page)
    for script in scripts:
        if not any(pattern.fullmatch(script) for pattern in trusted):
            raise ForeignScript(script)
    return scripts


def policy_for(page: str, trusted: list[re.Pattern]) -> str:
    scripts = _unique(sha256(s) for s in trusted_scripts(page, trusted))
    styles = _unique(sha256(s) for s in inline_styles(page))
    attributes = _unique(sha256(s) for s in style_attributes(page))
    style_src = ["'self'", *styles]
    if attributes:
        style_src += ["'unsafe-hashes'", *attributes]
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *scripts],
        "style-src": style_src,
        "font-src": ["'self'"],
        # Material's CSS draws its icons from SVG written as data: addresses.
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def add_policy(page: str, trusted: list[re.Pattern]) -> str:
    """Put the policy in <head>, straight after <meta charset>, before any script or style."""
    policy = policy_for(page, trusted)  # checks the scripts, even if a policy is already there
    if EXISTING_POLICY.search(page):
        return page
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        return page
    return f"{page[:anchor.end()]}\n      {tag}{page[anchor.end():]}"
