"""No page publishes an email address or a phone number.

This site quotes people's words, never their contact details: the first sources'
comment sections, emails and phone numbers are not published, and a contributor
who pastes "email Jane on jane@nhs.net" or a mobile number into a page would
publish someone's details to the world. A hidden note (<!-- -->) is no hiding
place: the site leaves it out, but GitHub shows the page's source to anyone.

So the check reads the page's whole source, hidden notes, code and links
included, with character references decoded as a browser would show them
(jane&#64;nhs.net is jane@nhs.net to a reader). It finds an email address (name@place.domain) and a UK phone number
(0 or +44, then 9 or 10 more digits, in groups), but not a book's ISBN or a
number inside a web address. Addresses at the domains kept
for examples (example.org, example.com, example.net and *.example) are fine,
so a guide can show what an address looks like.
"""
from __future__ import annotations

import html
import re

from .errors import ContentError
from .markdown_source import line_of_offset

_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})\b")
_EXAMPLE = re.compile(r"(?:^|\.)(?:example\.(?:org|com|net)|example)$", re.IGNORECASE)
# 0 or +44 (0), then the rest of a UK number: 9 or 10 digits, in groups split by a space or a dash.
_PHONE = re.compile(r"(?<!ISBN )(?<!ISBN: )(?<![\w+£.,/=-])(?:\+44\s?(?:\(0\)\s?)?|0)\d(?:[ -]?\d){8,9}(?![\w/-]|[.,]\d)")

FIX = ("Take it out. To help readers reach an organisation, link to its own contact page instead, "
       "and add that page to data/sources.yml (CONTRIBUTING.md, 'Adding a source')")


def problems(source: str, shown: str) -> list[ContentError]:
    """An error for each email address or phone number in a page's source, at its line."""
    source = html.unescape(source)  # a reference changes only its own line's length: the lines stay
    found = [(match.start(), f"This page has an email address ({match[0]}). This site does not publish "
              "anyone's email address or phone number, and GitHub shows even a hidden note to anyone")
             for match in _EMAIL.finditer(source) if not _EXAMPLE.search(match[1])]
    found += [(match.start(), f"This page has what looks like a phone number ({match[0]}). This site does not "
               "publish anyone's phone number or email address, and GitHub shows even a hidden note to anyone")
              for match in _PHONE.finditer(source)]
    return [ContentError(shown, problem, FIX, line=line_of_offset(source, at)) for at, problem in sorted(found)]
