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
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any, Literal

from accountplan.exceptions import MissingDependencyError

__all__ = [
    "COLUMN_DTYPES",
    "MAX_REPR_ROWS",
    "Column",
    "ColumnKind",
    "Tabular",
    "cell_text",
    "html_table",
    "markdown_table",
    "require_pandas",
    "to_frame",
]

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
        return type(self).__name__

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
