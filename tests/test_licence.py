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


def _about_text(site: Path) -> str:
    import html
    import re
    page = (site / "about" / "index.html").read_text(encoding="utf-8")
    page = page[page.index("<article"):page.index("</article>")]
    return _squashed(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_the_about_page_says_what_the_licence_and_the_citation_file_say(built_site):
    import re
    licence = _squashed((ROOT / "LICENSE").read_text(encoding="utf-8"))
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    about = _about_text(built_site)
    # Our words: the licence LICENSE names, credited as LICENSE and CITATION.cff ask.
    credit = re.search(r'Credit it as "([^"]+)"', licence).group(1)
    assert credit == cff["authors"][0]["name"]
    # Named in full, with no link to another website: the licence's address is in LICENSE,
    # and the site links only to the sources in data/sources.yml.
    assert f'"{credit}"' in about and "Creative Commons Attribution 4.0 International licence (CC BY 4.0)" in about
    assert "Creative Commons Attribution 4.0 International" in licence
    # The code: MIT, as LICENSE and CITATION.cff say.
    assert cff["license"] == "MIT" and "MIT licence" in about
    # The model's words: C4CC's, not licensed by us, no formal licence found, credit C4CC.
    assert "We found no formal licence for them" in licence and "no formal licence" in about
    assert "Please credit C4CC" in about and "We do not license them" in about
    # Values 3 to 5 are unchecked, in LICENSE, in CITATION.cff and on the page.
    assert "Values 3 to 5" in licence and "Values 3 to 5" in _squashed(cff["references"][0]["notes"])
    assert re.search(r"values 3, 4 (and|or) 5", about, re.I)
    # The reuse sentence comes from a blog post about the model, not from C4CC's own licence.
    assert "A blog post about the model says" in licence and "A blog post about the model says" in about
    assert not re.search(r"C4CC says", about)
