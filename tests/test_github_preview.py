"""The checks that a page shows as GitHub's preview shows it, on pages made by
Python-Markdown with the site's extensions (the real build's messages are in
test_failure_catalogue.py)."""
from __future__ import annotations

from builds import page_check, site_markdown
from coproduction import github_preview
from coproduction.github_preview import bare_addresses


def problems(source: str) -> list[str]:
    return page_check(github_preview.problems, source)


def test_lists_after_an_empty_line_and_items_with_4_spaces_are_fine():
    assert problems("Bring these:\n\n- a pen\n- paper\n\n1. first\n    - inside the first\n2. second\n") == []


def test_a_list_after_a_heading_is_fine():
    assert problems("## What to bring\n- a pen\n- paper\n") == []


def test_a_wrapped_line_that_starts_with_a_year_is_not_a_list():
    # One such line is text that happens to wrap there; a list has two items or more.
    assert problems("The centre opened in\n1996. It grew from there, and more\npeople came each year.\n") == []


def test_the_same_lines_in_code_are_left_alone():
    assert problems("```\nBring these:\n- a pen\n- paper\n```\n\n~~~\n- a\n  - b\n~~~\n") == []


def test_a_joined_list_is_named_at_its_first_item_even_with_bold_words():
    found = problems("---\ntitle: A\n---\n\n# A\n\nBring these:\n- a **pen**\n- paper\n")
    assert len(found) == 1 and found[0].startswith(
        "docs/a.md:8: The list that starts '- a pen' shows as part of the paragraph above it"), found


def test_a_numbered_list_joined_to_a_paragraph():
    found = problems("The steps:\n1. Ask\n2. Listen\n")  # not "Steps:", which MkDocs reads as metadata
    assert len(found) == 1 and found[0].startswith("docs/a.md:2: The list that starts '1. Ask'"), found


def test_an_item_with_2_spaces_under_an_item_shows_beside_it():
    html = site_markdown("- outer\n  - inner\n")
    assert html.count("<li>") == 2 and html.count("<ul>") == 1  # Python-Markdown: not nested
    assert problems("- outer\n  - inner\n") == [
        "docs/a.md:2: This list item has 2 spaces before it, so it shows at the same level as the item above "
        "it, not inside it. Put 4 spaces before it to show it inside the item above, or none to keep it at the "
        "same level."]


def test_an_item_with_2_spaces_under_an_item_inside_another_is_not_said_to_be_beside_it():
    # Python-Markdown puts "c" beside "a", not beside "b", the item above it: the message
    # would be wrong there, so the check speaks only of items under an item with no spaces.
    html = site_markdown("- a\n    - b\n  - c\n")
    assert html.count("<ul>") == 2 and html.index("<li>c</li>") > html.index("</ul>")
    assert problems("- a\n    - b\n  - c\n") == []


def test_a_numbered_list_that_starts_again_after_a_paragraph_shows_1():
    html = site_markdown("1. Ask\n\nThen wait.\n\n2. Listen\n")
    assert html.count("<ol>") == 2 and "start=" not in html  # Python-Markdown: the second list shows "1."
    found = problems("1. Ask\n\nThen wait.\n\n2. Listen\n")
    assert len(found) == 1 and found[0].startswith("docs/a.md:5: This numbered list starts at 2, but this site "
                                                   "numbers every list from 1, so 2 would show as 1."), found


def test_a_paragraph_that_starts_with_a_year_and_a_full_stop_is_a_list_to_markdown():
    assert "<ol>" in site_markdown("1996. The centre opened.\n")
    assert problems("1996. The centre opened.\n")[0].endswith("put a backslash before the full stop: 1996\\.")
    assert problems("1996\\. The centre opened.\n") == []


def test_a_list_carried_on_with_4_spaces_before_the_lines_between_is_fine():
    assert "<ol>" in site_markdown("1. Ask\n\n    Then wait.\n\n2. Listen\n")
    assert site_markdown("1. Ask\n\n    Then wait.\n\n2. Listen\n").count("<ol>") == 1
    assert problems("1. Ask\n\n    Then wait.\n\n2. Listen\n") == []


def test_a_list_with_empty_lines_between_its_items_is_one_list():
    assert site_markdown("1. Ask\n\n2. Listen\n").count("<ol>") == 1
    assert problems("1. Ask\n\n2. Listen\n") == []


def test_bare_web_addresses_are_found_in_the_words_only():
    html = site_markdown(
        "See https://a.example.org/x?y=1. Or (www.b.example.org), or HTTP://C.EXAMPLE.ORG/!\n\n"
        "[A link](https://d.example.org), <https://e.example.org>, `https://f.example.org`\n\n"
        "```\nhttps://g.example.org\n```\n\nhttps://a.example.org/x?y=1 again.\n")
    # Each once, without the full stop, bracket or mark that ends the sentence; not in links or code.
    assert bare_addresses(html) == ["https://a.example.org/x?y=1", "www.b.example.org", "HTTP://C.EXAMPLE.ORG/"]


def test_a_table_straight_under_a_line_of_text_shows_as_words():
    source = "The costs:\n| What | How much |\n|---|---:|\n| Train | £12 |\n\nAfter an empty line:\n\n| A | B |\n|---|---|\n"
    html = site_markdown(source)
    assert html.count("<table>") == 1 and "| What | How much |" in html  # the first shows as words
    assert problems(source) == [
        "docs/a.md:2: The table that starts '| What | How much |' shows as words with '|' between them, because "
        "there is no empty line above it. Leave an empty line above the table. GitHub's preview shows a table "
        "either way, but this site needs the empty line."]


def test_a_line_of_dashes_under_text_is_a_heading_not_a_table():
    assert problems("A heading\n---------\n\nWords | more words\n") == []


def test_a_line_of_dashes_and_bars_under_words_with_no_bar_is_not_a_table_anywhere():
    # GitHub needs a first row of cells too, so it shows words here just as this site does.
    assert problems("Costs\n|---|---|\n") == []


def test_list_items_that_start_with_a_box_to_tick_show_their_brackets():
    source = "Before the meeting:\n\n- [ ] Book a room\n- [x] Send the papers\n\n1. [X] Ask\n\n```\n- [ ] in code\n```\n"
    html = site_markdown(source)
    assert "<li>[ ] Book a room</li>" in html and "checkbox" not in html  # Python-Markdown: the brackets show
    assert [error for error in problems(source) if "box to tick" in error] == [
        f"docs/a.md:{line}: This list item starts with '{box}', which this site shows as it is, not as a box to "
        f"tick. Take out the '{box}'. A plain list shows the same here and in GitHub's preview."
        for line, box in ((3, "[ ]"), (4, "[x]"), (6, "[X]"))]
    # In a quote, at its line; a box the source check cannot see (a list written in HTML): each is still
    # named, from the first box's line.
    assert [error.split(":")[1] for error in problems("> - [ ] In a quote\n\n- [ ] Book\n")] == ["1", "3"]
    assert [error.split(":")[1] for error in problems("<ul>\n<li>[ ] In HTML</li>\n</ul>\n\n- [ ] Book\n")
            ] == ["5", "5"]
    # "1)" starts no list here, so its box is words, and the boxes in lists keep their lines.
    assert [error.split(":")[1] for error in problems("1) [ ] Words\n\n- [ ] Book\n") if "box" in error] == ["3"]


def test_brackets_that_are_not_a_box_to_tick_are_fine():
    assert problems("- [The report](report.md) says so\n- [1] a note\n- []\n\nA line [ ] in words.\n") == []


def test_struck_out_words_show_their_tildes():
    source = "---\ntitle: A\n---\n\nThe fee was ~~£10~~ £8, and a &amp; ~~b & c~~.\n\n`~~in code~~` and ~~ spaced ~~\n"
    assert "~~£10~~" in site_markdown(source) and "<del>" not in site_markdown(source)
    found = problems(source)
    assert [error.split(": The words ")[1].split("'")[1] for error in found] == ["~~£10~~", "~~b & c~~"], found
    assert all(error.startswith("docs/a.md:5: ") for error in found), found
    assert found[0].endswith("Take out the tildes and the words you meant to strike out, or say in words what "
                             "changed, for example 'was £10, now £8'.")
    # In a link's words too (a bare address in a link is a link, but struck words there still show their tildes).
    assert [error.split(":")[1] for error in problems("Words.\n\nSee [the ~~old~~ page](a.md).\n")] == ["3"]
    # Written with an entity: found at its line, by the words as the source has them.
    assert [error.split(":")[1] for error in problems("Words.\n\nWe ~~rock &amp; roll~~ sing.\n")] == ["3"]


def test_a_github_alert_shows_as_a_quote_that_starts_with_its_name():
    source = "Words.\n\n> [!NOTE]\n> Bring your own lunch.\n\n> [!warning]\n> Mind the step.\n"
    html = site_markdown(source)
    assert "<blockquote>\n<p>[!NOTE]" in html  # Python-Markdown: a quote, with the words in it
    assert [(error.split(":")[1], error.split("'")[1]) for error in problems(source)] == [
        ("3", "[!NOTE]"), ("6", "[!warning]")]
    assert problems(source)[0].endswith("To make a note stand out, start it with a bold word, like **Note:**.")


def test_the_same_alert_twice_is_named_at_each_of_its_lines():
    source = ("Words.\n\n> [!NOTE]\n> Bring lunch.\n\nThe sign says [!NOTE] in words.\n\n```\n> [!NOTE]\n```\n\n"
              "> [!NOTE]\n> Mind the step.\n")
    assert site_markdown(source).count("<blockquote>") == 2  # the one in code is not a quote
    assert [(error.split(":")[1], error.split("'")[1]) for error in problems(source)] == [
        ("3", "[!NOTE]"), ("12", "[!NOTE]")]


def test_a_code_block_with_no_end_shows_its_marks_as_text():
    source = "---\ntitle: A\n---\n\n# A\n\n```\nclosed\n```\n\nWords.\n\n~~~python\nx = 1\n\nMore words.\n"
    html = site_markdown(source)
    assert "<p>~~~python" in html  # Python-Markdown: the marks as words, and what follows as a paragraph
    assert problems(source) == [
        "docs/a.md:13: The code block that starts with '~~~' on this line has no end, so this site shows the "
        "'~~~' as text. GitHub's preview shows what follows it as code. Add a line with only '~~~' where the "
        "code ends, or take this line out. If this line was meant to end a code block, the block above it "
        "has no end."]
    # In a list item and in a quote, each at its line.
    assert [error.split(":")[1] for error in problems("Words.\n\n- item\n\n    ```\n    x = 1\n\n"
                                                      "> A quote.\n>\n> ```\n> y = 2\n")] == ["5", "10"]
    # The block with no end is the middle one: the one code-fence rule pairs it with the next
    # block's first line, as the site's Markdown does, so the mark left over is the last line.
    source = "Words.\n\n```\na\n```\n\n```\nb\n\nMore.\n\n```\nc\n```\n"
    assert site_markdown(source).rstrip().endswith("c\n```</p>")
    assert [error.split(":")[1] for error in problems(source)] == ["14"]


def test_marks_for_code_inside_a_line_or_in_code_are_fine():
    assert problems("Words.\n\nType ``` to start a block, or write `` ``` `` as code.\n\n````\n```\n````\n") == []


def test_a_link_or_bold_that_markdown_cannot_read_shows_its_marks_and_is_named():
    source = ("# T\n\nSee [the plan] (plan.md) now.\n\nUse **bold words in this line.\n\n"
              "See [the guide](start.md for more.\n\nEnd with words__\n\n![Five people] (../assets/meeting.png)\n")
    html = site_markdown(source)
    assert "[the plan] (plan.md)" in html and "**bold" in html and "[the guide](start.md" in html  # as text
    link_fix = ("shows as text, brackets and all, because Markdown cannot read it. Write it as [words](address), "
                "with no space between ] and (, and a ) at the end of the address.")
    bold_fix = "shows as text, because it has no partner to make words bold. To make words bold, put "
    assert problems(source) == [
        f"docs/a.md:3: The link '[the plan] (plan.md)' {link_fix}",
        f"docs/a.md:5: The '**' in '**bold words in this line.' {bold_fix}** at both ends of them, in the same "
        "paragraph: **like this**. Otherwise take it out.",
        f"docs/a.md:7: The link '[the guide](start.md for more.' {link_fix}",
        f"docs/a.md:9: The '__' in 'End with words__' {bold_fix}__ at both ends of them, in the same paragraph: "
        "__like this__. Otherwise take it out.",
        f"docs/a.md:11: The link '[Five people] (../assets/meeting.png)' {link_fix}"]  # a picture's too


def test_brackets_bold_and_lines_to_write_on_that_work_are_fine():
    # A placeholder before words in brackets, bold that works, marks in code, a line to write on.
    assert problems("# T\n\nFill in [Date] (the day you meet) and [Name].\n\nThis is **bold**, __bold__ and "
                    "***very***, and `**code**` and `[a] (b.md)` are code.\n\nSigned: ________\n\n"
                    "See [the plan](plan.md).\n") == []


def test_a_quote_with_an_alert_s_name_later_in_it_is_a_quote():
    # Outside a quote, or with words after it on its line, the name shows as words in GitHub's preview too.
    assert problems("> As the sign said, [!NOTE] means a note.\n\n[!TIP]\nIn words.\n\n"
                    "Then:\n\n> [!TIP] Bring lunch.\n") == []


def test_a_list_numbered_with_brackets_shows_as_a_line_of_text():
    source = "Words.\n\n1) Ask\n2) Listen\n1) Again\n\nThe steps:\n1) Plan\n2) Do\n\n## Then\n3) Check\n"
    html = site_markdown(source)
    assert "<ol>" not in html and "<p>1) Ask\n2) Listen\n1) Again</p>" in html  # Python-Markdown: words
    found = problems(source)
    # One problem a list, about the bracket, not a joined list or a list from 3: neither fix would help.
    assert [error.split(": ", 1)[0] for error in found] == ["docs/a.md:3", "docs/a.md:8", "docs/a.md:12"], found
    assert found[0].endswith("shows as a line of text, because this site makes a numbered list only from numbers "
                             "with a full stop after them. Write '1.' instead of '1)', and the same for each item. "
                             "GitHub's preview shows a list either way.")
    assert "and leave an empty line above the list." in found[1] and "Write '3.' instead of '3)'" in found[2]
    assert "empty line" not in found[0] + found[2]


def test_a_list_numbered_with_brackets_in_a_quote_is_named_at_its_line():
    source = "Words.\n\n> Our plan:\n>\n> 1) Plan\n> 2) Do\n>\n> > 1) Deeper\n\n1) Then\n"
    assert "<blockquote>\n<p>Our plan:</p>\n<p>1) Plan\n2) Do</p>" in site_markdown(source)
    assert [error.split(": ", 1)[0] for error in problems(source)] == ["docs/a.md:5", "docs/a.md:8", "docs/a.md:10"]


def test_a_bracket_after_a_number_inside_a_sentence_is_fine():
    # GitHub starts a list in a paragraph only with "1)"; other numbers there are words in both.
    assert problems("We met in 2017) and\n2) after that.\n\n(1) A note.\n") == []


def test_an_emoji_code_shows_as_it_is_written():
    source = "# T\n\nGreat work :+1: everyone.\n\nThe ball game :basketball_man: and\n[thanks :tada:](a.md).\n"
    made = site_markdown(source)
    assert ":+1:" in made and ":basketball_man:" in made and "thanks :tada:" in made  # Python-Markdown leaves them
    said = "shows on this site as it is written, not as a picture. GitHub's preview shows the emoji, but this site "
    assert problems(source) == [
        f"docs/a.md:3: The emoji code ':+1:' {said}does not turn codes into pictures. Take it out, or say in words "
        "what it meant.",
        # One of gemoji's other names for an emoji, and a code inside a link's words.
        f"docs/a.md:5: The emoji code ':basketball_man:' {said}does not turn codes into pictures. Take it out, or "
        "say in words what it meant.",
        f"docs/a.md:6: The emoji code ':tada:' {said}does not turn codes into pictures. Take it out, or say in "
        "words what it meant."]


def test_colons_that_are_not_an_emoji_code_are_fine():
    # A word GitHub has no emoji for, times and ratios (:100: is an emoji), and a code shown as code.
    assert problems("# T\n\nSee :notanemoji: at 10:30:45, or ratios 1:100:2, :100:3 and 3:100: here.\n\n"
                    "Write `:smile:` for a smile.\n") == []


def test_the_same_mistakes_inside_a_quote_are_named_at_their_lines():
    # Python-Markdown reads a quote's lines without their '>' marks, and so do the checks.
    for source, line, starts in (
            ("Words.\n\n> Bring:\n> - a pen\n> - paper\n", 4, "The list that starts '- a pen'"),
            ("Words.\n\n> - a\n>   - b\n", 4, "This list item has 2 spaces before it"),
            ("Words.\n\n> 1. Ask\n>\n> Then wait.\n>\n> 2. Listen\n", 7, "This numbered list starts at 2"),
            ("Words.\n\n> Costs:\n> | What | How much |\n> |---|---|\n> | Train | £12 |\n", 4,
             "The table that starts '| What | How much |'")):
        assert "<blockquote>" in site_markdown(source)
        found = problems(source)
        assert len(found) == 1 and found[0].startswith(f"docs/a.md:{line}: {starts}"), (source, found)


def test_notes_written_at_the_foot_in_the_order_they_are_cited_are_fine():
    assert problems("Tea helps.[^tea] So do buses,[^bus] and tea again.[^tea]\n\n"
                    "[^tea]: A survey.\n[^bus]: A timetable,\n    page 2.\n") == []


def test_notes_written_out_of_order_are_named_at_the_first_citation_that_reads_out_of_order():
    # Python-Markdown numbers the notes 1, 3, 2 here (as written at the foot); GitHub 1, 2, 3.
    source = ("# Costs\n\nTea helps.[^tea]\n\n- In a list, buses.[^bus]\n\nAnd `[^code]` is code. Rooms.[^room]\n\n"
              "[^tea]: A survey.\n[^room]: A price list.\n[^bus]: A timetable.\n")
    found = problems(source)
    assert found == [
        "docs/a.md:5: Readers meet this page's notes out of order: here the note [^bus] shows as number 3, "
        "where a reader expects 2. This site numbers notes in the order they are written at the foot of the page "
        "(GitHub's preview numbers them in the order they are cited). Write the notes at the foot in the order "
        "the page first cites them: [^tea], [^bus], [^room]."], found


def test_a_note_that_is_never_cited_is_named_at_its_line():
    found = problems("Tea helps.[^tea]\n\n[^tea]: A survey.\n[^old]: A source\n    we no longer use.\n")
    assert found == [
        "docs/a.md:4: The note [^old] at the foot of the page is not cited anywhere on it. This site still lists "
        "it, and GitHub's preview leaves it out. Put [^old] after the words it is the source for, or delete "
        "the note."], found


def test_a_note_written_twice_is_named_at_its_second_line_with_both_lines():
    """The second silently replaces the first on this site (GitHub's preview keeps the first)."""
    found = problems("Tea helps.[^tea] So do buses.[^bus]\n\n[^tea]: A survey.\n[^bus]: A timetable.\n"
                     "[^tea]: Another survey.\n\n```\n[^bus]: In code, fine.\n```\n")
    assert found == [
        "docs/a.md:5: The note [^tea] is written twice at the foot of the page, on lines 3 and 5. This site shows "
        "only the one on line 5, and GitHub's preview only the one on line 3. Keep one of them. If they are two "
        "sources, give this one a name of its own, like [^tea-2], and cite it where it belongs."], found

def test_a_hidden_note_with_no_end_shows_as_text_and_is_named_at_its_line():
    found = problems("# A\n\nIntro.\n\n<!-- closed, and fine -->\n\nText.\n\n<!-- TODO check these dates\n\n"
                     "## What we know\n\nMore words, and `<!--` in code.\n")
    assert found == [
        "docs/a.md:9: The hidden note that starts with '<!--' on this line has no '-->' at its end, so this site "
        "shows it to readers as text. GitHub's preview hides all that follows it. Add '-->' where the note ends, "
        "or take the note out. Anyone can read a hidden note in the page's file on GitHub, so never put private "
        "details in one."], found


def test_hidden_notes_that_end_are_fine_across_paragraphs_and_in_code():
    assert problems("Intro.\n\n<!-- a note\n\nover two paragraphs -->\n\nText with `<!--` in code.\n\n"
                    "```\n<!-- a comment in code\n```\n") == []


def test_a_note_s_mark_with_no_note_at_the_foot_shows_as_text_and_is_named_at_its_line():
    found = problems("# A\n\nTea helps.[^tea]\n\nBuses help.[^bus] And `[^code]` is code.\n\n[^tea]: A survey.\n")
    assert found == [
        "docs/a.md:5: The note's mark '[^bus]' shows as text, because the page has no note [^bus] at its foot. "
        "Add the note at the foot of the page, on a line that starts '[^bus]: ' and says where the fact comes "
        "from, or take the mark out."], found


def test_table_rows_with_no_line_of_dashes_show_as_words():
    source = "Who does what:\n\n| Who | What |\n| Sam | Chairs the meeting |\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"
    html = site_markdown(source)
    assert html.count("<table>") == 1 and "| Who | What |" in html  # the first shows as words
    assert problems(source) == [
        "docs/a.md:3: The table that starts '| Who | What |' shows as words with '|' between them, because it "
        "has no line of dashes under its first row. Put the line |---|---| under the first row: one '---' for "
        "each column. GitHub's preview needs it too."]


def test_one_line_with_bars_or_rows_in_code_are_not_a_table_to_mend():
    assert problems("| Only one line |\n\n```\n| a | b |\n| c | d |\n```\n\n    | e | f |\n    | g | h |\n") == []


def test_rows_with_bold_words_and_links_are_named_at_their_line():
    found = problems("---\ntitle: A\n---\n\n# A\n\n| **Who** | [What](../model.md) |\n| Sam | Chairs |\n")
    assert len(found) == 1 and found[0].startswith("docs/a.md:7: The table that starts '| Who | What |'"), found


def test_a_table_row_with_more_cells_than_the_first_row_is_named_at_its_line():
    # Both this site and GitHub's preview drop the extra cells without a word.
    found = problems("| What | How much |\n|---|---|\n| Train | £12 | return |\n| Bus | £3 |\n\n"
                     "| A | B |\n| --- | --- |\n| `x|y` | b\\|c |\n| 1 | 2 | 3 | 4\n")
    assert found == [
        "docs/a.md:3: This row of a table has 3 cells, but the table's first row has 2 columns, so this site leaves "
        "out the last cell of the row without a word. GitHub's preview leaves it out too. Add a column to the first "
        "row and to the line of dashes under it, or join the extra words to a cell. A '|' in the words is written \\|.",
        "docs/a.md:9: This row of a table has 4 cells, but the table's first row has 2 columns, so this site leaves "
        "out the last 2 cells of the row without a word. GitHub's preview leaves it out too. Add a column to the "
        "first row and to the line of dashes under it, or join the extra words to a cell. A '|' in the words is "
        "written \\|."], found


def test_a_row_whose_extra_cells_are_empty_loses_nothing():
    assert problems("| A | B |\n|---|---|\n| 1 | 2 |  |\n") == []
