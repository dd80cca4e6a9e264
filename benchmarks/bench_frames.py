"""Benchmark the columnar SLA path: accountplan.frames against hand-written pandas and polars.

Run: python benchmarks/bench_frames.py [--sizes 100000 1000000] [--repeat 3] [--no-memory]

The same raw columns go into three implementations of one job, end to end
(from the tickets and events frames to a table of measurements):

* ``accountplan``: ``frames.evaluate_frame`` (every column of ``SlaMeasurement``
  but the stretches, for every clock, with the calendar's business time);
* ``pandas``: a hand-written, vectorised pandas version (groupby, ffill,
  cumsum, merge) of the same three clocks;
* ``polars``: the same, hand-written with polars expressions (``over``,
  ``forward_fill``, joins).

The hand-written versions use the best tool for business time there is: a
sorted table of the calendar's working intervals with the business time
before each, and ``searchsorted`` (built outside the timed region for them,
inside it for accountplan). They compute less than accountplan does (elapsed
time, state, and the deadline of the response clocks; no paused or
outside-hours time, no notes, no resolution deadline), so the comparison
favours them. Before timing, the three answers are checked to agree on
every (ticket, metric, cycle): elapsed time and state, and the response
deadlines.

Tickets come from ``bench_sla.py``'s generator (``raw_columns``, its
``TIMELINE`` drawn with numpy: first reply, a pause waiting on the customer,
a customer reply and the next agent reply, resolution, and for one ticket in
five a reopening and a second resolution), created over 2026 on its
office-hours calendar of Amsterdam, looked at on 2026-12-20 (the
latest tickets are still open). Ticket ids are integers, kinds and statuses
categorical, instants ``datetime64[us, UTC]``.

Times are the best of ``--repeat`` runs. Memory is the peak resident set
growth of a fresh process running the job once (sampled every 2 ms from
``/proc/self/statm``, the frames already built), so that polars' native
allocations count too. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import pathlib
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import polars as pl

from accountplan.frames import evaluate_frame
from accountplan.sla import SlaPolicy, SlaTarget
from accountplan.tickets import Priority, TicketEventKind

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from bench_sla import CALENDAR, STATUSES
from bench_sla import raw_columns as raw_columns  # noqa: PLC0414 - bench_dask.py reads it here

H = dt.timedelta(hours=1)
US = dt.timedelta(microseconds=1)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
PRIORITIES = [p.value for p in Priority]
#: Targets per priority level, in microseconds: first response, next response, resolution.
TARGETS = {p.value: (p.level * H // US, p.level * H // US, 8 * p.level * H // US) for p in Priority}
POLICY = SlaPolicy(
    name="standard",
    targets_by_priority={
        p: [
            SlaTarget(metric="first_response", within=p.level * H),
            SlaTarget(metric="next_response", within=p.level * H),
            SlaTarget(metric="resolution", within=8 * p.level * H),
        ]
        for p in Priority
    },
    calendar=CALENDAR,
)
AS_OF = dt.datetime(2026, 12, 20, tzinfo=dt.UTC)
AS_OF_US = (AS_OF - EPOCH) // US
KINDS = [kind.value for kind in TicketEventKind]


# -- data -----------------------------------------------------------------------------------------


def _utc(values: np.ndarray[Any, Any]) -> Any:
    return pd.array(values.view("datetime64[us]"), dtype=pd.DatetimeTZDtype(unit="us", tz="UTC"))


def pandas_frames(raw: dict[str, np.ndarray[Any, Any]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    accounts = np.asarray([f"A-{a}" for a in range(997)], dtype=object)
    tickets = pd.DataFrame(
        {
            "id": raw["id"],
            "account_number": accounts[raw["account"]],
            "priority": pd.Categorical.from_codes(raw["priority"], categories=PRIORITIES),
            "created_at": _utc(raw["created"]),
        }
    )
    events = pd.DataFrame(
        {
            "ticket_id": raw["ticket_id"],
            "at": _utc(raw["at"]),
            "kind": pd.Categorical.from_codes(raw["kind"], categories=KINDS),
            "status": pd.Categorical.from_codes(raw["status"], categories=STATUSES),
        }
    )
    return tickets, events


def polars_frames(raw: dict[str, np.ndarray[Any, Any]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    tickets, events = pandas_frames(raw)
    return pl.from_pandas(tickets), pl.from_pandas(events)


# -- business time by hand: the calendar's intervals as a table -----------------------------------


class Table:
    """Working intervals with the business time before each; positions by searchsorted."""

    def __init__(self, low: int, high: int) -> None:
        bounds = [
            ((a - EPOCH) // US, (b - EPOCH) // US)
            for a, b in CALENDAR.intervals(EPOCH + low * US, EPOCH + high * US)
        ]
        pairs = np.asarray(bounds, dtype=np.int64)
        self.starts = pairs[:, 0].copy()
        self.ends = pairs[:, 1].copy()
        self.after = np.cumsum(self.ends - self.starts)
        self.before = self.after - (self.ends - self.starts)

    def position(self, us: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        j = np.searchsorted(self.starts, us, side="right") - 1
        k = np.maximum(j, 0)
        inside = np.minimum(us - self.starts[k], self.ends[k] - self.starts[k])
        return np.where(j >= 0, self.before[k] + inside, 0)

    def instant(self, position: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        i = np.searchsorted(self.after, position, side="left")
        found: np.ndarray[Any, Any] = self.starts[i] + position - self.before[i]
        return found


TABLE = Table(
    (dt.datetime(2026, 1, 1, tzinfo=dt.UTC) - EPOCH) // US,
    (dt.datetime(2027, 12, 1, tzinfo=dt.UTC) - EPOCH) // US,
)
MET, BREACHED, RUNNING, PAUSED, CANCELLED = range(5)


def _states(elapsed: Any, target: Any, stopped: Any, counting: Any, cancelled: Any) -> Any:
    return np.where(
        cancelled,
        CANCELLED,
        np.where(
            stopped,
            np.where(elapsed <= target, MET, BREACHED),
            np.where(elapsed > target, BREACHED, np.where(counting, RUNNING, PAUSED)),
        ),
    )


# -- hand-written pandas ---------------------------------------------------------------------------


def pandas_sla(tickets: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """First response, next response and resolution, vectorised by hand in pandas."""
    table = TABLE
    created = tickets["created_at"].array.as_unit("us").asi8
    prio = tickets["priority"].cat.codes.to_numpy()
    targets = np.asarray([TARGETS[p] for p in PRIORITIES])
    ticket_pos = pd.Series(np.arange(len(tickets)), index=tickets["id"].to_numpy())
    ev = events[events["at"] <= pd.Timestamp(AS_OF)].copy()
    ev["t"] = ticket_pos.reindex(ev["ticket_id"].to_numpy()).to_numpy()
    ev = ev.sort_values("t", kind="stable")
    ev["us"] = ev["at"].array.as_unit("us").asi8
    ev["pos"] = table.position(ev["us"].to_numpy())
    kind = ev["kind"]
    by = ev.groupby("t", sort=False)
    created_pos = table.position(created)
    as_of_pos = int(table.position(np.asarray([AS_OF_US]))[0])
    out = []

    # first_response
    stops = ev[kind.isin(["agent_reply", "resolved", "closed"])].groupby("t", sort=False).head(1)
    first = pd.DataFrame({"t": np.arange(len(tickets))})
    first = first.merge(stops[["t", "us", "pos", "kind"]], on="t", how="left")
    stopped = first["us"].notna().to_numpy()
    end_pos = np.where(stopped, first["pos"].fillna(0).to_numpy(np.int64), as_of_pos)
    elapsed = end_pos - created_pos
    target = targets[prio, 0]
    cancelled = stopped & (first["kind"].astype(object) != "agent_reply").to_numpy()
    out.append(
        pd.DataFrame(
            {
                "ticket": first["t"].to_numpy(),
                "metric": 0,
                "cycle": 1,
                "elapsed": elapsed,
                "state": _states(elapsed, target, stopped, True, cancelled),
                "deadline": np.where(cancelled, -1, table.instant(created_pos + target)),
            }
        )
    )

    # next_response: a customer reply after an agent reply, to the next agent reply
    agent = (kind == "agent_reply").to_numpy().astype(np.int64)
    replies_before = pd.Series(agent, index=ev.index).groupby(ev["t"]).cumsum().to_numpy() - agent
    valid = (kind == "customer_reply").to_numpy() & (replies_before > 0)
    ends = kind.isin(["agent_reply", "resolved", "closed"]).to_numpy()
    toggle = pd.Series(np.where(valid, 1.0, np.where(ends, 0.0, np.nan)), index=ev.index)
    running = toggle.groupby(ev["t"]).ffill().fillna(0.0)
    before = running.groupby(ev["t"]).shift(1, fill_value=0.0).to_numpy()
    starts = ev[valid & (before == 0)][["t", "us", "pos"]]
    finish = ev[ends & (before == 1)][["t", "us", "pos", "kind"]]
    starts = starts.assign(cycle=starts.groupby("t").cumcount() + 1)
    finish = finish.assign(cycle=finish.groupby("t").cumcount() + 1)
    cycles = starts.merge(finish, on=["t", "cycle"], how="left", suffixes=("", "_end"))
    stopped = cycles["us_end"].notna().to_numpy()
    end_pos = np.where(stopped, cycles["pos_end"].fillna(0).to_numpy(np.int64), as_of_pos)
    elapsed = end_pos - cycles["pos"].to_numpy()
    target = targets[prio[cycles["t"].to_numpy()], 1]
    cancelled = stopped & (cycles["kind"].astype(object) != "agent_reply").to_numpy()
    out.append(
        pd.DataFrame(
            {
                "ticket": cycles["t"].to_numpy(),
                "metric": 1,
                "cycle": cycles["cycle"].to_numpy(),
                "elapsed": elapsed,
                "state": _states(elapsed, target, stopped, True, cancelled),
                "deadline": np.where(
                    cancelled, -1, table.instant(cycles["pos"].to_numpy() + target)
                ),
            }
        )
    )

    # resolution: runs outside pending/on_hold; resolving stops it, reopening continues it
    status_set = ev["status"].astype(object).where(kind == "status_changed")
    status_set = status_set.mask(kind == "resolved", "resolved").mask(kind == "reopened", "open")
    status = status_set.groupby(ev["t"]).ffill().fillna("new")
    live = pd.Series(
        np.where(kind == "resolved", 0.0, np.where(kind == "reopened", 1.0, np.nan)), index=ev.index
    )
    alive = live.groupby(ev["t"]).ffill().fillna(1.0).to_numpy() == 1.0
    counts = alive & ~status.isin(["pending", "on_hold"]).to_numpy()
    # spans: creation to the first event, event to event, the last event to as_of
    pos = ev["pos"].to_numpy()
    next_pos = by["pos"].shift(-1).fillna(as_of_pos).to_numpy(np.int64)
    lengths = np.where(counts, next_pos - pos, 0)
    ran = pd.Series(lengths, index=ev.index).groupby(ev["t"]).sum()
    first_pos = by["pos"].first()
    elapsed_t = np.zeros(len(tickets), dtype=np.int64)
    elapsed_t[ran.index.to_numpy()] = ran.to_numpy()
    head = np.full(len(tickets), as_of_pos)
    head[first_pos.index.to_numpy()] = first_pos.to_numpy()
    elapsed_t += head - created_pos  # new, counting, up to the first event
    last_alive = pd.Series(alive, index=ev.index).groupby(ev["t"]).last()
    stopped_t = np.zeros(len(tickets), dtype=bool)
    stopped_t[last_alive.index.to_numpy()] = ~last_alive.to_numpy()
    # once stopped, the stretch from the last resolution to as_of does not count (not alive)
    last_counts = pd.Series(counts, index=ev.index).groupby(ev["t"]).last()
    counting = np.ones(len(tickets), dtype=bool)
    counting[last_counts.index.to_numpy()] = last_counts.to_numpy()
    target = targets[prio, 2]
    out.append(
        pd.DataFrame(
            {
                "ticket": np.arange(len(tickets)),
                "metric": 2,
                "cycle": 1,
                "elapsed": elapsed_t,
                "state": _states(elapsed_t, target, stopped_t, counting, False),
                "deadline": -1,
            }
        )
    )
    return pd.concat(out, ignore_index=True)


# -- hand-written polars ---------------------------------------------------------------------------


def polars_sla(tickets: pl.DataFrame, events: pl.DataFrame) -> pl.DataFrame:
    """The same three clocks with polars expressions."""
    table = TABLE
    as_of_pos = int(table.position(np.asarray([AS_OF_US]))[0])
    targets = pl.DataFrame(
        {
            "priority": PRIORITIES,
            "t_first": [TARGETS[p][0] for p in PRIORITIES],
            "t_next": [TARGETS[p][1] for p in PRIORITIES],
            "t_res": [TARGETS[p][2] for p in PRIORITIES],
        }
    )
    tk = tickets.with_row_index("t").with_columns(
        pl.col("priority").cast(pl.String), pl.col("created_at").dt.epoch("us").alias("cus")
    )
    tk = tk.with_columns(pl.Series("cpos", table.position(tk["cus"].to_numpy()))).join(
        targets, on="priority", how="left"
    )
    ev = (
        events.filter(pl.col("at") <= AS_OF)
        .join(tk.select("id", "t"), left_on="ticket_id", right_on="id", how="inner")
        .sort("t", maintain_order=True)
        .with_columns(pl.col("at").dt.epoch("us").alias("us"), pl.col("kind").cast(pl.String))
    )
    ev = ev.with_columns(pl.Series("pos", table.position(ev["us"].to_numpy())))
    stop_kinds = ["agent_reply", "resolved", "closed"]
    out = []

    first = (
        ev.filter(pl.col("kind").is_in(stop_kinds))
        .group_by("t", maintain_order=True)
        .first()
        .select("t", pl.col("pos").alias("spos"), pl.col("kind").alias("skind"))
    )
    fr = tk.join(first, on="t", how="left").with_columns(
        stopped=pl.col("spos").is_not_null(),
        elapsed=pl.col("spos").fill_null(as_of_pos) - pl.col("cpos"),
    )
    fr = fr.with_columns(cancelled=pl.col("stopped") & (pl.col("skind") != "agent_reply"))
    deadline = table.instant((fr["cpos"] + fr["t_first"]).to_numpy())
    out.append(
        pl.DataFrame(
            {
                "ticket": fr["t"].cast(pl.Int64),
                "metric": 0,
                "cycle": 1,
                "elapsed": fr["elapsed"],
                "state": _states(
                    fr["elapsed"].to_numpy(),
                    fr["t_first"].to_numpy(),
                    fr["stopped"].to_numpy(),
                    True,
                    fr["cancelled"].to_numpy(),
                ),
                "deadline": np.where(fr["cancelled"].to_numpy(), -1, deadline),
            }
        )
    )

    ev = ev.with_columns(
        agent=(pl.col("kind") == "agent_reply").cast(pl.Int64),
        ends=pl.col("kind").is_in(stop_kinds),
    ).with_columns(
        valid=(pl.col("kind") == "customer_reply")
        & ((pl.col("agent").cum_sum().over("t") - pl.col("agent")) > 0)
    )
    ev = ev.with_columns(
        running=pl.when(pl.col("valid"))
        .then(1)
        .when(pl.col("ends"))
        .then(0)
        .otherwise(None)
        .forward_fill()
        .over("t")
        .fill_null(0)
    ).with_columns(before=pl.col("running").shift(1).over("t").fill_null(0))
    starts = ev.filter(pl.col("valid") & (pl.col("before") == 0)).select(
        "t", "pos", cycle=pl.int_range(pl.len()).over("t") + 1
    )
    finish = ev.filter(pl.col("ends") & (pl.col("before") == 1)).select(
        "t",
        pl.col("pos").alias("epos"),
        pl.col("kind").alias("ekind"),
        cycle=pl.int_range(pl.len()).over("t") + 1,
    )
    nx = (
        starts.join(finish, on=["t", "cycle"], how="left")
        .join(tk.select("t", "t_next"), on="t", how="left")
        .with_columns(stopped=pl.col("epos").is_not_null())
        .with_columns(
            elapsed=pl.col("epos").fill_null(as_of_pos) - pl.col("pos"),
            cancelled=pl.col("stopped") & (pl.col("ekind") != "agent_reply"),
        )
    )
    deadline = table.instant((nx["pos"] + nx["t_next"]).to_numpy())
    out.append(
        pl.DataFrame(
            {
                "ticket": nx["t"].cast(pl.Int64),
                "metric": 1,
                "cycle": nx["cycle"].cast(pl.Int64),
                "elapsed": nx["elapsed"],
                "state": _states(
                    nx["elapsed"].to_numpy(),
                    nx["t_next"].to_numpy(),
                    nx["stopped"].to_numpy(),
                    True,
                    nx["cancelled"].to_numpy(),
                ),
                "deadline": np.where(nx["cancelled"].to_numpy(), -1, deadline),
            }
        )
    )

    status = (
        pl.when(pl.col("kind") == "status_changed")
        .then(pl.col("status").cast(pl.String))
        .when(pl.col("kind") == "resolved")
        .then(pl.lit("resolved"))
        .when(pl.col("kind") == "reopened")
        .then(pl.lit("open"))
        .otherwise(None)
    )
    alive = (
        pl.when(pl.col("kind") == "resolved")
        .then(False)
        .when(pl.col("kind") == "reopened")
        .then(True)
        .otherwise(None)
    )
    ev = ev.with_columns(
        st=status.forward_fill().over("t").fill_null("new"),
        alive=alive.forward_fill().over("t").fill_null(True),
        next_pos=pl.col("pos").shift(-1).over("t").fill_null(as_of_pos),
    ).with_columns(counts=pl.col("alive") & ~pl.col("st").is_in(["pending", "on_hold"]))
    per = ev.group_by("t").agg(
        ran=pl.when(pl.col("counts")).then(pl.col("next_pos") - pl.col("pos")).otherwise(0).sum(),
        head=pl.col("pos").first(),
        stopped=~pl.col("alive").last(),
        counting=pl.col("counts").last(),
    )
    res = tk.join(per, on="t", how="left").with_columns(
        elapsed=pl.col("ran").fill_null(0) + pl.col("head").fill_null(as_of_pos) - pl.col("cpos"),
        stopped=pl.col("stopped").fill_null(False),
        counting=pl.col("counting").fill_null(True),
    )
    out.append(
        pl.DataFrame(
            {
                "ticket": res["t"].cast(pl.Int64),
                "metric": 2,
                "cycle": 1,
                "elapsed": res["elapsed"],
                "state": _states(
                    res["elapsed"].to_numpy(),
                    res["t_res"].to_numpy(),
                    res["stopped"].to_numpy(),
                    res["counting"].to_numpy(),
                    False,
                ),
                "deadline": -1,
            }
        )
    )
    return pl.concat(out, how="vertical_relaxed")


# -- accountplan ----------------------------------------------------------------------------------


def accountplan_sla(tickets: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    return evaluate_frame(tickets, events, POLICY, as_of=AS_OF)


# -- checking and timing --------------------------------------------------------------------------

STATE_CODES = {"met": MET, "breached": BREACHED, "running": RUNNING, "paused": PAUSED}


def _key(ticket: Any, metric: Any, cycle: Any) -> Any:
    return (np.asarray(ticket, np.int64) * 8 + np.asarray(metric, np.int64)) * 64 + np.asarray(
        cycle, np.int64
    )


def comparable(frame: Any) -> pd.DataFrame:
    """(key, elapsed, state, deadline) sorted by key, from any of the three results."""
    if isinstance(frame, pl.DataFrame):
        frame = frame.to_pandas()
    if "ticket_id" in frame:
        metric = frame["metric"].map({"first_response": 0, "next_response": 1, "resolution": 2})
        response = metric.to_numpy() < 2
        deadline = frame["deadline"].array.as_unit("us").asi8
        out = pd.DataFrame(
            {
                "key": _key(frame["ticket_id"], metric, frame["cycle"]),
                "elapsed": frame["elapsed"].array.as_unit("us").asi8,
                "state": frame["state"].map({**STATE_CODES, "cancelled": CANCELLED}).to_numpy(),
                "deadline": np.where(response & frame["deadline"].notna().to_numpy(), deadline, -1),
            }
        )
    else:
        out = pd.DataFrame(
            {
                "key": _key(frame["ticket"], frame["metric"], frame["cycle"]),
                "elapsed": frame["elapsed"].to_numpy(np.int64),
                "state": frame["state"].to_numpy(np.int64),
                "deadline": frame["deadline"].to_numpy(np.int64),
            }
        )
    return out.sort_values("key", kind="stable").reset_index(drop=True)


def best_of(repeat: int, job: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        job()
        best = min(best, time.perf_counter() - start)
    return best


def _rss() -> int:
    """The resident set size of this process now, in KiB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


def memory_child(which: str, n: int) -> None:
    """In a fresh process: build the frames, then run one job; print the peak RSS growth (KiB).

    A thread samples the resident set every 2 ms while the job runs; the
    growth is the highest sample minus the resident set just before (the
    frames built, freed memory handed back to the system first).
    """
    import ctypes
    import gc
    import threading

    raw = raw_columns(n)
    if which == "polars":
        frames: tuple[Any, Any] = polars_frames(raw)
        job: Callable[[Any, Any], Any] = polars_sla
    else:
        frames = pandas_frames(raw)
        job = accountplan_sla if which == "accountplan" else pandas_sla
    del raw
    gc.collect()
    ctypes.CDLL("libc.so.6").malloc_trim(0)
    before = _rss()
    peak = before
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _rss())
            time.sleep(0.002)

    sampler = threading.Thread(target=sample)
    sampler.start()
    job(*frames)
    peak = max(peak, _rss())
    done.set()
    sampler.join()
    print(json.dumps({"kib": peak - before}))


def memory(which: str, n: int) -> int:
    done = subprocess.run(  # noqa: S603 - this script, run again
        [sys.executable, __file__, "--memory-child", which, str(n)],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "POLARS_MAX_THREADS": os.environ.get("POLARS_MAX_THREADS", "")}
        if os.environ.get("POLARS_MAX_THREADS")
        else None,
    )
    kib: int = json.loads(done.stdout.strip().splitlines()[-1])["kib"]
    return kib


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-memory", action="store_true")
    parser.add_argument("--memory-child", nargs=2, metavar=("WHICH", "N"))
    args = parser.parse_args()
    if args.memory_child:
        memory_child(args.memory_child[0], int(args.memory_child[1]))
        return
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs; "
        f"numpy {np.__version__}, pandas {pd.__version__}, polars {pl.__version__} "
        f"({pl.thread_pool_size()} threads)"
    )
    for n in args.sizes:
        raw = raw_columns(n)
        tickets, events = pandas_frames(raw)
        pl_tickets, pl_events = polars_frames(raw)
        ours = comparable(accountplan_sla(tickets, events))
        theirs = comparable(pandas_sla(tickets, events))
        polar = comparable(polars_sla(pl_tickets, pl_events))
        subset = ours[ours["key"].isin(theirs["key"])].reset_index(drop=True)
        ours_cut = subset.assign(deadline=np.where(theirs["deadline"] < 0, -1, subset["deadline"]))
        assert len(ours) == len(theirs) == len(polar), (len(ours), len(theirs), len(polar))
        pd.testing.assert_frame_equal(ours_cut, theirs)
        pd.testing.assert_frame_equal(theirs, polar)
        print(f"N = {n:,}: {len(events):,} events, {len(ours):,} measurements; answers agree")
        jobs: dict[str, Callable[[], Any]] = {
            "accountplan": functools.partial(accountplan_sla, tickets, events),
            "pandas": functools.partial(pandas_sla, tickets, events),
            "polars": functools.partial(polars_sla, pl_tickets, pl_events),
        }
        times = {name: best_of(args.repeat, job) for name, job in jobs.items()}
        best_other = min(times["pandas"], times["polars"])
        for name, seconds in times.items():
            line = f"  {name:>11}: {seconds:7.2f} s  {n / seconds:>10,.0f} tickets/s"
            if not args.no_memory:
                line += f"   peak RSS growth {memory(name, n) / 1024:8.0f} MiB"
            print(line)
        print(
            f"  ratio accountplan / pandas {times['accountplan'] / times['pandas']:.2f}, "
            f"/ polars {times['accountplan'] / times['polars']:.2f}, "
            f"/ best {times['accountplan'] / best_other:.2f}"
        )


if __name__ == "__main__":
    main()
