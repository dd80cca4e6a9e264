"""One input rule for enums: the member or its value string, anything else refused."""

from __future__ import annotations

import enum
from typing import Any

import attrs
import pytest

from accountplan._validate import enum_converter, to_enum
from accountplan.exceptions import InvalidInputError, InvalidTypeError


class Colour(enum.Enum):
    RED = "red"
    BLUE = "blue"


class Size(enum.Enum):
    RED = "red"  # same value as Colour.RED, another enum


@attrs.frozen(kw_only=True)
class Paint:
    colour: Colour = attrs.field(converter=enum_converter(Colour))  # type: ignore[misc]
    trim: Colour | None = attrs.field(
        default=None,
        converter=enum_converter(Colour, optional=True),  # type: ignore[misc]
    )
    base: Colour = attrs.field(
        default=Colour.RED,
        alias="base_colour",
        converter=enum_converter(Colour),  # type: ignore[misc]
    )


class TestToEnum:
    @pytest.mark.parametrize("value", [Colour.RED, "red"])
    def test_member_or_value(self, value: Any) -> None:
        """The member and its value string give the same member."""
        assert Colour.RED is to_enum("colour", value, Colour)

    @pytest.mark.parametrize("value", ["green", "RED", "Red", " red", ""])
    def test_unknown_value(self, value: str) -> None:
        """A string that is no member's value lists the allowed values."""
        with pytest.raises(InvalidInputError) as info:
            to_enum("colour", value, Colour)
        assert "colour" == info.value.field
        assert value == info.value.value
        assert "must be one of 'red', 'blue'" in str(info.value)

    @pytest.mark.parametrize("value", [None, 1, Size.RED, ["red"]])
    def test_wrong_type(self, value: Any) -> None:
        """Another enum's member (even with the same value) or a non-string is a type error."""
        with pytest.raises(InvalidTypeError) as info:
            to_enum("colour", value, Colour)
        assert "must be a Colour or one of 'red', 'blue'" in str(info.value)


class TestEnumConverter:
    def test_fields_convert(self) -> None:
        """An attrs field converts strings and keeps members."""
        paint = Paint(colour="blue", trim="red", base_colour="blue")
        assert (Colour.BLUE, Colour.RED, Colour.BLUE) == (paint.colour, paint.trim, paint.base)
        assert Paint(colour=Colour.BLUE).trim is None

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"colour": "green"}, "colour"),
            ({"colour": None}, "colour"),
            ({"trim": "green"}, "trim"),
            ({"base_colour": "green"}, "base_colour"),
        ],
    )
    def test_errors_name_the_field(self, changes: dict[str, Any], field: str) -> None:
        """The converter reads the field name (its alias, where it has one)."""
        with pytest.raises(InvalidInputError) as info:
            Paint(**{"colour": "red", **changes})
        assert field == info.value.field
