"""Names and cards for the model's values and steps, from data/model.yml.

`{{ value_title(1) }}` gives "Value 1: Everyone owns it" and `{{ step_title(1) }}`
"Step 1: Recruit openly and fairly": our short names (data/model.yml,
short_names), written the one way everywhere. Page headings use them, so the
menu, the page title and the guide heading all follow one edit.

`{{ model_grid() }}` writes the home page's first screen: the five values and
the seven steps as two numbered lists of short names, each linking on, so the
whole model fits on one screen. Only where it fits beside the lead: narrower,
site.css hides it, and the cards below are the one list.

`{{ model_cards("values") }}` and `{{ model_cards("steps") }}` write the home
page's cards: our short name, then the model's own words (with the doubt mark
where they are not verified), each linking to its part of "The values in
practice" or to its guide.
"""
from __future__ import annotations

from html import escape

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from .model_macros import doubt_mark

# Where each card leads. The values page has one section per value (#value-N).
VALUES_PAGE = "what-is-co-production/values.md"
STEP_GUIDES = ("guides/step-1-recruit.md", "guides/step-2-start-early.md", "guides/step-3-learn-together.md",
               "guides/step-4-leaders.md", "guides/step-5-reward.md", "guides/step-6-how-you-work.md",
               "guides/step-7-report-back.md")


def card_target(kind: str, number: int) -> str:
    """The page (under docs/) a value's or step's card links to."""
    return f"{VALUES_PAGE}#value-{number}" if kind == "value" else STEP_GUIDES[number - 1]


def _url(target: str, page_url: str, conf) -> str:
    path, _, anchor = target.partition("#")
    url = File(path, conf["docs_dir"], conf["site_dir"], conf["use_directory_urls"]).url
    return get_relative_url(url, page_url) + (f"#{anchor}" if anchor else "")


def render_cards(model, kind: str, page_url: str, conf) -> str:
    """An ordered list of cards, one line of HTML (Markdown keeps it whole)."""
    items = model.values.items if kind == "value" else model.steps.items
    cards = []
    for number, item in enumerate(items, start=1):
        href = escape(_url(card_target(kind, number), page_url, conf))
        names = model.short_names.values if kind == "value" else model.short_names.steps
        cards.append(
            f'<li class="cp-card cp-card--{kind}">'
            f'<a class="cp-card__link" href="{href}">'
            f'<span class="cp-card__number" aria-hidden="true">{number}</span>'
            f'<span class="cp-card__name">{kind.capitalize()} {number}: {escape(names[number - 1])}</span></a>'
            f'<span class="cp-card__words">{escape(item.text)}{doubt_mark(item)}</span></li>')
    return f'<ol class="cp-cards cp-cards--{kind}s">{"".join(cards)}</ol>'


def render_grid(model, page_url: str, conf) -> str:
    """The five values and seven steps as two numbered lists of short names, one line of HTML."""
    groups = []
    for kind, heading, names in (("value", "Five values to hold", model.short_names.values),
                                 ("step", "Seven steps to take", model.short_names.steps)):
        items = "".join(
            f'<li class="cp-grid__item"><a class="cp-grid__link" href="{escape(_url(card_target(kind, n), page_url, conf))}">'
            f'<span class="cp-grid__number" aria-hidden="true">{n}</span>'
            f'<span class="cp-grid__name"><span class="cp-visually-hidden">{kind.capitalize()} {n}: </span>'
            f'{escape(name)}</span></a></li>'
            for n, name in enumerate(names, start=1))
        groups.append(f'<div class="cp-grid__group cp-grid__group--{kind}s">'
                      f'<h2 class="cp-grid__heading" id="{kind}s">{heading}</h2>'
                      f'<ol class="cp-grid__list">{items}</ol></div>')
    return f'<div class="cp-grid">{"".join(groups)}</div>'


def register(env):
    def model():
        return env.variables["model"]

    @env.macro
    def value_title(number: int) -> str:
        """'Value 1: Everyone owns it': the number and our short name."""
        return escape(model().item_title("value", number))

    @env.macro
    def step_title(number: int) -> str:
        """'Step 1: Recruit openly and fairly': the number and our short name."""
        return escape(model().item_title("step", number))

    @env.macro
    def model_cards(section: str) -> str:
        """Cards for "values" or "steps", linking from the page that calls it."""
        if section not in ("values", "steps"):
            raise ValueError(f'model_cards() takes "values" or "steps", not "{section}"')
        return render_cards(model(), section[:-1], env.page.url, env.conf)

    @env.macro
    def model_grid() -> str:
        """The home page's numbered grid of every value and step, linking from the page that calls it."""
        return render_grid(model(), env.page.url, env.conf)

    @env.macro
    def step_guide(number: int) -> str:
        """The guide for step `number`, as a Markdown link target (MkDocs checks it)."""
        return card_target("step", number)
