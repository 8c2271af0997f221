"""Every link's words say where it goes (coproduction/link_text.py), on pages made by
Python-Markdown with the site's extensions (the real build's message: test_failure_catalogue.py)."""
from __future__ import annotations

from builds import page_check
from coproduction import link_text


def problems(source: str) -> list[str]:
    return page_check(link_text.problems, source)


def test_links_that_say_where_they_go_are_fine_and_so_are_code_pictures_and_notes():
    assert problems("# T\n\nRead [our guide to meetings](guides/meetings.md) and [the NHS report][nhs].\n\n"
                    "`[here](x.md)` is code. ![A chart](chart.png) and ![](decoration.png).\n\n"
                    "<!-- [here](old.md) -->\n\nA fact.[^a]\n\n[^a]: [The report](a.md).\n") == []


def test_a_link_with_no_words_is_named_at_its_line():
    assert problems("# T\n\nThe model is on [](../model.md) its own page.\n\nAnd [ ][nhs].\n") == [
        "docs/a.md:3: The link to '../model.md' has no words, so people who use a screen reader hear only its "
        "address, or nothing. Write where it goes between the square brackets, like [the name of what it links "
        "to](../model.md).",
        "docs/a.md:5: The link to 'nhs' has no words, so people who use a screen reader hear only its address, or "
        "nothing. Write where it goes between the square brackets, like [the name of what it links to][nhs]."]


def test_links_that_say_only_click_here_or_read_more_are_named_at_their_line():
    found = problems("# T\n\nFor the plan, [click here](plan.md).\n\nThe report is [here][nhs].\n\n"
                     "[Read more.](guides/start.md)\n")
    assert found == [
        "docs/a.md:3: The link 'click here' does not say where it goes. People who use a screen reader often hear "
        "a page's links on their own, without the words around them. Put words that say where it goes between the "
        "square brackets, like [the name of what it links to](plan.md) in place of [click here](plan.md).",
        "docs/a.md:5: The link 'here' does not say where it goes. People who use a screen reader often hear a "
        "page's links on their own, without the words around them. Put words that say where it goes between the "
        "square brackets, like [the name of what it links to][nhs] in place of [here][nhs].",
        "docs/a.md:7: The link 'Read more.' does not say where it goes. People who use a screen reader often hear "
        "a page's links on their own, without the words around them. Put words that say where it goes between the "
        "square brackets, like [the name of what it links to](guides/start.md) in place of [Read more.]"
        "(guides/start.md)."], found


def test_words_in_code_and_names_in_capitals_say_where_a_link_goes():
    # [`mkdocs.yml`](...) has words, in code; LINk was a Local Involvement Network, not "link".
    assert problems("# T\n\nThe menu is in [`mkdocs.yml`](../about/contributing.md).\n\n"
                    "Local Involvement Networks ([LINk](../origins.md)) came before Healthwatch.\n") == []
