"""The print kit is code a maintainer reviews, but a pull request can still change it.
So its templates render in Jinja's immutable sandbox with the document's data only, and
WeasyPrint may load only the print kit's own fonts, pictures and stylesheets: nothing from
.git, data/ or mkdocs.yml, nothing over the network, and no file attached to the PDF."""
from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import ROOT
from coproduction import pdf as print_kit
from coproduction.errors import ContentError

SECRET = "s3cret-from-the-build-environment"


@pytest.fixture
def kit(tmp_path) -> print_kit.Document:
    """The print kit in a project folder of its own, with files a template must never reach."""
    for folder in ("print", "data", "docs/assets/fonts"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "mkdocs.yml").write_text("site_name: private settings\n")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("[remote] url = private\n")
    return print_kit.Document(
        name="model-a4", title="The model", template=tmp_path / "print" / "model.html",
        stylesheet=tmp_path / "print" / "model.css", data_file=tmp_path / "data" / "model.yml",
        output="downloads/model.pdf", preview="downloads/model.png", data="model", pages=1,
        site_url="https://example.org/", root=tmp_path)


def _line_with(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def _insert(document: print_kit.Document, before: str, text: str) -> int:
    """Put `text` into the template just before `before`; the line it lands on."""
    template = document.template
    source = template.read_text(encoding="utf-8")
    assert before in source
    template.write_text(source.replace(before, text + "\n" + before, 1), encoding="utf-8")
    return _line_with(template, text.splitlines()[0])


def _no_machine_in(message: str, document: print_kit.Document) -> None:
    assert str(document.root) not in message and str(document.root.resolve()) not in message
    assert "Traceback" not in message and SECRET not in message


@pytest.mark.parametrize("code", [
    # Python's internals through a global Jinja gives every plain environment.
    "{{ cycler.__init__.__globals__.os.popen('touch HACKED').read() }}",
    # ... through the data the template is given.
    "{{ model.__class__.__init__.__globals__['__builtins__']['open']('HACKED', 'w') }}",
    # ... through the document's settings, which hold the project folder.
    "{{ document.root.joinpath('HACKED').write_text('x') }}",
    "{{ document.template.read_text() }}",
])
def test_a_template_cannot_run_code_or_reach_files(model, kit, code, monkeypatch):
    monkeypatch.chdir(kit.root)
    line = _insert(kit, "</body>", code)
    with pytest.raises(ContentError) as caught:
        print_kit.render_pdf(kit, model)
    assert (caught.value.file, caught.value.line) == ("print/model.html", line)
    assert not (kit.root / "HACKED").exists()
    _no_machine_in(str(caught.value), kit)


def test_a_template_cannot_put_the_build_environment_into_the_pdf(model, kit, monkeypatch):
    monkeypatch.setenv("PRINT_SECRET", SECRET)
    line = _insert(kit, "</head>", '<meta name="keywords" content="'
                   "{{ lipsum.__globals__['os'].environ['PRINT_SECRET'] }}"
                   "{{ model.__init__.__globals__['os'].environ['PRINT_SECRET'] }}\">")
    with pytest.raises(ContentError) as caught:
        print_kit.render_pdf(kit, model)
    assert (caught.value.file, caught.value.line) == ("print/model.html", line)
    _no_machine_in(str(caught.value), kit)


@pytest.mark.parametrize("tag", ['{% include "model.css" %}', '{% import "model.html" as other %}',
                                 '{% from "model.html" import x %}', '{% extends "large-print.html" %}'])
def test_include_import_and_extends_are_refused_plainly(model, kit, tag):
    line = _insert(kit, "</body>", tag)
    with pytest.raises(ContentError) as caught:
        print_kit.render_pdf(kit, model)
    error = caught.value
    assert (error.file, error.line) == ("print/model.html", line)
    assert "include, import and extends" in error.problem
    _no_machine_in(str(error), kit)


@pytest.mark.parametrize("html", [
    '<link rel="attachment" href="../mkdocs.yml">',
    '<link rel="attachment" href="../.git/config" title="config">',
    '<link rel="attachment" href="../docs/assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2">',
])
def test_no_file_is_attached_to_a_pdf(model, kit, html):
    line = _insert(kit, "</head>", html)
    with pytest.raises(ContentError) as caught:
        print_kit.render_pdf(kit, model)
    assert (caught.value.file, caught.value.line) == ("print/model.html", line)
    assert "attach" in caught.value.problem
    _no_machine_in(str(caught.value), kit)


def test_a_link_that_attaches_a_file_is_refused_too(model, kit):
    line = _insert(kit, "</body>", '<a rel="attachment" href="../data/model.yml">the data</a>')
    with pytest.raises(ContentError) as caught:
        print_kit.render_pdf(kit, model)
    assert (caught.value.file, caught.value.line) == ("print/model.html", line)


def test_the_real_pdf_has_no_embedded_files(model, kit):
    reader = PdfReader(io.BytesIO(print_kit.render_pdf(kit, model)))
    assert reader.attachments == {}
    assert "/EmbeddedFiles" not in str(reader.trailer["/Root"].get("/Names", {}))


@pytest.mark.parametrize("where", [
    "../mkdocs.yml", "../.git/config", "../data/model.yml", "model.html",
    "https://example.org/font.woff2", "http://127.0.0.1/x.png", "//example.org/x.css",
    "ftp://example.org/x", "/etc/passwd", "file:///etc/passwd",
    # A font folder's file, but not a font; and a font by a back way.
    "../docs/assets/fonts/../../../mkdocs.yml",
])
def test_weasyprint_loads_only_the_print_kit_s_files(model, kit, where):
    line = _insert(kit, "</body>", f'<img src="{where}" alt="x">')
    with pytest.raises(ContentError) as caught:
        print_kit.render_pdf(kit, model)
    message = str(caught.value)
    assert "only" in message and "docs/assets/fonts/" in message
    assert line  # the template names what it loads; WeasyPrint does not give the line
    _no_machine_in(message, kit)


def test_a_stylesheet_cannot_load_private_files_either(model, kit):
    kit.stylesheet.write_text('@import url("../mkdocs.yml");\n' + kit.stylesheet.read_text(encoding="utf-8"))
    with pytest.raises(ContentError) as caught:
        print_kit.render_pdf(kit, model)
    assert "mkdocs.yml" in str(caught.value) and "only" in str(caught.value)
    _no_machine_in(str(caught.value), kit)


def test_a_symbolic_link_in_the_font_folder_is_not_followed(model, kit):
    fonts = kit.root / "docs/assets/fonts"
    os.symlink(kit.root / "mkdocs.yml", fonts / "private.woff2")
    _insert(kit, "</body>", '<img src="../docs/assets/fonts/private.woff2" alt="x">')
    with pytest.raises(ContentError, match="only") as caught:
        print_kit.render_pdf(kit, model)
    _no_machine_in(str(caught.value), kit)


@pytest.mark.parametrize("path, allowed", [
    ("docs/assets/fonts/atkinson-hyperlegible-latin-400-normal.woff2", True),
    ("print/model.css", True),
    ("print/model.html", False),
    ("docs/assets/fonts/readme.txt", False),
    ("mkdocs.yml", False),
    ("data/model.yml", False),
])
def test_the_allowlist_of_print_kit_files(kit, path, allowed):
    (kit.root / "docs/assets/fonts/readme.txt").write_text("x")
    assert (print_kit.print_kit_file(kit.root / path, kit.root) is not None) == allowed


def test_a_template_cannot_grow_a_text_without_end(model, kit):
    line = _insert(kit, "</body>", '{% set a = "xxxxxxxxxx" %}\n' + '{% set a = a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a %}\n' * 9)
    with pytest.raises(ContentError) as caught:
        print_kit.render_pdf(kit, model)
    assert (caught.value.file, caught.value.line) == ("print/model.html", line + 5)
    assert "longer than 100,000 letters" in caught.value.problem


@pytest.mark.parametrize("url", ["/\\example.org/font.woff2", "\\\\example.org/font.woff2", "HTTPS://example.org/f.woff2"])
def test_a_stylesheet_font_from_another_site_is_named_at_its_line_however_it_is_written(kit, url):
    css = kit.stylesheet.read_text(encoding="utf-8")
    kit.stylesheet.write_text(css + f'\n@font-face {{ font-family: "X"; src: url("{url}"); }}\n', encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        print_kit.font_files(kit)
    assert caught.value.line == len(css.splitlines()) + 2
    assert "must not load" in caught.value.problem
