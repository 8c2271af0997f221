"""Under GitHub Actions, every finding is also a workflow command, so it shows
beside its line in the pull request; locally nothing changes."""
import subprocess

from mkdocs.exceptions import PluginError

from conftest import run_build
from test_readability_build import HARD_PAGE

from coproduction import annotations
from coproduction.errors import ContentError

# The hard page, plus a sentence whose jargon word is on its second line, and
# "our progress", which is not the verb "progress".
PAGE = HARD_PAGE + "\nWe will meet you and\nwe will liaise with your group to track our progress.\n"

EXPECTED = [
    "::error file=docs/origins.md,line=9,title=Too hard to read::Reading ease is 12.2. It needs to be 60 or more. "
    "Use shorter words and shorter sentences. The SMOG grade is 17.5. It needs to be 14 or less. Use fewer words of "
    "three or more syllables. (This is the limit for short pages, of fewer than 10 sentences.) "
    "The hardest sentences: line 9, line 7, line 11.",
    "::warning file=docs/origins.md,line=7,title=Long sentence::This sentence has 43 words; the limit is 25. "
    "Split it, or make sure every word is plain.",
    "::warning file=docs/origins.md,line=9,title=Long sentence::This sentence has 30 words; the limit is 25. "
    "Split it, or make sure every word is plain.",
    '::warning file=docs/origins.md,line=7,title=Plainer word::"established": try "set up, find out, or show".',
    '::warning file=docs/origins.md,line=7,title=Plainer word::"objective": try "aim, or goal".',
    '::warning file=docs/origins.md,line=7,title=Plainer word::"transforming": try "say what you are changing, and how".',
    '::warning file=docs/origins.md,line=7,title=Plainer word::"deliver" (about other things, such as plans, '
    'change or improvements): try "say what you do: only pizzas, post and services are delivered".',
    '::warning file=docs/origins.md,line=9,title=Plainer word::"participating": try "take part, or join in".',
    '::warning file=docs/origins.md,line=9,title=Plainer word::"endeavoured": try "try".',
    '::warning file=docs/origins.md,line=9,title=Plainer word::"facilitate": try "help, or make possible; or say how you help".',
    '::warning file=docs/origins.md,line=11,title=Plainer word::"In order to": try "to".',
    '::warning file=docs/origins.md,line=11,title=Plainer word::"ensure": try "make sure".',
    '::warning file=docs/origins.md,line=11,title=Plainer word::"collaborated": try "work with".',
    '::warning file=docs/origins.md,line=16,title=Plainer word::"liaise": try "meet, talk to, or work with".',
]


def test_a_build_on_github_annotates_the_lines_of_a_hard_page(project_copy):
    (project_copy / "docs" / "origins.md").write_text(PAGE, encoding="utf-8")
    result = run_build(project_copy, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode != 0
    commands = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert all(line.startswith(("::error file=docs/", "::warning file=docs/")) for line in commands), commands
    assert [line for line in commands if "file=docs/origins.md," in line] == EXPECTED
    # The log keeps its advice as before.
    assert "docs/origins.md is harder to read" in result.output


def test_commands_are_escaped_as_github_asks():
    line = annotations.command("warning", "50% done\nnext: line", file="docs/a,b:c.md", line=3, title="A: b, c")
    assert line == "::warning file=docs/a%2Cb%3Ac.md,line=3,title=A%3A b%2C c::50%25 done%0Anext: line"


def test_every_content_error_that_stops_a_build_is_annotated(monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    # As most plugins raise it: only the text of one or more ContentErrors.
    text = PluginError("\n".join(str(ContentError(f"docs/{n}.md", "Unsafe HTML here", "Remove it", line=n))
                                 for n in (4, 12)))
    assert annotations.build_error_commands(text) == [
        "::error file=docs/4.md,line=4,title=Build stopped::Unsafe HTML here. Remove it.",
        "::error file=docs/12.md,line=12,title=Build stopped::Unsafe HTML here. Remove it."]
    # Raised from a ContentError, which keeps its parts.
    try:
        try:
            raise ContentError("data/model.yml", "Field 'steps': missing", "Add it", line=7)
        except ContentError as err:
            raise PluginError(str(err)) from err
    except PluginError as chained:
        assert annotations.build_error_commands(chained) == [
            "::error file=data/model.yml,line=7,title=Build stopped::Field 'steps': missing. Add it."]
    marked = PluginError("1 page is too hard to read.")
    marked.annotated = True  # the gate emitted its own
    assert annotations.build_error_commands(marked) == []


def test_locally_nothing_is_printed(monkeypatch, capsys):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    annotations.emit(["::error::x"])
    assert capsys.readouterr().out == ""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    annotations.emit(["::error::x"])
    assert capsys.readouterr().out == "::error::x\n"


def test_advice_is_only_for_changed_files_when_asked(tmp_path, monkeypatch):
    from coproduction.readability import check_text
    for args in (["init", "-q"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "x"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "new.md").write_text("x")
    subprocess.run(["git", "add", "docs/new.md"], cwd=tmp_path, check=True)
    monkeypatch.chdir(tmp_path)
    chopped = "We met. We talked. It went well. " * 15
    results = [check_text(chopped, name=name) for name in ("docs/new.md", "docs/old.md")]
    assert all(r.suggestions for r in results)
    assert len(annotations.gate_commands(results)) == 2
    monkeypatch.setenv("ANNOTATE_CHANGED_SINCE", "HEAD")
    assert [c.split(",")[0] for c in annotations.gate_commands(results)] == ["::warning file=docs/new.md"]


def test_a_content_check_that_stops_the_build_is_annotated_at_its_line(project_copy):
    # Template code on a page that may not run it: the content checks stop the build
    # with a ContentError, and it reaches GitHub through on_build_error.
    (project_copy / "docs" / "origins.md").write_text(
        "---\nlast_reviewed: 2026-12-07\nnext_review: 2027-12-07\n---\n"
        "# Origins\n\nThe model was published in 2017, and we still use it today.\n\nIt says {{ config }} here.\n")
    result = run_build(project_copy, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode != 0
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert errors == ["::error file=docs/origins.md,line=9,title=Build stopped::This page contains template code "
                      "('{{', '{%25' or '{#'), which only a few data pages may use. "  # % escaped, as GitHub asks
                      "Remove it, or put it inside `backticks` to show it as code."]


def test_a_broken_link_is_annotated_at_its_line(project_copy):
    page = project_copy / "docs" / "slogans.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    lines.insert(lines.index("# Slogans") + 1, "See [the missing page](missing.md) for more.")
    at = lines.index("# Slogans") + 2  # under the heading, after the front matter
    page.write_text("\n".join(lines), encoding="utf-8")
    result = run_build(project_copy, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode != 0
    errors = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    # In the contributor's words, once: not MkDocs' wording ("Doc file 'slogans.md' contains a link ...") as well.
    assert errors == [f"::error file=docs/slogans.md,line={at},title=Build stopped::The link 'missing.md' goes to no "
                      "page of this site. Check the spelling of the file name and its folder: the path starts from "
                      "this page's folder."]


def test_a_page_that_passes_gets_its_plainer_words_beside_their_lines(project_copy):
    page = project_copy / "docs" / "origins.md"
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(text + "\n\nWe keep utilising the model today.\n", encoding="utf-8")
    line = len(text.split("\n")) + 2
    result = run_build(project_copy, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 0, result.output
    assert (f'::warning file=docs/origins.md,line={line},title=Plainer word::"utilising": try "use".'
            in result.stdout.splitlines())
