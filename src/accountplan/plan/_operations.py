"""Operations on process runs: start, complete, approve, reject, request changes, review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from accountplan._frozen import FrozenMap
from accountplan._validate import check_type
from accountplan.exceptions import InvalidInputError, InvalidTransitionError, InvalidTypeError
from accountplan.plan._common import add_months, check_text, instant
from accountplan.plan._run import (
    AuditAction,
    AuditEntry,
    GateState,
    GateStatus,
    ProcessRun,
    StepState,
    StepStatus,
    answers_map,
    append_entry,
    check_by,
    check_moment,
    check_run,
    covering_gate,
    locking_gate,
)
from accountplan.plan._template import (  # the examples run the built-in process
    ACCOUNT_MANAGEMENT_PROCESS,  # noqa: F401
    ApprovalGate,
    ProcessStep,
    ProcessTemplate,
)

__all__ = [
    "approve",
    "complete_step",
    "reject",
    "request_changes",
    "start_review_cycle",
    "start_run",
]


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
        >>> from accountplan.plan import next_steps
        >>> next_steps(run)
        ('identify_account', 'gather_records', 'review_history', 'analyze_status')
    """
    checked = check_type("template", template, ProcessTemplate)
    check_text("account", account, limit=200)
    moment = instant("at", at)
    who = check_by(by)
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


def _validate_answers(step: ProcessStep, answers: Any) -> FrozenMap[str, tuple[str, ...]]:
    given = answers_map(answers)
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
    checked = check_run(run)
    definition = checked.template.step(check_type("step", step, str))
    state = checked.step_state(step)
    if state.status is StepStatus.COMPLETED:
        raise InvalidTransitionError(
            StepStatus.COMPLETED, StepStatus.COMPLETED, (), f"step {step} is already completed"
        )
    locking = locking_gate(checked, definition.number)
    if locking is not None:
        raise InvalidTransitionError(
            StepStatus.OPEN,
            StepStatus.COMPLETED,
            (),
            f"step {step} is locked until {locking.key} is approved",
        )
    moment = check_moment(checked, at)
    who = check_by(by)
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
        trail=append_entry(checked, entry),
    )


def _decidable(run: ProcessRun, gate: str, requested: GateStatus) -> ApprovalGate:
    definition = run.template.gate(check_type("gate", gate, str))
    state = run.gate_state(gate)
    if state.status is GateStatus.APPROVED:
        raise InvalidTransitionError(
            state.status, requested, (), f"gate {gate} is already approved"
        )
    locking = locking_gate(run, definition.number)
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
    checked = check_run(run)
    definition = _decidable(checked, gate, GateStatus.APPROVED)
    moment = check_moment(checked, at)
    who = check_by(by)
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
        trail=append_entry(checked, entry),
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
    checked = check_run(run)
    definition = _decidable(checked, gate, status)
    moment = check_moment(checked, at)
    who = check_by(by)
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
        trail=append_entry(checked, entry),
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
    checked = check_run(run)
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
    checked = check_run(run)
    moment = check_moment(checked, at)
    who = check_by(by)
    text = check_text("reason", reason, empty=True)
    review = checked.template.review
    if review is None:
        raise InvalidInputError("run", checked.template.name, "the template has no review loop")
    state = checked.step_state(review.step)
    gate = covering_gate(checked, review.step)
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
        trail=append_entry(checked, entry),
        cycle=checked.cycle + 1,
    )
