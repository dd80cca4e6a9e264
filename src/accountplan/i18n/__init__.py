"""Locale-aware formatting and translated labels.

Every function takes the locale explicitly; the process locale (``LC_*``,
``LANG``) is never read, and neither is the ambient ``decimal`` context: the
same arguments give the same text everywhere. Percentages are in percent
(``21`` is 21 %), like every rate in accountplan.

>>> from decimal import Decimal
>>> from accountplan.money import Money
>>> from accountplan.i18n import format_money
>>> format_money(Money(amount="1234.5", currency="EUR"), locale="nl_NL")
'€\\xa01.234,50'
"""

from accountplan.i18n._format import (
    MAX_NUMBER_DIGITS,
    MAX_PERCENT_DIGITS,
    format_date,
    format_datetime,
    format_decimal,
    format_duration,
    format_money,
    format_percent,
    parse_locale,
)
from accountplan.i18n._labels import LABEL_LOCALES, label, labels_for

__all__ = [
    "LABEL_LOCALES",
    "MAX_NUMBER_DIGITS",
    "MAX_PERCENT_DIGITS",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_duration",
    "format_money",
    "format_percent",
    "label",
    "labels_for",
    "parse_locale",
]
