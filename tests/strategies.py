"""Hypothesis strategies for the core types; each area adds tests/strategies_<area>.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from accountplan.money import Money, currency_precision

__all__ = [
    "MODEL_STRATEGIES",
    "ZONES",
    "aware_datetimes",
    "currencies",
    "decimals",
    "durations",
    "free_texts",
    "money",
    "money_in",
    "rounded_money",
    "zone_names",
]

#: The Unicode bidirectional controls, refused in every stored string (like Cc and Cs).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def free_texts(*, max_size: int, min_size: int = 0) -> st.SearchStrategy[str]:
    """Free text as a model stores it: any character but those every string refuses.

    Tab and line breaks are kept (a pasted note has them); the other control
    characters, lone surrogates and bidirectional controls are left out, as
    ``_validate.check_text`` refuses them.
    """
    return st.text(
        alphabet=st.one_of(
            st.characters(
                codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters=BIDI_CONTROLS
            ),
            st.sampled_from("\t\n\r"),
        ),
        min_size=min_size,
        max_size=max_size,
    )


#: Currencies with 0, 2 and 3 minor-unit digits.
CURRENCIES = ("EUR", "USD", "GBP", "JPY", "BHD", "KWD", "CHF", "ISK", "IQD")
ZONES = (
    "UTC",
    "Europe/Amsterdam",
    "Europe/London",
    "America/New_York",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
)

currencies = st.sampled_from(CURRENCIES)
zone_names = st.sampled_from(ZONES)

decimals = st.decimals(
    min_value=Decimal("-1000000000"),
    max_value=Decimal("1000000000"),
    allow_nan=False,
    allow_infinity=False,
    places=6,
)


def money_in(
    currency: str, *, min_units: int = -(10**12), max_units: int = 10**12
) -> st.SearchStrategy[Money]:
    """Money of one currency, a whole number of minor units."""
    return st.integers(min_value=min_units, max_value=max_units).map(
        lambda units: Money.from_minor_units(units, currency)
    )


rounded_money = currencies.flatmap(money_in)

money = st.builds(
    lambda amount, currency: Money(amount=amount, currency=currency), decimals, currencies
)


def aware_datetimes(
    *,
    min_value: dt.datetime = dt.datetime(2000, 1, 1),
    max_value: dt.datetime = dt.datetime(2040, 12, 31),
    zones: st.SearchStrategy[str] = zone_names,
) -> st.SearchStrategy[dt.datetime]:
    """Aware datetimes in IANA zones, including DST gaps and folds."""
    return zones.flatmap(
        lambda name: st.datetimes(
            min_value=min_value, max_value=max_value, timezones=st.just(ZoneInfo(name))
        )
    )


durations = st.timedeltas(min_value=-dt.timedelta(days=3650), max_value=dt.timedelta(days=3650))


def precision_of(m: Money) -> int:
    return currency_precision(m.currency)


MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {Money: money}
