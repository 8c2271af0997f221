"""The self-assessment "How co-productive are we?" as checked data.

load_self_assessment() reads data/self-assessment.yml: an answer scale and a
few statements for each of the model's five values and seven steps. The page
(macros/self_assessment.py) and its script score the answers from this data,
so a mistake here (a missing group, a duplicate statement, a guide page that
does not exist) stops the build with the file, the line and the fix.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, ClassVar

from pydantic import Field, StringConstraints, model_validator

from .datafile import Strict, Text, load_yaml, validate
from .errors import ANCHOR_FIX, ContentError
from .model import STEPS_COUNT, VALUES_COUNT

# Areas scoring under this share of full marks are listed as "to work on",
# as are the lowest-scoring areas. The page hands it to the script.
WEAK_BELOW_PERCENT = 50
# The browser keeps answers under this name (plus the page's path).
STORAGE_KEY = "coproduction-self-assessment"
# A file of answers saved to share with a team says what it is and which version
# of the layout it uses: {"format": FILE_FORMAT, "version": FILE_VERSION, ...}.
FILE_FORMAT = "coproduction-self-assessment"
FILE_VERSION = 1

# A guide is a page under docs/, with an optional #anchor: "guides/step-1-recruit.md".
GuidePath = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[\w./-]+\.md(#[\w-]+)?$")]


class Answer(Strict):
    label: Text
    points: int = Field(ge=0)


class Group(Strict):
    # No name here: the area is named by the model's short name (data/model.yml).
    guide: GuidePath
    statements: list[Text] = Field(min_length=2, max_length=5)


class SelfAssessment(Strict):
    # Methods a page may call (template_safety.page_may_read): {{ self_assessment.statements() }}.
    PAGE_METHODS: ClassVar[frozenset[str]] = frozenset({"statements"})
    scale: list[Answer] = Field(min_length=2, max_length=6)
    values: list[Group] = Field(min_length=VALUES_COUNT, max_length=VALUES_COUNT)
    steps: list[Group] = Field(min_length=STEPS_COUNT, max_length=STEPS_COUNT)

    @model_validator(mode="after")
    def _scale_counts_up_from_zero(self):
        # The script scores an area as points / (top points x statements), so
        # the scale must be 0, 1, 2... in order, weakest answer first.
        points = [answer.points for answer in self.scale]
        if points != list(range(len(points))):
            raise ValueError(f"the scale's points are {points}; they must count up from 0 "
                             f"in steps of one, weakest answer first")
        labels = [answer.label.lower() for answer in self.scale]
        if len(set(labels)) != len(labels):
            raise ValueError("two answers on the scale have the same label")
        return self

    @model_validator(mode="after")
    def _no_repeated_statements(self):
        seen = set()
        for group in self.values + self.steps:
            for statement in group.statements:
                if statement.lower() in seen:
                    raise ValueError(f'the statement "{statement}" appears twice')
                seen.add(statement.lower())
        return self

    @property
    def top_points(self) -> int:
        return self.scale[-1].points

    def areas(self) -> list[Area]:
        """The twelve areas in page order: values 1-5, then steps 1-7."""
        return ([Area("value", n, group) for n, group in enumerate(self.values, start=1)]
                + [Area("step", n, group) for n, group in enumerate(self.steps, start=1)])

    def statements(self) -> list[str]:
        return [s for group in self.values + self.steps for s in group.statements]


@dataclass(frozen=True)
class Area:
    """One value or step with its statements, and stable ids for the form."""
    kind: str  # "value" or "step"
    number: int
    group: Group

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.number}"

    @property
    def title(self) -> str:
        return f"{self.kind.capitalize()} {self.number}"

    def statement_ids(self) -> list[str]:
        # Also the radio buttons' names and the keys of the saved answers.
        return [f"{self.id}-{i}" for i in range(1, len(self.group.statements) + 1)]


def _explain_one(error: dict) -> tuple[str, str] | None:
    """This file's own wording for some errors; None for the usual words (datafile.explain)."""
    loc = tuple(error["loc"])
    if error["type"] == "value_error":
        return str(error["ctx"]["error"]), "Change the file so this no longer happens"
    if error["type"] == "string_pattern_mismatch":
        return ("this is not a page path such as guides/step-1-recruit.md",
                "Give the path of a page under docs/, ending in .md, with an optional #anchor")
    if error["type"] == "string_too_long":
        return "this name is too long for the results chart", "Keep it under 40 characters"
    if error["type"] in ("too_short", "too_long") and loc and loc[-1] == "statements":
        return (f"a group needs two to five statements but this one has {error['ctx'].get('actual_length')}",
                "Add or remove statements")
    return None


def load_self_assessment(path: str | Path, docs_dir: str | Path | None = None,
                         shown_as: str | Path | None = None) -> SelfAssessment:
    """Read and check the data file; with docs_dir, also check every guide page exists."""
    shown = shown_as or path
    data, line_of = load_yaml(path, shown)
    assessment = validate(SelfAssessment, data, shown, line_of, _explain_one)
    if docs_dir is not None:
        _check_guides_exist(shown, assessment, Path(docs_dir), line_of)
    return assessment


def _check_guides_exist(path, assessment: SelfAssessment, docs_dir: Path, line_of) -> None:
    for section in ("values", "steps"):
        for index, group in enumerate(getattr(assessment, section)):
            page = group.guide.split("#")[0]
            if not (docs_dir / page).is_file():
                raise ContentError(path, f"The guide page '{page}' does not exist in {docs_dir.name}/",
                                   "Correct the path, or write that page first",
                                   line=line_of((section, index, "guide")))


def guide_anchor_problems(path: str | Path, assessment: SelfAssessment, anchors_of,
                          shown_as: str | Path | None = None) -> list[ContentError]:
    """Each guide whose part after '#' is not on its page as the build made it. `anchors_of(page)`
    gives the ids of a page under docs/ ('guides/step-1-recruit.md'), or None if the build did not
    make that page (then its links are checked once it does). The page links to each guide itself,
    so MkDocs does not check these links."""
    shown, line_of, problems = shown_as or path, None, []
    for section in ("values", "steps"):
        for index, group in enumerate(getattr(assessment, section)):
            page, _, anchor = group.guide.partition("#")
            ids = anchors_of(page) if anchor else None
            if ids is None or anchor in ids:
                continue
            if line_of is None:
                _, line_of = load_yaml(path, shown)
            problems.append(ContentError(
                shown, f"The guide '{group.guide}' goes to a part of '{page}' that is not there",
                ANCHOR_FIX, line=line_of((section, index, "guide"))))
    return problems
