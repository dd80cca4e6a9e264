"""Statutory late-payment interest: EU directive, Dutch BW 6:119/6:119a, UK Act 1998.

Every function takes the principal positionally and the period by keyword,
and returns a :class:`~accountplan.billing.LateFee` whose lines show each
stretch of days, its rate and where the rate comes from. Interest runs on the
days after ``due`` up to and including ``as_of`` (or a payment's day for the
part paid). Rate tables default to the bundled ones; ``as_of`` after a
table's ``valid_until`` raises ``InvalidInputError``: pass a newer table with
``rates=``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from accountplan._typing import DayCount, Rounding
from accountplan._validate import check_type
from accountplan.billing._daycount import check_date
from accountplan.billing._late_fees import (
    InterestPolicy,
    LateFee,
    LateFeeComponent,
    LateFeePolicy,
    late_fee,
)
from accountplan.billing._payments import OpenItem, Settlement
from accountplan.billing._rates import RateTable, bundled_rate_table
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money

__all__ = [
    "eu_late_payment_interest",
    "nl_commercial_interest",
    "nl_statutory_interest",
    "uk_late_payment_interest",
]

#: The statutory margin over the reference rate: Directive 2011/7/EU art. 2(6),
#: BW 6:119a lid 2, Late Payment (Rate of Interest) (No. 3) Order 2002 art. 4.
STATUTORY_MARGIN = Decimal(8)


def _run(
    principal: Money,
    *,
    due: dt.date,
    as_of: dt.date,
    interest: InterestPolicy,
    settlements: Iterable[Settlement],
    label: str,
    rounding: Rounding,
) -> LateFee:
    check_type("principal", principal, Money)
    if principal.amount <= 0 or not principal.is_rounded():
        raise InvalidInputError(
            "principal", principal, "must be more than zero, in whole minor units"
        )
    check_date("due", due)
    item = OpenItem(
        reference="debt", issued=due, due=due, amount=principal, settlements=tuple(settlements)
    )
    policy = LateFeePolicy(
        components=[LateFeeComponent(kind="interest", interest=interest, label=label)],
        rounding=rounding,
    )
    return late_fee(item, as_of=as_of, policy=policy)


def eu_late_payment_interest(
    principal: Money,
    /,
    *,
    due: dt.date,
    as_of: dt.date,
    rates: RateTable | None = None,
    margin: Decimal | int | str = STATUTORY_MARGIN,
    day_count: DayCount = "act_365",
    settlements: Iterable[Settlement] = (),
    rounding: Rounding = "half_even",
) -> LateFee:
    """Interest under the Late Payment Directive 2011/7/EU (art. 2(6), art. 4).

    Simple interest at the reference rate plus ``margin`` (at least 8 points;
    Germany uses 9 over its base rate, France 10 over the ECB rate). The
    reference rate is the one in force on 1 January for January to June and
    on 1 July for July to December (art. 2(8)), so it changes every
    half-year while the debt is open. The default table is the ECB main
    refinancing rate (``bundled_rate_table("ecb_mro")``); pass another
    reference table (for example the Bundesbank base rate) with ``rates=``.

    Examples:
        >>> import datetime as dt
        >>> fee = eu_late_payment_interest(
        ...     Money(amount="10000.00", currency="EUR"),
        ...     due=dt.date(2024, 6, 20),
        ...     as_of=dt.date(2024, 7, 10),
        ... )
        >>> [(line.days, str(line.rate), str(line.amount)) for line in fee.lines]
        [(10, '12.50', '34.25 EUR'), (10, '12.25', '33.56 EUR')]
        >>> str(fee.amount)
        '67.81 EUR'
    """
    interest = InterestPolicy(
        rates=bundled_rate_table("ecb_mro") if rates is None else rates,
        margin=margin,
        day_count=day_count,
    )
    return _run(
        principal,
        due=due,
        as_of=as_of,
        interest=interest,
        settlements=settlements,
        label="EU statutory interest (Directive 2011/7/EU art. 2(6))",
        rounding=rounding,
    )


def nl_commercial_interest(
    principal: Money,
    /,
    *,
    due: dt.date,
    as_of: dt.date,
    rates: RateTable | None = None,
    day_count: DayCount = "act_365",
    settlements: Iterable[Settlement] = (),
    rounding: Rounding = "half_even",
) -> LateFee:
    """Dutch statutory commercial interest (wettelijke handelsrente, BW 6:119a).

    The half-yearly rate (ECB rate + 8 points) follows the bundled table
    ``nl_commercial``. After each full year the interest of that year is added
    to the principal (BW 6:119a lid 3 with 6:119 lid 2): annual
    capitalisation, counted from the day after the due date.

    Examples:
        >>> import datetime as dt
        >>> fee = nl_commercial_interest(
        ...     Money(amount="1000.00", currency="EUR"),
        ...     due=dt.date(2023, 1, 31),
        ...     as_of=dt.date(2024, 1, 31),
        ... )
        >>> str(fee.amount)
        '114.26 EUR'
    """
    interest = InterestPolicy(
        rates=bundled_rate_table("nl_commercial") if rates is None else rates,
        day_count=day_count,
        compounding="annual",
    )
    return _run(
        principal,
        due=due,
        as_of=as_of,
        interest=interest,
        settlements=settlements,
        label="wettelijke handelsrente (BW 6:119a)",
        rounding=rounding,
    )


def nl_statutory_interest(
    principal: Money,
    /,
    *,
    due: dt.date,
    as_of: dt.date,
    rates: RateTable | None = None,
    day_count: DayCount = "act_365",
    settlements: Iterable[Settlement] = (),
    rounding: Rounding = "half_even",
) -> LateFee:
    """Dutch statutory interest for consumers (wettelijke rente, BW 6:119).

    The rate is set by decree (bundled table ``nl_statutory``), not derived
    from the ECB rate; it also capitalises yearly (BW 6:119 lid 2).

    Examples:
        >>> import datetime as dt
        >>> fee = nl_statutory_interest(
        ...     Money(amount="1000.00", currency="EUR"),
        ...     due=dt.date(2024, 1, 1),
        ...     as_of=dt.date(2024, 12, 31),
        ... )
        >>> str(fee.amount)
        '70.00 EUR'
    """
    interest = InterestPolicy(
        rates=bundled_rate_table("nl_statutory") if rates is None else rates,
        day_count=day_count,
        compounding="annual",
    )
    return _run(
        principal,
        due=due,
        as_of=as_of,
        interest=interest,
        settlements=settlements,
        label="wettelijke rente (BW 6:119)",
        rounding=rounding,
    )


def uk_late_payment_interest(
    principal: Money,
    /,
    *,
    due: dt.date,
    as_of: dt.date,
    rates: RateTable | None = None,
    settlements: Iterable[Settlement] = (),
    rounding: Rounding = "half_even",
) -> LateFee:
    """Statutory interest under the Late Payment of Commercial Debts (Interest) Act 1998.

    Simple interest at the reference rate + 8 % (Late Payment of Commercial
    Debts (Rate of Interest) (No. 3) Order 2002, art. 4): the Bank of England
    rate of the half-year in which the debt became late, **fixed for the
    life of the debt**, over 365 days a year. Because the rate is fixed,
    ``as_of`` may lie after the table's ``valid_until``; the day the debt
    became late may not.

    Examples:
        >>> import datetime as dt
        >>> fee = uk_late_payment_interest(
        ...     Money(amount="5000.00", currency="GBP"),
        ...     due=dt.date(2024, 6, 15),
        ...     as_of=dt.date(2024, 8, 14),
        ... )
        >>> str(fee.lines[0].rate), fee.days_late, str(fee.amount)
        ('13.25', 60, '108.90 GBP')
    """
    interest = InterestPolicy(
        rates=bundled_rate_table("uk_reference") if rates is None else rates,
        margin=STATUTORY_MARGIN,
        fix_rate=True,
        day_count="act_365",
    )
    return _run(
        principal,
        due=due,
        as_of=as_of,
        interest=interest,
        settlements=settlements,
        label="statutory interest (Late Payment of Commercial Debts (Interest) Act 1998 s. 1)",
        rounding=rounding,
    )
