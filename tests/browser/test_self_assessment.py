"""The self-assessment page in a real browser (Debian's chromium via Playwright).

Expected scores are worked out here from the data file and the answers the
test gives, never typed in, so changing a statement or the scale keeps the
tests honest.
"""
from __future__ import annotations

import base64
import hashlib
import io
import math
import re

import pytest
from pypdf import PdfReader

from browser_support import PHONE, Recorder, open_context
from conftest import ARTIFACTS, ROOT
from coproduction.model import load_model
from coproduction.self_assessment import STORAGE_KEY, WEAK_BELOW_PERCENT, load_self_assessment

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
    for name, points in answers.items():
        page.locator(f'input[name="{name}"][value="{points}"]').check()


def checked_answers(page) -> dict[str, int]:
    return page.evaluate("""() => Object.fromEntries(
        [...document.querySelectorAll('.sa-form input[type=radio]:checked')].map(i => [i.name, Number(i.value)]))""")


def storage(page) -> dict:
    return page.evaluate("() => Object.assign({}, localStorage)")


def results_table(page) -> list[tuple[str, str]]:
    rows = page.locator(".sa-results table tbody tr")
    # text_content: the table is folded away (the chart's text version) until opened.
    return [(rows.nth(i).locator("th").text_content(), rows.nth(i).locator("td").text_content())
            for i in range(rows.count())]


def test_scores_links_saving_and_forgetting(page, site_url, assessment):
    answers = known_answers(assessment)
    expected = expected_results(assessment, answers)
    assert expected["strongest"] != expected["weakest"], "the known answers should give a spread of scores"

    page.goto(site_url + PAGE)
    before = storage(page)  # Material keeps its own colour choice here; that may stay
    assert page.locator(".sa-results").is_hidden()
    answer_all(page, answers)
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

    # Screen readers hear the result, and focus moves to it.
    status = page.locator(".sa-status")
    assert status.get_attribute("aria-live") == "polite"
    page.wait_for_function("() => document.querySelector('.sa-status').textContent.includes('results are ready')")
    assert expected["weakest"][0] in status.inner_text()
    assert page.evaluate("document.activeElement.id") == "sa-results-heading"

    # Kept between visits, in this browser only.
    saved = {k: v for k, v in storage(page).items() if k not in before}
    assert list(saved) == [f"{STORAGE_KEY}:/{PAGE}"]
    page.reload()
    assert checked_answers(page) == answers
    results.wait_for(state="visible")
    assert results_table(page) == expected["scores"]

    # Forgotten on request.
    page.get_by_role("button", name="Forget my answers").click()
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
def test_part_way_through_shows_results_so_far_in_view(browser, site_url, assessment, viewport):
    context = open_context(browser, **({"viewport": viewport} if viewport else {}))
    page = context.new_page()
    page.recorder = Recorder(page)
    page.goto(site_url + PAGE)
    # Finish the first two areas, and half of the third.
    areas = assessment.areas()
    done = areas[:2]
    answers = {name: (i % len(assessment.scale)) for i, name in
               enumerate(n for a in done for n in a.statement_ids())}
    half = areas[2].statement_ids()[:1]
    answers.update({name: 1 for name in half})
    answer_all(page, answers)
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
    page.wait_for_function("() => document.querySelector('.sa-status').textContent.includes('results are ready')")
    # Answering one more keeps the marks and scores up to date.
    page.locator(f'input[name="{areas[2].statement_ids()[1]}"][value="0"]').check()
    assert page.locator(".sa-missing").count() == left - 1
    assert page.recorder.console_errors == []
    context.close()


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


def test_fits_a_phone_and_has_no_accessibility_errors(browser, site_url, assessment):
    from axe_playwright_python.sync_playwright import Axe

    context = open_context(browser, viewport=PHONE)
    page = context.new_page()
    page.recorder = Recorder(page)
    try:
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
    finally:
        context.close()


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
            assert words in group.locator("legend").first.inner_text()
            for name, statement in zip(area.statement_ids(), area.group.statements):
                question = page.get_by_role("group", name=statement, exact=True)
                assert question.is_visible(), statement
                for label, answer in zip(labels, assessment.scale):
                    box = question.get_by_label(label, exact=True)
                    assert box.is_visible() and box.get_attribute("type") == "radio"
                    assert box.get_attribute("name") == name
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
    page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
    page.goto(site_url + PAGE)
    answers = known_answers(assessment)
    answer_all(page, answers)
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
    answer_all(page, known_answers(assessment))
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
