"""Exact money: arithmetic, rounding, fair splits and localized display.

Run: python examples/money_basics.py
"""

from decimal import Decimal

from accountplan.exceptions import InvalidTypeError
from accountplan.i18n import format_money
from accountplan.money import Money, allocate, sum_money

VAT_PERCENT = Decimal(21)  # every rate in accountplan is in percent: 21 means 21 %
subscription = Money(amount="49.99", currency="EUR")
vat = (subscription * VAT_PERCENT / 100).rounded("half_up")
total = subscription + vat
print(f"subscription {subscription}, VAT {vat}, total {total}")

# Split the total over three cost centres by head count; no cent is lost.
parts = allocate(total, [5, 3, 2])
print("split 5:3:2 ->", ", ".join(str(p) for p in parts))
assert sum_money(parts, currency="EUR") == total

for locale in ("en_US", "nl_NL", "de_DE", "fr_FR"):
    print(f"{locale}: {format_money(total, locale=locale)}")

# Floats are refused: 0.1 is not one tenth. The error is both an
# AccountPlanError and a TypeError, and names the field and the value.
try:
    Money(amount=0.1, currency="EUR")
except InvalidTypeError as error:
    print("refused:", error)
