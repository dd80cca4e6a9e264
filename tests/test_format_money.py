"""format_money against babel's own format_currency, the reference it replaces.

format_money applies the locale's currency pattern itself (babel's
``format_currency`` works out the currency's plural name on every call, a third
of its time): the text must stay exactly what ``format_currency`` gives.
"""

from __future__ import annotations

import decimal
from decimal import Decimal

import babel.numbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.i18n import format_money
from accountplan.money import Money, known_currencies

LOCALES = (
    "en_US", "en_GB", "en_IN", "nl_NL", "nl_BE", "de_DE", "de_CH", "fr_FR", "fr_CH",
    "ja_JP", "ar_EG", "he_IL", "hi_IN", "sv_SE", "pl_PL", "pt_BR", "zh_Hant_TW", "fa_IR",
)  # fmt: skip
AMOUNTS = ("0", "1", "-1", "1234.5", "-1234567.891", "0.001", "99999999999.99", "12.3456789")


def reference(money: Money, locale: str) -> str:
    """babel's format_currency in an exact context: format_money before it was sped up."""
    context = decimal.Context(prec=520, Emin=-999_999, Emax=999_999)
    with decimal.localcontext(context):
        return str(
            babel.numbers.format_currency(
                money.amount, money.currency, locale=locale, decimal_quantization=False
            )
        )


@pytest.mark.parametrize("locale", LOCALES)
def test_every_currency_formats_as_babel_does(locale: str) -> None:
    """Every known currency, a spread of amounts, one locale each run."""
    for code in sorted(known_currencies()):
        for amount in AMOUNTS:
            money = Money(amount=amount, currency=code)
            assert reference(money, locale) == format_money(money, locale=locale)


@given(
    # Up to 12 whole digits and 30 decimal places: inside Money's 60 significant digits.
    st.decimals(
        allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=30
    ),
    st.sampled_from(sorted(known_currencies())),
    st.sampled_from(LOCALES),
)
def test_any_amount_formats_as_babel_does(amount: Decimal, code: str, locale: str) -> None:
    """Random amounts, currencies and locales: the same text as babel's format_currency."""
    money = Money(amount=amount, currency=code)
    assert reference(money, locale) == format_money(money, locale=locale)
