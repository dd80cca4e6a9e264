"""aging_frame: the aging report's bucket totals for open items given as columns."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from accountplan._validate import check_type
from accountplan.billing import MAX_AGING_ITEMS, bucket_labels
from accountplan.exceptions import (
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
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


#: Dates as text: ISO 8601 calendar dates, ``2026-06-30``, nothing else.
_ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
#: Amounts at or beyond this many minor units in magnitude are summed as Python integers
#: (exact at any size) instead of int64.
_INT64_SAFE = 2**62


def _is_text(series: pd.Series) -> bool:
    """A pandas string column (``str``/``string`` dtype, not ``object``)."""
    return isinstance(series.dtype, pd.StringDtype)


def _dates(name: str, frame: pd.DataFrame, column: str) -> Any:
    """A date column as days since 1970-01-01.

    ``datetime64`` without time of day, ``datetime.date`` objects, or ISO
    8601 text (``2026-06-30``, as a CSV export gives it).
    """
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
    out = np.empty(len(series), dtype=np.int64)
    slow = np.ones(len(series), dtype=bool)
    if _is_text(series):
        # The whole column at once: the strict shape first, then the calendar (2026-02-30 is no
        # date). Cells that fail either are read one by one below, which names the first.
        shaped = np.asarray(series.str.fullmatch(_ISO_DATE).fillna(False), dtype=bool)
        parsed = pd.to_datetime(series.where(shaped), format="%Y-%m-%d", errors="coerce")
        index = pd.DatetimeIndex(parsed)
        fast = shaped & ~np.asarray(index.isna())
        out[fast] = index[fast].as_unit("s").asi8 // 86_400
        slow = ~fast
    for position in np.flatnonzero(slow).tolist():
        value = series.iloc[position]
        if value.__class__ is dt.date:
            out[position] = value.toordinal() - _EPOCH_ORDINAL
            continue
        where = _where(name, frame, position, column)
        if not isinstance(value, str):
            raise InvalidTypeError(
                where, value, "must be a date (datetime.date or ISO 8601 text, 2026-06-30)"
            )
        if not pd.Series([value]).str.fullmatch(_ISO_DATE).iloc[0]:
            raise InvalidInputError(where, value, "must be an ISO 8601 date (2026-06-30)")
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidInputError(where, value, "is not a date of the calendar") from None
        out[position] = day.toordinal() - _EPOCH_ORDINAL
    return out


def _decimal_text(places: int) -> str:
    """Plain decimal text read column-wise: up to 13 digits, a point, up to ``places`` more."""
    return "[0-9]{1,13}" + (f"(?:\\.[0-9]{{1,{places}}})?" if places else "")


def _minor_units(name: str, frame: pd.DataFrame, column: str, places: int) -> Any:
    """An amount column (Decimal, int or decimal text; never float) in minor units.

    An int64 array, or an object array of Python ``int`` when an amount is too
    large for int64 arithmetic (nothing is ever wrapped around).
    """
    series = frame[column]
    if pd.api.types.is_float_dtype(series.dtype):
        raise InvalidTypeError(
            f"{name}.{column}", str(series.dtype), "must be exact amounts (Decimal), not float"
        )
    scale = 10**places
    if pd.api.types.is_integer_dtype(series.dtype) and not series.hasnans:
        values = series.to_numpy()
        if values.size and max(abs(int(values.min())), abs(int(values.max()))) < (
            _INT64_SAFE // scale
        ):
            return np.asarray(values, dtype=np.int64) * scale
        exact = np.empty(len(values), dtype=object)
        exact[:] = [int(value) * scale for value in values.tolist()]
        return exact
    out = np.empty(len(series), dtype=np.int64)
    slow = np.ones(len(series), dtype=bool)
    if _is_text(series):
        # Plain decimal text (what a CSV export holds) is parsed for the whole column at once:
        # the digits without the point, scaled by the places the text lacks. Anything else
        # (an exponent, a sign, more places than the currency has ...) is read one by one below.
        plain = np.asarray(series.str.fullmatch(_decimal_text(places)).fillna(False), dtype=bool)
        text = series[plain]
        point = text.str.find(".").to_numpy(dtype=np.int64)
        length = text.str.len().to_numpy(dtype=np.int64)
        digits = text.str.replace(".", "", regex=False).astype("int64").to_numpy(dtype=np.int64)
        given = np.where(point < 0, 0, length - point - 1)
        out[plain] = digits * 10 ** (places - given)
        slow = ~plain
    if not slow.any():
        return out
    big: dict[int, int] = {}
    for position in np.flatnonzero(slow).tolist():
        value = series.iloc[position]
        if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
            raise InvalidTypeError(
                _where(name, frame, position, column),
                value,
                "must be a Decimal, an int or a decimal string",
            )
        if isinstance(value, str):
            where = _where(name, frame, position, column)
            if value != value.strip():
                # Refused, never repaired: the rule of every other entry point.
                raise InvalidInputError(where, value, "must not start or end with whitespace")
            if not value.isascii():
                raise InvalidInputError(where, value, "must be written with ASCII digits 0-9")
            if "_" in value:
                raise InvalidInputError(where, value, "must be a decimal amount")
        try:
            amount = Decimal(value)
        except ArithmeticError:
            raise InvalidInputError(
                _where(name, frame, position, column), value, "must be a decimal amount"
            ) from None
        if not amount.is_finite():
            raise InvalidInputError(
                _where(name, frame, position, column), value, "must be a finite amount"
            )
        units = amount.scaleb(places)
        if units != units.to_integral_value():
            raise InvalidInputError(
                _where(name, frame, position, column),
                value,
                f"must have at most {places} decimal places",
            )
        number = int(units)
        if abs(number) >= _INT64_SAFE:
            big[position] = number
            number = 0
        out[position] = number
    if not big:
        return out
    exact = out.astype(object)
    for position, number in big.items():
        exact[position] = number
    return exact


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
            ``issue_date``, ``due_date`` (dates: ``datetime64`` without a
            time of day, ``datetime.date`` objects, or ISO 8601 text as a CSV
            export holds it, ``2026-06-30``), ``total`` (Decimal, int or
            decimal text such as ``1250.00``, never float) and optionally
            ``amount_paid`` and ``currency``. Text columns (pandas ``str``
            dtype) are parsed and checked for the whole column at once.
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
            wrong type (a float amount, a number for a date).
        InvalidInputError: A missing column, a bad bucket bound or basis,
            no currency, a paid amount above the total, text that is no
            ISO date or decimal amount (surrounding blanks, non-ASCII digits
            and ``_`` separators are refused, never repaired); named by row
            and column.
        LimitExceededError: More than
            [MAX_AGING_ITEMS][accountplan.billing.MAX_AGING_ITEMS] rows, the
            bound of [aging_report][accountplan.billing.aging_report];
            checked before any column is read.
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
    if len(frame) > MAX_AGING_ITEMS:
        # The bound aging_report has, checked before any column is read.
        raise LimitExceededError(
            "items", len(frame), MAX_AGING_ITEMS, f"has more than {MAX_AGING_ITEMS} rows"
        )
    if "currency" in frame.columns:
        codes = sorted(set(_distinct_texts("items", frame, "currency")))
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
    accounts = _account_codes("items", frame)
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
    if object in (total.dtype, paid.dtype):
        total, paid = total.astype(object), paid.astype(object)
    day = as_of.toordinal() - _EPOCH_ORDINAL
    open_amount = total - paid
    keep = (issued <= day) & (open_amount > 0)
    age = day - (due if basis == "due_date" else issued)
    bucket = np.where(age <= 0, 0, np.searchsorted(bounds, age, side="left") + 1)
    return _aging_table(accounts, keep, bucket, open_amount, labels, code=code, places=places)


def _distinct_texts(name: str, frame: pd.DataFrame, column: str) -> Any:
    """The distinct values of a text column (every cell checked to be text)."""
    series = frame[column]
    if _is_text(series):
        _texts_present(name, frame, column)
        return series.unique()
    return _texts(name, frame, column)


def _texts_present(name: str, frame: pd.DataFrame, column: str) -> None:
    """A pandas string column has no missing cell (every cell is then a ``str``)."""
    missing = np.flatnonzero(np.asarray(frame[column].isna()))
    if missing.size:
        raise InvalidTypeError(_where(name, frame, int(missing[0]), column), None, "must be text")


def _account_codes(name: str, frame: pd.DataFrame) -> tuple[Any, Any]:
    """The account of each row as a code into the sorted distinct account numbers."""
    column = "account_number"
    series = frame[column]
    if _is_text(series):
        _texts_present(name, frame, column)
        values: Any = series
    else:
        values = _texts(name, frame, column)
    codes, keys = pd.factorize(values, sort=True)
    return np.asarray(codes, dtype=np.int64), np.asarray(keys, dtype=object)


def _aging_table(
    accounts: tuple[Any, Any],
    keep: Any,
    bucket: Any,
    amount: Any,
    labels: Sequence[str],
    *,
    code: str,
    places: int,
) -> pd.DataFrame:
    """Per account, the sum of ``amount`` (minor units) per bucket, as Decimal columns.

    Only the rows in ``keep`` count; accounts without such a row are left out.
    """
    codes, names = accounts
    used = np.zeros(names.size, dtype=bool)
    used[codes[keep]] = True
    renumber = np.cumsum(used) - 1
    account = renumber[codes[keep]]
    keys = names[used]
    width = len(labels)
    amount = amount[keep]
    if amount.dtype != object and amount.size and int(amount.max()) >= _INT64_SAFE // amount.size:
        amount = amount.astype(object)  # sums beyond int64: exact Python integers instead
    sums = np.zeros(keys.size * width, dtype=amount.dtype)
    np.add.at(sums, account * width + bucket[keep], amount)
    table = sums.reshape(keys.size, width)
    data: dict[str, Any] = {
        "account_number": keys,
        "currency": np.full(keys.size, code, dtype=object),
    }
    for j, label in enumerate(labels):
        data[label] = _decimals(table[:, j], places)
    data["total"] = _decimals(table.sum(axis=1), places)
    return pd.DataFrame(data)


def _decimals(units: Any, places: int) -> Any:
    return np.asarray([Decimal(int(u)).scaleb(-places) for u in units], dtype=object)
