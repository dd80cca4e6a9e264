"""The errors accountplan raises.

Every error derives from :class:`AccountPlanError`; each leaf also subclasses
the builtin it is, so ``except ValueError`` keeps working for callers who do
not know this library. Errors keep the offending data as attributes and name
it in the message.

>>> from accountplan.exceptions import InvalidInputError
>>> err = InvalidInputError("days", -3, "must be zero or more")
>>> str(err)
"'days' must be zero or more (got -3)"
>>> (err.field, err.value)
('days', -3)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = [
    "AccountPlanError",
    "CurrencyMismatchError",
    "InvalidInputError",
    "InvalidTypeError",
    "InvalidTransitionError",
    "LimitExceededError",
    "MissingDependencyError",
    "Problem",
    "RuleSyntaxError",
]


class AccountPlanError(Exception):
    """The base of every error raised by accountplan."""


class Problem:
    """One problem found while loading input: where, what was found, and why.

    ``path`` is a JSON path such as ``$.lines[2].amount``.
    """

    __slots__ = ("message", "path", "value")

    def __init__(self, path: str, value: Any, message: str) -> None:
        self.path = path
        self.value = value
        self.message = message

    def __repr__(self) -> str:
        return f"Problem(path={self.path!r}, value={self.value!r}, message={self.message!r})"

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.path, self.message) == (other.path, other.message)

    def __hash__(self) -> int:
        return hash((self.path, self.message))


class InvalidInputError(AccountPlanError, ValueError):
    """A value is not acceptable for the field it was given for.

    Attributes:
        field: The name of the field (or argument) that was wrong.
        value: The value that was given.
        path: The JSON path of the first problem when the value came through
            :func:`accountplan.serialization.from_json`, else ``None``.
        problems: Every problem found, when several were collected at once
            (``from_json`` reports all of them); otherwise a single entry.
    """

    def __init__(
        self,
        field: str,
        value: Any,
        reason: str,
        *,
        path: str | None = None,
        problems: Iterable[Problem] = (),
    ) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        self.path = path
        collected = tuple(problems)
        self.problems: tuple[Problem, ...] = collected or (Problem(path or field, value, reason),)
        super().__init__(self._message())

    def _message(self) -> str:
        if len(self.problems) > 1 or self.path is not None:
            lines = [str(p) for p in self.problems]
            head = f"{len(lines)} problem{'s' if len(lines) != 1 else ''} in input"
            return head + ":\n  " + "\n  ".join(lines)
        return f"{self.field!r} {self.reason} (got {self.value!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_invalid_input,
            (self.field, self.value, self.reason, self.path, self.problems),
        )


class InvalidTypeError(InvalidInputError, TypeError):
    """A value has the wrong type for its field (a float for an amount, a string for a count).

    It is an :class:`InvalidInputError` with the same attributes, and also a
    builtin ``TypeError``, so ``except TypeError`` and ``except AccountPlanError``
    both catch it.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            _rebuild_invalid_type,
            (self.field, self.value, self.reason, self.path, self.problems),
        )


def _rebuild_invalid_type(
    field: str, value: Any, reason: str, path: str | None, problems: tuple[Problem, ...]
) -> InvalidTypeError:
    return InvalidTypeError(field, value, reason, path=path, problems=problems)


def _rebuild_invalid_input(
    field: str, value: Any, reason: str, path: str | None, problems: tuple[Problem, ...]
) -> InvalidInputError:
    return InvalidInputError(field, value, reason, path=path, problems=problems)


class CurrencyMismatchError(AccountPlanError, TypeError):
    """Two amounts in different currencies were combined or compared.

    Attributes:
        left: The currency code on the left-hand side.
        right: The currency code on the right-hand side.
    """

    def __init__(self, left: str, right: str, operation: str = "combine") -> None:
        self.left = left
        self.right = right
        self.operation = operation
        super().__init__(f"cannot {operation} {left} with {right}: currencies differ")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.left, self.right, self.operation))


class InvalidTransitionError(AccountPlanError, ValueError):
    """A status change that the lifecycle does not allow.

    Attributes:
        current: The status the subject is in.
        requested: The status that was asked for.
        allowed: The statuses that may follow ``current``.
    """

    def __init__(
        self, current: Any, requested: Any, allowed: Iterable[Any], reason: str = ""
    ) -> None:
        self.current = current
        self.requested = requested
        self.allowed = frozenset(allowed)
        self.reason = reason
        names = sorted(str(getattr(a, "value", a)) for a in self.allowed)
        cur = getattr(current, "value", current)
        req = getattr(requested, "value", requested)
        detail = f": {reason}" if reason else ""
        allowed_text = ", ".join(names) if names else "none (terminal)"
        super().__init__(
            f"cannot move from {cur!s} to {req!s}{detail}; allowed from {cur!s}: {allowed_text}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.current, self.requested, self.allowed, self.reason))


class LimitExceededError(AccountPlanError, ValueError):
    """A request would do unbounded or absurdly large work.

    Attributes:
        field: What was too large.
        value: The value that was asked for.
        limit: The documented maximum.
    """

    def __init__(self, field: str, value: Any, limit: Any, reason: str = "") -> None:
        self.field = field
        self.value = value
        self.limit = limit
        self.reason = reason
        detail = reason or f"exceeds the limit of {limit!s}"
        super().__init__(f"{field!r} {detail} (got {value!r})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.value, self.limit, self.reason))


class RuleSyntaxError(AccountPlanError, ValueError):
    """Rule text that does not parse.

    Attributes:
        text: The rule text.
        position: The 0-based character offset where parsing failed.
    """

    def __init__(self, text: str, position: int, reason: str) -> None:
        self.text = text
        self.position = position
        self.reason = reason
        pointer = " " * position + "^"
        super().__init__(f"{reason} at position {position}:\n  {text}\n  {pointer}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.position, self.reason))


class MissingDependencyError(AccountPlanError, ImportError):
    """A feature needs an optional extra that is not installed.

    Attributes:
        feature: What was asked for.
        extra: The extra that provides it (``pip install "accountplan[<extra>]"``).
    """

    def __init__(self, feature: str, extra: str) -> None:
        self.feature = feature
        self.extra = extra
        super().__init__(
            f'{feature} needs the optional {extra!r} extra: pip install "accountplan[{extra}]"'
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.feature, self.extra))
