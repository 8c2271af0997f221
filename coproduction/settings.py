"""Our own settings in mkdocs.yml: the one reader and the one schema, without MkDocs.

Everything of ours in mkdocs.yml sits under the one plugin, `coproduction`:

    plugins:
      - coproduction:
          data: {model: data/model.yml, ...}      # the data files (DATA_OPTIONS)
          documents: [...]                        # every PDF (coproduction/pdf.py)
          readability: {min_flesch_reading_ease: 60, ..., report: readability.json}

The rules for those values are written once, here, in plain Python:
`data_paths`, `readability_options` and `documents`. The MkDocs plugin's
config class (coproduction/plugin/config.py) hands each option to these
functions, and the command line (`python -m coproduction ...`) calls them
straight, so the commands answer without importing MkDocs and with exactly
the build's settings.

`read_mkdocs_yml` is the one reader of mkdocs.yml outside MkDocs: it refuses a
key written twice (MkDocs' own loader keeps the second), and reads `!ENV`
tags as MkDocs does (the first variable that is set, else the default).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from pathlib import Path, PurePosixPath

import yaml

from . import project
from .datafile import check_config_file
from .readability import Checker, load_jargon
from .readability.rules import Thresholds, check_threshold, thresholds_from

PLUGIN = "coproduction"


class SettingError(ValueError):
    """A value of ours in mkdocs.yml that is not allowed; the message says which and why."""


# --- the one reader of mkdocs.yml ------------------------------------------------


class _Loader(yaml.SafeLoader):
    """mkdocs.yml uses tags such as !ENV and !relative; we read plain values."""


def _env(loader, node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    # As pyyaml_env_tag (MkDocs' reader): the first variable that is set; else the last item is the default.
    for name in names[:-1] if len(names) > 1 else names:
        if isinstance(name, str) and os.environ.get(name) is not None:
            return os.environ[name]
    return names[-1] if len(names) > 1 else None


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("!", _any_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_mkdocs_yml(config_file: str | Path) -> dict:
    """mkdocs.yml as a dict; a ContentError for a key written twice or broken YAML."""
    check_config_file(config_file, Path(config_file).name)
    return yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_Loader) or {}


def plugin_options(plugins, name: str = PLUGIN) -> dict | None:
    """One plugin's options from mkdocs.yml's `plugins:` ({} if listed bare, None if not listed)."""
    for entry in plugins or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    if isinstance(plugins, dict) and name in plugins:
        return plugins[name] or {}
    return None


# --- the schema -------------------------------------------------------------------

# `data:` in mkdocs.yml: each data file's path (the one place they are set).
DATA_OPTIONS = {
    "model": project.MODEL_FILE,
    "quotes": project.QUOTES_FILE,
    "jargon": project.JARGON_FILE,
    "self_assessment": project.SELF_ASSESSMENT_FILE,
    "easy_read": project.EASY_READ_FILE,  # our Easy Read version (coproduction/easy_read.py)
    "sources": project.SOURCES_FILE,  # the source register (coproduction/sources.py)
}

# `readability:` besides the thresholds (coproduction/readability/rules.py).
READABILITY_OPTIONS = {
    "enabled": True,  # the benchmarks measure the build without the gate
    "report": "readability.json",
    # The "How readable is this site?" page: rendered last, so it can show every
    # page's title, including titles that macros make ("# {{ step_title(5) }}").
    "report_page": "about/readability.md",
}

DOCUMENT_OPTIONS = ("name", "title", "template", "stylesheet", "data", "output", "preview",
                    "pages", "max_pages", "min_text_pt", "paper")
DOCUMENT_REQUIRED = ("name", "title", "template", "stylesheet", "output", "preview")


def _unknown(options: dict, known, where: str) -> None:
    extra = [key for key in options if key not in known]
    if extra:
        raise SettingError(f"{where}: '{extra[0]}' is not a setting; the settings are {', '.join(known)}")


def data_paths(options) -> dict[str, str]:
    """`data:` with every file's path (the defaults for those not given)."""
    options = options or {}
    if not isinstance(options, dict):
        raise SettingError("data: must be a list of data files, like 'model: data/model.yml'")
    _unknown(options, DATA_OPTIONS, "data")
    for key, value in options.items():
        if not isinstance(value, str) or not value:
            raise SettingError(f"data: {key}: must be a file's path, like {DATA_OPTIONS[key]}")
    return {**DATA_OPTIONS, **options}


def open_project(root: Path, data_options, docs_dir: str | Path = project.DOCS_DIR) -> project.Project:
    """The Project with the data paths from `data:` (the build and the commands both use this)."""
    paths = data_paths(data_options)
    return project.Project(root=root, docs_dir=str(docs_dir), **{f"{key}_file": value for key, value in paths.items()})


def readability_options(options) -> dict:
    """`readability:` checked: every threshold in its range, and the other settings."""
    options = options or {}
    if not isinstance(options, dict):
        raise SettingError("readability: must be a list of settings, like 'max_smog: 11'")
    thresholds = [f.name for f in fields(Thresholds)]
    _unknown(options, [*thresholds, *READABILITY_OPTIONS], "readability")
    for name in thresholds:
        if name in options:
            problem = check_threshold(name, options[name])
            if problem:
                raise SettingError(f"readability: {problem}")
    for name, default in READABILITY_OPTIONS.items():
        if name in options and not isinstance(options[name], type(default)):
            raise SettingError(f"readability: '{name}' must be {'true or false' if default is True else 'text'}")
    return {**READABILITY_OPTIONS, **options, "thresholds": thresholds_from(options)}


def _site_path(value, suffix: str, where: str) -> str:
    if not isinstance(value, str):
        raise SettingError(f"{where}: must be a path inside the site, like downloads/file{suffix}")
    path = PurePosixPath(value)
    if path.is_absolute() or ".." in path.parts or "\\" in value:
        raise SettingError(f"{where}: '{value}' must be a path inside the site, like downloads/file{suffix}")
    if path.suffix != suffix:
        raise SettingError(f"{where}: '{value}' must end with {suffix}")
    return value


def documents(items, root: Path, site_url: str, data: project.Project) -> list:
    """`documents:` as coproduction.pdf Documents: each checked, and each one's data file the
    one the Project loads. The build and `python -m coproduction print` both use this; they
    put the name of mkdocs.yml before a SettingError's message."""
    from .pdf import DATA_KINDS, Document

    if items is None:
        items = []
    if not isinstance(items, list):
        raise SettingError("coproduction: documents: must be a list of PDFs")
    found, seen = [], {}
    for number, item in enumerate(items, start=1):
        name = item.get("name") if isinstance(item, dict) else None
        where = f"coproduction, document {number}" + (f" ('{name}')" if name else "")
        if not isinstance(item, dict):
            raise SettingError(f"{where}: must be a list of settings (name, title, template...)")
        _unknown(item, DOCUMENT_OPTIONS, where)
        missing = [key for key in DOCUMENT_REQUIRED if key not in item]
        if missing:
            raise SettingError(f"{where}: '{missing[0]}' is missing")
        if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
            raise SettingError(f"{where}: name: '{name}' must be lower-case letters, digits and hyphens, like model-a4")
        for key in ("template", "stylesheet"):
            if not isinstance(item[key], str) or not (root / item[key]).is_file():
                raise SettingError(f"{where}: {key}: the file '{item[key]}' does not exist")
        kind = item.get("data", "model")
        if kind not in DATA_KINDS:
            raise SettingError(f"{where}: data: '{kind}' is not a kind of data the print kit knows: "
                               f"use one of {', '.join(DATA_KINDS)}")
        for key in ("pages", "max_pages"):
            if item.get(key) is not None and (isinstance(item[key], bool) or not isinstance(item[key], int)):
                raise SettingError(f"{where}: {key}: must be a whole number")
        min_pt = item.get("min_text_pt", 10)
        if isinstance(min_pt, bool) or not isinstance(min_pt, (int, float)):
            raise SettingError(f"{where}: min_text_pt: must be a number")
        paper = item.get("paper", "A4")  # A3 for the poster; Document checks it against pdf.PAPER_MM
        if not isinstance(paper, str):
            raise SettingError(f"{where}: paper: must be a paper size, like A4 or A3")
        output = _site_path(item["output"], ".pdf", f"{where}: output")
        preview = _site_path(item["preview"], ".png", f"{where}: preview")
        for value in (name, output, preview):
            if value in seen:
                raise SettingError(f"{where}: '{value}' is also used by document {seen[value]}. "
                                   f"Give each document its own name, output and preview.")
            seen[value] = number
        try:
            found.append(Document(
                name=name, title=str(item["title"]), template=root / item["template"],
                stylesheet=root / item["stylesheet"], data=kind, data_file=data.data_file(kind),
                output=output, preview=preview, pages=item.get("pages"), max_pages=item.get("max_pages"),
                min_text_pt=min_pt, paper=paper, site_url=site_url, root=root))
        except ValueError as err:
            raise SettingError(f"{where}: {err}.") from None
    return found


# --- what the commands use ---------------------------------------------------------


@dataclass
class Settings:
    thresholds: Thresholds
    jargon_file: Path | None
    model_file: Path | None
    quotes_file: Path | None
    docs_dir: Path


def load_settings(config_file: str | Path = "mkdocs.yml") -> Settings:
    """Settings from mkdocs.yml if it exists, else the defaults."""
    config_file = Path(config_file)
    root = config_file.parent
    if not config_file.exists():
        jargon = root / project.JARGON_FILE
        return Settings(Thresholds(), jargon if jargon.exists() else None, None, None, root / project.DOCS_DIR)
    config = read_mkdocs_yml(config_file)
    options = plugin_options(config.get("plugins")) or {}
    readability = readability_options(options.get("readability"))
    data = open_project(root, options.get("data"))
    jargon = data.path(data.jargon_file)
    return Settings(
        thresholds=readability["thresholds"],
        jargon_file=jargon if jargon.exists() else None,
        model_file=data.path(data.model_file),
        quotes_file=data.path(data.quotes_file),
        docs_dir=root / config.get("docs_dir", project.DOCS_DIR),
    )


def make_checker(config_file: str | Path = "mkdocs.yml") -> tuple[Settings, Checker]:
    """The settings, and a Checker with the build's thresholds, jargon and quoted texts
    (the model's words and the sayings: scored, but never a reason to fail)."""
    from .model import load_model, load_quotes

    settings = load_settings(config_file)
    jargon = load_jargon(settings.jargon_file) if settings.jargon_file else None
    texts = []
    if settings.model_file and settings.model_file.exists():
        texts += load_model(settings.model_file).quoted_texts()
    if settings.quotes_file and settings.quotes_file.exists():
        texts += load_quotes(settings.quotes_file).quoted_texts()
    rules_key = settings.jargon_file.read_bytes() if settings.jargon_file else b""
    return settings, Checker(settings.thresholds, jargon, texts, rules_key=rules_key)
