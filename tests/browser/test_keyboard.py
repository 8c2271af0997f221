"""The site works from the keyboard alone, and you can always see where you are.

Real key presses in Chromium: the skip link, the search (open, type, pick a
result), the phone menu and the header's order. The Tab through every page,
checking each focused thing shows a ring, is in test_every_page.py.
"""
from __future__ import annotations

import pytest

from browser_support import DESKTOP, PHONE, search_for

pytestmark = pytest.mark.browser

# What the reader sees of the focus: the focused element or, for Material's
# visually hidden colour-toggle inputs, the label drawn for them. If it is not
# on screen yet, wait (up to eight frames) for any fade-in on it or round it to
# end: the skip link and the heading links fade in when they take focus.
FOCUS_SEEN = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const look = () => {
    let shown = el;
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || getComputedStyle(el).opacity === "0") {
      const label = el.nextElementSibling;
      if (label && label.tagName === "LABEL") shown = label;
    }
    const style = getComputedStyle(shown);
    const rect = shown.getBoundingClientRect();
    return {
      ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) || style.boxShadow !== "none",
      seen: rect.width >= 1 && rect.height >= 1 && style.visibility !== "hidden" && style.opacity !== "0"
        && rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
    };
  };
  let now = look();
  for (let frame = 0; frame < 8 && !now.seen; frame++) {
    const fading = document.getAnimations().filter(a => a.effect && a.effect.target && a.effect.target.contains(el));
    await Promise.all([...fading.map(a => a.finished), new Promise(requestAnimationFrame)]);
    now = look();
  }
  const id = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
  return {
    id: id + " " + JSON.stringify((el.getAttribute("aria-label") || el.textContent || "").trim().slice(0, 40)),
    key: el.outerHTML.slice(0, 300),
    inArticle: el.closest("article") !== null,
    ...now,
  };
}"""
def focused(page) -> dict | None:
    """What has focus now, as the reader sees it once any fade-in is over."""
    return page.evaluate(FOCUS_SEEN)


def tab_through(page, limit: int = 400) -> list[dict]:
    """Press Tab until focus comes back round; what was focused, in order."""
    seen, first = [], None
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = focused(page)
        if focus is None:
            if seen:
                break
            continue
        if focus["key"] == first:
            break
        first = first or focus["key"]
        seen.append(focus)
    else:
        pytest.fail(f"Tab never came back round after {limit} presses")
    return seen


def test_the_skip_link_is_first_and_takes_you_to_the_content(site_url, page):
    page.goto(site_url + "model/", wait_until="load")
    page.keyboard.press("Tab")
    skip = focused(page)
    assert "md-skip" in skip["id"] and skip["seen"] and skip["ring"], skip
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == page.evaluate(
        "() => '#' + document.querySelector('article h1').id")
    # The next Tab lands inside the page's own text, past the header and the menu.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('article') !== null"), page.evaluate(FOCUS_SEEN)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_search_works_from_the_keyboard(tab, site_url, viewport):
    page = tab(viewport)
    page.goto(site_url, wait_until="load")
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
    assert page.evaluate("() => document.querySelector('[data-md-component=search]')"
                         ".getAttribute('aria-label')") == "Search this site"
    search_for(page, "steps")
    page.keyboard.press("ArrowDown")
    focus = focused(page)
    assert "md-search-result__link" in focus["id"] and focus["ring"] and focus["seen"], focus
    target = page.evaluate("() => document.activeElement.href")
    page.keyboard.press("Enter")
    page.wait_for_url(target)
    assert "steps" in page.locator("article").inner_text().lower()


def tab_through_the_text(page, path: str, limit: int = 400) -> list[dict]:
    """Skip link, Enter, then Tab until focus leaves the page's own text (the article)."""
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip and "md-skip" in skip["id"], f"/{path}: the first Tab stop is {skip}, not the skip link"
    stops = [skip]
    page.keyboard.press("Enter")
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = focused(page)
        if focus is None or not focus["inArticle"]:
            return stops
        stops.append(focus)
    pytest.fail(f"/{path}: Tab never left the text after {limit} presses")


def one_page_per_section(paths: list[str]) -> set[str]:
    """The first page of each top-level section (home counts as one)."""
    first = {}
    for path in paths:
        first.setdefault(path.split("/")[0], path)
    return set(first.values())


def test_the_phone_menu_opens_from_the_keyboard_with_visible_focus(tab, site_url):
    """On a phone the menu is a drawer. Closed, its links are out of the Tab
    order; the menu button opens it with Enter, and focus moves into it."""
    page = tab(PHONE)
    page.goto(site_url + "model/", wait_until="load")
    stops = tab_through(page)
    assert not [s for s in stops if not (s["ring"] and s["seen"])], stops
    menu = next(s for s in stops if "Menu" in s["id"])
    page.goto(site_url + "model/", wait_until="load")
    for _ in range(stops.index(menu) + 1):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    page.wait_for_timeout(300)  # the drawer slides in
    focus = focused(page)
    assert focus["seen"] and focus["ring"], focus
    target = page.evaluate("() => document.activeElement.href")
    assert target != site_url + "model/"
    page.keyboard.press("Enter")
    page.wait_for_url(target)


@pytest.mark.parametrize("width", [320, 375])
def test_tabbing_on_a_phone_never_opens_the_search_by_itself(tab, site_url, width):
    """On a phone the header's search box is hidden, and Material opens the
    full-screen search when it takes focus: Tab must pass it by. The Search
    button and the "/" key still open it, with focus in the box."""
    page = tab({"width": width, "height": 812})
    for path in ["", "guides/step-1-recruit/"]:
        page.goto(site_url + path, wait_until="load")
        stops = []
        for _ in range(12):
            page.keyboard.press("Tab")
            stops.append(focused(page)["id"])
            opened = page.evaluate("() => document.getElementById('__search').checked")
            assert not opened, f"/{path}: Tab {len(stops)} opened the search ({stops})"
        assert any("Search" in stop for stop in stops), stops  # the Search button is a stop
        assert any(stop.startswith("a") and "md-skip" not in stop for stop in stops), stops
    # The Search button opens it, with focus in the box.
    page.goto(site_url, wait_until="load")
    for _ in range(10):
        page.keyboard.press("Tab")
        if "Search" in focused(page)["id"]:
            break
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__search').checked")
    assert page.evaluate("() => document.activeElement.matches('input.md-search__input')")
    # And on a wide screen, where the box is in view, it is a Tab stop.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url, wait_until="load")
    assert page.evaluate("() => document.querySelector('input.md-search__input').tabIndex") == 0


def test_on_a_laptop_the_site_menu_comes_after_the_header_and_before_the_text(tab, site_url):
    """At 1280 px the model page has no side menu: the header area's menu is
    reached by Tab after the header's own controls (logo, colours, search) and
    before the page's text, each link with a visible ring. The skip link still
    jumps past it (test_the_skip_link_is_first_and_takes_you_to_the_content)."""
    page = tab({"width": 1280, "height": 800})
    page.goto(site_url + "model/", wait_until="load")
    stops = tab_through(page)
    ids = [stop["id"] for stop in stops]
    search = next(i for i, stop in enumerate(ids) if "md-search__input" in stop)
    text = next(i for i, stop in enumerate(stops) if stop["inArticle"])
    between = [stop for stop in stops[search + 1:text]]
    names = [stop["id"].split(' "', 1)[1][:-1] for stop in between]
    for name in ["Guides", "Templates", "Self-assessment"]:
        assert name in names, f"Tab does not reach {name!r} between the search and the text: {ids[:text + 1]}"
    assert all(stop["ring"] and stop["seen"] for stop in between), between
