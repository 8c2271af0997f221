"""The source register against the source material itself (../shared/sources).

Every title and author in data/sources.yml must appear, word for word, in the
file (and section) its `found_in` names; every web address must appear, whole,
somewhere in the source material. A title the notes do not give is left out,
and the Sources page says "title not recorded".

The source material sits beside the repository: ROOT.parent / "shared" /
"sources" (CI puts a copy of shared/ beside the clone). To run these tests from
elsewhere, set COPRODUCTION_SOURCES to the folder.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from coproduction.sources import load_register

ROOT = Path(__file__).resolve().parent.parent
SOURCES = Path(os.environ.get("COPRODUCTION_SOURCES") or ROOT.parent / "shared" / "sources")


@pytest.fixture(scope="module")
def sources_dir() -> Path:
    if not (SOURCES / "facts.md").is_file():
        pytest.fail(f"The source material is missing: no facts.md in {SOURCES}. Put a copy of shared/ beside "
                    "the repository (../shared/sources), or set COPRODUCTION_SOURCES to the folder.")
    return SOURCES


@pytest.fixture(scope="module")
def register():
    return load_register(ROOT / "data" / "sources.yml")


def norm(text: str) -> str:
    """Case, curly quotes, dashes, '&amp;' and line breaks do not count as differences."""
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2013", "-"), ("\u2014", "-"), ("&amp;", "&")):
        text = text.replace(a, b)
    return " ".join(text.lower().split())


def section(text: str, number: str) -> str:
    """facts.md's '## 6.' or '### 2.1' section, up to the next heading of that level or above."""
    level = "###" if "." in number else "##"
    match = re.search(rf"^{level} {re.escape(number)}\.?\s", text, re.MULTILINE)
    assert match, f"facts.md has no section {number}"
    stop = re.compile(r"^#{2,3} " if level == "###" else r"^## ", re.MULTILINE)
    end = stop.search(text, match.end())
    return text[match.start():end.start() if end else len(text)]


def evidence(found_in: str, sources_dir: Path) -> str:
    """The text `found_in` points at: 'facts.md §6, step 5; seeds/002; README.md'."""
    texts = []
    for part in found_in.split(";"):
        match = re.match(r"\s*(model\.md|facts\.md|README\.md|seeds/(\d{3}))(.*)", part)
        assert match, f"found_in part {part!r} names no file in the source material"
        if match.group(2):
            [path] = sources_dir.glob(f"seeds/{match.group(2)}_*.txt")
        else:
            path = sources_dir / match.group(1)
        text = path.read_text(encoding="utf-8")
        numbers = re.findall(r"§(\d+(?:\.\d+)?)", match.group(3))
        if numbers and match.group(1) == "facts.md":
            texts.extend(section(text, n) for n in numbers)
        else:
            texts.append(text)
    return norm("\n".join(texts))


def test_every_title_is_in_its_found_in_evidence(register, sources_dir):
    missing = {s.key: s.title for s in register.sources
               if s.title and norm(s.title) not in evidence(s.found_in, sources_dir)}
    assert missing == {}, "titles the source material does not give (leave them out: 'title not recorded')"


def test_every_author_is_in_its_found_in_evidence(register, sources_dir):
    missing = {}
    for s in register.sources:
        if s.author:
            text = evidence(s.found_in, sources_dir)
            names = [n for n in re.split(r",\s*|\s+and\s+", s.author) if n]
            if [n for n in names if norm(n) not in text]:
                missing[s.key] = s.author
    assert missing == {}, "authors the source material does not name"


def test_every_web_address_is_in_the_source_material_whole(register, sources_dir):
    # The scheme is left aside (model.md gives some addresses without "https://";
    # facts.md has one with a stray third "/"). An address the notes cut short
    # ("…nationa...") must not be linked as if it were whole.
    everything = "\n".join(p.read_text(encoding="utf-8") for p in sorted(sources_dir.rglob("*")) if p.is_file())
    everything = re.sub(r"https?:/+", "", norm(everything))
    problems = {}
    for s in register.sources:
        if not s.url:
            continue
        url = re.sub(r"^https?:/+", "", norm(s.url))
        found = [m.end() for m in re.finditer(re.escape(url), everything)]
        if not found:
            problems[s.key] = "not in the source material"
        elif all(everything[end:end + 3] == "..." or everything[end:end + 1] in "\u2026" + "/?#=&-_%"
                 or everything[end:end + 1].isalnum() for end in found):
            problems[s.key] = "only a part of a longer or cut-short address"
    assert problems == {}


def test_the_facts_seen_in_search_results_are_marked_so(register, sources_dir):
    # facts.md §6 opens: "Each fact was seen in a search result".
    assert "each fact was seen in a search result" in evidence("facts.md §6", sources_dir)
    for s in register.sources:
        if "§6" in s.found_in and "§1" not in s.found_in:
            assert s.status == "search-excerpt", s.key
