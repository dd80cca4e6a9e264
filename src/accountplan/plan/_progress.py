"""Where a process run stands: what can be done next, and its progress."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal

import attrs

from accountplan._tables import Column, Tabular
from accountplan.plan._operations import complete_step, start_run  # noqa: F401 - examples
from accountplan.plan._run import (
    GateStatus,
    ProcessRun,
    StepStatus,
    check_run,
    gate_ready,
    locking_gate,
)
from accountplan.plan._template import (  # the examples run the built-in process
    ACCOUNT_MANAGEMENT_PROCESS,  # noqa: F401
    ApprovalGate,
)

__all__ = ["PERCENT_PLACES", "ItemKind", "ItemProgress", "Progress", "next_steps", "progress"]

#: Decimal places of ``Progress.percent``.
PERCENT_PLACES = 2


def next_steps(run: ProcessRun, /) -> tuple[str, ...]:
    """What can be done now: open unlocked steps and gates ready for a decision, in order.

    A step after a gate that is not approved is locked; a gate is ready when
    every step it covers is completed and no earlier gate is unapproved.

    Args:
        run: The [ProcessRun][accountplan.plan.ProcessRun].

    Returns:
        The keys of the steps and gates, in template order.

    Raises:
        InvalidTypeError: ``run`` is not a ``ProcessRun``.

    Examples:
        >>> import datetime as dt
        >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
        ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
        >>> "define_objectives" in next_steps(run)
        False
    """
    checked = check_run(run)
    out: list[str] = []
    for item in checked.template.items:
        if isinstance(item, ApprovalGate):
            if gate_ready(checked, item):
                out.append(item.key)
        elif (
            checked.step_state(item.key).status is StepStatus.OPEN
            and locking_gate(checked, item.number) is None
        ):
            out.append(item.key)
    return tuple(out)


ItemKind = Literal["step", "gate"]


@attrs.frozen(kw_only=True)
class ItemProgress:
    """One row of a run's progress: a step or a gate and where it stands.

    Attributes:
        key: The item's key.
        number: Its position in the template.
        title: Its title.
        kind: ``"step"`` or ``"gate"``.
        status: The step's [StepStatus][accountplan.plan.StepStatus] value or
            the gate's [GateStatus][accountplan.plan.GateStatus] value.
        locked: Whether it waits for an earlier gate.
        actionable: Whether it can be done (or decided) now.

    Examples:
        >>> ItemProgress(key="a", number=1, title="A", kind="step", status="open",
        ...     locked=False, actionable=True).kind
        'step'
    """

    key: str
    number: int
    title: str
    kind: ItemKind
    status: str
    locked: bool
    actionable: bool


@attrs.frozen(kw_only=True)
class Progress(Tabular):
    """How far a run has come.

    Attributes:
        steps_completed: Steps completed.
        steps_total: Steps in the template.
        gates_approved: Gates approved.
        gates_total: Gates in the template.
        percent: Completed steps plus approved gates, in percent of all items,
            rounded half-even to ``PERCENT_PLACES`` places.
        cycle: The review cycle.
        done: Whether every step is completed and every gate approved.
        items: One [ItemProgress][accountplan.plan.ItemProgress] per item, in order.

    Examples:
        >>> import datetime as dt
        >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
        ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
        >>> progress(run).percent
        Decimal('0.00')
    """

    steps_completed: int
    steps_total: int
    gates_approved: int
    gates_total: int
    percent: Decimal
    cycle: int
    done: bool
    items: tuple[ItemProgress, ...]

    def _columns(self) -> tuple[Column, ...]:
        return _PROGRESS_COLUMNS

    def _rows(self) -> Sequence[Any]:
        return self.items

    def _record(self, row: Any) -> dict[str, Any]:
        return {
            "number": row.number,
            "key": row.key,
            "title": row.title,
            "kind": row.kind,
            "status": row.status,
            "locked": row.locked,
            "actionable": row.actionable,
        }

    def _title(self) -> str:
        return f"Process progress, cycle {self.cycle}: {self.percent} % done"

    def to_records(self) -> list[dict[str, Any]]:
        """One plain row per step or gate, in template order.

        Returns:
            Rows with the columns ``number`` (``int``), ``key``, ``title``,
            ``kind`` (``step`` or ``gate``), ``status`` (the step's or gate's
            status value) and ``locked`` and ``actionable`` (``bool``).

        Examples:
            >>> import datetime as dt
            >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
            ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
            >>> progress(run).to_records()[4]["status"]
            'pending'
        """
        return super().to_records()


_PROGRESS_COLUMNS: tuple[Column, ...] = (
    ("number", "int"),
    ("key", "text"),
    ("title", "text"),
    ("kind", "text"),
    ("status", "text"),
    ("locked", "bool"),
    ("actionable", "bool"),
)


def progress(run: ProcessRun, /) -> Progress:
    """Summarize a run: counts, percent complete and every item's status.

    Args:
        run: The [ProcessRun][accountplan.plan.ProcessRun].

    Returns:
        The [Progress][accountplan.plan.Progress].

    Raises:
        InvalidTypeError: ``run`` is not a ``ProcessRun``.

    Examples:
        >>> import datetime as dt
        >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
        ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
        >>> run = complete_step(run, "identify_account",
        ...     at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC), by="ann")
        >>> p = progress(run)
        >>> p.steps_completed, p.percent, p.done
        (1, Decimal('5.00'), False)
    """
    checked = check_run(run)
    actionable = set(next_steps(checked))
    rows: list[ItemProgress] = []
    for item in checked.template.items:
        kind: ItemKind
        if isinstance(item, ApprovalGate):
            status = checked.gate_state(item.key).status.value
            kind = "gate"
        else:
            status = checked.step_state(item.key).status.value
            kind = "step"
        rows.append(
            ItemProgress(
                key=item.key,
                number=item.number,
                title=item.title,
                kind=kind,
                status=status,
                locked=locking_gate(checked, item.number) is not None,
                actionable=item.key in actionable,
            )
        )
    steps_done = sum(1 for s in checked.steps if s.status is StepStatus.COMPLETED)
    gates_done = sum(1 for g in checked.gates if g.status is GateStatus.APPROVED)
    total = len(checked.steps) + len(checked.gates)
    percent = (Decimal(100 * (steps_done + gates_done)) / Decimal(total)).quantize(
        Decimal(1).scaleb(-PERCENT_PLACES), rounding=ROUND_HALF_EVEN
    )
    return Progress(
        steps_completed=steps_done,
        steps_total=len(checked.steps),
        gates_approved=gates_done,
        gates_total=len(checked.gates),
        percent=percent,
        cycle=checked.cycle,
        done=steps_done + gates_done == total,
        items=tuple(rows),
    )
