"""A content security policy for every built page, as a <meta> tag.

The policy lets a page load scripts, styles, fonts, images and data only from
the site itself. Material's theme writes a few small scripts straight into each
page (it reads the saved colour scheme before the page paints), and our own
template (overrides/main.html) writes site.css as one <style>. Rather than
allow every inline script or style ('unsafe-inline'), we allow exactly the
templates' own by their SHA-256 hash.

The policy trusts only the templates (`trusted(env)`, read once per build):
- scripts: `theme_scripts` reads every inline script in the theme's templates
  and our overrides (not in the built page) and makes a pattern of each: the
  text as written, where `{{ base_url }}` or a `{{ config... }}` value may
  stand for an address on this site only (a path such as `../..` or
  `/coproduction-model/`: never a scheme, a host, `//` or a backslash). A
  template script that prints anything else (a page's front matter, say) is
  not trusted at all;
- styles: `theme_styles` renders every <style> element of the templates with
  only `base_url` given (site.css comes in through an include), and makes the
  same kind of pattern; a style that needs any other value is not trusted;
- style attributes: only the exact `style="..."` values the templates hold.
An inline script or style in a built page that matches none of them did not
come from the templates: `policy_for` raises ForeignScript or ForeignStyle,
and the build fails. Content never earns a hash.

The policy is always added, as the first element of the page's head, whatever
the page holds: text that looks like a policy (in a comment, say) changes
nothing. A page cannot weaken it with a policy of its own either: browsers
apply every policy a page has, and the HTML allowlist refuses <meta http-equiv>.

<script type="application/json"> (Material's settings) is data, not code:
browsers do not run it, and the policy does not apply to it.
"""
from __future__ import annotations

import base64
import hashlib
import html as html_lib
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from jinja2 import meta

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_STYLE_ATTR = re.compile(r"""\sstyle\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# A script's src, as the browser reads it: not data-src, which \bsrc would also match.
_SRC_VALUE = re.compile(r"""(?<![\w-])src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
# A <meta http-equiv> in a finished page: a redirect, or a second policy. The theme writes none on a page.
# Read attribute by attribute, so a '>' inside a quoted value does not end the tag early.
_META_EQUIV = re.compile(r"""<meta\b(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*?\s+http-equiv\b""",
                         re.IGNORECASE)
# A comment as a browser ends it: '<!-->' and '<!--->' are whole comments.
_COMMENT = re.compile(r"<!--(?:-?>|.*?-->)", re.DOTALL)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_DOCTYPE = re.compile(r"\s*<!doctype\b[^>]*>", re.IGNORECASE)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)

# Script types a browser runs; anything else (application/json...) is data.
_RUNNABLE = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}


# A value a trusted template may print: the site's own addresses.
_SLOT_EXPRESSION = re.compile(r"\s*(?:base_url|config(?:\.\w+)+)(?:\s*\|\s*\w+(?:\([\w.]*\))?)*\s*")
# What such a value may be in a built page: a path on this site, relative ("../..", ".")
# or from the top ("/coproduction-model/"). No scheme (":"), no host ("//", "/\\"), no quote.
_SLOT_VALUE = r"/?(?:[\w.~%-]+/)*[\w.~%-]*"
_TEMPLATE_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
# Stands for base_url while a template's style is rendered (theme_styles).
_MARK = "coproduction-base-url-slot-4d2f"


class ForeignScript(Exception):
    """A page holds an inline script that none of the theme's templates writes."""


class ForeignMeta(Exception):
    """A page holds a <meta http-equiv> (a redirect, say) that none of the theme's templates writes."""


class ForeignStyle(Exception):
    """A page holds a <style> or style="" that none of the templates writes."""


@dataclass
class Trusted:
    """What the templates write, and so the only inline code a policy may allow."""
    scripts: list = field(default_factory=list)      # patterns (theme_scripts)
    styles: list = field(default_factory=list)       # patterns (theme_styles)
    attributes: set = field(default_factory=set)     # exact style="" values


def template_sources(loader_env) -> list[str]:
    """Each template's source, without its Jinja comments (which may mention <style>).
    Listing the templates walks every folder of the theme, so trusted() reads them
    once for all three kinds (33 ms for our theme, against 77 ms read three times)."""
    sources = []
    for name in loader_env.list_templates(filter_func=lambda n: n.endswith(".html")):
        try:
            source, _, _ = loader_env.loader.get_source(loader_env, name)
        except Exception:
            continue
        sources.append(_JINJA_COMMENT.sub("", source))
    return sources


def theme_scripts(sources: list[str]) -> list[re.Pattern]:
    """Patterns for every inline script the templates (template_sources) write."""
    patterns = []
    for source in sources:
        for attrs, body in _SCRIPT.findall(source):
            kind = _TYPE.search(attrs)
            if _SRC_VALUE.search(attrs) or (kind and kind.group(1).lower() not in _RUNNABLE):
                continue
            pattern = _script_pattern(body)
            if pattern is not None:
                patterns.append(pattern)
    return patterns


def theme_styles(loader_env, sources: list[str]) -> list[re.Pattern]:
    """Patterns for every <style> the templates write, rendered with only base_url given."""
    patterns = []
    for source in sources:
        for body in _STYLE.findall(source):
            try:
                if meta.find_undeclared_variables(loader_env.parse(body)) - {"base_url"}:
                    continue  # it prints something other than the site's own address
                text = loader_env.from_string(body).render(base_url=_MARK)
            except Exception:  # not a whole template by itself: not trusted
                continue
            patterns.append(re.compile(_SLOT_VALUE.join(re.escape(part) for part in text.split(_MARK)), re.DOTALL))
    return patterns


def theme_style_attributes(sources: list[str]) -> set[str]:
    """The exact style="" values in the templates (none that print a value)."""
    return {value for source in sources for value in style_attributes(source) if "{" not in value}


def trusted(loader_env) -> Trusted:
    sources = template_sources(loader_env)
    return Trusted(theme_scripts(sources), theme_styles(loader_env, sources), theme_style_attributes(sources))


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
        if _SRC_VALUE.search(attrs) or (kind and kind.group(1).lower() not in _RUNNABLE):
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


def _as_trusted(trusted) -> Trusted:
    return trusted if isinstance(trusted, Trusted) else Trusted(scripts=list(trusted))


def script_files(page: str) -> list[str]:
    """The address of each script the page loads from a file, as written (character references decoded)."""
    found = []
    for attrs, _ in _SCRIPT.findall(page):
        value = _SRC_VALUE.search(attrs)
        if value:
            found.append(html_lib.unescape(next(part for part in value.groups() if part is not None)))
    return found


def trusted_scripts(page: str, trusted) -> list[str]:
    """The page's inline scripts, each checked against the theme's; ForeignScript if one is not.
    A script loaded from a file must be a .js file: 'self' in the policy would let a page run any
    file of the site as a script (a .txt, a picture that is not one), if it got a <script> in."""
    for address in script_files(page):
        if not urlsplit(address).path.endswith(".js"):
            raise ForeignScript(address)
    patterns = _as_trusted(trusted).scripts
    scripts = inline_scripts(page)
    for script in scripts:
        if not any(pattern.fullmatch(script) for pattern in patterns):
            raise ForeignScript(script)
    return scripts


def trusted_styles(page: str, trusted) -> tuple[list[str], list[str]]:
    """The page's <style> texts and style="" values, each checked against the templates'."""
    trusted = _as_trusted(trusted)
    styles, attributes = inline_styles(page), style_attributes(page)
    for style in styles:
        if not any(pattern.fullmatch(style) for pattern in trusted.styles):
            raise ForeignStyle(style)
    for value in attributes:
        if value not in trusted.attributes:
            raise ForeignStyle(value)
    return styles, attributes


def policy_for(page: str, trusted) -> str:
    scripts = _unique(sha256(s) for s in trusted_scripts(page, trusted))
    styles, attributes = trusted_styles(page, trusted)
    style_src = ["'self'", *_unique(sha256(s) for s in styles)]
    if attributes:
        style_src += ["'unsafe-hashes'", *_unique(sha256(s) for s in attributes)]
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


def add_policy(page: str, trusted) -> str:
    """The policy as the first element of <head>, whatever the page holds. With no
    <head> tag, first after the doctype: the browser then puts it in the head it makes.
    ForeignScript or ForeignStyle if the page holds inline code the templates did not write."""
    if _META_EQUIV.search(_COMMENT.sub("", page)):  # a comment that mentions one does nothing
        raise ForeignMeta()
    policy = policy_for(page, trusted)
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    anchor = _HEAD.search(page) or _DOCTYPE.match(page)
    at = anchor.end() if anchor else 0
    return f"{page[:at]}\n    {tag}{page[at:]}"
