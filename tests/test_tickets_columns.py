"""tickets_from_columns: the bulk constructor gives what per-object construction gives.

The oracle builds every TicketEvent and Ticket one by one with the validating
constructors (ticket by ticket, a ticket's events first), and names an error
by the row of the columns it came from. For generated columns, valid and
invalid, the bulk constructor must return equal tickets (with the very same
member objects in the enum fields), or raise the same error type, at the same
field, with the same reason and value.
"""

from __future__ import annotations

import datetime as dt
import enum
import pickle
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.tickets import (
    EVENT_FIELDS,
    MAX_TICKET_EVENTS,
    TICKET_FIELDS,
    Priority,
    Ticket,
    TicketEvent,
    TicketEventKind,
    tickets_from_columns,
)

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
AMS = ZoneInfo("Europe/Amsterdam")
K = TicketEventKind


class Stamp(dt.datetime):
    """A datetime subclass (as pandas.Timestamp is one): accepted, and kept as it is."""


class Text(str):
    """A str subclass: accepted where text is, and kept as it is."""

    __slots__ = ()


class Colour(enum.StrEnum):
    """A member of another enum that compares equal to a priority's value."""

    HIGH = "high"


class NoOffset(dt.tzinfo):
    """A tzinfo that gives no offset: a datetime with it is naive."""

    def utcoffset(self, _: dt.datetime | None) -> None:
        return None

    def dst(self, _: dt.datetime | None) -> None:
        return None

    def tzname(self, _: dt.datetime | None) -> None:
        return None


def oracle(tickets: dict[str, list[Any]], events: dict[str, list[Any]] | None) -> Any:
    """Per-object construction: ("ok", tickets) or ("error", type, field, reason, value)."""
    events = events or {}
    n = len(tickets["id"])
    rows: list[list[int]] = [[] for _ in range(n)]
    for j, owner in enumerate(events.get("ticket", [])):
        rows[owner].append(j)
    out = []
    for i in range(n):
        timeline = []
        for j in rows[i]:
            fields = {name: events[name][j] for name in EVENT_FIELDS[1:] if name in events}
            try:
                timeline.append(TicketEvent(**fields))
            except InvalidInputError as error:
                return (
                    "error",
                    type(error),
                    f"events[{j}].{error.field}",
                    error.reason,
                    error.value,
                )
        fields = {name: tickets[name][i] for name in TICKET_FIELDS if name in tickets}
        try:
            out.append(Ticket(**fields, events=timeline))
        except (InvalidInputError, LimitExceededError) as error:
            found = re.fullmatch(r"events\[(\d+)\](.*)", error.field)
            where = (
                f"events[{rows[i][int(found[1])]}]{found[2]}"
                if found
                else f"tickets[{i}].{error.field}"
            )
            return ("error", type(error), where, error.reason, error.value)
    return ("ok", tuple(out))


def bulk(tickets: dict[str, list[Any]], events: dict[str, list[Any]] | None) -> Any:
    try:
        return ("ok", tickets_from_columns(tickets, events))
    except (InvalidInputError, LimitExceededError) as error:
        return ("error", type(error), error.field, error.reason, error.value)


def same_objects(left: tuple[Ticket, ...], right: tuple[Ticket, ...]) -> None:
    """Equal tickets whose fields are the very same objects (members, strings, datetimes)."""
    assert left == right
    for a, b in zip(left, right, strict=True):
        for name in TICKET_FIELDS[:5]:
            assert getattr(a, name) is getattr(b, name), name
        assert type(a.tags) is type(b.tags) is frozenset
        assert type(a.events) is type(b.events) is tuple
        for x, y in zip(a.events, b.events, strict=True):
            for name in EVENT_FIELDS[1:]:
                assert getattr(x, name) is getattr(y, name), name


#: Valid cells, in every form a field takes (members and values, subclasses, other zones).
VALID: dict[str, list[Any]] = {
    "id": ["T-1", "T-2", "x", Text("T-9")],
    "account_number": ["A-1", "", " spaced ", Text("A-2")],
    "priority": [Priority.HIGH, "low", "critical", Priority.PLANNING],
    "created_at": [T0, Stamp(2026, 3, 2, 9, tzinfo=UTC), dt.datetime(2026, 3, 2, 10, tzinfo=AMS)],
    "channel": ["email", "", "web", Text("phone")],
    "tags": [frozenset(), frozenset({"vip"}), frozenset({"a", "b"}), {"set"}, ["list"]],
    "status": ["pending", "on_hold", "open", Text("waiting")],
    "actor": ["", "agent", "customer", Text("a")],
}
#: Cells a field refuses.
INVALID: dict[str, list[Any]] = {
    "id": ["", " T", "T\n", "a\x00b", "\u202eT", 5, None],
    "account_number": [7, None, b"A"],
    "priority": ["urgent", 3, None, Colour.HIGH, "HIGH"],
    "created_at": [
        dt.datetime(2026, 3, 2, 9),
        "2026-03-02T09:00Z",
        None,
        dt.datetime(2026, 3, 2, 9, tzinfo=NoOffset()),
    ],
    "channel": [None, 3],
    "tags": [frozenset({" bad"}), "text", None, frozenset({""}), (Text("t "),), [3]],
    "status": ["resolved", "closed", "Open", 3, "", "on hold"],
    "actor": [None, 5],
    "at": [dt.datetime(2026, 3, 2, 9), None, "x", dt.datetime(2026, 3, 2, 9, tzinfo=NoOffset())],
    "kind": ["nope", 1, None, Priority.HIGH, "AGENT_REPLY"],
    "event_priority": ["bogus", 2, Colour.HIGH],
}
#: The columns a "cell" fault may hit (absent optional columns are added for it).
CELLS = [
    *(("tickets", name) for name in TICKET_FIELDS),
    *(("events", name) for name in EVENT_FIELDS[1:]),
]
FAULTS = (
    "cell",  # one cell of one column replaced by a refused value
    "order",  # two events of a ticket swapped in time
    "early",  # an event before its ticket's creation
    "after_closed",  # an event after a closed one
    "status_elsewhere",  # a status on an event that is not status_changed
    "no_status",  # status_changed without a status
    "priority_elsewhere",  # a priority on an event that is not priority_changed
    "no_priority",  # priority_changed without a priority
)


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict[str, list[Any]], dict[str, list[Any]] | None]:
    """Valid columns, then (two times in three) one fault put in."""
    n = draw(st.integers(1, 4))
    pick = st.sampled_from

    def valid(name: str) -> Any:
        """Mostly the plain forms (so that most tickets take the fast path), sometimes any."""
        return draw(pick(VALID[name][:2]) | pick(VALID[name]))

    tickets: dict[str, list[Any]] = {
        name: [valid(name) for _ in range(n)]
        for name in ("id", "account_number", "priority", "created_at")
    }
    for name in ("channel", "tags"):
        if draw(st.booleans()):
            tickets[name] = [valid(name) for _ in range(n)]
    m = draw(st.integers(0, 8))
    events: dict[str, list[Any]] = {name: [] for name in EVENT_FIELDS[:5]}
    minute = 0
    for _ in range(m):
        kind = draw(pick([*TicketEventKind, *(k.value for k in TicketEventKind if k != K.CLOSED)]))
        value = getattr(kind, "value", kind)
        minute += draw(pick([0, 1, 30, 600]))
        events["ticket"].append(draw(st.integers(0, n - 1)))
        events["at"].append(T0 + dt.timedelta(hours=2, minutes=minute))
        events["kind"].append(kind)
        events["status"].append(valid("status") if value == "status_changed" else None)
        events["priority"].append(valid("priority") if value == "priority_changed" else None)
    if draw(st.booleans()):
        events["actor"] = [valid("actor") for _ in range(m)]
    fault = draw(st.sampled_from((None, "cell", "cell", *FAULTS)))
    rows = range(m)
    if fault == "cell":
        table, column = draw(pick(CELLS))
        target = tickets if table == "tickets" else events
        if table == "events" and not m:
            target, column = tickets, "id"
        size = len(
            target[column] if column in target else target["id" if target is tickets else "at"]
        )
        if column not in target:  # an optional column, valid but for the fault
            target[column] = [valid(column) if table == "tickets" else "" for _ in range(size)]
        key = "event_priority" if table == "events" and column == "priority" else column
        row = draw(st.integers(0, size - 1))
        changes = [
            j for j, k in enumerate(events["kind"]) if k in (K.STATUS_CHANGED, "status_changed")
        ]
        if column == "status" and changes:
            row = draw(pick(changes))  # a status on an event that may have one
        target[column][row] = draw(pick(INVALID[key]))
    elif fault == "order" and m >= 2:
        j = draw(st.integers(0, m - 2))
        events["at"][j + 1] = events["at"][j] - dt.timedelta(minutes=1)
        events["ticket"][j + 1] = events["ticket"][j]
    elif fault == "early" and m:
        events["at"][draw(st.sampled_from(rows))] = T0 - dt.timedelta(minutes=1)
    elif fault == "after_closed" and m >= 2:
        j = draw(st.integers(0, m - 2))
        events["kind"][j], events["status"][j], events["priority"][j] = K.CLOSED, None, None
        events["ticket"][j + 1] = events["ticket"][j]
    elif m:
        j = draw(st.sampled_from(rows))
        kind, status, priority = {
            "status_elsewhere": ("agent_reply", "pending", None),
            "no_status": ("status_changed", None, None),
            "priority_elsewhere": ("resolved", None, "low"),
            "no_priority": ("priority_changed", None, None),
        }.get(fault or "", (events["kind"][j], events["status"][j], events["priority"][j]))
        events["kind"][j], events["status"][j], events["priority"][j] = kind, status, priority
    if draw(st.integers(0, 3)) == 0 and all(status is None for status in events["status"]):
        del events["status"]
    if draw(st.integers(0, 3)) == 0 and all(value is None for value in events["priority"]):
        del events["priority"]
    return tickets, (events if m or draw(st.booleans()) else None)


@settings(max_examples=300)
@given(tables())
def test_bulk_equals_per_object_construction(table: Any) -> None:
    """The same tickets (the same objects in every field), or the same error at the same field."""
    tickets, events = table
    expected, got = oracle(tickets, events), bulk(tickets, events)
    assert expected[0] == got[0], (expected, got)
    if expected[0] == "ok":
        same_objects(got[1], expected[1])
    else:
        assert expected[1:4] == got[1:4]
        assert repr(expected[4]) == repr(got[4])


def _one(**changes: Any) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {
        "id": ["T-1"],
        "account_number": ["A-1"],
        "priority": ["high"],
        "created_at": [T0],
    }
    columns.update(changes)
    return columns


def test_valid_columns_build_equal_tickets_that_pickle_and_hash_alike() -> None:
    """A worked ticket with every kind of event: equal to the one built by hand, field by field."""
    steps = [
        (K.AGENT_REPLY, None, None, "agent"),
        (K.STATUS_CHANGED, "pending", None, "agent"),
        (K.CUSTOMER_REPLY, None, None, "customer"),
        (K.PRIORITY_CHANGED, None, Priority.CRITICAL, ""),
        (K.AGENT_NOTE, None, None, "agent"),
        (K.RESOLVED, None, None, ""),
        (K.REOPENED, None, None, "customer"),
        (K.CLOSED, None, None, ""),
    ]
    at = [T0 + dt.timedelta(hours=h) for h in range(len(steps))]
    by_hand = Ticket(
        id="T-1",
        account_number="A-1",
        priority=Priority.HIGH,
        created_at=T0,
        channel="email",
        tags=frozenset({"vip"}),
        events=[
            TicketEvent(at=a, kind=k, status=s, priority=p, actor=who)
            for a, (k, s, p, who) in zip(at, steps, strict=True)
        ],
    )
    [built] = tickets_from_columns(
        _one(channel=["email"], tags=[frozenset({"vip"})]),
        {
            "ticket": [0] * len(steps),
            "at": at,
            "kind": [k.value for k, *_ in steps],
            "status": [s for _, s, _, _ in steps],
            "priority": [p for _, _, p, _ in steps],
            "actor": [who for *_, who in steps],
        },
    )
    assert built == by_hand
    assert hash(built) == hash(by_hand)
    assert pickle.loads(pickle.dumps(built)) == by_hand
    assert built.events[3].priority is Priority.CRITICAL


def test_events_of_tickets_may_interleave() -> None:
    """Each ticket gets its events in the order of the columns; defaults fill absent columns."""
    built = tickets_from_columns(
        {
            "id": ["T-1", "T-2"],
            "account_number": ["A-1", "A-2"],
            "priority": [Priority.LOW, "moderate"],
            "created_at": [T0, T0],
        },
        {
            "ticket": [1, 0, 1],
            "at": [T0 + dt.timedelta(minutes=m) for m in (1, 2, 3)],
            "kind": ["agent_note", "agent_reply", "resolved"],
        },
    )
    assert [[e.kind.value for e in t.events] for t in built] == [
        ["agent_reply"],
        ["agent_note", "resolved"],
    ]
    assert (built[0].channel, built[0].tags, built[1].events[0].actor) == ("", frozenset(), "")
    assert tickets_from_columns(_one(), None)[0].events == ()
    assert tickets_from_columns({**_one(), "id": []} | {k: [] for k in _one()}, None) == ()


@pytest.mark.parametrize(
    ("tickets", "events", "error", "field", "reason"),
    [
        ([], None, InvalidTypeError, "tickets", "must be a mapping"),
        (_one(colour=["red"]), None, InvalidInputError, "tickets", "unknown column"),
        ({"id": ["T-1"]}, None, InvalidInputError, "tickets", "missing the column(s) account"),
        (_one(id="T-1"), None, InvalidTypeError, "tickets.id", "must be a sequence"),
        (_one(channel=["a", "b"]), None, InvalidInputError, "tickets.channel", "must have 1 cells"),
        (_one(), {"at": [T0]}, InvalidInputError, "events", "missing the column(s) ticket, kind"),
        (_one(), {"ticket": [1], "at": [T0], "kind": ["agent_reply"]}, InvalidInputError,
         "events[0].ticket", "must be the position of a ticket, 0 to 0"),
        (_one(), {"ticket": [True], "at": [T0], "kind": ["agent_reply"]}, InvalidTypeError,
         "events[0].ticket", "must be the position of a ticket (an int)"),
        (_one(), {"ticket": ["0"], "at": [T0], "kind": ["agent_reply"]}, InvalidTypeError,
         "events[0].ticket", "must be the position of a ticket (an int)"),
    ],
)  # fmt: skip
def test_the_columns_themselves_are_checked(
    tickets: Any, events: Any, error: type[Exception], field: str, reason: str
) -> None:
    """Tables, column names, lengths and event owners are checked before any ticket is built."""
    with pytest.raises(error, match=re.escape(reason)) as raised:
        tickets_from_columns(tickets, events)
    assert raised.value.field == field  # type: ignore[attr-defined]


def test_too_many_events_name_the_ticket() -> None:
    """MAX_TICKET_EVENTS holds: the error names the ticket's row."""
    n = MAX_TICKET_EVENTS + 1
    with pytest.raises(LimitExceededError) as raised:
        tickets_from_columns(
            _one(), {"ticket": [0] * n, "at": [T0] * n, "kind": ["agent_note"] * n}
        )
    assert raised.value.field == "tickets[0].events"


def test_errors_name_the_row_of_the_first_bad_ticket() -> None:
    """Worked examples: the field of the first ticket that cannot be built, by row."""
    two: dict[str, list[Any]] = {
        "id": ["T-1", "T-2"],
        "account_number": ["A-1", "A-2"],
        "priority": ["high", "high"],
        "created_at": [T0, T0],
    }
    cases: list[tuple[dict[str, list[Any]], str, str]] = [
        (
            {"ticket": [1, 0], "at": [T0, T0 - dt.timedelta(1)], "kind": ["closed", "agent_reply"]},
            "events[1].at",
            "must not be before the ticket's creation",
        ),
        (
            {"ticket": [0, 0, 0], "at": [T0] * 3, "kind": ["closed", "agent_note", "agent_note"]},
            "events[1]",
            "no event may follow the closed event",
        ),
        (
            {"ticket": [1, 1], "at": [T0 + dt.timedelta(1), T0], "kind": ["agent_reply"] * 2},
            "events[1].at",
            "events must be in time order",
        ),
        (
            {"ticket": [1, 0], "at": [T0, T0], "kind": ["status_changed", "status_changed"],
             "status": ["Pending", "resolved"]},
            "events[1].status",
            "is set by the resolved and closed events",
        ),
    ]  # fmt: skip
    for events, field, reason in cases:
        with pytest.raises(InvalidInputError, match=re.escape(reason)) as raised:
            tickets_from_columns(two, events)
        assert raised.value.field == field


def _plain_table() -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    """Two tickets with every optional column, every cell in its plain form (the fast path)."""
    tickets: dict[str, list[Any]] = {
        "id": ["T-1", "T-2"],
        "account_number": ["A-1", "A-2"],
        "priority": ["high", Priority.LOW],
        "created_at": [T0, T0],
        "channel": ["email", "web"],
        "tags": [frozenset(), frozenset({"vip"})],
    }
    events: dict[str, list[Any]] = {
        "ticket": [0, 1, 1, 0],
        "at": [T0 + dt.timedelta(hours=h) for h in range(4)],
        "kind": ["status_changed", "priority_changed", "agent_reply", K.RESOLVED],
        "status": ["pending", None, None, None],
        "priority": [None, "critical", None, None],
        "actor": ["agent", "", "agent", ""],
    }
    return tickets, events


@pytest.mark.parametrize(
    ("table", "column", "row", "value"),
    [
        *(("tickets", column, 1, value) for column in TICKET_FIELDS for value in INVALID[column]),
        *(("events", "at", 2, value) for value in INVALID["at"]),
        *(("events", "kind", 2, value) for value in INVALID["kind"]),
        *(("events", "status", 0, value) for value in [*INVALID["status"], "x" * 65]),
        *(("events", "priority", 1, value) for value in INVALID["event_priority"]),
        *(("events", "actor", 3, value) for value in INVALID["actor"]),
    ],
)
def test_each_refused_cell_alone(table: str, column: str, row: int, value: Any) -> None:
    """One refused cell in otherwise plain columns: the error of per-object construction."""
    tickets, events = _plain_table()
    assert bulk(tickets, events) == oracle(tickets, events)
    (tickets if table == "tickets" else events)[column][row] = value
    expected, got = oracle(tickets, events), bulk(tickets, events)
    assert expected[0] == got[0] == "error"
    assert expected[1:4] == got[1:4]
