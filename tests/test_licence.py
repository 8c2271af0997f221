"""LICENSE and CITATION.cff: the model's words are C4CC's, credited, with no formal
licence found; this project's words are CC BY 4.0 and its code MIT; the site can be cited."""
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _squashed(text: str) -> str:
    return " ".join(text.split())


def test_the_licence_says_whose_words_are_whose():
    text = _squashed((ROOT / "LICENSE").read_text(encoding="utf-8"))
    model, rest = text.split("2. This project's own words, pictures and layout: CC BY 4.0")
    ours, code = rest.split("3. The code: MIT")
    # The model's words belong to C4CC, with no formal licence found, and must be credited.
    assert "Coalition for Collaborative Care's (C4CC)" in model and "data/model.yml" in model
    assert "this file does not license them" in model and "We found no formal licence for them" in model
    assert "Credit C4CC whenever you use them" in model
    # This project's words, and its code, each under a named licence.
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in ours
    assert "Permission is hereby granted, free of charge" in code and "MIT licence" in code


def test_the_citation_file_parses_and_credits_c4cc():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert cff["title"] and cff["authors"] and all(a.get("name") for a in cff["authors"])
    assert cff["license"] == "MIT"
    assert "C4CC" in cff["message"]
    model = [r for r in cff["references"] if any("Coalition for Collaborative Care" in a.get("name", "")
                                                 for a in r["authors"])]
    assert len(model) == 1 and "Co-production Model" in model[0]["title"]
    assert "No formal licence found" in _squashed(model[0]["notes"])


def test_the_readme_says_why_these_licences():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Licence and citation\n")[1].split("\n## ")[0]
    said = _squashed(section)
    assert "MIT" in said and "CC BY 4.0" in said and "C4CC" in said
    assert "[LICENSE](LICENSE)" in said and "[CITATION.cff](CITATION.cff)" in said
