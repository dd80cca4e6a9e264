"""What an account plan tells the maturity assessment, and the assessment it gives.

The examples in this module use this plan (office-hours phone, e-mail 24/7):

>>> import datetime as dt
>>> from accountplan.accounts import Account, RetentionPolicy
>>> from accountplan.billing import BillingCycle, PaymentTerms
>>> from accountplan.calendars import BusinessCalendar
>>> from accountplan.escalation import EscalationLevel, EscalationPolicy
>>> from accountplan.plan import (AccountPlan, BillingSection, Cadence, Channel,
...     CommunicationPlan, CustomerProfile, EscalationSection, MaintenanceSection,
...     MonitoringSection)
>>> from accountplan.sla import SlaPolicy, SlaPolicySet
>>> office = BusinessCalendar.weekly(
...     "Europe/Amsterdam", hours={d: [("09:00", "17:00")] for d in range(5)})
>>> plan = AccountPlan(
...     overview=Account(number="C-7", name="Kaasboer B.V.", type="business",
...         status="active", currency="EUR", timezone="Europe/Amsterdam", locale="nl_NL"),
...     communication=CommunicationPlan(
...         channels=[
...             Channel(kind="phone", calendar=office, mode="real_time",
...                     response_target=dt.timedelta(minutes=5), language="nl"),
...             Channel(kind="email", calendar=BusinessCalendar.always("Europe/Amsterdam"),
...                     mode="asynchronous", response_target=dt.timedelta(hours=8),
...                     language="nl")],
...         profile=CustomerProfile(location="NL", segment="B2B", language="nl"),
...         proactive_contact=Cadence.quarterly(), training=Cadence.annually(),
...         review=Cadence.annually(), help_desk=True, faq_before_contact=True),
...     sla=SlaPolicySet(default=SlaPolicy(name="Standard", targets_by_priority={})),
...     billing=BillingSection(cycle=BillingCycle.monthly(anchor=1),
...         terms=PaymentTerms.net(30), payment_methods=["bank_transfer"]),
...     maintenance=MaintenanceSection(review_cadence="annually",
...         review_start=dt.date(2026, 1, 1), retention=RetentionPolicy(years=7)),
...     monitoring=MonitoringSection(kpis=[], targets=[], reporting="quarterly"),
...     escalation=EscalationSection(rules=[], default_route="support",
...         policies=[EscalationPolicy(levels=[EscalationLevel(
...             name="L1", targets=["support"], after=dt.timedelta(hours=4))])],
...         teams={"support": ["Sanne"]}))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from accountplan._frozen import FrozenMap
from accountplan._tables import Column, Tabular
from accountplan._validate import check_mapping, check_type, mapping_of
from accountplan.exceptions import InvalidInputError
from accountplan.maturity import (
    MAX_CRITERIA,
    MAX_DIMENSIONS,
    Answer,
    Assessment,
    Evidence,
    assess,
    customer_account_management,
)
from accountplan.plan._evidence import communication_evidence
from accountplan.plan._plan import AccountPlan

__all__ = ["PlanAssessment", "assess_plan"]

#: Most answers one assessment may carry: one per criterion of the largest model.
_MAX_ANSWERS = MAX_DIMENSIONS * MAX_CRITERIA


def _answers(value: Any) -> FrozenMap[str, Answer]:
    # The ``answers`` argument of assess_plan, checked as the field is.
    return check_mapping("answers", value, str, Answer, limit=_MAX_ANSWERS)


@attrs.frozen(kw_only=True)
class PlanAssessment(Tabular):
    """The maturity of the customer account management an account plan describes.

    Attributes:
        assessment: The [Assessment][accountplan.maturity.Assessment] against
            the built-in model
            ([customer_account_management][accountplan.maturity.customer_account_management]).
        evidence: What the plan told: the answers derived from it, each with
            its reason, and the criteria it could not answer (an
            [Evidence][accountplan.maturity.Evidence]).
        answered: The answers given by the assessor for criteria the plan
            could not answer.
        unanswered: The criteria neither the plan nor the assessor answered
            (gaps in the assessment), in model order.

    Examples:
        >>> from accountplan.maturity import assess, evidence_from
        >>> evidence = evidence_from(faq=True)
        >>> result = PlanAssessment(assessment=assess(customer_account_management(),
        ...     evidence.answers), evidence=evidence, answered={}, unanswered=())
        >>> result.evidence.answers["faq"].value
        'yes'
    """

    assessment: Assessment
    evidence: Evidence
    answered: FrozenMap[str, Answer] = attrs.field(
        converter=mapping_of(str, Answer, limit=_MAX_ANSWERS),  # type: ignore[misc]  # attrs.Converter
    )
    unanswered: tuple[str, ...]

    def _columns(self) -> tuple[Column, ...]:
        return _ASSESSMENT_COLUMNS

    def _rows(self) -> Sequence[Any]:
        return self.evidence.to_records()

    def _record(self, row: Any) -> dict[str, Any]:
        key = row["criterion"]
        answer = row["answer"]
        if key not in self.evidence.underived:
            source = "plan"
        elif key in self.answered:
            source, answer = "assessor", self.answered[key].value
        else:
            source = "none"
        return {"criterion": key, "answer": answer, "source": source, "reason": row["reason"]}

    def _title(self) -> str:
        level = self.assessment.level
        return f"Plan maturity: {'none' if level is None else level.value}"

    def to_records(self) -> list[dict[str, Any]]:
        """One plain row per criterion: its answer and where the answer came from.

        Returns:
            Rows with the text columns ``criterion``, ``answer`` (``unknown``
            when nobody answered), ``source`` (``plan``, ``assessor`` or
            ``none``) and ``reason`` (the plan's facts, when derived), in
            model order.

        Examples:
            >>> result = assess_plan(plan, answers={"agents_on_demand": "yes"})
            >>> [r for r in result.to_records() if r["criterion"] == "agents_on_demand"]
            [{'criterion': 'agents_on_demand', 'answer': 'yes', 'source': 'assessor', 'reason': ''}]
        """
        return super().to_records()


_ASSESSMENT_COLUMNS: tuple[Column, ...] = (
    ("criterion", "text"),
    ("answer", "text"),
    ("source", "text"),
    ("reason", "text"),
)


def assess_plan(
    plan: AccountPlan, /, *, answers: Mapping[str, Answer | str] | None = None
) -> PlanAssessment:
    """Assess the maturity of the customer account management a plan describes.

    The plan's communication section gives the evidence (see
    [communication_evidence][accountplan.plan.communication_evidence]): its
    channels and their hours (e-mail and phone support, round-the-clock
    support on channels open 24/7, multichannel support), a self-service
    portal and what it lets customers do, FAQs and a knowledge base before
    agent contact, and help-desk ticketing. Those answers are fed to
    [assess][accountplan.maturity.assess] with the built-in model; the
    criteria the plan cannot answer (how people work: who changes contracts,
    agents on demand, upselling) are listed, and an assessor may answer them
    in ``answers``. An assessor's answer never overrides what the plan shows.

    Args:
        plan: The [AccountPlan][accountplan.plan.AccountPlan].
        answers: The assessor's answers (``yes``, ``partly``, ``no``,
            ``unknown``) for criteria the plan could not answer; ``None`` for
            none.

    Returns:
        The [PlanAssessment][accountplan.plan.PlanAssessment]: the assessment,
        the evidence with the answers derived from the plan and their reasons,
        and the criteria still unanswered.

    Raises:
        InvalidTypeError: ``plan`` is not an ``AccountPlan``, or ``answers``
            not a mapping.
        InvalidInputError: an answer for a criterion the model does not have,
            or for one the plan already answers, or not one of the four
            answers.

    Examples:
        >>> result = assess_plan(plan)  # the plan of this module's example
        >>> [(d.criterion, d.answer.value) for d in result.evidence.derived][:4]
        [('email_support', 'yes'), ('requests_recorded', 'yes'), ('help_desk_tickets', 'yes'), \
('phone_support_working_hours', 'yes')]
        >>> result.unanswered[:2]
        ('contract_changes_by_hand', 'agents_handle_requests')
        >>> result.assessment.level is None  # unanswered Ad-hoc criteria: no level confirmed
        True
        >>> assess_plan(plan, answers=dict.fromkeys(result.unanswered, "yes")).assessment.level
        <MaturityLevel.STRUCTURED: 'structured'>
    """
    checked = check_type("plan", plan, AccountPlan)
    given = _answers({} if answers is None else answers)
    model = customer_account_management()
    evidence = communication_evidence(checked.communication)
    derived = evidence.answers
    for key, answer in given.items():
        if key not in model.criterion_keys:
            raise InvalidInputError(
                f"answers[{key!r}]", answer.value, "is not a criterion of the built-in model"
            )
        if key in derived:
            raise InvalidInputError(
                f"answers[{key!r}]",
                answer.value,
                f"is answered by the plan ({derived[key].value}); an assessor's answer "
                "does not override it",
            )
    combined = {**given, **derived}
    return PlanAssessment(
        assessment=assess(model, combined),
        evidence=evidence,
        answered=given,
        unanswered=tuple(k for k in model.criterion_keys if k not in combined),
    )
