"""Conditions as data: ``Condition(field, op, value)`` combined with ``All``, ``Any``, ``Not``.

A condition names a field of the routing context (see ``CONTEXT_SCHEMA``);
its operator and value are checked against the field's declared type when
the condition is built. A field that is absent from a context (no account,
no tier, no running clock) makes a comparison false, except ``!=`` and
``not in``, which are always the negation of ``==`` and ``in``.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Iterable, Mapping
from typing import Literal, get_args

import attrs

from accountplan._validate import check_items
from accountplan.escalation._schema import (
    CONTEXT_SCHEMA,
    FieldSpec,
    RoutingContext,
    field_spec,
    to_value,
)
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.tickets import Priority

__all__ = [
    "MAX_CONDITIONS",
    "MAX_DEPTH",
    "MAX_LIST_ITEMS",
    "OPERATORS",
    "All",
    "Any",
    "Condition",
    "ConditionOp",
    "Expression",
    "Not",
    "canonical_field",
    "explain",
    "matches",
]

ConditionOp = Literal["==", "!=", "<", "<=", ">", ">=", "in", "not in", "contains", "startswith"]
"""The comparison operators of a condition."""
OPERATORS: tuple[str, ...] = get_args(ConditionOp)

MAX_DEPTH = 32
"""The deepest nesting of All / Any / Not a condition tree may have."""
MAX_CONDITIONS = 200
"""The most comparisons one condition tree may hold."""
MAX_LIST_ITEMS = 100
"""The most values in an ``in`` / ``not in`` list."""

_ORDERED = ("==", "!=", "<", "<=", ">", ">=", "in", "not in")
_OPS_BY_TYPE: Mapping[str, tuple[str, ...]] = {
    "text": ("==", "!=", "in", "not in", "contains", "startswith"),
    "number": _ORDERED,
    "duration": _ORDERED,
    "priority": _ORDERED,
    "boolean": ("==", "!="),
    "choice": ("==", "!=", "in", "not in"),
    "text_set": ("contains",),
}


def canonical_field(name: typing.Any) -> str:
    """Return the schema name of ``name``; a bare ticket field gets its ``ticket.`` prefix."""
    if isinstance(name, str) and "." not in name and f"ticket.{name}" in CONTEXT_SCHEMA:
        return f"ticket.{name}"
    if not isinstance(name, str):
        raise InvalidTypeError("field", name, "must be a field name (str)")
    return name


def _element_spec(spec: FieldSpec) -> FieldSpec:
    return FieldSpec(type="text", description=spec.description) if spec.type == "text_set" else spec


def condition_value(field: str, op: str, value: typing.Any) -> typing.Any:
    """Check ``op`` and ``value`` against the type of ``field``; return the stored value."""
    spec = field_spec(field)
    allowed = _OPS_BY_TYPE[spec.type]
    if op not in OPERATORS:
        raise InvalidInputError("op", op, f"must be one of {', '.join(OPERATORS)}")
    if op not in allowed:
        raise InvalidInputError(
            "op", op, f"does not apply to {field} (a {spec.type}); use one of {', '.join(allowed)}"
        )
    element = _element_spec(spec)
    if op in ("in", "not in"):
        if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
            raise InvalidTypeError("value", value, f"must be a list of values for {op!r}")
        items = tuple(value)
        if len(items) > MAX_LIST_ITEMS:
            raise LimitExceededError("value", len(items), MAX_LIST_ITEMS)
        return tuple(_scalar(field, element, item) for item in items)
    return _scalar(field, element, value)


def _scalar(field: str, spec: FieldSpec, value: typing.Any) -> typing.Any:
    result = to_value("value", value, spec)
    if isinstance(result, dt.timedelta) and result.microseconds:
        raise InvalidInputError("value", value, f"must be whole seconds for {field}")
    return result


@attrs.frozen(kw_only=True)
class Condition:
    """One comparison of a routing-context field with a value.

    Attributes:
        field: A field of ``CONTEXT_SCHEMA`` (``ticket.priority``,
            ``account.tier`` ...); a bare ticket field (``priority``) gets
            its ``ticket.`` prefix.
        op: ``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``, ``in``, ``not in``,
            ``contains`` or ``startswith``; which apply depends on the field's type.
        value: A value of the field's type (a list for ``in`` / ``not in``).
            Priorities are a ``Priority``, a level 1-5 or a name; numbers an
            ``int``, ``Decimal`` or decimal string; durations a ``timedelta``
            of whole seconds (or ISO 8601 text).
        kind: The JSON tag, always ``"condition"``.

    Raises:
        InvalidInputError: the field is unknown, the operator does not apply
            to its type or the value does not fit it.

    Examples:
        >>> Condition(field="priority", op="<=", value=2)
        Condition(field='ticket.priority', op='<=', value=<Priority.HIGH: 'high'>)
    """

    kind: Literal["condition"] = attrs.field(default="condition", repr=False)
    field: str = attrs.field(converter=canonical_field)
    op: ConditionOp
    value: typing.Any

    def __attrs_post_init__(self) -> None:
        _check_kind(self.kind, "condition")
        object.__setattr__(self, "value", condition_value(self.field, self.op, self.value))


def _check_kind(kind: typing.Any, expected: str) -> None:
    if kind != expected:
        raise InvalidInputError("kind", kind, f"must be {expected!r}")


def _measure(expr: Expression) -> tuple[int, int]:
    """(depth, number of comparisons) of a tree."""
    if isinstance(expr, Condition):
        return 0, 1
    if isinstance(expr, Not):
        depth, count = _measure(expr.condition)
        return depth + 1, count
    depth, count = 0, 0
    for child in expr.conditions:
        d, c = _measure(child)
        depth, count = max(depth, d), count + c
    return depth + 1, count


def _check_limits(expr: Expression) -> None:
    depth, count = _measure(expr)
    if depth > MAX_DEPTH:
        raise LimitExceededError("condition", depth, MAX_DEPTH, f"nests deeper than {MAX_DEPTH}")
    if count > MAX_CONDITIONS:
        raise LimitExceededError(
            "condition", count, MAX_CONDITIONS, f"has more than {MAX_CONDITIONS} comparisons"
        )


def _children(value: typing.Any) -> tuple[Expression, ...]:
    # A function, not tuple_of: All, Any and Not are defined below it; and a
    # combination of one condition is refused (use the condition itself).
    field = "conditions"
    items = check_items(
        field, value, (Condition, All, Any, Not), limit=MAX_CONDITIONS, what="conditions"
    )
    if len(items) < 2:
        raise InvalidInputError(
            field, len(items), "must hold at least two conditions (use the condition itself)"
        )
    return items


@attrs.frozen(kw_only=True)
class All:
    """True when every one of its conditions is true (``a and b``).

    Attributes:
        conditions: Two or more conditions, checked in order.
        kind: The JSON tag, always ``"all"``.

    Raises:
        InvalidInputError: fewer than two conditions.
        LimitExceededError: deeper than ``MAX_DEPTH`` or more than
            ``MAX_CONDITIONS`` comparisons.

    Examples:
        >>> c = All(conditions=[Condition(field="priority", op="==", value=1),
        ...                     Condition(field="channel", op="==", value="phone")])
        >>> len(c.conditions)
        2
    """

    kind: Literal["all"] = attrs.field(default="all", repr=False)
    conditions: tuple[Expression, ...] = attrs.field(converter=_children)

    def __attrs_post_init__(self) -> None:
        _check_kind(self.kind, "all")
        _check_limits(self)


@attrs.frozen(kw_only=True)
class Any:
    """True when at least one of its conditions is true (``a or b``).

    Attributes:
        conditions: Two or more conditions, checked in order.
        kind: The JSON tag, always ``"any"``.

    Raises:
        InvalidInputError: fewer than two conditions.
        LimitExceededError: deeper than ``MAX_DEPTH`` or more than
            ``MAX_CONDITIONS`` comparisons.

    Examples:
        >>> c = Any(conditions=[Condition(field="priority", op="==", value=1),
        ...                     Condition(field="sla.state", op="==", value="breached")])
        >>> c.conditions[1].value
        'breached'
    """

    kind: Literal["any"] = attrs.field(default="any", repr=False)
    conditions: tuple[Expression, ...] = attrs.field(converter=_children)

    def __attrs_post_init__(self) -> None:
        _check_kind(self.kind, "any")
        _check_limits(self)


def _child(value: typing.Any) -> Expression:
    # A function, not instance_of: Not is defined below it.
    if not isinstance(value, Condition | All | Any | Not):
        raise InvalidTypeError("condition", value, "must be a Condition, All, Any or Not")
    return value


@attrs.frozen(kw_only=True)
class Not:
    """True when its condition is false (``not a``).

    Attributes:
        condition: The condition to negate.
        kind: The JSON tag, always ``"not"``.

    Raises:
        LimitExceededError: deeper than ``MAX_DEPTH``.

    Examples:
        >>> Not(condition=Condition(field="ticket.resolved", op="==", value=True)).kind
        'not'
    """

    kind: Literal["not"] = attrs.field(default="not", repr=False)
    condition: Expression = attrs.field(converter=_child)

    def __attrs_post_init__(self) -> None:
        _check_kind(self.kind, "not")
        _check_limits(self)


Expression = Condition | All | Any | Not
"""A condition tree: a comparison or a combination of them."""

_MISSING = object()


def _level(value: typing.Any) -> typing.Any:
    return value.level if isinstance(value, Priority) else value


def _compare(op: str, actual: typing.Any, expected: typing.Any) -> bool:
    if op == "==":
        return bool(actual == expected)
    if op == "!=":
        return bool(actual != expected)
    if op == "in":
        return actual in expected
    if op == "not in":
        return actual not in expected
    if op == "contains":
        return expected in actual
    if op == "startswith":
        return bool(actual.startswith(expected))
    left, right = _level(actual), _level(expected)
    if op == "<":
        return bool(left < right)
    if op == "<=":
        return bool(left <= right)
    if op == ">":
        return bool(left > right)
    return bool(left >= right)


def leaf_result(condition: Condition, values: Mapping[str, typing.Any]) -> tuple[bool, bool]:
    """(result, missing) of one comparison against a context's values."""
    actual = values.get(condition.field, _MISSING)
    if actual is _MISSING:
        return condition.op in ("!=", "not in"), True
    return _compare(condition.op, actual, condition.value), False


def explain(expr: Expression, values: Mapping[str, typing.Any]) -> tuple[bool, Condition, bool]:
    """Evaluate ``expr``; return (result, deciding comparison, whether it sits under a Not).

    For a false result the deciding comparison is the first one that made it
    false; for a true result the first one that made it true.
    """
    if isinstance(expr, Condition):
        return leaf_result(expr, values)[0], expr, False
    if isinstance(expr, Not):
        result, leaf, negated = explain(expr.condition, values)
        return not result, leaf, not negated
    want_all = isinstance(expr, All)
    first: tuple[bool, Condition, bool] | None = None
    for child in expr.conditions:
        outcome = explain(child, values)
        if first is None:
            first = outcome
        if outcome[0] is not want_all:
            return outcome
    assert first is not None  # All and Any hold at least two conditions
    return first


def _check_context(context: typing.Any) -> Mapping[str, typing.Any]:
    if not isinstance(context, RoutingContext):
        raise InvalidTypeError("context", context, "must be a RoutingContext")
    return context.values


def check_expression(field: str, value: typing.Any) -> Expression:
    """Return ``value`` if it is a condition tree, else raise naming ``field``."""
    if not isinstance(value, Condition | All | Any | Not):
        raise InvalidTypeError(field, value, "must be a Condition, All, Any or Not")
    return value


def matches(condition: Expression, context: RoutingContext, /) -> bool:
    """Whether ``condition`` holds in ``context``.

    Args:
        condition: A condition tree.
        context: The facts, from [context_for][accountplan.escalation.context_for].

    Returns:
        ``True`` when the condition holds.

    Raises:
        InvalidTypeError: an argument has the wrong type.

    Examples:
        >>> import datetime as dt
        >>> ctx = RoutingContext(as_of=dt.datetime(2026, 3, 2, tzinfo=dt.UTC),
        ...                      values={"ticket.priority": "high"})
        >>> matches(Condition(field="priority", op="<=", value=2), ctx)
        True
        >>> matches(Condition(field="account.tier", op="==", value="gold"), ctx)
        False
    """
    expr = check_expression("condition", condition)
    return explain(expr, _check_context(context))[0]
