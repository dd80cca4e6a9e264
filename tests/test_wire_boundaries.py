"""No dependency type leaks into the public API: babel stays internal."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from tests.public_api import public_objects


def _callables() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, obj in public_objects().items():
        if inspect.isfunction(obj) or inspect.isbuiltin(obj):
            found[name] = obj
        elif inspect.isclass(obj):
            found[name] = obj
            for attr, member in vars(obj).items():
                if attr.startswith("_") and attr != "__init__":
                    continue
                wrapped = isinstance(member, classmethod | staticmethod)
                function = member.__func__ if wrapped else member
                if inspect.isfunction(function):
                    found[f"{name}.{attr}"] = function
    return found


CALLABLES = _callables()


def _annotations(obj: Any) -> list[str]:
    """The annotations of a callable (or a class's fields and ``__init__``), as text."""
    texts: list[str] = []
    targets = [obj]
    if inspect.isclass(obj):
        targets = [obj.__init__]
        texts.extend(str(v) for v in getattr(obj, "__annotations__", {}).values())
    for target in targets:
        texts.extend(str(v) for v in getattr(target, "__annotations__", {}).values())
        try:
            signature = inspect.signature(target)
        except (TypeError, ValueError):
            continue
        texts.append(str(signature))
    return texts


def test_there_are_callables() -> None:
    """The survey covers the public API (guards against an empty parameter set)."""
    assert len(CALLABLES) > 100
    assert "accountplan.i18n.parse_locale" in CALLABLES


@pytest.mark.parametrize("name", sorted(CALLABLES))
def test_no_babel_in_public_signatures(name: str) -> None:
    """No public signature or annotation names babel."""
    mentions = [text for text in _annotations(CALLABLES[name]) if "babel" in text.lower()]
    assert not mentions, f"{name} exposes babel: {mentions}"
