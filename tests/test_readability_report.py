"""The report page shows the gate's own verdict for each score: it never judges again."""
from __future__ import annotations

from coproduction.readability import Thresholds, check_text
from macros.readability_report import _average_cell, _ease_cell, _smog_cell

HARD_SHORT = ("The multidisciplinary consultation methodology necessitates "
              "comprehensive evaluation of institutional accountability.")


def test_a_short_page_that_fails_the_gate_is_marked_failing_in_the_report():
    result = check_text(HARD_SHORT)
    assert not result.passed and result.scores.words < 100
    assert result.verdicts["flesch_reading_ease"].short_page
    assert not result.verdicts["flesch_reading_ease"].passed
    assert _ease_cell(result).endswith("(too low)"), _ease_cell(result)
    assert "not checked" not in _ease_cell(result) + _smog_cell(result)


def test_a_short_easy_page_shows_the_short_page_limit_it_was_held_to():
    result = check_text("Accessibility statement\n\nThis page is coming soon.")
    assert result.passed and result.scores.flesch_reading_ease < 60
    assert _ease_cell(result).endswith("(short page: limit 30)"), _ease_cell(result)


def test_every_cell_agrees_with_the_gate():
    long_sentence = "We meet in the library every month and anyone who wants to come is welcome to join us. " * 12
    for text in (HARD_SHORT, long_sentence, "Bring a friend. " * 40):
        result = check_text(text, Thresholds())
        cells = {"flesch_reading_ease": _ease_cell(result), "smog": _smog_cell(result),
                 "average_sentence_words": _average_cell(result)}
        for name, cell in cells.items():
            assert ("**" in cell) == (not result.verdicts[name].passed), (name, cell)
        assert result.passed == all(v.passed for v in result.verdicts.values())


def test_a_big_site_lists_its_hardest_pages_and_counts_the_rest():
    from coproduction.readability.report import Report
    from macros.readability_report import MOST_ROWS, _left_out

    report = Report(Thresholds())
    easy = check_text("Bring a friend. We meet every month in the library. " * 20)
    hard = check_text(HARD_SHORT)
    for number in range(MOST_ROWS + 5):
        report.add_page(f"page-{number:03d}.md", easy)
    report.add_page("zz-hard.md", hard)
    shown, left_out = report.hardest(MOST_ROWS)
    assert len(shown) == MOST_ROWS and left_out == 6
    assert ("zz-hard.md", hard) in shown  # a failing page is never the one left out
    assert [path for path, _ in shown] == sorted(path for path, _ in shown)
    assert "6 more pages are in readability.json" in _left_out(left_out, "the hardest")
    # A site of MOST_ROWS pages or fewer lists every one.
    small = Report(Thresholds())
    for number in range(MOST_ROWS):
        small.add_page(f"page-{number:03d}.md", easy)
    assert small.hardest(MOST_ROWS) == (sorted(small.pages.items()), 0) and _left_out(0, "x") == ""


def test_a_sentence_on_many_pages_lists_the_first_pages_and_counts_the_rest():
    from macros.readability_report import MOST_PLACES, _places

    many = tuple((f"docs/page-{n:03d}.md", 3) for n in range(MOST_PLACES + 4))
    text = _places(many)
    assert text.count("(line 3)") == MOST_PLACES and "page-000.md (line 3)" in text
    assert text.endswith("and 4 more pages (readability.json lists them all)")
    assert _places(many[:MOST_PLACES]).count("(line 3)") == MOST_PLACES and "more" not in _places(many[:2])


def test_a_big_site_lists_the_sentences_on_the_most_pages_and_counts_the_rest():
    from coproduction.readability.report import Report
    from macros.readability_report import MOST_ROWS

    words = ["apples", "bread", "chairs", "doors", "eggs", "fields", "gates", "hills", "inks"]
    sentences = [f"We talk about {a} and {b} with the people who come to our meeting." for a in words for b in words]
    shared = " ".join(sentences[:MOST_ROWS + 2])
    everywhere = "Everyone who comes to the meeting gets a cup of tea and a biscuit."
    report = Report(Thresholds())
    for number in range(3):
        report.add_page(f"page-{number}.md", check_text(shared + " " + everywhere, name=f"docs/page-{number}.md"))
    report.add_page("page-3.md", check_text(everywhere + " Bring a friend.", name="docs/page-3.md"))
    shown, left_out = report.most_repeated(MOST_ROWS)
    assert len(report.repeats) == MOST_ROWS + 3
    assert len(shown) == MOST_ROWS and left_out == 3
    assert shown[0].text == everywhere and len(shown[0].places) == 4  # on the most pages: never left out
    assert report.most_repeated(len(report.repeats)) == (report.repeats, 0)


def test_a_title_in_a_table_cell_shows_as_written_not_as_html():
    """The report's tables show each page's title as plain text: a title may hold '<', '>' or '&'
    (it comes from a page that may be refused in the same build), and it must not become HTML."""
    from builds import site_markdown
    from macros.markdown_table import cell

    html = site_markdown(f"| Page |\n|---|\n| [{cell('Access <script>x</script> & more | less')}](a.md) |\n")
    assert "<script>" not in html
    assert ">Access &lt;script&gt;x&lt;/script&gt; &amp; more / less</a>" in html, html
