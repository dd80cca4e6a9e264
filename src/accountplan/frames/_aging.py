"""aging_frame: the aging report's bucket totals for open items given as columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from accountplan._validate import check_type
from accountplan.billing import bucket_labels
from accountplan.exceptions import CurrencyMismatchError, InvalidInputError, InvalidTypeError
from accountplan.frames._checks import _check_frame, _texts, _where
from accountplan.money import currency_precision

__all__ = ["AGING_COLUMNS", "aging_frame"]

AGING_COLUMNS = (
    "number",
    "account_number",
    "issue_date",
    "due_date",
    "total",
    "amount_paid",
    "currency",
)
"""The columns read from an items frame by [aging_frame][accountplan.frames.aging_frame]
(``amount_paid`` and ``currency`` are optional)."""


# -- aging_frame ---------------------------------------------------------------------------------


def _dates(name: str, frame: pd.DataFrame, column: str) -> Any:
    """A date column (``datetime64`` without time of day, or ``datetime.date`` objects) as days."""
    series = frame[column]
    if pd.api.types.is_datetime64_dtype(series.dtype) and not isinstance(
        series.dtype, pd.DatetimeTZDtype
    ):
        index = pd.DatetimeIndex(series)
        if index.isna().any():
            position = int(np.flatnonzero(index.isna())[0])
            raise InvalidInputError(_where(name, frame, position, column), None, "is missing")
        if (index.normalize() != index).any():
            position = int(np.flatnonzero(index.normalize() != index)[0])
            raise InvalidInputError(
                _where(name, frame, position, column), series.iloc[position], "must be a date"
            )
        return np.asarray(index.as_unit("s").asi8 // 86_400, dtype=np.int64)
    values = series.to_numpy(dtype=object)
    out = np.empty(len(values), dtype=np.int64)
    epoch = dt.date(1970, 1, 1).toordinal()
    for position, value in enumerate(values):
        if value.__class__ is not dt.date:
            raise InvalidTypeError(
                _where(name, frame, position, column), value, "must be a date (datetime.date)"
            )
        out[position] = value.toordinal() - epoch
    return out


def _minor_units(name: str, frame: pd.DataFrame, column: str, places: int) -> Any:
    """An amount column (Decimal, int or decimal text; never float) in minor units."""
    series = frame[column]
    if pd.api.types.is_float_dtype(series.dtype):
        raise InvalidTypeError(
            f"{name}.{column}", str(series.dtype), "must be exact amounts (Decimal), not float"
        )
    scale = 10**places
    if pd.api.types.is_integer_dtype(series.dtype):
        return np.asarray(series.to_numpy(), dtype=np.int64) * scale
    out = np.empty(len(series), dtype=np.int64)
    for position, value in enumerate(series.to_numpy(dtype=object)):
        where = _where(name, frame, position, column)
        if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
            raise InvalidTypeError(where, value, "must be a Decimal, an int or a decimal string")
        try:
            amount = Decimal(value)
        except ArithmeticError:
            raise InvalidInputError(where, value, "must be a decimal amount") from None
        if not amount.is_finite():
            raise InvalidInputError(where, value, "must be a finite amount")
        units = amount.scaleb(places)
        if units != units.to_integral_value():
            raise InvalidInputError(where, value, f"must have at most {places} decimal places")
        out[position] = int(units)
    return out


def aging_frame(
    items: Any,
    /,
    *,
    as_of: dt.date,
    buckets: Sequence[int] = (30, 60, 90),
    basis: str = "due_date",
    currency: str | None = None,
) -> pd.DataFrame:
    """Age open items given as columns: the open amount per account and bucket.

    The same totals as [billing.aging_report][accountplan.billing.aging_report]
    for the same items: items issued after ``as_of`` and items with nothing
    left open are left out, the age counts days from the due date (or the
    issue date, ``basis="invoice_date"``), an age of 0 or less is
    ``not_due``, and bounds are upper-inclusive. ``amount_paid`` is what was
    paid on the item up to ``as_of`` (what
    [OpenItem.amount_paid][accountplan.billing.OpenItem.amount_paid] gives), 0 when the
    column is absent.

    Args:
        items: A DataFrame with ``number``, ``account_number``,
            ``issue_date``, ``due_date`` (dates), ``total`` (Decimal, int or
            decimal text, never float) and optionally ``amount_paid`` and
            ``currency``.
        as_of: The day of the report.
        buckets: The bucket bounds in days, upper-inclusive.
        basis: ``due_date`` (default) or ``invoice_date``.
        currency: The currency of every amount, when the frame has no
            ``currency`` column (an ISO 4217 code).

    Returns:
        One row per account with an open balance, by account number:
        ``account_number``, ``currency``, one column per bucket label
        (``not_due``, ``1-30`` ...) and ``total``, amounts as ``Decimal``
        with the currency's minor-unit places. Summing a column gives the
        report's total for that bucket.

    Raises:
        InvalidTypeError: ``items`` is not a DataFrame, or a column has the
            wrong type (a float amount, a date that is not a date).
        InvalidInputError: A missing column, a bad bucket bound or basis,
            no currency, a paid amount above the total; named by row and
            column.
        CurrencyMismatchError: Items in several currencies.

    Examples:
        >>> import datetime as dt
        >>> import pandas as pd
        >>> items = pd.DataFrame({
        ...     "number": ["A", "B"], "account_number": ["C-1", "C-1"],
        ...     "issue_date": [dt.date(2025, 2, 8), dt.date(2024, 12, 21)],
        ...     "due_date": [dt.date(2025, 3, 10), dt.date(2025, 1, 20)],
        ...     "total": ["100.00", "50.00"]})
        >>> out = aging_frame(items, as_of=dt.date(2025, 3, 1), currency="EUR")
        >>> out[["not_due", "31-60", "total"]].to_numpy().tolist()
        [[Decimal('100.00'), Decimal('50.00'), Decimal('150.00')]]
    """
    check_type("as_of", as_of, dt.date)
    if isinstance(as_of, dt.datetime):
        raise InvalidTypeError("as_of", as_of, "must be a date, not a datetime")
    if basis not in ("due_date", "invoice_date"):
        raise InvalidInputError("basis", basis, "must be one of due_date, invoice_date")
    labels = bucket_labels(buckets)
    bounds = np.asarray(tuple(buckets), dtype=np.int64)
    frame = _check_frame(
        "items", items, ("number", "account_number", "issue_date", "due_date", "total")
    )
    if "currency" in frame.columns:
        codes = sorted(set(_texts("items", frame, "currency")))
        if currency is not None and currency not in codes:
            codes = sorted({*codes, currency})
    else:
        codes = [] if currency is None else [currency]
    if not codes:
        raise InvalidInputError("currency", None, "is needed when the frame has no currency column")
    if len(codes) > 1:
        raise CurrencyMismatchError(codes[0], codes[1], "age")
    code = codes[0]
    places = currency_precision(code)
    accounts = _texts("items", frame, "account_number")
    issued = _dates("items", frame, "issue_date")
    due = _dates("items", frame, "due_date")
    early = np.flatnonzero(due < issued)
    if early.size:
        position = int(early[0])
        raise InvalidInputError(
            _where("items", frame, position, "due_date"),
            frame["due_date"].iloc[position],
            "must be on or after issue_date",
        )
    total = _minor_units("items", frame, "total", places)
    paid = (
        _minor_units("items", frame, "amount_paid", places)
        if "amount_paid" in frame.columns
        else np.zeros(len(frame), dtype=np.int64)
    )
    for bad, column, reason in (
        (total <= 0, "total", "must be more than zero"),
        (paid < 0, "amount_paid", "must not be negative"),
        (paid > total, "amount_paid", "must not be more than the total"),
    ):
        wrong = np.flatnonzero(bad)
        if wrong.size:
            position = int(wrong[0])
            raise InvalidInputError(
                _where("items", frame, position, column), frame[column].iloc[position], reason
            )
    day = as_of.toordinal() - dt.date(1970, 1, 1).toordinal()
    open_amount = total - paid
    keep = (issued <= day) & (open_amount > 0)
    age = day - (due if basis == "due_date" else issued)
    bucket = np.where(age <= 0, 0, np.searchsorted(bounds, age, side="left") + 1)
    return _aging_table(
        accounts[keep], bucket[keep], open_amount[keep], labels, code=code, places=places
    )


def _aging_table(
    accounts: Any, bucket: Any, amount: Any, labels: Sequence[str], *, code: str, places: int
) -> pd.DataFrame:
    """Per account, the sum of ``amount`` (minor units) per bucket, as Decimal columns."""
    keys, account = np.unique(accounts.astype(str), return_inverse=True)
    width = len(labels)
    sums = np.zeros(keys.size * width, dtype=np.int64)
    np.add.at(sums, account * width + bucket, amount)
    table = sums.reshape(keys.size, width)
    data: dict[str, Any] = {
        "account_number": keys.astype(object),
        "currency": np.full(keys.size, code, dtype=object),
    }
    for j, label in enumerate(labels):
        data[label] = _decimals(table[:, j], places)
    data["total"] = _decimals(table.sum(axis=1), places)
    return pd.DataFrame(data)


def _decimals(units: Any, places: int) -> Any:
    return np.asarray([Decimal(int(u)).scaleb(-places) for u in units], dtype=object)
