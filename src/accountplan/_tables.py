"""Tables out of result collections: plain records, pandas DataFrames and notebook reprs.

A result that is a table lists its columns once, each with a kind, and says
how one of its rows becomes a record (a plain ``dict``). Everything else is
derived here, the same way for every package:

* ``to_records()``: one ``dict`` per row, keys in column order. Values are
  plain Python: ``str``, ``int``, ``bool``, ``Decimal`` (amounts, with a
  ``currency`` column beside them; percentages in percent), ``datetime.date``,
  aware ``datetime.datetime``, ``datetime.timedelta``, or ``None`` where a
  column allows it. Enums are given as their value strings.
* ``to_pandas()`` (the ``pandas`` extra): a DataFrame with one dtype per kind
  (``COLUMN_DTYPES``): instants as
  ``datetime64[us, UTC]``, dates as ``datetime64[us]`` (midnight, no zone),
  durations as ``timedelta64[us]``, whole numbers as ``Int64`` (nullable),
  flags as ``boolean``, exact decimals as ``object`` columns of ``Decimal``
  (never floats) and text as ``object`` columns of ``str`` (the same in
  pandas 2 and 3, empty tables included).
* ``_repr_html_()`` and ``_repr_markdown_()``: a bounded table for notebooks
  (the first and last rows with the row count), every cell escaped with
  ``html.escape``, no scripts, styles or external assets.

Tables in: [RowReader][accountplan._tables.RowReader] reads the cells of one
exported row (``csv.DictReader`` strings, ``DataFrame.to_dict("records")``
values, database rows with native values) and names the row and the column,
``$[12].due_date``, in every error.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
import math
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Sized
from decimal import Decimal
from typing import Any, Literal, NoReturn, TypeVar

from accountplan._converter import Bad, parse_datetime_iso
from accountplan._decimal import to_decimal
from accountplan._validate import to_enum
from accountplan.exceptions import (
    AccountPlanError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
    MissingDependencyError,
    preview,
)

__all__ = [
    "COLUMN_DTYPES",
    "MAX_RECORDS",
    "MAX_REPR_ROWS",
    "Column",
    "ColumnKind",
    "RowReader",
    "Tabular",
    "cell_text",
    "checked_rows",
    "html_table",
    "markdown_table",
    "require_pandas",
    "to_frame",
]

E = TypeVar("E", bound=enum.Enum)

ColumnKind = Literal["text", "int", "bool", "decimal", "date", "datetime", "timedelta"]

#: The pandas dtype of each kind of column.
COLUMN_DTYPES: dict[str, str] = {
    "text": "object",
    "int": "Int64",
    "bool": "boolean",
    "decimal": "object",
    "date": "datetime64[us]",
    "datetime": "datetime64[us, UTC]",
    "timedelta": "timedelta64[us]",
}

#: The most rows a notebook repr shows (half from the head, half from the tail).
MAX_REPR_ROWS = 20

Column = tuple[str, ColumnKind]


def require_pandas(feature: str) -> Any:
    """The pandas module, or ``MissingDependencyError`` naming the ``pandas`` extra."""
    try:
        import pandas  # noqa: PLC0415 - optional extra
    except ImportError:
        raise MissingDependencyError(feature, "pandas") from None
    return pandas


def to_frame(columns: Sequence[Column], records: Sequence[dict[str, Any]], *, feature: str) -> Any:
    """A DataFrame of ``records`` with one dtype per column kind (see the module notes)."""
    pd = require_pandas(feature)
    data: dict[str, Any] = {}
    for name, kind in columns:
        values = [record[name] for record in records]
        if kind == "datetime":
            series = pd.Series(
                [None if v is None else pd.Timestamp(v).tz_convert("UTC") for v in values],
                dtype=COLUMN_DTYPES[kind],
            )
        elif kind == "date":
            series = pd.Series(
                [None if v is None else pd.Timestamp(v) for v in values],
                dtype=COLUMN_DTYPES[kind],
            )
        else:
            series = pd.Series(values, dtype=COLUMN_DTYPES[kind])
        data[name] = series
    return pd.DataFrame(data, columns=[name for name, _ in columns])


def cell_text(value: Any) -> str:
    """How a record value reads in a table cell (not escaped)."""
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _window(count: int, limit: int) -> tuple[range, range]:
    if count <= limit:
        return range(count), range(0)
    half = limit // 2
    return range(half), range(count - (limit - half), count)


def html_table(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Any],
    record: Callable[[Any], dict[str, Any]],
    *,
    limit: int = MAX_REPR_ROWS,
) -> str:
    """A bounded, escaped HTML table: the head and tail rows and the row count."""
    head, tail = _window(len(rows), limit)
    names = [name for name, _ in columns]
    right = {name for name, kind in columns if kind in {"int", "decimal", "timedelta"}}

    def tr(index: int) -> str:
        values = record(rows[index])
        return (
            "<tr>"
            + "".join(
                f'<td style="text-align: right">{html.escape(cell_text(values[n]))}</td>'
                if n in right
                else f"<td>{html.escape(cell_text(values[n]))}</td>"
                for n in names
            )
            + "</tr>"
        )

    body = [tr(i) for i in head]
    if tail:
        body.append(f'<tr><td colspan="{len(names)}">&hellip;</td></tr>')
        body += [tr(i) for i in tail]
    noun = "row" if len(rows) == 1 else "rows"
    caption = f"{html.escape(title)} ({len(rows)} {noun})"
    header = "".join(f"<th>{html.escape(n)}</th>" for n in names)
    return (
        f"<table><caption>{caption}</caption><thead><tr>{header}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _md(text: str) -> str:
    return (
        html.escape(text)
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("\r\n", " ")
        .replace("\n", " ")
        .replace("\r", " ")
    )


def markdown_table(
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Any],
    record: Callable[[Any], dict[str, Any]],
    *,
    limit: int = MAX_REPR_ROWS,
) -> str:
    """A bounded Markdown table, cells escaped: the head and tail rows and the row count."""
    head, tail = _window(len(rows), limit)
    names = [name for name, _ in columns]
    right = {name for name, kind in columns if kind in {"int", "decimal", "timedelta"}}

    def line(index: int) -> str:
        values = record(rows[index])
        return "| " + " | ".join(_md(cell_text(values[n])) for n in names) + " |"

    noun = "row" if len(rows) == 1 else "rows"
    out = [
        f"**{_md(title)}** ({len(rows)} {noun})",
        "",
        "| " + " | ".join(_md(n) for n in names) + " |",
        "|" + "|".join("---:" if n in right else "---" for n in names) + "|",
    ]
    out += [line(i) for i in head]
    if tail:
        out.append("| " + " | ".join("…" for _ in names) + " |")
        out += [line(i) for i in tail]
    return "\n".join(out) + "\n"


class Tabular:
    """Table behaviour for a result: records, a DataFrame and notebook reprs.

    A result class lists its columns in ``_columns()``, the items behind its
    rows in ``_rows()`` and turns one item into a record with ``_record()``;
    ``_title()`` names the table.
    """

    __slots__ = ()

    def _columns(self) -> tuple[Column, ...]:
        raise NotImplementedError

    def _rows(self) -> Sequence[Any]:
        raise NotImplementedError

    def _record(self, row: Any) -> dict[str, Any]:
        raise NotImplementedError

    def _title(self) -> str:
        raise NotImplementedError

    def _iter_records(self) -> Iterator[dict[str, Any]]:
        record = self._record
        return (record(row) for row in self._rows())

    def to_records(self) -> list[dict[str, Any]]:
        """One plain ``dict`` per row, with the documented columns in order.

        Returns:
            The rows: ``str``, ``int``, ``bool``, ``Decimal`` amounts (with a
            ``currency`` column), dates, aware datetimes, timedeltas, or
            ``None`` where a column allows it.
        """
        return list(self._iter_records())

    def to_pandas(self) -> Any:
        """The rows of ``to_records()`` as a ``pandas.DataFrame`` with one dtype per column.

        Instants are ``datetime64[us, UTC]``, dates ``datetime64[us]``,
        durations ``timedelta64[us]``, whole numbers ``Int64``, flags
        ``boolean``, amounts and percentages ``object`` columns of exact
        ``Decimal``, text ``object`` columns of ``str``.

        Returns:
            A ``pandas.DataFrame``.

        Raises:
            MissingDependencyError: pandas is not installed (the ``pandas`` extra).
        """
        return to_frame(
            self._columns(), self.to_records(), feature=f"{type(self).__name__}.to_pandas"
        )

    def _repr_html_(self) -> str:
        return html_table(self._title(), self._columns(), self._rows(), self._record)

    def _repr_markdown_(self) -> str:
        return markdown_table(self._title(), self._columns(), self._rows(), self._record)


# -- tables in ---------------------------------------------------------------------

#: The most rows one loader call accepts.
MAX_RECORDS = 1_000_000

_DATE_TEXT_LENGTH = 10


def _is_missing(value: Any) -> bool:
    """An empty cell: ``None``, blank text, a float NaN, or pandas' ``NaT`` / ``NA``."""
    if type(value) is str:
        return not value or value.isspace()
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in {"NaTType", "NAType"}


def _is_integer(value: Any) -> bool:
    """An ``int`` or an integer scalar such as ``numpy.int64`` (never a ``bool``)."""
    return not isinstance(value, bool) and hasattr(type(value), "__index__")


def checked_rows(
    field: str, rows: Any, *, table: str = "$"
) -> Iterator[tuple[int, Mapping[str, Any]]]:
    """The rows with their index, refusing a non-sequence, a non-mapping row and too many rows."""
    if isinstance(rows, str | bytes | Mapping) or not isinstance(rows, Iterable):
        raise InvalidTypeError(
            field, rows, "must be an iterable of rows (mappings of column to value)"
        )
    if isinstance(rows, Sized) and len(rows) > MAX_RECORDS:
        raise LimitExceededError(field, len(rows), MAX_RECORDS)
    for index, row in enumerate(rows):
        if index >= MAX_RECORDS:
            raise LimitExceededError(field, index + 1, MAX_RECORDS)
        if not isinstance(row, Mapping):
            raise InvalidTypeError(
                f"{field}[{index}]",
                row,
                "must be a mapping of column to value",
                path=f"{table}[{index}]",
            )
        yield index, row


class RowReader:
    """The cells of one exported row, read strictly; every error names ``$[index].column``.

    Text cells are ``str`` (an integer is read as its digits, for identifiers
    exported as numbers). Dates are ``datetime.date`` values, ``YYYY-MM-DD``
    text, or a naive midnight ``datetime`` (how pandas holds a date column).
    Instants are aware datetimes (``pandas.Timestamp`` included) or ISO 8601
    text with an offset; naive ones are refused. Decimals are ``Decimal``,
    ``int`` or decimal text; a ``float`` is refused (it is not exact: read the
    column as text, for example ``pd.read_csv(..., dtype=str)``). An empty
    cell (``None``, blank text, NaN, ``NaT``) is missing.

    Args:
        index: The row's position in its table, from 0.
        row: The row, a mapping of column name to value.
        table: The name of the table in paths: ``$`` for the main rows, or
            the argument name of a second table (``events``, ``lines``).
    """

    __slots__ = ("index", "row", "table")

    def __init__(self, index: int, row: Mapping[str, Any], *, table: str = "$") -> None:
        self.index = index
        self.row = row
        self.table = table

    def path(self, column: str) -> str:
        """The path of a cell, ``$[12].due_date`` (or ``events[3].kind`` in a second table)."""
        return f"{self.table}[{self.index}].{column}"

    def fail(self, column: str, value: Any, reason: str, *, wrong_type: bool = False) -> NoReturn:
        """Raise ``InvalidInputError`` (``InvalidTypeError`` for a wrong type) for a cell."""
        error = InvalidTypeError if wrong_type else InvalidInputError
        if "(got " not in reason:
            reason = f"{reason} (got {preview(value)})"
        raise error(column, value, reason, path=self.path(column))

    def refail(self, column: str, value: Any, exc: AccountPlanError) -> NoReturn:
        """Raise a model's own refusal of a value again, naming the row and column."""
        reason = getattr(exc, "reason", None) or str(exc)
        self.fail(column, value, reason, wrong_type=isinstance(exc, TypeError))

    def cell(self, column: str, *, required: bool) -> Any:
        """The raw value of a cell, or ``None`` when it is empty and not required."""
        value = self.row.get(column)
        if _is_missing(value):
            if required:
                self.fail(column, value, "is required")
            return None
        return value

    def text(self, column: str, *, required: bool = True, default: str = "") -> str:
        """A text cell; an integer is read as its digits; ``default`` when empty."""
        value = self.cell(column, required=required)
        if type(value) is str:
            return value.strip()
        if value is None:
            return default
        if isinstance(value, str):
            return value.strip()
        if _is_integer(value):
            return str(operator.index(value))
        return self.fail(column, value, "must be text", wrong_type=True)

    def date(self, column: str, *, required: bool = True) -> dt.date | None:
        """A calendar date cell."""
        value = self.cell(column, required=required)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            if value.tzinfo is None and value.time() == dt.time(0):
                return dt.date(value.year, value.month, value.day)
            self.fail(column, value, "must be a date, not a date and time", wrong_type=True)
        if isinstance(value, dt.date):
            return dt.date(value.year, value.month, value.day)
        if not isinstance(value, str):
            self.fail(column, value, "must be a date (YYYY-MM-DD)", wrong_type=True)
        text = value.strip()
        if len(text) != _DATE_TEXT_LENGTH or not text.isascii():
            self.fail(column, value, "must be a date as YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(column, value, "must be a date as YYYY-MM-DD")

    def instant(self, column: str, *, required: bool = True) -> dt.datetime | None:
        """An aware date-and-time cell."""
        value = self.cell(column, required=required)
        if value is None:
            return None
        if not isinstance(value, str | dt.datetime):
            self.fail(column, value, "must be an aware datetime", wrong_type=True)
        try:
            return parse_datetime_iso(value.strip() if isinstance(value, str) else value)
        except Bad as exc:
            self.fail(column, value, exc.reason)

    def decimal(self, column: str, *, required: bool = True) -> Decimal | None:
        """An exact decimal cell: ``Decimal``, ``int`` or decimal text (never a float)."""
        value = self.cell(column, required=required)
        if value is None:
            return None
        if _is_integer(value):
            value = operator.index(value)
        if isinstance(value, str):
            value = value.strip()
        try:
            return to_decimal(column, value)
        except (InvalidInputError, LimitExceededError) as exc:
            self.refail(column, value, exc)

    def choice(self, column: str, cls: type[E], *, required: bool = True) -> E | None:
        """An enum cell: the member, or its value as text (``"high"``)."""
        value = self.cell(column, required=required)
        if value is None:
            return None
        try:
            return to_enum(column, value.strip() if isinstance(value, str) else value, cls)
        except InvalidInputError as exc:
            self.refail(column, value, exc)

    def names(self, column: str) -> tuple[str, ...]:
        """A list cell: a list or tuple of text, or text separated by semicolons."""
        value = self.cell(column, required=False)
        if value is None:
            return ()
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(";") if part.strip())
        if isinstance(value, list | tuple | set | frozenset):
            for item in value:
                if not isinstance(item, str):
                    self.fail(column, value, "must hold text only", wrong_type=True)
            return tuple(sorted(value)) if isinstance(value, set | frozenset) else tuple(value)
        return self.fail(
            column, value, "must be a list of text or text separated by ';'", wrong_type=True
        )
