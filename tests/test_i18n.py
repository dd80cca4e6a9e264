"""Locale-aware formatting and complete label catalogs."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import importlib.util
import pathlib
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.i18n import (
    LABEL_LOCALES,
    MAX_NUMBER_DIGITS,
    MAX_PERCENT_DIGITS,
    format_date,
    format_datetime,
    format_decimal,
    format_duration,
    format_money,
    format_percent,
    label,
    labels_for,
    parse_locale,
)
from accountplan.i18n._labels import _catalog
from accountplan.money import Money
from tests.public_api import public_enums

ROOT = pathlib.Path(__file__).resolve().parent.parent


def eur(text: str) -> Money:
    return Money(amount=text, currency="EUR")


@pytest.mark.parametrize(
    ("locale", "money", "expected"),
    [
        ("en_US", Money(amount="1234.5", currency="USD"), "$1,234.50"),
        ("nl_NL", eur("1234.5"), "€\xa01.234,50"),
        ("de_DE", eur("-1234.5"), "-1.234,50\xa0€"),
        ("fr_FR", eur("1234.5"), "1\u202f234,50\xa0€"),
        ("ja_JP", Money(amount="1234", currency="JPY"), "￥1,234"),
        ("en_US", eur("0.125"), "€0.125"),
    ],
)
def test_format_money(locale: str, money: Money, expected: str) -> None:
    """Money is written the locale's way; unrounded digits are not hidden."""
    assert expected == format_money(money, locale=locale)


def test_numbers_and_percentages() -> None:
    """Decimals keep every digit; percentages are given in percent."""
    assert format_decimal(Decimal("1234567.125"), locale="en") == "1,234,567.125"
    assert format_percent(Decimal("99.95"), locale="nl") == "99,95%"
    assert format_percent(12, locale="en") == "12%"
    assert format_percent(Decimal("21"), locale="de_DE") == "21\xa0%"
    with pytest.raises(InvalidTypeError):
        format_decimal(1.5, locale="en")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        format_percent(True, locale="en")
    with pytest.raises(InvalidTypeError):
        format_percent(0.5, locale="en")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError):
        format_money(Decimal(1), locale="en")  # type: ignore[arg-type]


def test_percent_of_an_uptime_is_not_multiplied_by_100() -> None:
    """Regression: format_percent(uptime(...)) printed 9,990% for an uptime of 99.9 %.

    uptime() returns percent, like every rate in the library, and
    format_percent takes percent. Expected texts are CLDR's patterns as babel
    renders them: Dutch ``#,##0%``, German with a no-break space,
    Turkish with the sign first.
    """
    assert format_percent(Decimal("99.9"), locale="nl_NL") == "99,9%"
    assert format_percent(Decimal("99.9"), locale="de_DE") == "99,9\xa0%"
    assert format_percent(Decimal("99.9"), locale="tr_TR") == "%99,9"
    assert format_percent(Decimal("99.9"), locale="en_US") == "99.9%"


def test_percent_digits_and_rounding() -> None:
    """digits rounds half-even by default and shows exactly that many places."""
    assert format_percent(Decimal("99.90"), locale="en") == "99.90%"  # every digit given
    assert format_percent(Decimal("99.9"), locale="en", digits=3) == "99.900%"
    assert format_percent(Decimal("99.95"), locale="en", digits=1) == "100.0%"  # half-even: 99.95
    assert format_percent(Decimal("99.85"), locale="en", digits=1) == "99.8%"
    assert format_percent(Decimal("99.85"), locale="en", digits=1, rounding="half_up") == "99.9%"
    assert format_percent(Decimal("99.999"), locale="en", digits=2, rounding="down") == "99.99%"
    assert format_percent(Decimal("1234.5"), locale="en", digits=0) == "1,234%"
    assert format_percent(Decimal("-0.4"), locale="en", digits=0) == "0%"
    assert format_percent(Decimal("-2.5"), locale="nl", digits=0, rounding="half_up") == "-3%"
    assert format_percent(Decimal("1E+2"), locale="en") == "100%"
    third = Decimal(100) / Decimal(3)  # 28 significant digits in the default context
    assert format_percent(third, locale="nl", digits=2) == "33,33%"


def test_percent_option_errors() -> None:
    """Bad options name the field; sizes are checked before any work."""
    with pytest.raises(InvalidTypeError) as wrong_type:
        format_percent(1, locale="en", digits=1.5)  # type: ignore[arg-type]
    assert wrong_type.value.field == "digits"
    with pytest.raises(InvalidTypeError):
        format_percent(1, locale="en", digits=True)
    with pytest.raises(InvalidInputError) as info:
        format_percent(1, locale="en", digits=-1)
    assert info.value.field == "digits"
    assert "0 or more" in str(info.value)
    with pytest.raises(LimitExceededError) as limit:
        format_percent(1, locale="en", digits=MAX_PERCENT_DIGITS + 1)
    assert limit.value.field == "digits"
    assert format_percent(1, locale="en", digits=MAX_PERCENT_DIGITS).endswith("0%")
    with pytest.raises(InvalidInputError) as info:
        format_percent(1, locale="en", digits=1, rounding="sideways")  # type: ignore[arg-type]
    assert info.value.field == "rounding"
    assert "half_even" in str(info.value)
    for bad in (Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")):
        with pytest.raises(InvalidInputError) as info:
            format_percent(bad, locale="en")
        assert "finite" in str(info.value)
    big = 10**MAX_NUMBER_DIGITS
    with pytest.raises(LimitExceededError):
        format_decimal(big, locale="en")
    with pytest.raises(LimitExceededError):
        format_percent(Decimal(1).scaleb(-MAX_NUMBER_DIGITS - 1), locale="en")
    assert format_decimal(big - 1, locale="en").count(",") == (MAX_NUMBER_DIGITS - 1) // 3
    assert format_decimal(Decimal(1).scaleb(-MAX_NUMBER_DIGITS), locale="en").endswith("01")


@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=6, allow_nan=False),
    st.integers(min_value=0, max_value=6),
)
def test_percent_matches_python_formatting(value: Decimal, digits: int) -> None:
    """In English, format_percent agrees with Python's own fixed-point formatting.

    The oracle is ``format(value, ",.Nf")`` (half-even under the default
    context), independent of babel.
    """
    with decimal.localcontext(decimal.Context(prec=50)):
        expected = format(value, f",.{digits}f")
    if expected.lstrip("-").strip("0,.") == "":
        expected = expected.lstrip("-")
    assert expected + "%" == format_percent(value, locale="en", digits=digits)


LOW_PRECISION = decimal.Context(prec=3)
TRAPPING = decimal.Context(
    prec=2,
    rounding=decimal.ROUND_UP,
    traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.Overflow],
)


@pytest.mark.parametrize("ambient", [LOW_PRECISION, TRAPPING], ids=["prec3", "trapping"])
def test_formatting_ignores_the_ambient_decimal_context(ambient: decimal.Context) -> None:
    """Regression: a low-precision ambient context raised InvalidOperation or changed digits.

    Each call gives the text it gives under the default context.
    """
    calls: list[tuple[str, Any]] = [
        ("money", lambda: format_money(eur("1234567.891"), locale="nl_NL")),
        ("percent", lambda: format_percent(Decimal("99.95"), locale="nl_NL")),
        ("percent digits", lambda: format_percent(Decimal("99.9549"), locale="en", digits=2)),
        ("decimal", lambda: format_decimal(Decimal("1234567.125"), locale="fr_FR")),
        ("duration", lambda: format_duration(dt.timedelta(seconds=7.123456), locale="de")),
    ]
    expected = {name: call() for name, call in calls}
    assert expected["money"] == "€\xa01.234.567,891"
    assert expected["percent"] == "99,95%"
    assert expected["percent digits"] == "99.95%"
    assert expected["duration"] == "7,123456 Sekunden"
    with decimal.localcontext(ambient):
        got = {name: call() for name, call in calls}
        assert decimal.getcontext().prec == ambient.prec  # left as the caller set it
    assert expected == got


def test_dates_and_datetimes() -> None:
    """Dates and datetimes are formatted in the given zone and locale."""
    moment = dt.datetime(2026, 3, 29, 1, 30, tzinfo=dt.UTC)
    assert (
        format_datetime(moment, locale="nl_NL", timezone="Europe/Amsterdam")
        == "29 mrt 2026, 03:30:00"
    )
    assert format_date(dt.date(2026, 3, 29), locale="en_US", format="long") == "March 29, 2026"
    with pytest.raises(InvalidInputError):
        format_datetime(dt.datetime(2026, 1, 1), locale="en", timezone="UTC")
    with pytest.raises(InvalidInputError):
        format_datetime(moment, locale="en", timezone="Nowhere/City")
    with pytest.raises(InvalidInputError):
        format_date(moment, locale="en")


@pytest.mark.parametrize("locale", LABEL_LOCALES)
def test_durations_in_every_label_locale(locale: str) -> None:
    """Durations are spelled out in each shipped locale without raw unit ids."""
    text = format_duration(
        dt.timedelta(days=2, hours=1, minutes=5, seconds=7, microseconds=500_000), locale=locale
    )
    assert "duration-" not in text
    assert "2" in text
    assert "7,5" in text or "7.5" in text
    for length in ("short", "narrow"):
        assert "duration-" not in format_duration(
            dt.timedelta(hours=3), locale=locale, format=length
        )


def test_duration_zero_and_negative() -> None:
    """Zero and negative durations are written plainly."""
    assert format_duration(dt.timedelta(0), locale="en") == "0 seconds"
    assert format_duration(-dt.timedelta(hours=1, seconds=1), locale="en") == "-1 hour, 1 second"
    with pytest.raises(InvalidTypeError):
        format_duration(3600, locale="en")  # type: ignore[arg-type]


def test_duration_keeps_every_microsecond() -> None:
    """Fractions of a second are not cut to three decimals."""
    value = dt.timedelta(minutes=1, seconds=7, microseconds=123_456)
    assert format_duration(value, locale="en") == "1 minute, 7.123456 seconds"
    assert format_duration(value, locale="nl") == "1 minuut en 7,123456 seconden"
    assert format_duration(dt.timedelta(microseconds=1), locale="en") == "0.000001 seconds"


@pytest.mark.parametrize(
    ("locale", "calendar", "hours", "days"),
    [
        # Expected texts are CLDR's unit and list patterns as babel renders them.
        ("en", "3 days, 8 hours", "80 hours", "10 days"),
        ("nl", "3 dagen en 8 uur", "80 uur", "10 dagen"),
    ],
)
def test_business_hours_target_is_not_calendar_days(
    locale: str, calendar: str, hours: str, days: str
) -> None:
    """Regression: an 80-business-hour target printed as "3 dagen en 8 uur".

    Elapsed time keeps 24-hour days; business time is spelled in hours, or in
    business days of the length the caller gives.
    """
    target = dt.timedelta(hours=80)
    assert format_duration(target, locale=locale) == calendar
    assert format_duration(target, locale=locale, business_hours=True) == hours
    eight = dt.timedelta(hours=8)
    assert format_duration(target, locale=locale, business_hours=True, day_length=eight) == days


def test_business_days_with_a_remainder() -> None:
    """A remainder below one business day is spelled in hours, minutes and seconds."""
    eight = dt.timedelta(hours=8)
    value = dt.timedelta(hours=82, minutes=30)
    assert (
        format_duration(value, locale="en", business_hours=True, day_length=eight)
        == "10 days, 2 hours, 30 minutes"
    )
    assert (
        format_duration(value, locale="nl", business_hours=True, day_length=eight)
        == "10 dagen, 2 uur en 30 minuten"
    )
    assert (
        format_duration(
            -value, locale="en", business_hours=True, day_length=dt.timedelta(hours=7, minutes=30)
        )
        == "-11 days"
    )
    assert format_duration(value, locale="en", business_hours=True) == "82 hours, 30 minutes"
    assert format_duration(dt.timedelta(0), locale="nl", business_hours=True) == "0 seconden"
    assert (
        format_duration(
            dt.timedelta(days=3), locale="en", business_hours=True, day_length=dt.timedelta(days=1)
        )
        == "3 days"
    )


def test_business_duration_option_errors() -> None:
    """day_length needs business_hours=True and a length from above 0 to 24 hours."""
    eight = dt.timedelta(hours=8)
    with pytest.raises(InvalidInputError) as info:
        format_duration(dt.timedelta(hours=80), locale="en", day_length=eight)
    assert info.value.field == "day_length"
    assert "business_hours=True" in str(info.value)
    for bad in (dt.timedelta(0), -eight, dt.timedelta(hours=24, microseconds=1)):
        with pytest.raises(InvalidInputError) as info:
            format_duration(eight, locale="en", business_hours=True, day_length=bad)
        assert info.value.field == "day_length"
        assert "at most 24 hours" in str(info.value)
    with pytest.raises(InvalidTypeError) as wrong_type:
        format_duration(eight, locale="en", business_hours=True, day_length=8)  # type: ignore[arg-type]
    assert wrong_type.value.field == "day_length"
    with pytest.raises(InvalidTypeError) as wrong_type:
        format_duration(eight, locale="en", business_hours="yes")  # type: ignore[arg-type]
    assert wrong_type.value.field == "business_hours"


@given(
    st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3000)),
    st.integers(min_value=1, max_value=24 * 60),
)
def test_business_days_add_up(value: dt.timedelta, day_minutes: int) -> None:
    """The business days and hours shown add back up to the duration."""
    day = dt.timedelta(minutes=day_minutes)
    text = format_duration(value, locale="en", business_hours=True, day_length=day)
    micros = {
        "day": day // dt.timedelta(microseconds=1),
        "hour": 3_600_000_000,
        "minute": 60_000_000,
        "second": 1_000_000,
    }
    total = Decimal(0)
    for part in text.split(", "):
        number, unit = part.split(" ")
        count = Decimal(number.replace(",", ""))
        singular = unit.removesuffix("s")
        if singular != "second":
            assert count == count.to_integral_value()  # only seconds have a fraction
        total += count * micros[singular]
    assert total == value // dt.timedelta(microseconds=1)


@pytest.mark.parametrize("locale", ["xx_YY", "", "  ", None, "klingon", "zz"])
def test_unknown_locale(locale: object) -> None:
    """An unknown locale is an InvalidInputError naming the locale field."""
    with pytest.raises(InvalidInputError) as info:
        format_money(eur("1"), locale=locale)  # type: ignore[arg-type]
    assert info.value.field == "locale"


def test_parse_locale_accepts_bcp47_dashes() -> None:
    """en-GB and en_GB are the same locale."""
    assert parse_locale("en-GB") == parse_locale("en_GB")


@pytest.mark.parametrize(
    ("given", "expected"),
    [("nl_NL", "nl_NL"), ("nl-NL", "nl_NL"), ("en", "en"), ("zh-Hant-TW", "zh_Hant_TW")],
)
def test_parse_locale_returns_a_plain_string(given: str, expected: str) -> None:
    """Regression: ``parse_locale`` handed out a ``babel.Locale``; now a normalised ``str``."""
    result = parse_locale(given)
    assert type(result) is str
    assert expected == result
    assert format_money(eur("1"), locale=result) == format_money(eur("1"), locale=given)


ENUMS = public_enums()


@pytest.mark.parametrize("locale", LABEL_LOCALES)
@pytest.mark.parametrize("enum_type", ENUMS, ids=lambda e: e.__qualname__)
def test_every_enum_member_has_a_label(enum_type: type[enum.Enum], locale: str) -> None:
    """Each shipped locale has a label for each member of each public enum."""
    missing = [m for m in enum_type if (enum_type.__name__, str(m.value)) not in _catalog(locale)]
    assert missing == []


def test_label_lookup_and_fallback() -> None:
    """Labels come from the locale's catalog; other languages fall back to English."""
    if not ENUMS:
        pytest.skip("no public enums yet")
    member = next(iter(ENUMS[0]))
    english = label(member, locale="en_US")
    assert english == label(member, locale="ja_JP")
    assert isinstance(label(member, locale="nl_NL"), str)
    assert english == labels_for(type(member), locale="en")[member]
    with pytest.raises(InvalidInputError):
        label("x", locale="en")  # type: ignore[arg-type]


def _compile_catalogs_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "compile_catalogs", ROOT / "scripts" / "compile_catalogs.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_compiled_catalogs_are_current() -> None:
    """Every shipped .mo file holds the messages of its .po source."""
    assert _compile_catalogs_module().main(["--check"]) == 0


def test_catalog_check_compares_messages_not_bytes(tmp_path: pathlib.Path) -> None:
    """A .mo from another Babel release passes; a changed translation does not."""
    module = _compile_catalogs_module()
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Paid"\nmsgstr "Betaald"\n',
        encoding="utf-8",
    )
    mo = tmp_path / "x.mo"
    assert not module.is_current(po, mo)
    data = module.compile_po(po)
    mo.write_bytes(data.replace(b"Babel", b"Babbl"))  # another tool version in the header
    assert module.is_current(po, mo)
    po.write_text(po.read_text(encoding="utf-8").replace("Betaald", "Voldaan"), encoding="utf-8")
    assert not module.is_current(po, mo)
