"""Runs of a process template: steps done, approvals given, the audit trail, review cycles."""

from __future__ import annotations

import datetime as dt
import enum
import html
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, Literal

import attrs

from accountplan._frozen import FrozenMap
from accountplan._validate import check_type
from accountplan.exceptions import (
    InvalidInputError,
    InvalidTransitionError,
    InvalidTypeError,
    LimitExceededError,
    MissingDependencyError,
)
from accountplan.plan._common import add_months, check_text, coerce_enum, instant
from accountplan.plan._template import (  # the examples run the built-in process
    ACCOUNT_MANAGEMENT_PROCESS,  # noqa: F401
    ApprovalGate,
    ProcessStep,
    ProcessTemplate,
)

__all__ = [
    "MAX_TRAIL",
    "PERCENT_PLACES",
    "AuditAction",
    "AuditEntry",
    "GateState",
    "GateStatus",
    "ItemProgress",
    "ProcessRun",
    "Progress",
    "StepState",
    "StepStatus",
    "approve",
    "complete_step",
    "next_steps",
    "progress",
    "reject",
    "request_changes",
    "start_review_cycle",
    "start_run",
]

#: Most entries an audit trail may hold (a run that reaches it must be archived).
MAX_TRAIL = 100_000
#: Decimal places of ``Progress.percent``.
PERCENT_PLACES = 2


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


def _step_status(value: Any) -> StepStatus:
    return coerce_enum("status", value, StepStatus)


def _gate_status(value: Any) -> GateStatus:
    return coerce_enum("status", value, GateStatus)


def _action(value: Any) -> AuditAction:
    return coerce_enum("action", value, AuditAction)


def _answers(value: Any) -> FrozenMap[str, tuple[str, ...]]:
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


def _optional_instant(field: str) -> Any:
    def check(_instance: Any, _attribute: Any, value: Any) -> None:
        if value is not None:
            instant(field, value)

    return check


def _text(field: str, *, empty: bool = False) -> Any:
    def check(_instance: Any, _attribute: Any, value: Any) -> None:
        check_text(field, value, empty=empty)

    return check


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
    status: StepStatus = attrs.field(converter=_step_status)
    answers: FrozenMap[str, tuple[str, ...]] = attrs.field(default=FrozenMap(), converter=_answers)
    notes: str = attrs.field(default="", validator=_text("notes", empty=True))
    completed_at: dt.datetime | None = attrs.field(
        default=None, validator=_optional_instant("completed_at")
    )
    completed_by: str = attrs.field(default="", validator=_text("completed_by", empty=True))

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
    status: GateStatus = attrs.field(converter=_gate_status)
    decided_at: dt.datetime | None = attrs.field(
        default=None, validator=_optional_instant("decided_at")
    )
    decided_by: str = attrs.field(default="", validator=_text("decided_by", empty=True))
    comment: str = attrs.field(default="", validator=_text("comment", empty=True))

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

    at: dt.datetime = attrs.field(validator=_optional_instant("at"))
    by: str = attrs.field(validator=_text("by"))
    action: AuditAction = attrs.field(converter=_action)
    item: str
    cycle: int
    detail: str = ""
    steps: tuple[str, ...] = ()


def _sequence(field: str, value: Any, cls: type[Any]) -> tuple[Any, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        raise InvalidTypeError(field, value, f"must be a sequence of {cls.__name__}")
    items = tuple(value)
    if len(items) > MAX_TRAIL:
        raise LimitExceededError(field, len(items), MAX_TRAIL)
    for i, item in enumerate(items):
        check_type(f"{field}[{i}]", item, cls)
    return items


def _step_states(value: Any) -> tuple[StepState, ...]:
    return _sequence("steps", value, StepState)


def _gate_states(value: Any) -> tuple[GateState, ...]:
    return _sequence("gates", value, GateState)


def _entries(value: Any) -> tuple[AuditEntry, ...]:
    return _sequence("trail", value, AuditEntry)


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
        >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
        ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
        >>> len(run.steps), len(run.gates), run.trail[0].action.value
        (16, 4, 'started')
    """

    template: ProcessTemplate
    account: str
    steps: tuple[StepState, ...] = attrs.field(converter=_step_states)
    gates: tuple[GateState, ...] = attrs.field(converter=_gate_states)
    trail: tuple[AuditEntry, ...] = attrs.field(converter=_entries)
    cycle: int = 1
    next_review_at: dt.datetime | None = attrs.field(
        default=None, validator=_optional_instant("next_review_at")
    )

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
            >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
            ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
            >>> run.step_state("draft_plan").status.value
            'open'
        """
        for state in self.steps:
            if state.key == key:
                return state
        raise InvalidInputError("step", key, f"is not a step of {self.template.name!r}")

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
            >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
            ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
            >>> run.gate_state("approve_plan").status.value
            'pending'
        """
        for state in self.gates:
            if state.key == key:
                return state
        raise InvalidInputError("gate", key, f"is not an approval gate of {self.template.name!r}")


def _utc(value: dt.datetime) -> dt.datetime:
    # Datetimes sharing a tzinfo compare by wall clock (PEP 495); instants compare in UTC.
    return value.astimezone(dt.UTC)


def _by(value: Any) -> str:
    return check_text("by", value, limit=200)


def _run(value: Any) -> ProcessRun:
    return check_type("run", value, ProcessRun)


def _moment(run: ProcessRun, at: Any) -> dt.datetime:
    moment = instant("at", at)
    last = run.trail[-1].at
    if _utc(moment) < _utc(last):
        raise InvalidInputError(
            "at", moment, f"must not be before the last audit entry ({last.isoformat()})"
        )
    return moment


def _append(run: ProcessRun, entry: AuditEntry) -> tuple[AuditEntry, ...]:
    if len(run.trail) >= MAX_TRAIL:
        raise LimitExceededError("trail", len(run.trail) + 1, MAX_TRAIL)
    return (*run.trail, entry)


def start_run(
    template: ProcessTemplate, /, *, account: str, at: dt.datetime, by: str
) -> ProcessRun:
    """Start a run of a process template: every step open, every gate pending.

    Args:
        template: The [ProcessTemplate][accountplan.plan.ProcessTemplate]
            (for example ``ACCOUNT_MANAGEMENT_PROCESS``).
        account: The account the run manages (its number or name).
        at: When the run starts (an aware datetime).
        by: Who starts it.

    Returns:
        The new [ProcessRun][accountplan.plan.ProcessRun].

    Raises:
        InvalidTypeError: ``template`` is not a ``ProcessTemplate``.
        InvalidInputError: ``account`` or ``by`` is empty, or ``at`` is not aware.

    Examples:
        >>> import datetime as dt
        >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
        ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
        >>> next_steps(run)
        ('identify_account', 'gather_records', 'review_history', 'analyze_status')
    """
    checked = check_type("template", template, ProcessTemplate)
    check_text("account", account, limit=200)
    moment = instant("at", at)
    who = _by(by)
    return ProcessRun(
        template=checked,
        account=account,
        steps=tuple(StepState(key=s.key, status=StepStatus.OPEN) for s in checked.steps),
        gates=tuple(GateState(key=g.key, status=GateStatus.PENDING) for g in checked.gates),
        trail=(
            AuditEntry(
                at=moment, by=who, action=AuditAction.STARTED, item="", cycle=1, detail=account
            ),
        ),
    )


def _locking_gate(run: ProcessRun, number: int) -> ApprovalGate | None:
    """The first gate before position ``number`` that is not approved."""
    status = {g.key: g.status for g in run.gates}
    for gate in sorted(run.template.gates, key=lambda g: g.number):
        if gate.number < number and status[gate.key] is not GateStatus.APPROVED:
            return gate
    return None


def _covering_gate(run: ProcessRun, step: str) -> ApprovalGate | None:
    for gate in run.template.gates:
        if step in gate.covers:
            return gate
    return None


def _gate_ready(run: ProcessRun, gate: ApprovalGate) -> bool:
    done = {s.key for s in run.steps if s.status is StepStatus.COMPLETED}
    return (
        run.gate_state(gate.key).status is not GateStatus.APPROVED
        and _locking_gate(run, gate.number) is None
        and all(key in done for key in gate.covers)
    )


def _validate_answers(step: ProcessStep, answers: Any) -> FrozenMap[str, tuple[str, ...]]:
    given = _answers(answers)
    for key in given:
        step.option_list(key)
    for option_list in step.option_lists:
        picked = given.get(option_list.key)
        field = f"answers[{option_list.key!r}]"
        if not picked:
            raise InvalidInputError(
                field, picked, f"must pick from {option_list.title!r} for step {step.key}"
            )
        for option in picked:
            if option not in option_list.options:
                raise InvalidInputError(
                    field, option, f"must be one of {', '.join(option_list.options)}"
                )
        if len(set(picked)) != len(picked):
            raise InvalidInputError(field, list(picked), "must not pick an option twice")
        if not option_list.multiple and len(picked) != 1:
            raise InvalidInputError(field, list(picked), "must pick exactly one option")
    return given


def complete_step(
    run: ProcessRun,
    step: str,
    /,
    *,
    at: dt.datetime,
    by: str,
    answers: Mapping[str, str | Iterable[str]] | None = None,
    notes: str = "",
) -> ProcessRun:
    """Complete an open, unlocked step with its answers.

    Every option list of the step must be answered: one option for a
    single-choice list, one or more for a multiple-choice list, each one of
    the list's options.

    Args:
        run: The [ProcessRun][accountplan.plan.ProcessRun].
        step: The step's key.
        at: When (an aware datetime, not before the last audit entry).
        by: Who completed it.
        answers: Option-list key to the option (or options) picked; may be
            omitted for a step without option lists.
        notes: Free-text answers to the step's questions.

    Returns:
        The new run, with a ``step_completed`` entry appended to the trail.

    Raises:
        InvalidTransitionError: the step is already completed, or it is locked
            behind an unapproved gate (``current`` is the step's status).
        InvalidInputError: unknown step, answers that do not fit the step's
            options, ``by`` empty, or ``at`` not aware or out of order.

    Examples:
        >>> import datetime as dt
        >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
        ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
        >>> run = complete_step(run, "gather_records",
        ...     at=dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC), by="ann",
        ...     answers={"record_types": ["Contracts", "Invoices"]})
        >>> run.step_state("gather_records").answers["record_types"]
        ('Contracts', 'Invoices')
        >>> complete_step(run, "define_objectives",
        ...     at=dt.datetime(2026, 1, 5, 11, tzinfo=dt.UTC), by="ann")
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidTransitionError: cannot move from open to completed: \
step define_objectives is locked until approve_status is approved; ...
    """
    checked = _run(run)
    definition = checked.template.step(check_type("step", step, str))
    state = checked.step_state(step)
    if state.status is StepStatus.COMPLETED:
        raise InvalidTransitionError(
            StepStatus.COMPLETED, StepStatus.COMPLETED, (), f"step {step} is already completed"
        )
    locking = _locking_gate(checked, definition.number)
    if locking is not None:
        raise InvalidTransitionError(
            StepStatus.OPEN,
            StepStatus.COMPLETED,
            (),
            f"step {step} is locked until {locking.key} is approved",
        )
    moment = _moment(checked, at)
    who = _by(by)
    given = _validate_answers(definition, {} if answers is None else answers)
    text = check_text("notes", notes, empty=True)
    new_state = StepState(
        key=step,
        status=StepStatus.COMPLETED,
        answers=given,
        notes=text,
        completed_at=moment,
        completed_by=who,
    )
    parts = [f"{k}: {', '.join(v)}" for k, v in given.items()]
    if text:
        parts.append(f"notes: {text}")
    detail = "; ".join(parts)
    entry = AuditEntry(
        at=moment,
        by=who,
        action=AuditAction.STEP_COMPLETED,
        item=step,
        cycle=checked.cycle,
        detail=detail,
    )
    return attrs.evolve(
        checked,
        steps=tuple(new_state if s.key == step else s for s in checked.steps),
        trail=_append(checked, entry),
    )


def _decidable(run: ProcessRun, gate: str, requested: GateStatus) -> ApprovalGate:
    definition = run.template.gate(check_type("gate", gate, str))
    state = run.gate_state(gate)
    if state.status is GateStatus.APPROVED:
        raise InvalidTransitionError(
            state.status, requested, (), f"gate {gate} is already approved"
        )
    locking = _locking_gate(run, definition.number)
    if locking is not None:
        raise InvalidTransitionError(
            state.status, requested, (), f"gate {gate} waits for {locking.key} to be approved"
        )
    done = {s.key for s in run.steps if s.status is StepStatus.COMPLETED}
    missing = [key for key in definition.covers if key not in done]
    if missing:
        raise InvalidTransitionError(
            state.status,
            requested,
            (),
            f"gate {gate} needs its steps completed first (open: {', '.join(missing)})",
        )
    return definition


def _review_due(run: ProcessRun, gate: ApprovalGate, at: dt.datetime) -> dt.datetime | None:
    review = run.template.review
    if review is None or review.step not in gate.covers:
        return run.next_review_at
    picked = run.step_state(review.step).answers.get(review.options, ())
    months = review.cadence_months.get(picked[0]) if picked else None
    return None if months is None else add_months(at, months)


def approve(
    run: ProcessRun, gate: str, /, *, at: dt.datetime, by: str, comment: str = ""
) -> ProcessRun:
    """Approve a gate whose steps are all completed; the steps after it unlock.

    Approving the gate that covers the review step schedules the next review
    ``cadence_months`` after ``at`` (the day clamped to the month's end), on
    the cadence picked in the review step.

    Args:
        run: The [ProcessRun][accountplan.plan.ProcessRun].
        gate: The gate's key.
        at: When (an aware datetime, not before the last audit entry).
        by: Who approved.
        comment: An optional comment.

    Returns:
        The new run, with an ``approved`` entry appended to the trail.

    Raises:
        InvalidTransitionError: the gate is already approved, waits for an
            earlier gate, or has open steps.
        InvalidInputError: unknown gate, ``by`` empty, ``at`` not aware or out of order.

    Examples:
        >>> import datetime as dt
        >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
        ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
        >>> approve(run, "approve_status", at=dt.datetime(2026, 1, 6, tzinfo=dt.UTC), by="bob")
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidTransitionError: cannot move from pending to approved: \
gate approve_status needs its steps completed first (open: identify_account, ...
    """
    checked = _run(run)
    definition = _decidable(checked, gate, GateStatus.APPROVED)
    moment = _moment(checked, at)
    who = _by(by)
    text = check_text("comment", comment, empty=True)
    new_state = GateState(
        key=gate, status=GateStatus.APPROVED, decided_at=moment, decided_by=who, comment=text
    )
    entry = AuditEntry(
        at=moment,
        by=who,
        action=AuditAction.APPROVED,
        item=gate,
        cycle=checked.cycle,
        detail=text,
    )
    return attrs.evolve(
        checked,
        gates=tuple(new_state if g.key == gate else g for g in checked.gates),
        trail=_append(checked, entry),
        next_review_at=_review_due(checked, definition, moment),
    )


def _send_back(
    run: ProcessRun,
    gate: str,
    reopen: tuple[str, ...] | None,
    *,
    at: Any,
    by: Any,
    text: Any,
    field: str,
    status: GateStatus,
    action: AuditAction,
) -> ProcessRun:
    checked = _run(run)
    definition = _decidable(checked, gate, status)
    moment = _moment(checked, at)
    who = _by(by)
    words = check_text(field, text)
    keys = definition.covers if reopen is None else reopen
    new_state = GateState(key=gate, status=status, decided_at=moment, decided_by=who, comment=words)
    entry = AuditEntry(
        at=moment,
        by=who,
        action=action,
        item=gate,
        cycle=checked.cycle,
        detail=words,
        steps=keys,
    )
    return attrs.evolve(
        checked,
        steps=tuple(
            StepState(key=s.key, status=StepStatus.OPEN) if s.key in keys else s
            for s in checked.steps
        ),
        gates=tuple(new_state if g.key == gate else g for g in checked.gates),
        trail=_append(checked, entry),
    )


def reject(run: ProcessRun, gate: str, /, *, at: dt.datetime, by: str, reason: str) -> ProcessRun:
    """Reject a gate: exactly the steps it covers are reopened, their answers cleared.

    The earlier answers stay in the audit trail. Steps after the gate stay
    locked until it is approved.

    Args:
        run: The [ProcessRun][accountplan.plan.ProcessRun].
        gate: The gate's key.
        at: When (an aware datetime, not before the last audit entry).
        by: Who rejected.
        reason: Why (required).

    Returns:
        The new run, with a ``rejected`` entry appended to the trail.

    Raises:
        InvalidTransitionError: the gate is already approved, waits for an
            earlier gate, or has open steps.
        InvalidInputError: unknown gate, empty ``reason`` or ``by``, ``at``
            not aware or out of order.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.plan import ProcessTemplate, ProcessStep, ApprovalGate
        >>> template = ProcessTemplate(name="Mini", description="", steps=[
        ...     ProcessStep(key="draft", number=1, title="Draft")], gates=[
        ...     ApprovalGate(key="ok", number=2, title="Approval: Draft", covers=["draft"])])
        >>> t0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
        >>> run = start_run(template, account="A-1", at=t0, by="ann")
        >>> run = complete_step(run, "draft", at=t0, by="ann")
        >>> run = reject(run, "ok", at=t0, by="bob", reason="too vague")
        >>> run.step_state("draft").status.value, run.gate_state("ok").status.value
        ('open', 'rejected')
    """
    return _send_back(
        run,
        gate,
        None,
        at=at,
        by=by,
        text=reason,
        field="reason",
        status=GateStatus.REJECTED,
        action=AuditAction.REJECTED,
    )


def request_changes(
    run: ProcessRun,
    gate: str,
    /,
    *,
    at: dt.datetime,
    by: str,
    steps: Iterable[str],
    comment: str,
) -> ProcessRun:
    """Send some of a gate's steps back for changes; only those steps are reopened.

    Args:
        run: The [ProcessRun][accountplan.plan.ProcessRun].
        gate: The gate's key.
        at: When (an aware datetime, not before the last audit entry).
        by: Who asked for the changes.
        steps: The keys of the steps to change (at least one, each covered by the gate).
        comment: What to change (required).

    Returns:
        The new run, with a ``changes_requested`` entry appended to the trail.

    Raises:
        InvalidTransitionError: the gate is already approved, waits for an
            earlier gate, or has open steps.
        InvalidInputError: unknown gate, a step the gate does not cover, no
            steps, empty ``comment`` or ``by``, ``at`` not aware or out of order.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.plan import ProcessTemplate, ProcessStep, ApprovalGate
        >>> template = ProcessTemplate(name="Mini", description="", steps=[
        ...     ProcessStep(key="a", number=1, title="A"),
        ...     ProcessStep(key="b", number=2, title="B")], gates=[
        ...     ApprovalGate(key="ok", number=3, title="Approval", covers=["a", "b"])])
        >>> t0 = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
        >>> run = start_run(template, account="A-1", at=t0, by="ann")
        >>> run = complete_step(complete_step(run, "a", at=t0, by="ann"), "b", at=t0, by="ann")
        >>> run = request_changes(run, "ok", at=t0, by="bob", steps=["b"], comment="add dates")
        >>> [s.status.value for s in run.steps]
        ['completed', 'open']
    """
    checked = _run(run)
    definition = checked.template.gate(check_type("gate", gate, str))
    if isinstance(steps, str | bytes) or not isinstance(steps, Iterable):
        raise InvalidTypeError("steps", steps, "must be a sequence of step keys")
    keys = list(steps)
    if not keys:
        raise InvalidInputError("steps", keys, "must name at least one step to change")
    for key in keys:
        if key not in definition.covers:
            raise InvalidInputError(
                "steps", key, f"is not covered by {gate} ({', '.join(definition.covers)})"
            )
    ordered = tuple(key for key in definition.covers if key in keys)
    return _send_back(
        checked,
        gate,
        ordered,
        at=at,
        by=by,
        text=comment,
        field="comment",
        status=GateStatus.CHANGES_REQUESTED,
        action=AuditAction.CHANGES_REQUESTED,
    )


def start_review_cycle(
    run: ProcessRun, /, *, at: dt.datetime, by: str, reason: str = ""
) -> ProcessRun:
    """Loop back to the periodic review: reopen the review step and its gate for a new cycle.

    Allowed once the review is done (the review step completed and, when a
    gate covers it, that gate approved). A cycle may start before
    ``next_review_at`` (a trigger such as customer feedback); the run's
    ``cycle`` counts up. Other steps keep their state.

    Args:
        run: The [ProcessRun][accountplan.plan.ProcessRun].
        at: When (an aware datetime, not before the last audit entry).
        by: Who started the cycle.
        reason: What triggered it (for example ``"Customer feedback"``).

    Returns:
        The new run, with a ``review_cycle_started`` entry appended.

    Raises:
        InvalidTransitionError: the review of the current cycle is not done yet.
        InvalidInputError: the template has no review loop, ``by`` empty,
            ``at`` not aware or out of order.

    Examples:
        >>> import datetime as dt
        >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
        ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
        >>> start_review_cycle(run, at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC), by="ann")
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidTransitionError: cannot move from open to open: \
the review of cycle 1 is not done yet; ...
    """
    checked = _run(run)
    review = checked.template.review
    if review is None:
        raise InvalidInputError("run", checked.template.name, "the template has no review loop")
    state = checked.step_state(review.step)
    gate = _covering_gate(checked, review.step)
    done = state.status is StepStatus.COMPLETED and (
        gate is None or checked.gate_state(gate.key).status is GateStatus.APPROVED
    )
    if not done:
        raise InvalidTransitionError(
            state.status,
            StepStatus.OPEN,
            (),
            f"the review of cycle {checked.cycle} is not done yet",
        )
    moment = _moment(checked, at)
    who = _by(by)
    text = check_text("reason", reason, empty=True)
    entry = AuditEntry(
        at=moment,
        by=who,
        action=AuditAction.REVIEW_CYCLE_STARTED,
        item=review.step,
        cycle=checked.cycle + 1,
        detail=text,
        steps=(review.step,),
    )
    return attrs.evolve(
        checked,
        steps=tuple(
            StepState(key=s.key, status=StepStatus.OPEN) if s.key == review.step else s
            for s in checked.steps
        ),
        gates=tuple(
            GateState(key=g.key, status=GateStatus.PENDING)
            if gate is not None and g.key == gate.key
            else g
            for g in checked.gates
        ),
        trail=_append(checked, entry),
        cycle=checked.cycle + 1,
    )


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
    checked = _run(run)
    out: list[str] = []
    for item in checked.template.items:
        if isinstance(item, ApprovalGate):
            if _gate_ready(checked, item):
                out.append(item.key)
        elif (
            checked.step_state(item.key).status is StepStatus.OPEN
            and _locking_gate(checked, item.number) is None
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
class Progress:
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

    def to_records(self) -> list[dict[str, Any]]:
        """One plain row per step or gate.

        Returns:
            Rows with the columns ``number``, ``key``, ``title``, ``kind``,
            ``status``, ``locked`` and ``actionable``, in template order.

        Examples:
            >>> import datetime as dt
            >>> run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001",
            ...     at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC), by="ann")
            >>> progress(run).to_records()[4]["status"]
            'pending'
        """
        return [
            {
                "number": i.number,
                "key": i.key,
                "title": i.title,
                "kind": i.kind,
                "status": i.status,
                "locked": i.locked,
                "actionable": i.actionable,
            }
            for i in self.items
        ]

    def to_pandas(self) -> Any:  # pragma: no cover - exercised only with the pandas extra
        """The rows of [to_records][accountplan.plan.Progress.to_records] as a DataFrame.

        Returns:
            A ``pandas.DataFrame``.

        Raises:
            MissingDependencyError: pandas is not installed.
        """
        try:
            import pandas as pd  # noqa: PLC0415 - optional extra
        except ImportError:
            raise MissingDependencyError("Progress.to_pandas", "pandas") from None
        return pd.DataFrame.from_records(self.to_records())

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{r['number']}</td><td>{html.escape(r['title'])}</td>"
            f"<td>{html.escape(r['status'])}</td><td>{'locked' if r['locked'] else ''}</td></tr>"
            for r in self.to_records()
        )
        return f"<table><tr><th>#</th><th>Item</th><th>Status</th><th></th></tr>{rows}</table>"


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
    checked = _run(run)
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
                locked=_locking_gate(checked, item.number) is not None,
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
