"""Statutory late-payment interest: EU directive, Dutch BW 6:119/6:119a, UK Act 1998.

Every function takes the principal positionally and the period by keyword,
and returns a [LateFee][accountplan.billing.LateFee] whose lines show each
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
    MAX_LATE_YEARS,
    InterestPolicy,
    LateFee,
    LateFeeComponent,
    LateFeePolicy,
    late_fee,
)
from accountplan.billing._payments import OpenItem, Settlement
from accountplan.billing._rates import RateTable, bundled_rate_table
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.money import Money

__all__ = [
    "eu_late_payment_interest",
    "nl_commercial_interest",
    "nl_statutory_interest",
    "uk_late_payment_interest",
]

STATUTORY_MARGIN = Decimal(8)
"""The statutory margin over the reference rate: Directive 2011/7/EU art. 2(6), BW 6:119a lid
2, Late Payment (Rate of Interest) (No. 3) Order 2002 art. 4.
"""
LAST_DUE = dt.date(9999 - MAX_LATE_YEARS, 12, 31)
"""The last due date accepted: ``as_of`` may lie up to ``MAX_LATE_YEARS`` years after the due
date, and that horizon must stay within the year 9999.
"""
LAST_ACT_ACT_DAY = dt.date(9999, 1, 1)
"""ACT/ACT splits at 1 January of the next year, which does not exist after 9999."""


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
            "principal",
            principal,
            "must be more than zero, in whole minor units: there is no late-payment "
            "interest without a debt",
        )
    check_date("due", due)
    check_date("as_of", as_of)
    if due > LAST_DUE:
        raise LimitExceededError(
            "due",
            due,
            LAST_DUE,
            f"must be on or before {LAST_DUE}, so that the {MAX_LATE_YEARS}-year horizon "
            f"of as_of stays within the year 9999",
        )
    if interest.day_count == "act_act" and as_of > LAST_ACT_ACT_DAY:
        raise LimitExceededError(
            "as_of",
            as_of,
            LAST_ACT_ACT_DAY,
            f"must be on or before {LAST_ACT_ACT_DAY} with day_count='act_act', which "
            f"splits interest at the start of the next year",
        )
    given: object = settlements
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        raise InvalidTypeError("settlements", settlements, "must be a sequence of Settlement")
    item = OpenItem(
        number="debt", issue_date=due, due_date=due, total=principal, settlements=tuple(given)
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

    Args:
        principal: The late debt as [Money][accountplan.money.Money], more
            than zero, in whole minor units; the interest is in its currency.
        due: The due date; interest runs from the next day.
        as_of: The last day interest is counted for (inclusive).
        rates: A table of reference rates in percent a year; ``None`` takes
            ``bundled_rate_table("ecb_mro")``.
        margin: Percentage points a year added to the reference rate
            (``8`` means reference rate + 8 %).
        day_count: How a day is worth a fraction of a year: ``act_365``
            (default), ``act_360``, ``act_act``, ``30_360`` or ``30e_360``.
        settlements: Part payments; each lowers the principal from the day
            after it is paid.
        rounding: How each line is rounded to the currency's minor unit
            (``half_even`` by default).

    Returns:
        A [LateFee][accountplan.billing.LateFee] whose lines show each stretch
        of days, its rate (percent a year) and its base.

    Raises:
        InvalidTypeError: an argument has the wrong type.
        InvalidInputError: ``principal`` is zero, negative or has fractions
            of a cent (there is no interest without a debt), or the table does
            not cover the interest days: the message names the table, the
            range it covers and how to pass a newer one with ``rates=``.
        LimitExceededError: ``due`` is after 9899-12-31, ``as_of`` is more
            than 100 years after ``due``, or ``day_count="act_act"`` is asked
            for interest after 9999-01-01.

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

    Args:
        principal: The late debt as [Money][accountplan.money.Money], more
            than zero, in whole minor units; the interest is in its currency.
        due: The due date; interest runs from the next day.
        as_of: The last day interest is counted for (inclusive).
        rates: A table of rates in percent a year (already including the 8
            points); ``None`` takes ``bundled_rate_table("nl_commercial")``.
        day_count: How a day is worth a fraction of a year: ``act_365``
            (default), ``act_360``, ``act_act``, ``30_360`` or ``30e_360``.
        settlements: Part payments; each lowers the principal from the day
            after it is paid.
        rounding: How each line is rounded to the currency's minor unit
            (``half_even`` by default).

    Returns:
        A [LateFee][accountplan.billing.LateFee] whose lines show each stretch
        of days, its rate (percent a year) and its base.

    Raises:
        InvalidTypeError: an argument has the wrong type.
        InvalidInputError: ``principal`` is zero, negative or has fractions
            of a cent (there is no interest without a debt), or the table does
            not cover the interest days: the message names the table, the
            range it covers and how to pass a newer one with ``rates=``.
        LimitExceededError: ``due`` is after 9899-12-31, ``as_of`` is more
            than 100 years after ``due``, or ``day_count="act_act"`` is asked
            for interest after 9999-01-01.

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

    Args:
        principal: The late debt as [Money][accountplan.money.Money], more
            than zero, in whole minor units; the interest is in its currency.
        due: The due date; interest runs from the next day.
        as_of: The last day interest is counted for (inclusive).
        rates: A table of rates in percent a year, as set by decree; ``None``
            takes ``bundled_rate_table("nl_statutory")``.
        day_count: How a day is worth a fraction of a year: ``act_365``
            (default), ``act_360``, ``act_act``, ``30_360`` or ``30e_360``.
        settlements: Part payments; each lowers the principal from the day
            after it is paid.
        rounding: How each line is rounded to the currency's minor unit
            (``half_even`` by default).

    Returns:
        A [LateFee][accountplan.billing.LateFee] whose lines show each stretch
        of days, its rate (percent a year) and its base.

    Raises:
        InvalidTypeError: an argument has the wrong type.
        InvalidInputError: ``principal`` is zero, negative or has fractions
            of a cent (there is no interest without a debt), or the table does
            not cover the interest days: the message names the table, the
            range it covers and how to pass a newer one with ``rates=``.
        LimitExceededError: ``due`` is after 9899-12-31, ``as_of`` is more
            than 100 years after ``due``, or ``day_count="act_act"`` is asked
            for interest after 9999-01-01.

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

    Args:
        principal: The late debt as [Money][accountplan.money.Money], more
            than zero, in whole minor units; the interest is in its currency.
        due: The due date; interest runs from the next day.
        as_of: The last day interest is counted for (inclusive).
        rates: A table of Bank of England reference rates in percent a year
            (8 points are added); ``None`` takes
            ``bundled_rate_table("uk_reference")``.
        settlements: Part payments; each lowers the principal from the day
            after it is paid.
        rounding: How each line is rounded to the currency's minor unit
            (``half_even`` by default).

    Returns:
        A [LateFee][accountplan.billing.LateFee] whose lines show each stretch
        of days, its rate (percent a year) and its base.

    Raises:
        InvalidTypeError: an argument has the wrong type.
        InvalidInputError: ``principal`` is zero, negative or has fractions
            of a cent (there is no interest without a debt), or the table does
            not cover the interest days: the message names the table, the
            range it covers and how to pass a newer one with ``rates=``.
        LimitExceededError: ``due`` is after 9899-12-31, ``as_of`` is more
            than 100 years after ``due``, or ``day_count="act_act"`` is asked
            for interest after 9999-01-01.

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
