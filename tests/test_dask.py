"""accountplan.dask on a local cluster of two worker processes equals the single-process results."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

pd = pytest.importorskip("pandas")
dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from accountplan.billing import OpenItem, Settlement, aging_report  # noqa: E402
from accountplan.dask import aging, compliance, evaluate_sla  # noqa: E402
from accountplan.exceptions import (  # noqa: E402
    CurrencyMismatchError,
    InvalidInputError,
    InvalidTypeError,
)
from accountplan.frames import aging_frame, evaluate_frame  # noqa: E402
from accountplan.money import Money  # noqa: E402
from accountplan.sla import SlaMeasurement, SlaPolicy, SlaTarget, evaluate  # noqa: E402
from accountplan.sla import compliance as sla_compliance  # noqa: E402
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind  # noqa: E402
from tests.strategies_sla import OFFICE  # noqa: E402
from tests.test_frames import frames_of  # noqa: E402

UTC = dt.UTC
T0 = dt.datetime(2026, 3, 23, 8, 0, tzinfo=UTC)
AS_OF = T0 + dt.timedelta(days=20)
K = TicketEventKind
POLICY = SlaPolicy(
    name="office",
    calendar=OFFICE,
    targets_by_priority={
        p: [
            SlaTarget(metric="first_response", within=dt.timedelta(hours=2 + p.level)),
            SlaTarget(metric="next_response", within=dt.timedelta(hours=4)),
            SlaTarget(metric="resolution", within=dt.timedelta(hours=10 * p.level)),
            SlaTarget(metric="on_hold_time", within=dt.timedelta(hours=30), business_hours=False),
        ]
        for p in Priority
    },
)


def generated(n: int, seed: int = 7) -> list[Ticket]:
    """Tickets with replies, pauses, resolutions and reopenings, from a fixed seed."""
    rng = random.Random(seed)
    kinds = [K.AGENT_REPLY, K.CUSTOMER_REPLY, K.STATUS_CHANGED, K.RESOLVED, K.REOPENED]
    out = []
    for number in range(n):
        created = T0 + dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 10))
        at = created
        events = []
        for _ in range(rng.randrange(0, 8)):
            at += dt.timedelta(minutes=rng.randrange(0, 60 * 20))
            kind = rng.choice(kinds)
            extra: dict[str, Any] = {}
            if kind is K.STATUS_CHANGED:
                extra["status"] = rng.choice(["open", "pending", "on_hold"])
            events.append(TicketEvent(at=at, kind=kind, **extra))
        out.append(
            Ticket(
                id=f"T-{number}",
                account_number=f"A-{number % 5}",
                priority=rng.choice(list(Priority)),
                created_at=created,
                events=events,
            )
        )
    return out


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A local cluster of two worker processes, one thread each."""
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=50,
        ) as cluster,
        distributed.Client(cluster) as c,
    ):
        yield c


def _sorted(frame: Any) -> Any:
    return frame.sort_values(["ticket_id", "metric", "cycle"], kind="stable").reset_index(drop=True)


def test_evaluate_sla_on_two_workers_equals_one_process(client: Any) -> None:
    """The same rows as evaluate_frame over the whole frames (and so as sla.evaluate)."""
    items = generated(120)
    tickets_df, events_df = frames_of(items)
    single = evaluate_frame(tickets_df, events_df, POLICY, as_of=AS_OF)
    tickets_ddf = dd.from_pandas(tickets_df, npartitions=3)
    events_ddf = dd.from_pandas(events_df, npartitions=2)
    measured = evaluate_sla(tickets_ddf, events_ddf, POLICY, as_of=AS_OF, npartitions=4)
    spread = client.compute(measured).result()
    # Dask keeps text as pyarrow strings: the values are compared, not the string dtype.
    pd.testing.assert_frame_equal(_sorted(single), _sorted(spread), check_dtype=False)
    # Frames written partition by partition from one source need no shuffle.
    halves = [items[:60], items[60:]]
    pairs = [frames_of(half) for half in halves]
    for n, (t, e) in enumerate(pairs):
        t["id"] = t["id"].map(lambda i, n=n: f"{n}/{i}")
        e["ticket_id"] = e["ticket_id"].map(lambda i, n=n: f"{n}/{i}")
    aligned = evaluate_sla(
        dd.from_map(lambda k: pairs[k][0], [0, 1]),
        dd.from_map(lambda k: pairs[k][1], [0, 1]),
        POLICY,
        as_of=AS_OF,
        copartitioned=True,
    )
    together = client.compute(aligned).result()
    assert len(together) == len(single)
    assert list(together["elapsed"]) == list(single["elapsed"])
    # The frame path itself is checked against sla.evaluate in test_frames; here, the counts.
    assert len(single) == sum(len(evaluate(t, POLICY, as_of=AS_OF)) for t in items)


@pytest.mark.parametrize("aggregate", ["per_measurement", "per_ticket_last", "per_ticket_any"])
@pytest.mark.parametrize(
    "by", [("metric", "priority"), ("account_number",), ("cycle", "channel", "policy"), ()]
)
def test_compliance_equals_sla_compliance(aggregate: str, by: tuple[str, ...]) -> None:
    """Counts, percentages and response-time statistics as sla.compliance gives them."""
    items = generated(80, seed=11)
    measurements: list[SlaMeasurement] = [
        m for t in items for m in evaluate(t, POLICY, as_of=AS_OF)
    ]
    expected = sla_compliance(measurements, by=by, aggregate=aggregate)  # type: ignore[arg-type]
    tickets_df, events_df = frames_of(items)
    frame = evaluate_frame(tickets_df, events_df, POLICY, as_of=AS_OF)
    frame["ticket_id"] = frame["ticket_id"].str.split(":").str[1]
    with dask.config.set(scheduler="sync"):  # in this process, whatever client is running
        got = compliance(dd.from_pandas(frame, npartitions=3), by=by, aggregate=aggregate)
    assert expected == got


def test_compliance_on_the_cluster(client: Any) -> None:
    """evaluate_sla's lazy result goes straight into compliance."""
    items = generated(60, seed=3)
    tickets_df, events_df = frames_of(items)
    measured = evaluate_sla(
        dd.from_pandas(tickets_df, npartitions=2),
        dd.from_pandas(events_df, npartitions=2),
        POLICY,
        as_of=AS_OF,
    )
    single = evaluate_frame(tickets_df, events_df, POLICY, as_of=AS_OF)
    expected = compliance(dd.from_pandas(single, npartitions=1), aggregate="per_ticket_any")
    assert expected == compliance(measured, aggregate="per_ticket_any")


def _items(n: int) -> list[OpenItem]:
    rng = random.Random(5)
    out = []
    for number in range(n):
        issued = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
        amount = Money(amount=Decimal(rng.randrange(100, 100_000)) / 100, currency="EUR")
        settlements = []
        if rng.random() < 0.3:
            part = Money(amount=amount.amount / 2, currency="EUR").rounded()
            settlements.append(Settlement(settled_on=issued + dt.timedelta(days=15), amount=part))
        out.append(
            OpenItem(
                number=f"INV-{number}",
                issue_date=issued,
                due_date=issued + dt.timedelta(days=rng.choice([14, 30, 60])),
                total=amount,
                settlements=settlements,
                account_number=f"C-{rng.randrange(0, 12)}",
            )
        )
    return out


def test_aging_on_two_workers_equals_aging_report(client: Any) -> None:
    """Per-account totals added up across partitions equal one aging report."""
    day = dt.date(2025, 9, 30)
    items = _items(300)
    frame = pd.DataFrame(
        {
            "number": [i.number for i in items],
            "account_number": [i.account_number for i in items],
            "issue_date": pd.to_datetime([i.issue_date for i in items]),
            "due_date": pd.to_datetime([i.due_date for i in items]),
            "total": [str(i.total.amount) for i in items],
            "amount_paid": [str(i.amount_paid(day).amount) for i in items],
            "currency": ["EUR"] * len(items),
        }
    )
    spread = aging(dd.from_pandas(frame, npartitions=4), as_of=day)
    single = aging_frame(frame, as_of=day)
    pd.testing.assert_frame_equal(single, spread)
    with dask.config.set(scheduler="sync"):
        here = aging(dd.from_pandas(frame, npartitions=4), as_of=day)
    pd.testing.assert_frame_equal(single, here)
    report = aging_report(items, as_of=day)
    for label in report.labels:
        assert report.totals[label].amount == sum(spread[label], Decimal("0.00"))
    empty = aging(dd.from_pandas(frame.iloc[:0], npartitions=1), as_of=day, currency="EUR")
    assert empty.empty
    mixed = frame.assign(currency=["EUR"] * 150 + ["USD"] * 150)
    with pytest.raises(CurrencyMismatchError):
        aging(dd.from_pandas(mixed, npartitions=2), as_of=day)
    with pytest.raises(InvalidInputError, match="currency"):
        aging(dd.from_pandas(frame.iloc[:0].drop(columns=["currency"]), npartitions=1), as_of=day)


def test_arguments_are_checked() -> None:
    """Not a Dask DataFrame, a bad partition count, unknown fields and aggregations."""
    tickets_df, events_df = frames_of(generated(3))
    tickets_ddf = dd.from_pandas(tickets_df, npartitions=1)
    events_ddf = dd.from_pandas(events_df, npartitions=1)
    with pytest.raises(InvalidTypeError, match="dask DataFrame"):
        evaluate_sla(tickets_df, events_ddf, POLICY, as_of=AS_OF)
    with pytest.raises(InvalidInputError, match="as many partitions"):
        evaluate_sla(
            tickets_ddf,
            events_ddf.repartition(npartitions=2),
            POLICY,
            as_of=AS_OF,
            copartitioned=True,
        )
    with pytest.raises(InvalidInputError, match="at least 1"):
        evaluate_sla(tickets_ddf, events_ddf, POLICY, as_of=AS_OF, npartitions=0)
    measured = evaluate_sla(tickets_ddf, events_ddf, POLICY, as_of=AS_OF)
    with pytest.raises(InvalidInputError, match="by"):
        compliance(measured, by=("colour",))
    with pytest.raises(InvalidInputError, match="by"):
        compliance(measured, by="metric")
    with pytest.raises(InvalidInputError, match="aggregate"):
        compliance(measured, aggregate="per_week")
    with pytest.raises(InvalidInputError, match="missing the column"):
        compliance(measured[["ticket_id", "state"]])
    report = compliance(measured[measured["cycle"] < 0])
    assert report.total.total == 0
