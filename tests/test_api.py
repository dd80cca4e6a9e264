"""The public surface: every exported name resolves, nothing private leaks, floors hold."""

from __future__ import annotations

import ast
import pathlib

import pytest

import accountplan
from tests.public_api import public_modules

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
    "_typing": 1,
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
    "report": 5,
    "serialization": 5,
    "__main__": 5,
    "data": 1,
}


@pytest.mark.parametrize("module", public_modules(), ids=lambda m: m.__name__)
def test_all_is_sorted_and_resolves(module: object) -> None:
    """Each public module lists a sorted __all__ whose names resolve and are public."""
    names = getattr(module, "__all__", None)
    assert names is not None, f"{module} has no __all__"
    assert sorted(names) == sorted(set(names)), "duplicates in __all__"
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
