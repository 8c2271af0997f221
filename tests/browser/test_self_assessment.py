"""The self-assessment page in a real browser (Debian's chromium via Playwright).

Expected scores are worked out here from the data file and the answers the
test gives, never typed in, so changing a statement or the scale keeps the
tests honest. Screenshots (answered partly, fully, and a team of three, at 375
and 1280 px) go to test-artifacts/design/ for people to look at.
"""
from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
import math
import re
from html.parser import HTMLParser

import pytest
from pypdf import PdfReader

from browser_support import DESKTOP, PHONE, Recorder, open_context, published_address
from conftest import ARTIFACTS, ROOT
from coproduction.model import load_model
from coproduction.self_assessment import (FILE_FORMAT, FILE_VERSION, STORAGE_KEY, WEAK_BELOW_PERCENT,
                                         load_self_assessment)

pytestmark = pytest.mark.browser

PAGE = "self-assessment/"


@pytest.fixture(scope="module")
def assessment():
    return load_self_assessment(ROOT / "data" / "self-assessment.yml")


MODEL = load_model(ROOT / "data" / "model.yml")


def area_label(area) -> str:
    """The area's name on the page: our numbered short name from data/model.yml."""
    return MODEL.item_title(area.kind, area.number)


def statement_names(assessment) -> list[str]:
    return [sid for area in assessment.areas() for sid in area.statement_ids()]


def known_answers(assessment) -> dict[str, int]:
    """A fixed, uneven spread of answers, so areas score differently."""
    size = len(assessment.scale)
    return {name: (3 * i + i // 5) % size for i, name in enumerate(statement_names(assessment))}


def expected_results(assessment, answers):
    """Scores out of 100 (rounded half up, as the script does), strongest, weakest, to work on."""
    top = assessment.top_points
    scores = []
    for area in assessment.areas():
        ids = area.statement_ids()
        got = sum(answers[i] for i in ids)
        scores.append((area, math.floor(100 * got / (top * len(ids)) + 0.5)))
    low = min(s for _, s in scores)
    high = max(s for _, s in scores)
    to_work_on = sorted([(a, s) for a, s in scores if s < 100 and (s == low or s < WEAK_BELOW_PERCENT)],
                        key=lambda pair: pair[1])
    return {
        "scores": [(area_label(a), f"{s}%") for a, s in scores],
        "strongest": [area_label(a) for a, s in scores if s == high],
        "weakest": [area_label(a) for a, s in scores if s == low],
        "to_work_on": to_work_on,
    }


def guide_url(site_url: str, guide: str) -> str:
    """Where a guide page ends up in the built site (directory URLs)."""
    path, _, anchor = guide.partition("#")
    return site_url + path.removesuffix(".md") + "/" + (f"#{anchor}" if anchor else "")


def answer_all(page, answers):
    """Pick each answer as a reader does: a click on it, once Playwright sees it can be clicked."""
    for name, points in answers.items():
        page.locator(f'input[name="{name}"][value="{points}"]').check()


def answer_quickly(page, answers):
    """Pick each answer in one step: the page's own script clicks each radio button,
    which sends the same click, input and change events as a reader's click, without
    waiting for each to be on screen and still (40 ms an answer). For tests about what
    comes after the answers; test_scores_links_saving_and_forgetting and
    test_fits_a_phone_and_has_no_accessibility_errors answer as a reader does."""
    page.evaluate("""(answers) => {
        for (const [name, value] of Object.entries(answers)) {
            const input = document.querySelector(`input[name="${CSS.escape(name)}"][value="${value}"]`);
            if (!input) throw new Error(`no answer ${value} to ${name}`);
            input.click();
        }
    }""", answers)


def checked_answers(page) -> dict[str, int]:
    return page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('.sa-form input[type=radio]:checked')].map(i => [i.name, Number(i.value)]))""")


def storage(page) -> dict:
    return page.evaluate("() => Object.assign({}, localStorage)")


def results_table(page) -> list[tuple[str, str]]:
    rows = page.locator(".sa-results table tbody tr")
    # text_content: the table is folded away (the chart's text version) until opened.
    return [(rows.nth(i).locator("th").text_content(), rows.nth(i).locator("td").first.text_content())
            for i in range(rows.count())]


def test_scores_links_saving_and_forgetting(page, site_url, assessment):
    answers = known_answers(assessment)
    expected = expected_results(assessment, answers)
    assert expected["strongest"] != expected["weakest"], "the known answers should give a spread of scores"

    page.goto(site_url + PAGE)
    before = storage(page)  # Material keeps its own colour choice here; that may stay
    assert page.locator(".sa-results").is_hidden()
    answer_all(page, answers)
    listen_to_the_status_line(page)
    page.get_by_role("button", name="See my results").click()

    results = page.locator(".sa-results")
    results.wait_for(state="visible")
    assert results_table(page) == expected["scores"]
    summary = page.locator(".sa-results__summary").inner_text()
    strongest = re.search(r"Your strongest areas? (?:is|are) (.*?), with", summary).group(1)
    weakest = re.search(r"Your weakest areas? (?:is|are) (.*?), with", summary).group(1)
    assert all(name in strongest for name in expected["strongest"]), summary
    assert all(name in weakest for name in expected["weakest"]), summary

    # A link for each area to work on, weakest first, to the right page.
    links = page.locator(".sa-next a")
    assert links.count() == len(expected["to_work_on"])
    for i, (area, _) in enumerate(expected["to_work_on"]):
        link = links.nth(i)
        assert area_label(area) in link.inner_text()
        href = link.evaluate("a => a.href")
        assert href == guide_url(site_url, area.group.guide)
        assert page.request.get(href).status == 200

    # The chart: one bar per area, as long as its score; hidden from screen readers (the table says it).
    chart = page.locator("svg.sa-chart")
    assert chart.get_attribute("aria-hidden") == "true"
    track = float(chart.locator(".sa-chart__track").first.get_attribute("width"))
    bars = chart.locator(".sa-chart__bar")
    assert bars.count() == 12
    for i, (_, score) in enumerate(expected["scores"]):
        assert float(bars.nth(i).get_attribute("width")) == pytest.approx(track * int(score[:-1]) / 100)

    # Screen readers hear the results once: focus moves to their heading, and they read on
    # from there. The status line says nothing then, or they would hear the results twice.
    assert page.evaluate("document.activeElement.id") == "sa-results-heading"
    assert said_after_a_pause(page) == []

    # Kept between visits, in this browser only.
    saved = {k: v for k, v in storage(page).items() if k not in before}
    assert list(saved) == [f"{STORAGE_KEY}:/{PAGE}"]
    page.reload()
    assert checked_answers(page) == answers
    results.wait_for(state="visible")
    assert results_table(page) == expected["scores"]

    # Forgotten on request, once the reader says yes.
    page.get_by_role("button", name="Forget my answers").click()
    page.get_by_role("dialog", name="Forget your answers?").get_by_role("button", name="Yes, forget my answers").click()
    assert checked_answers(page) == {}
    assert results.is_hidden()
    assert storage(page) == before
    page.wait_for_function("() => document.querySelector('.sa-status').textContent.includes('gone')")
    page.reload()
    assert checked_answers(page) == {}
    assert results.is_hidden()

    assert page.recorder.off_site(site_url) == []
    assert page.recorder.console_errors == []


@pytest.mark.parametrize("viewport", [PHONE, None], ids=["phone", "laptop"])
def test_part_way_through_shows_results_so_far_in_view(page, site_url, assessment, viewport):
    page.set_viewport_size(viewport or DESKTOP)
    page.goto(site_url + PAGE)
    # Finish the first two areas, and half of the third.
    areas = assessment.areas()
    done = areas[:2]
    answers = {name: (i % len(assessment.scale)) for i, name in
               enumerate(n for a in done for n in a.statement_ids())}
    half = areas[2].statement_ids()[:1]
    answers.update({name: 1 for name in half})
    answer_quickly(page, answers)
    listen_to_the_status_line(page)
    page.get_by_role("button", name="See my results").click()

    results = page.locator(".sa-results")
    results.wait_for(state="visible")
    # Scores for the finished areas only.
    expected = expected_results_for(assessment, answers, done)
    assert results_table(page) == expected
    assert page.locator("svg.sa-chart .sa-chart__bar").count() == len(done)
    # What is left is counted and each statement not answered is marked in words.
    total = len(statement_names(assessment))
    left = total - len(answers)
    progress = page.locator(".sa-results__progress").inner_text()
    assert f"answered {len(answers)} of {total}" in progress and f"{left} are marked" in progress
    assert page.locator(".sa-statement--missing").count() == left
    assert page.locator(".sa-missing").count() == left
    assert page.locator(f"#sa-{areas[2].statement_ids()[1]} .sa-missing").inner_text() == "Not answered yet"
    # The message is in view with focus on it, and the status line is for screen readers only.
    assert page.evaluate("document.activeElement.id") == "sa-results-heading"
    page.wait_for_timeout(300)
    top = page.evaluate("document.getElementById('sa-results-heading').getBoundingClientRect().top")
    height = page.evaluate("innerHeight")
    header = page.locator(".md-header").bounding_box()
    below_header = header["y"] + header["height"]
    assert below_header <= top < height / 2, f"the results heading is at {top}px in a {height}px window"
    # Chart labels in proportion: readable on a phone, not bigger than headings on a laptop.
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.md-typeset p')).fontSize)")
    label = page.evaluate("document.querySelector('.sa-chart__label').getBoundingClientRect().height")
    assert 14 <= label <= 1.6 * body, f"chart labels are {label}px tall beside {body}px text"
    shot = ARTIFACTS / "design" / f"self-assessment-part-way-{page.viewport_size['width']}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot))
    box = page.locator(".sa-status").bounding_box()
    assert box["width"] <= 1 and box["height"] <= 1
    # One announcement, the heading that has focus: the status line does not say the results too.
    assert said_after_a_pause(page) == []
    # Answering one more keeps the marks and scores up to date.
    page.locator(f'input[name="{areas[2].statement_ids()[1]}"][value="0"]').check()
    assert page.locator(".sa-missing").count() == left - 1
    assert page.recorder.console_errors == []


def listen_to_the_status_line(page) -> None:
    """From now on, keep each message the screen readers' status line gets (window.said)."""
    page.evaluate("""() => { window.said = [];
        new MutationObserver(() => { const t = document.querySelector('.sa-status').textContent;
                                     if (t) window.said.push(t); })
          .observe(document.querySelector('.sa-status'), {childList: true, characterData: true, subtree: true}); }""")


def said_after_a_pause(page) -> list[str]:
    """What the status line said since listen_to_the_status_line(), once the page has had
    time to say anything (the count of answers waits 1.5 s for the reader to pause)."""
    page.wait_for_timeout(1800)
    return page.evaluate("window.said")


def expected_results_for(assessment, answers, areas):
    top = assessment.top_points
    rows = []
    for area in areas:
        ids = area.statement_ids()
        rows.append((area_label(area), f"{math.floor(100 * sum(answers[i] for i in ids) / (top * len(ids)) + 0.5)}%"))
    return rows


def test_every_control_is_reachable_by_keyboard_with_visible_focus(page, site_url, assessment):
    page.goto(site_url + PAGE)
    # Start from the last link before the form (the heading's permalink).
    page.locator("article .headerlink").last.focus()
    stops = []
    for _ in range(len(statement_names(assessment)) + 2):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return {name: el.name || el.textContent.trim(), outline: style.outlineStyle,
                    width: parseFloat(style.outlineWidth)};
        }"""))
    # One stop per statement (arrow keys move within it), then the two buttons.
    assert [s["name"] for s in stops] == statement_names(assessment) + ["See my results", "Forget my answers"]
    assert all(s["outline"] != "none" and s["width"] >= 2 for s in stops), stops
    # Arrow keys pick an answer.
    page.locator(f'input[name="{statement_names(assessment)[0]}"]').first.focus()
    page.keyboard.press("ArrowRight")
    assert checked_answers(page) == {statement_names(assessment)[0]: assessment.scale[1].points}
    assert page.recorder.console_errors == []


def test_fits_a_phone_and_has_no_accessibility_errors(page, site_url, assessment):
    from axe_playwright_python.sync_playwright import Axe

    page.set_viewport_size(PHONE)
    page.goto(site_url + PAGE)
    answer_all(page, known_answers(assessment))
    page.get_by_role("button", name="See my results").click()
    page.locator(".sa-results").wait_for(state="visible")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    heights = page.eval_on_selector_all(".sa-choice", "els => els.map(e => e.getBoundingClientRect().height)")
    assert min(heights) >= 44, "answers must be big enough to tap"
    violations = Axe().run(page, context="#self-assessment")
    assert violations.violations_count == 0, violations.generate_report()
    assert page.recorder.console_errors == []


def test_without_javascript_it_is_a_checklist_with_every_statement(browser, site_url, assessment, model):
    context = open_context(browser, viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.recorder = Recorder(page)
    try:
        page.goto(site_url + PAGE)
        labels = [answer.label for answer in assessment.scale]
        model_words = [v.text for v in model.values.items] + [s.text for s in model.steps.items]
        for area, words in zip(assessment.areas(), model_words):
            group = page.get_by_role("group", name=area_label(area), exact=False)
            assert group.is_visible()
            assert words in group.locator("legend").first.inner_text()  # as the data has them, marks and all
            for name, statement in zip(area.statement_ids(), area.group.statements):
                question = page.get_by_role("group", name=statement, exact=True)
                assert question.is_visible(), statement
                for label, answer in zip(labels, assessment.scale):
                    box = question.get_by_label(label, exact=True)
                    assert box.is_visible() and box.get_attribute("type") == "radio"
                    assert box.get_attribute("name") == name
        # Shown in single marks, so step 7's own double marks inside them never end with two: "”.
        marks = page.evaluate("() => getComputedStyle(document.querySelector('.sa-area__model q')).quotes")
        assert marks.split()[:2] == ['"\u2018"', '"\u2019"'], marks
        # Buttons that need the script stay out of the way; so do the empty results.
        assert page.get_by_role("button", name="See my results").is_hidden()
        assert page.locator(".sa-results").is_hidden()
        page.emulate_media(media="print")
        assert page.locator(".md-sidebar--primary").is_hidden()
        assert page.get_by_role("group", name=assessment.statements()[-1]).is_visible()
        assert page.recorder.off_site(site_url) == []
    finally:
        context.close()


def test_print_my_results_prints_results_then_answers(page, site_url, assessment):
    page.goto(site_url + PAGE)
    # The page looks up window.print when the button is pressed: count the calls instead.
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    answers = known_answers(assessment)
    answer_quickly(page, answers)
    page.get_by_role("button", name="See my results").click()
    page.get_by_role("button", name="Print my results").click()
    assert page.evaluate("window.printed") == 1

    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden() and page.locator(".md-sidebar--primary").is_hidden()
    assert page.get_by_role("button", name="Print my results").is_hidden()
    assert page.evaluate("getComputedStyle(document.querySelector('.sa-form')).breakBefore") == "page"
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = [p.extract_text() for p in pdf.pages]
    first_form_page = next(i for i, t in enumerate(text) if "The five values" in t)
    results_pages = "".join(text[:first_form_page])
    weakest = expected_results(assessment, answers)["weakest"][0]
    assert "Your results" in results_pages and weakest in results_pages
    assert "The five values" not in results_pages, "answers start on a fresh page"
    assert assessment.statements()[-1] in "".join(text[first_form_page:]).replace("\n", " ")


def csp_for(html: str) -> str:
    """The policy another helper adds to every page: this site only, plus hashes of inline
    scripts and of inline styles (overrides/main.html writes site.css into the page)."""
    def hashes(tag: str) -> str:
        return " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
                        for body in re.findall(rf"<{tag}>(.*?)</{tag}>", html, flags=re.S))
    return (f"default-src 'self'; script-src 'self' {hashes('script')}; style-src 'self' {hashes('style')};"
            " img-src 'self' data:")


def test_works_under_a_strict_content_security_policy(page, site_url, assessment):
    html = page.request.get(site_url + PAGE).text()
    policy = csp_for(html)

    def with_policy(route):
        response = route.fetch()
        headers = {**response.headers}
        if "text/html" in headers.get("content-type", ""):
            headers["content-security-policy"] = policy
        route.fulfill(response=response, headers=headers)

    page.route(site_url + "**", with_policy)
    page.goto(site_url + PAGE)
    answer_quickly(page, known_answers(assessment))
    page.get_by_role("button", name="See my results").click()
    page.locator(".sa-results").wait_for(state="visible")
    assert len(results_table(page)) == 12
    violations = [e for e in page.recorder.console_errors if "Content Security Policy" in e]
    assert violations == []
    # Control: the policy is really in force, so inline code would have been caught.
    page.evaluate("""() => { const s = document.createElement('script');
                             s.textContent = 'window.inlineRan = true'; document.body.append(s); }""")
    assert page.evaluate("window.inlineRan") is None
    page.wait_for_function("() => true")
    assert any("Content Security Policy" in e for e in page.recorder.console_errors)


# --- The count of answers ---------------------------------------------------


def test_the_count_of_answers_follows_each_answer_and_is_said_once_the_reader_pauses(page, site_url, assessment):
    names = statement_names(assessment)
    page.goto(site_url + PAGE)
    counts = page.locator(".sa-progress")
    assert counts.count() == 2  # above the first statement and beside "See my results"
    assert all(counts.nth(i).inner_text() == f"0 of {len(names)} answered" for i in range(2))
    listen_to_the_status_line(page)  # every message the screen-reader line gets
    for i, name in enumerate(names[:5]):
        page.locator(f'input[name="{name}"][value="{i % len(assessment.scale)}"]').check()
        assert counts.first.inner_text() == f"{i + 1} of {len(names)} answered"
    # Arrow keys move the answer within a statement: the count stays (one answer per statement).
    page.locator(f'input[name="{names[0]}"]:checked').focus()
    page.keyboard.press("ArrowRight")
    assert counts.last.inner_text() == f"5 of {len(names)} answered"
    assert page.locator(".sa-status").get_attribute("aria-live") == "polite"
    page.wait_for_function("() => window.said.length > 0", timeout=5000)
    page.wait_for_timeout(1800)
    # Six changes in a row, one message: the count when the reader stopped.
    assert page.evaluate("window.said") == [f"5 of {len(names)} answered."]
    # Back on the page later: the count is right straight away.
    page.reload()
    assert counts.first.inner_text() == f"5 of {len(names)} answered"
    assert page.recorder.console_errors == []


# --- Asking before forgetting -----------------------------------------------


def test_forget_my_answers_asks_first_and_cancel_keeps_everything(page, site_url, assessment):
    answers = dict(list(known_answers(assessment).items())[:7])
    page.goto(site_url + PAGE)
    answer_quickly(page, answers)
    page.fill("#sa-name", "Asha")
    kept = storage(page)
    forget = page.get_by_role("button", name="Forget my answers")
    dialog = page.get_by_role("dialog", name="Forget your answers?")

    # Cancel: nothing changes, and focus goes back to the button.
    forget.click()
    assert dialog.is_visible()
    assert "7 answers" in dialog.inner_text()
    assert page.evaluate("document.activeElement.textContent") == "Cancel, keep my answers"
    dialog.get_by_role("button", name="Cancel, keep my answers").click()
    assert dialog.is_hidden()
    assert checked_answers(page) == answers and storage(page) == kept
    assert page.evaluate("document.activeElement.textContent") == "Forget my answers"

    from axe_playwright_python.sync_playwright import Axe
    forget.click()
    violations = Axe().run(page, context=".sa-dialog")
    assert violations.violations_count == 0, violations.generate_report()
    page.keyboard.press("Escape")

    # Escape, from the keyboard: the same as Cancel.
    forget.focus()
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert checked_answers(page) == answers and storage(page) == kept
    page.wait_for_function("() => document.querySelector('.sa-status').textContent.includes('kept')")

    # Yes, by keyboard: all gone, here and in the browser's storage, the name too.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Yes, forget my answers"
    page.keyboard.press("Enter")
    assert dialog.is_hidden()
    assert checked_answers(page) == {}
    assert page.input_value("#sa-name") == ""
    assert not any(k.startswith(STORAGE_KEY) for k in storage(page))
    assert page.locator(".sa-progress").first.inner_text().startswith("0 of")
    page.wait_for_function("() => document.querySelector('.sa-status').textContent.includes('gone')")
    page.reload()
    assert checked_answers(page) == {}
    assert page.recorder.console_errors == []


# --- The chart's legend -------------------------------------------------------


def test_the_chart_marks_areas_to_work_on_with_stripes_and_words_as_the_text_does(page, site_url, assessment):
    answers = known_answers(assessment)
    expected = expected_results(assessment, answers)
    to_work_on = {area_label(a) for a, _ in expected["to_work_on"]}
    page.goto(site_url + PAGE)
    answer_quickly(page, answers)
    page.get_by_role("button", name="See my results").click()
    legend = page.locator(".sa-legend").inner_text()
    assert "Striped bar: an area to work on" in legend and "Solid bar: the score" in legend
    labels = page.locator(".sa-chart .sa-chart__label").all_text_contents()
    scores = page.locator(".sa-chart .sa-chart__score").all_text_contents()
    bars = page.locator(".sa-chart .sa-chart__bar")
    for i, (label, score) in enumerate(expected["scores"]):
        assert labels[i] == label
        weak = label in to_work_on
        assert scores[i] == score + (", to work on" if weak else "")
        fill = bars.nth(i).get_attribute("fill") or ""
        assert fill.startswith("url(#") == weak, (label, fill)
    # The same areas are "to work on" in the table and under "Where to start".
    rows = page.locator(".sa-results table tbody tr")
    flagged = {rows.nth(i).locator("th").text_content() for i in range(rows.count())
               if rows.nth(i).locator("td").nth(1).text_content() == "Yes"}
    assert flagged == to_work_on
    assert "the areas to work on" in page.locator(".sa-results__summary h3").inner_text()


# --- Printing -----------------------------------------------------------------


@pytest.mark.parametrize("share", [0.4, 1.0], ids=["part-way", "all"])
def test_printed_results_and_answers_fit_three_pages_with_the_date_and_who(page, site_url, assessment, share):
    answers = known_answers(assessment)
    answers = dict(list(answers.items())[:round(len(answers) * share)])
    page.goto(site_url + PAGE)
    answer_quickly(page, answers)
    page.fill("#sa-name", "Asha Patel")
    page.fill("#sa-team-name", "Ward 7")
    page.get_by_role("button", name="See my results").click()
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = [p.extract_text() for p in pdf.pages]
    assert len(pdf.pages) <= 3, f"{len(pdf.pages)} pages"
    first = " ".join(text[0].split())
    today = datetime.date.today()
    assert f"Filled in by: Asha Patel" in first and "Team: Ward 7" in first
    assert f"Date: {today.day} {today:%B %Y}" in first
    assert "Your results" in first
    # Every statement is on paper, on one line with the answer picked (or "Not answered yet").
    everything = " ".join(" ".join(text).split())
    lines = printed_lines(pdf)
    labels = {a.points: a.label for a in assessment.scale}
    for area in assessment.areas():
        for sid, statement in zip(area.statement_ids(), area.group.statements):
            expected = labels[answers[sid]] if sid in answers else "Not answered yet"
            assert f"{statement} {expected}" in lines, statement
    # Nothing of the team view or the buttons on paper.
    assert "Compare with your team" not in everything and "Forget my answers" not in everything
    # The stars after the model's words are explained, and the model is credited to C4CC, in
    # the words of data/model.yml (the page's own note and footer do not print).
    marked = [item for item in MODEL.values.items + MODEL.steps.items if item.doubt_note]
    assert marked, "the data marks some of the model's words as not checked"
    assert f"* {marked[0].doubt_note}" in everything.replace("’", "'")
    assert MODEL.credit.organisation in everything  # "Coalition for Collaborative Care (C4CC)"
    # The page's address, so the paper leads back here (spaces left out: it may wrap).
    assert f"Printedfrom{published_address().rstrip('/')}/{PAGE}" in "".join(everything.split())


def printed_lines(pdf) -> set[str]:
    """Each line of text as it sits on the paper: the pieces at the same height, left to right."""
    rows: dict[tuple[int, float], list[tuple[float, str]]] = {}
    for number, page in enumerate(pdf.pages):
        def visit(text, cm, tm, font, size, number=number):
            if text.strip():
                rows.setdefault((number, round(cm[5] + tm[5] * cm[3])), []).append((cm[4] + tm[4] * cm[0], text.strip()))
        page.extract_text(visitor_text=visit)
    return {" ".join(t for _, t in sorted(pieces)) for pieces in rows.values()}


def test_printed_without_a_name_leaves_a_line_to_write_on(page, site_url, assessment):
    page.goto(site_url + PAGE)
    answer_quickly(page, known_answers(assessment))
    page.get_by_role("button", name="See my results").click()
    first = " ".join(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages[0].extract_text().split())
    assert re.search(r"Filled in by: _{10,} Team: _{10,} Date: ", first), first


# --- Sharing answers and the team view ------------------------------------------


def team_file(assessment, name, answers, **extra) -> bytes:
    return json.dumps({"format": FILE_FORMAT, "version": FILE_VERSION, "name": name, "team": "Ward 7",
                       "date": "2026-03-31", "answers": answers, **extra}).encode()


def other_answers(assessment, shift):
    """Another person's answers: the known ones moved along the scale."""
    size = len(assessment.scale)
    return {name: (points + shift) % size for name, points in known_answers(assessment).items()}


def area_score(assessment, area, answers):
    ids = area.statement_ids()
    if not all(i in answers for i in ids):
        return None
    return math.floor(100 * sum(answers[i] for i in ids) / (assessment.top_points * len(ids)) + 0.5)


def save_my_answers(page, folder):
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my answers as a file").click()
    path = folder / download.value.suggested_filename
    download.value.save_as(path)
    return path


def team_table(page) -> list[list[str]]:
    """Each row's cells, without the column's name that a small screen shows beside each value."""
    page.locator(".sa-team__table").wait_for()
    return page.locator(".sa-team__table").evaluate("""table => [...table.rows].map(row => [...row.cells].map(cell =>
        [...cell.childNodes].filter(n => !(n.classList && n.classList.contains('sa-team__label')))
          .map(n => n.textContent).join('').trim()))""")


def agree_or_differ(assessment, area, *answer_sets) -> str:
    """The verdict the page should give, from the answers and the bands it states under the chart:
    how many answers apart the lowest and the highest person are, on average over the area's
    statements. Under half an answer: agree. A whole answer or more: a lot."""
    ids = area.statement_ids()
    totals = [sum(answers[i] for i in ids) for answers in answer_sets if all(i in answers for i in ids)]
    if len(totals) < 2:
        return "Too few answers to compare"
    apart = (max(totals) - min(totals)) / len(ids)
    return "Agree" if apart < 0.5 else "Differ a little" if apart < 1 else "Differ a lot: talk about it"


@pytest.mark.parametrize("viewport", [PHONE, None], ids=["phone", "laptop"])
def test_team_view_of_three_files_with_one_broken(page, site_url, assessment, tmp_path, viewport):
    page.set_viewport_size(viewport or DESKTOP)
    width = (viewport or {"width": 1280})["width"]
    shots = ARTIFACTS / "design"
    shots.mkdir(parents=True, exist_ok=True)
    page.goto(site_url + PAGE, wait_until="networkidle")
    loaded = len(page.recorder.requests)
    # Answered part-way, then fully: screenshots for people to look at.
    mine = known_answers(assessment)
    part = dict(list(mine.items())[:14])
    answer_quickly(page, part)
    page.get_by_role("button", name="See my results").click()
    page.wait_for_timeout(200)
    # What the reader sees: the results brought into view, and the whole results panel.
    page.screenshot(path=str(shots / f"self-assessment-partly-{width}.png"))
    page.locator(".sa-results").screenshot(path=str(shots / f"self-assessment-partly-results-{width}.png"))
    answer_quickly(page, mine)
    page.get_by_role("button", name="See my results").click()
    page.wait_for_timeout(200)
    page.screenshot(path=str(shots / f"self-assessment-fully-{width}.png"))
    page.locator(".sa-results").screenshot(path=str(shots / f"self-assessment-fully-results-{width}.png"))

    # Person 1 saves a file from the page; person 2's file comes from another computer.
    page.fill("#sa-name", "Asha")
    page.fill("#sa-team-name", "Ward 7")
    asha = save_my_answers(page, tmp_path)
    assert asha.name == "self-assessment-asha.json"
    saved = json.loads(asha.read_text(encoding="utf-8"))
    assert set(saved) == {"format", "version", "name", "team", "date", "answers"}
    assert (saved["format"], saved["version"], saved["name"], saved["team"]) == (FILE_FORMAT, FILE_VERSION, "Asha", "Ward 7")
    assert saved["answers"] == mine
    assert len(asha.read_bytes()) < 2048
    ben_answers = other_answers(assessment, 1)
    # Ben has not finished value 1: his score there is "Not done".
    del ben_answers[assessment.areas()[0].statement_ids()[0]]
    ben = tmp_path / "ben.json"
    ben.write_bytes(team_file(assessment, "Ben", ben_answers))
    broken = tmp_path / "chris.json"
    broken.write_text('{"format": "coproduction-self-assessment", "version": 1, "answers": {', encoding="utf-8")
    page.locator("#sa-files").set_input_files([asha, broken, ben])

    messages = page.locator(".sa-team__messages")
    messages.locator("li").nth(2).wait_for()
    items = messages.locator("li").all_inner_texts()
    assert items[0].startswith("Loaded:") and "self-assessment-asha.json" in items[0]
    assert items[1] == "Not loaded: \u201cchris.json\u201d, because it is not a saved self-assessment (it is not written in JSON)."
    assert items[2].startswith("Loaded:") and "ben.json" in items[2]
    assert messages.get_attribute("aria-live") == "polite"

    table = team_table(page)
    assert table[0] == ["Area", "Asha", "Ben", "Average", "Spread (points)", "Agree or differ"]
    spreads = {}
    for area, row in zip(assessment.areas(), table[1:]):
        a, b = area_score(assessment, area, mine), area_score(assessment, area, ben_answers)
        assert row[0] == area_label(area)
        assert row[1] == str(a)
        assert row[2] == ("Not done" if b is None else str(b))
        if b is None:
            assert row[3:5] == [str(a), "\u2013"] and row[5] == "Too few answers to compare"
        else:
            spread = abs(a - b)
            spreads[area_label(area)] = spread
            assert row[3] == str(math.floor((a + b) / 2 + 0.5)) and row[4] == str(spread)
            assert row[5] == agree_or_differ(assessment, area, mine, ben_answers), (row, spread)
    assert len(table) == 1 + len(assessment.areas())
    most = max(spreads.values())
    view = page.locator(".sa-team__view").inner_text()
    assert all(f"{label}" in view.split("You differ most about", 1)[1] for label, s in spreads.items() if s == most)

    # The picture of the same: a numbered mark per person per finished area, the spread at the right.
    chart = page.locator("svg.sa-team-chart")
    assert chart.get_attribute("aria-hidden") == "true"  # the table is its text version
    finished = sum(area_score(assessment, area, answers) is not None
                   for area in assessment.areas() for answers in (mine, ben_answers))
    assert chart.locator(".sa-team-chart__mark").count() == finished
    assert chart.locator(".sa-team-chart__spread").all_text_contents() == [str(s) for s in spreads.values()]
    label = chart.locator(".sa-chart__label").first.evaluate("e => e.getBoundingClientRect().height")
    assert label >= 14, f"team chart labels are {label}px tall"

    # A third person from a link, pasted in: three people side by side.
    ciaran = other_answers(assessment, 2)
    link = site_url + PAGE + "#answers=" + base64.urlsafe_b64encode(
        team_file(assessment, "Ciar\u00e1n", ciaran)).decode().rstrip("=")
    page.fill("#sa-links", link)
    page.get_by_role("button", name="Add these links").click()
    assert team_table(page)[0][1:4] == ["Asha", "Ben", "Ciar\u00e1n"]
    assert team_table(page)[1][3] == str(area_score(assessment, assessment.areas()[0], ciaran))
    page.evaluate("document.getElementById('sa-team-scores').scrollIntoView({block: 'start'})")
    page.screenshot(path=str(shots / f"self-assessment-team-{width}.png"))
    page.locator(".sa-team").screenshot(path=str(shots / f"self-assessment-team-view-{width}.png"))
    # The page stays within the screen (test_team_table_fits_a_small_screen_with_every_value_in_view).
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # Nothing left the computer: not one request since the page loaded.
    assert page.recorder.requests[loaded:] == []
    from axe_playwright_python.sync_playwright import Axe
    violations = Axe().run(page, context="#self-assessment")
    assert violations.violations_count == 0, violations.generate_report()
    assert page.recorder.console_errors == []


# People for the small-screen test: a long name with no space in it must wrap, not widen the page.
TEAM = ["Asha", "Ben", "Oluwaseun Adebayo-Fitzgerald", "Maximilianus-Bartholomew-Featherstonehaugh", "Dee"]


def team_of(assessment, size: int) -> list[tuple[str, dict[str, int]]]:
    """A team whose answers differ by known amounts. Everyone answers "Starting" (1) to every
    statement, except Ben: "Mostly" (2) to every statement of the first area (33 against 67),
    to one statement of the second (33 against 44) and to two of the third (33 against 56)."""
    areas = assessment.areas()
    starting = {name: 1 for name in statement_names(assessment)}
    ben = dict(starting)
    for area, how_many in zip(areas[:3], (len(areas[0].statement_ids()), 1, 2)):
        for name in area.statement_ids()[:how_many]:
            ben[name] = 2
    return [(name, ben if name == "Ben" else starting) for name in TEAM[:size]]


def accessible_table(page, caption: str) -> list[list[tuple[str, str]]]:
    """The table as Chromium's own accessibility tree has it (what a screen reader gets):
    for each row, each cell's role and name."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = {n["nodeId"]: n for n in cdp.send("Accessibility.getFullAXTree")["nodes"]}
    finally:
        cdp.detach()

    def role(n):
        return n.get("role", {}).get("value")

    def kids(n):
        # Ignored nodes (a tbody with no role of its own, say) pass their children up.
        for k in n.get("childIds", []):
            child = nodes.get(k)
            if child is None:
                continue
            if child.get("ignored") or role(child) in ("rowgroup", "generic", "none"):
                yield from kids(child)
            else:
                yield child

    tables = [n for n in nodes.values() if role(n) == "table" and n.get("name", {}).get("value") == caption]
    assert len(tables) == 1, [(role(n), n.get("name")) for n in nodes.values() if role(n) in ("table", "grid")]
    return [[(role(c), c.get("name", {}).get("value", "").strip()) for c in kids(row)]
            for row in kids(tables[0]) if role(row) == "row"]


@pytest.mark.parametrize("size", [2, 5], ids=["2-people", "5-people"])
@pytest.mark.parametrize("width", [320, 375])
def test_team_table_fits_a_small_screen_with_every_value_in_view(tab, site_url, assessment, width, size):
    """The accessibility statement promises no sideways scrolling. On a small screen each area is a
    block: its name, then each value beside its column's name. A screen reader still gets a table,
    and hears each value once. 33 against 67 (a whole answer apart) differs a lot, not a little."""
    page = tab({"width": width, "height": 800})
    page.goto(site_url + PAGE, wait_until="networkidle")
    team = team_of(assessment, size)
    page.locator("#sa-files").set_input_files([
        {"name": f"{name}.json", "mimeType": "application/json", "buffer": team_file(assessment, name, answers)}
        for name, answers in team])
    page.locator(".sa-team__table").wait_for()
    page.evaluate("() => document.fonts.ready")
    columns = ["Area", *TEAM[:size], "Average", "Spread (points)", "Agree or differ"]

    # Nothing wider than the screen: the page does not scroll sideways, nor does the table's box.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.evaluate("() => { scrollTo(100, scrollY); return scrollX; }") == 0
    box = page.locator(".sa-team__scroll").evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert box[0] <= box[1], f"the table is {box[0]} px wide in a {box[1]} px box"

    # Every area's name, and every value with its column's name beside it, seen inside the screen.
    seen = page.locator(".sa-team__table tbody").evaluate("""(body, width) => [...body.rows].map(row => {
        const inView = e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
          return r.width > 0 && r.height > 0 && r.left >= 0 && r.right <= width && s.visibility === 'visible'; };
        return [[row.cells[0].textContent.trim(), inView(row.cells[0])],
                ...[...row.cells].slice(1).map(cell => {
                  const label = cell.querySelector('.sa-team__label'), value = cell.querySelector('.sa-team__value');
                  return [label.textContent.trim(), inView(label), value.textContent.trim(), inView(value)];
                })];
      })""", width)
    table = team_table(page)
    assert table[0] == columns
    for area, row, shown in zip(assessment.areas(), table[1:], seen):
        assert shown[0] == [area_label(area), True], shown[0]
        assert [cell[:2] for cell in shown[1:]] == [[name, True] for name in columns[1:]], shown
        assert [cell[2:] for cell in shown[1:]] == [[value, True] for value in row[1:]], shown

    # What a screen reader gets: a table, a header row, each area's name heading its row, each value once.
    heard = accessible_table(page, "Scores out of 100, by area and by person")
    assert heard == [[("columnheader", name) for name in columns]] + [
        [("rowheader", row[0])] + [("cell", value) for value in row[1:]] for row in table[1:]]

    # The verdicts. In the first area Ben is a whole answer above everyone on every statement
    # (33 against 67 with three statements and four answers): that is a lot, never "a little".
    people = [answers for _, answers in team]
    for area, row in zip(assessment.areas(), table[1:]):
        assert row[1:1 + size] == [str(area_score(assessment, area, answers)) for answers in people]
        assert row[-1] == agree_or_differ(assessment, area, *people), row
    assert table[1][-1] == "Differ a lot: talk about it"
    assert [row[-1] for row in table[2:4]] == ["Agree", "Differ a little"]  # one answer a step apart; two


BAD_FILES = {
    "notes.txt": (b"Dear team, here are my answers", "it is not a saved self-assessment (it is not written in JSON)."),
    "other-tool.json": (b'{"format": "another-survey", "version": 1, "answers": {}}',
                        "it is not a saved self-assessment from this page"),
    "future.json": ({"version": 2}, "it was saved in another version of the format (2), and this page reads version 1."),
    "extra.json": ({"email": "x@example.org"}, "it has a part this page does not know: \u201cemail\u201d."),
    "unknown-statement.json": ({"answers": {"value-9-1": 1}},
                               "it answers a statement that is not on this page (\u201cvalue-9-1\u201d)."),
    "proto.json": (b'{"format": "coproduction-self-assessment", "version": 1, "answers": {"__proto__": 1}}',
                   "it answers a statement that is not on this page (\u201c__proto__\u201d)."),
    "off-scale.json": ({"answers": {"value-1-1": 7}}, "its answer to statement \u201cvalue-1-1\u201d is not one of"),
    "text-answer.json": ({"answers": {"value-1-1": "3"}}, "its answer to statement \u201cvalue-1-1\u201d is not one of"),
    "long-name.json": ({"name": "A" * 200}, "its name is not plain text of up to 80 characters."),
    "bidi-name.json": ({"name": "Asha\u202egnp.exe"}, "its name is not plain text of up to 80 characters."),
    "no-answers.json": ({"answers": {}}, "it has no answers."),
    "bad-date.json": ({"date": "yesterday"}, "its date is not written as year-month-day"),
    "huge.json": (b"{" + b" " * (65 * 1024) + b"}", "it is 66 KB, and a saved self-assessment is never more than 64 KB."),
}


def test_each_bad_or_foreign_file_gets_its_own_message_and_the_good_ones_still_load(page, site_url, assessment):
    page.goto(site_url + PAGE, wait_until="networkidle")
    loaded = len(page.recorder.requests)
    good = {"format": FILE_FORMAT, "version": FILE_VERSION, "name": "Asha", "answers": known_answers(assessment)}
    files = []
    for name, (change, _) in BAD_FILES.items():
        body = change if isinstance(change, bytes) else json.dumps({**good, **change}).encode()
        files.append({"name": name, "mimeType": "application/json", "buffer": body})
    # A name that looks like HTML is a name, shown as text.
    hostile = '<img src=x onerror="window.pwned=1">'
    files.append({"name": "odd-name.json", "mimeType": "application/json",
                  "buffer": json.dumps({**good, "name": hostile}).encode()})
    files.append({**files[-1], "name": "odd-name-again.json"})  # the same file twice
    page.locator("#sa-files").set_input_files(files)
    messages = page.locator(".sa-team__messages li")
    messages.nth(len(files) - 1).wait_for()
    assert messages.last.inner_text() == ("Not loaded: \u201codd-name-again.json\u201d, because the same answers"
                                          " are already in the team view.")
    found = dict(zip(BAD_FILES, messages.all_inner_texts()))
    for name, (_, reason) in BAD_FILES.items():
        assert found[name].startswith(f"Not loaded: \u201c{name}\u201d, because {reason}"), found[name]
    assert messages.nth(len(files) - 2).inner_text() == f"Loaded: \u201codd-name.json\u201d ({hostile})."
    assert team_table(page)[0][1] == hostile
    assert page.evaluate("window.pwned") is None
    assert page.locator("#self-assessment img").count() == 0
    assert page.recorder.requests[loaded:] == []


def test_a_link_holds_the_answers_after_the_hash_and_opens_in_the_team_view(page, browser, site_url, assessment):
    elsewhere = None
    try:
        page.goto(site_url + PAGE, wait_until="networkidle")
        loaded = len(page.recorder.requests)
        mine = known_answers(assessment)
        answer_quickly(page, mine)
        page.fill("#sa-name", "Asha")
        page.get_by_role("button", name="Make a link with my answers").click()
        link = page.input_value("#sa-link-text")
        assert link.startswith(site_url + PAGE + "#answers=")
        assert len(link) < 2000, "short enough for an email or a chat message"
        assert page.recorder.requests[loaded:] == []
        # Someone else opens it (another browser): the answers are in the team view, and the server never saw them.
        elsewhere = open_context(browser)
        other = elsewhere.new_page()
        other.recorder = Recorder(other)
        other.goto(link, wait_until="networkidle")
        assert all("answers=" not in url for url in other.recorder.requests), other.recorder.requests
        assert team_table(other)[0][1] == "Asha"
        assert team_table(other)[1][1] == str(area_score(assessment, assessment.areas()[0], mine))
        # ...and their own form stays empty: a link shows someone's answers, it does not replace yours.
        assert checked_answers(other) == {}
        # A link cut short gets a plain message.
        page.fill("#sa-links", link[:-30] + "%%%")
        page.get_by_role("button", name="Add these links").click()
        assert "Not loaded: \u201clink 1\u201d, because the link is cut short or changed" in \
            page.locator(".sa-team__messages").inner_text()
        assert page.recorder.console_errors == [] and other.recorder.console_errors == []
    finally:
        if elsewhere is not None:
            elsewhere.close()


# --- Family 9: a value in the page or a file never becomes a link target ---------------


class Links(HTMLParser):
    """The guide links the build wrote into the page (the hidden list the script copies from)."""

    def __init__(self):
        super().__init__()
        self.inside = False
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "ul" and "sa-guides" in (attrs.get("class") or ""):
            self.inside = True
        elif tag == "a" and self.inside:
            self.hrefs.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "ul":
            self.inside = False


HOSTILE = "javascript:window.pwned=1"


def test_hostile_data_attributes_and_file_values_never_become_links(page, site_url, assessment):
    html = page.request.get(site_url + PAGE).text()
    built = Links()
    built.feed(html)
    assert len(built.hrefs) == len(assessment.areas())
    allowed = set(built.hrefs) | {"#sa-form"} | {f"#sa-{name}" for name in statement_names(assessment)}

    # The page as someone might tamper with it: a link address in every data-* attribute we know,
    # old and new (data-guide held the guide's address before).
    def tampered(route):
        response = route.fetch()
        body = response.text()
        body = re.sub(r'(<fieldset class="sa-area"[^>]*?)>', rf'\1 data-guide="{HOSTILE}" data-href="{HOSTILE}">', body)
        body = re.sub(r'data-(title|name)="[^"]*"', rf'data-\1="{HOSTILE}"', body)
        body = body.replace('data-storage-key="', f'data-storage-key="{HOSTILE}')
        route.fulfill(response=response, body=body)

    page.route(site_url + PAGE, tampered)
    page.goto(site_url + PAGE)
    assert page.locator(f'[data-guide="{HOSTILE}"]').count() == len(assessment.areas())
    answers = known_answers(assessment)
    part = dict(list(answers.items())[:20])  # part-way: the "first statement not answered yet" link too
    answer_quickly(page, part)
    page.get_by_role("button", name="See my results").click()
    page.locator(".sa-next a").first.wait_for()

    def links():
        return page.eval_on_selector_all("#self-assessment a[href]", "els => els.map(a => a.getAttribute('href'))")

    assert [h for h in links() if h not in allowed] == []
    assert page.locator(".sa-results__progress a").get_attribute("href") == f"#sa-{statement_names(assessment)[20]}"
    # A file with link-like values everywhere it can hold text.
    evil = {"format": FILE_FORMAT, "version": FILE_VERSION, "name": HOSTILE, "team": "//evil.example/x",
            "answers": answers}
    page.locator("#sa-files").set_input_files([{"name": "javascript:alert(1).json", "mimeType": "application/json",
                                                "buffer": json.dumps(evil).encode()}])
    page.locator(".sa-team__table").wait_for()
    assert team_table(page)[0][1] == HOSTILE  # shown, as text
    page.get_by_role("button", name="Make a link with my answers").click()
    assert [h for h in links() if h not in allowed] == []
    assert page.locator(".sa-next a").count() >= 1
    assert page.evaluate("window.pwned") is None
    assert page.recorder.console_errors == []
