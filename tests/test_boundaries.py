"""Package boundaries: a package uses only the public names of another package.

DESIGN.md, "Conventions every package follows" (Boundaries). Every module
under ``src/accountplan/`` is parsed (nothing is imported) and two rules are
checked:

* **Imports.** A module of package ``accountplan.X`` never imports a private
  module of another package (``accountplan.Y._z``, ``from accountplan.Y
  import _z``, ``importlib.import_module("accountplan.Y._z")``) nor a private
  name from it. The top-level private helper modules (``accountplan._converter``,
  ``_validate``, ``_decimal``, ``_frozen``, ``_typing``, ``_version`` ...) are
  the library's shared internals and may be imported by every package.
* **Attributes.** A module of package X never reads ``obj._name`` (or
  ``getattr(obj, "_name")``) where ``_name`` is a private attribute, method,
  slot or submodule that only another package defines, as
  ``policy.calendar._engine`` once did. An AST cannot know the type of
  ``obj``, so a name that package X defines itself is not flagged; ``self``
  and ``cls`` are never flagged.

The rules are tested on sources with seeded violations first, so the scan of
the real tree cannot pass by finding nothing.
"""

from __future__ import annotations

import ast
import pathlib
from collections.abc import Iterable, Iterator

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent / "src" / "accountplan"


def _private(name: str) -> bool:
    """``_name``: one leading underscore, not a dunder or an enum-style ``_sunder_``."""
    return name.startswith("_") and not name.startswith("__") and not name.endswith("_")


def module_name(path: pathlib.Path, root: pathlib.Path = ROOT) -> str:
    """The dotted name of a source file under ``root`` (``accountplan.x.y``)."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(["accountplan", *parts])


def package_of(module: str) -> str:
    """The top-level package (or module) a dotted name belongs to: ``x`` of ``accountplan.x.y``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """The absolute module an ``ImportFrom`` names (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _foreign_private_module(own: str, target: str) -> bool:
    """Whether ``target`` is a private module (or name) inside another package than ``own``."""
    parts = target.split(".")
    if parts[0] != "accountplan" or len(parts) < 3:
        return False
    package = parts[1]
    if package == own or package.startswith("_"):
        return False  # its own package, or a top-level shared helper module
    return any(_private(part) for part in parts[2:])


def import_violations(module: str, is_package: bool, tree: ast.AST) -> Iterator[str]:
    """Every import in ``tree`` of another package's private module or name."""
    own = package_of(module)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _foreign_private_module(own, alias.name):
                    yield f"{module}:{node.lineno} imports {alias.name}"
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, is_package, node)
            for alias in node.names:
                if _foreign_private_module(own, f"{source}.{alias.name}"):
                    yield f"{module}:{node.lineno} imports {alias.name} from {source}"
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"import_module", "__import__"} and node.args:
                first = node.args[0]
                if (
                    isinstance(first, ast.Constant)
                    and isinstance(first.value, str)
                    and _foreign_private_module(own, first.value)
                ):
                    yield f"{module}:{node.lineno} imports {first.value} dynamically"


def defined_private_names(module: str, tree: ast.AST) -> set[str]:
    """Private names a module defines on its classes and as its own submodule name.

    Class attributes and attrs fields (``_engine: Engine = ...``), methods,
    ``__slots__`` entries, ``self._x = ...`` and ``object.__setattr__(self,
    "_x", ...)``; and the module's own last component when it is private.
    """
    found: set[str] = set()
    last = module.rsplit(".", 1)[-1]
    if _private(last):
        found.add(last)
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    found.add(item.target.id)
                elif isinstance(item, ast.Assign):
                    for target in item.targets:
                        if isinstance(target, ast.Name):
                            found.add(target.id)
                            if target.id == "__slots__":
                                found.update(_strings(item.value))
                elif isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    found.add(item.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and isinstance(target.value, ast.Name)
                    and target.value.id == "self"
                ):
                    found.add(target.attr)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "__setattr__"
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            found.add(node.args[1].value)
    return {name for name in found if _private(name)}


def _strings(node: ast.AST) -> Iterable[str]:
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        for item in node.elts:
            if isinstance(item, ast.Constant) and isinstance(item.value, str):
                yield item.value


def _read_names(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """``obj._name`` reads and ``getattr(obj, "_name")`` calls, except on ``self``/``cls``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            if isinstance(node.value, ast.Name) and node.value.id in {"self", "cls"}:
                continue
            yield node.lineno, node.attr
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "hasattr", "setattr"}
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
        ):
            yield node.lineno, node.args[1].value


def attribute_violations(sources: dict[str, tuple[bool, ast.AST]]) -> list[str]:
    """Reads of a private name that only other packages define, module by module."""
    by_package: dict[str, set[str]] = {}
    for module, (_, tree) in sources.items():
        by_package.setdefault(package_of(module), set()).update(defined_private_names(module, tree))
    # Names the shared helper modules define belong to every package.
    shared = set().union(*(names for pkg, names in by_package.items() if pkg.startswith("_")))
    found: list[str] = []
    for module, (_, tree) in sources.items():
        own = package_of(module)
        mine = by_package.get(own, set()) | shared
        for line, name in _read_names(tree):
            if name in mine:
                continue
            owners = sorted(pkg for pkg, names in by_package.items() if name in names)
            if owners:
                found.append(f"{module}:{line} reads {name} of {', '.join(owners)}")
    return found


def parse_tree(root: pathlib.Path = ROOT) -> dict[str, tuple[bool, ast.AST]]:
    """Every module under ``root``: its dotted name -> (is a package, syntax tree)."""
    return {
        module_name(path, root): (
            path.name == "__init__.py",
            ast.parse(path.read_text(encoding="utf-8"), str(path)),
        )
        for path in sorted(root.rglob("*.py"))
    }


def all_violations(sources: dict[str, tuple[bool, ast.AST]]) -> list[str]:
    found = [
        line
        for module, (is_package, tree) in sources.items()
        for line in import_violations(module, is_package, tree)
    ]
    return found + attribute_violations(sources)


# -- the rules catch what they should ------------------------------------------------------


def _sources(files: dict[str, str]) -> dict[str, tuple[bool, ast.AST]]:
    return {
        name.removesuffix(".__init__"): (name.endswith(".__init__"), ast.parse(text))
        for name, text in files.items()
    }


_CALENDAR = """
import attrs
class BusinessCalendar:
    _engine: object = attrs.field(init=False)
    __slots__ = ("_cache",)
    def _pieces(self):
        self._seen = 1
        object.__setattr__(self, "_frozen_state", 2)
"""


@pytest.mark.parametrize(
    "source",
    [
        "from accountplan.calendars._engine import Timeline",
        "import accountplan.calendars._engine",
        "import accountplan.calendars._engine as engine",
        "from accountplan.calendars import _engine",
        "from accountplan.tickets._tickets import check_status",
        "from accountplan.tickets import _check_status",
        "from ..calendars import _engine",
        "from ..calendars._engine import Timeline",
        "import importlib\nimportlib.import_module('accountplan.calendars._engine')",
        "def f(policy):\n    return policy.calendar._engine",
        "def f(cal):\n    return cal._cache",
        "def f(cal):\n    return cal._pieces()",
        "def f(cal):\n    return getattr(cal, '_frozen_state')",
        "def f(cal):\n    return cal._seen",
        "import accountplan.calendars as c\nc._engine",
    ],
)
def test_a_seeded_violation_is_found(source: str) -> None:
    """Each way of reaching into another package is reported, with its line."""
    files = {
        "accountplan.calendars.__init__": "",
        "accountplan.calendars._engine": "",
        "accountplan.calendars._calendar": _CALENDAR,
        "accountplan.tickets.__init__": "",
        "accountplan.tickets._tickets": "def _check_status(field, value): ...",
        "accountplan.sla._measure": source,
    }
    found = all_violations(_sources(files))
    assert found
    assert all(line.startswith("accountplan.sla._measure:") for line in found)


@pytest.mark.parametrize(
    "source",
    [
        "from accountplan.calendars import BusinessCalendar, CalendarIndex",
        "from accountplan._validate import check_type",
        "from accountplan import _converter",
        "import accountplan._decimal",
        "from accountplan.sla._numbers import from_us",
        "from . import _numbers",
        "from ._numbers import from_us",
        "class Plan:\n    __slots__ = ('_index',)\n    def f(self):\n        return self._index",
        "def f(walk):\n    return walk._index",
        "def f(cal):\n    return cal.timezone",
        "class Color:\n    _ignore_ = ['x']\ndef f(c):\n    return c._ignore_",
    ],
)
def test_allowed_uses_are_not_flagged(source: str) -> None:
    """Public names, shared helpers and a package's own private parts are allowed."""
    files = {
        "accountplan._validate": "",
        "accountplan.calendars._calendar": _CALENDAR,
        "accountplan.sla.__init__": "",
        "accountplan.sla._numbers": "",
        "accountplan.sla._measure": source,
        "accountplan.sla._walk": "class Walk:\n    def g(self):\n        self._index = 1",
    }
    assert [] == all_violations(_sources(files))


def test_relative_imports_resolve_from_the_module() -> None:
    """``from .. import x`` in a package's ``__init__`` and in a module resolve differently."""
    node = ast.parse("from ..calendars import _engine").body[0]
    assert isinstance(node, ast.ImportFrom)
    assert "accountplan.calendars" == _resolve("accountplan.sla._measure", False, node)
    assert "accountplan.calendars" == _resolve("accountplan.sla", True, node)


# -- the library itself --------------------------------------------------------------------


SOURCES = parse_tree()


def test_the_scan_reads_every_package() -> None:
    """The tree is found: the calendars, SLA and tickets packages are among the modules."""
    packages = {package_of(module) for module in SOURCES}
    assert {"calendars", "sla", "tickets", "_validate", "money"} <= packages
    assert len(SOURCES) > 30


def test_no_package_imports_another_packages_private_module() -> None:
    """Only public names cross package boundaries (shared top-level helpers excepted)."""
    found = [
        line
        for module, (is_package, tree) in SOURCES.items()
        for line in import_violations(module, is_package, tree)
    ]
    assert [] == found


def test_no_package_reads_another_packages_private_attributes() -> None:
    """No ``obj._engine``-style reads into another package's models."""
    assert [] == attribute_violations(SOURCES)
