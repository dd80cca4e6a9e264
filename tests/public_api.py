"""Enumerate the public surface of accountplan: modules, names, models, enums."""

from __future__ import annotations

import enum
import importlib
import pkgutil
from types import ModuleType
from typing import Any

import attrs

import accountplan
from accountplan.exceptions import MissingDependencyError


def importable(name: str) -> ModuleType | None:
    """The module ``name``, or ``None`` when it needs an optional extra that is not installed."""
    try:
        return importlib.import_module(name)
    except MissingDependencyError:
        return None


def public_module_names() -> frozenset[str]:
    """The dotted names of every public module, importable here or not.

    Unlike [public_modules][], this includes the modules of an optional extra
    that is not installed: they are public (and documented) all the same.
    """
    names = {accountplan.__name__}
    for info in pkgutil.walk_packages(accountplan.__path__, prefix="accountplan."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.add(info.name)
    return frozenset(names)


def public_modules() -> list[ModuleType]:
    """Every importable module of accountplan whose dotted path has no private part.

    Modules of an optional extra that is not installed (``accountplan.frames``
    without pandas, ``accountplan.dask`` without dask) are left out.
    """
    modules: list[ModuleType] = [accountplan]
    for info in pkgutil.walk_packages(accountplan.__path__, prefix="accountplan."):
        parts = info.name.split(".")
        if any(part.startswith("_") for part in parts):
            continue
        module = importable(info.name)
        if module is not None:
            modules.append(module)
    return modules


def public_objects() -> dict[str, Any]:
    """Every object named in a public ``__all__``, keyed by its qualified public name."""
    found: dict[str, Any] = {}
    for module in public_modules():
        for name in getattr(module, "__all__", ()):
            found[f"{module.__name__}.{name}"] = getattr(module, name)
    return found


def public_models() -> list[type]:
    """Every attrs class in the public API, once each, in a stable order."""
    seen: dict[str, type] = {}
    for obj in public_objects().values():
        if isinstance(obj, type) and attrs.has(obj):
            seen.setdefault(f"{obj.__module__}.{obj.__qualname__}", obj)
    return [seen[k] for k in sorted(seen)]


#: Public enums whose labels the i18n catalogs do not carry yet: the catalogs'
#: owner adds them (en Error/Warning, nl Fout/Waarschuwing, de Fehler/Warnung,
#: fr Erreur/Avertissement) and removes the name here.
LABELS_PENDING: frozenset[str] = frozenset()


def public_enums() -> list[type[enum.Enum]]:
    """Every Enum class in the public API, once each (but those in ``LABELS_PENDING``)."""
    seen: dict[str, type[enum.Enum]] = {}
    for obj in public_objects().values():
        if isinstance(obj, type) and issubclass(obj, enum.Enum):
            name = f"{obj.__module__}.{obj.__qualname__}"
            if name not in LABELS_PENDING:
                seen.setdefault(name, obj)
    return [seen[k] for k in sorted(seen)]


def apply_field(field: attrs.Attribute[Any], value: Any) -> None:
    """Run a field's converter and validator on ``value``, as the constructor does."""
    converter: Any = field.converter
    if isinstance(converter, attrs.Converter):
        value = converter.converter(value, field)  # type: ignore[attr-defined]
    elif converter is not None:
        value = converter(value)
    if field.validator is not None:
        field.validator(None, field, value)
