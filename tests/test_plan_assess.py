"""assess_plan: the maturity answers a plan gives, the ones it cannot, and the assessor's."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from accountplan.calendars import BusinessCalendar
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.maturity import Answer, MaturityLevel, assess, customer_account_management
from accountplan.plan import AccountPlan, Channel, PlanAssessment, assess_plan
from accountplan.serialization import from_json, to_json
from tests.strategies_plan import account_plans, example_plan

PLAN = example_plan()
MODEL = customer_account_management()


def test_the_example_plan_answers_what_its_communication_section_shows() -> None:
    """Office-hours phone with e-mail and a portal 24/7, help desk, FAQ and knowledge base.

    Worked from the maturity model's rules: of the support channels (phone,
    e-mail; the portal is not one) one of two is open 24/7, so round-the-clock
    support is 'partly'; three of help desk, phone, e-mail and chat are offered,
    so multichannel support is 'partly'; the portal shows status and takes
    billing updates but not contract changes.
    """
    result = assess_plan(PLAN)
    derived = {d.criterion: d.answer.value for d in result.evidence.derived}
    assert {
        "email_support": "yes",
        "requests_recorded": "yes",
        "help_desk_tickets": "yes",
        "phone_support_working_hours": "yes",
        "round_the_clock_support": "partly",
        "multichannel_support": "partly",
        "portal_status": "yes",
        "self_service_billing": "yes",
        "self_service_contracts": "no",
        "knowledge_base": "yes",
        "faq": "yes",
    } == derived
    assert (
        "contract_changes_by_hand",
        "agents_handle_requests",
        "bill_and_contract_changes",
        "some_requests_without_agent",
        "agent_contract_changes",
        "agents_on_demand",
        "upsell_cross_sell",
    ) == result.unanswered
    assert result.assessment.level is None  # unanswered Ad-hoc criteria confirm no level
    assert MaturityLevel.STRUCTURED is result.assessment.potential_level


def test_round_the_clock_channels_answer_yes() -> None:
    """With every support channel open 24/7 the plan shows round-the-clock support."""
    always = BusinessCalendar.always("Europe/Amsterdam")
    channels = [attrs.evolve(c, calendar=always) for c in PLAN.communication.channels]
    plan = attrs.evolve(PLAN, communication=attrs.evolve(PLAN.communication, channels=channels))
    answers = assess_plan(plan).evidence.answers
    assert Answer.YES is answers["round_the_clock_support"]


def test_no_portal_and_no_faq_answer_no() -> None:
    """Without a portal channel its criteria are 'no'; FAQ and help desk follow the flags."""
    channels = [c for c in PLAN.communication.channels if c.name != "portal"]
    communication = attrs.evolve(
        PLAN.communication,
        channels=channels,
        portal_capabilities=frozenset(),
        faq_before_contact=False,
        help_desk=None,
    )
    result = assess_plan(attrs.evolve(PLAN, communication=communication))
    answers = result.evidence.answers
    assert Answer.NO is answers["portal_status"]
    assert Answer.NO is answers["faq"]
    assert "help_desk_tickets" in result.unanswered  # not known: never guessed


def test_assessor_answers_complete_the_assessment() -> None:
    """The assessor answers what the plan cannot; the level is then confirmed."""
    result = assess_plan(PLAN, answers=dict.fromkeys(assess_plan(PLAN).unanswered, "yes"))
    assert () == result.unanswered
    assert MaturityLevel.STRUCTURED is result.assessment.level
    combined = {**result.answered, **result.evidence.answers}
    assert assess(MODEL, combined) == result.assessment
    row = next(r for r in result.to_records() if r["criterion"] == "agents_on_demand")
    assert {
        "criterion": "agents_on_demand",
        "answer": "yes",
        "source": "assessor",
        "reason": "",
    } == row


def test_assessor_cannot_override_the_plan_or_invent_criteria() -> None:
    """An answer for a derived criterion, an unknown criterion or a bad answer is refused."""
    with pytest.raises(InvalidInputError, match=r"answered by the plan \(partly\)"):
        assess_plan(PLAN, answers={"round_the_clock_support": "yes"})
    with pytest.raises(InvalidInputError, match="not a criterion"):
        assess_plan(PLAN, answers={"coffee": "yes"})
    with pytest.raises(InvalidInputError, match="must be one of 'yes', 'partly', 'no', 'unknown'"):
        assess_plan(PLAN, answers={"agents_on_demand": "maybe"})
    with pytest.raises(InvalidTypeError):
        assess_plan(PLAN, answers=["agents_on_demand"])  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'plan'"):
        assess_plan(PLAN.communication)  # type: ignore[arg-type]


def test_records_say_where_each_answer_came_from() -> None:
    """Every criterion once, in model order, with its source."""
    rows = assess_plan(PLAN, answers={"upsell_cross_sell": "no"}).to_records()
    assert list(MODEL.criterion_keys) == [r["criterion"] for r in rows]
    sources = {r["criterion"]: r["source"] for r in rows}
    assert "plan" == sources["faq"]
    assert "assessor" == sources["upsell_cross_sell"]
    assert "none" == sources["agents_on_demand"]
    html = assess_plan(PLAN)._repr_html_()
    assert "<td>round_the_clock_support</td><td>partly</td><td>plan</td>" in html


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(plan=account_plans())
def test_every_criterion_is_derived_answered_or_listed(plan: AccountPlan) -> None:
    """Derived and unanswered criteria partition the model; the assessment uses the derived."""
    result = assess_plan(plan)
    derived = set(result.evidence.answers)
    assert set(MODEL.criterion_keys) == derived | set(result.unanswered)
    assert not derived & set(result.unanswered)
    assert assess(MODEL, result.evidence.answers) == result.assessment
    assert result == from_json(to_json(result), PlanAssessment)


def test_channel_kinds_reach_the_evidence_under_the_models_names() -> None:
    """A live-chat channel counts as the model's 'chat' for multichannel support."""
    chat = Channel(
        kind="live_chat",
        calendar=BusinessCalendar.always("Europe/Amsterdam"),
        mode="real_time",
        response_target=dt.timedelta(minutes=2),
        language="nl",
    )
    communication = attrs.evolve(PLAN.communication, channels=[*PLAN.communication.channels, chat])
    answers = assess_plan(attrs.evolve(PLAN, communication=communication)).evidence.answers
    assert Answer.YES is answers["multichannel_support"]
