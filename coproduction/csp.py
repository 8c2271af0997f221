"""A content security policy for every built page, as a <meta> tag.

The policy lets a page load scripts, styles, fonts, images and data only from
the site itself. Material's theme writes a few small scripts straight into each
page (it reads the saved colour scheme before the page paints). Rather than
allow every inline script ('unsafe-inline'), we allow exactly those scripts by
their SHA-256 hash, worked out from the finished page, so the hashes always
match what is served. Contributor pages cannot add scripts: the build refuses
them (see html_safety.py), so every inline script left is the theme's.

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


def policy_for(page: str) -> str:
    scripts = _unique(sha256(s) for s in inline_scripts(page))
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


def add_policy(page: str) -> str:
    """Put the policy in <head>, straight after <meta charset>, before any script or style."""
    if EXISTING_POLICY.search(page):
        return page
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(page)}">'
    anchor = _CHARSET.search(page) or _HEAD.search(page)
    if anchor is None:
        return page
    return f"{page[:anchor.end()]}\n      {tag}{page[anchor.end():]}"
