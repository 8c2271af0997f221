"""The self-assessment form, built from data/self-assessment.yml.

`{{ self_assessment_form() }}` writes the whole form as plain HTML: real radio
buttons in fieldsets, so the page works (and prints as a checklist) with no
JavaScript. docs/assets/javascripts/self-assessment.js then scores it.

The script only reads what is here: the areas' names come as data-* attributes
(no inline script or style, for the content security policy). Guide links are
real links in a hidden list, made relative to the page at build time (so they
work wherever the site is hosted) and checked by the build like every link; the
script copies those nodes and never makes a link out of a data-* value.
"""
from __future__ import annotations

from html import escape

from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from coproduction import project
from coproduction.errors import ContentError
from coproduction.model import DOUBT_MARK
from coproduction.plugin import plugin_error
from coproduction.self_assessment import (FILE_FORMAT, FILE_VERSION, STORAGE_KEY, WEAK_BELOW_PERCENT, Area,
                                         SelfAssessment)

from .model_macros import doubt_mark


def _guide_url(guide: str, page_url: str, conf) -> str:
    """'guides/step-1-recruit.md#x' as a link from the current page, e.g. '../guides/step-1-recruit/#x'."""
    path, _, anchor = guide.partition("#")
    target = File(path, conf["docs_dir"], conf["site_dir"], conf["use_directory_urls"]).url
    return get_relative_url(target, page_url) + (f"#{anchor}" if anchor else "")


def _statement(statement_id: str, text: str, assessment: SelfAssessment) -> str:
    choices = "".join(
        f'<label class="sa-choice"><input type="radio" name="{statement_id}" value="{answer.points}">'
        f' <span>{escape(answer.label)}</span></label>'
        for answer in assessment.scale)
    return (f'<fieldset class="sa-statement" id="sa-{statement_id}">'
            f'<legend class="sa-statement__text">{escape(text)}</legend>'
            f'<div class="sa-scale">{choices}</div></fieldset>')


def _area(area: Area, model, assessment: SelfAssessment) -> str:
    statements = "".join(_statement(sid, text, assessment)
                         for sid, text in zip(area.statement_ids(), area.group.statements))
    # The area's name is our short name from data/model.yml, the same as on every other page.
    names = model.short_names.values if area.kind == "value" else model.short_names.steps
    name = escape(names[area.number - 1])
    model_item = (model.values.items if area.kind == "value" else model.steps.items)[area.number - 1]
    return (f'<fieldset class="sa-area" id="sa-{area.id}" data-area="{area.id}" data-kind="{area.kind}"'
            f' data-title="{area.title}" data-name="{name}">'
            f'<legend class="sa-area__legend"><span class="sa-area__title">{area.title}: {name}</span>'
            f' <span class="sa-area__model">The model says: <q class="model-words">{escape(model_item.text)}</q>{doubt_mark(model_item)}</span>'
            f'</legend>{statements}</fieldset>')


def _whose_words(assessment: SelfAssessment, model) -> str:
    """Under the statements: the note for the doubt marks beside the model's words, on screen
    and on paper, and, on paper only (the page's footer does not print), whose words are
    whose. Both from data/model.yml, so a printout never shows a mark it does not explain."""
    items = [(model.values.items if a.kind == "value" else model.steps.items)[a.number - 1] for a in assessment.areas()]
    doubts = [item.doubt_note for item in items if item.doubt_note]
    note = f'<p class="doubt-note">{DOUBT_MARK} {escape(doubts[0])}</p>' if doubts else ""
    return (note + '<p class="sa-print-only sa-credit">The words in quote marks are the model\'s own. '
            f"The statements and the scores are ours. {escape(model.credit.text)}</p>")


def _guide_link(area: Area, model, guide_url: str) -> str:
    """A real link to the area's guide, checked by the build like any link on a page.
    The script copies these nodes into "Where to start"; it never makes a link from data."""
    names = model.short_names.values if area.kind == "value" else model.short_names.steps
    what = "Read the guide to " if area.kind == "step" else "Read about "
    return (f'<li data-area="{area.id}"><a href="{escape(guide_url)}">'
            f'{what}{area.title}: {escape(names[area.number - 1])}</a></li>')


def render_form(assessment: SelfAssessment, model, page_url: str, conf) -> str:
    """The results panel (filled in by the script), the form and the team view, as one HTML block."""
    sections = []
    for kind, heading in (("value", "The five values"), ("step", "The seven steps")):
        areas = [a for a in assessment.areas() if a.kind == kind]
        body = "".join(_area(a, model, assessment) for a in areas)
        sections.append(f'<h2 id="sa-{kind}s-heading">{heading}</h2>{body}')
    guides = "".join(_guide_link(a, model, _guide_url(a.group.guide, page_url, conf)) for a in assessment.areas())
    count = len(assessment.statements())
    progress = (f'<p class="sa-progress" hidden data-sa-js-only><span class="sa-progress__count">0</span>'
                f' of {count} answered</p>')
    # One line per block, no blank lines: Markdown passes a raw HTML block through untouched.
    return "\n".join([
        f'<div class="sa" id="self-assessment" data-storage-key="{STORAGE_KEY}"'
        f' data-weak-below="{WEAK_BELOW_PERCENT}" data-file-format="{FILE_FORMAT}"'
        f' data-file-version="{FILE_VERSION}">',
        '<div class="sa-status" role="status" aria-live="polite" aria-atomic="true"></div>',
        '<section class="sa-results" id="sa-results" aria-labelledby="sa-results-heading" hidden>',
        '<h2 id="sa-results-heading" tabindex="-1">Your results</h2>',
        # On paper only: who filled it in and when (the script writes the names and the date).
        '<p class="sa-print-only sa-results__meta"></p>',
        '<div class="sa-results__progress"></div>',
        '<div class="sa-results__scores">',
        '<div class="sa-results__summary"></div>',
        # The chart is a picture of the scores; the table under it is its text
        # version (what screen readers get), folded away so it is not a copy on screen.
        '<div class="sa-legend" aria-hidden="true"></div>',
        '<svg class="sa-chart" aria-hidden="true" focusable="false"></svg>',
        '<details class="sa-table"><summary>The chart as text: a table of the scores</summary>'
        '<table><caption>Score for each area you have finished, out of 100</caption>'
        '<thead><tr><th scope="col">Area</th><th scope="col">Score</th><th scope="col">To work on</th></tr></thead>'
        '<tbody></tbody></table>'
        '</details>',
        '</div>',
        f'<ul class="sa-guides" hidden>{guides}</ul>',
        '<p class="sa-buttons"><button type="button" class="md-button md-button--primary" data-sa-print>'
        'Print my results</button> <a class="md-button" href="#sa-form">Change my answers</a></p>',
        '</section>',
        f'<form class="sa-form" id="sa-form" aria-label="How co-productive are we? {count} statements">',
        progress,
        *sections,
        _whose_words(assessment, model),
        progress.replace('class="sa-progress"', 'class="sa-progress sa-progress--end"'),
        '<p class="sa-buttons" hidden data-sa-js-only>'
        '<button type="submit" class="md-button md-button--primary">See my results</button> '
        '<button type="button" class="md-button" data-sa-forget>Forget my answers</button></p>',
        '</form>',
        _team_section(),
        '</div>',
    ])


def _team_section() -> str:
    """Saving answers to share, and the team view. It needs the script, so it stays hidden without it."""
    return "\n".join([
        '<section class="sa-team" id="sa-team" aria-labelledby="sa-team-heading" hidden data-sa-js-only>',
        '<h2 id="sa-team-heading">Compare with your team</h2>',
        '<p>Each person fills in the check on their own computer, then saves their answers as a file or a link. '
        'One person opens all of them here, to see the scores side by side. '
        'The files stay on that computer, and nothing is sent anywhere.</p>',
        '<h3 id="sa-share-heading">Save your answers to share</h3>',
        '<p class="sa-field"><label for="sa-name">Your name or role</label>'
        '<input type="text" id="sa-name" name="sa-name"></p>',
        '<p class="sa-field"><label for="sa-team-name">Your team</label>'
        '<input type="text" id="sa-team-name" name="sa-team-name"></p>',
        '<p class="sa-buttons"><button type="button" class="md-button" data-sa-save>Save my answers as a file</button> '
        '<button type="button" class="md-button" data-sa-link>Make a link with my answers</button></p>',
        '<div class="sa-share"></div>',
        '<h3 id="sa-load-heading">See your team\'s answers</h3>',
        '<p class="sa-field"><label for="sa-files">Open the files your team saved</label>'
        '<input type="file" id="sa-files" name="sa-files"></p>',
        '<div class="sa-paste"></div>',
        '<div class="sa-team__messages" role="status" aria-live="polite"></div>',
        '<div class="sa-team__view"></div>',
        '</section>',
    ])


def register(env):
    try:
        assessment = project.of(env.conf).self_assessment
    except ContentError as err:
        raise plugin_error(err, env.conf) from None
    env.variables["self_assessment"] = assessment

    @env.macro
    def self_assessment_form() -> str:
        """The whole self-assessment form; see docs/self-assessment.md."""
        return render_form(assessment, project.of(env.conf).model, env.page.url, env.conf)
