"""The Easy Read page, from data/easy-read.yml (our Easy Read version of the model).

`{{ easy_read_title() }}` writes the title so that "Easy Read" stays on one line.
`{{ easy_read_rows() }}` writes every section: each row is a picture on the left
and the words on the right; the first row of each value and step is labelled
"Value 3" or "Step 5", with the site's doubt mark when data/model.yml does not
mark its words verified. `{{ easy_read_hard_words() }}` writes the list of
hard words. The coproduction plugin has already checked the data against the
schema and the Easy Read rules (coproduction/easy_read.py).

The pictures are drawn inline from the SVG files in
docs/assets/images/easy-read/ (drawn for this site): each shape becomes a
<path>, the one drawing element our pages may hold (coproduction/html_safety.py),
so the page fetches nothing more. easy-read.css gives the lines their width.
"""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from html import escape

from coproduction import project
from coproduction.easy_read import PICTURES, keep_words_whole

from .model_macros import doubt_mark

def _n(value) -> float:
    return float(value)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _as_path(tag: str, a: dict) -> str | None:
    """One shape as the `d` of a <path>: the only drawing element our pages may hold
    (coproduction/html_safety.py). None for anything else."""
    if tag == "path":
        return a.get("d")
    if tag == "line":
        return f"M{a['x1']} {a['y1']}L{a['x2']} {a['y2']}"
    if tag in ("polyline", "polygon"):
        points = a["points"].replace(",", " ").split()
        pairs = [f"{points[i]} {points[i + 1]}" for i in range(0, len(points) - 1, 2)]
        return "M" + "L".join(pairs) + ("Z" if tag == "polygon" else "")
    if tag in ("circle", "ellipse"):
        rx = _n(a.get("r", a.get("rx", 0)))
        ry = _n(a.get("r", a.get("ry", 0)))
        cx, cy = _n(a["cx"]), _n(a["cy"])
        return (f"M{_num(cx - rx)} {_num(cy)}a{_num(rx)} {_num(ry)} 0 1 0 {_num(2 * rx)} 0"
                f"a{_num(rx)} {_num(ry)} 0 1 0 {_num(-2 * rx)} 0Z")
    if tag == "rect":
        x, y, w, h = (_n(a[k]) for k in ("x", "y", "width", "height"))
        r = min(_n(a.get("rx", 0)), w / 2, h / 2)
        if not r:
            return f"M{_num(x)} {_num(y)}h{_num(w)}v{_num(h)}h{_num(-w)}Z"
        return (f"M{_num(x + r)} {_num(y)}h{_num(w - 2 * r)}a{_num(r)} {_num(r)} 0 0 1 {_num(r)} {_num(r)}"
                f"v{_num(h - 2 * r)}a{_num(r)} {_num(r)} 0 0 1 {_num(-r)} {_num(r)}h{_num(-(w - 2 * r))}"
                f"a{_num(r)} {_num(r)} 0 0 1 {_num(-r)} {_num(-r)}v{_num(-(h - 2 * r))}"
                f"a{_num(r)} {_num(r)} 0 0 1 {_num(r)} {_num(-r)}Z")
    return None


def _paths(element) -> list[str]:
    tag = element.tag.rpartition("}")[2]
    if tag == "g":
        return [p for child in element for p in _paths(child)]
    d = _as_path(tag, element.attrib)
    if not d:
        return []
    filled = element.attrib.get("fill", "none") not in ("none", "")
    return [f'<path class="{"easy-read__fill" if filled else "easy-read__line"}" d="{escape(d)}"/>']


def inline_picture(name: str, alt: str) -> str:
    """The picture as inline SVG made of <path> shapes only (lines or filled shapes),
    styled by easy-read.css: black lines on white, as in the file and the PDF."""
    root = ElementTree.fromstring((PICTURES / f"{name}.svg").read_text(encoding="utf-8"))
    shapes = "".join(p for child in root for p in _paths(child))
    if not shapes:
        raise ValueError(f"docs/assets/images/easy-read/{name}.svg has no shape to draw")
    view_box = escape(root.attrib.get("viewBox", "0 0 24 24"))
    return (f'<svg class="easy-read__picture" viewBox="{view_box}" role="img" aria-label="{escape(alt)}" '
            f'focusable="false">{shapes}</svg>')


def title_html(easy) -> str:
    """The title, with "Easy Read" kept together so "Read" never sits alone on a line."""
    return keep_words_whole(easy.title).replace("Easy Read", "Easy&nbsp;Read")


def rows_html(easy, model, links: dict | None = None) -> str:
    """Every section. `links` may add one paragraph of HTML after a section's rows, by its part."""
    out = []
    for section in easy.sections:
        # A Markdown heading, so it joins the table of contents; then the rows
        # as one block of HTML with no blank lines, so Markdown leaves it whole.
        out.append(f"## {escape(section.heading)}\n")
        if len(easy.sections) > 1 and section is easy.sections[1]:  # before the first bold word (first_uses)
            out.append(f'<p class="easy-read__bold-note">{keep_words_whole(easy.bold_note)}</p>')
        items = {"values": model.values.items, "steps": model.steps.items}.get(section.part)
        rows = []
        for shown in easy.rows_shown(section):
            row = shown["row"]
            label = ""
            if shown["label"]:
                mark = doubt_mark(items[row.number - 1])
                label = f'<span class="easy-read__label">{escape(shown["label"])}{mark}</span>'
            rows.append(f'<li class="easy-read__row">{inline_picture(row.picture, row.alt)}'
                        f'<p class="easy-read__text">{label}{keep_words_whole(row.text, shown["bold"])}</p></li>')
        out.append(f'<ul class="easy-read" role="list">{"".join(rows)}</ul>')
        if items and any(item.doubt_note for item in items):
            # class="doubt-note" exactly, so the page gets this Easy Read note, not the site's usual one.
            out.append(f'<div class="easy-read__doubt"><p class="doubt-note">'
                       f'{doubt_mark(next(i for i in items if i.doubt_note))} '
                       f'{keep_words_whole(easy.doubt_note)}</p></div>')
        if links and section.part in links:
            out.append(links[section.part])
        out.append("")
    return "\n".join(out)


def hard_words_html(easy) -> str:
    items = "".join(f'<div class="easy-read-words__item"><dt>{keep_words_whole(h.word)}</dt>'
                    f'<dd>{keep_words_whole(h.meaning)}</dd></div>' for h in easy.hard_words)
    return f'<dl class="easy-read-words">{items}</dl>'


def register(env):
    data = project.of(env.conf)  # loaded and checked by the coproduction plugin
    easy = data.easy_read
    env.variables["easy_read"] = easy  # what pages may read: {{ easy_read.title }}

    @env.macro
    def easy_read_title() -> str:
        return title_html(easy)

    @env.macro
    def easy_read_rows(issues: str = "") -> str:
        """Every section; `issues` is the address for reports, linked after the checking section."""
        from mkdocs.utils import get_relative_url

        model_page = escape(get_relative_url("model/", env.page.url))
        links = {"about": f'<p class="easy-read__next"><a href="{model_page}">Read the model\'s own words</a>.</p>'}
        if issues:
            links["checking"] = (f'<p class="easy-read__next"><a href="{escape(issues)}">Tell us on our '
                                 'GitHub page</a>. GitHub is a website. You need an account there.</p>')
        return rows_html(easy, data.model, links)

    @env.macro
    def easy_read_hard_words() -> str:
        return hard_words_html(easy)

    @env.macro
    def downloads_list() -> str:
        """Every format to download, with the sizes and page counts of this build."""
        documents = project.of(env.conf).downloads or {}
        missing = [name for name in DOWNLOADS if name not in documents]
        if missing:
            raise ValueError(f"downloads_list() needs the documents {', '.join(missing)} under the coproduction plugin's documents in mkdocs.yml")
        return downloads_html(documents, env.page.url)


# What each download is and who it is for, in the order the page lists them.
# The key is the document's name under the coproduction plugin's documents in mkdocs.yml.
# Say only what is true of the file: whose words it holds, the size most of its
# words are printed at ("at 12.5 point"; "or more" when no word is smaller), and
# what nobody has checked yet (tests/test_print_formats.py reads the sizes back).
DOWNLOADS = {
    "model-a4": ("The model on one page",
                 "The model's words on one A4 page, at 12.5 point, with our short name above each value and step.",
                 "Meetings, desks and anyone who wants the whole model at a glance."),
    "poster-a3": ("A poster for the wall",
                  "The model's words on one A3 page, at 16 point or more, with our short names at 28 point "
                  "in numbered blocks, to pin on a wall.",
                  "Walls and notice boards, in an office, a ward or a meeting room."),
    "easy-read": ("Easy Read",
                  "Our own Easy Read version of the model, at 16 point or more. Each short row of words has a "
                  "picture beside it, drawn for this site. People with learning disabilities have not checked it yet.",
                  "People with learning disabilities, and anyone who wants short, easy words."),
    "large-print": ("Large print",
                    "The model's words in large print, at 18 point, over a few A4 pages, with our short name "
                    "above each value and step.",
                    "People with low vision, and anyone who finds small print hard to read."),
}


def downloads_html(details: dict, page_url: str) -> str:
    """One entry a format: a picture of its first page, what it is, who it is for, pages and size."""
    from mkdocs.utils import get_relative_url

    from .downloads import pdf_summary

    out = ['<ul class="downloads" role="list">']
    for name, (title, what, who) in DOWNLOADS.items():
        info = details[name]
        pdf = escape(get_relative_url(info["pdf"], page_url))
        preview = escape(get_relative_url(info["preview"], page_url))
        facts = escape(pdf_summary(info))
        out.append(
            f'<li class="downloads__item"><img class="downloads__preview" src="{preview}" alt="" '
            f'width="{info["preview_width"] // 3}" height="{info["preview_height"] // 3}">'
            f'<div class="downloads__text"><h2 class="downloads__title">{escape(title)}</h2>'
            f'<p>{escape(what)}</p><p><strong>For:</strong> {escape(who)}</p>'
            f'<p><a href="{pdf}" download="{escape(info["pdf"].rsplit("/", 1)[-1])}">'
            f'Download: {escape(title)} ({facts})</a></p></div></li>')
    out.append("</ul>")
    return "".join(out)
