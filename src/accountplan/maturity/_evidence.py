"""Answers for the built-in model derived from facts the library already holds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, get_args

import attrs

from accountplan._frozen import FrozenMap
from accountplan._tables import Column, Tabular
from accountplan._validate import check_non_empty, check_type, enum_converter
from accountplan.calendars import BusinessCalendar
from accountplan.exceptions import (
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.maturity._builtin import customer_account_management
from accountplan.maturity._model import Answer

__all__ = [
    "MAX_CHANNELS",
    "PORTAL_CAPABILITIES",
    "SUPPORT_CHANNELS",
    "Derivation",
    "Evidence",
    "PortalCapability",
    "evidence_from",
]

PortalCapability = Literal[
    "status", "update_billing", "change_contract", "payments", "add_products"
]
"""What a self-service portal lets customers do."""
PORTAL_CAPABILITIES: tuple[str, ...] = get_args(PortalCapability)
SUPPORT_CHANNELS: tuple[str, ...] = ("help_desk", "phone", "email", "chat")
"""The channels the Coordinated level names ("help desk, phone, email, chat")."""
MAX_CHANNELS = 100
"""Most channels accepted."""
_WEEK = dt.timedelta(days=7)


@attrs.frozen(kw_only=True)
class Derivation:
    """One answer derived from facts, with the facts it came from.

    Attributes:
        criterion: The criterion's key in the built-in model.
        answer: The derived answer.
        reason: Which facts gave this answer, in words.

    Examples:
        >>> Derivation(criterion="faq", answer="yes", reason="FAQs are published").answer
        <Answer.YES: 'yes'>
    """

    criterion: str
    answer: Answer = attrs.field(converter=enum_converter(Answer))  # type: ignore[misc]  # attrs.Converter
    reason: str


@attrs.frozen(kw_only=True)
class Evidence(Tabular):
    """What the facts tell about the built-in model's criteria.

    Attributes:
        derived: The answers derived, each with its reason, in model order.
        underived: The keys of the criteria the facts could not answer, in
            model order; an assessor has to answer them (or they stay gaps).

    Examples:
        >>> evidence = evidence_from(faq=True)
        >>> dict(evidence.answers)
        {'faq': <Answer.YES: 'yes'>}
    """

    derived: tuple[Derivation, ...]
    underived: tuple[str, ...]

    @property
    def answers(self) -> FrozenMap[str, Answer]:
        """The derived answers, ready for [assess][accountplan.maturity.assess]."""
        return FrozenMap((d.criterion, d.answer) for d in self.derived)

    def to_records(self) -> list[dict[str, Any]]:
        """One plain row per criterion of the built-in model, derived or not.

        Returns:
            Rows with the columns ``criterion``, ``answer`` (``unknown`` when
            not derived) and ``reason`` (empty when not derived), in model order.

        Examples:
            >>> evidence_from(faq=False).to_records()[16]
            {'criterion': 'faq', 'answer': 'no', 'reason': 'no FAQs'}
        """
        return super().to_records()

    def _columns(self) -> tuple[Column, ...]:
        return (("criterion", "text"), ("answer", "text"), ("reason", "text"))

    def _rows(self) -> Sequence[Any]:
        found = {d.criterion: d for d in self.derived}
        keys = [*(d.criterion for d in self.derived), *self.underived]
        order = {key: i for i, key in enumerate(customer_account_management().criterion_keys)}
        return [
            (key, found.get(key)) for key in sorted(keys, key=lambda k: order.get(k, len(order)))
        ]

    def _record(self, row: Any) -> dict[str, Any]:
        key, derivation = row
        return {
            "criterion": key,
            "answer": derivation.answer.value if derivation else Answer.UNKNOWN.value,
            "reason": derivation.reason if derivation else "",
        }

    def _title(self) -> str:
        return "Evidence"


def _is_always_open(calendar: BusinessCalendar) -> bool:
    weekly = sum(
        (interval.duration for intervals in calendar.hours.values() for interval in intervals),
        dt.timedelta(0),
    )
    full_special_days = all(
        sum((i.duration for i in intervals), dt.timedelta(0)) >= dt.timedelta(days=1)
        for intervals in calendar.special_days.values()
    )
    return weekly >= _WEEK and not calendar.holidays and full_special_days


def _has_hours(calendar: BusinessCalendar) -> bool:
    return any(intervals for intervals in calendar.hours.values())


def _channels(value: Any) -> dict[str, BusinessCalendar] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidTypeError("channels", value, "must map channel names to BusinessCalendar")
    if len(value) > MAX_CHANNELS:
        raise LimitExceededError("channels", len(value), MAX_CHANNELS)
    out: dict[str, BusinessCalendar] = {}
    for name, calendar in value.items():
        key = check_non_empty("channels", name)
        out[key] = check_type(f"channels[{key!r}]", calendar, BusinessCalendar)
    return out


def _capabilities(value: Any) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError("portal", value, "must be a set of portal capabilities")
    items = list(value)
    for item in items:
        if not isinstance(item, str) or item not in PORTAL_CAPABILITIES:
            raise InvalidInputError(
                "portal", item, f"must be one of {', '.join(PORTAL_CAPABILITIES)}"
            )
    return frozenset(items)


def _flag(field: str, value: Any) -> bool | None:
    if value is None:
        return None
    return check_type(field, value, bool)


def _listing(names: Iterable[str]) -> str:
    ordered = sorted(names)
    return ", ".join(ordered) if ordered else "none"


def _share(count: int, total: int) -> Answer:
    """yes for all, partly for at least half (the documented threshold), else no."""
    if total and count == total:
        return Answer.YES
    if total and 2 * count >= total:
        return Answer.PARTLY
    return Answer.NO


def evidence_from(
    *,
    channels: Mapping[str, BusinessCalendar] | None = None,
    help_desk: bool | None = None,
    portal: Iterable[PortalCapability] | None = None,
    knowledge_base: bool | None = None,
    faq: bool | None = None,
) -> Evidence:
    """Derive answers for the built-in model from facts the library holds.

    Every fact is optional: ``None`` means "not known", and criteria that
    depend only on unknown facts are listed in ``underived``, never guessed.

    Rules (each derived answer's ``reason`` repeats the facts it used):

    * ``email_support`` / ``phone_support_working_hours``: an ``email`` /
      ``phone`` channel is offered (the phone calendar has working hours).
    * ``help_desk_tickets``: tickets go through a help desk (``help_desk=True``
      or a ``help_desk`` channel); ``requests_recorded`` is ``yes`` when they
      do (without a help desk, paper records may still exist: not derived).
    * ``round_the_clock_support``: the support channels (every channel but
      ``portal``) whose calendar is open 24/7 (every hour of the week, no
      holidays): all → yes, at least half → partly, fewer → no.
    * ``multichannel_support``: how many of help desk, phone, email and chat
      are offered: all four → yes, two or three → partly, fewer → no.
    * ``portal_status``, ``self_service_billing``, ``self_service_contracts``:
      the portal's capabilities ``status``, ``update_billing``,
      ``change_contract`` (an empty set means there is no portal).
    * ``knowledge_base`` and ``faq``: the facts of the same name.

    The other criteria (who makes contract changes, how much is automated,
    agents on demand, upselling) are about how people work and are never
    derived.

    Args:
        channels: Channel name (``email``, ``phone``, ``chat``, ``help_desk``,
            ``portal``, or any other) to the
            [BusinessCalendar][accountplan.calendars.BusinessCalendar] of its
            support hours; ``None`` when the channels are not known.
        help_desk: Whether tickets go through a help desk.
        portal: The self-service portal's capabilities (``status``,
            ``update_billing``, ``change_contract``, ``payments``,
            ``add_products``); an empty set when there is no portal.
        knowledge_base: Whether a knowledge base is available before contact.
        faq: Whether FAQs are available before contact.

    Returns:
        The [Evidence][accountplan.maturity.Evidence]: derived answers with
        their reasons, and the criteria it could not answer.

    Raises:
        InvalidTypeError: a fact has the wrong type.
        InvalidInputError: an unknown portal capability or an empty channel name.
        LimitExceededError: more than ``MAX_CHANNELS`` channels.

    Examples:
        >>> from accountplan.calendars import BusinessCalendar
        >>> office = BusinessCalendar.weekly(
        ...     "Europe/Amsterdam", hours={d: [("09:00", "17:00")] for d in range(5)})
        >>> evidence = evidence_from(
        ...     channels={"email": BusinessCalendar.always("UTC"), "phone": office},
        ...     help_desk=True, portal={"status"})
        >>> evidence.answers["round_the_clock_support"]
        <Answer.PARTLY: 'partly'>
        >>> [d.reason for d in evidence.derived if d.criterion == "round_the_clock_support"]
        ['support channels open 24/7: email; not 24/7: phone']
        >>> "agents_on_demand" in evidence.underived
        True
    """
    known = _channels(channels)
    desk = _flag("help_desk", help_desk)
    caps = _capabilities(portal)
    kb = _flag("knowledge_base", knowledge_base)
    faqs = _flag("faq", faq)

    found: dict[str, Derivation] = {}

    def derive(key: str, answer: Answer, reason: str) -> None:
        found[key] = Derivation(criterion=key, answer=answer, reason=reason)

    if known is not None:
        offered = _listing(known)
        if "email" in known:
            derive("email_support", Answer.YES, "an 'email' channel is offered")
        else:
            derive("email_support", Answer.NO, f"no 'email' channel (channels: {offered})")
        phone = known.get("phone")
        if phone is not None and _has_hours(phone):
            derive("phone_support_working_hours", Answer.YES, "a 'phone' channel has support hours")
        elif phone is not None:
            derive("phone_support_working_hours", Answer.NO, "the 'phone' channel has no hours")
        else:
            derive(
                "phone_support_working_hours",
                Answer.NO,
                f"no 'phone' channel (channels: {offered})",
            )
        support = {name: cal for name, cal in known.items() if name != "portal"}
        always = [name for name, cal in support.items() if _is_always_open(cal)]
        if support:
            rest = [name for name in support if name not in always]
            derive(
                "round_the_clock_support",
                _share(len(always), len(support)),
                f"support channels open 24/7: {_listing(always)}; not 24/7: {_listing(rest)}",
            )
        else:
            derive("round_the_clock_support", Answer.NO, "no support channel is offered")
    if desk is None and known is not None and "help_desk" in known:
        desk = True
        desk_reason = "a 'help_desk' channel is offered"
    else:
        desk_reason = "tickets go through a help desk" if desk else "no help desk for tickets"
    if desk is not None:
        if desk:  # without a help desk, paper records may still exist: no evidence
            derive("requests_recorded", Answer.YES, desk_reason)
        derive("help_desk_tickets", Answer.YES if desk else Answer.NO, desk_reason)
    if known is not None and desk is not None:
        present = [
            name for name in SUPPORT_CHANNELS if name in known or (name == "help_desk" and desk)
        ]
        missing = [name for name in SUPPORT_CHANNELS if name not in present]
        count = len(present)
        answer = Answer.YES if count == 4 else Answer.PARTLY if count >= 2 else Answer.NO
        derive(
            "multichannel_support",
            answer,
            f"offered: {_listing(present)}; missing: {_listing(missing)}",
        )
    if caps is not None:
        have = _listing(caps) if caps else "no portal"
        for key, capability in (
            ("portal_status", "status"),
            ("self_service_billing", "update_billing"),
            ("self_service_contracts", "change_contract"),
        ):
            yes = capability in caps
            derive(
                key,
                Answer.YES if yes else Answer.NO,
                f"portal capability {capability!r} {'present' if yes else 'absent'} "
                f"(portal: {have})",
            )
    if kb is not None:
        derive(
            "knowledge_base",
            Answer.YES if kb else Answer.NO,
            "a knowledge base is available" if kb else "no knowledge base",
        )
    if faqs is not None:
        derive(
            "faq", Answer.YES if faqs else Answer.NO, "FAQs are available" if faqs else "no FAQs"
        )

    order = customer_account_management().criterion_keys
    return Evidence(
        derived=tuple(found[key] for key in order if key in found),
        underived=tuple(key for key in order if key not in found),
    )
