"""The error hierarchy: one base, builtin leaves, data kept as attributes."""

from __future__ import annotations

import pickle

import pytest

from accountplan.exceptions import (
    AccountPlanError,
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTransitionError,
    InvalidTypeError,
    LimitExceededError,
    MissingDependencyError,
    Problem,
    RuleSyntaxError,
)


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (InvalidInputError("days", -1, "must be zero or more"), ValueError),
        (CurrencyMismatchError("EUR", "USD"), TypeError),
        (InvalidTransitionError("closed", "active", ()), ValueError),
        (LimitExceededError("count", 10**9, 10_000), ValueError),
        (RuleSyntaxError("priority <=", 11, "expected a value"), ValueError),
        (MissingDependencyError("from_holidays", "holidays"), ImportError),
    ],
)
def test_leaves_are_builtins_too(error: AccountPlanError, builtin: type) -> None:
    """Each leaf is an AccountPlanError and the builtin it is, and pickles."""
    assert isinstance(error, AccountPlanError)
    assert isinstance(error, builtin)
    clone = pickle.loads(pickle.dumps(error))
    assert str(error) == str(clone)
    assert type(error) is type(clone)


def test_messages_name_field_and_value() -> None:
    """Messages say which field was wrong and what it was."""
    assert (
        str(InvalidInputError("days", -1, "must be zero or more"))
        == "'days' must be zero or more (got -1)"
    )
    limit = LimitExceededError("count", 10**9, 10_000)
    assert str(limit) == "'count' exceeds the limit of 10000 (got 1000000000)"
    assert limit.limit == 10_000
    mismatch = CurrencyMismatchError("EUR", "USD", "add")
    assert str(mismatch) == "cannot add EUR with USD: currencies differ"


def test_transition_error_lists_allowed() -> None:
    """InvalidTransitionError lists the statuses that are allowed instead."""
    error = InvalidTransitionError("pending", "closed", ["active", "closed"][:1], "not yet active")
    assert frozenset({"active"}) == error.allowed
    assert "allowed from pending: active" in str(error)
    terminal = InvalidTransitionError("closed", "active", ())
    assert "none (terminal)" in str(terminal)


def test_rule_syntax_error_points_at_position() -> None:
    """RuleSyntaxError shows the text with a caret under the position."""
    error = RuleSyntaxError("priority <=", 11, "expected a value")
    assert error.position == 11
    assert str(error).endswith("priority <=\n             ^")


def test_problems_from_json() -> None:
    """Several problems are listed one per line with their JSON paths."""
    problems = [Problem("$.a", 1, "bad"), Problem("$.b[0]", None, "missing")]
    error = InvalidInputError("$.a", 1, "bad", path="$.a", problems=problems)
    assert str(error) == "2 problems in input:\n  $.a: bad\n  $.b[0]: missing"
    assert tuple(problems) == error.problems
    assert repr(problems[0]) == "Problem(path='$.a', value=1, message='bad')"
    assert Problem("$.a", 2, "bad") == problems[0]
    assert hash(Problem("$.a", 2, "bad")) == hash(problems[0])
    assert problems[0] != "x"


def test_invalid_type_error_is_both() -> None:
    """InvalidTypeError is an InvalidInputError and a TypeError, and pickles with its problems."""
    error = InvalidTypeError("amount", 1.5, "must not be a float")
    assert isinstance(error, InvalidInputError)
    assert isinstance(error, TypeError)
    assert isinstance(error, AccountPlanError)
    assert str(error) == "'amount' must not be a float (got 1.5)"
    clone = pickle.loads(pickle.dumps(error))
    assert type(clone) is InvalidTypeError
    assert (clone.field, clone.value, clone.reason, clone.omitted) == (
        "amount",
        1.5,
        error.reason,
        0,
    )


def test_huge_values_in_every_message() -> None:
    """No error class calls repr() on a huge int: the message previews it."""
    huge = 10**5000
    assert str(InvalidInputError("n", huge, "is odd")) == "'n' is odd (got <int of 5,001 digits>)"
    assert str(LimitExceededError("n", huge, 10)) == (
        "'n' exceeds the limit of 10 (got <int of 5,001 digits>)"
    )
    assert "<int of 5,001 digits>" in str(InvalidTransitionError(huge, 1, [huge]))
