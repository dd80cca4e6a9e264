"""Literal aliases for every mode the library accepts, in one place.

Each package appends its own aliases here so that the vocabulary of the
library can be read in one file.
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = ["ROUNDING_MODES", "Rounding"]

#: How an amount is rounded to the currency's minor unit.
Rounding = Literal["half_even", "half_up", "half_down", "down", "up", "ceiling", "floor"]
ROUNDING_MODES: tuple[str, ...] = get_args(Rounding)
