"""Macros that quote the model and the sayings, word for word, from the data.

Pages call these rather than retyping the words, so a correction in
data/model.yml or data/quotes.yml reaches every page and the PDF at once.
"""
from __future__ import annotations

from html import escape

from coproduction import project
from coproduction.model import DOUBT_MARK

GETTYSBURG_WORDS = 272  # Bliss copy; the yardstick the seeds use (see Sources page)

CREDIT = "Coalition for Collaborative Care (C4CC)"


def _quote(text: str, cite: str) -> str:
    """A Markdown blockquote with a credit line. Markdown, so it reads well in print."""
    return f'<blockquote class="model-quote" markdown>\n\n{text}\n\n<cite>{cite}</cite>\n\n</blockquote>'


def doubt_mark(item) -> str:
    """The mark beside words that are not verified ("" when they are). One helper for every page."""
    if not item.doubt_note:
        return ""
    return f'<sup class="doubt-mark" title="{escape(item.doubt_note)}">{DOUBT_MARK}</sup>'


def doubt_note(item) -> str:
    """The plain-English note that goes with the mark ("" when the words are verified)."""
    return f'<span class="doubt-note">{DOUBT_MARK} {escape(item.doubt_note)}</span>' if item.doubt_note else ""


def add_doubt_note(env) -> None:
    """After a page renders: if it shows a doubt mark but no note, add the note at its end."""
    markdown = env.markdown
    if 'class="doubt-mark"' in markdown and 'class="doubt-note"' not in markdown:
        from coproduction.model import DOUBT_NOTE
        env.markdown = (markdown.rstrip("\n") + "\n\n"
                        f'<p class="doubt-note">{DOUBT_MARK} {escape(DOUBT_NOTE)}</p>\n')


def register(env):
    data = project.of(env.conf)  # loaded and checked by the coproduction plugin
    model, quotes = data.model, data.quotes
    # What pages may read: {{ model.title }}, {{ quotes.slogans.source }}.
    env.variables["model"] = model
    env.variables["quotes"] = quotes
    env.variables["model_words"] = model.word_count()

    def _item(section: str, number: int) -> dict:
        items = getattr(model, section).items
        if not 1 <= number <= len(items):
            raise ValueError(f"There is no {section[:-1]} {number}: the model has {len(items)} {section}")
        return items[number - 1]

    @env.macro
    def step_text(number: int) -> str:
        """The exact words of step `number` (1 to 7), with the doubt mark if they are not verified."""
        item = _item("steps", number)
        return item.text + doubt_mark(item)

    @env.macro
    def value_text(number: int) -> str:
        """The exact words of value `number` (1 to 5), with the doubt mark if they are not verified."""
        item = _item("values", number)
        return item.text + doubt_mark(item)

    def _item_quote(section: str, number: int, name: str) -> str:
        item = _item(section, number)
        cite = f"{name} {number} of the Co-production Model, {CREDIT}"
        if item.doubt_note:
            cite += f". {doubt_note(item)}"
        return _quote(item.text + doubt_mark(item), cite)

    @env.macro
    def step_quote(number: int) -> str:
        return _item_quote("steps", number, "Step")

    @env.macro
    def value_quote(number: int) -> str:
        return _item_quote("values", number, "Value")

    @env.macro
    def definition_quote() -> str:
        return _quote(model.definition.text, f"The Co-production Model's definition, {CREDIT}")

    @env.macro
    def scie_quote() -> str:
        scie = quotes.scie_definition
        return _quote(scie.text, f"{scie.credit}, {scie.source}")

    def _listed(items: list, number: int, kind: str, key: str):
        """The `number`-th of the items data/quotes.yml lists under `key`, or an error that says how many
        it lists: a missing '- ' joins two items into one, and the page then asks for one too many."""
        if not 1 <= number <= len(items):
            raise ValueError(f"There is no {kind} {number}: data/quotes.yml lists {len(items)} under '{key}'. "
                             f"If it should list more, check that each starts with '- ' on a line of its own")
        return items[number - 1]

    @env.macro
    def slogan_quote(number: int) -> str:
        slogans = quotes.slogans
        return _quote(_listed(slogans.items, number, "slogan", "slogans"), slogans.credit)

    @env.macro
    def saying_quote(number: int) -> str:
        saying = _listed(quotes.sayings, number, "saying", "sayings")
        return _quote(saying.text, saying.credit)

    env.macro(doubt_mark)
    env.macro(doubt_note)
    env.variables["gettysburg_words"] = GETTYSBURG_WORDS
