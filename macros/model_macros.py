"""Macros that quote the model and the sayings, word for word, from the data.

Pages call these rather than retyping the words, so a correction in
data/model.yml or data/quotes.yml reaches every page and the PDF at once.
"""
from __future__ import annotations

from coproduction import project

GETTYSBURG_WORDS = 272  # Bliss copy; the yardstick the seeds use (see Sources page)

CREDIT = "Coalition for Collaborative Care (C4CC)"


def _quote(text: str, cite: str) -> str:
    """A Markdown blockquote with a credit line. Markdown, so it reads well in print."""
    return f'<blockquote class="model-quote" markdown>\n\n{text}\n\n<cite>{cite}</cite>\n\n</blockquote>'


def register(env):
    data = project.of(env.conf)  # loaded and checked by the model-data plugin
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
        """The exact words of step `number` (1 to 7)."""
        return _item("steps", number).text

    @env.macro
    def value_text(number: int) -> str:
        """The exact words of value `number` (1 to 5)."""
        return _item("values", number).text

    @env.macro
    def step_quote(number: int) -> str:
        return _quote(step_text(number), f"Step {number} of the Co-production Model, {CREDIT}")

    @env.macro
    def value_quote(number: int) -> str:
        return _quote(value_text(number), f"Value {number} of the Co-production Model, {CREDIT}")

    @env.macro
    def definition_quote() -> str:
        return _quote(model.definition.text, f"The Co-production Model's definition, {CREDIT}")

    @env.macro
    def scie_quote() -> str:
        scie = quotes.scie_definition
        return _quote(scie.text, f"{scie.credit}, {scie.source}")

    @env.macro
    def slogan_quote(number: int) -> str:
        slogans = quotes.slogans
        return _quote(slogans.items[number - 1], slogans.credit)

    @env.macro
    def saying_quote(number: int) -> str:
        saying = quotes.sayings[number - 1]
        return _quote(saying.text, saying.credit)

    env.variables["gettysburg_words"] = GETTYSBURG_WORDS
