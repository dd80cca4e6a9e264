"""accountplan: a customer account plan as typed, tested code."""

from accountplan._version import __version__
from accountplan.money import Money, allocate, currency_precision, sum_money

__all__ = [
    "Money",
    "__version__",
    "allocate",
    "currency_precision",
    "sum_money",
]
