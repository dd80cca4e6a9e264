"""The account plan: the template's seven sections in one value."""

from __future__ import annotations

import attrs

from accountplan._frozen import FrozenMap
from accountplan._validate import instance_of
from accountplan.accounts import Account
from accountplan.plan._communication import CommunicationPlan
from accountplan.plan._extra import ExtraValue, Section, check_section, extras
from accountplan.plan._sections import (
    BillingSection,
    EscalationSection,
    MaintenanceSection,
    MonitoringSection,
)
from accountplan.sla import SlaPolicySet

__all__ = ["AccountPlan"]


@attrs.frozen(kw_only=True)
class AccountPlan:
    """A customer account plan: the template's seven sections.

    Every section reuses the library's own models, so each part of the plan
    can be handed straight to the functions that work with it (the overview
    to [account_summary][accountplan.billing.account_summary], the SLA
    policies to [select_policy][accountplan.sla.select_policy], the dunning
    ladder to [dunning_actions][accountplan.billing.dunning_actions] ...).
    Check the sections against one another with
    [validate_plan][accountplan.plan.validate_plan].

    Attributes:
        overview: The [Account][accountplan.accounts.Account]: name, number,
            status, type, contacts and history.
        communication: The [CommunicationPlan][accountplan.plan.CommunicationPlan]:
            channels with their hours and response targets, the customer
            profile, cadences.
        sla: The [SlaPolicySet][accountplan.sla.SlaPolicySet] that gives each
            ticket its targets.
        billing: The [BillingSection][accountplan.plan.BillingSection].
        maintenance: The [MaintenanceSection][accountplan.plan.MaintenanceSection].
        monitoring: The [MonitoringSection][accountplan.plan.MonitoringSection].
        escalation: The [EscalationSection][accountplan.plan.EscalationSection].
        extra: Industry details per section (a telecom's service plan, an
            e-commerce shop's preferred carrier): for each section name
            (``"overview"`` ... ``"escalation"``), a mapping of
            keys (1-100 ASCII letters, digits, ``_``, ``-``, ``.``) to text,
            booleans, integers, decimals (``Decimal``), dates or
            [Money][accountplan.money.Money]; at most ``MAX_EXTRA`` per
            section. Each value keeps its type through JSON.

    Raises:
        InvalidTypeError: a section of the wrong type, or an extra value that
            is not one of the scalar types (a float, a datetime, a list).
        InvalidInputError: an unknown section name or a bad detail key.
        LimitExceededError: more than ``MAX_EXTRA`` details in a section.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.accounts import Account, RetentionPolicy
        >>> from accountplan.billing import BillingCycle, PaymentTerms
        >>> from accountplan.calendars import BusinessCalendar
        >>> from accountplan.escalation import EscalationLevel, EscalationPolicy
        >>> from accountplan.money import Money
        >>> from accountplan.plan import (BillingSection, Cadence, Channel, CommunicationPlan,
        ...     CustomerProfile, EscalationSection, MaintenanceSection, MonitoringSection)
        >>> from accountplan.sla import SlaPolicy, SlaPolicySet
        >>> email = Channel(kind="email", calendar=BusinessCalendar.always("Europe/Amsterdam"),
        ...     mode="asynchronous", response_target=dt.timedelta(hours=8), language="nl")
        >>> plan = AccountPlan(
        ...     overview=Account(number="C-7", name="Kaasboer B.V.", type="business",
        ...         status="active", currency="EUR", timezone="Europe/Amsterdam", locale="nl_NL"),
        ...     communication=CommunicationPlan(channels=[email],
        ...         profile=CustomerProfile(location="NL", segment="B2B", language="nl"),
        ...         proactive_contact=Cadence.quarterly(), training=Cadence.annually(),
        ...         review=Cadence.annually()),
        ...     sla=SlaPolicySet(default=SlaPolicy(name="Standard", targets_by_priority={})),
        ...     billing=BillingSection(cycle=BillingCycle.monthly(anchor=1),
        ...         terms=PaymentTerms.net(30), payment_methods=["bank_transfer"]),
        ...     maintenance=MaintenanceSection(review_cadence="annually",
        ...         review_start=dt.date(2026, 1, 1), retention=RetentionPolicy(years=7)),
        ...     monitoring=MonitoringSection(kpis=[], targets=[], reporting="quarterly"),
        ...     escalation=EscalationSection(rules=[], default_route="support",
        ...         policies=[EscalationPolicy(levels=[EscalationLevel(
        ...             name="L1", targets=["support"], after=dt.timedelta(hours=4))])],
        ...         teams={"support": ["Sanne"]}),
        ...     extra={"overview": {"stores": 12,
        ...                         "credit_limit": Money(amount="5000.00", currency="EUR")}})
        >>> plan.billing.terms.name, plan.extra["overview"]["stores"]
        ('net 30', 12)
    """

    overview: Account = attrs.field(validator=instance_of(Account))
    communication: CommunicationPlan = attrs.field(validator=instance_of(CommunicationPlan))
    sla: SlaPolicySet = attrs.field(validator=instance_of(SlaPolicySet))
    billing: BillingSection = attrs.field(validator=instance_of(BillingSection))
    maintenance: MaintenanceSection = attrs.field(validator=instance_of(MaintenanceSection))
    monitoring: MonitoringSection = attrs.field(validator=instance_of(MonitoringSection))
    escalation: EscalationSection = attrs.field(validator=instance_of(EscalationSection))
    extra: FrozenMap[str, FrozenMap[str, ExtraValue]] = attrs.field(
        default=FrozenMap(), converter=extras
    )

    def details(self, section: Section, /) -> FrozenMap[str, ExtraValue]:
        """Return the extra details of one section (empty when it has none).

        Args:
            section: The section's name (``"overview"``, ``"billing"`` ...).

        Returns:
            The details by key.

        Raises:
            InvalidInputError: ``section`` is not one of the seven names.

        Examples:
            >>> plan.details("overview")["stores"]  # the plan of the class example
            12
            >>> plan.details("maintenance")
            FrozenMap({})
        """
        return self.extra.get(check_section("section", section), FrozenMap())
