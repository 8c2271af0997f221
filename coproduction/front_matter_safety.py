"""Front matter is plain text: nothing in it may reach a page as HTML.

Material prints some front-matter values straight into the page head (title,
description, author) without escaping them, and MkDocs' templates do not
escape by default. So:
- no value may contain '<' or '>', and a title may not contain '"';
- `template:` may only name a template of our own (in overrides/), not one
  of the theme's, such as redirect.html;
- description and author are HTML-escaped before any template prints them
  (see coproduction/plugin/plugin.py), so a quote cannot end the attribute they sit in.
"""
from __future__ import annotations

import re

from .errors import ContentError
from .markdown_source import front_matter_line_count

_MARKUP = re.compile(r"[<>]")


def _strings(value, path=()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item, path)


def _line_of_key(source: str, key: str) -> int | None:
    head = source.splitlines()[: front_matter_line_count(source)]
    for number, line in enumerate(head, start=1):
        if re.match(rf"\s*-?\s*{re.escape(key)}\s*:", line):
            return number
    return None


def front_matter_problems(meta: dict, source: str, shown: str, templates: set[str]) -> list[ContentError]:
    problems = []
    for path, text in _strings(meta):
        key = path[-1] if path else ""
        line = _line_of_key(source, key) if key else None
        if _MARKUP.search(text):
            problems.append(ContentError(
                shown, f"The front matter value '{key}' contains '<' or '>'. Front matter is plain text, "
                "and HTML in it could run code in the page head", "Remove the '<' and '>' from it", line=line))
        elif path == ("title",) and '"' in text:
            problems.append(ContentError(
                shown, "The title contains a double quote (\"), which the theme cannot show safely",
                "Use single quotes (' ') or curly quotes instead", line=line))
    template = meta.get("template")
    if template is not None and template not in templates:
        problems.append(ContentError(
            shown, f"The front matter asks for the template '{template}', which pages may not use",
            "Remove the 'template:' line. Pages may only use: " + (", ".join(sorted(templates)) or "none"),
            line=_line_of_key(source, "template")))
    return problems
