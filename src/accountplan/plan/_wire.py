"""The plan's wire format: extra details as tagged values, so each keeps its type."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError

from accountplan._converter import Bad
from accountplan.exceptions import InvalidTypeError
from accountplan.money import Money
from accountplan.plan._extra import EXTRA_TYPES, ExtraValue, check_extra_value, extra_type

__all__ = ["configure_converter"]

_TYPES: dict[str, type] = dict(EXTRA_TYPES)
_NAMES = ", ".join(f'"{name}"' for name, _ in EXTRA_TYPES)


def _is_extra(type_: Any) -> bool:
    return bool(type_ == ExtraValue)


def _note(problem: Exception, name: str, type_: Any) -> Exception:
    problem.add_note(AttributeValidationNote(f"Structuring {name}", name, type_))
    return problem


def configure_converter(converter: cattrs.Converter, /) -> None:
    """Teach ``converter`` the plan wire format: extra details as tagged values.

    An extra detail is written as ``{"type": ..., "value": ...}`` with the
    type one of ``text``, ``boolean``, ``integer``, ``decimal`` (a decimal
    string), ``date`` (``YYYY-MM-DD``) or ``money`` (a Money object), so a
    date or a decimal never comes back as text. Reading checks the tag and
    the value; [from_dict][accountplan.serialization.from_dict] also takes a
    native ``Decimal``, ``date`` or ``Money``.

    Args:
        converter: A converter from
            [make_converter][accountplan.serialization.make_converter]; it is
            changed in place.

    Returns:
        None.

    Raises:
        InvalidTypeError: ``converter`` is not a ``cattrs.Converter``.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.plan import ExtraValue
        >>> from accountplan.serialization import make_converter
        >>> converter = make_converter()
        >>> converter.unstructure(dt.date(2019, 3, 1), ExtraValue)
        {'type': 'date', 'value': '2019-03-01'}
        >>> converter.structure({"type": "integer", "value": 140}, ExtraValue)
        140
    """
    if not isinstance(converter, cattrs.Converter):
        raise InvalidTypeError("converter", converter, "must be a cattrs.Converter")

    def unstructure(value: Any) -> dict[str, Any]:
        name = extra_type(value)
        return {"type": name, "value": converter.unstructure(value, _TYPES[name])}

    def structure(value: Any, _: Any) -> ExtraValue:
        if isinstance(value, Decimal | dt.date | Money) and not isinstance(value, dt.datetime):
            return check_extra_value("value", value)
        if not isinstance(value, dict):
            raise Bad(value, 'expected an object {"type": ..., "value": ...}')
        problems: list[Exception] = []
        tag = value.get("type")
        type_ = _TYPES.get(tag) if isinstance(tag, str) else None
        if "type" not in value:
            problems.append(_note(Bad(None, "is required"), "type", str))
        elif type_ is None:
            problems.append(_note(Bad(tag, f"expected one of {_NAMES}"), "type", str))
        unknown = sorted(str(k) for k in value if k not in ("type", "value"))
        for key in unknown:
            problems.append(_note(Bad(value[key], "is not a field of an extra value"), key, Any))
        if "value" not in value:
            problems.append(_note(Bad(None, "is required"), "value", Any))
        if problems:
            raise ClassValidationError("While structuring an extra value", problems, dict)
        assert type_ is not None  # for mypy: a missing or bad tag was reported above
        raw = value["value"]
        try:
            if type_ is int and (isinstance(raw, bool) or not isinstance(raw, int)):
                raise Bad(raw, "expected an integer")
            if type_ is str and not isinstance(raw, str):
                raise Bad(raw, "expected a string")
            return check_extra_value("value", converter.structure(raw, type_))
        except Exception as exc:
            raise ClassValidationError(
                "While structuring an extra value", [_note(exc, "value", type_)], dict
            ) from None

    converter.register_unstructure_hook_func(_is_extra, unstructure)
    converter.register_structure_hook_func(_is_extra, structure)
