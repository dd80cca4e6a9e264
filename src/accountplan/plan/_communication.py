"""The communication plan: channels with their own hours, the customer profile, cadences."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import Any, Literal, get_args

import attrs

from accountplan._frozen import FrozenMap
from accountplan._validate import (
    check_choice,
    check_type,
    enum_converter,
    instance_of,
    mapping_of,
    named,
    optional,
    set_of,
    tuple_of,
)
from accountplan.calendars import BusinessCalendar
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.i18n import parse_locale
from accountplan.plan._common import (
    add_days,
    add_months,
    check_key,
    check_text,
    instant,
    normalize,
    text_field,
)

__all__ = [
    "CADENCE_UNITS",
    "MAX_CONTACTS",
    "MAX_PLAN_CHANNELS",
    "MAX_SCHEDULE_YEARS",
    "Cadence",
    "CadenceUnit",
    "Channel",
    "ChannelKind",
    "ChannelMode",
    "CommunicationPlan",
    "CustomerProfile",
    "available_channels",
    "contact_schedule",
    "response_due",
]

#: Most channels a communication plan may have.
MAX_PLAN_CHANNELS = 50
#: Most proactive contacts one ``contact_schedule`` call returns.
MAX_CONTACTS = 5_000
#: Longest span, in years, that one ``contact_schedule`` call covers.
MAX_SCHEDULE_YEARS = 100
#: Most customer-profile attributes.
MAX_ATTRIBUTES = 100

#: The unit a cadence counts in.
CadenceUnit = Literal["day", "week", "month", "year"]
CADENCE_UNITS: tuple[str, ...] = get_args(CadenceUnit)


class ChannelKind(enum.Enum):
    """The ways customers reach the service team (the customer service plan's "forms of contact").

    Examples:
        >>> ChannelKind("live_chat")
        <ChannelKind.LIVE_CHAT: 'live_chat'>
    """

    PHONE = "phone"
    EMAIL = "email"
    LIVE_CHAT = "live_chat"
    SOCIAL_MEDIA = "social_media"
    SELF_SERVICE_PORTAL = "self_service_portal"
    IN_PERSON = "in_person"
    VIDEO = "video"


class ChannelMode(enum.Enum):
    """Whether a channel answers while the customer waits or later.

    Examples:
        >>> ChannelMode("asynchronous").value
        'asynchronous'
    """

    REAL_TIME = "real_time"
    ASYNCHRONOUS = "asynchronous"


def _check_language(field: str, value: Any) -> str:
    text = check_text(field, value, limit=35)
    try:
        parse_locale(text)
    except InvalidInputError:
        raise InvalidInputError(
            field, value, "must be a language or locale such as 'nl' or 'en_GB'"
        ) from None
    return text


#: A validator: a language or locale CLDR knows, named by the attribute.
_language = named(_check_language)


@attrs.frozen(kw_only=True)
class Cadence:
    """How often something recurs: every ``every`` days, weeks, months or years.

    Months and years are counted on the calendar from an anchor, never chained:
    from 31 January, monthly gives 28 (or 29) February, 31 March, 30 April.

    Attributes:
        unit: ``"day"``, ``"week"``, ``"month"`` or ``"year"``.
        every: How many units between two occurrences (1 to 1000).

    Examples:
        >>> Cadence.quarterly()
        Cadence(unit='month', every=3)
        >>> Cadence(unit="week", every=2).every
        2
    """

    unit: CadenceUnit
    every: int = 1

    def __attrs_post_init__(self) -> None:
        if self.unit not in CADENCE_UNITS:
            raise InvalidInputError("unit", self.unit, f"must be one of {', '.join(CADENCE_UNITS)}")
        check_type("every", self.every, int)
        if not 1 <= self.every <= 1000:
            raise InvalidInputError("every", self.every, "must be from 1 to 1000")

    @classmethod
    def weekly(cls, every: int = 1, /) -> Cadence:
        """Every ``every`` weeks.

        Args:
            every: Weeks between two occurrences.

        Returns:
            The cadence.

        Raises:
            InvalidInputError: ``every`` is not from 1 to 1000.

        Examples:
            >>> Cadence.weekly(2)
            Cadence(unit='week', every=2)
        """
        return cls(unit="week", every=every)

    @classmethod
    def monthly(cls, every: int = 1, /) -> Cadence:
        """Every ``every`` months (day clamped to shorter months).

        Args:
            every: Months between two occurrences.

        Returns:
            The cadence.

        Raises:
            InvalidInputError: ``every`` is not from 1 to 1000.

        Examples:
            >>> Cadence.monthly()
            Cadence(unit='month', every=1)
        """
        return cls(unit="month", every=every)

    @classmethod
    def quarterly(cls) -> Cadence:
        """Every three months.

        Returns:
            The cadence.

        Examples:
            >>> Cadence.quarterly().every
            3
        """
        return cls(unit="month", every=3)

    @classmethod
    def annually(cls) -> Cadence:
        """Every year (29 February clamped to 28 February in other years).

        Returns:
            The cadence.

        Examples:
            >>> Cadence.annually()
            Cadence(unit='year', every=1)
        """
        return cls(unit="year", every=1)


def occurrence(anchor: dt.datetime, cadence: Cadence, index: int) -> dt.datetime | None:
    """The ``index``-th occurrence from ``anchor`` (0 is the anchor), computed from the anchor.

    ``None`` when it lies beyond the supported years.
    """
    if index == 0:  # the anchor's own instant (a time in a DST gap moves forward)
        return normalize(anchor)
    if cadence.unit == "day":
        return add_days(anchor, index * cadence.every)
    if cadence.unit == "week":
        return add_days(anchor, 7 * index * cadence.every)
    if cadence.unit == "month":
        return add_months(anchor, index * cadence.every)
    return add_months(anchor, 12 * index * cadence.every)


@attrs.frozen(kw_only=True)
class Channel:
    """One way to reach the service team, with its own hours and response target.

    Attributes:
        kind: The [ChannelKind][accountplan.plan.ChannelKind] (member or value string).
        calendar: When the channel is staffed (its
            [BusinessCalendar][accountplan.calendars.BusinessCalendar]).
        mode: Real-time (phone, chat, video, in person) or asynchronous
            (email, portal, social media).
        response_target: How long until the first answer, counted in the
            channel's own business hours (positive).
        language: The language the channel answers in (``"nl"``, ``"en_GB"``).
        name: A key unique within the plan (defaults to the kind's value).
        tone: How the channel speaks to customers, in words (may be empty).

    Examples:
        >>> import datetime as dt
        >>> from accountplan.calendars import BusinessCalendar
        >>> email = Channel(kind="email", calendar=BusinessCalendar.always("UTC"),
        ...     mode="asynchronous", response_target=dt.timedelta(hours=4), language="en")
        >>> email.name, email.kind
        ('email', <ChannelKind.EMAIL: 'email'>)
    """

    kind: ChannelKind = attrs.field(converter=enum_converter(ChannelKind))  # type: ignore[misc]  # attrs.Converter
    calendar: BusinessCalendar
    mode: ChannelMode = attrs.field(converter=enum_converter(ChannelMode))  # type: ignore[misc]  # attrs.Converter
    response_target: dt.timedelta
    language: str = attrs.field(validator=_language)
    name: str = attrs.field(default=attrs.Factory(lambda self: self.kind.value, takes_self=True))
    tone: str = attrs.field(default="", validator=text_field(empty=True))

    def __attrs_post_init__(self) -> None:
        check_type("calendar", self.calendar, BusinessCalendar)
        check_type("response_target", self.response_target, dt.timedelta)
        if self.response_target <= dt.timedelta(0):
            raise InvalidInputError("response_target", self.response_target, "must be positive")
        if self.response_target > dt.timedelta(days=3650):
            raise LimitExceededError(
                "response_target", self.response_target, dt.timedelta(days=3650)
            )
        check_key("name", self.name)


@attrs.frozen(kw_only=True)
class CustomerProfile:
    """The average customer the service plan is made for.

    Attributes:
        location: Where the customers are (a country, region or city).
        segment: The customer segment (``"B2B"``, ``"SMB"``, ...).
        language: The customers' language (``"nl"``, ``"en_GB"``).
        preferred_channels: Names of the plan's channels the customers prefer,
            most preferred first.
        attributes: Further characteristics by name (education level, age
            group, ...), as text.

    Examples:
        >>> CustomerProfile(location="NL", segment="B2B", language="nl",
        ...     preferred_channels=["phone"]).preferred_channels
        ('phone',)
    """

    location: str = attrs.field(validator=text_field())
    segment: str = attrs.field(validator=text_field())
    language: str = attrs.field(validator=_language)
    preferred_channels: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple_of(  # type: ignore[misc]  # attrs.Converter
            check_text, limit=MAX_PLAN_CHANNELS, unique_by=True, what="strings"
        ),
    )
    attributes: FrozenMap[str, str] = attrs.field(
        default=FrozenMap(),
        converter=mapping_of(check_key, check_text, limit=MAX_ATTRIBUTES, what="texts"),  # type: ignore[misc]  # attrs.Converter
    )


#: Most names ``portal_capabilities`` may be given (repeats included).
_MAX_CAPABILITY_NAMES = 100


#: What the self-service portal lets customers do (the maturity model's capabilities).
PORTAL_CAPABILITY_NAMES: tuple[str, ...] = (
    "status",
    "update_billing",
    "change_contract",
    "payments",
    "add_products",
)


@attrs.frozen(kw_only=True)
class CommunicationPlan:
    """How the company and the customer talk: channels, profile, proactive contact, upkeep.

    Attributes:
        channels: The channels, each with its own hours and response target
            (1 to ``MAX_PLAN_CHANNELS``, names unique).
        profile: The [CustomerProfile][accountplan.plan.CustomerProfile]; its
            preferred channels must be channels of the plan.
        proactive_contact: How often the company contacts the customer on its
            own initiative ([Cadence][accountplan.plan.Cadence]).
        training: How often client-care staff are trained.
        review: How often the service plan itself is reviewed.
        faq_before_contact: Whether FAQs are offered before an agent is
            contacted (``None``: not known).
        knowledge_base: Whether a knowledge base is offered (``None``: not known).
        help_desk: Whether requests are tracked as help-desk tickets
            (``None``: not known).
        portal_capabilities: What a self-service portal channel lets the
            customer do: ``status``, ``update_billing``, ``change_contract``,
            ``payments``, ``add_products``.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.calendars import BusinessCalendar
        >>> chat = Channel(kind="live_chat", calendar=BusinessCalendar.always("UTC"),
        ...     mode="real_time", response_target=dt.timedelta(minutes=2), language="en")
        >>> plan = CommunicationPlan(
        ...     channels=[chat],
        ...     profile=CustomerProfile(location="UK", segment="SMB", language="en"),
        ...     proactive_contact=Cadence.quarterly(), training=Cadence.annually(),
        ...     review=Cadence.annually())
        >>> plan.channel("live_chat").mode
        <ChannelMode.REAL_TIME: 'real_time'>
    """

    channels: tuple[Channel, ...] = attrs.field(
        converter=tuple_of(  # type: ignore[misc]  # attrs.Converter
            Channel, limit=MAX_PLAN_CHANNELS, non_empty=True, unique_by="name"
        ),
    )
    profile: CustomerProfile
    proactive_contact: Cadence
    training: Cadence
    review: Cadence
    faq_before_contact: bool | None = attrs.field(
        default=None, validator=optional(instance_of(bool))
    )
    knowledge_base: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    help_desk: bool | None = attrs.field(default=None, validator=optional(instance_of(bool)))
    portal_capabilities: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=set_of(  # type: ignore[misc]  # attrs.Converter
            functools.partial(check_choice, choices=PORTAL_CAPABILITY_NAMES),
            limit=_MAX_CAPABILITY_NAMES,
            what="capabilities",
        ),
    )

    def __attrs_post_init__(self) -> None:
        check_type("profile", self.profile, CustomerProfile)
        for field in ("proactive_contact", "training", "review"):
            check_type(field, getattr(self, field), Cadence)
        names = {c.name for c in self.channels}
        for i, name in enumerate(self.profile.preferred_channels):
            if name not in names:
                raise InvalidInputError(
                    f"profile.preferred_channels[{i}]",
                    name,
                    f"is not a channel of the plan ({', '.join(sorted(names))})",
                )
        has_portal = any(c.kind is ChannelKind.SELF_SERVICE_PORTAL for c in self.channels)
        if self.portal_capabilities and not has_portal:
            raise InvalidInputError(
                "portal_capabilities",
                sorted(self.portal_capabilities),
                "needs a self_service_portal channel",
            )

    def channel(self, name: str, /) -> Channel:
        """Return the channel called ``name``.

        Args:
            name: The channel's name.

        Returns:
            The [Channel][accountplan.plan.Channel].

        Raises:
            InvalidInputError: the plan has no channel of that name.

        Examples:
            >>> import datetime as dt
            >>> from accountplan.calendars import BusinessCalendar
            >>> phone = Channel(kind="phone", calendar=BusinessCalendar.always("UTC"),
            ...     mode="real_time", response_target=dt.timedelta(minutes=5), language="en")
            >>> plan = CommunicationPlan(channels=[phone],
            ...     profile=CustomerProfile(location="UK", segment="SMB", language="en"),
            ...     proactive_contact=Cadence.monthly(), training=Cadence.annually(),
            ...     review=Cadence.annually())
            >>> plan.channel("phone").kind.value
            'phone'
        """
        check_type("name", name, str)
        for channel in self.channels:
            if channel.name == name:
                return channel
        names = ", ".join(c.name for c in self.channels)
        raise InvalidInputError("channel", name, f"is not a channel of the plan ({names})")


def _plan(value: Any) -> CommunicationPlan:
    return check_type("plan", value, CommunicationPlan)


def available_channels(plan: CommunicationPlan, /, *, at: dt.datetime) -> tuple[Channel, ...]:
    """The channels staffed at a moment, in the plan's order.

    A channel is available when its own calendar is open at ``at`` (intervals
    are half-open: a 09:00-17:00 phone line is available at 09:00, not at 17:00).
    A plan that pairs office-hours phone with 24/7 chat or email (the customer
    service plan's example) always has a channel for off-peak customers.

    Args:
        plan: The [CommunicationPlan][accountplan.plan.CommunicationPlan].
        at: The moment (an aware datetime).

    Returns:
        The available [Channel][accountplan.plan.Channel]s; empty when none is.

    Raises:
        InvalidTypeError: ``plan`` is not a ``CommunicationPlan``.
        InvalidInputError: ``at`` is not an aware datetime.

    Examples:
        >>> import datetime as dt
        >>> from zoneinfo import ZoneInfo
        >>> from accountplan.calendars import BusinessCalendar
        >>> office = BusinessCalendar.weekly(
        ...     "Europe/Amsterdam", hours={d: [("09:00", "17:00")] for d in range(5)})
        >>> phone = Channel(kind="phone", calendar=office, mode="real_time",
        ...     response_target=dt.timedelta(minutes=5), language="nl")
        >>> chat = Channel(kind="live_chat", calendar=BusinessCalendar.always("Europe/Amsterdam"),
        ...     mode="real_time", response_target=dt.timedelta(minutes=2), language="nl")
        >>> plan = CommunicationPlan(channels=[phone, chat],
        ...     profile=CustomerProfile(location="NL", segment="B2B", language="nl"),
        ...     proactive_contact=Cadence.quarterly(), training=Cadence.annually(),
        ...     review=Cadence.annually())
        >>> ams = ZoneInfo("Europe/Amsterdam")
        >>> [c.name for c in available_channels(plan, at=dt.datetime(2026, 6, 1, 10, tzinfo=ams))]
        ['phone', 'live_chat']
        >>> [c.name for c in available_channels(plan, at=dt.datetime(2026, 6, 1, 20, tzinfo=ams))]
        ['live_chat']
    """
    checked = _plan(plan)
    moment = instant("at", at)
    return tuple(c for c in checked.channels if c.calendar.is_open(moment))


def response_due(
    plan: CommunicationPlan, channel: str | Channel, /, *, received_at: dt.datetime
) -> dt.datetime:
    """When the first answer to a message received on a channel is due.

    The channel's response target is counted in the channel's own business
    hours (with [BusinessCalendar.add][accountplan.calendars.BusinessCalendar.add]):
    a message received while the channel is closed starts counting when it
    opens, and a target that exactly uses up an interval ends at its close.

    Args:
        plan: The [CommunicationPlan][accountplan.plan.CommunicationPlan].
        channel: The channel's name, or the [Channel][accountplan.plan.Channel]
            itself (it must be one of the plan's channels).
        received_at: When the message arrived (an aware datetime).

    Returns:
        The deadline, in the channel calendar's time zone.

    Raises:
        InvalidTypeError: ``plan`` or ``channel`` has the wrong type.
        InvalidInputError: the channel is not in the plan, or ``received_at``
            is not an aware datetime.
        LimitExceededError: the channel's calendar has no working time left
            before its horizon (a channel without hours).

    Examples:
        >>> import datetime as dt
        >>> from zoneinfo import ZoneInfo
        >>> from accountplan.calendars import BusinessCalendar
        >>> office = BusinessCalendar.weekly(
        ...     "Europe/Amsterdam", hours={d: [("09:00", "17:00")] for d in range(5)})
        >>> email = Channel(kind="email", calendar=office, mode="asynchronous",
        ...     response_target=dt.timedelta(hours=4), language="nl")
        >>> plan = CommunicationPlan(channels=[email],
        ...     profile=CustomerProfile(location="NL", segment="B2B", language="nl"),
        ...     proactive_contact=Cadence.quarterly(), training=Cadence.annually(),
        ...     review=Cadence.annually())
        >>> friday = dt.datetime(2026, 6, 5, 15, tzinfo=ZoneInfo("Europe/Amsterdam"))
        >>> response_due(plan, "email", received_at=friday).isoformat()
        '2026-06-08T11:00:00+02:00'
    """
    checked = _plan(plan)
    if isinstance(channel, Channel):
        if channel not in checked.channels:
            raise InvalidInputError("channel", channel.name, "is not a channel of the plan")
        found = channel
    elif isinstance(channel, str):
        found = checked.channel(channel)
    else:
        raise InvalidTypeError("channel", channel, "must be a channel name or a Channel")
    moment = instant("received_at", received_at)
    return found.calendar.add(moment, found.response_target)


def contact_schedule(
    plan: CommunicationPlan, /, *, start: dt.datetime, until: dt.datetime
) -> tuple[dt.datetime, ...]:
    """The proactive contacts from ``start`` (the anchor) up to, not including, ``until``.

    Every contact is computed from the anchor, never from the previous one, in
    the wall-clock time of ``start``'s time zone: monthly from 31 January
    10:00 gives 28 February 10:00, 31 March 10:00, 30 April 10:00. A wall-clock
    time that does not exist on a DST day moves forward by the gap.

    Args:
        plan: The [CommunicationPlan][accountplan.plan.CommunicationPlan]; its
            ``proactive_contact`` cadence is used.
        start: The first contact (an aware datetime).
        until: The end of the schedule, exclusive (an aware datetime, not
            before ``start``).

    Returns:
        The contact moments, strictly increasing.

    Raises:
        InvalidTypeError: ``plan`` is not a ``CommunicationPlan``.
        InvalidInputError: ``start`` or ``until`` is not aware, or ``until``
            is before ``start``.
        LimitExceededError: the span is longer than ``MAX_SCHEDULE_YEARS``
            years or holds more than ``MAX_CONTACTS`` contacts.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.calendars import BusinessCalendar
        >>> email = Channel(kind="email", calendar=BusinessCalendar.always("UTC"),
        ...     mode="asynchronous", response_target=dt.timedelta(hours=4), language="en")
        >>> plan = CommunicationPlan(channels=[email],
        ...     profile=CustomerProfile(location="UK", segment="SMB", language="en"),
        ...     proactive_contact=Cadence.monthly(), training=Cadence.annually(),
        ...     review=Cadence.annually())
        >>> start = dt.datetime(2027, 1, 31, 10, tzinfo=dt.UTC)
        >>> [d.date().isoformat() for d in contact_schedule(
        ...     plan, start=start, until=dt.datetime(2027, 5, 1, tzinfo=dt.UTC))]
        ['2027-01-31', '2027-02-28', '2027-03-31', '2027-04-30']
    """
    checked = _plan(plan)
    first = instant("start", start)
    end = instant("until", until)
    if _utc(end) < _utc(first):
        raise InvalidInputError("until", end, f"must not be before start ({first.isoformat()})")
    if _utc(end) - _utc(first) > dt.timedelta(days=366 * MAX_SCHEDULE_YEARS):
        raise LimitExceededError(
            "until", end, f"{MAX_SCHEDULE_YEARS} years after start", "the span is too long"
        )
    cadence = checked.proactive_contact
    contacts = _count(first, end, cadence)
    if contacts > MAX_CONTACTS:
        raise LimitExceededError(
            "until", end, MAX_CONTACTS, f"the schedule would hold {contacts} contacts"
        )
    out: list[dt.datetime] = []
    for index in range(contacts):
        moment = occurrence(first, cadence, index)
        if moment is None:  # pragma: no cover - _count stops before the supported years end
            break
        out.append(moment)
    return tuple(out)


def _utc(value: dt.datetime) -> dt.datetime:
    # Datetimes sharing a tzinfo compare by wall clock (PEP 495); instants compare in UTC.
    return value.astimezone(dt.UTC)


def _count(first: dt.datetime, end: dt.datetime, cadence: Cadence) -> int:
    """How many occurrences fall in ``[first, end)``, found by bisection on the anchor index."""
    end = _utc(end)
    low, high = 0, 1
    while True:
        moment = occurrence(first, cadence, high)
        if moment is None or _utc(moment) >= end:
            break
        low, high = high, high * 2
    # occurrence(low) < end (or low == 0) and occurrence(high) >= end (or beyond the years)
    while high - low > 1:
        middle = (low + high) // 2
        moment = occurrence(first, cadence, middle)
        if moment is None or _utc(moment) >= end:
            high = middle
        else:
            low = middle
    return 0 if _utc(first) >= end else low + 1
