"""The account-management process: the seed's 20 items and 4 gates, runs, approvals, reviews."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from accountplan.exceptions import (
    AccountPlanError,
    InvalidInputError,
    InvalidTransitionError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.maturity import load_model
from accountplan.plan import (
    ACCOUNT_MANAGEMENT_PROCESS,
    ApprovalGate,
    AuditAction,
    GateState,
    GateStatus,
    OptionList,
    ProcessRun,
    ProcessStep,
    ProcessTemplate,
    ReviewLoop,
    StepState,
    StepStatus,
    approve,
    complete_step,
    load_process,
    next_steps,
    progress,
    reject,
    request_changes,
    start_review_cycle,
    start_run,
)
from accountplan.serialization import from_json, to_json
from tests.strategies_plan import answers_for, process_runs, templates

AMS = ZoneInfo("Europe/Amsterdam")
T0 = dt.datetime(2026, 1, 5, 9, tzinfo=AMS)
P = ACCOUNT_MANAGEMENT_PROCESS

# -- golden: the seed "Account Management Template" (account-management-process.txt) ------

# The numbered list at the top of the seed, verbatim.
SEED_TITLES = [
    "Identify the account for management",
    "Gather account records",
    "Review account history",
    "Analyze current account status",
    "Approval: Account Status",
    "Define account management objectives",
    "Draft account management plan",
    "Approval: Account Management Plan",
    "Implement account management plan",
    "Monitor account management implementation",
    "Handle account updates",
    "Communicate with account customer",
    "Prepare account reports",
    "Present account reports to management",
    "Approval: Account Reports",
    "Coordinate with sales team for account progress",
    "Resolve any account issues",
    "Periodically review account management plan",
    "Approval: Periodic Review of Account Management Plan",
    "Evaluate account management success and document findings",
]

# "Will be submitted for approval:" blocks of the seed, by gate title.
SEED_GATES = {
    "Approval: Account Status": [
        "Identify the account for management",
        "Gather account records",
        "Review account history",
        "Analyze current account status",
    ],
    "Approval: Account Management Plan": [
        "Define account management objectives",
        "Draft account management plan",
    ],
    "Approval: Account Reports": [
        "Prepare account reports",
        "Present account reports to management",
    ],
    "Approval: Periodic Review of Account Management Plan": [
        "Periodically review account management plan",
    ],
}

# The numbered option lists under each step of the seed, by step title.
SEED_OPTIONS = {
    "Gather account records": [
        ["Financial statements", "Transaction history", "Contracts", "Invoices", "Correspondence"]
    ],
    "Review account history": [
        [
            "Late payments",
            "Customer complaints",
            "Service disruptions",
            "Quality issues",
            "Billing errors",
        ]
    ],
    "Analyze current account status": [
        ["Very Satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very Dissatisfied"],
        [
            "Strong market presence",
            "High customer retention rate",
            "Diverse product portfolio",
            "Excellent customer service",
            "Competitive pricing",
        ],
    ],
    "Implement account management plan": [
        [
            "Contact account customer",
            "Evaluate customer needs",
            "Develop customized solutions",
            "Implement solutions",
            "Monitor progress",
        ]
    ],
    "Monitor account management implementation": [
        [
            "Review account performance",
            "Collect customer feedback",
            "Analyze data and metrics",
            "Identify areas for improvement",
            "Adjust strategies and actions",
        ]
    ],
    "Communicate with account customer": [
        ["Email", "Phone", "In-person meetings", "Video conferences", "Online chat"]
    ],
    "Prepare account reports": [
        ["Revenue", "Customer Satisfaction", "Retention Rate", "Sales Pipeline", "Market Share"]
    ],
    "Coordinate with sales team for account progress": [
        [
            "Lead generation",
            "Sales forecasting",
            "Pipeline management",
            "Customer handover",
            "Account expansion opportunities",
        ]
    ],
    "Resolve any account issues": [
        [
            "Late payments",
            "Product defects",
            "Delivery delays",
            "Miscommunication",
            "Billing discrepancies",
        ]
    ],
    "Periodically review account management plan": [
        ["Monthly", "Quarterly", "Biannually", "Annually", "As needed"],
        [
            "Account performance",
            "Customer feedback",
            "Market trends",
            "Internal resource allocation",
            "Competitive landscape",
        ],
    ],
}

# Two paragraphs of the seed, verbatim (description followed by the questions).
SEED_PARAGRAPHS = {
    "Identify the account for management": (
        "This task involves identifying the account that needs to be managed. The account could "
        "be a new customer or an existing one. It is important to correctly identify the account "
        "in order to ensure efficient management. The desired result of this task is to have a "
        "clear understanding of the account and its specific management requirements. This will "
        "help in providing tailored account management services. How will you identify the "
        "account? What challenges might arise and how can you overcome them? What resources or "
        "tools are required for this task?"
    ),
    "Periodically review account management plan": (
        "This task involves periodically reviewing the account management plan to ensure its "
        "relevance and effectiveness. The impact of this task on the overall process is that it "
        "allows for adjustments and improvements based on changing circumstances or new "
        "insights. The desired result is to have an updated and optimized account management "
        "plan. How often will the account management plan be reviewed? What factors or "
        "indicators will trigger a review? How can feedback from the account customer be "
        "incorporated into the plan?"
    ),
}


class TestGolden:
    def test_twenty_items_in_seed_order(self) -> None:
        """All 20 items, in the seed's order, with the seed's titles."""
        assert SEED_TITLES == [item.title for item in P.items]
        assert list(range(1, 21)) == [item.number for item in P.items]
        assert (16, 4) == (len(P.steps), len(P.gates))

    def test_four_gates_cover_the_seed_steps(self) -> None:
        """Each approval gate covers exactly the steps the seed submits for it, in order."""
        titles = {s.key: s.title for s in P.steps}
        actual = {g.title: [titles[k] for k in g.covers] for g in P.gates}
        assert SEED_GATES == actual
        assert [5, 8, 15, 19] == [g.number for g in P.gates]

    def test_option_lists(self) -> None:
        """Every option list of the seed, under its step, in order; the others have none."""
        actual = {s.title: [list(o.options) for o in s.option_lists] for s in P.steps}
        assert SEED_OPTIONS == {k: v for k, v in actual.items() if v}
        single = {(s.key, o.key) for s in P.steps for o in s.option_lists if not o.multiple}
        assert {("analyze_status", "satisfaction"), ("review_plan", "review_frequency")} == single

    @pytest.mark.parametrize("title", sorted(SEED_PARAGRAPHS))
    def test_descriptions_and_questions(self, title: str) -> None:
        """Description and questions together are the seed paragraph, word for word."""
        step = next(s for s in P.steps if s.title == title)
        assert SEED_PARAGRAPHS[title] == " ".join([step.description, *step.questions])
        assert all(q.endswith("?") for q in step.questions)

    def test_every_step_has_a_description_and_questions(self) -> None:
        """Each of the 16 steps has its description and three questions."""
        assert all(s.description and len(s.questions) == 3 for s in P.steps)
        assert P.description.startswith('The "Account Management Template" is a comprehensive')

    def test_review_loop(self) -> None:
        """The review step's frequency picks the cadence; 'As needed' schedules nothing."""
        assert P.review == ReviewLoop(
            step="review_plan",
            options="review_frequency",
            cadence_months={"Monthly": 1, "Quarterly": 3, "Biannually": 6, "Annually": 12},
        )

    def test_round_trips(self) -> None:
        """The built-in template round-trips through JSON."""
        assert P == from_json(to_json(P), ProcessTemplate)
        assert P == load_process(to_json(P))


# -- helpers -----------------------------------------------------------------------


def at(hours: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


ANSWERS: dict[str, dict[str, Any]] = {
    "gather_records": {"record_types": ["Contracts", "Invoices"]},
    "review_history": {"history_issues": ["Late payments"]},
    "analyze_status": {"satisfaction": "Satisfied", "strengths": ["Competitive pricing"]},
    "implement_plan": {"implementation_steps": ["Contact account customer"]},
    "monitor_implementation": {"monitoring_steps": ["Collect customer feedback"]},
    "communicate_with_customer": {"channels": ["Email", "Phone"]},
    "prepare_reports": {"report_metrics": ["Revenue"]},
    "coordinate_with_sales": {"sales_topics": ["Lead generation"]},
    "resolve_issues": {"issue_types": ["Late payments"]},
    "review_plan": {"review_frequency": "Quarterly", "review_triggers": ["Customer feedback"]},
}


def run_through(run: ProcessRun, until: str, *, start: float = 1) -> ProcessRun:
    """Complete steps and approve gates in order up to and including ``until``."""
    hour = start
    for item in P.items:
        if isinstance(item, ApprovalGate):
            if run.gate_state(item.key).status is not GateStatus.APPROVED:
                run = approve(run, item.key, at=at(hour), by="manager")
        elif run.step_state(item.key).status is StepStatus.OPEN:
            run = complete_step(
                run, item.key, at=at(hour), by="ann", answers=ANSWERS.get(item.key, {})
            )
        hour += 1
        if item.key == until:
            return run
    return run


def fresh() -> ProcessRun:
    return start_run(P, account="NL-1001", at=T0, by="ann")


class TestRun:
    def test_start(self) -> None:
        """A new run has every step open, every gate pending, and one audit entry."""
        run = fresh()
        assert all(s.status is StepStatus.OPEN for s in run.steps)
        assert all(g.status is GateStatus.PENDING for g in run.gates)
        assert [AuditAction.STARTED] == [e.action for e in run.trail]
        assert (
            "identify_account",
            "gather_records",
            "review_history",
            "analyze_status",
        ) == next_steps(run)

    def test_gate_ready_then_unlocks(self) -> None:
        """The gate is offered once its steps are done; approving it unlocks the next stage."""
        run = run_through(fresh(), "analyze_status")
        assert ("approve_status",) == next_steps(run)
        run = approve(run, "approve_status", at=at(10), by="manager", comment="ok")
        assert ("define_objectives", "draft_plan") == next_steps(run)
        assert "ok" == run.gate_state("approve_status").comment

    def test_locked_step_refused(self) -> None:
        """A step after an unapproved gate cannot be completed; the error names the gate."""
        run = fresh()
        with pytest.raises(InvalidTransitionError) as info:
            complete_step(run, "draft_plan", at=at(1), by="ann")
        assert StepStatus.OPEN == info.value.current
        assert StepStatus.COMPLETED == info.value.requested
        assert frozenset() == info.value.allowed
        assert "locked until approve_status is approved" in str(info.value)

    def test_completed_step_refused(self) -> None:
        """Completing a step twice is an illegal transition."""
        run = complete_step(fresh(), "identify_account", at=at(1), by="ann")
        with pytest.raises(InvalidTransitionError, match="already completed"):
            complete_step(run, "identify_account", at=at(2), by="ann")

    def test_uncovered_stage_steps_do_not_block_gate(self) -> None:
        """The reports gate needs only the two report steps, not steps 9-12."""
        run = run_through(fresh(), "approve_plan")
        run = complete_step(
            run, "prepare_reports", at=at(20), by="ann", answers=ANSWERS["prepare_reports"]
        )
        run = complete_step(run, "present_reports", at=at(21), by="ann")
        assert "approve_reports" in next_steps(run)
        assert "implement_plan" in next_steps(run)

    def test_gate_with_open_steps_refused(self) -> None:
        """A gate whose steps are not all completed cannot be decided."""
        run = complete_step(fresh(), "identify_account", at=at(1), by="ann")
        with pytest.raises(InvalidTransitionError, match="open: gather_records"):
            approve(run, "approve_status", at=at(2), by="m")
        with pytest.raises(InvalidTransitionError, match="open: gather_records"):
            reject(run, "approve_status", at=at(2), by="m", reason="no")

    def test_approved_gate_is_final_for_the_cycle(self) -> None:
        """An approved gate can be neither approved again nor rejected."""
        run = run_through(fresh(), "approve_status")
        with pytest.raises(InvalidTransitionError) as info:
            reject(run, "approve_status", at=at(30), by="m", reason="late doubts")
        assert GateStatus.APPROVED == info.value.current
        assert GateStatus.REJECTED == info.value.requested

    def test_later_gate_waits_for_earlier_gate(self) -> None:
        """A gate after an unapproved gate cannot be decided."""
        run = fresh()
        with pytest.raises(InvalidTransitionError, match="waits for approve_status"):
            approve(run, "approve_plan", at=at(1), by="m")

    def test_reject_reopens_exactly_the_gate_steps(self) -> None:
        """Rejection reopens the covered steps, clears their answers, keeps the rest."""
        run = run_through(fresh(), "approve_plan")
        run = complete_step(run, "handle_updates", at=at(30), by="ann")
        run = complete_step(
            run, "prepare_reports", at=at(31), by="ann", answers=ANSWERS["prepare_reports"]
        )
        run = complete_step(run, "present_reports", at=at(32), by="ann")
        before = run
        run = reject(run, "approve_reports", at=at(33), by="cfo", reason="numbers missing")
        changed = {s.key for s, b in zip(run.steps, before.steps, strict=True) if s != b}
        assert {"prepare_reports", "present_reports"} == changed
        assert all(not run.step_state(k).answers for k in changed)
        assert GateStatus.REJECTED == run.gate_state("approve_reports").status
        entry = run.trail[-1]
        assert (AuditAction.REJECTED, "approve_reports", "numbers missing", "cfo") == (
            entry.action,
            entry.item,
            entry.detail,
            entry.by,
        )
        assert ("prepare_reports", "present_reports") == entry.steps
        # the earlier answers stay in the trail
        assert any(e.item == "prepare_reports" and e.detail for e in run.trail[:-1])

    def test_request_changes_reopens_named_steps(self) -> None:
        """A change request reopens only the steps it names."""
        run = run_through(fresh(), "analyze_status")
        run = request_changes(
            run, "approve_status", at=at(10), by="m", steps=["review_history"], comment="deeper"
        )
        open_steps = [s.key for s in run.steps[:4] if s.status is StepStatus.OPEN]
        assert ["review_history"] == open_steps
        assert GateStatus.CHANGES_REQUESTED == run.gate_state("approve_status").status
        run = complete_step(
            run, "review_history", at=at(11), by="ann", answers=ANSWERS["review_history"]
        )
        run = approve(run, "approve_status", at=at(12), by="m")
        assert GateStatus.APPROVED == run.gate_state("approve_status").status

    def test_request_changes_refuses_uncovered_step(self) -> None:
        """Only steps of the gate can be sent back; at least one must be named."""
        run = run_through(fresh(), "analyze_status")
        with pytest.raises(InvalidInputError) as info:
            request_changes(
                run, "approve_status", at=at(10), by="m", steps=["draft_plan"], comment="x"
            )
        assert "steps" == info.value.field
        with pytest.raises(InvalidInputError, match="at least one step"):
            request_changes(run, "approve_status", at=at(10), by="m", steps=[], comment="x")
        with pytest.raises(InvalidInputError) as info:
            reject(run, "approve_status", at=at(10), by="m", reason="  ")
        assert "reason" == info.value.field

    def test_progress(self) -> None:
        """Progress counts completed steps and approved gates, in percent with two places."""
        run = run_through(fresh(), "approve_status")
        p = progress(run)
        assert (4, 16, 1, 4, False) == (
            p.steps_completed,
            p.steps_total,
            p.gates_approved,
            p.gates_total,
            p.done,
        )
        assert "25.00" == str(p.percent)
        rows = p.to_records()
        assert {
            "number": 6,
            "key": "define_objectives",
            "title": "Define account management objectives",
            "kind": "step",
            "status": "open",
            "locked": False,
            "actionable": True,
        } == rows[5]
        assert rows[8]["locked"]
        assert not rows[8]["actionable"]
        assert "<table>" in p._repr_html_()
        done = run_through(run, "evaluate_success", start=20)
        assert progress(done).done
        assert "100.00" == str(progress(done).percent)
        assert () == next_steps(done)

    def test_a_third_is_rounded(self) -> None:
        """Percent is rounded half-even to two places (1 of 3 items is 33.33 %)."""
        template = ProcessTemplate(
            name="T",
            description="",
            steps=[ProcessStep(key=k, number=i, title=k) for i, k in enumerate("abc", 1)],
        )
        run = complete_step(start_run(template, account="A", at=T0, by="x"), "a", at=T0, by="x")
        assert "33.33" == str(progress(run).percent)


class TestAnswers:
    def test_answers_validated_against_options(self) -> None:
        """Answers must pick from the step's own option lists; each error names the list."""
        run = fresh()
        cases: list[tuple[dict[str, Any], str, str]] = [
            ({}, "answers['satisfaction']", "must pick from"),
            (
                {"satisfaction": "Happy", "strengths": ["Competitive pricing"]},
                "answers['satisfaction']",
                "must be one of",
            ),
            (
                {"satisfaction": ["Satisfied", "Neutral"], "strengths": ["Competitive pricing"]},
                "answers['satisfaction']",
                "exactly one",
            ),
            (
                {"satisfaction": "Satisfied", "strengths": ["Competitive pricing"] * 2},
                "answers['strengths']",
                "twice",
            ),
            (
                {"satisfaction": "Satisfied", "strengths": [], "x": "y"},
                "answers",
                "is not an option list",
            ),
            ({"satisfaction": 3, "strengths": ["Competitive pricing"]}, "answers[", "must be"),
        ]
        for answers, field, message in cases:
            with pytest.raises(InvalidInputError) as info:
                complete_step(run, "analyze_status", at=at(1), by="ann", answers=answers)
            assert info.value.field.startswith(field), (answers, info.value.field)
            assert message in str(info.value)

    def test_single_choice_as_string_or_list(self) -> None:
        """A single choice may be given as the option or as a one-item list."""
        run = fresh()
        one = complete_step(
            run,
            "analyze_status",
            at=at(1),
            by="ann",
            answers={"satisfaction": ["Neutral"], "strengths": "Competitive pricing"},
        )
        assert ("Neutral",) == one.step_state("analyze_status").answers["satisfaction"]

    def test_time_must_not_go_backwards(self) -> None:
        """An operation dated before the last audit entry is refused; naive times too."""
        run = complete_step(fresh(), "identify_account", at=at(5), by="ann")
        with pytest.raises(InvalidInputError) as info:
            complete_step(
                run, "gather_records", at=at(4), by="ann", answers=ANSWERS["gather_records"]
            )
        assert "at" == info.value.field
        with pytest.raises(InvalidInputError) as info:
            complete_step(
                run,
                "review_history",
                at=dt.datetime(2026, 1, 6),
                by="a",
                answers=ANSWERS["review_history"],
            )
        assert "at" == info.value.field
        with pytest.raises(InvalidInputError) as info:
            complete_step(run, "review_history", at=at(6), by="", answers=ANSWERS["review_history"])
        assert "by" == info.value.field

    def test_unknown_items(self) -> None:
        """Unknown step and gate keys are refused with the field named."""
        run = fresh()
        with pytest.raises(InvalidInputError) as info:
            complete_step(run, "nope", at=at(1), by="ann")
        assert "step" == info.value.field
        with pytest.raises(InvalidInputError) as info:
            approve(run, "nope", at=at(1), by="ann")
        assert "gate" == info.value.field
        with pytest.raises(InvalidTypeError):
            complete_step("run", "nope", at=at(1), by="ann")  # type: ignore[arg-type]

    def test_failed_operation_changes_nothing(self) -> None:
        """A refused operation leaves the run exactly as it was (values never mutate)."""
        run = run_through(fresh(), "analyze_status")
        snapshot = to_json(run)
        with pytest.raises(InvalidInputError):
            approve(run, "approve_status", at=at(100), by=" ")
        with pytest.raises(InvalidInputError):
            approve(run, "approve_status", at=at(-100), by="ann")
        with pytest.raises(InvalidTransitionError):
            complete_step(run, "draft_plan", at=at(100), by="ann")
        assert snapshot == to_json(run)


class TestReviewLoop:
    def test_cadence_from_the_review_step(self) -> None:
        """Approving the review schedules the next one on the chosen cadence, month end clamped."""
        run = start_run(P, account="NL-1001", at=dt.datetime(2026, 1, 1, tzinfo=AMS), by="a")
        run = run_through(run, "review_plan")
        approval = dt.datetime(2026, 1, 31, 10, tzinfo=AMS)
        run = approve(run, "approve_review", at=approval, by="m")
        # Quarterly from 31 January: 30 April (clamped), same wall-clock time, now CEST.
        assert dt.datetime(2026, 4, 30, 10, tzinfo=AMS) == run.next_review_at
        assert "2026-04-30T10:00:00+02:00" == run.next_review_at.isoformat()

    def test_new_cycle_reopens_review_only(self) -> None:
        """A new cycle reopens the review step and its gate; evaluation stays done."""
        run = run_through(fresh(), "evaluate_success")
        assert progress(run).done
        run = start_review_cycle(run, at=at(100), by="m", reason="Customer feedback")
        assert 2 == run.cycle
        assert ("review_plan",) == next_steps(run)
        assert StepStatus.OPEN == run.step_state("review_plan").status
        assert GateStatus.PENDING == run.gate_state("approve_review").status
        assert StepStatus.COMPLETED == run.step_state("evaluate_success").status
        assert (AuditAction.REVIEW_CYCLE_STARTED, 2, "Customer feedback") == (
            run.trail[-1].action,
            run.trail[-1].cycle,
            run.trail[-1].detail,
        )
        run = complete_step(
            run,
            "review_plan",
            at=at(101),
            by="ann",
            answers={"review_frequency": "As needed", "review_triggers": ["Market trends"]},
        )
        assert 2 == run.trail[-1].cycle
        run = approve(run, "approve_review", at=at(102), by="m")
        assert run.next_review_at is None  # "As needed" schedules nothing

    def test_cycle_needs_a_finished_review(self) -> None:
        """No new cycle before the current review is approved."""
        run = run_through(fresh(), "review_plan")
        with pytest.raises(InvalidTransitionError, match="not done yet"):
            start_review_cycle(run, at=at(50), by="m")

    def test_template_without_review(self) -> None:
        """A template without a review loop refuses review cycles."""
        template = ProcessTemplate(
            name="T", description="", steps=[ProcessStep(key="a", number=1, title="A")]
        )
        run = start_run(template, account="A", at=T0, by="x")
        with pytest.raises(InvalidInputError, match="no review loop"):
            start_review_cycle(run, at=T0, by="x")


# -- custom templates ----------------------------------------------------------------


def _template(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Onboarding",
        "description": "",
        "steps": [
            {"key": "a", "number": 1, "title": "A"},
            {
                "key": "b",
                "number": 2,
                "title": "B",
                "option_lists": [
                    {"key": "size", "title": "Size", "options": ["S", "L"], "multiple": False}
                ],
            },
            {"key": "c", "number": 4, "title": "C"},
        ],
        "gates": [{"key": "g", "number": 3, "title": "Approval", "covers": ["a", "b"]}],
    }
    data.update(changes)
    return data


class TestCustomTemplates:
    def test_valid(self) -> None:
        """A custom template in the built-in shape loads and runs."""
        template = load_process(json.dumps(_template()))
        assert ["a", "b", "g", "c"] == [i.key for i in template.items]

    @pytest.mark.parametrize(
        ("change", "path", "message"),
        [
            (
                {"gates": [{"key": "a", "number": 3, "title": "X", "covers": ["a"]}]},
                "$",
                "used twice",
            ),
            (
                {"gates": [{"key": "g", "number": 3, "title": "X", "covers": ["z"]}]},
                "$",
                "is not a step",
            ),
            (
                {"gates": [{"key": "g", "number": 3, "title": "X", "covers": ["b", "a"]}]},
                "$",
                "template order",
            ),
            (
                {"gates": [{"key": "g", "number": 3, "title": "X", "covers": ["c"]}]},
                "$",
                "comes after the gate",
            ),
            (
                {"gates": [{"key": "g", "number": 5, "title": "X", "covers": ["a"]}]},
                "$",
                "numbered 1 to 4",
            ),
            (
                {"gates": [{"key": "g", "number": 3, "title": "X", "covers": []}]},
                "$.gates[0].covers",
                "must not be empty",
            ),
            (
                {"review": {"step": "b", "options": "nope"}},
                "$",
                "single-choice option list",
            ),
            (
                {"review": {"step": "b", "options": "size", "cadence_months": {"XL": 1}}},
                "$",
                "not an option of size",
            ),
            ({"colour": "red"}, "$.colour", "unknown key"),
        ],
    )
    def test_invalid(self, change: dict[str, Any], path: str, message: str) -> None:
        """Invalid templates are refused with the problem and its JSON path."""
        with pytest.raises(InvalidInputError) as info:
            load_process(json.dumps(_template(**change)))
        assert any(p.path.startswith(path) and message in p.message for p in info.value.problems), [
            (p.path, p.message) for p in info.value.problems
        ]

    def test_double_cover(self) -> None:
        """A step is covered by at most one gate."""
        steps = [ProcessStep(key=k, number=i, title=k) for i, k in ((1, "a"), (3, "b"))]
        gates = [
            ApprovalGate(key="g1", number=2, title="G1", covers=["a"]),
            ApprovalGate(key="g2", number=4, title="G2", covers=["a", "b"]),
        ]
        with pytest.raises(InvalidInputError, match="already covered by g1"):
            ProcessTemplate(name="T", description="", steps=steps, gates=gates)

    def test_option_list_rules(self) -> None:
        """Option lists need distinct options; steps need distinct option-list keys."""
        with pytest.raises(InvalidInputError) as info:
            OptionList(key="k", title="K", options=["x", "x"])
        assert ("options[1]", "x") == (info.value.field, info.value.value)
        with pytest.raises(InvalidInputError) as info:
            OptionList(key="has space", title="K", options=["x"])
        assert "key" == info.value.field
        lists = [OptionList(key="k", title="K", options=["x"])] * 2
        with pytest.raises(InvalidInputError, match="used twice"):
            ProcessStep(key="s", number=1, title="S", option_lists=lists)

    def test_not_json(self) -> None:
        """Text that is not JSON, or not text, is refused."""
        with pytest.raises(InvalidInputError, match="not valid JSON"):
            load_process("{")
        with pytest.raises(InvalidInputError):
            load_process(b"{}")  # type: ignore[arg-type]

    @settings(max_examples=30)
    @given(template=templates())
    def test_generated_templates_round_trip(self, template: ProcessTemplate) -> None:
        """Any valid template round-trips through load_process."""
        assert template == load_process(to_json(template))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["name", "description", "steps", "gates", "key", "number", "title", "covers", "x"]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


@settings(max_examples=200)
@given(data=JSON)
def test_fuzz_load_process(data: Any) -> None:
    """Arbitrary JSON gives a template or an InvalidInputError, nothing else."""
    with contextlib.suppress(InvalidInputError):
        load_process(json.dumps(data))


@settings(max_examples=200)
@given(
    step=st.sampled_from([s.key for s in P.steps] + ["", "x", 3]),
    answers=st.one_of(
        st.none(),
        st.dictionaries(
            st.one_of(st.text(max_size=5), st.integers()),
            st.one_of(st.text(max_size=5), st.lists(st.text(max_size=5)), st.integers()),
            max_size=3,
        ),
        st.integers(),
    ),
    by=st.one_of(st.text(max_size=3), st.none()),
    when=st.one_of(st.just(at(1)), st.just(dt.datetime(2026, 1, 1)), st.none()),
)
def test_fuzz_complete_step(step: Any, answers: Any, by: Any, when: Any) -> None:
    """Arbitrary arguments raise only accountplan errors that name a field."""
    error: AccountPlanError | None = None
    try:
        complete_step(fresh(), step, at=when, by=by, answers=answers)
    except AccountPlanError as exc:
        error = exc
    if isinstance(error, InvalidInputError):
        assert error.field
    else:
        assert error is None or isinstance(error, InvalidTransitionError)


@settings(max_examples=20)
@given(run=process_runs())
def test_generated_runs_round_trip(run: ProcessRun) -> None:
    """Runs after arbitrary legal operations round-trip; their trail is in time order.

    A datetime read back carries a fixed offset: the same instant, but Python
    compares a zoned time in a DST fold unequal to it, so the comparison is on
    the wire and on the instants.
    """
    back = from_json(to_json(run), ProcessRun)
    assert to_json(run) == to_json(back)
    assert [e.at.timestamp() for e in run.trail] == [e.at.timestamp() for e in back.trail]
    assert all(a.at <= b.at for a, b in zip(run.trail, run.trail[1:], strict=False))


# -- state machine -------------------------------------------------------------------


class ProcessRunMachine(RuleBasedStateMachine):
    """Random operations on the built-in process, checked against a small model of the rules."""

    def __init__(self) -> None:
        super().__init__()
        self.run = fresh()
        self.clock = T0
        self.data: Any = None

    def _tick(self) -> dt.datetime:
        self.clock += dt.timedelta(minutes=7)
        return self.clock

    def _unapproved_before(self, number: int) -> list[str]:
        return [
            g.key
            for g in P.gates
            if g.number < number and self.run.gate_state(g.key).status is not GateStatus.APPROVED
        ]

    def _apply(self, op: Any) -> ProcessRun | None:
        before = self.run
        try:
            after: ProcessRun = op()
        except (InvalidTransitionError, InvalidInputError):
            assert before == self.run
            return None
        # the trail is append-only: the old trail is a prefix, one entry more
        assert before.trail == after.trail[: len(before.trail)]
        assert len(before.trail) + 1 == len(after.trail)
        return after

    @rule(step=st.sampled_from(P.steps), data=st.data())
    def complete(self, step: ProcessStep, data: st.DataObject) -> None:
        locked = bool(self._unapproved_before(step.number))
        was_open = self.run.step_state(step.key).status is StepStatus.OPEN
        when = self._tick()
        answers = answers_for(step, data)
        after = self._apply(
            lambda: complete_step(self.run, step.key, at=when, by="ann", answers=answers)
        )
        # no step after an unapproved gate completes; an open unlocked step always can
        assert (after is not None) == (was_open and not locked)
        if after is not None:
            assert StepStatus.COMPLETED == after.step_state(step.key).status
            self.run = after

    def _gate_decidable(self, gate: ApprovalGate) -> bool:
        return (
            self.run.gate_state(gate.key).status is not GateStatus.APPROVED
            and not self._unapproved_before(gate.number)
            and all(self.run.step_state(k).status is StepStatus.COMPLETED for k in gate.covers)
        )

    @rule(gate=st.sampled_from(P.gates))
    def approve_gate(self, gate: ApprovalGate) -> None:
        decidable = self._gate_decidable(gate)
        when = self._tick()
        after = self._apply(lambda: approve(self.run, gate.key, at=when, by="mgr"))
        assert (after is not None) == decidable
        if after is not None:
            assert self.run.steps == after.steps
            self.run = after

    @rule(gate=st.sampled_from(P.gates))
    def reject_gate(self, gate: ApprovalGate) -> None:
        decidable = self._gate_decidable(gate)
        when = self._tick()
        after = self._apply(lambda: reject(self.run, gate.key, at=when, by="mgr", reason="no"))
        assert (after is not None) == decidable
        if after is not None:
            # exactly the gate's steps are reopened; every other step is unchanged
            for old, new in zip(self.run.steps, after.steps, strict=True):
                if old.key in gate.covers:
                    assert StepStatus.OPEN == new.status
                else:
                    assert old == new
            assert GateStatus.REJECTED == after.gate_state(gate.key).status
            self.run = after

    @rule(gate=st.sampled_from(P.gates), data=st.data())
    def changes(self, gate: ApprovalGate, data: st.DataObject) -> None:
        picked = data.draw(st.lists(st.sampled_from(gate.covers), min_size=1, unique=True))
        decidable = self._gate_decidable(gate)
        when = self._tick()
        after = self._apply(
            lambda: request_changes(
                self.run, gate.key, at=when, by="mgr", steps=picked, comment="fix"
            )
        )
        assert (after is not None) == decidable
        if after is not None:
            for old, new in zip(self.run.steps, after.steps, strict=True):
                assert (StepStatus.OPEN if old.key in picked else old.status) == new.status
            self.run = after

    @rule()
    def review_cycle(self) -> None:
        ready = (
            self.run.step_state("review_plan").status is StepStatus.COMPLETED
            and self.run.gate_state("approve_review").status is GateStatus.APPROVED
        )
        when = self._tick()
        after = self._apply(lambda: start_review_cycle(self.run, at=when, by="mgr"))
        assert (after is not None) == ready
        if after is not None:
            assert self.run.cycle + 1 == after.cycle
            self.run = after

    @invariant()
    def next_steps_are_actionable(self) -> None:
        for key in next_steps(self.run):
            if key in {g.key for g in P.gates}:
                assert self._gate_decidable(P.gate(key))
            else:
                step = P.step(key)
                assert not self._unapproved_before(step.number)
                assert StepStatus.OPEN == self.run.step_state(key).status

    @invariant()
    def approved_gate_steps_are_completed(self) -> None:
        for gate in P.gates:
            if self.run.gate_state(gate.key).status is GateStatus.APPROVED:
                assert all(
                    self.run.step_state(k).status is StepStatus.COMPLETED for k in gate.covers
                )

    @invariant()
    def progress_matches(self) -> None:
        p = progress(self.run)
        completed = sum(1 for s in self.run.steps if s.status is StepStatus.COMPLETED)
        assert completed == p.steps_completed


ProcessRunMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=40)
TestProcessRunMachine = ProcessRunMachine.TestCase


def test_evolve_cannot_break_the_trail() -> None:
    """A run whose trail goes back in time is refused at construction."""
    run = complete_step(fresh(), "identify_account", at=at(1), by="ann")
    run = complete_step(
        run, "review_history", at=at(2), by="ann", answers=ANSWERS["review_history"]
    )
    bad = (run.trail[0], run.trail[2], run.trail[1])
    with pytest.raises(InvalidInputError) as info:
        attrs.evolve(run, trail=bad)
    assert "trail[2].at" == info.value.field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ("no_start", "trail"),
        ("cycle", "cycle"),
        ("approved_open", "gates[0].status"),
    ],
)
def test_inconsistent_runs_refused(change: str, field: str) -> None:
    """A run whose parts contradict each other (say, edited JSON) is refused on load."""
    run = run_through(fresh(), "approve_status")
    data = json.loads(to_json(run))
    if change == "no_start":
        data["trail"] = data["trail"][1:]
    elif change == "cycle":
        data["cycle"] = 2
    else:
        data["steps"][0] = {"key": "identify_account", "status": "open"}
    with pytest.raises(InvalidInputError) as info:
        from_json(json.dumps(data), ProcessRun)
    assert any(field in p.path or field in p.message for p in info.value.problems), [
        (p.path, p.message) for p in info.value.problems
    ]


def test_step_and_gate_states_are_consistent() -> None:
    """A completed step says when and by whom; an open one carries nothing; same for gates."""
    with pytest.raises(InvalidInputError) as info:
        StepState(key="a", status="completed")
    assert "completed_at" == info.value.field
    with pytest.raises(InvalidInputError) as info:
        StepState(key="a", status="open", notes="x")
    assert "status" == info.value.field
    with pytest.raises(InvalidInputError) as info:
        GateState(key="g", status="approved")
    assert "decided_at" == info.value.field
    with pytest.raises(InvalidInputError) as info:
        GateState(key="g", status="pending", comment="x")
    assert "status" == info.value.field


def test_repeated_hour_is_ordered_by_instant() -> None:
    """In the repeated hour, 02:45 (first) is before 02:30 (second): refused as out of order."""
    second = dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=AMS)
    first = dt.datetime(2026, 10, 25, 2, 45, fold=0, tzinfo=AMS)
    run = start_run(P, account="A", at=second, by="ann")
    with pytest.raises(InvalidInputError) as info:
        complete_step(run, "identify_account", at=first, by="ann")
    assert "at" == info.value.field


class TestLookups:
    """Steps, gates, option lists and their states are found by key, one rule for all five."""

    def test_every_key_finds_its_item(self) -> None:
        """Each lookup returns the item with that key, for every key of the built-in template."""
        run = fresh()
        for step in P.steps:
            assert step is P.step(step.key)
            assert step.key == run.step_state(step.key).key
            for option_list in step.option_lists:
                assert option_list is step.option_list(option_list.key)
        for gate in P.gates:
            assert gate is P.gate(gate.key)
            assert gate.key == run.gate_state(gate.key).key

    @pytest.mark.parametrize(
        ("lookup", "field", "message"),
        [
            (lambda: P.step("nope"), "step", "is not a step of 'Account Management Template'"),
            (
                lambda: P.gate("draft_plan"),
                "gate",
                "is not an approval gate of 'Account Management Template'",
            ),
            (
                lambda: fresh().step_state("approve_plan"),
                "step",
                "is not a step of 'Account Management Template'",
            ),
            (
                lambda: fresh().gate_state("nope"),
                "gate",
                "is not an approval gate of 'Account Management Template'",
            ),
            (
                lambda: P.step("analyze_status").option_list("nope"),
                "answers",
                "is not an option list of analyze_status (satisfaction, strengths)",
            ),
            (
                lambda: P.step("identify_account").option_list("nope"),
                "answers",
                "is not an option list of identify_account (none)",
            ),
        ],
    )
    def test_an_unknown_key_is_refused_with_the_field(
        self, lookup: Any, field: str, message: str
    ) -> None:
        """An unknown key raises InvalidInputError naming the field, the key and what it is not."""
        with pytest.raises(InvalidInputError) as caught:
            lookup()
        assert field == caught.value.field
        assert message in str(caught.value)


def test_a_key_that_is_not_text_is_refused_by_every_lookup() -> None:
    """Every lookup by key names its parameter ``key`` when given something else than text."""
    run = fresh()
    for lookup in (
        P.step,
        P.gate,
        run.step_state,
        run.gate_state,
        P.step("analyze_status").option_list,
    ):
        with pytest.raises(InvalidTypeError) as caught:
            lookup(3)  # type: ignore[arg-type]
        assert "key" == caught.value.field


@pytest.mark.parametrize("load", [load_process, load_model], ids=["load_process", "load_model"])
def test_rule_data_loaders_refuse_the_same_input_alike(load: Any) -> None:
    """Process templates and maturity models load through one strict JSON loader."""
    # Regression: load_model had no size limit and let a RecursionError from
    # the converter through as a list of problems; load_process had both.
    with pytest.raises(LimitExceededError) as too_long:
        load(" " * 10_000_001)
    assert "text" == too_long.value.field
    for text, message in [
        ("{", "is not valid JSON"),
        ('{"name": NaN}', "NaN is not allowed"),
        ("[" * 100_000 + "]" * 100_000, "is not valid JSON"),
    ]:
        with pytest.raises(InvalidInputError, match=message) as caught:
            load(text)
        assert "$" == caught.value.path
    with pytest.raises(InvalidTypeError, match="must be JSON text"):
        load(b"{}")
    with pytest.raises(InvalidInputError) as problems:
        load('{"name": "x", "extra": 1}')
    assert len(problems.value.problems) > 1
