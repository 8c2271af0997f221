"""Our Easy Read version of the model, as checked data.

load_easy_read() reads data/easy-read.yml, checks it against the schema below
and then against the Easy Read rules, and returns an EasyRead. Any mistake stops
the build with the file, the line, the field and what to do.

The rules (sources on the Sources page: GOV.UK's accessible communication
formats, the Department of Health's Easy Read guidelines as given by Bromley):
- no sentence over 15 words (MAX_SENTENCE_WORDS);
- full words, not short forms in capitals such as "NHS" (ACRONYM);
- one verb a sentence (verb_groups(), a heuristic: see its limits there);
- one idea a row: at most two sentences, and the second only explains a word
  of the first ("Power means control over plans."); no semicolons or colons;
- every sentence ends with a full stop, question mark or exclamation mark;
- every word in the hard words list is used in a row.
Whether a row holds one idea, whether its picture shows it, and whether it
keeps the model's meaning need a person; the data file's header says so.

The values and steps carry the model's doubt: a row of a value or step that
data/model.yml does not mark `verified` gets the same star as the other pages.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from .datafile import Name, Strict, Text, load_yaml, validate
from .errors import ContentError
from .model import DOUBT_MARK, STEPS_COUNT, VALUES_COUNT, load_model

MAX_SENTENCE_WORDS = 15
MAX_ROW_SENTENCES = 2  # the second only to explain a word of the first (EXPLAINING)
MAX_SENTENCE_VERBS = 1
# The foot of every page of the PDF says whose words these are, on one line beside the
# page number: at 16 pt, about 45 letters fit.
FOOT_MAX_LETTERS = 45
PICTURES = Path(__file__).resolve().parent.parent / "docs" / "assets" / "images" / "easy-read"
# Two or more capitals (digits allowed after the first): NHS, C4CC, ICS.
ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
PictureName = Name  # datafile.NAME_PATTERN


class Row(Strict):
    text: Text
    picture: PictureName
    alt: Text
    number: int | None = Field(default=None, ge=1)  # the value or step of the model it tells

    @field_validator("picture")
    @classmethod
    def _picture_exists(cls, name: str) -> str:
        if not (PICTURES / f"{name}.svg").is_file():
            raise ValueError(f"there is no picture file docs/assets/images/easy-read/{name}.svg: "
                             "use the name of an svg file in that folder, without .svg")
        return name


class Section(Strict):
    heading: Text
    part: Literal["about", "definition", "values", "steps", "checking"]
    rows: list[Row] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_item_in_order(self):
        wanted = {"values": VALUES_COUNT, "steps": STEPS_COUNT}.get(self.part)
        numbers = [row.number for row in self.rows if row.number is not None]
        if wanted is None:
            if numbers:
                raise ValueError(f"only rows of the values and steps sections have a number, not the {self.part} section")
            return self
        first = next((i for i, row in enumerate(self.rows) if row.number is not None), len(self.rows))
        if any(row.number is None for row in self.rows[first:]):
            raise ValueError(f"in the {self.part} section, rows without a number go first; every row after "
                             f"them needs the number of its {self.part[:-1]}")
        if sorted(set(numbers)) != list(range(1, wanted + 1)) or numbers != sorted(numbers):
            raise ValueError(f"the {self.part} section needs rows for each {self.part[:-1]} of the model, numbered "
                             f"1 to {wanted} in order, but has the numbers {', '.join(map(str, numbers)) or 'none'}")
        return self

    def item_name(self) -> str | None:
        """ "Value" or "Step" for the model's parts, None for the rest."""
        return {"values": "Value", "steps": "Step"}.get(self.part)


class HardWord(Strict):
    word: Text
    meaning: Text


class EasyRead(Strict):
    title: Text
    version_date: dt.date
    pictures_by: Text
    next_step: Text
    doubt_note: Text
    # At the start of the second section: what the bold words are (first_uses), before the first one.
    bold_note: Text
    # Whose words these are, at the foot of every page of the PDF (print/easy-read.html).
    foot: Annotated[Text, Field(max_length=FOOT_MAX_LETTERS)]
    sections: list[Section] = Field(min_length=1)
    hard_words: list[HardWord] = Field(min_length=1)
    # The numbers of the values and steps that data/model.yml does not mark verified.
    _doubtful: dict = PrivateAttr(default_factory=lambda: {"values": [], "steps": []})

    def with_doubt_from(self, model) -> "EasyRead":
        """Take the model's doubt: which values and steps are not verified."""
        self._doubtful = {"values": [n for n, item in enumerate(model.values.items, 1) if item.doubt_note],
                          "steps": [n for n, item in enumerate(model.steps.items, 1) if item.doubt_note]}
        return self

    def doubtful(self, section: Section, number: int | None) -> bool:
        return number is not None and number in self._doubtful.get(section.part, [])

    def rows_shown(self, section: Section) -> list[dict]:
        """Each row as the page and the PDF show it: its label ("Value 3") on the first row
        of each value or step, whether that label carries the doubt mark, and the hard words
        it shows in bold (first_uses)."""
        shown, last = [], None
        bold = self.first_uses()
        for index, row in enumerate(section.rows):
            label = None
            if row.number is not None and row.number != last:
                label = f"{section.item_name()} {row.number}"
            last = row.number
            shown.append({"row": row, "index": index, "label": label,
                          "mark": DOUBT_MARK if label and self.doubtful(section, row.number) else "",
                          "bold": bold.get(id(row), ())})
        return shown

    def first_uses(self) -> dict[int, tuple[str, ...]]:
        """For each row (by id), the words of the hard words list it uses first in the booklet,
        after the first section. The page and the PDF show them in bold there, so a reader knows
        to look them up in "Hard words" at the end, as Easy Read guides ask for hard words.
        The note that says so (bold_note) opens the second section: the first section fills the
        PDF's first page, under the title, and the note must come before the first bold word."""
        out: dict[int, tuple[str, ...]] = {}
        left = [hard.word for hard in self.hard_words]
        for section in self.sections[1:]:
            for row in section.rows:
                found = tuple(word for word in left if hard_word_at(row.text, word))
                if found:
                    out[id(row)] = found
                    left = [word for word in left if word not in found]
        return out

    def groups(self, section: Section) -> list[list[dict]]:
        """rows_shown() in groups that print keeps on one page: the rows of one value
        or step together, every other row on its own."""
        out: list[list[dict]] = []
        for shown in self.rows_shown(section):
            if shown["label"] or shown["row"].number is None or not out:
                out.append([shown])
            else:
                out[-1].append(shown)
        return out

    def pictures(self) -> list[str]:
        """Every picture name used, once each, in order."""
        return list(dict.fromkeys(row.picture for section in self.sections for row in section.rows))

    def print_context(self) -> dict:
        """What the print kit's template needs besides `easy_read` (see print/easy-read.html)."""
        from markupsafe import Markup

        date = self.version_date
        return {"pictures": "../docs/assets/images/easy-read", "version_text": f"{date.day} {date:%B %Y}",
                "whole": lambda text, bold=(): Markup(_for_print(keep_words_whole(text, bold)))}

    def fingerprint(self) -> bytes:
        """What changes the Easy Read PDF: the data, the model's doubt, every picture it
        uses, and this file's code (keep_words_whole() and rows_shown() shape the page)."""
        return (self.to_json().encode() + json.dumps(self._doubtful).encode()
                + Path(__file__).read_bytes()) + b"".join(
            name.encode() + (PICTURES / f"{name}.svg").read_bytes() for name in self.pictures())

    def to_json_data(self) -> dict:
        return {**self.model_dump(mode="json"), "doubtful": dict(self._doubtful)}

    def to_json(self) -> str:
        return json.dumps(self.to_json_data(), indent=2, ensure_ascii=False) + "\n"


# A hyphenated word ("co-production") or a short quotation ("“We said, we did”").
_HYPHENATED = re.compile(r"“[^”]{1,30}”|\w+(?:-\w+)+")


def hard_word_at(text: str, word: str) -> re.Match | None:
    """Where a hard word ("Carers", "Senior leaders") first shows in `text`, in any case, as a whole
    word, and not inside a short quotation, which must stay whole."""
    quoted = [found.span() for found in _HYPHENATED.finditer(text) if found.group().startswith("“")]
    for found in re.finditer(r"(?<![\w-])" + re.escape(word) + r"(?![\w-])", text, re.IGNORECASE):
        if not any(start <= found.start() < end for start, end in quoted):
            return found
    return None


def keep_words_whole(text: str, bold: tuple[str, ...] = ()) -> str:
    """The text as HTML, with each hyphenated word ("co-production") and each short
    quotation in a span that print and screen keep on one line, so no word is split
    across two lines and "We said, we did" reads as one phrase. Each word in `bold`
    (hard words, EasyRead.first_uses) is in <strong> where it first shows."""
    from html import escape

    marks = sorted(found.span() for word in bold if (found := hard_word_at(text, word)))
    if marks:
        out, last = [], 0
        for start, end in marks:
            out += [keep_words_whole(text[last:start]), f"<strong>{keep_words_whole(text[start:end])}</strong>"]
            last = end
        return "".join(out) + keep_words_whole(text[last:])
    out, last = [], 0
    for found in _HYPHENATED.finditer(text):
        out += [escape(text[last:found.start()]), f'<span class="whole">{escape(found.group())}</span>']
        last = found.end()
    return "".join(out) + escape(text[last:])


def _for_print(html: str) -> str:
    """keep_words_whole()'s HTML for WeasyPrint: the space before a word in bold moved inside its
    <strong>, where it is still a place to break the line.

    WeasyPrint 70 can break a line too early when its text ends with a space just before a bold word
    that does not fit. On page 7 of the Easy Read PDF, "The" stood alone above "7 steps are actions
    for health and care". With the space inside the <strong>, the line breaks where it should."""
    return html.replace(" <strong>", "<strong> ")


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text.strip()) if part]


# --- counting verbs -------------------------------------------------------------
# A small, honest heuristic, not a grammar. It counts the words of a sentence that
# are on the list below, in any of their usual forms ("plan", "plans", "planned").
# An auxiliary ("can", "will", "have", "is") and the verb after it count once:
# "can help", "have not checked". Its limits:
# - it knows only the verbs on the list; a sentence with an unlisted verb passes;
# - words that are more often adjectives or nouns ("clear", "open", "like",
#   "part", "control", "please") are left off, so they are never counted;
# - a listed word just after "a", "the", "our", "for", "with", a name with 's and the
#   like, or after an adjective from a short list ("social care"), or joined by "and"
#   to such a noun, is taken as a noun: "the plan", "for their best help", "for
#   payment and thanks". A noun it does not spot is counted as a verb; "is", "are",
#   "can" and the other auxiliaries always count;
# - words ending in -ing are not counted ("working together"; also "a meeting");
# - words in quotation marks are not counted ("We said, we did");
# - the hard words ("values", "lived experience") and the name "people who use
#   services" are taken as nouns; so "We respect everyone" would slip through,
#   because "respect" is a hard word.
# A person still reads every sentence for one verb; see the header of data/easy-read.yml.
AUXILIARIES = {"am", "is", "are", "was", "were", "be", "been", "have", "has", "had", "do", "does", "did",
               "can", "could", "will", "would", "shall", "should", "may", "might", "must"}
_VERBS = """
add agree aim become allow answer appear ask back begin believe belong bring build buy call care change check
choose come cook cost count create decide describe design develop drive eat email end enjoy explain
feel fill find finish fix follow forget get give go grow happen hear help hire hold hope include
invite involve join keep know lead learn leave let listen live look lose love make match matter mean meet
move need offer own pay plan play post prefer print promise put reach read recognise recruit remember
report respect review reward run say see seem send serve share show sign sit speak spend stand start
stay stop suggest support take talk teach tell thank think train treat trust try turn understand use
value visit vote wait walk want watch welcome win wish work write
"""
_IRREGULAR = """
became began begun bought brought built came chose chosen did does done drove eaten felt found forgot gave
given goes gone got grew grown had has heard held kept knew known led learnt left let lost made meant
met paid put ran read said sat saw seen sent shown sold spent spoke spoken stood taken taught thought
told took understood went won wrote written
"""


def _forms(base: str) -> set[str]:
    if base.endswith("e"):
        return {base, base + "s", base + "d"}
    if base.endswith("y") and base[-2] not in "aeiou":
        return {base, base[:-1] + "ies", base[:-1] + "ied"}
    if base.endswith(("s", "sh", "ch", "x")):
        return {base, base + "es", base + "ed"}
    return {base, base + "s", base + "ed"}


VERB_FORMS = {form for base in _VERBS.split() for form in _forms(base)} | set(_IRREGULAR.split()) | AUXILIARIES
# Words after which a listed word is a noun ("the plan", "for their help").
NOUN_MARKERS = set("""a an the my your our their his her its this these those each every some any no one
all many more most much few other same such own of for with in on at from about by into over under
after before between without through than as""".split())
# Words that may stand between a determiner and a noun ("the best support").
ADJECTIVES = set("""best good better big small new first last final same real short long easy hard local
special different important whole very simple normal paid unpaid free extra main high low full next
little great right social everyday clear open fair kind safe young old""".split())
NAMES = ("people who use health and care services", "people who use services")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_TOKEN = re.compile(r"[A-Za-z’']+|[,;:()]")


def verb_groups(sentence: str, names: tuple[str, ...] = ()) -> list[str]:
    """The verbs of a sentence as the heuristic above finds them, one entry per verb group."""
    text = _QUOTED.sub(" ", sentence.lower())
    for name in sorted(set(NAMES) | {n.lower() for n in names}, key=len, reverse=True):
        text = re.sub(r"\b" + re.escape(name) + r"\b", " thing ", text)
    tokens = _TOKEN.findall(text)
    groups: list[str] = []
    in_phrase = [False] * len(tokens)  # inside a noun phrase ("for their best help")
    last_verb_at, last_was_aux = -10, False
    for i, token in enumerate(tokens):
        before = tokens[i - 1] if i else ""
        in_phrase[i] = (before in NOUN_MARKERS or before.endswith(("'s", "’s"))
                        or before in ADJECTIVES
                        or (before in ("and", "or") and i > 1 and in_phrase[i - 2]))
        if token not in VERB_FORMS or (in_phrase[i] and token not in AUXILIARIES):
            continue
        if last_was_aux and i - last_verb_at <= 3:
            groups[-1] += " " + token  # "can help", "have not checked": one verb group
        else:
            groups.append(token)
        last_verb_at, last_was_aux = i, token in AUXILIARIES
    return groups


# The second sentence of a row explains a word of the first: "X is / are / means ...".
EXPLAINING = {"is", "are", "was", "were", "means", "mean"}
_EXPLAINED = re.compile(rf"(?:[\w’'-]+\s+){{1,3}}(?:{'|'.join(sorted(EXPLAINING))})\b", re.IGNORECASE)  # "It was a group of 50 organisations."


def problems(text: str, kind: str, names: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """What breaks the Easy Read rules in `text`, as (problem, fix) pairs.

    kind: "row" (one idea, full sentences, one verb), "sentences" (full sentences,
    one verb) or "label" (a heading or alt text: no full stop needed, verbs not counted).
    `names` are terms taken as nouns (the hard words).
    """
    found = []
    parts = sentences(text)
    for sentence in parts:
        words = len(sentence.split())
        if words > MAX_SENTENCE_WORDS:
            found.append((f"this sentence has {words} words, over the Easy Read limit of "
                          f"{MAX_SENTENCE_WORDS}: '{sentence[:60]}'",
                          "Split it into two sentences, or take out words that are not needed"))
        if kind != "label" and not sentence.endswith((".", "!", "?")):
            found.append((f"this sentence does not end with a full stop: '{sentence[:60]}'",
                          "End each sentence with a full stop, question mark or exclamation mark"))
        verbs = verb_groups(sentence, names) if kind != "label" else []
        if len(verbs) > MAX_SENTENCE_VERBS:
            found.append((f"this sentence has {len(verbs)} verbs ({', '.join(verbs)}), but Easy Read has one verb "
                          f"a sentence: '{sentence[:60]}'",
                          "Give each verb its own sentence, and each idea its own row with its own picture. "
                          "If a word here is not a verb, reword the sentence"))
    for short in dict.fromkeys(ACRONYM.findall(text)):
        found.append((f"'{short}' is a short form in capital letters",
                      "Write the full words instead: Easy Read uses full words, not short forms"))
    if kind == "row" and (len(parts) > MAX_ROW_SENTENCES or re.search(r"[;:]", text)):
        found.append((f"this row has more than one idea ({len(parts)} sentences"
                      f"{', joined by a semicolon or colon' if re.search(r'[;:]', text) else ''})",
                      f"Give each idea its own row, with its own picture: at most {MAX_ROW_SENTENCES} "
                      "sentences a row, the second only to explain a hard word"))
    elif kind == "row" and len(parts) == 2:
        verbs = verb_groups(parts[1], names)
        # An explanation's verb is its first: "is" or "means", even where the verb count joins a verb
        # to it ("A decision is what we choose": "is choose"; "This is called a decision": "is called"),
        # or reads "means" as a noun after a word it takes for an adjective ("Fair means ...").
        explains = (bool(verbs) and verbs[0].split()[0] in EXPLAINING) or bool(_EXPLAINED.match(parts[1]))
        if not explains:
            found.append((f"the second sentence of this row is a new idea, not an explanation: '{parts[1][:60]}'",
                          "Give the new idea its own row with its own picture. A second sentence may only "
                          "explain a word of the first, such as 'Power means control over plans.'"))
    return found


def check_rules(easy: EasyRead) -> list[tuple[tuple, str, str]]:
    """Every rule broken, as (field path, problem, fix), in file order."""
    names = tuple(h.word for h in easy.hard_words)
    texts: list[tuple[tuple, str, str]] = [(("title",), easy.title, "label"),
                                           (("pictures_by",), easy.pictures_by, "sentences"),
                                           (("next_step",), easy.next_step, "sentences"),
                                           (("doubt_note",), easy.doubt_note, "sentences"),
                                           (("bold_note",), easy.bold_note, "sentences"),
                                           (("foot",), easy.foot, "sentences")]
    for s, section in enumerate(easy.sections):
        texts.append((("sections", s, "heading"), section.heading, "label"))
        for r, row in enumerate(section.rows):
            texts.append((("sections", s, "rows", r, "text"), row.text, "row"))
            texts.append((("sections", s, "rows", r, "alt"), row.alt, "label"))
    for h, hard in enumerate(easy.hard_words):
        texts.append((("hard_words", h, "word"), hard.word, "label"))
        texts.append((("hard_words", h, "meaning"), hard.meaning, "row"))
    broken = [(loc, problem, fix) for loc, text, kind in texts for problem, fix in problems(text, kind, names)]
    used = " ".join(row.text.lower() for section in easy.sections for row in section.rows)
    for h, hard in enumerate(easy.hard_words):
        if hard.word.lower() not in used:
            broken.append((("hard_words", h, "word"), f"the hard word '{hard.word}' is not used in any row",
                           "Take it out of the hard words list, or spell it as the rows do"))
    return broken


def load_easy_read(path: str | Path, shown_as: str | Path | None = None,
                   model_file: str | Path | None = None) -> EasyRead:
    """data/easy-read.yml, checked against the schema and the Easy Read rules.
    `shown_as` is the path to name in messages. The doubt marks come from
    `model_file`: by default model.yml in the same folder (data/model.yml)."""
    data, line_of = load_yaml(path, shown_as)
    easy = validate(EasyRead, data, shown_as or path, line_of)
    broken = check_rules(easy)
    if broken:
        loc, problem, fix = broken[0]
        field = " > ".join(f"item {p + 1}" if isinstance(p, int) else str(p) for p in loc)
        if len(broken) > 1:
            fix += f". There {'is' if len(broken) == 2 else 'are'} {len(broken) - 1} more after this one"
        raise ContentError(shown_as or path, f"Field '{field}': {problem}", fix, line=line_of(loc))
    model_file = Path(model_file) if model_file else Path(path).parent / "model.yml"
    shown_model = Path(shown_as).parent / model_file.name if shown_as else model_file
    return easy.with_doubt_from(load_model(model_file, shown_model))
