"""Locale-aware formatting and complete label catalogs."""

from __future__ import annotations

import datetime as dt
import enum
import importlib.util
import pathlib
from decimal import Decimal
from typing import Any

import pytest

from accountplan.exceptions import InvalidInputError
from accountplan.i18n import (
    LABEL_LOCALES,
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
    """Decimals and fractions keep every digit."""
    assert format_decimal(Decimal("1234567.125"), locale="en") == "1,234,567.125"
    assert format_percent(Decimal("0.9995"), locale="nl") == "99,95%"
    assert format_percent(Decimal("0.12"), locale="en") == "12%"
    with pytest.raises(InvalidInputError):
        format_decimal(1.5, locale="en")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError):
        format_percent(True, locale="en")
    with pytest.raises(InvalidInputError):
        format_money(Decimal(1), locale="en")  # type: ignore[arg-type]


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
    with pytest.raises(InvalidInputError):
        format_duration(3600, locale="en")  # type: ignore[arg-type]


@pytest.mark.parametrize("locale", ["xx_YY", "", "  ", None, "klingon", "zz"])
def test_unknown_locale(locale: object) -> None:
    """An unknown locale is an InvalidInputError naming the locale field."""
    with pytest.raises(InvalidInputError) as info:
        format_money(eur("1"), locale=locale)  # type: ignore[arg-type]
    assert info.value.field == "locale"


def test_parse_locale_accepts_bcp47_dashes() -> None:
    """en-GB and en_GB are the same locale."""
    assert parse_locale("en-GB") == parse_locale("en_GB")


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
