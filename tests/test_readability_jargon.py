"""Jargon from data/jargon.yml: found with its endings, each once, with a plain alternative."""
from pathlib import Path

import pytest

from coproduction.errors import ContentError
from coproduction.readability import load_jargon
from coproduction.readability.extract import extract

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def jargon():
    return load_jargon(ROOT / "data" / "jargon.yml")


def test_words_are_found_with_their_endings_and_lines(jargon):
    sentences = extract("We facilitated it.\n\nShe is facilitating. In order to help, we liaise.\n"
                        "It occurred twice. The stakeholder forum counts.\n").sentences
    hits = [(h.word, h.line, h.plain) for h in jargon.find(sentences)]
    assert hits == [
        ("facilitated", 1, "help, or make possible; or say how you help"),  # each word once, first place
        ("In order to", 3, "to"),
        ("liaise", 3, "meet, talk to, or work with"),
        ("occurred", 4, "happen, or reword"),
        ("stakeholder", 4, "people involved, or name the group"),
    ]


def test_parts_of_other_words_are_not_jargon(jargon):
    assert jargon.find(extract("The keyboard is by the keyhole. Our reviewers met.\n").sentences) == []


def test_every_entry_cites_a_listed_source():
    import yaml
    data = yaml.safe_load((ROOT / "data" / "jargon.yml").read_text())
    assert len(data["words"]) >= 50
    assert all(set(entry["source"]) <= set(data["sources"]) for entry in data["words"])
    ours = [e["word"] for e in data["words"] if e["source"] == ["ours"]]
    assert "stakeholder" in ours and "co-production" not in ours
    # Words this site uses on purpose, and names, are never jargon.
    assert {"co-production", "lived experience", "Citizens Advice"} <= set(data["not_jargon"])


@pytest.mark.parametrize("body, line, words", [
    ("sources: {a: A list}\nwords:\n  - {word: foo, source: [a]}\n", 3, "'words > item 1 > plain'"),
    ("sources: {a: A list}\nwords:\n  - word: foo\n    plain: bar\n    source: [b]\n", 5, "'b' of 'foo' is not listed"),
    # Curly quotes from a word processor: YAML does not read them as quotes, so ', ' splits the words.
    ("sources: {a: A list}\nwords:\n  - {word: foo, plain: \u201cbar, or baz\u201d, source: [a]}\n", 3,
     "Field 'words > item 1': the quotes on this line are curly ones (\u201c \u201d), as a word processor types them, "
     "and YAML does not read those as quotes. Type straight double quotes (\") in their place."),
    # The same word twice: only one entry would ever be used.
    ("sources: {a: A list}\nwords:\n  - {word: foo, plain: bar, source: [a]}\n  - {word: baz, plain: b, source: [a]}\n"
     "  - {word: Foo, plain: qux, source: [a]}\n", 5,
     "data/jargon.yml:5: The word 'Foo' has two entries, on lines 3 and 5. The build would only ever use one of them. "
     "Keep one entry: merge the two, or delete the one you do not mean."),
    # An entry added at the end of the file lands in not_jargon.
    ("sources: {a: A list}\nwords:\n  - {word: foo, plain: bar, source: [a]}\nnot_jargon:\n  - co-production\n"
     "  - {word: baz, plain: qux, source: [a]}\n", 6,
     "data/jargon.yml:6: Field 'not_jargon > item 2': this entry is in the not_jargon list at the end of the file, "
     "which holds only words and names, one a line, like '- co-production'. Move the entry up into the 'words:' "
     "list, with the other entries that have 'word', 'plain' and 'source'."),
])
def test_mistakes_in_the_jargon_file_name_the_line(tmp_path, body, line, words):
    path = tmp_path / "jargon.yml"
    path.write_text(body)
    with pytest.raises(ContentError) as caught:
        load_jargon(path, "data/jargon.yml")
    assert caught.value.line == line and words in str(caught.value)


# The paragraph a contributor added to docs/guides/step-5-reward.md in issue 29:
# one 45-word sentence full of jargon, on a page that otherwise passes.
JARGON_PARAGRAPH = (
    "To reward people fairly, we will leverage stakeholders across the system to facilitate "
    "a new payment scheme,\nutilising the budget so that every person with lived experience "
    "who gives their time to co-production is paid on the same day as the "
    "staff in the room.\n")
# Real sentences from our pages and the model, where the words are not jargon.
NOT_JARGON = [
    # A proper name: docs/guides/step-5-reward.md
    "It does not give benefits advice itself, but\nit pays for a Citizens Advice helpline.\n",
    "Citizens Advice can help you before you accept a role.\n",  # at the start of a sentence too
    # "lived experience" and "co-production": data/model.yml's own words
    "Co-production acknowledges that people with\n'lived experience' of a particular condition are often best placed to\n"
    "advise on what support and services will make a positive difference to\ntheir lives.\n",
    # "experience" as a noun: docs/guides/step-5-reward.md and docs/case-studies/reading-timebank.md
    "One person got a job\nthey had long wanted, thanks to the skills and experience that running the\ntimebank gave them.\n",
    "Members talked about the skills and\nexperience they gained from running the timebank.\n",
    "The experience of being paid late put people off.\n",
    "Older people experience of services varies.\n",
    # A glossary heading names the word it explains: docs/what-is-co-production/glossary.md
    "## Stakeholder { #stakeholder }\n\nA person or group with an interest in a service.\n",
    # A word in quotation marks is talked about, not used: CONTRIBUTING.md and docs/guides/plain-english.md
    'Use short, everyday words: say "use" rather than "utilise".\n',
    'She asks people to stop using words like\n\u201cmutuality\u201d and \u2018reciprocity\u2019.\n',
    # A title in capitals, inside a sentence: docs/guides/step-5-reward.md
    'See another C4CC post, "Engaging and Empowering Communities".\n',
    # Words inside a quoted title are its writer's: docs/guides/step-1-recruit.md, curly quotes too
    'Her post is "Co-production needs to take us out of our comfort zone in\norder to work".\n',
    'Her post is \u201cCo-production needs to take us out of our comfort zone in order to work\u201d.\n',
    # "setting" as a verb that takes an object: docs/guides/plain-english.md, docs/templates/terms-of-reference.md
    "Setting our limit at 60 is our own choice.\n",
    "The guide advises setting out in writing what you will pay.\n",
    # "key" as a noun, or a noun's plural: docs/about/build-errors.md, CONTRIBUTING.md
    "Add the source, and cite it by key.\n",
    "It names a source key the register does not have.\n",
    "Use only the keys pages may use. The key to it is practice.\n",
    "Check the key's spelling.\n",
    # "deliver" in the sense its entry allows (data/jargon.yml, not_jargon): docs/what-is-co-production/glossary.md
    "They plan, design and deliver support together.\n",
]


def test_the_45_word_sentence_from_issue_29_gets_advice(jargon):
    from coproduction.readability.scoring import count
    assert count(JARGON_PARAGRAPH).words == 45
    hits = {hit.word: hit.line for hit in jargon.find(extract(JARGON_PARAGRAPH).sentences)}
    assert hits == {"leverage": 1, "stakeholders": 1, "facilitate": 1, "utilising": 2}


@pytest.mark.parametrize("text", NOT_JARGON)
def test_names_nouns_and_our_own_words_are_not_jargon(jargon, text):
    assert [hit.word for hit in jargon.find(extract(text).sentences)] == []


@pytest.mark.parametrize("text, word", [
    ("Many older people experience loneliness.\n", "experience"),  # the verb is still found
    ("We listen and experience it together.\n", "experience"),
    ("The Citizen group meets monthly. Every citizen can come.\n", "citizen"),  # the word, not the name
    ("Empowering people is the aim.\n", "Empowering"),  # at the start of a sentence: not a name
    ("Utilising NHS money, we paid people.\n", "Utilising"),  # an abbreviation after it is not a name
    ("Money that people spend in order to take part.\n", "in order to"),
    ('We did it in order to "learn", she said.\n', "in order to"),  # before the quotation, not in it
    ('She said "yes" and then, in order to help, we met.\n', "in order to"),  # after a closed quotation
    ('He called it "the plan, and in order to help we met.\n', "in order to"),  # a quotation never closed
    ("In a community setting, people meet.\n", "setting"),
    ("Care settings differ.\n", "settings"),
    ("This is a key issue for us.\n", "key"),
    ("Key decisions come first.\n", "Key"),
])
def test_jargon_is_still_found_beside_names_and_nouns(jargon, text, word):
    assert [hit.word for hit in jargon.find(extract(text).sentences)] == [word]


def test_jargon_advice_is_given_for_a_page_that_passes(tmp_path):
    """Advice, never a failure: the same for a page that passes as for one that fails."""
    from coproduction.readability.advice import jargon_findings
    from coproduction.settings import make_checker

    page = tmp_path / "reward.md"
    page.write_text("# Reward\n\nWe pay people for their time. We pay them on the day they come.\n\n"
                    + JARGON_PARAGRAPH, encoding="utf-8")
    _, checker = make_checker(ROOT / "mkdocs.yml")
    assert checker.check_file(page, "docs/guides/reward.md").passed
    hits = checker.jargon_advice(page, "docs/guides/reward.md")
    assert [(hit.word, hit.line) for hit in hits] == [
        ("leverage", 5), ("stakeholders", 5), ("facilitate", 5), ("utilising", 6)]
    found = jargon_findings("docs/guides/reward.md", hits)
    assert [(f.file, f.line, f.level, f.title) for f in found] == [("docs/guides/reward.md", 5, "warning", "Plainer word")] * 3 + [
        ("docs/guides/reward.md", 6, "warning", "Plainer word")]
    assert found[3].message == '"utilising": try "use"'


def test_no_advice_to_replace_a_word_the_model_itself_uses(tmp_path):
    """Step 7 is "Review and report back" and step 3 trains "staff and citizens"
    (data/model.yml): a page about the model needs those words. A word the model
    does not use still gets advice on the same page."""
    from coproduction.settings import make_checker

    page = tmp_path / "review.md"
    page.write_text("# Step 7\n\nReview your work with the group each month.\n\n"
                    "Train staff and citizens side by side.\n\nWe facilitate the meeting.\n", encoding="utf-8")
    _, checker = make_checker(ROOT / "mkdocs.yml")
    model = (ROOT / "data" / "model.yml").read_text(encoding="utf-8")
    assert "Review and report back" in model and "citizens" in model  # what the test relies on
    hits = checker.jargon_advice(page, "docs/guides/review.md")
    assert [hit.word for hit in hits] == ["facilitate"]


def test_the_longest_entry_wins_where_two_start_alike():
    from coproduction.readability.jargon import Entry, Jargon

    entries = [Entry(word=word, plain=f"not {word}", source=["ours"])
               for word in ("support", "support worker", "worker", "supportive care plan")]
    found = Jargon(entries).find(extract("A support worker wrote a supportive care plan.\n").sentences)
    assert [hit.word for hit in found] == ["support worker", "supportive care plan"]
