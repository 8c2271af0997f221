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
so a guide can show what an address looks like; so are a placeholder such as
firstname.lastname@nhs.net, a social media handle (@name@server) and a
picture's name (logo@2x.png). So are the numbers organisations use for
helplines (03, 080 and 0845 to 0870), which are nobody's own, and the numbers
Ofcom keeps for films and examples (07700 900xxx, 01632 960xxx and others).
"""
from __future__ import annotations

import html
import re

from .errors import ContentError
from .markdown_source import line_of_offset

_EMAIL = re.compile(r"(?<![\w.%+@-])([\w.%+-]+)@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})\b")
_PLACEHOLDER = {"firstname.lastname", "first.last", "firstname.surname", "forename.surname", "name.surname",
                "yourname", "your.name", "name", "firstname", "git"}  # git@github.com: an address for code
_FILE_TYPE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|avif|pdf)$", re.IGNORECASE)
_EXAMPLE = re.compile(r"(?:^|\.)(?:example\.(?:org|com|net)|example)$", re.IGNORECASE)
# 0 or +44 (0), then the rest of a UK number: 9 or 10 digits, in groups split by a space or a dash.
_PHONE = re.compile(r"(?<![\w+£.,/=-])(?:\+44\s?(?:\(0\)\s?)?|0)\d(?:[ -]?\d){8,9}(?![\w/-]|[.,]\d)")
_NOT_A_PHONE = re.compile(r"\b(?:isbn|pmid|issn)s?(?:-1[03])?\b[\s:#]*(?:[\d -]+\s*(?:and|or|,)\s*)*$", re.IGNORECASE)
# Organisations' numbers (03 at the cost of a call, 080 free, 0843 to 0873 for services), and Ofcom's for drama.
_NOBODYS = ("03", "080", "0843", "0844", "0845", "0870", "0871", "0872", "0873", "07700900", "01632960",
            "02079460", "0113496", "0114496", "0115496", "0116496", "0117496", "0118496", "0121496", "0131496",
            "0141496", "0151496", "0161496", "0191498", "02896496", "02920180")


def _digits(number: str) -> str:
    digits = re.sub(r"\D", "", number.replace("(0)", ""))
    return "0" + digits[2:] if digits.startswith("44") else digits

FIX = ("Take it out. To help readers reach an organisation, link to its own contact page instead, "
       "and add that page to data/sources.yml (CONTRIBUTING.md, 'Adding a source')")


def problems(source: str, shown: str) -> list[ContentError]:
    """An error for each email address or phone number in a page's source, at its line."""
    source = html.unescape(source)  # a reference changes only its own line's length: the lines stay
    found = [(match.start(), f"This page has an email address ({match[0]}). This site does not publish "
              "anyone's email address or phone number, and GitHub shows even a hidden note to anyone")
             for match in _EMAIL.finditer(source)
             if not (_EXAMPLE.search(match[2]) or match[1].lower() in _PLACEHOLDER or _FILE_TYPE.search(match[2]))]
    found += [(match.start(), f"This page has what looks like a phone number ({match[0]}). This site does not "
               "publish anyone's phone number or email address, and GitHub shows even a hidden note to anyone")
              for match in _PHONE.finditer(source)
              if not (_digits(match[0]).startswith(_NOBODYS) or _NOT_A_PHONE.search(source[max(0, match.start() - 40):match.start()]))]
    return [ContentError(shown, problem, FIX, line=line_of_offset(source, at)) for at, problem in sorted(found)]
