"""Runs of a process template: step and gate states, the audit trail, the run itself."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from accountplan._frozen import FrozenMap
from accountplan._validate import aware, check_type, enum_converter, optional, tuple_of
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.plan._common import by_key, check_text, instant, text_field
from accountplan.plan._template import ApprovalGate, ProcessTemplate

__all__ = [
    "MAX_TRAIL",
    "AuditAction",
    "AuditEntry",
    "GateState",
    "GateStatus",
    "ProcessRun",
    "StepState",
    "StepStatus",
    "answers_map",
    "append_entry",
    "check_by",
    "check_moment",
    "check_run",
    "covering_gate",
    "gate_ready",
    "locking_gate",
]

#: Most entries an audit trail may hold (a run that reaches it must be archived).
MAX_TRAIL = 100_000


class StepStatus(enum.Enum):
    """Where a step of a run stands.

    Examples:
        >>> StepStatus("completed")
        <StepStatus.COMPLETED: 'completed'>
    """

    OPEN = "open"
    COMPLETED = "completed"


class GateStatus(enum.Enum):
    """The last decision on an approval gate (``pending`` before the first one).

    Examples:
        >>> GateStatus("changes_requested").value
        'changes_requested'
    """

    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    CHANGES_REQUESTED = "changes_requested"


class AuditAction(enum.Enum):
    """What one audit-trail entry records.

    Examples:
        >>> AuditAction("approved").value
        'approved'
    """

    STARTED = "started"
    STEP_COMPLETED = "step_completed"
    APPROVED = "approved"
    REJECTED = "rejected"
    CHANGES_REQUESTED = "changes_requested"
    REVIEW_CYCLE_STARTED = "review_cycle_started"


def answers_map(value: Any) -> FrozenMap[str, tuple[str, ...]]:
    if not isinstance(value, Mapping):
        raise InvalidTypeError("answers", value, "must map option-list keys to options")
    out: dict[str, tuple[str, ...]] = {}
    for key, picked in value.items():
        check_text("answers", key, limit=100)
        if isinstance(picked, str):
            out[key] = (picked,)
        elif isinstance(picked, Iterable) and not isinstance(picked, bytes | Mapping):
            items = list(picked)
            if len(items) > 1000:
                raise LimitExceededError(f"answers[{key!r}]", len(items), 1000)
            for item in items:
                check_type(f"answers[{key!r}]", item, str)
            out[key] = tuple(items)
        else:
            raise InvalidTypeError(f"answers[{key!r}]", picked, "must be an option or options")
    return FrozenMap(out)


@attrs.frozen(kw_only=True)
class StepState:
    """The state of one step in a run.

    Attributes:
        key: The step's key.
        status: ``open`` or ``completed``.
        answers: The options picked per option list (when completed).
        notes: Free-text answers to the step's questions.
        completed_at: When it was completed (``None`` while open).
        completed_by: Who completed it (empty while open).

    Examples:
        >>> StepState(key="identify_account", status="open").status
        <StepStatus.OPEN: 'open'>
    """

    key: str
    status: StepStatus = attrs.field(converter=enum_converter(StepStatus))  # type: ignore[misc]  # attrs.Converter
    answers: FrozenMap[str, tuple[str, ...]] = attrs.field(
        default=FrozenMap(), converter=answers_map
    )
    notes: str = attrs.field(default="", validator=text_field(empty=True))
    completed_at: dt.datetime | None = attrs.field(default=None, validator=optional(aware))
    completed_by: str = attrs.field(default="", validator=text_field(empty=True))

    def __attrs_post_init__(self) -> None:
        if self.status is StepStatus.COMPLETED:
            if self.completed_at is None or not self.completed_by:
                raise InvalidInputError(
                    "completed_at", self.completed_at, "a completed step needs when and by whom"
                )
        elif self.answers or self.notes or self.completed_at is not None or self.completed_by:
            raise InvalidInputError(
                "status", self.status.value, "an open step has no answers, notes or completion"
            )


@attrs.frozen(kw_only=True)
class GateState:
    """The state of one approval gate in a run.

    Attributes:
        key: The gate's key.
        status: The last decision (``pending`` before any).
        decided_at: When the last decision was made.
        decided_by: Who made it.
        comment: The approval comment, rejection reason or requested changes.

    Examples:
        >>> GateState(key="approve_status", status="pending").status.value
        'pending'
    """

    key: str
    status: GateStatus = attrs.field(converter=enum_converter(GateStatus))  # type: ignore[misc]  # attrs.Converter
    decided_at: dt.datetime | None = attrs.field(default=None, validator=optional(aware))
    decided_by: str = attrs.field(default="", validator=text_field(empty=True))
    comment: str = attrs.field(default="", validator=text_field(empty=True))

    def __attrs_post_init__(self) -> None:
        decided = self.decided_at is not None and bool(self.decided_by)
        if self.status is GateStatus.PENDING:
            if self.decided_at is not None or self.decided_by or self.comment:
                raise InvalidInputError(
                    "status", self.status.value, "a pending gate has no decision"
                )
        elif not decided:
            raise InvalidInputError(
                "decided_at", self.decided_at, "a decided gate needs when and by whom"
            )


@attrs.frozen(kw_only=True)
class AuditEntry:
    """One line of a run's audit trail: who did what, when.

    Attributes:
        at: When it happened.
        by: Who did it.
        action: The [AuditAction][accountplan.plan.AuditAction].
        item: The step or gate concerned (empty for ``started``).
        cycle: The review cycle it happened in (1 for the first pass).
        detail: The comment, reason, notes or answers, in words.
        steps: The steps a rejection or change request reopened.

    Examples:
        >>> import datetime as dt
        >>> AuditEntry(at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC), by="ann",
        ...     action="started", item="", cycle=1).action
        <AuditAction.STARTED: 'started'>
    """

    at: dt.datetime = attrs.field(validator=optional(aware))
    by: str = attrs.field(validator=text_field())
    action: AuditAction = attrs.field(converter=enum_converter(AuditAction))  # type: ignore[misc]  # attrs.Converter
    item: str
    cycle: int
    detail: str = ""
    steps: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ProcessRun:
    """One run of a process template for an account: the state and its audit trail.

    Build it with [start_run][accountplan.plan.start_run] and change it only
    with the operations of this module; each returns a new run with one entry
    appended to ``trail`` (the trail is append-only and in time order).

    Attributes:
        template: The [ProcessTemplate][accountplan.plan.ProcessTemplate] being run.
        account: The account the run manages (its number or name).
        steps: The state of every step, in template order.
        gates: The state of every gate, in template order.
        trail: The audit trail, oldest first.
        cycle: The review cycle (1 for the first pass).
        next_review_at: When the next review is due (``None`` until the first
            review is approved, or when the chosen cadence is "as needed").

    Examples:
        >>> import datetime as dt
        >>> from accountplan.plan import ACCOUNT_MANAGEMENT_PROCESS, start_run
        >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
        ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
        >>> len(run.steps), len(run.gates), run.trail[0].action.value
        (16, 4, 'started')
    """

    template: ProcessTemplate
    account: str
    steps: tuple[StepState, ...] = attrs.field(
        converter=tuple_of(StepState, limit=MAX_TRAIL),  # type: ignore[misc]  # attrs.Converter
    )
    gates: tuple[GateState, ...] = attrs.field(
        converter=tuple_of(GateState, limit=MAX_TRAIL),  # type: ignore[misc]  # attrs.Converter
    )
    trail: tuple[AuditEntry, ...] = attrs.field(
        converter=tuple_of(AuditEntry, limit=MAX_TRAIL),  # type: ignore[misc]  # attrs.Converter
    )
    cycle: int = 1
    next_review_at: dt.datetime | None = attrs.field(default=None, validator=optional(aware))

    def __attrs_post_init__(self) -> None:
        check_type("template", self.template, ProcessTemplate)
        check_text("account", self.account, limit=200)
        if [s.key for s in self.steps] != [s.key for s in self.template.steps]:
            raise InvalidInputError("steps", [s.key for s in self.steps], "must match the template")
        if [g.key for g in self.gates] != [g.key for g in self.template.gates]:
            raise InvalidInputError("gates", [g.key for g in self.gates], "must match the template")
        if not self.trail or self.trail[0].action is not AuditAction.STARTED:
            raise InvalidInputError("trail", len(self.trail), "must start with the 'started' entry")
        started = [i for i, e in enumerate(self.trail) if e.action is AuditAction.STARTED]
        if started != [0]:
            raise InvalidInputError(
                f"trail[{started[-1]}].action", "started", "must come first only"
            )
        for i in range(1, len(self.trail)):
            if _utc(self.trail[i].at) < _utc(self.trail[i - 1].at):
                raise InvalidInputError(f"trail[{i}].at", self.trail[i].at, "is out of time order")
        check_type("cycle", self.cycle, int)
        cycles = 1 + sum(1 for e in self.trail if e.action is AuditAction.REVIEW_CYCLE_STARTED)
        if self.cycle != cycles:
            raise InvalidInputError(
                "cycle", self.cycle, f"must be {cycles}: one more than the review cycles started"
            )
        done = {s.key for s in self.steps if s.status is StepStatus.COMPLETED}
        for i, gate in enumerate(self.template.gates):
            if self.gates[i].status is GateStatus.APPROVED:
                missing = [key for key in gate.covers if key not in done]
                if missing:
                    raise InvalidInputError(
                        f"gates[{i}].status",
                        "approved",
                        f"its steps are open: {', '.join(missing)}",
                    )

    def step_state(self, key: str, /) -> StepState:
        """Return the state of the step called ``key``.

        Args:
            key: The step's key.

        Returns:
            The [StepState][accountplan.plan.StepState].

        Raises:
            InvalidInputError: the template has no such step.

        Examples:
            >>> import datetime as dt
            >>> from accountplan.plan import ACCOUNT_MANAGEMENT_PROCESS, start_run
            >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
            ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
            >>> run.step_state("draft_plan").status.value
            'open'
        """
        return by_key(
            self.steps, key, field="step", missing=f"is not a step of {self.template.name!r}"
        )

    def gate_state(self, key: str, /) -> GateState:
        """Return the state of the gate called ``key``.

        Args:
            key: The gate's key.

        Returns:
            The [GateState][accountplan.plan.GateState].

        Raises:
            InvalidInputError: the template has no such gate.

        Examples:
            >>> import datetime as dt
            >>> from accountplan.plan import ACCOUNT_MANAGEMENT_PROCESS, start_run
            >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
            ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
            >>> run.gate_state("approve_plan").status.value
            'pending'
        """
        return by_key(
            self.gates,
            key,
            field="gate",
            missing=f"is not an approval gate of {self.template.name!r}",
        )


def _utc(value: dt.datetime) -> dt.datetime:
    # Datetimes sharing a tzinfo compare by wall clock (PEP 495); instants compare in UTC.
    return value.astimezone(dt.UTC)


def check_by(value: Any) -> str:
    return check_text("by", value, limit=200)


def check_run(value: Any) -> ProcessRun:
    return check_type("run", value, ProcessRun)


def check_moment(run: ProcessRun, at: Any) -> dt.datetime:
    moment = instant("at", at)
    last = run.trail[-1].at
    if _utc(moment) < _utc(last):
        raise InvalidInputError(
            "at", moment, f"must not be before the last audit entry ({last.isoformat()})"
        )
    return moment


def append_entry(run: ProcessRun, entry: AuditEntry) -> tuple[AuditEntry, ...]:
    if len(run.trail) >= MAX_TRAIL:
        raise LimitExceededError("trail", len(run.trail) + 1, MAX_TRAIL)
    return (*run.trail, entry)


def locking_gate(run: ProcessRun, number: int) -> ApprovalGate | None:
    """The first gate before position ``number`` that is not approved."""
    status = {g.key: g.status for g in run.gates}
    for gate in sorted(run.template.gates, key=lambda g: g.number):
        if gate.number < number and status[gate.key] is not GateStatus.APPROVED:
            return gate
    return None


def covering_gate(run: ProcessRun, step: str) -> ApprovalGate | None:
    for gate in run.template.gates:
        if step in gate.covers:
            return gate
    return None


def gate_ready(run: ProcessRun, gate: ApprovalGate) -> bool:
    done = {s.key for s in run.steps if s.status is StepStatus.COMPLETED}
    return (
        run.gate_state(gate.key).status is not GateStatus.APPROVED
        and locking_gate(run, gate.number) is None
        and all(key in done for key in gate.covers)
    )
