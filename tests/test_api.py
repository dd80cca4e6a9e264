"""The public surface: every exported name resolves, nothing private leaks, floors hold."""

from __future__ import annotations

import ast
import pathlib
import pkgutil
import re
from types import ModuleType

import pytest

import accountplan
from tests.public_api import importable, public_modules

SRC = pathlib.Path(accountplan.__file__).parent

# DESIGN.md: dependencies point downward only.
FLOORS = {
    "exceptions": 1,
    "money": 1,
    "calendars": 1,
    "i18n": 1,
    "_converter": 1,
    "_decimal": 1,
    "_frozen": 1,
    "_pickling": 1,
    "_tables": 1,
    "_typing": 1,
    "_units": 1,
    "_validate": 1,
    "_version": 1,
    "accounts": 2,
    "tickets": 2,
    "billing": 3,
    "sla": 3,
    "escalation": 3,
    "maturity": 3,
    "kpi": 3,
    "plan": 4,
    "frames": 4,
    "dask": 4,
    "report": 5,
    "plots": 5,
    "serialization": 5,
    "__main__": 5,
    "data": 1,
}


def all_order(name: str) -> tuple[int, list[tuple[int, int | str]]]:
    """The order of ``__all__`` that ruff's RUF022 enforces (isort style).

    SCREAMING_SNAKE_CASE constants first, then CamelCase classes, then
    everything else; a natural sort within each group (``X2`` before ``X10``).
    """
    if len(name) > 1 and name.upper() == name and any(c.isalpha() for c in name):
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    parts = re.split(r"(\d+)", name)
    return group, [(0, int(p)) if p.isdigit() else (1, p) for p in parts if p]


@pytest.mark.parametrize(
    ("unsorted", "expected"),
    [
        (["b", "a"], ["a", "b"]),
        (
            ["Money", "PRECISION_OVERRIDES", "allocate"],
            ["PRECISION_OVERRIDES", "Money", "allocate"],
        ),
        (["x10", "x2"], ["x2", "x10"]),
        (["Timeline", "Engine"], ["Engine", "Timeline"]),
    ],
)
def test_all_order_can_fail(unsorted: list[str], expected: list[str]) -> None:
    """Regression: the check compared sorted to sorted and never looked at the order."""
    assert unsorted != sorted(unsorted, key=all_order)
    assert expected == sorted(unsorted, key=all_order)


def _all_modules() -> list[ModuleType]:
    """Every module of accountplan, private ones too: each keeps its ``__all__`` sorted."""
    found = [accountplan]
    for info in pkgutil.walk_packages(accountplan.__path__, prefix="accountplan."):
        module = importable(info.name)
        if module is not None:
            found.append(module)
    return found


@pytest.mark.parametrize("module", _all_modules(), ids=lambda m: m.__name__)
def test_every_all_is_sorted(module: ModuleType) -> None:
    """Every ``__all__``, in public and private modules, is in RUF022 order."""
    names = list(getattr(module, "__all__", ()))
    assert names == sorted(names, key=all_order)


@pytest.mark.parametrize("module", public_modules(), ids=lambda m: m.__name__)
def test_all_is_sorted_and_resolves(module: object) -> None:
    """Each public module lists a sorted __all__ whose names resolve and are public."""
    names = getattr(module, "__all__", None)
    assert names is not None, f"{module} has no __all__"
    assert len(names) == len(set(names)), "duplicates in __all__"
    assert list(names) == sorted(names, key=all_order), "__all__ is not sorted"
    for name in names:
        assert hasattr(module, name), f"{name} does not resolve"
        if name != "__version__":
            assert not name.startswith("_"), f"private name {name} leaks"


def test_version() -> None:
    """The package has a version string."""
    assert isinstance(accountplan.__version__, str)


def _top(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "accountplan" or len(parts) < 2:
        return None
    return parts[1]


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_downward(path: pathlib.Path) -> None:
    """No module imports a package on a higher floor than its own."""
    relative = path.relative_to(SRC)
    own = relative.parts[0].removesuffix(".py")
    if own == "__init__":
        return
    own_floor = FLOORS[own]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [node.module]
        for target in targets:
            top = _top(target)
            if top is None or top == own:
                continue
            assert top in FLOORS, f"unknown package {top}"
            assert FLOORS[top] <= own_floor, f"{relative} (floor {own_floor}) imports {target}"
