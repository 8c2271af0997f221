"""Our own pages meet the bar we set contributors, and a little more (issue 15):
no advice of any kind, no boilerplate across pages, sentences of a natural length."""
from __future__ import annotations

import json
import statistics


def test_our_pages_get_no_advice_and_repeat_no_sentence(built_site):
    report = json.loads((built_site / "readability.json").read_text(encoding="utf-8"))
    advised = {page["page"]: page["advice"] for page in report["pages"] if page["advice"]}
    assert advised == {}, "our own pages must have no chopped-text advice"
    assert report["repeated_sentences"] == [], "say each thing once, on the page it belongs to"
    long = {page["page"]: [s["line"] for s in page["long_sentences"]] for page in report["pages"]
            if page["long_sentences"]}
    assert long == {}, "our own pages have no sentence over the long-sentence limit"


def test_our_sentences_are_a_natural_length_across_the_site(built_site):
    # Every sentence counted, headings and table cells too: the figure the report page shows.
    report = json.loads((built_site / "readability.json").read_text(encoding="utf-8"))
    averages = {page["page"]: page["scores"]["average_sentence_words"] for page in report["pages"]
                if not page["too_little_text"]}
    assert 12 <= statistics.median(averages.values()) <= 18, averages
    assert all(averages[page] <= 20 for page in averages), averages
