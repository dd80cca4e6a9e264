"""The reference reads as rendered: no raw reST roles, and every public callable
documents its arguments, result and errors.

mkdocstrings renders Google-style docstrings and its own cross-reference
syntax (``[Money][accountplan.money.Money]``); a reST role such as
``:func:`allocate``` is shown to the reader as literal text. The role tests
read every docstring as mkdocstrings does (through griffe, module attributes
and enum members included) and every page under ``docs/``; the section tests
walk the public API (``tests/public_api.py``) and its public methods.

``PENDING_ROLES`` and ``PENDING_SECTIONS`` name the defining modules whose
docstrings are not converted yet; both are empty, so every module is checked
and fails the moment it regresses. A module added to them is exempt until it
is converted (and the test of the lists makes sure it exists).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import griffe
import pytest

from accountplan.money import Money, allocate
from tests.public_api import public_module_names, public_modules, public_objects

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

#: A reST role as Sphinx writes it: ``:func:`x```, ``:py:class:`x```, ``:class:`~x```.
_ROLE_NAMES = "func|class|meth|mod|attr|data|exc|obj|ref"
ROLE = re.compile(rf"(?::py:[a-z]+:|:(?:{_ROLE_NAMES}):)`")

#: Defining modules whose docstrings still carry reST roles (converted later).
PENDING_ROLES: frozenset[str] = frozenset()

#: Defining modules whose public callables do not yet document Args/Returns/Raises.
PENDING_SECTIONS: frozenset[str] = frozenset()

#: Public callables that take arguments yet never raise (their docstring says so).
NEVER_RAISES: frozenset[str] = frozenset({"accountplan.exceptions.preview"})


def _members(cls: type) -> Iterator[tuple[str, Any]]:
    """The public attributes defined on ``cls`` itself (not inherited)."""
    for name, value in vars(cls).items():
        if not name.startswith("_"):
            yield name, value


def _function(value: Any) -> Any:
    """The plain function behind a method, class or static method; None otherwise."""
    if isinstance(value, classmethod | staticmethod):
        return value.__func__
    if inspect.isfunction(value):
        return value
    return None


_PROPERTIES: set[str] = set()


def documented() -> dict[str, tuple[str, Any]]:
    """Every public object and public member: qualified name -> (defining module, object)."""
    found: dict[str, tuple[str, Any]] = {}
    for obj in public_objects().values():
        module = getattr(obj, "__module__", None)
        if not (isinstance(obj, type) or inspect.isfunction(obj)) or not module:
            continue
        if not module.startswith("accountplan"):
            continue
        key = f"{module}.{obj.__qualname__}"
        found.setdefault(key, (module, obj))
        if isinstance(obj, type):
            for member, value in _members(obj):
                target = value.fget if isinstance(value, property) else _function(value)
                if target is not None and getattr(target, "__module__", module) == module:
                    found.setdefault(f"{key}.{member}", (module, target))
                    if isinstance(value, property):
                        _PROPERTIES.add(f"{key}.{member}")
    return dict(sorted(found.items()))


def callables() -> dict[str, tuple[str, Any]]:
    """Public functions and public methods (properties and classes excluded)."""
    found: dict[str, tuple[str, Any]] = {}
    for key, (module, obj) in documented().items():
        if inspect.isfunction(obj) and key not in _PROPERTIES:
            found[key] = (module, obj)
    return found


_DOCUMENTED = documented()


def test_the_walk_finds_the_public_surface() -> None:
    assert "accountplan.money.allocate" in _DOCUMENTED
    assert "accountplan.money.Money.rounded" in _DOCUMENTED
    assert "accountplan.money.Money.minor_units" in _DOCUMENTED  # a property
    assert "accountplan.money.Money.minor_units" not in callables()
    assert "accountplan.money.Money.zero" in callables()  # a classmethod
    assert _DOCUMENTED["accountplan.money.allocate"][1] is allocate
    assert _DOCUMENTED["accountplan.money.Money"][1] is Money
    assert len(_DOCUMENTED) > 200


def test_pending_lists_name_real_modules() -> None:
    modules = {module for module, _ in _DOCUMENTED.values()}
    assert PENDING_ROLES - {obj.module.path for obj in _GRIFFE} == set()
    assert PENDING_SECTIONS - modules == set()


@pytest.mark.parametrize(
    "text",
    [
        "See :func:`allocate`.",
        "A :class:`~accountplan.money.Money`.",
        ":py:meth:`Money.rounded`",
        "the :mod:`accountplan.billing.statutory` package",
        ":attr:`x` :data:`X` :exc:`E` :obj:`o` :ref:`r`",
    ],
)
def test_the_role_pattern_finds_roles(text: str) -> None:
    assert ROLE.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "[Money][accountplan.money.Money]",
        "[accountplan.money.allocate][]",
        "Args:\n    rate: in percent: 8 means 8 %.",
        "``ratio: 1:2``",
        "https://example.org:8080/x",
    ],
)
def test_the_role_pattern_leaves_other_text_alone(text: str) -> None:
    assert not ROLE.search(text)


def _roles(text: str) -> list[str]:
    return [text[max(0, m.start() - 20) : m.end() + 30] for m in ROLE.finditer(text)]


def test_no_docs_page_contains_a_raw_role() -> None:
    pages = sorted(DOCS.rglob("*.md"))
    assert pages
    offenders = {
        str(page.relative_to(ROOT)): _roles(page.read_text(encoding="utf-8"))
        for page in pages
        if ROLE.search(page.read_text(encoding="utf-8"))
    }
    assert offenders == {}


def _griffe_objects() -> Iterator[Any]:
    """Every module, class, function and attribute of the package, as mkdocstrings sees it."""
    package = griffe.load("accountplan", search_paths=[str(ROOT / "src")])
    stack: list[Any] = [package]
    while stack:
        obj = stack.pop()
        yield obj
        if obj.is_module or obj.is_class:
            stack += [member for member in obj.members.values() if not member.is_alias]


_GRIFFE = list(_griffe_objects())


def test_no_docstring_contains_a_raw_role() -> None:
    """Every docstring mkdocstrings can render, attributes and private modules included."""
    assert len(_GRIFFE) > 1000
    offenders = {
        obj.path: _roles(obj.docstring.value)
        for obj in _GRIFFE
        if obj.docstring
        and obj.module.path not in PENDING_ROLES
        and ROLE.search(obj.docstring.value)
    }
    assert offenders == {}


def _takes_arguments(function: Any) -> bool:
    parameters = list(inspect.signature(function).parameters.values())
    if parameters and parameters[0].name in {"self", "cls"}:
        parameters = parameters[1:]
    return bool(parameters)


def _returns_something(function: Any) -> bool:
    annotation = inspect.signature(function).return_annotation
    return annotation not in {None, "None", inspect.Signature.empty}


def missing_sections(function: Any, *, never_raises: bool = False) -> list[str]:
    """The Google-style sections a public callable's docstring lacks."""
    doc = inspect.getdoc(function) or ""
    headings = set(re.findall(r"^([A-Z][a-z]+):\s*$", doc, flags=re.MULTILINE))
    missing = []
    if _takes_arguments(function):
        if "Args" not in headings:
            missing.append("Args")
        if "Raises" not in headings and not never_raises:
            missing.append("Raises")
    if _returns_something(function) and not headings & {"Returns", "Yields"}:
        missing.append("Returns")
    return missing


def test_missing_sections_sees_what_is_missing() -> None:
    def bare(value: int, /) -> int:
        """Double it."""
        return value * 2

    def complete(value: int, /) -> int:
        """Double it.

        Args:
            value: Any int.

        Returns:
            Twice ``value``.

        Raises:
            TypeError: never, in fact.
        """
        return value * 2

    def nothing() -> None:
        """Do nothing."""

    assert missing_sections(bare) == ["Args", "Raises", "Returns"]
    assert missing_sections(complete) == []
    assert missing_sections(nothing) == []
    assert missing_sections(bare, never_raises=True) == ["Args", "Returns"]


def test_never_raises_is_stated_in_the_docstring() -> None:
    for key in NEVER_RAISES:
        assert "never raises" in (inspect.getdoc(_DOCUMENTED[key][1]) or "")


def test_every_public_callable_documents_args_returns_and_raises() -> None:
    offenders = {
        key: missing
        for key, (module, function) in callables().items()
        if module not in PENDING_SECTIONS
        and (missing := missing_sections(function, never_raises=key in NEVER_RAISES))
    }
    assert offenders == {}


DIRECTIVE = re.compile(r"^::: ([\w.]+)\s*$", flags=re.MULTILINE)


def test_every_public_name_is_in_the_reference_exactly_once() -> None:
    directives: list[str] = []
    for page in sorted((DOCS / "reference").glob("*.md")):
        directives += DIRECTIVE.findall(page.read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for module in public_modules():
        if module.__name__ == "accountplan":  # re-exports of accountplan.money
            continue
        whole = directives.count(module.__name__)
        for name in getattr(module, "__all__", ()):
            qualified = f"{module.__name__}.{name}"
            counts[qualified] = whole + directives.count(qualified)
    assert {name: n for name, n in counts.items() if n != 1} == {}
    # A module of an optional extra that is not installed is still documented.
    assert set(directives) <= set(counts) | public_module_names()
