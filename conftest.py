"""Test configuration: Hypothesis profiles and Sybil for docs and docstrings."""

from __future__ import annotations

import ast
import importlib.util
import os
import pathlib
import sys
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from sybil import Sybil
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser
from sybil.parsers.rest import DocTestParser

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

_DOCTEST_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE

_docs = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=_DOCTEST_FLAGS),
    ],
    patterns=["*.md"],
    path="docs",
)
_src = Sybil(
    parsers=[DocTestParser(optionflags=_DOCTEST_FLAGS)],
    patterns=["*.py"],
    path="src",
)

pytest_collect_file = (_docs + _src).pytest()


def _docstring_spans(path: str) -> list[tuple[int, int]]:
    """The first and last line of every docstring in a Python module."""
    tree = ast.parse(pathlib.Path(path).read_text(encoding="utf-8"))
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                spans.append((first.lineno, first.end_lineno or first.lineno))
    return spans


#: Code that needs an optional extra: the extra's module, and the text that shows a use of it.
_EXTRA_USES = (
    ("pandas", ("import pandas", "accountplan.frames", "accountplan/frames/")),
    ("dask", ("import dask", "accountplan.dask", "accountplan/dask.py")),
    ("distributed", ("import distributed",)),
)


def _skip_missing_extras(items: list[pytest.Item]) -> None:
    """Skip the docs pages and modules that use pandas or dask when they are missing.

    A page's code blocks (and a module's docstrings) share one namespace, so
    the whole page (or module) is skipped.
    """
    missing = [
        (module, uses) for module, uses in _EXTRA_USES if importlib.util.find_spec(module) is None
    ]
    if not missing:
        return
    for item in items:
        example = getattr(item, "example", None)
        if example is None:
            continue
        document = example.document
        path = str(document.path)
        # A module is known by its path (other modules import pandas lazily); a page by its text.
        text = path if path.endswith(".py") else document.text
        for module, uses in missing:
            if any(use in text for use in uses):
                item.add_marker(pytest.mark.skip(reason=f"needs the optional {module!r} package"))
                break


# An example whose source holds the marker needs the module (an optional extra).
_NEEDS = {
    "from_holidays(": ("holidays", "holidays"),
    ".to_pandas(": ("pandas", "pandas"),
    "import pandas": ("pandas", "pandas"),
    "accountplan.plots": ("matplotlib", "plot"),
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Skip the examples that need an optional extra when it is not installed.

    Tests call ``pytest.importorskip(...)``. An example that builds a
    calendar with ``from_holidays`` (``holidays``), makes a DataFrame
    (``pandas``) or draws with ``accountplan.plots`` (``matplotlib``) is
    skipped with every example that shares its names: the rest of its
    docstring in a module, its whole page in the docs (a page's code blocks
    share one namespace).
    """
    _skip_missing_extras(items)
    missing = {
        marker: extra
        for marker, (module, extra) in _NEEDS.items()
        if importlib.util.find_spec(module) is None
    }
    if not missing:
        return
    examples: list[tuple[pytest.Item, Any]] = [
        (item, item.example) for item in items if hasattr(item, "example")
    ]
    # A code block parses to its source; a doctest to an Example with .source.
    needing = [
        (example, extra)
        for _, example in examples
        for marker, extra in missing.items()
        if marker in str(getattr(example.parsed, "source", example.parsed))
    ]
    skipped: dict[tuple[str, int, int], str] = {}  # (document, first, last line) -> extra
    for example, extra in needing:
        path = str(example.document.path)
        if path.endswith(".py"):
            for first, last in _docstring_spans(path):
                if first <= example.line <= last:
                    skipped[(path, first, last)] = extra
        else:
            skipped[(path, 0, sys.maxsize)] = extra
    for item, example in examples:
        path = str(example.document.path)
        for (p, first, last), extra in skipped.items():
            if p == path and first <= example.line <= last:
                item.add_marker(pytest.mark.skip(reason=f"needs the optional {extra!r} extra"))
                break


__all__ = ["CodeBlockParser"]
