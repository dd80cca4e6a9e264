"""Formatting of money, numbers, dates and durations with babel."""

from __future__ import annotations

import copy
import datetime as dt
import decimal
from contextlib import AbstractContextManager
from decimal import Decimal
from functools import lru_cache
from typing import Final, Literal, cast, get_args

import babel
import babel.dates
import babel.lists
import babel.numbers
import babel.units

from accountplan._decimal import ROUNDING
from accountplan._typing import Rounding
from accountplan._units import micros as to_micros
from accountplan._validate import check_aware, check_choice, check_timezone, check_type, zone
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.money import Money

__all__ = [
    "MAX_NUMBER_DIGITS",
    "MAX_PERCENT_DIGITS",
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
DATE_FORMATS: Final = get_args(DateFormat)
DURATION_FORMATS: Final = get_args(DurationFormat)

MAX_NUMBER_DIGITS: Final = 100
"""Most digits a formatted number may have before, and after, its decimal point."""
MAX_PERCENT_DIGITS: Final = 60
"""Most decimal places ``format_percent`` rounds to (its ``digits`` option)."""

# Every formatting call runs babel inside this context, never the caller's: a
# caller's ``decimal.localcontext(prec=3)`` or enabled traps change nothing.
# The precision holds any number allowed by MAX_NUMBER_DIGITS exactly, so the
# scaling and quantizing babel does are exact.
_CONTEXT: Final = decimal.Context(
    prec=4 * MAX_NUMBER_DIGITS + 2 * MAX_PERCENT_DIGITS,
    rounding=decimal.ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)


def _exact() -> AbstractContextManager[decimal.Context]:
    """Install the private formatting context for the duration of a babel call."""
    return decimal.localcontext(_CONTEXT)


def _number(field: str, value: object) -> Decimal:
    """Check a number to format: ``Decimal`` or ``int``, finite, of sane size."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise InvalidTypeError(field, value, "must be a Decimal or int")
    number = Decimal(value)
    if not number.is_finite():
        raise InvalidInputError(field, value, "must be a finite number")
    if number and (
        number.adjusted() >= MAX_NUMBER_DIGITS or -number.as_tuple().exponent > MAX_NUMBER_DIGITS  # type: ignore[operator]
    ):
        raise LimitExceededError(
            field,
            value,
            MAX_NUMBER_DIGITS,
            f"has more than {MAX_NUMBER_DIGITS} digits before or after the decimal point",
        )
    return number


@lru_cache(maxsize=256)
def _locale(identifier: str) -> babel.Locale:
    try:
        return babel.Locale.parse(identifier.replace("-", "_"))
    except (babel.UnknownLocaleError, ValueError, TypeError):
        raise InvalidInputError("locale", identifier, "is not a locale known to CLDR") from None


def babel_locale(locale: str, /) -> babel.Locale:
    """Return babel's ``Locale`` for an identifier; internal to ``i18n``.

    Raises ``InvalidInputError`` for an unknown locale.
    """
    value: object = locale
    if not isinstance(value, str):
        raise InvalidTypeError("locale", locale, "must be a locale identifier such as 'en_US'")
    if not value.strip():
        raise InvalidInputError("locale", locale, "must be a locale identifier such as 'en_US'")
    return _locale(locale)


def parse_locale(locale: str, /) -> str:
    """Return the normalised identifier of a locale known to CLDR.

    BCP 47 dashes become underscores and the parts take CLDR's case, so
    ``"nl-be"`` and ``"nl_BE"`` name the same locale: ``"nl_BE"``. The
    result is a plain string, accepted by every ``locale=`` argument of the
    library.

    Args:
        locale: A locale identifier such as ``"nl_NL"`` or ``"en-GB"``.

    Returns:
        The normalised identifier, such as ``"en_GB"``.

    Raises:
        InvalidInputError: ``locale`` is not a string or not a locale known
            to CLDR.

    >>> parse_locale("nl-BE")
    'nl_BE'
    >>> parse_locale("zh-Hant-TW")
    'zh_Hant_TW'
    """
    return str(babel_locale(locale))


def format_money(money: Money, /, *, locale: str) -> str:
    """Format money the way the locale writes amounts.

    At least the currency's minor-unit digits are shown; an unrounded amount
    shows all its digits rather than hiding them.

    Args:
        money: The amount and its currency; the locale decides the symbol,
            its place and the separators.
        locale: A locale identifier such as ``"nl_NL"`` or ``"en-GB"``.

    Returns:
        The localized amount with its currency symbol. The same arguments
        give the same text whatever the ambient ``decimal`` context or
        process locale.

    Raises:
        InvalidTypeError: ``money`` is not
            [Money][accountplan.money.Money].
        InvalidInputError: ``locale`` is not a string or not a locale known
            to CLDR.

    >>> format_money(Money(amount="1234.5", currency="USD"), locale="en_US")
    '$1,234.50'
    >>> format_money(Money(amount="1234.5", currency="EUR"), locale="de_DE")
    '1.234,50\\xa0€'
    """
    if not isinstance(money, Money):
        raise InvalidTypeError("money", money, "must be Money")
    loc = babel_locale(locale)
    code = money.currency
    pattern, symbol = _money_pattern(loc, code)
    with _exact():
        # What babel's format_currency does, without working out the
        # currency's plural name on every call (it does even when the
        # pattern has no place for it): tests/test_format_money.py holds
        # the two to the same text for every currency and many locales.
        text: str = pattern.apply(
            money.amount, loc, currency=None, currency_digits=False, decimal_quantization=False
        )
        if "¤" in text:
            if "¤¤¤" in text:
                name = babel.numbers.get_currency_name(code, money.amount, loc)
                text = text.replace("¤¤¤", name)
            text = text.replace("¤¤", code).replace("¤", symbol)
    return text


@lru_cache(maxsize=1024)
def _money_pattern(loc: babel.Locale, code: str) -> tuple[babel.numbers.NumberPattern, str]:
    """The locale's standard currency pattern with the currency's CLDR digits, and its symbol.

    A copy (the locale's own pattern is shared); never changed after this.
    """
    pattern = copy.copy(loc.currency_formats["standard"])
    digits = babel.numbers.get_currency_precision(code)
    pattern.frac_prec = (digits, digits)
    return pattern, babel.numbers.get_currency_symbol(code, loc)


def format_decimal(value: Decimal | int, /, *, locale: str) -> str:
    """Format a number with the locale's separators, keeping every digit.

    Args:
        value: The number, a ``Decimal`` or ``int`` (floats are refused
            because they are not exact).
        locale: A locale identifier such as ``"nl_NL"`` or ``"en-GB"``.

    Returns:
        The localized number; nothing is rounded.

    Raises:
        InvalidTypeError: ``value`` is not a ``Decimal`` or ``int`` (``bool``
            included).
        InvalidInputError: ``value`` is not finite, or ``locale`` is not a
            string or not a locale known to CLDR.
        LimitExceededError: ``value`` has more than ``MAX_NUMBER_DIGITS``
            (100) digits before or after the decimal point.

    >>> format_decimal(Decimal("1234567.125"), locale="fr_FR")
    '1\\u202f234\\u202f567,125'
    """
    number = _number("value", value)
    loc = babel_locale(locale)
    with _exact():
        return babel.numbers.format_decimal(number, locale=loc, decimal_quantization=False)


def format_percent(
    value: Decimal | int,
    /,
    *,
    locale: str,
    digits: int | None = None,
    rounding: Rounding = "half_even",
) -> str:
    """Format a percentage given in percent: ``21`` is 21 %, ``Decimal("99.9")`` is 99.9 %.

    Like every rate in accountplan, ``value`` is in percent, so the result of
    [uptime][accountplan.sla.uptime] or a VAT rate of ``21`` is passed as it is.
    The locale decides the symbol and its spacing (``99,9%`` in Dutch,
    ``99,9\xa0%`` in German).

    Args:
        value: The percentage, in percent (``Decimal`` or ``int``; floats are
            refused because they are not exact).
        locale: A locale identifier such as ``"nl_NL"`` or ``"en-GB"``.
        digits: Decimal places to show. The default, ``None``, shows every
            digit of ``value`` and rounds nothing (``Decimal("99.90")`` shows
            two places, ``Decimal("99.9")`` one). An int from 0 to
            [MAX_PERCENT_DIGITS][accountplan.i18n.MAX_PERCENT_DIGITS] rounds
            to exactly that many places and shows them all, trailing zeros
            included.
        rounding: How ``digits`` rounds: one of the library's rounding modes
            (``"half_even"``, the default, ``"half_up"``, ``"half_down"``,
            ``"down"``, ``"up"``, ``"ceiling"``, ``"floor"``). Use ``"down"``
            when a shown figure must never exceed the real one, such as an
            uptime next to its target. Ignored when ``digits`` is ``None``.

    Returns:
        The localized percentage. The same arguments give the same text
        whatever the ambient ``decimal`` context or process locale.

    Raises:
        InvalidTypeError: ``value`` is not a ``Decimal`` or ``int``, or
            ``digits`` is not an int.
        InvalidInputError: ``value`` is not finite, ``digits`` is negative,
            ``rounding`` is not a rounding mode, or the locale is unknown.
        LimitExceededError: ``digits`` exceeds ``MAX_PERCENT_DIGITS``, or
            ``value`` has more than ``MAX_NUMBER_DIGITS`` digits before or
            after the decimal point.

    Examples:
        >>> format_percent(Decimal("99.95"), locale="en_US")
        '99.95%'
        >>> format_percent(21, locale="nl_NL")
        '21%'
        >>> format_percent(Decimal("99.949"), locale="de_DE", digits=1)
        '99,9\xa0%'
        >>> format_percent(Decimal("99.99"), locale="en", digits=1, rounding="down")
        '99.9%'
    """
    number = _number("value", value)
    check_choice("rounding", rounding, ROUNDING)
    if digits is not None:
        places = check_type("digits", digits, int)
        if places < 0:
            raise InvalidInputError("digits", digits, "must be 0 or more decimal places")
        if places > MAX_PERCENT_DIGITS:
            raise LimitExceededError("digits", digits, MAX_PERCENT_DIGITS)
        try:
            mode = ROUNDING[rounding]
        except (KeyError, TypeError):
            raise InvalidInputError(
                "rounding", rounding, f"must be one of {', '.join(ROUNDING)}"
            ) from None
        number = number.quantize(Decimal(1).scaleb(-places), rounding=mode, context=_CONTEXT)
        if not number:
            number = number.copy_abs()  # -0.4 rounded to 0 places is 0 %, not -0 %
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)  # finite, checked by _number
    shown = max(0, -exponent)
    loc = babel_locale(locale)
    pattern: babel.numbers.NumberPattern = copy.copy(loc.percent_formats[None])
    pattern.frac_prec = (shown, shown)
    with _exact():
        # The pattern scales by 100: hand it the fraction, exactly.
        return str(pattern.apply(number.scaleb(-2, context=_CONTEXT), loc))


def format_date(value: dt.date, /, *, locale: str, format: DateFormat = "medium") -> str:
    """Format a date.

    Args:
        value: The date (a ``date``, not a ``datetime``).
        locale: A locale identifier such as ``"nl_NL"`` or ``"en-GB"``.
        format: CLDR's date length: ``"short"``, ``"medium"`` (the default),
            ``"long"`` or ``"full"``.

    Returns:
        The date as the locale writes it.

    Raises:
        InvalidTypeError: ``value`` is not a date, ``format`` or ``locale``
            is not a string.
        InvalidInputError: ``value`` is a ``datetime``, ``format`` is not one
            of the four lengths, or ``locale`` is not a locale known to CLDR.

    >>> import datetime as dt
    >>> format_date(dt.date(2026, 3, 1), locale="nl_NL", format="long")
    '1 maart 2026'
    >>> format_date(dt.date(2026, 3, 1), locale="nl_NL", format="yyyy")
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 'format' must be one of short, medium, long, full ...
    """
    if isinstance(value, dt.datetime):
        raise InvalidInputError("value", value, "must be a date (not a datetime)")
    if not isinstance(value, dt.date):
        raise InvalidTypeError("value", value, "must be a date")
    # Only CLDR's named lengths: any other text would be read by babel as a
    # date pattern of its own.
    length = check_choice("format", format, DATE_FORMATS)
    return babel.dates.format_date(value, format=length, locale=babel_locale(locale))


def format_datetime(
    value: dt.datetime,
    /,
    *,
    locale: str,
    timezone: str,
    format: DateFormat = "medium",
) -> str:
    """Format an aware datetime as wall-clock time in ``timezone``.

    Args:
        value: The moment (timezone-aware).
        locale: A locale identifier such as ``"nl_NL"`` or ``"en-GB"``.
        timezone: The IANA time zone whose wall clock is shown, such as
            ``"Europe/Amsterdam"``; the moment is converted to it first.
        format: CLDR's length: ``"short"``, ``"medium"`` (the default),
            ``"long"`` or ``"full"``.

    Returns:
        The local date and time as the locale writes them.

    Raises:
        InvalidTypeError: ``value`` is not a ``datetime``, or ``timezone``,
            ``format`` or ``locale`` is not a string.
        InvalidInputError: ``value`` is naive, ``timezone`` is not an IANA
            time zone, ``format`` is not one of the four lengths, or
            ``locale`` is not a locale known to CLDR.

    >>> import datetime as dt
    >>> moment = dt.datetime(2026, 7, 1, 12, 0, tzinfo=dt.timezone.utc)
    >>> format_datetime(moment, locale="en_GB", timezone="Europe/London", format="short")
    '01/07/2026, 13:00'
    """
    aware = check_aware("value", value)
    tz = zone(check_timezone("timezone", timezone))
    length = check_choice("format", format, DATE_FORMATS)
    return babel.dates.format_datetime(
        aware.astimezone(tz), format=length, tzinfo=tz, locale=babel_locale(locale)
    )


_MICROS_PER_SECOND: Final = 1_000_000
_CALENDAR_UNITS: Final = (
    ("duration-day", 86_400 * _MICROS_PER_SECOND),
    ("duration-hour", 3_600 * _MICROS_PER_SECOND),
    ("duration-minute", 60 * _MICROS_PER_SECOND),
    ("duration-second", _MICROS_PER_SECOND),
)
_HOUR_UNITS: Final = _CALENDAR_UNITS[1:]


_LENGTH_ORDER: Final[dict[str, tuple[DurationFormat, ...]]] = {
    "long": ("long", "short", "narrow"),
    "short": ("short", "long", "narrow"),
    "narrow": ("narrow", "short", "long"),
}


@lru_cache(maxsize=64)
def _microsecond_pattern(loc: babel.Locale) -> babel.numbers.NumberPattern:
    # The locale's number pattern, showing up to six decimals: the default
    # shows three and would cut 7.123456 seconds to 7.123.
    pattern: babel.numbers.NumberPattern = copy.copy(loc.decimal_formats[None])
    pattern.frac_prec = (0, 6)
    return pattern


def _unit(amount: Decimal | int, unit: str, length: DurationFormat, loc: babel.Locale) -> str:
    # CLDR as shipped by babel lacks some unit lengths for some locales (Dutch
    # has no long "hour" pattern, German no narrow one); babel then prints the
    # unit id. Fall back to the nearest length that the locale does have.
    text = ""
    pattern = _microsecond_pattern(loc)
    for candidate in _LENGTH_ORDER[length]:
        with _exact():
            # format_unit hands ``format`` to format_decimal, which takes a
            # NumberPattern as well as a pattern string.
            text = babel.units.format_unit(
                amount, unit, length=candidate, format=cast("str", pattern), locale=loc
            )
        if unit not in text:
            return text
    return text


def _units_for(business_hours: object, day_length: object) -> tuple[tuple[str, int], ...]:
    """The units a duration is spelled in, largest first, each with its length in µs."""
    if not isinstance(business_hours, bool):
        raise InvalidTypeError("business_hours", business_hours, "must be True or False")
    if day_length is None:
        return _HOUR_UNITS if business_hours else _CALENDAR_UNITS
    if not isinstance(day_length, dt.timedelta):
        raise InvalidTypeError("day_length", day_length, "must be a timedelta or None")
    if not business_hours:
        raise InvalidInputError(
            "day_length",
            day_length,
            "is the length of a business day and needs business_hours=True "
            "(a calendar day is always 24 hours)",
        )
    if not dt.timedelta(0) < day_length <= dt.timedelta(days=1):
        raise InvalidInputError(
            "day_length", day_length, "must be longer than 0 and at most 24 hours"
        )
    return (("duration-day", to_micros(day_length)), *_HOUR_UNITS)


def format_duration(
    value: dt.timedelta,
    /,
    *,
    locale: str,
    format: DurationFormat = "long",
    business_hours: bool = False,
    day_length: dt.timedelta | None = None,
) -> str:
    """Format a duration exactly, unit by unit.

    Nothing is rounded away: ``1 day, 2 hours and 30 minutes`` stays that.
    Fractions of a second are shown as decimals of the seconds.

    By default ``value`` is elapsed (calendar) time and a day is 24 hours.
    A business-time duration, such as an SLA target of 80 business hours or
    the business time a ticket has been open, is not: 80 business hours are
    two working weeks, not "3 days and 8 hours". Pass ``business_hours=True``
    to spell it in hours (``80 hours``), and add ``day_length`` (the length of
    one business day, e.g. ``timedelta(hours=8)``) to count whole business
    days of that length first (``10 days``). The locale's word for a day is
    used for business days too, so say "business" in the text around it.

    Args:
        value: The duration. Negative durations get a leading minus sign.
        locale: A locale identifier such as ``"nl_NL"`` or ``"en-GB"``.
        format: Unit length: ``"long"`` (``2 hours``), ``"short"`` or
            ``"narrow"``, as far as the locale's CLDR data has them.
        business_hours: ``True`` when ``value`` is business time: the largest
            unit is then the hour (or the business day, with ``day_length``).
        day_length: The length of one business day, more than 0 and at most
            24 hours; only with ``business_hours=True``.

    Returns:
        The localized duration, largest unit first, zero units left out
        (``0 seconds`` for an empty duration).

    Raises:
        InvalidTypeError: ``value`` or ``day_length`` is not a timedelta, or
            ``business_hours`` is not a bool.
        InvalidInputError: ``day_length`` is given without
            ``business_hours=True`` or is out of range, or the locale is
            unknown.

    Examples:
        >>> import datetime as dt
        >>> format_duration(dt.timedelta(days=1, hours=2, minutes=30), locale="en")
        '1 day, 2 hours, 30 minutes'
        >>> format_duration(dt.timedelta(hours=4), locale="nl")
        '4 uur'
        >>> format_duration(-dt.timedelta(minutes=5), locale="en")
        '-5 minutes'
        >>> target = dt.timedelta(hours=80)  # business hours
        >>> format_duration(target, locale="nl", business_hours=True)
        '80 uur'
        >>> format_duration(
        ...     target, locale="en", business_hours=True, day_length=dt.timedelta(hours=8)
        ... )
        '10 days'
    """
    if not isinstance(value, dt.timedelta):
        raise InvalidTypeError("value", value, "must be a timedelta")
    check_choice("format", format, DURATION_FORMATS)
    units = _units_for(business_hours, day_length)
    loc = babel_locale(locale)
    micros = to_micros(value)
    sign = "-" if micros < 0 else ""
    rest = abs(micros)
    parts: list[str] = []
    for unit, size in units:
        count, rest = divmod(rest, size)
        amount: Decimal | int = count
        if unit == "duration-second" and rest:
            # The fraction of a second, exactly: count + rest / 10**6.
            amount = _CONTEXT.add(Decimal(count), Decimal(rest).scaleb(-6, context=_CONTEXT))
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
