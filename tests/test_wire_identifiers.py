"""Identifiers refuse surrounding whitespace; nothing is stripped silently."""

from __future__ import annotations

import pytest

from accountplan._validate import check_non_empty
from accountplan.exceptions import InvalidInputError, InvalidTypeError


@pytest.mark.parametrize("value", ["A-1", "Acme BV", "a\tb", "Ünïcode"])
def test_kept_unchanged(value: str) -> None:
    """A valid identifier comes back exactly as given."""
    assert value is check_non_empty("number", value)


@pytest.mark.parametrize("value", [" A-1", "A-1 ", "\tA-1", "A-1\n", "\u00a0A-1", "A-1\u3000"])
def test_surrounding_whitespace_refused(value: str) -> None:
    """Regression: ``" A-1 "`` was stripped to ``"A-1"`` silently."""
    with pytest.raises(InvalidInputError) as info:
        check_non_empty("number", value)
    assert "number" == info.value.field
    assert value == info.value.value
    assert "must not start or end with whitespace" in str(info.value)


@pytest.mark.parametrize("value", ["", " ", "\n\t"])
def test_empty_refused(value: str) -> None:
    """Empty and blank identifiers are refused as empty."""
    with pytest.raises(InvalidInputError, match="must not be empty"):
        check_non_empty("number", value)


def test_not_a_string() -> None:
    """A non-string is a type error."""
    with pytest.raises(InvalidTypeError):
        check_non_empty("number", 12)
