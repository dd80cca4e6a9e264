"""Builders of the sections of the demo's account plans.

``scripts/make_demo.py`` builds the bundled demo account (Molenaar
Koeltechniek) with them, and the tests build their example plan (Tulpenveld
Logistiek) with the same builders: both are Dutch B2B customers served the
same way (phone, e-mail and a portal; a four-step dunning ladder; a
three-level escalation). The builders live in the product, beside the demo
they make, so that the demo script never imports the tests.

Only public names of the other packages are used.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from accountplan.billing import (
    DunningAction,
    DunningLevel,
    DunningPolicy,
    LateFeeComponent,
    LateFeePolicy,
)
from accountplan.calendars import BusinessCalendar
from accountplan.escalation import EscalationLevel, EscalationPolicy
from accountplan.money import Money
from accountplan.plan import Cadence, Channel, CommunicationPlan, CustomerProfile
from accountplan.sla import SlaTarget

__all__ = [
    "ESCALATION_DELAYS",
    "communication",
    "dunning",
    "escalation_policy",
    "eur",
    "flat_late_fee",
    "office_hours",
    "response_targets",
]

#: How long each level of the demo escalation waits before the next, in order.
ESCALATION_DELAYS = (dt.timedelta(minutes=30), dt.timedelta(hours=1), dt.timedelta(hours=2))


def eur(amount: str) -> Money:
    """Euros, from a decimal string."""
    return Money(amount=amount, currency="EUR")


def office_hours(
    zone: str, /, *, holidays: Iterable[dt.date] = (), name: str = ""
) -> BusinessCalendar:
    """Monday to Friday, 08:30 to 17:30 in ``zone``, closed on ``holidays``."""
    return BusinessCalendar.weekly(
        zone,
        hours={day: [("08:30", "17:30")] for day in range(5)},
        holidays=holidays,
        name=name,
    )


def communication(
    *, phone: BusinessCalendar, always: BusinessCalendar, portal_capabilities: Iterable[str]
) -> CommunicationPlan:
    """Dutch phone (5 minutes, in ``phone`` hours), e-mail (8 hours) and portal (24 hours).

    E-mail and the portal are open on the ``always`` calendar; e-mail and
    phone are preferred; proactive contact every quarter, training and a
    review every year, with an FAQ, a knowledge base and a help desk.
    """
    return CommunicationPlan(
        channels=[
            Channel(
                kind="phone",
                calendar=phone,
                mode="real_time",
                response_target=dt.timedelta(minutes=5),
                language="nl",
            ),
            Channel(
                kind="email",
                calendar=always,
                mode="asynchronous",
                response_target=dt.timedelta(hours=8),
                language="nl",
            ),
            Channel(
                kind="self_service_portal",
                calendar=always,
                mode="asynchronous",
                response_target=dt.timedelta(hours=24),
                language="nl",
                name="portal",
            ),
        ],
        profile=CustomerProfile(
            location="NL", segment="B2B", language="nl", preferred_channels=["email", "phone"]
        ),
        proactive_contact=Cadence.quarterly(),
        training=Cadence.annually(),
        review=Cadence.annually(),
        faq_before_contact=True,
        knowledge_base=True,
        help_desk=True,
        portal_capabilities=portal_capabilities,
    )


def response_targets(
    first_response: int, resolution: int | None = None, /, *, business_hours: bool = True
) -> list[SlaTarget]:
    """A first-response target and, if given, a resolution target, in whole hours."""
    targets = [
        SlaTarget(
            metric="first_response",
            within=dt.timedelta(hours=first_response),
            business_hours=business_hours,
        )
    ]
    if resolution is not None:
        targets.append(
            SlaTarget(
                metric="resolution",
                within=dt.timedelta(hours=resolution),
                business_hours=business_hours,
            )
        )
    return targets


def flat_late_fee(amount: str, /, *, label: str = "") -> LateFeePolicy:
    """A flat late fee in euros, after three days' grace."""
    return LateFeePolicy(
        components=[LateFeeComponent(kind="flat", amount=eur(amount), label=label)],
        grace_days=3,
    )


def dunning(*, suspend: int, collections: int) -> DunningPolicy:
    """A reminder after 7 days, a final notice after 21, then suspension and collections.

    Args:
        suspend: Days past due when the service is suspended.
        collections: Days past due when the debt goes to collections.
    """
    return DunningPolicy(
        levels=[
            DunningLevel(name="reminder", days=7, action=DunningAction.REMINDER),
            DunningLevel(name="final_notice", days=21, action=DunningAction.FINAL_NOTICE),
            DunningLevel(name="suspend", days=suspend, action=DunningAction.SUSPEND_SERVICE),
            DunningLevel(name="collections", days=collections, action=DunningAction.COLLECTIONS),
        ],
        minimum_amount=eur("10.00"),
    )


def escalation_policy(
    levels: Sequence[tuple[str, Sequence[str]]], /, *, name: str = ""
) -> EscalationPolicy:
    """Three levels ``(name, targets)`` waiting ``ESCALATION_DELAYS`` in turn."""
    return EscalationPolicy(
        name=name,
        levels=[
            EscalationLevel(name=level, targets=targets, after=after)
            for (level, targets), after in zip(levels, ESCALATION_DELAYS, strict=True)
        ],
    )
