"""The JSON wire format of the escalation models (cattrs configuration).

Condition trees are a tagged union: every node carries a ``kind`` tag,
``"condition"``, ``"all"``, ``"any"`` or ``"not"``, and nothing else is
written (no null padding)::

    {"kind": "all", "conditions": [
        {"kind": "condition", "field": "ticket.priority", "op": "<=", "value": "high"},
        {"kind": "not", "condition": {"kind": "condition", "field": "ticket.resolved",
                                      "op": "==", "value": true}}]}

Reading also accepts rule text wherever a condition tree is expected
(``"when": "priority <= 2"``). A condition's ``value`` and a context's
values are written in their field's wire form: priorities by name, numbers as
decimal strings, durations as ISO 8601 (``"PT4H"``), sets as sorted arrays.
"""

from __future__ import annotations

import json
import typing

import cattrs

from accountplan._converter import Bad
from accountplan.escalation._conditions import All, Any, Condition, Expression, Not
from accountplan.escalation._text import format_condition, parse_condition
from accountplan.exceptions import InvalidTypeError

__all__ = ["CONDITION_KINDS", "configure_converter"]

CONDITION_KINDS: typing.Mapping[str, type] = {
    "condition": Condition,
    "all": All,
    "any": Any,
    "not": Not,
}
"""The ``kind`` tag of each condition node."""


def _is_expression(type_: typing.Any) -> bool:
    return bool(type_ == Expression)


def _text_or(
    base: typing.Callable[[typing.Any, typing.Any], typing.Any], kind: str, cls: type
) -> typing.Callable[[typing.Any, typing.Any], typing.Any]:
    """A structure hook for one node class that also accepts its rule text."""

    def hook(value: typing.Any, type_: typing.Any) -> typing.Any:
        if isinstance(value, str):
            parsed = parse_condition(value)
            if not isinstance(parsed, cls):
                raise Bad(value, f"expected rule text of a {kind!r} node")
            return parsed
        return base(value, type_)

    return hook


def configure_converter(
    converter: cattrs.Converter, /, *, conditions_as_text: bool = False
) -> None:
    """Teach ``converter`` the escalation wire format (the tagged condition union).

    Args:
        converter: A converter from
            [make_converter][accountplan.serialization.make_converter]; it is
            changed in place.
        conditions_as_text: Write condition trees as rule text
            (``"priority <= 2"``) instead of tagged objects. Reading accepts
            both either way.

    Returns:
        None.

    Raises:
        InvalidTypeError: ``converter`` is not a ``cattrs.Converter``.

    Examples:
        >>> from accountplan.serialization import make_converter, to_json
        >>> from accountplan.escalation import RoutingRule
        >>> converter = make_converter()
        >>> configure_converter(converter, conditions_as_text=True)
        >>> rule = RoutingRule(name="vip", when="account.tier == 'gold'", route_to="tier2")
        >>> to_json(rule, converter=converter)  # doctest: +NORMALIZE_WHITESPACE
        '{"name": "vip", "when": "account.tier == \\'gold\\'",
          "route_to": "tier2", "kind": "functional"}'
    """

    if not isinstance(converter, cattrs.Converter):
        raise InvalidTypeError("converter", converter, "must be a cattrs.Converter")
    if not isinstance(conditions_as_text, bool):
        raise InvalidTypeError("conditions_as_text", conditions_as_text, "must be a bool")

    def structure(value: typing.Any, _: typing.Any) -> Expression:
        if isinstance(value, str):
            return parse_condition(value)
        if not isinstance(value, dict):
            raise Bad(value, "expected a condition object with a 'kind' tag, or rule text")
        tag = value.get("kind")
        cls = CONDITION_KINDS.get(tag) if isinstance(tag, str) else None
        if cls is None:
            options = ", ".join(json.dumps(k) for k in CONDITION_KINDS)
            shown = "no 'kind'" if tag is None else f"kind {json.dumps(tag)}"
            raise Bad(tag, f"expected a 'kind' tag of {options}, got {shown}")
        return typing.cast(Expression, converter.structure(value, cls))

    def unstructure(value: Expression) -> typing.Any:
        if conditions_as_text:
            return format_condition(value)
        return converter.unstructure(value, type(value))

    for kind, cls in CONDITION_KINDS.items():
        converter.register_structure_hook(
            cls, _text_or(converter.get_structure_hook(cls), kind, cls)
        )
    converter.register_structure_hook_func(_is_expression, structure)
    converter.register_unstructure_hook_func(_is_expression, unstructure)
    if conditions_as_text:
        for cls in CONDITION_KINDS.values():
            converter.register_unstructure_hook(cls, format_condition)
