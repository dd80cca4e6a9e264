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
    "money",
    "money_in",
    "rounded_money",
    "zone_names",
]

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
