"""Formatting of money, numbers, dates and durations with babel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Final, Literal

import babel
import babel.dates
import babel.lists
import babel.numbers
import babel.units

from accountplan._validate import check_aware, check_timezone, zone
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money

__all__ = [
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_duration",
    "format_money",
    "format_percent",
    "parse_locale",
]

DateFormat = Literal["short", "medium", "long", "full"]
DurationFormat = Literal["long", "short", "narrow"]


@lru_cache(maxsize=256)
def _locale(identifier: str) -> babel.Locale:
    try:
        return babel.Locale.parse(identifier.replace("-", "_"))
    except (babel.UnknownLocaleError, ValueError, TypeError):
        raise InvalidInputError("locale", identifier, "is not a locale known to CLDR") from None


def parse_locale(locale: str, /) -> babel.Locale:
    """Return babel's ``Locale`` for an identifier such as ``"nl_NL"`` or ``"en-GB"``.

    Raises ``InvalidInputError`` for an unknown locale.

    >>> parse_locale("nl-BE").territory
    'BE'
    """
    value: object = locale
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("locale", locale, "must be a locale identifier such as 'en_US'")
    return _locale(locale)


def format_money(money: Money, /, *, locale: str) -> str:
    """Format money the way the locale writes amounts.

    At least the currency's minor-unit digits are shown; an unrounded amount
    shows all its digits rather than hiding them.

    >>> format_money(Money(amount="1234.5", currency="USD"), locale="en_US")
    '$1,234.50'
    >>> format_money(Money(amount="1234.5", currency="EUR"), locale="de_DE")
    '1.234,50\\xa0€'
    """
    if not isinstance(money, Money):
        raise InvalidInputError("money", money, "must be Money")
    return babel.numbers.format_currency(
        money.amount, money.currency, locale=parse_locale(locale), decimal_quantization=False
    )


def format_decimal(value: Decimal | int, /, *, locale: str) -> str:
    """Format a number with the locale's separators, keeping every digit.

    >>> format_decimal(Decimal("1234567.125"), locale="fr_FR")
    '1\\u202f234\\u202f567,125'
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise InvalidInputError("value", value, "must be a Decimal or int")
    return babel.numbers.format_decimal(
        value, locale=parse_locale(locale), decimal_quantization=False
    )


def format_percent(value: Decimal | int, /, *, locale: str) -> str:
    """Format a *fraction* as a percentage (``Decimal("0.9995")`` is 99.95 %).

    >>> format_percent(Decimal("0.9995"), locale="en_US")
    '99.95%'
    >>> format_percent(Decimal("0.9995"), locale="nl_NL")
    '99,95%'
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise InvalidInputError("value", value, "must be a Decimal or int")
    return babel.numbers.format_percent(
        value, locale=parse_locale(locale), decimal_quantization=False
    )


def format_date(value: dt.date, /, *, locale: str, format: DateFormat = "medium") -> str:
    """Format a date.

    >>> import datetime as dt
    >>> format_date(dt.date(2026, 3, 1), locale="nl_NL", format="long")
    '1 maart 2026'
    """
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidInputError("value", value, "must be a date")
    return babel.dates.format_date(value, format=format, locale=parse_locale(locale))


def format_datetime(
    value: dt.datetime,
    /,
    *,
    locale: str,
    timezone: str,
    format: DateFormat = "medium",
) -> str:
    """Format an aware datetime as wall-clock time in ``timezone``.

    >>> import datetime as dt
    >>> moment = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.timezone.utc)
    >>> format_datetime(moment, locale="en_GB", timezone="Europe/London", format="short")
    '01/07/2026, 13:00'
    """
    aware = check_aware("value", value)
    tz = zone(check_timezone("timezone", timezone))
    return babel.dates.format_datetime(
        aware.astimezone(tz), format=format, tzinfo=tz, locale=parse_locale(locale)
    )


_UNITS = (
    ("duration-day", 86_400),
    ("duration-hour", 3_600),
    ("duration-minute", 60),
    ("duration-second", 1),
)


_LENGTH_ORDER: Final[dict[str, tuple[DurationFormat, ...]]] = {
    "long": ("long", "short", "narrow"),
    "short": ("short", "long", "narrow"),
    "narrow": ("narrow", "short", "long"),
}


def _unit(amount: Decimal | int, unit: str, length: DurationFormat, loc: babel.Locale) -> str:
    # CLDR as shipped by babel lacks some unit lengths for some locales (Dutch
    # has no long "hour" pattern, German no narrow one); babel then prints the
    # unit id. Fall back to the nearest length that the locale does have.
    text = ""
    for candidate in _LENGTH_ORDER[length]:
        text = babel.units.format_unit(amount, unit, length=candidate, locale=loc)
        if unit not in text:
            return text
    return text


def format_duration(
    value: dt.timedelta,
    /,
    *,
    locale: str,
    format: DurationFormat = "long",
) -> str:
    """Format a duration exactly, unit by unit (days, hours, minutes, seconds).

    Nothing is rounded away: ``1 day, 2 hours and 30 minutes`` stays that.
    Fractions of a second are shown as decimals of the seconds.

    >>> import datetime as dt
    >>> format_duration(dt.timedelta(days=1, hours=2, minutes=30), locale="en")
    '1 day, 2 hours, 30 minutes'
    >>> format_duration(dt.timedelta(hours=4), locale="nl")
    '4 uur'
    >>> format_duration(-dt.timedelta(minutes=5), locale="en")
    '-5 minutes'
    """
    if not isinstance(value, dt.timedelta):
        raise InvalidInputError("value", value, "must be a timedelta")
    loc = parse_locale(locale)
    micros = (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds
    sign = "-" if micros < 0 else ""
    micros = abs(micros)
    seconds, fraction = divmod(micros, 1_000_000)
    parts: list[str] = []
    for unit, size in _UNITS:
        count, seconds = divmod(seconds, size)
        amount: Decimal | int = count
        if unit == "duration-second" and fraction:
            amount = Decimal(count) + Decimal(fraction).scaleb(-6)
        if amount:
            parts.append(_unit(amount, unit, format, loc))
    if not parts:
        parts.append(_unit(0, "duration-second", format, loc))
    return sign + _join(parts, format, loc)


_ListStyle = Literal["standard", "unit", "unit-short", "unit-narrow"]
_LIST_STYLES: Final[dict[str, tuple[_ListStyle, ...]]] = {
    "long": ("unit", "standard"),
    "short": ("unit-short", "unit", "standard"),
    "narrow": ("unit-narrow", "unit", "standard"),
}


def _join(parts: list[str], length: DurationFormat, loc: babel.Locale) -> str:
    styles = _LIST_STYLES[length]
    for style in styles:
        try:
            return babel.lists.format_list(parts, style=style, locale=loc)
        except KeyError:  # this list pattern is missing from the locale's CLDR data
            continue
    return ", ".join(parts)
