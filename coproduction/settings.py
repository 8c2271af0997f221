"""Read the gate's settings from mkdocs.yml without starting MkDocs.

The commands `python -m coproduction FILE.md` and `... changed` must use exactly
the thresholds, jargon list and quoted texts the build uses, and answer in well
under a second, so they read the plugin options straight from mkdocs.yml.
make_checker() is the one way they build a Checker.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from . import project
from .datafile import check_config_file
from .readability import Checker, load_jargon
from .readability.rules import Thresholds, thresholds_from

PLUGIN = "plain-english"


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml uses tags such as !ENV; we only need plain values."""


def _any_tag(loader, suffix, node):
    if isinstance(node, yaml.SequenceNode):  # !ENV [NAME, default]: take the default
        items = loader.construct_sequence(node)
        return items[-1] if items else None
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    return loader.construct_scalar(node)


_AnyTagLoader.add_multi_constructor("!", _any_tag)
_AnyTagLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


@dataclass
class Settings:
    thresholds: Thresholds
    jargon_file: Path | None
    model_file: Path | None
    quotes_file: Path | None
    docs_dir: Path


def plugin_options(plugins, name: str) -> dict | None:
    """One plugin's options from mkdocs.yml's `plugins:` ({} if listed bare, None if not listed)."""
    for entry in plugins or []:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    if isinstance(plugins, dict) and name in plugins:
        return plugins[name] or {}
    return None


def load_settings(config_file: str | Path = "mkdocs.yml") -> Settings:
    """Settings from mkdocs.yml if it exists, else the defaults."""
    config_file = Path(config_file)
    root = config_file.parent
    if not config_file.exists():
        jargon = root / project.JARGON_FILE
        return Settings(Thresholds(), jargon if jargon.exists() else None, None, None, root / project.DOCS_DIR)
    check_config_file(config_file)
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}
    options = plugin_options(config.get("plugins"), PLUGIN) or {}
    # The data files' paths as the build reads them (model-data's options, else the defaults).
    data = project.Project.from_options(root, plugin_options(config.get("plugins"), "model-data"))
    jargon = data.path(data.jargon_file)
    return Settings(
        thresholds=thresholds_from(options),
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
