"""The account plan's own sections: billing, maintenance, monitoring and escalation.

Each reuses the public models of the package that owns the idea (billing
cycles, payment terms and dunning from ``accountplan.billing``; review
cadences, retention and lifecycle policies from ``accountplan.accounts``; KPI
targets from ``accountplan.kpi``; routing rules and escalation policies from
``accountplan.escalation``) and only adds what ties them together.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from typing import Any, Final, Literal, get_args

import attrs

from accountplan._frozen import FrozenMap
from accountplan._validate import (
    check_items,
    enum_converter,
    instance_of,
    mapping_of,
    named,
    optional,
    plain_date,
    tuple_of,
)
from accountplan.accounts import LifecyclePolicy, RetentionPolicy, ReviewCadence
from accountplan.billing import (
    BillingCycle,
    DunningPolicy,
    LateFeePolicy,
    PaymentMethod,
    PaymentTerms,
)
from accountplan.escalation import EscalationPolicy, RoutingRule
from accountplan.exceptions import InvalidInputError
from accountplan.kpi import CADENCES as KPI_CADENCES
from accountplan.kpi import Cadence as KpiCadence
from accountplan.kpi import Kpi, KpiTarget
from accountplan.plan._common import check_text, text_field

__all__ = [
    "MANDATE_SCHEMES",
    "MAX_ROUTING_RULES",
    "MAX_SECTION_ITEMS",
    "MAX_TEAMS",
    "MAX_TEAM_MEMBERS",
    "BillingSection",
    "DirectDebitMandate",
    "EscalationSection",
    "MaintenanceSection",
    "MandateScheme",
    "MonitoringSection",
]

#: Most payment methods, KPIs, KPI targets or escalation policies in one section.
MAX_SECTION_ITEMS: Final = 100
#: Most routing rules in an escalation section.
MAX_ROUTING_RULES: Final = 1_000
#: Most teams in an escalation section's roster.
MAX_TEAMS: Final = 200
#: Most members of one team.
MAX_TEAM_MEMBERS: Final = 200

#: A team's name, and a team's members: distinct names.
_TEAM_NAME = functools.partial(check_text, limit=200)
_MEMBERS = functools.partial(
    check_items, item=_TEAM_NAME, limit=MAX_TEAM_MEMBERS, unique_by=True, what="strings"
)

MandateScheme = Literal["core", "b2b"]
"""The SEPA direct-debit scheme: ``core`` (consumers and businesses) or ``b2b``."""
MANDATE_SCHEMES: tuple[str, ...] = get_args(MandateScheme)


def _reference(limit: int) -> Any:
    # SEPA identifiers: Latin letters, digits and the characters the SEPA
    # character set allows in identifiers (EPC guidance: A-Z a-z 0-9 / - ? : ( ) . , ' + space).
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-?:().,'+ ")

    def check(field: str, value: Any) -> str:
        text = check_text(field, value, limit=limit)
        bad = sorted({c for c in text if c not in allowed})
        if bad:
            raise InvalidInputError(
                field, value, f"must use SEPA identifier characters only (got {''.join(bad)!r})"
            )
        return text

    return named(check)


@attrs.frozen(kw_only=True)
class DirectDebitMandate:
    """The customer's authorisation to collect invoices by (SEPA) direct debit.

    Attributes:
        reference: The unique mandate reference (UMR), 1 to 35 SEPA identifier
            characters; invoices paid by direct debit carry it as their
            ``mandate_reference``.
        signed_on: The day the customer signed the mandate.
        creditor_id: The creditor identifier of the company collecting
            (``NL98ZZZ999999999999``), 1 to 35 characters.
        scheme: ``core`` (default) or ``b2b`` (business customers only; no
            refund right after collection).
        recurring: Whether the mandate covers recurring collections (default)
            or a single one.

    Examples:
        >>> import datetime as dt
        >>> mandate = DirectDebitMandate(reference="MNDT-2026-0042",
        ...     signed_on=dt.date(2026, 1, 5), creditor_id="NL98ZZZ999999999999", scheme="b2b")
        >>> mandate.scheme, mandate.recurring
        ('b2b', True)
    """

    reference: str = attrs.field(validator=_reference(35))
    signed_on: dt.date = attrs.field(validator=plain_date)
    creditor_id: str = attrs.field(validator=_reference(35))
    scheme: MandateScheme = attrs.field(default="core")
    recurring: bool = attrs.field(default=True, validator=instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.scheme not in MANDATE_SCHEMES:
            raise InvalidInputError(
                "scheme", self.scheme, f"must be one of {', '.join(MANDATE_SCHEMES)}"
            )


@attrs.frozen(kw_only=True)
class BillingSection:
    """How the account is invoiced and how unpaid invoices are chased.

    Attributes:
        cycle: How often invoices are sent
            ([BillingCycle][accountplan.billing.BillingCycle]).
        terms: When invoices are due
            ([PaymentTerms][accountplan.billing.PaymentTerms]).
        payment_methods: The payment methods accepted, most preferred first
            (members of [PaymentMethod][accountplan.billing.PaymentMethod] or
            their values; at least one, none twice).
        late_fee: The fee or interest charged on late payment
            ([LateFeePolicy][accountplan.billing.LateFeePolicy]), or ``None``.
        dunning: The dunning ladder
            ([DunningPolicy][accountplan.billing.DunningPolicy]), or ``None``.
        direct_debit: The direct-debit mandate, or ``None``; it needs
            ``direct_debit`` among the payment methods.

    Raises:
        InvalidInputError: no payment method, a repeated one, or a mandate
            without direct debit.

    Examples:
        >>> from accountplan.billing import BillingCycle, PaymentTerms
        >>> billing = BillingSection(cycle=BillingCycle.monthly(anchor=1),
        ...     terms=PaymentTerms.net(30), payment_methods=["bank_transfer"])
        >>> billing.payment_methods
        (<PaymentMethod.BANK_TRANSFER: 'bank_transfer'>,)
    """

    cycle: BillingCycle = attrs.field(validator=instance_of(BillingCycle))
    terms: PaymentTerms = attrs.field(validator=instance_of(PaymentTerms))
    payment_methods: tuple[PaymentMethod, ...] = attrs.field(
        converter=tuple_of(  # type: ignore[misc]  # attrs.Converter
            PaymentMethod, limit=MAX_SECTION_ITEMS, non_empty=True, unique_by=True
        ),
    )
    late_fee: LateFeePolicy | None = attrs.field(
        default=None, validator=optional(instance_of(LateFeePolicy))
    )
    dunning: DunningPolicy | None = attrs.field(
        default=None, validator=optional(instance_of(DunningPolicy))
    )
    direct_debit: DirectDebitMandate | None = attrs.field(
        default=None, validator=optional(instance_of(DirectDebitMandate))
    )

    def __attrs_post_init__(self) -> None:
        if self.direct_debit is not None and PaymentMethod.DIRECT_DEBIT not in self.payment_methods:
            raise InvalidInputError(
                "direct_debit",
                self.direct_debit.reference,
                "needs 'direct_debit' among the payment methods",
            )


@attrs.frozen(kw_only=True)
class MaintenanceSection:
    """How the account is kept up to date, reviewed, suspended and closed.

    Attributes:
        review_cadence: How often the account is reviewed
            ([ReviewCadence][accountplan.accounts.ReviewCadence]);
            ``as_needed`` schedules no review.
        review_start: The day the plan takes effect: reviews are counted from
            it (see [review_dates][accountplan.accounts.review_dates]), and
            [validate_plan][accountplan.plan.validate_plan] checks channel hours
            from it.
        retention: How long the data is kept after closure
            ([RetentionPolicy][accountplan.accounts.RetentionPolicy]).
        lifecycle: The automatic status changes
            ([LifecyclePolicy][accountplan.accounts.LifecyclePolicy]); the
            default suspends 30 days past due.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.accounts import RetentionPolicy
        >>> maintenance = MaintenanceSection(review_cadence="quarterly",
        ...     review_start=dt.date(2026, 1, 1), retention=RetentionPolicy(years=7))
        >>> maintenance.review_cadence, maintenance.lifecycle.suspend_after_days
        (<ReviewCadence.QUARTERLY: 'quarterly'>, 30)
    """

    review_cadence: ReviewCadence = attrs.field(converter=enum_converter(ReviewCadence))  # type: ignore[misc]  # attrs.Converter
    review_start: dt.date = attrs.field(validator=plain_date)
    retention: RetentionPolicy = attrs.field(validator=instance_of(RetentionPolicy))
    lifecycle: LifecyclePolicy = attrs.field(
        factory=LifecyclePolicy, validator=instance_of(LifecyclePolicy)
    )


def _reporting(field: str, value: Any) -> str:
    if value not in KPI_CADENCES:
        raise InvalidInputError(field, value, f"must be one of {', '.join(KPI_CADENCES)}")
    return value  # type: ignore[no-any-return]


@attrs.frozen(kw_only=True)
class MonitoringSection:
    """The KPIs the account is measured on, their targets and the reporting cadence.

    Attributes:
        kpis: The KPIs tracked ([Kpi][accountplan.kpi.Kpi] members or values,
            none twice).
        targets: The [KpiTarget][accountplan.kpi.KpiTarget]s, at most one per
            KPI and statistic; each must be for a tracked KPI.
        reporting: How often KPIs are reported: ``monthly``, ``quarterly``,
            ``semiannual`` or ``annual`` (see
            [reporting_periods][accountplan.kpi.reporting_periods]).

    Raises:
        InvalidInputError: a repeated KPI or target, or a target for a KPI
            that is not tracked.

    Examples:
        >>> from accountplan.kpi import KpiTarget
        >>> monitoring = MonitoringSection(kpis=["csat", "churn_rate"],
        ...     targets=[KpiTarget(kpi="csat", direction="at_least", threshold=85)],
        ...     reporting="quarterly")
        >>> [k.value for k in monitoring.kpis]
        ['csat', 'churn_rate']
    """

    kpis: tuple[Kpi, ...] = attrs.field(
        converter=tuple_of(Kpi, limit=MAX_SECTION_ITEMS, unique_by=True),  # type: ignore[misc]  # attrs.Converter
    )
    targets: tuple[KpiTarget, ...] = attrs.field(
        converter=tuple_of(  # type: ignore[misc]  # attrs.Converter
            KpiTarget, limit=MAX_SECTION_ITEMS, unique_by=operator.attrgetter("kpi", "statistic")
        ),
    )
    reporting: KpiCadence = attrs.field(validator=named(_reporting))

    def __attrs_post_init__(self) -> None:
        for i, target in enumerate(self.targets):
            if target.kpi not in self.kpis:
                raise InvalidInputError(
                    f"targets[{i}].kpi", target.kpi.value, "is not among the tracked KPIs"
                )


@attrs.frozen(kw_only=True)
class EscalationSection:
    """Where tickets go, who is notified when they escalate, and who is in each team.

    Attributes:
        rules: The [RoutingRule][accountplan.escalation.RoutingRule]s, checked
            in order by [route][accountplan.escalation.route] (names unique).
        default_route: Where a ticket goes when no rule matches.
        policies: The [EscalationPolicy][accountplan.escalation.EscalationPolicy]s;
            the targets of their levels are the teams (or people) notified.
        teams: The roster: each team's members (people, on-call rotations or
            addresses), so a level's targets resolve to someone.

    Raises:
        InvalidInputError: a rule name used twice, an empty team name or a
            repeated member.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.escalation import EscalationLevel, EscalationPolicy, RoutingRule
        >>> section = EscalationSection(
        ...     rules=[RoutingRule(name="urgent", when="priority <= 2", route_to="tier2")],
        ...     default_route="service_desk",
        ...     policies=[EscalationPolicy(levels=[EscalationLevel(
        ...         name="L1", targets=["service_desk", "tier2"], after=dt.timedelta(hours=1))])],
        ...     teams={"service_desk": ["anna"], "tier2": ["bram"]})
        >>> section.teams["tier2"]
        ('bram',)
    """

    rules: tuple[RoutingRule, ...] = attrs.field(
        converter=tuple_of(RoutingRule, limit=MAX_ROUTING_RULES, unique_by="name"),  # type: ignore[misc]  # attrs.Converter
    )
    default_route: str = attrs.field(validator=text_field())
    policies: tuple[EscalationPolicy, ...] = attrs.field(
        converter=tuple_of(EscalationPolicy, limit=MAX_SECTION_ITEMS),  # type: ignore[misc]  # attrs.Converter
    )
    teams: FrozenMap[str, tuple[str, ...]] = attrs.field(
        default=FrozenMap(),
        converter=mapping_of(_TEAM_NAME, _MEMBERS, limit=MAX_TEAMS, what="member names"),  # type: ignore[misc]  # attrs.Converter
    )
