"""Rule text: a small, safe condition language, parsed by hand and printed back.

The grammar (see the docs page "Write routing rules")::

    expression  := and_expr ("or" and_expr)*
    and_expr    := not_expr ("and" not_expr)*
    not_expr    := "not" not_expr | "(" expression ")" | comparison
    comparison  := field operator value
    operator    := "==" | "!=" | "<" | "<=" | ">" | ">=" | "in" | "not" "in"
                 | "contains" | "startswith"
    value       := string | number | duration | "true" | "false" | list
    list        := "[" [value ("," value)*] "]"

Strings are quoted with ``'`` or ``"`` (``\\`` escapes a quote or a
backslash); numbers are decimal (``2``, ``-1.5``); durations are whole
numbers with units from weeks down to seconds (``4h``, ``30m``, ``2d``,
``1h30m``). The parser reads the text once, left to right (linear time),
never evaluates it, and refuses text longer than ``MAX_RULE_LENGTH`` or
nested deeper than ``MAX_DEPTH``.
"""

from __future__ import annotations

import datetime as dt
import typing
from decimal import Decimal

from accountplan.escalation._conditions import (
    MAX_DEPTH,
    All,
    Any,
    Condition,
    Expression,
    Not,
    canonical_field,
    check_expression,
)
from accountplan.escalation._schema import CONTEXT_SCHEMA
from accountplan.exceptions import (
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
    RuleSyntaxError,
)
from accountplan.tickets import Priority

__all__ = ["MAX_RULE_LENGTH", "format_condition", "format_value", "parse_condition"]

MAX_RULE_LENGTH = 2_000
"""The longest rule text `parse_condition` reads, in characters."""

_KEYWORDS = frozenset({"and", "or", "not", "in", "contains", "startswith", "true", "false"})
_WORD_OPS = frozenset({"in", "contains", "startswith"})
_SYMBOL_OPS = ("==", "!=", "<=", ">=", "<", ">")
_UNITS = {"w": 604_800, "d": 86_400, "h": 3_600, "m": 60, "s": 1}
_UNIT_ORDER = "wdhms"
_SPACE = frozenset(" \t\r\n")
_IDENT_START = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
_IDENT = _IDENT_START | frozenset("0123456789")
_DIGITS = frozenset("0123456789")
_OPERATOR_HELP = "an operator (==, !=, <, <=, >, >=, in, not in, contains, startswith)"
_VALUE_HELP = "a value (a 'string', a number, a duration such as 4h, true, false or a [list])"


class _Token:
    """One lexical token: kind ("word", "op", "punct", "string", "number",
    "duration" or "end"), its text, where it starts and its literal value."""

    __slots__ = ("kind", "start", "text", "value")

    def __init__(self, kind: str, text: str, start: int, value: typing.Any = None) -> None:
        self.kind = kind
        self.text = text
        self.start = start
        self.value = value


def _found(token: _Token) -> str:
    if token.kind == "end":
        return "the end of the text"
    text = token.text if len(token.text) <= 30 else token.text[:27] + "..."
    return repr(text)


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, position: int, reason: str) -> typing.NoReturn:
        raise RuleSyntaxError(self.text, position, reason)

    def tokens(self) -> list[_Token]:
        out: list[_Token] = []
        text, size = self.text, len(self.text)
        while True:
            while self.pos < size and text[self.pos] in _SPACE:
                self.pos += 1
            if self.pos >= size:
                out.append(_Token("end", "", size))
                return out
            out.append(self._next())

    def _next(self) -> _Token:
        text, start = self.text, self.pos
        char = text[start]
        if char in "()[],":
            self.pos += 1
            return _Token("punct", char, start)
        for symbol in _SYMBOL_OPS:
            if text.startswith(symbol, start):
                self.pos += len(symbol)
                return _Token("op", symbol, start)
        if char in "'\"":
            return self._string(char)
        if char in _DIGITS or (
            char == "-" and start + 1 < len(text) and text[start + 1] in _DIGITS
        ):
            return self._number()
        if char in _IDENT_START:
            return self._word()
        raise RuleSyntaxError(
            text, start, f"unexpected character {char!r}; expected a field, {_VALUE_HELP}"
        )

    def _string(self, quote: str) -> _Token:
        text, start = self.text, self.pos
        index = start + 1
        parts: list[str] = []
        while index < len(text):
            char = text[index]
            if char == "\\":
                if index + 1 >= len(text) or text[index + 1] not in "\\'\"":
                    self.fail(index, "expected \\\\, \\' or \\\" after a backslash in a string")
                parts.append(text[index + 1])
                index += 2
                continue
            if char == quote:
                self.pos = index + 1
                return _Token("string", text[start : index + 1], start, "".join(parts))
            parts.append(char)
            index += 1
        raise RuleSyntaxError(text, start, f"unterminated string; expected a closing {quote}")

    def _digits(self) -> str:
        text, begin = self.text, self.pos
        while self.pos < len(text) and text[self.pos] in _DIGITS:
            self.pos += 1
        return text[begin : self.pos]

    def _number(self) -> _Token:
        text, start = self.text, self.pos
        if text[start] == "-":
            self.pos += 1
        whole = self._digits()
        if self.pos < len(text) and text[self.pos] in _UNITS:
            return self._duration(start, whole)
        if self.pos < len(text) and text[self.pos] == ".":
            self.pos += 1
            if not self._digits():
                self.fail(self.pos, "expected digits after the decimal point")
            self._end_of_literal("a number")
            raw = text[start : self.pos]
            return _Token("number", raw, start, Decimal(raw))
        self._end_of_literal("a number or a duration unit (w, d, h, m, s)")
        raw = text[start : self.pos]
        return _Token("number", raw, start, int(raw))

    def _duration(self, start: int, first: str) -> _Token:
        text = self.text
        seconds, amount, last = 0, first, -1
        while True:
            unit = text[self.pos]
            rank = _UNIT_ORDER.index(unit)
            if rank <= last:
                self.fail(self.pos, "expected duration units from large to small, each once")
            last = rank
            seconds += int(amount) * _UNITS[unit]
            self.pos += 1
            if self.pos < len(text) and text[self.pos] in _DIGITS:
                amount = self._digits()
                if self.pos >= len(text) or text[self.pos] not in _UNITS:
                    self.fail(self.pos, "expected a duration unit (w, d, h, m, s)")
                continue
            break
        self._end_of_literal("a duration")
        raw = text[start : self.pos]
        value = dt.timedelta(seconds=-seconds if raw.startswith("-") else seconds)
        return _Token("duration", raw, start, value)

    def _end_of_literal(self, what: str) -> None:
        if self.pos < len(self.text) and self.text[self.pos] in _IDENT:
            self.fail(self.pos, f"unexpected {self.text[self.pos]!r} after {what}")

    def _word(self) -> _Token:
        text, start = self.text, self.pos
        while True:
            while self.pos < len(text) and text[self.pos] in _IDENT:
                self.pos += 1
            if (
                self.pos + 1 < len(text)
                and text[self.pos] == "."
                and text[self.pos + 1] in _IDENT_START
            ):
                self.pos += 1
                continue
            break
        return _Token("word", text[start : self.pos], start)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _Lexer(text).tokens()
        self.index = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def error(self, token: _Token, expected: str) -> RuleSyntaxError:
        return RuleSyntaxError(
            self.text, token.start, f"expected {expected}, found {_found(token)}"
        )

    def fail(self, token: _Token, expected: str) -> typing.NoReturn:
        raise self.error(token, expected)

    def is_word(self, word: str) -> bool:
        return self.token.kind == "word" and self.token.text == word

    def parse(self) -> Expression:
        expr = self.expression(0)
        if self.token.kind != "end":
            self.fail(self.token, "'and', 'or' or the end of the text")
        return expr

    def expression(self, depth: int) -> Expression:
        items = [self.conjunction(depth)]
        while self.is_word("or"):
            self.index += 1
            items.append(self.conjunction(depth))
        return items[0] if len(items) == 1 else Any(conditions=items)

    def conjunction(self, depth: int) -> Expression:
        items = [self.negation(depth)]
        while self.is_word("and"):
            self.index += 1
            items.append(self.negation(depth))
        return items[0] if len(items) == 1 else All(conditions=items)

    def _deeper(self, depth: int) -> int:
        if depth >= MAX_DEPTH:
            raise LimitExceededError(
                "condition", depth + 1, MAX_DEPTH, f"nests deeper than {MAX_DEPTH}"
            )
        return depth + 1

    def negation(self, depth: int) -> Expression:
        token = self.token
        if self.is_word("not"):
            self.index += 1
            return Not(condition=self.negation(self._deeper(depth)))
        if token.kind == "punct" and token.text == "(":
            self.index += 1
            expr = self.expression(self._deeper(depth))
            if not (self.token.kind == "punct" and self.token.text == ")"):
                self.fail(self.token, "')' or 'and' / 'or'")
            self.index += 1
            return expr
        return self.comparison()

    def comparison(self) -> Condition:
        token = self.token
        if token.kind != "word" or token.text in _KEYWORDS:
            self.fail(token, "a field name, 'not' or '('")
        field = canonical_field(token.text)
        if field not in CONTEXT_SCHEMA:
            known = ", ".join(CONTEXT_SCHEMA)
            raise RuleSyntaxError(
                self.text,
                token.start,
                f"unknown field {_found(token)}; expected one of {known}",
            )
        self.index += 1
        op = self.operator()
        value_token = self.token
        value = self.list_value() if op in ("in", "not in") else self.scalar()
        try:
            return Condition(field=field, op=op, value=value)  # type: ignore[arg-type]
        except LimitExceededError:
            raise
        except InvalidInputError as exc:
            raise RuleSyntaxError(
                self.text,
                value_token.start if exc.field == "value" else token.start,
                f"{field} {op} {_found(value_token)} does not fit: {exc.reason}",
            ) from None

    def operator(self) -> str:
        token = self.token
        if token.kind == "op":
            self.index += 1
            return token.text
        if token.kind == "word" and token.text in _WORD_OPS:
            self.index += 1
            return token.text
        if self.is_word("not"):
            after = self.tokens[self.index + 1]
            if after.kind == "word" and after.text == "in":
                self.index += 2
                return "not in"
            raise self.error(after, "'in' after 'not'")
        raise self.error(token, _OPERATOR_HELP)

    def scalar(self) -> typing.Any:
        token = self.token
        if token.kind in ("string", "number", "duration"):
            self.index += 1
            return token.value
        if self.is_word("true") or self.is_word("false"):
            self.index += 1
            return token.text == "true"
        raise self.error(token, _VALUE_HELP.replace(" or a [list]", ""))

    def list_value(self) -> tuple[typing.Any, ...]:
        if not (self.token.kind == "punct" and self.token.text == "["):
            self.fail(self.token, "a [list] of values")
        self.index += 1
        items: list[typing.Any] = []
        if self.token.kind == "punct" and self.token.text == "]":
            self.index += 1
            return ()
        while True:
            items.append(self.scalar())
            token = self.token
            if token.kind == "punct" and token.text == ",":
                self.index += 1
                continue
            if token.kind == "punct" and token.text == "]":
                self.index += 1
                return tuple(items)
            self.fail(token, "',' or ']'")


def parse_condition(text: str, /) -> Expression:
    """Parse rule text into a condition tree.

    Fields are checked against ``CONTEXT_SCHEMA`` while parsing: an unknown
    field or a value of the wrong type is a syntax error at its position.

    Args:
        text: Rule text such as ``"priority <= 2 and account.tier == 'gold'"``
            (at most ``MAX_RULE_LENGTH`` characters).

    Returns:
        A [Condition][accountplan.escalation.Condition], or an
        [All][accountplan.escalation.All], [Any][accountplan.escalation.Any]
        or [Not][accountplan.escalation.Not] of them.

    Raises:
        RuleSyntaxError: the text does not parse; the error has the
            ``position``, and its message shows what was found and expected.
        LimitExceededError: the text is too long, nests deeper than
            ``MAX_DEPTH`` or holds too many comparisons or list values.
        InvalidTypeError: ``text`` is not a string.

    Examples:
        >>> tree = parse_condition("priority <= 2 and account.tier in ['gold', 'platinum']")
        >>> tree.conditions[0]
        Condition(field='ticket.priority', op='<=', value=<Priority.HIGH: 'high'>)
        >>> tree.conditions[1].value
        ('gold', 'platinum')
        >>> parse_condition("ticket.age > 4h").value
        datetime.timedelta(seconds=14400)
        >>> parse_condition("priority <=")
        Traceback (most recent call last):
        ...
        accountplan.exceptions.RuleSyntaxError: expected a value ... at position 11:
        ...
    """
    if not isinstance(text, str):
        raise InvalidTypeError("text", text, "must be rule text (str)")
    if len(text) > MAX_RULE_LENGTH:
        raise LimitExceededError(
            "text", len(text), MAX_RULE_LENGTH, f"is longer than {MAX_RULE_LENGTH} characters"
        )
    return _Parser(text).parse()


def _format_duration(value: dt.timedelta) -> str:
    total = int(value.total_seconds())
    sign = "-" if total < 0 else ""
    rest = abs(total)
    parts = []
    for unit in "dhms":
        amount, rest = divmod(rest, _UNITS[unit])
        if amount:
            parts.append(f"{amount}{unit}")
    return sign + ("".join(parts) or "0s")


def _format_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def format_value(value: typing.Any) -> str:
    """The rule-text form of a condition's value."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Priority):
        return str(value.level)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.timedelta):
        return _format_duration(value)
    if isinstance(value, str):
        return _format_string(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if isinstance(value, frozenset):
        return "[" + ", ".join(format_value(v) for v in sorted(value)) + "]"
    raise InvalidTypeError("value", value, "is not a condition value")


def _format(expr: Expression) -> str:
    if isinstance(expr, Condition):
        return f"{expr.field} {expr.op} {format_value(expr.value)}"
    if isinstance(expr, Not):
        inner = _format(expr.condition)
        return f"not ({inner})" if isinstance(expr.condition, All | Any) else f"not {inner}"
    if isinstance(expr, All):
        return " and ".join(
            f"({_format(c)})" if isinstance(c, All | Any) else _format(c) for c in expr.conditions
        )
    return " or ".join(
        f"({_format(c)})" if isinstance(c, Any) else _format(c) for c in expr.conditions
    )


def format_condition(condition: Expression, /) -> str:
    """Print a condition tree as rule text that parses back to an equal tree.

    Args:
        condition: A condition tree.

    Returns:
        The rule text; fields carry their full name and priorities their level.

    Raises:
        InvalidTypeError: ``condition`` is not a condition tree.

    Examples:
        >>> text = "priority <= 2 and (account.tier == 'gold' or sla.state == 'breached')"
        >>> tree = parse_condition(text)
        >>> format_condition(tree)
        "ticket.priority <= 2 and (account.tier == 'gold' or sla.state == 'breached')"
        >>> parse_condition(format_condition(tree)) == tree
        True
    """
    return _format(check_expression("condition", condition))
