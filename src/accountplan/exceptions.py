"""The errors accountplan raises.

Every error derives from [AccountPlanError][accountplan.exceptions.AccountPlanError];
each leaf also subclasses the builtin it is, so ``except ValueError`` keeps
working for callers who do not know this library. Errors keep the offending
data as attributes and name it in the message, through a bounded
[preview][accountplan.exceptions.preview] of the value, so that a message
stays short and safe whatever the input.

>>> from accountplan.exceptions import InvalidInputError
>>> err = InvalidInputError("days", -3, "must be zero or more")
>>> str(err)
"'days' must be zero or more (got -3)"
>>> (err.field, err.value)
('days', -3)
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from typing import Any, Final

__all__ = [
    "MAX_KEPT_PROBLEMS",
    "MAX_LISTED_PROBLEMS",
    "PREVIEW_LENGTH",
    "AccountPlanError",
    "CurrencyMismatchError",
    "InvalidInputError",
    "InvalidTransitionError",
    "InvalidTypeError",
    "LimitExceededError",
    "MissingDependencyError",
    "Problem",
    "RuleSyntaxError",
    "preview",
]

PREVIEW_LENGTH: Final = 200
"""Most characters of a value shown in an error message."""
MAX_LISTED_PROBLEMS: Final = 20
"""Most problems listed, one per line, in an error message; the rest are counted."""
MAX_KEPT_PROBLEMS: Final = 1_000
"""Most problems kept in ``InvalidInputError.problems``; the rest are counted in
``InvalidInputError.omitted``.
"""

_ITEMS_SHOWN = 4
_DEPTH_SHOWN = 2
# Ints with more bits than this are described by their size, not written out
# (``repr`` of an int over 4,300 digits raises ValueError, and is slow anyway).
_INT_BITS_SHOWN = 200


def _int_preview(value: int) -> str:
    if value.bit_length() <= _INT_BITS_SHOWN:
        return int.__repr__(value)
    # Number of decimal digits, exactly, without converting the whole int.
    digits = int(value.bit_length() * 0.30102999566398120) + 1
    if abs(value) < 10 ** (digits - 1):
        digits -= 1
    sign = "-" if value < 0 else ""
    return f"<{sign}int of {digits:,} digits>"


def _preview(value: Any, depth: int) -> str:
    kind: Any = type(value)
    if value is None or kind is bool or kind is float:
        return repr(value)
    if isinstance(value, int) and kind.__repr__ is int.__repr__:
        return _int_preview(value)
    if kind is str or kind is bytes:
        if len(value) <= PREVIEW_LENGTH:
            return repr(value)
        return f"{value[: PREVIEW_LENGTH // 2]!r}... ({len(value):,} characters)"
    if kind in (list, tuple, set, frozenset, dict) or isinstance(value, Mapping):
        size = len(value)
        if kind is list:
            opening, closing = "[", "]"
        elif kind is tuple:
            opening, closing = "(", ",)" if size == 1 else ")"
        elif kind is set:
            opening, closing = ("{", "}") if size else ("set(", ")")
        elif kind is frozenset:
            opening, closing = ("frozenset({", "})") if size else ("frozenset(", ")")
        else:
            opening, closing = "{", "}"
        if not size:
            return opening + closing
        if depth >= _DEPTH_SHOWN:
            return opening + "..." + closing
        if isinstance(value, Mapping):
            shown = [
                f"{_preview(k, depth + 1)}: {_preview(v, depth + 1)}"
                for k, v in itertools.islice(value.items(), _ITEMS_SHOWN)
            ]
        else:
            shown = [_preview(v, depth + 1) for v in itertools.islice(value, _ITEMS_SHOWN)]
        if size > _ITEMS_SHOWN:
            shown.append(f"... ({size - _ITEMS_SHOWN:,} more)")
        return opening + ", ".join(shown) + closing
    return repr(value)


def _plain(value: Any) -> str:
    """Like ``str`` for short strings, else a preview."""
    if type(value) is str and len(value) <= PREVIEW_LENGTH:
        return value
    return preview(value)


def preview(value: Any, /) -> str:
    """Return a short, safe text for ``value`` to put in an error message.

    At most ``PREVIEW_LENGTH`` characters
    (and an ellipsis), whatever ``value`` is: huge ints are described by their
    number of digits, long strings are cut, containers show their first items
    and a count of the rest, and an object whose ``repr`` fails is named by its
    type. Every error message of accountplan shows values through this, so it
    never raises: it cannot hide the error it describes.

    Args:
        value: Any Python object.

    Returns:
        A ``repr``-like text of at most ``PREVIEW_LENGTH + 3`` characters.

    >>> preview(10**5000)
    '<int of 5,001 digits>'
    >>> preview("x" * 1000)[:12] + " ... " + preview("x" * 1000)[-20:]
    "'xxxxxxxxxxx ... ... (1,000 characters)"
    >>> preview(list(range(100)))
    '[0, 1, 2, 3, ... (96 more)]'
    """
    try:
        text = _preview(value, 0)
    except Exception:  # a broken __repr__ or __len__ must not hide the real error
        try:
            name = type(value).__name__
        except Exception:  # pragma: no cover - type() of anything has a name
            name = "object"
        text = f"<{name} object>"
    if len(text) > PREVIEW_LENGTH:
        text = text[:PREVIEW_LENGTH] + "..."
    return text


class AccountPlanError(Exception):
    """The base of every error raised by accountplan."""


class Problem:
    """One problem found while loading input: where, what was found, and why.

    Two problems are equal when their path and message are; the value is not
    compared.

    Args:
        path: A JSON path such as ``$.lines[2].amount``, or a field name.
        value: The value found there.
        message: Why it is not acceptable, such as ``"must be a decimal string"``.

    Attributes:
        path: The JSON path (or field name) of the problem.
        value: The value found there.
        message: Why it is not acceptable.
    """

    __slots__ = ("message", "path", "value")

    def __init__(self, path: str, value: Any, message: str) -> None:
        self.path = path
        self.value = value
        self.message = message

    def __repr__(self) -> str:
        return (
            f"Problem(path={preview(self.path)}, value={preview(self.value)}, "
            f"message={preview(self.message)})"
        )

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
        reason: What is wrong with it, such as ``"must not be negative"``.
        path: The JSON path of the first problem when the value came through
            [from_json][accountplan.serialization.from_json], else ``None``.
        problems: The problems found, when several were collected at once
            (``from_json`` reports all of them); otherwise a single entry. At
            most [MAX_KEPT_PROBLEMS][accountplan.exceptions.MAX_KEPT_PROBLEMS]
            are kept.
        omitted: How many more problems were found than ``problems`` keeps.

    The message lists at most
    [MAX_LISTED_PROBLEMS][accountplan.exceptions.MAX_LISTED_PROBLEMS] problems
    and counts the rest; values appear as a bounded
    [preview][accountplan.exceptions.preview].

    Args:
        field: The name of the field (or argument) that was wrong.
        value: The value that was given.
        reason: What is wrong with it; the message reads ``'field' reason
            (got value)``.
        path: The JSON path of the value, when it came from JSON.
        problems: Every problem found, when several were collected at once;
            only the first ``MAX_KEPT_PROBLEMS`` are kept and the rest counted.
        omitted: How many problems were found beyond ``problems`` (added to
            those beyond ``MAX_KEPT_PROBLEMS``).

    >>> str(InvalidInputError("quantity", -1, "must not be negative"))
    "'quantity' must not be negative (got -1)"
    """

    def __init__(
        self,
        field: str,
        value: Any,
        reason: str,
        *,
        path: str | None = None,
        problems: Iterable[Problem] = (),
        omitted: int = 0,
    ) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        self.path = path
        iterator = iter(problems)
        collected = tuple(itertools.islice(iterator, MAX_KEPT_PROBLEMS))
        rest = sum(1 for _ in iterator)
        self.problems: tuple[Problem, ...] = collected or (Problem(path or field, value, reason),)
        self.omitted: int = omitted + rest
        super().__init__(self._message())

    def _message(self) -> str:
        total = len(self.problems) + self.omitted
        if total > 1 or self.path is not None:
            lines = [str(p) for p in self.problems[:MAX_LISTED_PROBLEMS]]
            head = f"{total:,} problem{'s' if total != 1 else ''} in input"
            rest = total - len(lines)
            if rest:
                lines.append(f"... and {rest:,} more problem{'s' if rest != 1 else ''}")
            return head + ":\n  " + "\n  ".join(lines)
        if "(got " in self.reason:  # the reason already shows what it got
            return f"{preview(self.field)} {self.reason}"
        return f"{preview(self.field)} {self.reason} (got {preview(self.value)})"

    def __reduce__(self) -> tuple[Any, ...]:
        options = {"path": self.path, "problems": self.problems, "omitted": self.omitted}
        return (_rebuild_input_error, (type(self), (self.field, self.value, self.reason), options))


class InvalidTypeError(InvalidInputError, TypeError):
    """A value has the wrong type for its field (a float for an amount, a string for a count).

    It is an [InvalidInputError][accountplan.exceptions.InvalidInputError] with the same
    attributes, and also a builtin ``TypeError``, so ``except TypeError`` and
    ``except AccountPlanError`` both catch it.
    """


def _rebuild_input_error(
    cls: type[InvalidInputError], args: tuple[Any, Any, str], options: dict[str, Any]
) -> InvalidInputError:
    return cls(*args, **options)


class CurrencyMismatchError(AccountPlanError, TypeError):
    """Two amounts in different currencies were combined or compared.

    Args:
        left: The currency code on the left-hand side.
        right: The currency code on the right-hand side.
        operation: What was attempted, in words (``"add"``, ``"compare"``).

    Attributes:
        left: The currency code on the left-hand side.
        right: The currency code on the right-hand side.
        operation: What was attempted.

    >>> str(CurrencyMismatchError("EUR", "USD", "add"))
    'cannot add EUR with USD: currencies differ'
    """

    def __init__(self, left: str, right: str, operation: str = "combine") -> None:
        self.left = left
        self.right = right
        self.operation = operation
        super().__init__(
            f"cannot {_plain(operation)} {_plain(left)} with {_plain(right)}: currencies differ"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.left, self.right, self.operation))


class InvalidTransitionError(AccountPlanError, ValueError):
    """A status change that the lifecycle does not allow.

    Args:
        current: The status the subject is in (a member or its value).
        requested: The status that was asked for.
        allowed: The statuses that may follow ``current``; empty when
            ``current`` is terminal.
        reason: Why the move is refused, when there is more to say.

    Attributes:
        current: The status the subject is in.
        requested: The status that was asked for.
        allowed: The statuses that may follow ``current``, as a frozenset.
        reason: Why the move is refused, or an empty string.
    """

    def __init__(
        self, current: Any, requested: Any, allowed: Iterable[Any], reason: str = ""
    ) -> None:
        self.current = current
        self.requested = requested
        self.allowed = frozenset(allowed)
        self.reason = reason
        names = sorted(_plain(getattr(a, "value", a)) for a in self.allowed)
        cur = _plain(getattr(current, "value", current))
        req = _plain(getattr(requested, "value", requested))
        detail = f": {reason}" if reason else ""
        allowed_text = ", ".join(names) if names else "none (terminal)"
        super().__init__(
            f"cannot move from {cur} to {req}{detail}; allowed from {cur}: {allowed_text}"
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.current, self.requested, self.allowed, self.reason))


class LimitExceededError(AccountPlanError, ValueError):
    """A request would do unbounded or absurdly large work.

    Args:
        field: What was too large (an argument or field name).
        value: The value that was asked for.
        limit: The documented maximum, such as ``MAX_ALLOCATION_PARTS``'s value.
        reason: The message text after the field name; by default
            ``"exceeds the limit of <limit>"``.

    Attributes:
        field: What was too large.
        value: The value that was asked for.
        limit: The documented maximum.
        reason: The reason given, or an empty string.

    >>> str(LimitExceededError("weights", 200_000, 100_000))
    "'weights' exceeds the limit of 100000 (got 200000)"
    """

    def __init__(self, field: str, value: Any, limit: Any, reason: str = "") -> None:
        self.field = field
        self.value = value
        self.limit = limit
        self.reason = reason
        detail = (
            reason
            or f"exceeds the limit of {_plain(limit) if isinstance(limit, str) else preview(limit)}"
        )
        super().__init__(f"{preview(field)} {detail} (got {preview(value)})")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.value, self.limit, self.reason))


class RuleSyntaxError(AccountPlanError, ValueError):
    """Rule text that does not parse.

    Args:
        text: The rule text.
        position: The 0-based character offset where parsing failed.
        reason: What was expected there, in words.

    Attributes:
        text: The rule text.
        position: The 0-based character offset where parsing failed.
        reason: What was expected there.
    """

    def __init__(self, text: str, position: int, reason: str) -> None:
        self.text = text
        self.position = position
        self.reason = reason
        shown, offset = _window(text, position)
        pointer = " " * offset + "^"
        super().__init__(f"{reason} at position {position}:\n  {shown}\n  {pointer}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.text, self.position, self.reason))


def _window(text: Any, position: Any) -> tuple[str, int]:
    """The part of ``text`` around ``position`` (at most about 2 previews long)."""
    if not isinstance(text, str) or not isinstance(position, int):
        return preview(text), 0
    position = max(0, min(position, len(text)))
    start = max(0, position - PREVIEW_LENGTH // 2)
    end = start + PREVIEW_LENGTH
    head = "..." if start else ""
    tail = "..." if end < len(text) else ""
    return head + text[start:end] + tail, position - start + len(head)


class MissingDependencyError(AccountPlanError, ImportError):
    """A feature needs an optional extra that is not installed.

    Args:
        feature: What was asked for, in words.
        extra: The name of the extra that provides it.

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
