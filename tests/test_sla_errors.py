# ruff: noqa: E501
# mypy: disable-error-code="arg-type, list-item"
"""Every refusal in the sla package: its error class, the field it names and its exact message.

Error messages are behaviour (people read them to fix their input), so each is
pinned here word for word.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.money import Money
from accountplan.sla import (
    CSAT_FIVE_BEST,
    CSAT_ONE_BEST,
    CreditTier,
    CsatScale,
    DowntimeRule,
    SlaPolicy,
    SlaPolicyRule,
    SlaPolicySet,
    SlaTarget,
    availability_report,
    compliance,
    csat,
    downtime,
    evaluate,
    evaluate_many,
    merge_intervals,
    select_policy,
    service_credit,
    uptime,
)
from accountplan.tickets import Priority, Ticket

UTC = dt.UTC
H = dt.timedelta(hours=1)
T0 = dt.datetime(2026, 3, 2, 9, tzinfo=UTC)
NAIVE = dt.datetime(2026, 3, 2, 9)
P = SlaPolicy(
    name="P",
    targets_by_priority={
        Priority.HIGH: [SlaTarget(metric="first_response", within=H, business_hours=False)]
    },
)
TK = Ticket(id="T-1", account_number="A", priority=Priority.HIGH, created_at=T0)
EUR = Money(amount="10", currency="EUR")
NEG = Money(amount="-1", currency="EUR")
SPAN = (T0, T0 + H)
TIER = CreditTier(at_least="99", below="100", credit_percent="10")
CASES: dict[str, Callable[[], object]] = {
    "target_within_type": lambda: SlaTarget(metric="resolution", within=3600),
    "target_within_negative": lambda: SlaTarget(metric="resolution", within=-H),
    "target_within_long": lambda: SlaTarget(metric="resolution", within=dt.timedelta(days=3654)),
    "target_metric": lambda: SlaTarget(metric="speed", within=H),
    "target_business_hours": lambda: SlaTarget(metric="resolution", within=H, business_hours="yes"),
    "policy_name_empty": lambda: SlaPolicy(name=" ", targets_by_priority={}),
    "policy_name_type": lambda: SlaPolicy(name=3, targets_by_priority={}),
    "policy_targets_type": lambda: SlaPolicy(name="P", targets_by_priority=[]),
    "policy_targets_key": lambda: SlaPolicy(name="P", targets_by_priority={"urgent": []}),
    "policy_targets_key_type": lambda: SlaPolicy(name="P", targets_by_priority={2: []}),
    "policy_targets_value": lambda: SlaPolicy(name="P", targets_by_priority={Priority.HIGH: "x"}),
    "policy_targets_item": lambda: SlaPolicy(name="P", targets_by_priority={Priority.HIGH: ["x"]}),
    "policy_targets_duplicate": lambda: SlaPolicy(
        name="P",
        targets_by_priority={
            Priority.HIGH: [SlaTarget(metric="resolution", within=H, business_hours=False)] * 2
        },
    ),
    "policy_calendar": lambda: SlaPolicy(name="P", targets_by_priority={}, calendar="UTC"),
    "policy_business_without_calendar": lambda: SlaPolicy(
        name="P", targets_by_priority={Priority.HIGH: [SlaTarget(metric="resolution", within=H)]}
    ),
    "policy_pause_on": lambda: SlaPolicy(name="P", targets_by_priority={}, pause_on="pending"),
    "policy_pause_on_item": lambda: SlaPolicy(name="P", targets_by_priority={}, pause_on=[3]),
    "policy_work_statuses": lambda: SlaPolicy(
        name="P", targets_by_priority={}, work_statuses="open"
    ),
    "policy_wait_statuses": lambda: SlaPolicy(
        name="P", targets_by_priority={}, wait_statuses="open"
    ),
    "policy_hold_statuses": lambda: SlaPolicy(
        name="P", targets_by_priority={}, hold_statuses="open"
    ),
    "policy_on_priority_change": lambda: SlaPolicy(
        name="P", targets_by_priority={}, on_priority_change="x"
    ),
    "policy_on_reopen": lambda: SlaPolicy(name="P", targets_by_priority={}, on_reopen="x"),
    "rule_policy": lambda: SlaPolicyRule(policy="P"),
    "rule_tiers": lambda: SlaPolicyRule(policy=P, tiers="gold"),
    "rule_tiers_item": lambda: SlaPolicyRule(policy=P, tiers=[" "]),
    "rule_channels": lambda: SlaPolicyRule(policy=P, channels="web"),
    "rule_tags": lambda: SlaPolicyRule(policy=P, tags="vip"),
    "rule_priorities": lambda: SlaPolicyRule(policy=P, priorities="high"),
    "rule_priorities_item": lambda: SlaPolicyRule(policy=P, priorities=["urgent"]),
    "rule_priorities_item_type": lambda: SlaPolicyRule(policy=P, priorities=[2]),
    "set_default": lambda: SlaPolicySet(default="P"),
    "set_rules": lambda: SlaPolicySet(default=P, rules="x"),
    "set_rules_item": lambda: SlaPolicySet(default=P, rules=["x"]),
    "set_rules_many": lambda: SlaPolicySet(default=P, rules=[SlaPolicyRule(policy=P)] * 1001),
    "select_policy": lambda: select_policy("P", TK),
    "evaluate_ticket": lambda: evaluate("T", P, as_of=T0),
    "evaluate_as_of_naive": lambda: evaluate(TK, P, as_of=NAIVE),
    "evaluate_as_of_type": lambda: evaluate(TK, P, as_of="2026"),
    "evaluate_as_of_before": lambda: evaluate(TK, P, as_of=T0 - H),
    "evaluate_policy": lambda: evaluate(TK, "P", as_of=T0),
    "many_as_of_naive": lambda: evaluate_many([TK], P, as_of=NAIVE),
    "many_policies": lambda: evaluate_many([TK], "P", as_of=T0),
    "many_ticket": lambda: list(evaluate_many(["T"], P, as_of=T0)),
    "many_as_of_before": lambda: list(evaluate_many([TK], P, as_of=T0 - H)),
    "compliance_by_str": lambda: compliance([], by="metric"),
    "compliance_by_int": lambda: compliance([], by=3),
    "compliance_by_field": lambda: compliance([], by=["colour"]),
    "compliance_aggregate": lambda: compliance([], aggregate="mean"),
    "compliance_measurements": lambda: compliance("x"),
    "compliance_measurements_int": lambda: compliance(3),
    "compliance_item": lambda: compliance(["x"]),
    "compliance_item_ticket": lambda: compliance(["x"], aggregate="per_ticket_any"),
    "scale_best_type": lambda: CsatScale(best="5", worst=1, satisfied_from=4),
    "scale_worst_type": lambda: CsatScale(best=5, worst=1.0, satisfied_from=4),
    "scale_from_type": lambda: CsatScale(best=5, worst=1, satisfied_from=True),
    "scale_same": lambda: CsatScale(best=5, worst=5, satisfied_from=5),
    "scale_big": lambda: CsatScale(best=101, worst=1, satisfied_from=4),
    "scale_from_off": lambda: CsatScale(best=5, worst=1, satisfied_from=6),
    "scale_from_off_low": lambda: CsatScale(best=5, worst=1, satisfied_from=0),
    "csat_scale": lambda: csat([], scale="5"),
    "csat_responses": lambda: csat("54", scale=CSAT_FIVE_BEST),
    "csat_responses_int": lambda: csat(5, scale=CSAT_FIVE_BEST),
    "csat_answer": lambda: csat([5, 6], scale=CSAT_FIVE_BEST),
    "csat_answer_bool": lambda: csat([True], scale=CSAT_FIVE_BEST),
    "csat_answer_str": lambda: csat(["5"], scale=CSAT_ONE_BEST),
    "pair_shape": lambda: uptime((T0,), outages=[]),
    "pair_str": lambda: uptime("ab", outages=[]),
    "pair_naive_start": lambda: uptime((NAIVE, T0), outages=[]),
    "pair_naive_end": lambda: uptime((T0, NAIVE), outages=[]),
    "pair_order": lambda: uptime((T0 + H, T0), outages=[]),
    "pair_empty": lambda: uptime((T0, T0), outages=[]),
    "outages_type": lambda: uptime(SPAN, outages=3),
    "outages_str": lambda: uptime(SPAN, outages="x"),
    "outage_item": lambda: uptime(SPAN, outages=[(T0, T0), (T0 + H, T0)]),
    "maintenance_item": lambda: downtime(SPAN, outages=[], maintenance=[(T0,)]),
    "rule": lambda: uptime(SPAN, outages=[], rule="exact"),
    "rule_quantum": lambda: DowntimeRule(quantum="second"),
    "rule_threshold_type": lambda: DowntimeRule(minute_threshold=30),
    "rule_threshold_negative": lambda: DowntimeRule(minute_threshold=-dt.timedelta(seconds=1)),
    "rule_threshold_minute": lambda: DowntimeRule(minute_threshold=dt.timedelta(minutes=1)),
    "merge_type": lambda: merge_intervals(3),
    "tier_at_least": lambda: CreditTier(at_least="101", below="100", credit_percent="1"),
    "tier_at_least_negative": lambda: CreditTier(at_least="-1", below="100", credit_percent="1"),
    "tier_below": lambda: CreditTier(at_least="1", below="100.5", credit_percent="1"),
    "tier_credit": lambda: CreditTier(at_least="1", below="2", credit_percent="101"),
    "tier_credit_negative": lambda: CreditTier(at_least="1", below="2", credit_percent="-1"),
    "tier_order": lambda: CreditTier(at_least="99", below="99", credit_percent="1"),
    "tier_float": lambda: CreditTier(at_least=99.0, below="100", credit_percent="1"),
    "credit_uptime": lambda: service_credit(Decimal("100.1"), tiers=[], charge=EUR),
    "credit_uptime_negative": lambda: service_credit(Decimal("-0.1"), tiers=[], charge=EUR),
    "credit_tiers": lambda: service_credit(Decimal(99), tiers="x", charge=EUR),
    "credit_tiers_int": lambda: service_credit(Decimal(99), tiers=3, charge=EUR),
    "credit_tiers_item": lambda: service_credit(Decimal(99), tiers=["x"], charge=EUR),
    "credit_tiers_overlap": lambda: service_credit(
        Decimal(99),
        tiers=[TIER, CreditTier(at_least="98", below="99.5", credit_percent="5")],
        charge=EUR,
    ),
    "credit_charge": lambda: service_credit(Decimal(99), tiers=[], charge=10),
    "credit_charge_negative": lambda: service_credit(Decimal(99), tiers=[], charge=NEG),
    "credit_rounding": lambda: service_credit(
        Decimal(99), tiers=[], charge=EUR, rounding="nearest"
    ),
    "report_first_month_type": lambda: availability_report(
        [], first_month="2026-01-01", months=1, timezone="UTC"
    ),
    "report_first_month_datetime": lambda: availability_report(
        [], first_month=dt.datetime(2026, 1, 1), months=1, timezone="UTC"
    ),
    "report_first_month_day": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 2), months=1, timezone="UTC"
    ),
    "report_months_type": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 1), months="1", timezone="UTC"
    ),
    "report_months_zero": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 1), months=0, timezone="UTC"
    ),
    "report_months_many": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 1), months=1201, timezone="UTC"
    ),
    "report_timezone": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 1), months=1, timezone="Mars/Base"
    ),
    "report_outages": lambda: availability_report(
        "x", first_month=dt.date(2026, 1, 1), months=1, timezone="UTC"
    ),
    "report_maintenance": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 1), months=1, timezone="UTC", maintenance=[3]
    ),
    "report_rule": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 1), months=1, timezone="UTC", rule="x"
    ),
    "report_tiers": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 1), months=1, timezone="UTC", tiers=["x"]
    ),
    "report_charge": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 1), months=1, timezone="UTC", charge="10"
    ),
    "report_charge_negative": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 1), months=1, timezone="UTC", charge=NEG
    ),
    "report_rounding": lambda: availability_report(
        [], first_month=dt.date(2026, 1, 1), months=1, timezone="UTC", rounding="x"
    ),
}

EXPECTED: dict[str, tuple[type[Exception], str, str]] = {
    "target_within_type": (InvalidTypeError, "within", "'within' must be timedelta (got 3600)"),
    "target_within_negative": (
        InvalidInputError,
        "within",
        "'within' must not be negative (got datetime.timedelta(days=-1, seconds=82800))",
    ),
    "target_within_long": (
        LimitExceededError,
        "within",
        "'within' is longer than ten years (got datetime.timedelta(days=3654))",
    ),
    "target_metric": (
        InvalidInputError,
        "metric",
        "'metric' must be one of first_response, next_response, resolution, agent_work_time, requester_wait_time, on_hold_time (got 'speed')",
    ),
    "target_business_hours": (
        InvalidTypeError,
        "business_hours",
        "'business_hours' must be bool (got 'yes')",
    ),
    "policy_name_empty": (InvalidInputError, "name", "'name' must not be empty (got ' ')"),
    "policy_name_type": (InvalidTypeError, "name", "'name' must be str (got 3)"),
    "policy_targets_type": (
        InvalidTypeError,
        "targets_by_priority",
        "'targets_by_priority' must be a mapping of Priority to tuples of SlaTarget (got [])",
    ),
    "policy_targets_key": (
        InvalidInputError,
        "targets_by_priority",
        "'targets_by_priority' must be one of 'critical', 'high', 'moderate', 'low', 'planning' (got 'urgent')",
    ),
    "policy_targets_key_type": (
        InvalidTypeError,
        "targets_by_priority",
        "'targets_by_priority' must be a Priority or one of 'critical', 'high', 'moderate', 'low', 'planning' (got 2)",
    ),
    "policy_targets_value": (
        InvalidTypeError,
        "targets_by_priority[high]",
        "'targets_by_priority[high]' must be a sequence of SlaTarget (got 'x')",
    ),
    "policy_targets_item": (
        InvalidTypeError,
        "targets_by_priority[high][0]",
        "'targets_by_priority[high][0]' must be SlaTarget (got 'x')",
    ),
    "policy_targets_duplicate": (
        InvalidInputError,
        "targets_by_priority[high][1].metric",
        "'targets_by_priority[high][1].metric' repeats targets_by_priority[high][0].metric "
        "(got 'resolution')",
    ),
    "policy_calendar": (
        InvalidTypeError,
        "calendar",
        "'calendar' must be BusinessCalendar (got 'UTC')",
    ),
    "policy_business_without_calendar": (
        InvalidInputError,
        "calendar",
        "'calendar' is required: the high resolution target counts business hours (got None)",
    ),
    "policy_pause_on": (
        InvalidTypeError,
        "pause_on",
        "'pause_on' must be a set of status names (got 'pending')",
    ),
    "policy_pause_on_item": (InvalidTypeError, "pause_on", "'pause_on' must be str (got 3)"),
    "policy_work_statuses": (
        InvalidTypeError,
        "work_statuses",
        "'work_statuses' must be a set of status names (got 'open')",
    ),
    "policy_wait_statuses": (
        InvalidTypeError,
        "wait_statuses",
        "'wait_statuses' must be a set of status names (got 'open')",
    ),
    "policy_hold_statuses": (
        InvalidTypeError,
        "hold_statuses",
        "'hold_statuses' must be a set of status names (got 'open')",
    ),
    "policy_on_priority_change": (
        InvalidInputError,
        "on_priority_change",
        "'on_priority_change' must be one of retarget, restart (got 'x')",
    ),
    "policy_on_reopen": (
        InvalidInputError,
        "on_reopen",
        "'on_reopen' must be one of continue, new_cycle (got 'x')",
    ),
    "rule_policy": (InvalidTypeError, "policy", "'policy' must be SlaPolicy (got 'P')"),
    "rule_tiers": (InvalidTypeError, "tiers", "'tiers' must be a set of strings (got 'gold')"),
    "rule_tiers_item": (InvalidInputError, "tiers", "'tiers' must not be empty (got ' ')"),
    "rule_channels": (
        InvalidTypeError,
        "channels",
        "'channels' must be a set of strings (got 'web')",
    ),
    "rule_tags": (InvalidTypeError, "tags", "'tags' must be a set of strings (got 'vip')"),
    "rule_priorities": (
        InvalidTypeError,
        "priorities",
        "'priorities' must be a set of Priority (got 'high')",
    ),
    "rule_priorities_item": (
        InvalidInputError,
        "priorities",
        "'priorities' must be one of 'critical', 'high', 'moderate', 'low', 'planning' (got 'urgent')",
    ),
    "rule_priorities_item_type": (
        InvalidTypeError,
        "priorities",
        "'priorities' must be a Priority or one of 'critical', 'high', 'moderate', 'low', 'planning' (got 2)",
    ),
    "set_default": (InvalidTypeError, "default", "'default' must be SlaPolicy (got 'P')"),
    "set_rules": (
        InvalidTypeError,
        "rules",
        "'rules' must be a sequence of SlaPolicyRule (got 'x')",
    ),
    "set_rules_item": (
        InvalidTypeError,
        "rules[0]",
        "'rules[0]' must be SlaPolicyRule (got 'x')",
    ),
    "set_rules_many": (LimitExceededError, "rules", "'rules' exceeds the limit of 1000 (got 1001)"),
    "select_policy": (InvalidTypeError, "policies", "'policies' must be SlaPolicySet (got 'P')"),
    "evaluate_ticket": (InvalidTypeError, "ticket", "'ticket' must be Ticket (got 'T')"),
    "evaluate_as_of_naive": (
        InvalidInputError,
        "as_of",
        "'as_of' must be timezone-aware, not naive (got datetime.datetime(2026, 3, 2, 9, 0))",
    ),
    "evaluate_as_of_type": (
        InvalidTypeError,
        "as_of",
        "'as_of' must be a timezone-aware datetime (got '2026')",
    ),
    "evaluate_as_of_before": (
        InvalidInputError,
        "as_of",
        "'as_of' must not be before the ticket's creation (2026-03-02T09:00:00+00:00) (got datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.timezone.utc))",
    ),
    "evaluate_policy": (
        InvalidTypeError,
        "policy",
        "'policy' must be SlaPolicy or SlaPolicySet (got 'P')",
    ),
    "many_as_of_naive": (
        InvalidInputError,
        "as_of",
        "'as_of' must be timezone-aware, not naive (got datetime.datetime(2026, 3, 2, 9, 0))",
    ),
    "many_policies": (
        InvalidTypeError,
        "policies",
        "'policies' must be SlaPolicy or SlaPolicySet (got 'P')",
    ),
    "many_ticket": (InvalidTypeError, "tickets", "'tickets' must be Ticket (got 'T')"),
    "many_as_of_before": (
        InvalidInputError,
        "as_of",
        "'as_of' must not be before the ticket's creation (2026-03-02T09:00:00+00:00) (got datetime.datetime(2026, 3, 2, 8, 0, tzinfo=datetime.timezone.utc))",
    ),
    "compliance_by_str": (
        InvalidTypeError,
        "by",
        "'by' must be a sequence of field names (got 'metric')",
    ),
    "compliance_by_int": (
        InvalidTypeError,
        "by",
        "'by' must be a sequence of field names (got 3)",
    ),
    "compliance_by_field": (
        InvalidInputError,
        "by",
        "'by' must be one of metric, priority, policy, account_number, channel, cycle, "
        "month, week, quarter (got 'colour')",
    ),
    "compliance_aggregate": (
        InvalidInputError,
        "aggregate",
        "'aggregate' must be one of per_measurement, per_ticket_last, per_ticket_any (got 'mean')",
    ),
    "compliance_measurements": (
        InvalidTypeError,
        "measurements",
        "'measurements' must be a sequence (got 'x')",
    ),
    "compliance_measurements_int": (
        InvalidTypeError,
        "measurements",
        "'measurements' must be a sequence (got 3)",
    ),
    "compliance_item": (
        InvalidTypeError,
        "measurements",
        "'measurements' must be SlaMeasurement (got 'x')",
    ),
    "compliance_item_ticket": (
        InvalidTypeError,
        "measurements",
        "'measurements' must be SlaMeasurement (got 'x')",
    ),
    "scale_best_type": (InvalidTypeError, "best", "'best' must be int (got '5')"),
    "scale_worst_type": (InvalidTypeError, "worst", "'worst' must be int (got 1.0)"),
    "scale_from_type": (
        InvalidTypeError,
        "satisfied_from",
        "'satisfied_from' must be int (got True)",
    ),
    "scale_same": (InvalidInputError, "best", "'best' must differ from worst (got 5)"),
    "scale_big": (LimitExceededError, "best", "'best' gives more than 100 points (got 101)"),
    "scale_from_off": (
        InvalidInputError,
        "satisfied_from",
        "'satisfied_from' must lie on the scale from 1 to 5 (got 6)",
    ),
    "scale_from_off_low": (
        InvalidInputError,
        "satisfied_from",
        "'satisfied_from' must lie on the scale from 1 to 5 (got 0)",
    ),
    "csat_scale": (InvalidTypeError, "scale", "'scale' must be CsatScale (got '5')"),
    "csat_responses": (
        InvalidTypeError,
        "responses",
        "'responses' must be a sequence of integers (got '54')",
    ),
    "csat_responses_int": (
        InvalidTypeError,
        "responses",
        "'responses' must be a sequence of integers (got 5)",
    ),
    "csat_answer": (
        InvalidInputError,
        "responses[1]",
        "'responses[1]' must be an integer from 1 to 5 (got 6)",
    ),
    "csat_answer_bool": (
        InvalidInputError,
        "responses[0]",
        "'responses[0]' must be an integer from 1 to 5 (got True)",
    ),
    "csat_answer_str": (
        InvalidInputError,
        "responses[0]",
        "'responses[0]' must be an integer from 1 to 5 (got '5')",
    ),
    "pair_shape": (
        InvalidInputError,
        "period",
        "'period' must be a (start, end) pair of aware datetimes (got (datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc),))",
    ),
    "pair_str": (
        InvalidTypeError,
        "period",
        "'period' must be a (start, end) pair of aware datetimes (got 'ab')",
    ),
    "pair_naive_start": (
        InvalidInputError,
        "period.start",
        "'period.start' must be timezone-aware, not naive (got datetime.datetime(2026, 3, 2, 9, 0))",
    ),
    "pair_naive_end": (
        InvalidInputError,
        "period.end",
        "'period.end' must be timezone-aware, not naive (got datetime.datetime(2026, 3, 2, 9, 0))",
    ),
    "pair_order": (
        InvalidInputError,
        "period",
        "'period' must not end before it starts (got (datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.timezone.utc), datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc)))",
    ),
    "pair_empty": (
        InvalidInputError,
        "period",
        "'period' must not be empty (got (datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc), datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc)))",
    ),
    "outages_type": (
        InvalidTypeError,
        "outages",
        "'outages' must be a sequence of (start, end) pairs (got 3)",
    ),
    "outages_str": (
        InvalidTypeError,
        "outages",
        "'outages' must be a sequence of (start, end) pairs (got 'x')",
    ),
    "outage_item": (
        InvalidInputError,
        "outages[1]",
        "'outages[1]' must not end before it starts (got (datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.timezone.utc), datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc)))",
    ),
    "maintenance_item": (
        InvalidInputError,
        "maintenance[0]",
        "'maintenance[0]' must be a (start, end) pair of aware datetimes (got (datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc),))",
    ),
    "rule": (InvalidTypeError, "rule", "'rule' must be DowntimeRule (got 'exact')"),
    "rule_quantum": (
        InvalidInputError,
        "quantum",
        "'quantum' must be one of exact, minute (got 'second')",
    ),
    "rule_threshold_type": (
        InvalidTypeError,
        "minute_threshold",
        "'minute_threshold' must be timedelta (got 30)",
    ),
    "rule_threshold_negative": (
        InvalidInputError,
        "minute_threshold",
        "'minute_threshold' must be from zero up to (not including) one minute (got datetime.timedelta(days=-1, seconds=86399))",
    ),
    "rule_threshold_minute": (
        InvalidInputError,
        "minute_threshold",
        "'minute_threshold' must be from zero up to (not including) one minute (got datetime.timedelta(seconds=60))",
    ),
    "merge_type": (
        InvalidTypeError,
        "intervals",
        "'intervals' must be a sequence of (start, end) pairs (got 3)",
    ),
    "tier_at_least": (
        InvalidInputError,
        "at_least",
        "'at_least' must be a percentage from 0 to 100 (got '101')",
    ),
    "tier_at_least_negative": (
        InvalidInputError,
        "at_least",
        "'at_least' must be a percentage from 0 to 100 (got '-1')",
    ),
    "tier_below": (
        InvalidInputError,
        "below",
        "'below' must be a percentage from 0 to 100 (got '100.5')",
    ),
    "tier_credit": (
        InvalidInputError,
        "credit_percent",
        "'credit_percent' must be a percentage from 0 to 100 (got '101')",
    ),
    "tier_credit_negative": (
        InvalidInputError,
        "credit_percent",
        "'credit_percent' must be a percentage from 0 to 100 (got '-1')",
    ),
    "tier_order": (
        InvalidInputError,
        "below",
        "'below' must be above at_least (99) (got Decimal('99'))",
    ),
    "tier_float": (
        InvalidTypeError,
        "at_least",
        "'at_least' must not be a float; pass a Decimal, an int or a decimal string such as '0.10' so that the amount is exact (got 99.0)",
    ),
    "credit_uptime": (
        InvalidInputError,
        "uptime",
        "'uptime' must be a percentage from 0 to 100 (got Decimal('100.1'))",
    ),
    "credit_uptime_negative": (
        InvalidInputError,
        "uptime",
        "'uptime' must be a percentage from 0 to 100 (got Decimal('-0.1'))",
    ),
    "credit_tiers": (
        InvalidTypeError,
        "tiers",
        "'tiers' must be a sequence of CreditTier (got 'x')",
    ),
    "credit_tiers_int": (
        InvalidTypeError,
        "tiers",
        "'tiers' must be a sequence of CreditTier (got 3)",
    ),
    "credit_tiers_item": (InvalidTypeError, "tiers", "'tiers' must be CreditTier (got 'x')"),
    "credit_tiers_overlap": (
        InvalidInputError,
        "tiers",
        "'tiers' overlaps the tier [98, 99.5) (got CreditTier(at_least=Decimal('99'), below=Decimal('100'), credit_percent=Decimal('10')))",
    ),
    "credit_charge": (InvalidTypeError, "charge", "'charge' must be Money (got 10)"),
    "credit_charge_negative": (
        InvalidInputError,
        "charge",
        "'charge' must not be negative (got Money(amount=Decimal('-1'), currency='EUR'))",
    ),
    "credit_rounding": (
        InvalidInputError,
        "rounding",
        "'rounding' must be one of half_even, half_up, half_down, down, up, ceiling, floor (got 'nearest')",
    ),
    "report_first_month_type": (
        InvalidTypeError,
        "first_month",
        "'first_month' must be date (got '2026-01-01')",
    ),
    "report_first_month_datetime": (
        InvalidInputError,
        "first_month",
        "'first_month' must be the date of a month's 1st (got datetime.datetime(2026, 1, 1, 0, 0))",
    ),
    "report_first_month_day": (
        InvalidInputError,
        "first_month",
        "'first_month' must be the date of a month's 1st (got datetime.date(2026, 1, 2))",
    ),
    "report_months_type": (InvalidTypeError, "months", "'months' must be int (got '1')"),
    "report_months_zero": (InvalidInputError, "months", "'months' must be at least 1 (got 0)"),
    "report_months_many": (
        LimitExceededError,
        "months",
        "'months' exceeds the limit of 1200 (got 1201)",
    ),
    "report_timezone": (
        InvalidInputError,
        "timezone",
        "'timezone' is not a known IANA time zone (got 'Mars/Base')",
    ),
    "report_outages": (
        InvalidTypeError,
        "outages",
        "'outages' must be a sequence of (start, end) pairs (got 'x')",
    ),
    "report_maintenance": (
        InvalidTypeError,
        "maintenance[0]",
        "'maintenance[0]' must be a (start, end) pair of aware datetimes (got 3)",
    ),
    "report_rule": (InvalidTypeError, "rule", "'rule' must be DowntimeRule (got 'x')"),
    "report_tiers": (InvalidTypeError, "tiers", "'tiers' must be CreditTier (got 'x')"),
    "report_charge": (InvalidTypeError, "charge", "'charge' must be Money (got '10')"),
    "report_charge_negative": (
        InvalidInputError,
        "charge",
        "'charge' must not be negative (got Money(amount=Decimal('-1'), currency='EUR'))",
    ),
    "report_rounding": (
        InvalidInputError,
        "rounding",
        "'rounding' must be one of half_even, half_up, half_down, down, up, ceiling, floor (got 'x')",
    ),
}


def test_every_case_has_an_expectation() -> None:
    """The table below covers every case above."""
    assert sorted(CASES) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(CASES))
def test_refusal(name: str) -> None:
    """The call is refused with the documented error, field and message."""
    kind, field, message = EXPECTED[name]
    with pytest.raises(kind) as caught:
        CASES[name]()
    assert kind is type(caught.value)
    assert (field, message) == (caught.value.field, str(caught.value))  # type: ignore[attr-defined]
