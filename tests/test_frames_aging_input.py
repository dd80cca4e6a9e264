"""aging_frame takes its input by the rules of every other entry point.

Amount text with surrounding blanks (``" 102.00"``), which ``Decimal`` reads
silently, is refused naming the row and the column, as the wire format and the
other column checks refuse it; and the frame has the item limit of
``billing.aging_report`` (``MAX_AGING_ITEMS``), checked before any column is read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

from accountplan.billing import MAX_AGING_ITEMS  # noqa: E402
from accountplan.exceptions import InvalidInputError, LimitExceededError  # noqa: E402
from accountplan.frames import aging_frame  # noqa: E402

DAY = dt.date(2025, 6, 30)


def _frame(totals: list[Any], **columns: Any) -> Any:
    """Items as a CSV export holds them: every cell text."""
    count = len(totals)
    data = {
        "number": [f"INV-{n}" for n in range(count)],
        "account_number": ["C-1"] * count,
        "issue_date": ["2025-01-01"] * count,
        "due_date": ["2025-01-31"] * count,
        "total": totals,
        "currency": ["EUR"] * count,
    }
    data.update(columns)
    return pd.DataFrame(data).astype("str")


@pytest.mark.parametrize("cell", [" 102.00", "102.00 ", "\t102.00", "102.00\n", "\u00a0102.00"])
def test_surrounding_blanks_are_refused_by_row_and_column(cell: str) -> None:
    """``" 102.00"`` was read as 102.00; now it is refused, never repaired."""
    frame = _frame(["100.00", "101.00", cell])
    expected = f"'items[2].total' must not start or end with whitespace (got {cell!r})"
    with pytest.raises(InvalidInputError, match=re.escape(expected)) as info:
        aging_frame(frame, as_of=DAY)
    assert ("items[2].total", cell) == (info.value.field, info.value.value)


def test_blanks_in_the_paid_column_are_refused_too() -> None:
    """Every amount column follows the rule, ``amount_paid`` included."""
    frame = _frame(["100.00", "101.00"], amount_paid=["0", " 1.00"])
    with pytest.raises(InvalidInputError) as info:
        aging_frame(frame, as_of=DAY)
    assert "items[1].amount_paid" == info.value.field


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("\u0661\u0660\u0662", "must be written with ASCII digits 0-9"),
        ("1_02.00", "must be a decimal amount"),
    ],
)
def test_what_decimal_reads_and_the_wire_refuses_is_refused(cell: str, reason: str) -> None:
    """Arabic-Indic digits and ``_`` separators, which ``Decimal()`` reads, are refused."""
    with pytest.raises(InvalidInputError, match=re.escape(f"'items[0].total' {reason}")):
        aging_frame(_frame([cell]), as_of=DAY)


def test_plain_amounts_still_read() -> None:
    """The rule refuses only what it names: exponents and signs are still read one by one."""
    out = aging_frame(_frame(["1.00E+2", "+100", "100"]), as_of=DAY)
    assert "300.00" == str(out["total"].iloc[0])


def test_more_items_than_aging_report_takes_are_refused_before_any_work() -> None:
    """One row past ``MAX_AGING_ITEMS`` is refused with a limit error, before a cell is read.

    Every cell is wrong (numbers where dates and text belong): reading any
    column would raise another error first.
    """
    count = MAX_AGING_ITEMS + 1
    zeros = np.zeros(count, dtype=np.int64)
    frame = pd.DataFrame(
        {
            "number": zeros,
            "account_number": zeros,
            "issue_date": zeros,
            "due_date": zeros,
            "total": zeros,
            "currency": zeros,
        }
    )
    with pytest.raises(LimitExceededError) as info:
        aging_frame(frame, as_of=DAY)
    assert "items" == info.value.field
    assert f"has more than {MAX_AGING_ITEMS} rows" in str(info.value)


def test_the_limit_itself_is_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Exactly the limit is accepted; one more is not (the bound made small to try it)."""
    monkeypatch.setattr("accountplan.frames._aging.MAX_AGING_ITEMS", 3)
    assert len(aging_frame(_frame(["1.00"] * 3), as_of=DAY)) == 1
    with pytest.raises(LimitExceededError):
        aging_frame(_frame(["1.00"] * 4), as_of=DAY)
