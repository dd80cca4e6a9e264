"""Hypothesis strategies for the plan package: communication plans, templates, process runs."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from accountplan.exceptions import AccountPlanError
from accountplan.plan import (
    ACCOUNT_MANAGEMENT_PROCESS,
    CADENCE_UNITS,
    ApprovalGate,
    AuditEntry,
    Cadence,
    Channel,
    ChannelKind,
    ChannelMode,
    CommunicationPlan,
    CustomerProfile,
    GateState,
    ItemProgress,
    OptionList,
    ProcessRun,
    ProcessStep,
    ProcessTemplate,
    Progress,
    ReviewLoop,
    StepState,
    approve,
    complete_step,
    next_steps,
    progress,
    reject,
    request_changes,
    start_review_cycle,
    start_run,
)
from tests.strategies import aware_datetimes
from tests.strategies_calendars import calendars

__all__ = [
    "MODEL_STRATEGIES",
    "answers_for",
    "cadences",
    "channels",
    "communication_plans",
    "process_runs",
    "templates",
]

texts = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=20,
)
keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=12)
languages = st.sampled_from(["en", "nl", "de", "fr", "en_GB", "nl_BE"])

cadences = st.builds(
    Cadence, unit=st.sampled_from(CADENCE_UNITS), every=st.integers(min_value=1, max_value=1000)
)


@st.composite
def channels(draw: st.DrawFn, *, name: str | None = None) -> Channel:
    """A channel with an arbitrary calendar and a positive response target."""
    kind = draw(st.sampled_from(list(ChannelKind)))
    return Channel(
        kind=kind,
        calendar=draw(calendars),
        mode=draw(st.sampled_from(list(ChannelMode))),
        response_target=draw(
            st.timedeltas(min_value=dt.timedelta(seconds=1), max_value=dt.timedelta(days=30))
        ),
        language=draw(languages),
        name=name if name is not None else kind.value,
        tone=draw(st.one_of(st.just(""), texts)),
    )


profiles = st.builds(
    CustomerProfile,
    location=texts,
    segment=texts,
    language=languages,
    preferred_channels=st.lists(keys, unique=True, max_size=3),
    attributes=st.dictionaries(keys, texts, max_size=3),
)


@st.composite
def communication_plans(draw: st.DrawFn) -> CommunicationPlan:
    """A valid plan of 1-3 channels with distinct names."""
    names = draw(st.lists(keys, min_size=1, max_size=3, unique=True))
    chans = [draw(channels(name=n)) for n in names]
    preferred = draw(st.lists(st.sampled_from(names), unique=True, max_size=len(names)))
    has_portal = any(c.kind is ChannelKind.SELF_SERVICE_PORTAL for c in chans)
    caps = (
        draw(
            st.frozensets(
                st.sampled_from(
                    ["status", "update_billing", "change_contract", "payments", "add_products"]
                )
            )
        )
        if has_portal
        else frozenset()
    )
    flags = st.one_of(st.none(), st.booleans())
    return CommunicationPlan(
        channels=chans,
        profile=CustomerProfile(
            location=draw(texts),
            segment=draw(texts),
            language=draw(languages),
            preferred_channels=preferred,
            attributes=draw(st.dictionaries(keys, texts, max_size=3)),
        ),
        proactive_contact=draw(cadences),
        training=draw(cadences),
        review=draw(cadences),
        faq_before_contact=draw(flags),
        knowledge_base=draw(flags),
        help_desk=draw(flags),
        portal_capabilities=caps,
    )


option_lists = st.builds(
    OptionList,
    key=keys,
    title=texts,
    options=st.lists(texts, min_size=1, max_size=4, unique=True),
    multiple=st.booleans(),
)


@st.composite
def templates(draw: st.DrawFn) -> ProcessTemplate:
    """A valid template: 1-6 steps, gates placed after some of them covering earlier steps."""
    count = draw(st.integers(min_value=1, max_value=6))
    layout: list[str] = []  # "s" or "g", in order
    uncovered: list[int] = []
    steps: list[ProcessStep] = []
    gates: list[ApprovalGate] = []
    for i in range(count):
        number = len(layout) + 1
        lists = draw(st.lists(option_lists, max_size=2, unique_by=lambda o: o.key))
        steps.append(
            ProcessStep(
                key=f"s{i}",
                number=number,
                title=draw(texts),
                description=draw(st.one_of(st.just(""), texts)),
                questions=draw(st.lists(texts, max_size=2)),
                option_lists=lists,
            )
        )
        layout.append("s")
        uncovered.append(i)
        if draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(uncovered), min_size=1, unique=True))
            chosen.sort()
            gates.append(
                ApprovalGate(
                    key=f"g{len(gates)}",
                    number=len(layout) + 1,
                    title=draw(texts),
                    covers=[f"s{j}" for j in chosen],
                )
            )
            layout.append("g")
            uncovered = [j for j in uncovered if j not in chosen]
    review = None
    single = [(s, o) for s in steps for o in s.option_lists if not o.multiple]
    wanted: bool = draw(st.booleans())
    if single and wanted:
        pair: tuple[ProcessStep, OptionList] = draw(st.sampled_from(single))
        step, choice = pair
        cadence = draw(
            st.dictionaries(
                st.sampled_from(choice.options), st.integers(min_value=1, max_value=120)
            )
        )
        review = ReviewLoop(step=step.key, options=choice.key, cadence_months=cadence)
    return ProcessTemplate(
        name=draw(texts),
        description=draw(st.one_of(st.just(""), texts)),
        steps=steps,
        gates=gates,
        review=review,
    )


def answers_for(step: ProcessStep, data: st.DataObject | st.DrawFn) -> dict[str, Any]:
    """Valid answers for a step: one option per single-choice list, some for the others."""
    draw = data.draw if isinstance(data, st.DataObject) else data
    out: dict[str, Any] = {}
    for option_list in step.option_lists:
        if option_list.multiple:
            out[option_list.key] = draw(
                st.lists(st.sampled_from(option_list.options), min_size=1, unique=True)
            )
        else:
            out[option_list.key] = draw(st.sampled_from(option_list.options))
    return out


@st.composite
def process_runs(draw: st.DrawFn) -> ProcessRun:
    """A run of a template after a random sequence of legal operations."""
    template = draw(st.one_of(st.just(ACCOUNT_MANAGEMENT_PROCESS), templates()))
    at = draw(aware_datetimes(max_value=dt.datetime(2030, 1, 1)))
    run = start_run(template, account=draw(texts), at=at, by=draw(texts))
    for _ in range(draw(st.integers(min_value=0, max_value=25))):
        step_by = draw(st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=9)))
        # Real elapsed time: ``at + step_by`` is wall-clock arithmetic and would
        # move an instant in a DST fold backwards.
        at = (at.astimezone(dt.UTC) + step_by).astimezone(at.tzinfo)
        options = next_steps(run)
        if not options:
            try:
                run = start_review_cycle(run, at=at, by="rev")
            except AccountPlanError:
                break
            continue
        key = draw(st.sampled_from(options))
        if key in {g.key for g in template.gates}:
            gate = template.gate(key)
            choice = draw(st.sampled_from(["approve", "reject", "changes"]))
            if choice == "approve":
                run = approve(run, key, at=at, by=draw(texts), comment=draw(st.just("") | texts))
            elif choice == "reject":
                run = reject(run, key, at=at, by=draw(texts), reason=draw(texts))
            else:
                picked = draw(st.lists(st.sampled_from(gate.covers), min_size=1, unique=True))
                run = request_changes(run, key, at=at, by="mgr", steps=picked, comment="fix")
        else:
            step = template.step(key)
            run = complete_step(
                run,
                key,
                at=at,
                by=draw(texts),
                answers=answers_for(step, draw),
                notes=draw(st.just("") | texts),
            )
    return run


progresses = process_runs().map(progress)

MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Cadence: cadences,
    Channel: channels(),
    CustomerProfile: profiles,
    CommunicationPlan: communication_plans(),
    OptionList: option_lists,
    ProcessStep: templates().flatmap(lambda t: st.sampled_from(t.steps)),
    ApprovalGate: st.just(ACCOUNT_MANAGEMENT_PROCESS).flatmap(lambda t: st.sampled_from(t.gates)),
    ReviewLoop: st.just(ACCOUNT_MANAGEMENT_PROCESS.review),
    ProcessTemplate: st.one_of(st.just(ACCOUNT_MANAGEMENT_PROCESS), templates()),
    StepState: process_runs().flatmap(lambda r: st.sampled_from(r.steps)),
    GateState: process_runs()
    .filter(lambda r: bool(r.gates))
    .flatmap(lambda r: st.sampled_from(r.gates)),
    AuditEntry: process_runs().flatmap(lambda r: st.sampled_from(r.trail)),
    ProcessRun: process_runs(),
    ItemProgress: progresses.flatmap(lambda p: st.sampled_from(p.items)),
    Progress: progresses,
}
