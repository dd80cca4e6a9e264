"""The columnar bulk paths: evaluate_frame against the scalar engine, loaders, aging."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pd = pytest.importorskip("pandas")
np = pytest.importorskip("numpy")

from accountplan.billing import OpenItem, Settlement, aging_report  # noqa: E402
from accountplan.calendars import BusinessCalendar  # noqa: E402
from accountplan.exceptions import (  # noqa: E402
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.frames import (  # noqa: E402
    MEASUREMENT_COLUMNS,
    aging_frame,
    evaluate_frame,
    tickets_from_frame,
)
from accountplan.money import Money  # noqa: E402
from accountplan.sla import SlaMeasurement, SlaPolicy, SlaTarget, evaluate  # noqa: E402
from accountplan.tickets import (  # noqa: E402
    MAX_TICKET_EVENTS,
    Priority,
    Ticket,
    TicketEvent,
    TicketEventKind,
)
from tests.strategies_sla import OFFICE, policies, tickets  # noqa: E402

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 23, 8, 0, tzinfo=UTC)
H = dt.timedelta(hours=1)
K = TicketEventKind


def frames_of(items: list[Ticket]) -> tuple[Any, Any]:
    """The tickets and events frames of some tickets (ids made unique by position)."""
    rows = [
        {
            "id": f"{n}:{t.id}",
            "account_number": t.account_number,
            "priority": t.priority.value,
            "created_at": t.created_at,
            "channel": t.channel,
        }
        for n, t in enumerate(items)
    ]
    events = [
        {
            "ticket_id": f"{n}:{t.id}",
            "at": e.at,
            "kind": e.kind.value,
            "status": e.status,
            "priority": None if e.priority is None else e.priority.value,
            "actor": e.actor,
        }
        for n, t in enumerate(items)
        for e in t.events
    ]
    tickets_df = pd.DataFrame(rows, columns=["id", "account_number", "priority", "created_at"])
    tickets_df["channel"] = [t.channel for t in items]
    tickets_df["created_at"] = pd.to_datetime(tickets_df["created_at"], utc=True)
    columns = ["ticket_id", "at", "kind", "status", "priority", "actor"]
    events_df = pd.DataFrame(events, columns=columns)
    events_df["at"] = pd.to_datetime(events_df["at"], utc=True)
    if not len(events_df):
        events_df["at"] = events_df["at"].astype("datetime64[us, UTC]")
    return tickets_df, events_df


def _us(value: dt.datetime | None) -> int | None:
    if value is None:
        return None
    return (value - dt.datetime(1970, 1, 1, tzinfo=UTC)) // dt.timedelta(microseconds=1)


def _td(value: dt.timedelta) -> int:
    return value // dt.timedelta(microseconds=1)


def scalar_rows(
    items: list[Ticket], policy: SlaPolicy, as_of: dt.datetime
) -> list[tuple[Any, ...]]:
    """The oracle: sla.evaluate ticket by ticket, as comparable tuples."""
    out = []
    for n, ticket in enumerate(items):
        for m in evaluate(ticket, policy, as_of=as_of):
            out.append(_row(f"{n}:{ticket.id}", m))
    return out


def _row(ticket_id: str, m: SlaMeasurement) -> tuple[Any, ...]:
    return (
        ticket_id,
        m.account_number,
        m.channel,
        m.policy,
        m.metric,
        m.cycle,
        m.priority.value,
        _td(m.target),
        m.business_hours,
        _us(m.start),
        _us(m.stop),
        _us(m.as_of),
        _us(m.deadline),
        _td(m.elapsed),
        _td(m.paused),
        _td(m.outside_hours),
        m.state,
        _td(m.remaining),
        m.note,
    )


def frame_rows(frame: Any) -> list[tuple[Any, ...]]:
    """The frame's rows as the same comparable tuples."""
    out = []
    for record in frame.itertuples(index=False):
        values = []
        for name, value in zip(MEASUREMENT_COLUMNS, record, strict=True):
            if name in ("start", "stop", "as_of", "deadline"):
                values.append(None if pd.isna(value) else _us(value.to_pydatetime()))
            elif name in ("target", "elapsed", "paused", "outside_hours", "remaining"):
                values.append(_td(value.to_pytimedelta()))
            elif name == "cycle":
                values.append(int(value))
            elif name == "business_hours":
                values.append(bool(value))
            else:
                values.append(value)
        out.append(tuple(values))
    return out


def check_same(items: list[Ticket], policy: SlaPolicy, as_of: dt.datetime) -> Any:
    tickets_df, events_df = frames_of(items)
    frame = evaluate_frame(tickets_df, events_df, policy, as_of=as_of)
    assert list(frame.columns) == list(MEASUREMENT_COLUMNS)
    assert scalar_rows(items, policy, as_of) == frame_rows(frame)
    return frame


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(tickets(), max_size=6),
    policy=policies(),
    later=st.integers(0, 60 * 24 * 40),
)
def test_evaluate_frame_equals_the_scalar_engine(
    items: list[Ticket], policy: SlaPolicy, later: int
) -> None:
    """Every measurement of every generated ticket, column by column, to the microsecond."""
    as_of = dt.datetime(2026, 3, 23, 8, tzinfo=UTC) + dt.timedelta(minutes=later)
    items = [t for t in items if t.created_at <= as_of]
    check_same(items, policy, as_of)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    items=st.lists(tickets(), min_size=1, max_size=5),
    policy=policies(calendar=OFFICE, complete=True),
    later=st.integers(0, 60 * 24 * 40),
)
def test_evaluate_frame_equals_the_scalar_engine_on_every_clock(
    items: list[Ticket], policy: SlaPolicy, later: int
) -> None:
    """Complete policies on office hours: every clock of every ticket is measured and compared."""
    as_of = dt.datetime(2026, 3, 23, 8, tzinfo=UTC) + dt.timedelta(minutes=later)
    items = [t for t in items if t.created_at <= as_of]
    check_same(items, policy, as_of)


def _policy(**options: Any) -> SlaPolicy:
    return SlaPolicy(
        name="office",
        calendar=OFFICE,
        targets_by_priority={
            p: [
                SlaTarget(metric="first_response", within=2 * H),
                SlaTarget(metric="next_response", within=4 * H),
                SlaTarget(metric="resolution", within=16 * H),
                SlaTarget(metric="on_hold_time", within=30 * H, business_hours=False),
            ]
            for p in Priority
        },
        **options,
    )


def _ticket(n: int, *events: tuple[float, K, dict[str, Any]]) -> Ticket:
    return Ticket(
        id=f"T-{n}",
        account_number="A-1",
        priority=Priority.HIGH,
        created_at=T0 + n * H,
        events=[
            TicketEvent(at=T0 + n * H + hours * H, kind=kind, **extra)
            for hours, kind, extra in events
        ],
    )


WORKED = [
    _ticket(0),
    _ticket(1, (0.5, K.AGENT_REPLY, {}), (1, K.CUSTOMER_REPLY, {}), (30, K.AGENT_REPLY, {})),
    _ticket(
        2,
        (1, K.STATUS_CHANGED, {"status": "pending"}),
        (20, K.STATUS_CHANGED, {"status": "open"}),
        (22, K.RESOLVED, {}),
        (40, K.REOPENED, {}),
        (60, K.RESOLVED, {}),
    ),
    _ticket(3, (1, K.PRIORITY_CHANGED, {"priority": Priority.LOW}), (2, K.CLOSED, {})),
    _ticket(
        4, (0, K.RESOLVED, {}), (0, K.REOPENED, {}), (0, K.STATUS_CHANGED, {"status": "on_hold"})
    ),
]


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"on_reopen": "new_cycle"},
        {"on_priority_change": "restart"},
        {"on_reopen": "new_cycle", "on_priority_change": "restart"},
    ],
)
def test_worked_tickets_equal_the_scalar_engine(options: dict[str, Any]) -> None:
    """Pauses, a reopening, a priority change and a close, under each policy rule."""
    frame = check_same(WORKED, _policy(**options), T0 + 200 * H)
    assert len(frame) > 10


def test_frame_dtypes() -> None:
    """Instants are UTC datetimes, durations timedeltas, absent ones NaT."""
    frame = check_same(WORKED, _policy(), T0 + 200 * H)
    assert str(frame["start"].dtype) == "datetime64[us, UTC]"
    assert str(frame["elapsed"].dtype) == "timedelta64[us]"
    assert frame["stop"].isna().any()


def test_empty_frames_give_an_empty_result() -> None:
    """No tickets: the columns, no rows."""
    frame = check_same([], _policy(), T0)
    assert frame.empty


def test_a_calendar_that_cannot_answer_falls_back_to_the_scalar_engine() -> None:
    """Past the calendar's holiday cover the scalar engine raises its own error."""
    covered = BusinessCalendar.weekly(
        "UTC",
        hours={d: [("09:00", "17:00")] for d in range(5)},
        holidays=[dt.date(2026, 4, 6)],
        holidays_cover=(2026, 2026),
    )
    policy = SlaPolicy(
        name="covered",
        calendar=covered,
        targets_by_priority={Priority.HIGH: [SlaTarget(metric="resolution", within=8 * H)]},
    )
    late = Ticket(
        id="T-9",
        account_number="A",
        priority=Priority.HIGH,
        created_at=dt.datetime(2026, 12, 31, 9, tzinfo=UTC),
    )
    tickets_df, events_df = frames_of([late])
    as_of = dt.datetime(2027, 1, 5, tzinfo=UTC)
    with pytest.raises(LimitExceededError) as scalar:
        evaluate(late, policy, as_of=as_of)
    with pytest.raises(LimitExceededError) as columnar:
        evaluate_frame(tickets_df, events_df, policy, as_of=as_of)
    assert str(scalar.value) == str(columnar.value)


def test_integer_ids_are_kept() -> None:
    """Integer ticket ids match events by value and stay integers in the result."""
    tickets_df, events_df = frames_of(WORKED)
    numbers = {name: n + 100 for n, name in enumerate(tickets_df["id"])}
    tickets_df["id"] = tickets_df["id"].map(numbers)
    events_df["ticket_id"] = events_df["ticket_id"].map(numbers)
    frame = evaluate_frame(tickets_df, events_df, _policy(), as_of=T0 + 200 * H)
    assert set(frame["ticket_id"]) <= set(numbers.values())
    text = check_same(WORKED, _policy(), T0 + 200 * H)
    assert list(text["elapsed"]) == list(frame["elapsed"])


# -- loading tickets ------------------------------------------------------------------------------


def test_tickets_from_frame_round_trips() -> None:
    """Tickets to frames and back give the same tickets (instants compared as instants)."""
    tickets_df, events_df = frames_of(WORKED)
    loaded = tickets_from_frame(tickets_df, events_df)
    assert [f"{n}:{t.id}" for n, t in enumerate(WORKED)] == [t.id for t in loaded]
    for original, back in zip(WORKED, loaded, strict=True):
        assert original.created_at == back.created_at
        assert [(e.at, e.kind, e.status, e.priority) for e in original.events] == [
            (e.at, e.kind, e.status, e.priority) for e in back.events
        ]


def _small() -> tuple[Any, Any]:
    return frames_of(WORKED[1:3])


@pytest.mark.parametrize(
    ("frame", "column", "value", "error", "where"),
    [
        ("events", "kind", "answered", InvalidInputError, "events[0].kind"),
        ("events", "status", "Pending", InvalidInputError, "events[3].status"),
        ("events", "ticket_id", "nobody", InvalidInputError, "events[0].ticket_id"),
        ("tickets", "priority", "urgent", InvalidInputError, "tickets[0].priority"),
        ("tickets", "account_number", 7, InvalidTypeError, "tickets[0].account_number"),
    ],
)
def test_errors_name_the_row_and_the_column(
    frame: str, column: str, value: Any, error: type[Exception], where: str
) -> None:
    """A bad cell is reported with its frame, row label and column."""
    tickets_df, events_df = _small()
    target = tickets_df if frame == "tickets" else events_df
    target[column] = target[column].astype(object)
    target.loc[3 if column == "status" else 0, column] = value
    with pytest.raises(error, match=re.escape(f"'{where}'")):
        tickets_from_frame(tickets_df, events_df)
    with pytest.raises(error, match=re.escape(f"'{where}'")):
        evaluate_frame(tickets_df, events_df, _policy(), as_of=T0 + 200 * H)


def test_event_rules_are_checked_per_column() -> None:
    """Order, the closed event, and status/priority on the right kinds only."""
    tickets_df, events_df = _small()
    swapped = events_df.copy()
    swapped.loc[0, "at"] = swapped.loc[2, "at"]
    with pytest.raises(InvalidInputError, match=r"'events\[1\]\.at' events must be in time order"):
        tickets_from_frame(tickets_df, swapped)
    early = events_df.copy()
    early.loc[0, "at"] = T0
    with pytest.raises(InvalidInputError, match=r"before the ticket's creation"):
        tickets_from_frame(tickets_df, early)
    closed = events_df.copy()
    closed.loc[0, "kind"] = "closed"
    with pytest.raises(InvalidInputError, match=r"'events\[1\]\.kind' no event may follow"):
        tickets_from_frame(tickets_df, closed)
    for kind, column, reason in (
        ("status_changed", "status", "is required"),
        ("agent_reply", "status", "is only allowed"),
        ("priority_changed", "priority", "is required"),
    ):
        wrong = events_df.copy()
        wrong.loc[3 if column == "status" and kind != "status_changed" else 0, "kind"] = kind
        with pytest.raises(InvalidInputError, match=reason):
            tickets_from_frame(tickets_df, wrong)
    reserved = events_df.copy()
    reserved.loc[3, "status"] = "resolved"
    with pytest.raises(InvalidInputError, match="set by the resolved and closed events"):
        tickets_from_frame(tickets_df, reserved)


def test_categorical_and_text_columns() -> None:
    """Categorical kinds and priorities read as their values; text columns must hold text."""
    tickets_df, events_df = _small()
    plain = evaluate_frame(tickets_df, events_df, _policy(), as_of=T0 + 200 * H)
    events_df["kind"] = events_df["kind"].astype("category")
    tickets_df["priority"] = tickets_df["priority"].astype("category")
    coded = evaluate_frame(tickets_df, events_df, _policy(), as_of=T0 + 200 * H)
    pd.testing.assert_frame_equal(plain, coded)
    strings = tickets_df.assign(account_number=pd.array(["A-1", None], dtype="string"))
    with pytest.raises(InvalidTypeError, match=re.escape("'tickets[1].account_number'")):
        tickets_from_frame(strings, events_df)
    spaced = tickets_df.assign(id=["0:T-1 ", "1:T-2"])
    events_df["ticket_id"] = events_df["ticket_id"].replace({"0:T-1": "0:T-1 "})
    with pytest.raises(InvalidInputError, match=re.escape("'tickets[0].id' must not start")):
        tickets_from_frame(spaced, events_df)


def test_frames_and_columns_are_checked() -> None:
    """Not a DataFrame, a missing column, naive instants, duplicate ids, integer ids."""
    tickets_df, events_df = _small()
    with pytest.raises(InvalidTypeError, match="must be a pandas DataFrame"):
        tickets_from_frame([], events_df)
    with pytest.raises(InvalidInputError, match="missing the column"):
        tickets_from_frame(tickets_df.drop(columns=["priority"]), events_df)
    naive = tickets_df.copy()
    naive["created_at"] = naive["created_at"].dt.tz_localize(None)
    with pytest.raises(InvalidTypeError, match="timezone-aware datetime column"):
        tickets_from_frame(naive, events_df)
    twice = pd.concat([tickets_df, tickets_df], ignore_index=True)
    with pytest.raises(InvalidInputError, match=r"'tickets\[2\]\.id' is not unique"):
        tickets_from_frame(twice, events_df)
    numbered = tickets_df.copy()
    numbered["id"] = [1, 2]
    with pytest.raises(InvalidTypeError, match="integers like the tickets' id"):
        evaluate_frame(numbered, events_df, _policy(), as_of=T0 + 200 * H)
    with pytest.raises(InvalidTypeError, match="must be text"):
        tickets_from_frame(numbered, events_df)
    numbered.loc[1, "id"] = 1
    with pytest.raises(InvalidInputError, match=r"'tickets\[1\]\.id' is not unique"):
        evaluate_frame(numbered, events_df.assign(ticket_id=1), _policy(), as_of=T0 + 200 * H)
    numbered.loc[1, "id"] = 2
    with pytest.raises(InvalidInputError, match=r"'events\[0\]\.ticket_id' names no ticket"):
        evaluate_frame(numbered, events_df.assign(ticket_id=3), _policy(), as_of=T0 + 200 * H)
    missing = tickets_df.copy()
    missing.loc[0, "created_at"] = pd.NaT
    with pytest.raises(InvalidInputError, match=r"'tickets\[0\]\.created_at' is missing"):
        tickets_from_frame(missing, events_df)


def test_nanoseconds_are_refused() -> None:
    """Instants are exact to the microsecond: a nanosecond is not silently dropped."""
    tickets_df, events_df = _small()
    tickets_df["created_at"] = tickets_df["created_at"].astype("datetime64[ns, UTC]")
    whole = tickets_from_frame(tickets_df, events_df)
    assert [t.created_at for t in whole] == [t.created_at for t in WORKED[1:3]]
    tickets_df.loc[0, "created_at"] += pd.Timedelta(nanoseconds=1)
    with pytest.raises(InvalidInputError, match="nanoseconds"):
        tickets_from_frame(tickets_df, events_df)


def test_as_of_and_the_horizon_are_checked() -> None:
    """as_of aware, inside the horizon and not before a creation; created_at in the horizon."""
    tickets_df, events_df = _small()
    policy = _policy()
    with pytest.raises(InvalidInputError, match="timezone-aware"):
        evaluate_frame(tickets_df, events_df, policy, as_of=dt.datetime(2026, 5, 1))
    with pytest.raises(LimitExceededError, match="supported horizon"):
        evaluate_frame(tickets_df, events_df, policy, as_of=dt.datetime(9000, 1, 1, tzinfo=UTC))
    with pytest.raises(InvalidInputError, match="before the creation of ticket '0:T-1'"):
        evaluate_frame(tickets_df, events_df, policy, as_of=T0)
    old = tickets_df.copy()
    old["created_at"] = pd.to_datetime(["1900-01-01T00:00Z", "2026-01-01T00:00Z"], utc=True)
    with pytest.raises(LimitExceededError, match=r"'tickets\[0\]\.created_at'"):
        evaluate_frame(old, events_df.iloc[:0], policy, as_of=T0)
    with pytest.raises(InvalidTypeError, match="policy"):
        evaluate_frame(tickets_df, events_df, "office", as_of=T0)  # type: ignore[arg-type]


def test_instants_beyond_the_years_of_a_datetime_are_refused() -> None:
    """Regression: an instant past 9999-12-31 (datetime64 holds it) escaped as a raw error."""
    tickets_df, events_df = _small()
    far = pd.Series(pd.array([np.datetime64("12000-01-01T00:00", "us")] * 2)).dt.tz_localize("UTC")
    with pytest.raises(LimitExceededError, match=re.escape("'tickets[0].created_at' is outside")):
        tickets_from_frame(tickets_df.assign(created_at=far), events_df)


def test_too_many_events_name_the_ticket() -> None:
    """MAX_TICKET_EVENTS holds for a ticket loaded from frames."""
    tickets_df, _ = frames_of([WORKED[0]])
    n = MAX_TICKET_EVENTS + 1
    events_df = pd.DataFrame(
        {
            "ticket_id": [tickets_df["id"][0]] * n,
            "at": pd.Series([T0] * n).astype("datetime64[us, UTC]"),
            "kind": ["agent_note"] * n,
        }
    )
    with pytest.raises(LimitExceededError, match=r"'tickets\[0\]\.id'"):
        tickets_from_frame(tickets_df, events_df)


# -- aging ---------------------------------------------------------------------------------------


def _items() -> list[OpenItem]:

    def eur(amount: Decimal | str) -> Money:
        return Money(amount=amount, currency="EUR")

    out = []
    for n in range(40):
        issued = dt.date(2025, 1, 1) + dt.timedelta(days=5 * n)
        settlements = []
        if n % 3 == 0:
            settlements.append(
                Settlement(settled_on=issued + dt.timedelta(days=10), amount=eur("10.05"))
            )
        if n % 7 == 0:
            settlements.append(
                Settlement(settled_on=issued + dt.timedelta(days=20), amount=eur("90.95"))
            )
        out.append(
            OpenItem(
                number=f"INV-{n}",
                issue_date=issued,
                due_date=issued + dt.timedelta(days=30),
                total=eur(Decimal("101.00") + n),
                settlements=settlements,
                account_number=f"C-{n % 4}",
            )
        )
    return out


def _items_frame(items: list[OpenItem], as_of: dt.date) -> Any:
    return pd.DataFrame(
        {
            "number": [i.number for i in items],
            "account_number": [i.account_number for i in items],
            "issue_date": [i.issue_date for i in items],
            "due_date": [i.due_date for i in items],
            "total": [i.total.amount for i in items],
            "amount_paid": [i.amount_paid(as_of).amount for i in items],
            "currency": [i.currency for i in items],
        }
    )


@pytest.mark.parametrize("basis", ["due_date", "invoice_date"])
@pytest.mark.parametrize("buckets", [(30, 60, 90), (15, 45), (1,)])
@pytest.mark.parametrize("day", [dt.date(2025, 3, 1), dt.date(2025, 6, 30), dt.date(2026, 1, 1)])
def test_aging_frame_equals_aging_report(
    basis: str, buckets: tuple[int, ...], day: dt.date
) -> None:
    """Per account and in total, the same bucket amounts as billing.aging_report."""
    items = _items()
    report = aging_report(items, as_of=day, buckets=buckets, basis=basis)  # type: ignore[arg-type]
    frame = aging_frame(_items_frame(items, day), as_of=day, buckets=buckets, basis=basis)
    assert [r.account_number for r in report.rows] == list(frame["account_number"])
    for row, record in zip(report.rows, frame.to_dict("records"), strict=True):
        assert {k: v.amount for k, v in row.buckets.items()} == {
            label: record[label] for label in report.labels
        }
        assert row.total.amount == record["total"]
    for label in report.labels:
        assert report.totals[label].amount == sum(frame[label], Decimal("0.00"))


def test_aging_frame_checks_its_input() -> None:
    """Floats, currencies, dates and paid amounts are checked, named by row and column."""
    day = dt.date(2025, 6, 30)
    good = _items_frame(_items(), day)
    floats = good.assign(total=[1.5] * len(good))
    with pytest.raises(InvalidTypeError, match="not float"):
        aging_frame(floats, as_of=day)
    mixed = good.assign(currency=["EUR", "USD"] * (len(good) // 2))
    with pytest.raises(CurrencyMismatchError):
        aging_frame(mixed, as_of=day)
    with pytest.raises(InvalidInputError, match="currency"):
        aging_frame(good.drop(columns=["currency"]), as_of=day)
    too_much = good.assign(amount_paid=good["total"] + 1)
    with pytest.raises(InvalidInputError, match=r"'items\[0\]\.amount_paid'"):
        aging_frame(too_much, as_of=day)
    backwards = good.assign(due_date=[dt.date(2024, 1, 1)] * len(good))
    with pytest.raises(InvalidInputError, match=r"'items\[0\]\.due_date'"):
        aging_frame(backwards, as_of=day)
    with pytest.raises(InvalidInputError, match="basis"):
        aging_frame(good, as_of=day, basis="age")
    with pytest.raises(InvalidTypeError, match="must be a date"):
        aging_frame(good, as_of=dt.datetime(2025, 1, 1, tzinfo=UTC))
    texts = good.assign(total=["1.001"] * len(good), amount_paid=["0"] * len(good))
    with pytest.raises(InvalidInputError, match="at most 2 decimal places"):
        aging_frame(texts, as_of=day)
    stamps = good.assign(
        issue_date=pd.to_datetime(good["issue_date"]), due_date=pd.to_datetime(good["due_date"])
    )
    assert aging_frame(stamps, as_of=day).equals(aging_frame(good, as_of=day))
    for bad, error in (
        (good.assign(total=[1.5j] * len(good)), InvalidTypeError),
        (good.assign(total=["lots"] * len(good)), InvalidInputError),
        (good.assign(total=["NaN"] * len(good)), InvalidInputError),
        (stamps.assign(due_date=stamps["due_date"] + pd.Timedelta(hours=1)), InvalidInputError),
        (stamps.assign(due_date=pd.NaT), InvalidInputError),
        (good.assign(due_date="01/01/2025"), InvalidInputError),
        (good.assign(due_date="2025-02-30"), InvalidInputError),
        (good.assign(due_date=pd.array(["2025-01-01"] * len(good), dtype=object)), None),
        (good.assign(due_date=[20250101] * len(good)), InvalidTypeError),
    ):
        if error is None:
            continue
        with pytest.raises(error, match=r"'items\[0\]\."):
            aging_frame(bad, as_of=day)
    whole = good.assign(total=[200] * len(good), amount_paid=[0] * len(good))
    assert aging_frame(whole, as_of=day)["total"].sum() > 0


def _as_export(frame: Any) -> Any:
    """The same items as a CSV export gives them: every cell text (``str`` columns in pandas 3)."""
    return frame.assign(
        issue_date=[d.isoformat() for d in frame["issue_date"]],
        due_date=[d.isoformat() for d in frame["due_date"]],
        total=[str(v) for v in frame["total"]],
        amount_paid=[str(v) for v in frame["amount_paid"]],
    ).astype("str")


@pytest.mark.parametrize("day", [dt.date(2025, 3, 1), dt.date(2025, 6, 30)])
def test_aging_frame_reads_text_columns_as_an_export_gives_them(day: dt.date) -> None:
    """ISO date text and decimal text give the same table as dates and Decimals."""
    typed = _items_frame(_items(), day)
    text = _as_export(typed)
    pd.testing.assert_frame_equal(aging_frame(text, as_of=day), aging_frame(typed, as_of=day))
    # Every kind of text column: pandas' string dtypes and plain objects.
    for dtype in ("string[python]", object):
        pd.testing.assert_frame_equal(
            aging_frame(text.astype(dtype), as_of=day), aging_frame(typed, as_of=day)
        )
    # Text the column-wise parser does not take is read one cell at a time, exactly as before
    # (surrounding blanks are refused: test_frames_aging_input.py).
    odd = text.assign(total=["1.01E+2", "+102", "1.03e2", "104.000", *text["total"][4:]])
    odd = odd.astype({"total": "str"})
    assert list(typed["total"][:4]) == [101, 102, 103, 104]
    pd.testing.assert_frame_equal(aging_frame(odd, as_of=day), aging_frame(typed, as_of=day))


@pytest.mark.parametrize(
    ("cells", "error", "where", "reason"),
    [
        (["12.345"], InvalidInputError, "total", "must have at most 2 decimal places"),
        (["12,50"], InvalidInputError, "total", "must be a decimal amount"),
        (["Infinity"], InvalidInputError, "total", "must be a finite amount"),
        ([None], InvalidTypeError, "total", "must be a Decimal"),
        (["-5.00"], InvalidInputError, "total", "must be more than zero"),
    ],
)
def test_aging_frame_text_amounts_are_refused_by_row(
    cells: list[Any], error: type[Exception], where: str, reason: str
) -> None:
    """A bad text amount names its row (the third) and column, whatever the column-wise parse."""
    day = dt.date(2025, 6, 30)
    text = _as_export(_items_frame(_items(), day))
    totals = list(text["total"])
    totals[2:3] = cells
    bad = text.assign(total=pd.array(totals, dtype="str"))
    with pytest.raises(error, match=re.escape(f"'items[2].{where}' {reason}")):
        aging_frame(bad, as_of=day)


def test_aging_frame_huge_amounts_are_exact() -> None:
    """Regression: amounts beyond int64 minor units raised a raw OverflowError (or wrapped).

    Money takes amounts up to 1E+31; the sums of the table are exact at any size.
    """
    day = dt.date(2025, 6, 30)
    typed = _items_frame(_items()[:3], day)
    huge = Decimal("4" * 25 + ".25")
    for column in (
        [huge, huge, Decimal("1.00")],
        [10**20, 10**20, 1],
        pd.array([huge, huge, Decimal("1.00")], dtype=object).astype(str),
    ):
        frame = typed.assign(total=column, amount_paid=[Decimal(0)] * 3)
        table = aging_frame(frame, as_of=day)
        expected = sum((Decimal(str(v)) for v in column), Decimal("0.00"))
        assert sum(table["total"], Decimal(0)) == expected
    big = np.full(3, 2**62, dtype=np.int64)
    frame = typed.assign(total=big, amount_paid=[0] * 3)
    assert sum(aging_frame(frame, as_of=day)["total"], Decimal(0)) == 3 * 2**62


def test_events_need_not_be_grouped_by_ticket() -> None:
    """Events of several tickets interleaved in the frame: each ticket keeps its own order."""
    tickets_df, events_df = frames_of(WORKED)
    grouped = evaluate_frame(tickets_df, events_df, _policy(), as_of=T0 + 200 * H)
    interleaved = events_df.sort_values("at", kind="stable").reset_index(drop=True)
    assert not interleaved["ticket_id"].is_monotonic_increasing
    mixed = evaluate_frame(tickets_df, interleaved, _policy(), as_of=T0 + 200 * H)
    pd.testing.assert_frame_equal(grouped, mixed)


def test_deadlines_past_the_laid_out_span_come_from_the_calendar_index() -> None:
    """Near the end of a holiday cover the table stops at as_of; deadlines still agree."""
    covered = BusinessCalendar.weekly(
        "UTC",
        hours={d: [("09:00", "17:00")] for d in range(5)},
        holidays=[dt.date(2026, 12, 25)],
        holidays_cover=(2026, 2026),
    )
    policy = SlaPolicy(
        name="covered",
        calendar=covered,
        targets_by_priority={Priority.HIGH: [SlaTarget(metric="resolution", within=6 * H)]},
    )
    ticket = Ticket(
        id="T-1",
        account_number="A",
        priority=Priority.HIGH,
        created_at=dt.datetime(2026, 12, 31, 9, tzinfo=UTC),
    )
    frame = check_same([ticket], policy, dt.datetime(2026, 12, 31, 10, tzinfo=UTC))
    assert frame["deadline"].iloc[0] == pd.Timestamp("2026-12-31T15:00Z")
