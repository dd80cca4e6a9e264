"""What a communication plan tells the maturity assessment."""

from __future__ import annotations

from accountplan._frozen import FrozenMap
from accountplan._validate import check_type
from accountplan.calendars import BusinessCalendar
from accountplan.maturity import Evidence, evidence_from
from accountplan.plan._communication import ChannelKind, CommunicationPlan

__all__ = ["MATURITY_CHANNEL_NAMES", "communication_evidence"]

#: The name each channel kind has in the maturity model's evidence.
MATURITY_CHANNEL_NAMES: FrozenMap[ChannelKind, str] = FrozenMap(
    {
        ChannelKind.PHONE: "phone",
        ChannelKind.EMAIL: "email",
        ChannelKind.LIVE_CHAT: "chat",
        ChannelKind.SOCIAL_MEDIA: "social_media",
        ChannelKind.SELF_SERVICE_PORTAL: "portal",
        ChannelKind.IN_PERSON: "in_person",
        ChannelKind.VIDEO: "video",
    }
)


def communication_evidence(plan: CommunicationPlan, /) -> Evidence:
    """Derive maturity answers from what a communication plan holds.

    The plan's facts are passed to
    [evidence_from][accountplan.maturity.evidence_from]:

    * channels: every channel with its calendar, under the maturity model's
      name for its kind (``live_chat`` is ``chat``, ``self_service_portal`` is
      ``portal``); a second channel of the same kind is named
      ``<kind>/<channel name>``. This gives e-mail and phone support,
      round-the-clock support (the channels open 24/7) and multichannel support.
    * ``help_desk``: requests tracked as help-desk tickets.
    * the portal: no ``self_service_portal`` channel means no portal (its
      criteria are answered ``no``); a portal channel with
      ``portal_capabilities`` gives them; a portal channel without declared
      capabilities leaves the portal criteria underived.
    * ``faq_before_contact`` and ``knowledge_base``.

    Facts the plan leaves as ``None`` are not guessed: the criteria that need
    them are listed in ``underived``, with the criteria about how people work.

    Args:
        plan: The [CommunicationPlan][accountplan.plan.CommunicationPlan].

    Returns:
        The [Evidence][accountplan.maturity.Evidence]: derived answers with
        their reasons, and the criteria the plan could not answer. Feed
        ``evidence.answers`` to [assess][accountplan.maturity.assess].

    Raises:
        InvalidTypeError: ``plan`` is not a ``CommunicationPlan``.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.calendars import BusinessCalendar
        >>> from accountplan.plan import Cadence, Channel, CustomerProfile
        >>> office = BusinessCalendar.weekly(
        ...     "Europe/Amsterdam", hours={d: [("09:00", "17:00")] for d in range(5)})
        >>> always = BusinessCalendar.always("Europe/Amsterdam")
        >>> plan = CommunicationPlan(
        ...     channels=[
        ...         Channel(kind="phone", calendar=office, mode="real_time",
        ...                 response_target=dt.timedelta(minutes=5), language="nl"),
        ...         Channel(kind="email", calendar=always, mode="asynchronous",
        ...                 response_target=dt.timedelta(hours=8), language="nl")],
        ...     profile=CustomerProfile(location="NL", segment="B2B", language="nl"),
        ...     proactive_contact=Cadence.quarterly(), training=Cadence.annually(),
        ...     review=Cadence.annually(), help_desk=True, faq_before_contact=True)
        >>> evidence = communication_evidence(plan)
        >>> evidence.answers["round_the_clock_support"].value
        'partly'
        >>> evidence.answers["portal_status"].value
        'no'
        >>> "knowledge_base" in evidence.underived
        True
    """
    checked = check_type("plan", plan, CommunicationPlan)
    channels: dict[str, BusinessCalendar] = {}
    for channel in checked.channels:
        base = MATURITY_CHANNEL_NAMES[channel.kind]
        name = base if base not in channels else f"{base}/{channel.name}"
        channels[name] = channel.calendar
    has_portal = any(c.kind is ChannelKind.SELF_SERVICE_PORTAL for c in checked.channels)
    if not has_portal:
        portal: frozenset[str] | None = frozenset()
    elif checked.portal_capabilities:
        portal = checked.portal_capabilities
    else:
        portal = None
    return evidence_from(
        channels=channels,
        help_desk=checked.help_desk,
        portal=portal,  # type: ignore[arg-type]  # validated against the same capabilities
        knowledge_base=checked.knowledge_base,
        faq=checked.faq_before_contact,
    )
