"""A Jinja environment for the pages that use macros: read-only, with only what pages need.

mkdocs-macros renders with a plain Jinja environment, which lets a page reach
Python's internals (`{{ cycler.__init__.__globals__.os.environ }}` prints the
build's secrets) and hands every page `config`, `environment`, `plugin`,
`page` and more, which reach paths, settings and other plugins. So:

- the environment is Jinja's ImmutableSandboxedEnvironment: no access to
  Python internals, no changing lists or dicts;
- its globals are only our own macros (the `macros` package), not Jinja's
  `range`, `lipsum`, `cycler`, `joiner` or `namespace`;
- a render sees only the names on an allowlist (`model`, `quotes`...);
  every other variable mkdocs-macros passes in is dropped;
- on those names a page may read only data: a data object's fields (and the
  few methods its class lists in PAGE_METHODS), and plain values such as text,
  numbers, lists and dates. The data objects are pydantic models, whose own
  methods read files and unpickle (`{{ model.parse_raw(..., proto="pickle") }}`
  runs any command), so everything not on that list is refused;
- `unknown_names` finds, before rendering, every name a page uses that is not
  on that list, with its line, so the message can name it.

When a macro fails, mkdocs-macros prints a Python traceback and stops. We want
the contributor to see the file, the line and what to do instead, so a failed
render is reported through `on_error(problem, fix, line)` first.
"""
from __future__ import annotations

from typing import Callable, Iterable

import datetime
import functools

from jinja2 import Template, UndefinedError, nodes
from jinja2.compiler import CodeGenerator
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from pydantic import BaseModel

from .limits import MAX_MACRO_STRING

NAMES_HINT = ("Check the spelling. The macros you can use are listed in macros/model_macros.py, "
              "for example step_text(1). To show the braces as text, put them in `backticks`")


# The largest number a page may write in a macro (years, counts, step numbers).
MAX_NUMBER = 10_000


class MacroFailed(Exception):
    """A macro on a page failed; the message is already in plain words."""


class TextTooLong(Exception):
    """A template made a text longer than limits.MAX_MACRO_STRING letters."""


def _capped(value):
    if isinstance(value, str) and len(value) > MAX_MACRO_STRING:
        raise TextTooLong(len(value))
    return value


class _CappedCodeGenerator(CodeGenerator):
    """`a ~ b` compiles to a join Jinja does not let an environment intercept; wrap it."""

    def visit_Concat(self, node, frame):
        self.write("environment.capped(")
        super().visit_Concat(node, frame)
        self.write(")")


class CappedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, where no text may grow past MAX_MACRO_STRING letters.

    Every way a template can make a long text is checked as it runs: `~` (through
    the code generator), `+` and `*` (intercepted_binops, Jinja's public API),
    every filter (`replace`, `join`, `center`...) and every call (str.replace,
    str.ljust, our macros). So `{% set a = a ~ a ~ a %}` a few lines running stops
    with the line, not after minutes and gigabytes."""
    code_generator_class = _CappedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "**"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters = {name: self._capped_filter(function) for name, function in self.filters.items()}

    @staticmethod
    def _capped_filter(function):
        @functools.wraps(function)  # keeps Jinja's pass_context and similar marks
        def capped(*args, **kwargs):
            return _capped(function(*args, **kwargs))
        return capped

    def capped(self, value):
        return _capped(value)

    def call_binop(self, context, operator, left, right):
        return _capped(super().call_binop(context, operator, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 (Jinja's own signature)
        return _capped(super().call(__context, __obj, *args, **kwargs))


def template_line(error: BaseException) -> int | None:
    """The template line where `error` happened (Jinja maps its frames to '<template>')."""
    line = None
    tb = error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def explain(error: Exception) -> tuple[str, str]:
    """What went wrong and what to do, in plain words."""
    if isinstance(error, SecurityError):
        # Do not echo the expression: it is hostile and may name secrets.
        return ("A macro on this line tries to reach parts of the build that pages may not use, "
                "so the build stopped it",
                "Remove it. Pages may only use the site's own macros, like step_text(1)")
    if isinstance(error, TextTooLong):
        return (f"A macro on this line makes a text longer than {MAX_MACRO_STRING:,} letters",
                "Make the text shorter: a page's macros may not build long texts by joining or replacing")
    if isinstance(error, UndefinedError):
        return f"A macro on this line uses a name the site does not know ({error.message})", NAMES_HINT
    return (f"A macro on this line failed ({type(error).__name__}: {error})",
            "Check the macro's name and what is inside its brackets, for example step_text(1) for step 1")


class ReportingTemplate(Template):
    def render(self, *args, **kwargs):
        given = dict(*args, **kwargs)
        allowed = self.environment.allowed_names
        try:
            return super().render({name: value for name, value in given.items() if name in allowed})
        except MacroFailed:
            raise
        except Exception as error:
            problem, fix = explain(error)
            message = self.environment.on_error(problem, fix, template_line(error))
            raise MacroFailed(message) from None


# Values whose attributes a page may read, as Jinja's immutable sandbox allows: text
# (Markup is text), numbers, lists, dicts, dates and a loop's `loop.index`.
_PLAIN = (str, int, float, list, tuple, dict, datetime.date, LoopContext)


def page_may_read(obj, attr: str) -> bool:
    """Whether a page may read `obj.attr`: a data object's field, computed field or listed
    method (its class's PAGE_METHODS), or an attribute of a plain value (_PLAIN). Nothing else:
    an allowlist, so a new method on a data class is refused until someone lists it."""
    if isinstance(obj, BaseModel):
        kind = type(obj)
        return (attr in kind.model_fields or attr in kind.model_computed_fields
                or attr in getattr(kind, "PAGE_METHODS", ()))
    return isinstance(obj, _PLAIN)


class ReportingSandbox(CappedSandbox):
    """The sandbox for pages: only our macros and the allowed names, and on those only data
    (page_may_read). Print templates are code, so they use CappedSandbox alone."""
    template_class = ReportingTemplate

    def is_safe_attribute(self, obj, attr, value):
        return super().is_safe_attribute(obj, attr, value) and page_may_read(obj, attr)

    def __init__(self, *args, on_error: Callable[[str, str, int | None], str] | None = None,
                 macros: dict | None = None, variables: Iterable[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.on_error = on_error or (lambda problem, fix, line: f"{problem}. {fix}.")
        # Only our macros: none of Jinja's default globals (range, lipsum, cycler...).
        self.globals.clear()
        self.globals.update(macros or {})
        self.allowed_names = frozenset(variables) | frozenset(self.globals)

    def too_costly(self, source: str) -> list[tuple[str, int]]:
        """Things that could make a page grow or run without end, with their lines.

        Without them a page's output grows only with its source: no `*` or `**`
        (`{{ 'a' * 9999 * 9999 }}`), no number above MAX_NUMBER, no loop inside a
        loop inside a loop, no macro calling itself."""
        tree = self.parse(source)
        found = [(f"the '{'*' if isinstance(n, nodes.Mul) else '**'}' operator", n.lineno)
                 for n in tree.find_all((nodes.Mul, nodes.Pow))]
        found += [(f"the number {n.value}", n.lineno) for n in tree.find_all(nodes.Const)
                  if isinstance(n.value, (int, float)) and not isinstance(n.value, bool)
                  and abs(n.value) > MAX_NUMBER]
        for loop in tree.find_all(nodes.For):
            if loop.recursive:
                found.append(("a recursive loop", loop.lineno))
            for inner in loop.find_all(nodes.For):
                if any(True for _ in inner.find_all(nodes.For)):
                    found.append(("a loop inside a loop inside a loop", loop.lineno))
                    break
        for macro in tree.find_all(nodes.Macro):
            if any(c.node.name == macro.name for c in macro.find_all(nodes.Call) if isinstance(c.node, nodes.Name)):
                found.append((f"the macro '{macro.name}' calling itself", macro.lineno))
        return sorted(found, key=lambda item: item[1])

    def unknown_names(self, source: str) -> list[tuple[str, int]]:
        """Names a template uses that it neither defines nor may be given, with their lines."""
        tree = self.parse(source)
        defined = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")} | {"loop"}
        defined |= {m.name for m in tree.find_all(nodes.Macro)}
        return [(n.name, n.lineno) for n in tree.find_all(nodes.Name)
                if n.ctx == "load" and n.name not in self.allowed_names and n.name not in defined]


def loaded_templates(env, source: str) -> list[tuple[str, int]]:
    """Every `include`, `import`, `from ... import` and `extends` in a template, with its line.

    They read other template files, which neither pages nor print templates may do."""
    kinds = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from ... import",
             nodes.Extends: "extends"}
    found = [(kinds[type(node)], node.lineno) for node in env.parse(source).find_all(tuple(kinds))]
    return sorted(found, key=lambda item: item[1])
