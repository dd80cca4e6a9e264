"""The JSON Schema (draft 2020-12) of an account plan's JSON, derived from the models.

The schema is built by walking the type annotations of the plan's models, with
the rules of the library's wire format (see the docs page "JSON wire format"):
decimals are strings, dates ``YYYY-MM-DD``, instants RFC 3339 with an offset,
durations ISO 8601, enums and options their value strings, tuples and sets
arrays, mappings objects. Every model object is closed
(``additionalProperties: false``); fields with a default may be left out.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import re
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal, get_args, get_origin

import attrs

from accountplan._frozen import FrozenMap
from accountplan.escalation import All, Condition, Not
from accountplan.escalation import Any as AnyCondition
from accountplan.money import Money
from accountplan.plan._extra import EXTRA_TYPES, SECTIONS, ExtraValue
from accountplan.plan._plan import AccountPlan

__all__ = ["DECIMAL_PATTERN", "DURATION_PATTERN", "SCHEMA_ID", "plan_schema"]

#: The ``$id`` of the plan schema.
SCHEMA_ID = "urn:accountplan:schema:account-plan"
#: A decimal string as the wire format writes and reads it.
DECIMAL_PATTERN = r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,9})?$"
#: An ISO 8601 duration in weeks, days, hours, minutes and seconds.
DURATION_PATTERN = (
    r"^[+-]?P(?!$)(?:[0-9]{1,9}W)?(?:[0-9]{1,9}D)?"
    r"(?:T(?=[0-9])(?:[0-9]{1,12}H)?(?:[0-9]{1,14}M)?(?:[0-9]{1,16}(?:[.,][0-9]{1,6})?S)?)?$"
)
_DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_DATETIME_PATTERN = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?)"
    r"(?:\[[A-Za-z0-9_+\-/]{1,64}\])?$"
)
_INTEGER_KEY_PATTERN = r"^-?[0-9]{1,18}$"
_CONDITIONS = frozenset({Condition, All, AnyCondition, Not})


_LINK = re.compile(r"\[`?([^\]`]+)`?\]\[[\w.]+\]")


def plain(text: str) -> str:
    """Docstring text without mkdocs cross-reference and code markup."""
    return _LINK.sub(r"\1", text).replace("``", "")


def summary(cls: type) -> str:
    """The first line of a class's docstring."""
    return plain((cls.__doc__ or cls.__name__).strip().splitlines()[0])


def attribute_docs(cls: type) -> dict[str, str]:
    """The descriptions of the ``Attributes:`` section of a Google-style class docstring."""
    lines = (cls.__doc__ or "").splitlines()
    docs: dict[str, str] = {}
    inside = False
    indent = 0
    current = ""
    for line in lines:
        stripped = line.strip()
        if stripped == "Attributes:":
            inside, indent = True, len(line) - len(line.lstrip())
            continue
        if not inside:
            continue
        depth = len(line) - len(line.lstrip())
        if stripped and depth <= indent:
            break  # the next section
        if not stripped:
            continue
        name, colon, text = stripped.partition(":")
        if colon and depth == indent + 4 and name.isidentifier():
            current = name
            docs[current] = text.strip()
        elif current:
            docs[current] = f"{docs[current]} {stripped}"
    return {name: plain(text) for name, text in docs.items()}


class _Builder:
    """Collects one ``$defs`` entry per model class while walking the types."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.names: dict[type, str] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = self.names.get(cls)
        if name is None:
            name = cls.__name__
            taken = set(self.names.values())
            if name in taken:  # two models with one name: qualify by module
                name = f"{cls.__module__}.{cls.__name__}"
            self.names[cls] = name
            self.defs[name] = {}  # reserve first: models may refer to themselves
            self.defs[name] = self.model(cls)
        return {"$ref": f"#/$defs/{name}"}

    def model(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        docs = attribute_docs(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            name = field.alias or field.name
            type_ = hints[field.name]
            schema = self.type(type_)
            if name in docs:
                schema = {**schema, "description": docs[name]}
            properties[name] = schema
            tag = get_origin(type_) is Literal and len(get_args(type_)) == 1
            if field.default is attrs.NOTHING or tag:
                required.append(name)
        out: dict[str, Any] = {
            "type": "object",
            "title": cls.__name__,
            "description": summary(cls),
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            out["required"] = required
        return out

    def key(self, type_: Any) -> dict[str, Any]:
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return {"enum": [str(m.value) for m in type_]}
        if type_ is int:
            return {"pattern": _INTEGER_KEY_PATTERN}
        if type_ is dt.date:
            return {"pattern": _DATE_PATTERN}
        return {}

    def type(self, type_: Any) -> dict[str, Any]:
        origin = get_origin(type_)
        args = get_args(type_)
        if type_ is typing.Any:
            return {}
        if type_ == ExtraValue:
            return {"$ref": "#/$defs/ExtraValue"}
        if type_ is type(None):
            return {"type": "null"}
        if type_ is bool:
            return {"type": "boolean"}
        if type_ is int:
            return {"type": "integer"}
        if type_ is str:
            return {"type": "string"}
        if type_ is Decimal:
            return {"type": "string", "pattern": DECIMAL_PATTERN}
        if type_ is dt.datetime:
            return {"type": "string", "format": "date-time", "pattern": _DATETIME_PATTERN}
        if type_ is dt.date:
            return {"type": "string", "format": "date", "pattern": _DATE_PATTERN}
        if type_ is dt.timedelta:
            return {"type": "string", "format": "duration", "pattern": DURATION_PATTERN}
        if type_ is Money:
            return {"$ref": "#/$defs/Money"}
        if isinstance(type_, type) and issubclass(type_, enum.Enum):
            return {"enum": [m.value for m in type_]}
        if origin is Literal:
            return {"const": args[0]} if len(args) == 1 else {"enum": list(args)}
        if origin in (typing.Union, types.UnionType):
            members = [a for a in args if a is not type(None)]
            if frozenset(members) == _CONDITIONS:
                options = [{"type": "string"}, *(self.ref(m) for m in members)]
            else:
                options = [self.type(a) for a in members]
            if len(members) < len(args):
                options.append({"type": "null"})
            return options[0] if len(options) == 1 else {"anyOf": options}
        if origin is tuple:
            if len(args) == 2 and args[1] is Ellipsis:
                return {"type": "array", "items": self.type(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.type(a) for a in args],
                "items": False,
                "minItems": len(args),
            }
        if origin in (frozenset, typing.AbstractSet) or type_ is frozenset:
            item = self.type(args[0]) if args else {}
            return {"type": "array", "items": item, "uniqueItems": True}
        if origin in (FrozenMap, Mapping) or type_ is FrozenMap:
            key_type, value_type = args if len(args) == 2 else (typing.Any, typing.Any)
            out: dict[str, Any] = {"type": "object", "additionalProperties": self.type(value_type)}
            names = self.key(key_type)
            if names:
                out["propertyNames"] = names
            return out
        if attrs.has(type_):
            return self.ref(type_)
        raise TypeError(f"no wire rule for {type_!r}")  # pragma: no cover - a new model type


def _money() -> dict[str, Any]:
    return {
        "type": "object",
        "title": "Money",
        "properties": {
            "amount": {"type": "string", "pattern": DECIMAL_PATTERN},
            "currency": {"type": "string", "pattern": "^[A-Z]{3}$"},
        },
        "required": ["amount", "currency"],
        "additionalProperties": False,
    }


def _extra_value(builder: _Builder) -> dict[str, Any]:
    options = []
    for name, cls in EXTRA_TYPES:
        value = builder.type(cls)
        options.append(
            {
                "type": "object",
                "properties": {"type": {"const": name}, "value": value},
                "required": ["type", "value"],
                "additionalProperties": False,
            }
        )
    return {"title": "ExtraValue", "oneOf": options}


@lru_cache(maxsize=1)
def _build() -> dict[str, Any]:
    builder = _Builder()
    builder.defs["Money"] = _money()
    builder.defs["ExtraValue"] = _extra_value(builder)
    root = builder.model(AccountPlan)
    root["properties"]["extra"]["propertyNames"] = {"enum": list(SECTIONS)}
    root["properties"]["extra"]["additionalProperties"]["propertyNames"] = {
        "pattern": "^[A-Za-z0-9_.-]{1,100}$"
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **root,
        "title": "Account plan",
        "description": (
            "A customer account plan (the template's seven sections) as accountplan writes "
            "it with to_json and reads it with from_json(text, AccountPlan)."
        ),
        "$defs": dict(sorted(builder.defs.items())),
    }


def plan_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of an account plan's JSON.

    The schema describes what [to_json][accountplan.serialization.to_json]
    writes for an [AccountPlan][accountplan.plan.AccountPlan] and what
    ``from_json(text, AccountPlan)`` reads: every model is an object with
    exactly its fields (fields with a default may be left out), decimals are
    strings, dates ``YYYY-MM-DD``, durations ISO 8601 (``PT4H``), enums their
    value strings, and each extra detail a ``{"type": ..., "value": ...}``
    object. It checks shape and types; rules that need several values at once
    (a currency code known to CLDR, dunning levels in increasing order, a
    preferred channel that exists) are left to ``from_json``, and
    contradictions between sections to
    [validate_plan][accountplan.plan.validate_plan].

    Returns:
        A new dict each call (change it freely), ready for ``json.dumps``.

    Examples:
        >>> schema = plan_schema()
        >>> schema["$schema"]
        'https://json-schema.org/draft/2020-12/schema'
        >>> schema["required"]
        ['overview', 'communication', 'sla', 'billing', 'maintenance', 'monitoring', 'escalation']
        >>> schema["$defs"]["BillingSection"]["properties"]["payment_methods"]["items"]["enum"][:2]
        ['bank_transfer', 'direct_debit']
    """
    return copy.deepcopy(_build())
