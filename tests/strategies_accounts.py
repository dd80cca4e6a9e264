"""Hypothesis strategies for the models of accountplan.accounts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from accountplan._typing import LIFECYCLE_RULES, RULE_OUTCOMES
from accountplan.accounts import (
    TRANSITIONS,
    Account,
    AccountFacts,
    AccountStatus,
    AccountType,
    Contact,
    ContactChannel,
    LifecycleDecision,
    LifecyclePolicy,
    PostalAddress,
    RetentionPolicy,
    RuleEvaluation,
    StatusChange,
)
from accountplan.money import Money
from tests.strategies import aware_datetimes

__all__ = [
    "MODEL_STRATEGIES",
    "account_numbers",
    "accounts",
    "contacts",
    "facts",
    "lifecycle_policies",
    "status_walks",
]

CURRENCIES = ("EUR", "USD", "JPY", "BHD")
ZONES = ("UTC", "Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe")
LOCALES = ("en", "en_GB", "nl_NL", "de-DE", "fr_BE")

_id_chars = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789-_/."
account_numbers = st.text(alphabet=_id_chars, min_size=1, max_size=12)
_words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzé' -", min_size=1, max_size=20).filter(
    lambda s: s.strip() == s and s.strip() != ""
)
_tag = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-0123456789", min_size=1, max_size=10)
days = st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2035, 12, 31))

addresses = st.builds(
    PostalAddress,
    lines=st.lists(_words, min_size=1, max_size=3),
    city=_words,
    country=st.sampled_from(["NL", "BE", "DE", "GB", "US", "JP"]),
    postal_code=st.sampled_from(["", "1012 LG", "SW1A 1AA", "10115"]),
    region=st.sampled_from(["", "Noord-Holland", "CA"]),
)
emails = st.builds(
    lambda user, host, tld: f"{user}@{host}.{tld}",
    st.text(alphabet="abcdefghij.+_0123", min_size=1, max_size=10),
    st.text(alphabet="abcdefghij-0123", min_size=1, max_size=10),
    st.sampled_from(["nl", "com", "co.uk"]),
)
phones = st.builds(
    lambda prefix, digits: prefix + digits,
    st.sampled_from(["", "+", "+31 ", "(0)"]),
    st.text(alphabet="0123456789", min_size=6, max_size=12),
)


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    """A contact whose preferred channel is one they can be reached on."""
    email = draw(st.none() | emails)
    phone = draw(st.none() | phones)
    address = draw(st.none() | addresses)
    possible: list[ContactChannel | None] = [None, ContactChannel.CHAT, ContactChannel.PORTAL]
    if email is not None:
        possible.append(ContactChannel.EMAIL)
    if phone is not None:
        possible += [ContactChannel.PHONE, ContactChannel.SMS]
    if address is not None:
        possible.append(ContactChannel.POST)
    return Contact(
        name=draw(_words),
        role=draw(st.sampled_from(["", "billing", "technical", "owner"])),
        email=email,
        phone=phone,
        address=address,
        preferred_channel=draw(st.sampled_from(possible)),
    )


@st.composite
def status_walks(
    draw: st.DrawFn, *, start: AccountStatus | None = None, max_size: int = 8
) -> tuple[AccountStatus, list[AccountStatus]]:
    """A starting status and a legal walk through the transition table."""
    first = start if start is not None else draw(st.sampled_from(list(AccountStatus)))
    steps: list[AccountStatus] = []
    current = first
    for _ in range(draw(st.integers(min_value=0, max_value=max_size))):
        allowed = sorted(TRANSITIONS[current], key=lambda s: s.value)
        if not allowed:
            break
        current = draw(st.sampled_from(allowed))
        steps.append(current)
    return first, steps


@st.composite
def accounts(draw: st.DrawFn, *, max_history: int = 8) -> Account:
    """A valid account with a legal, time-ordered history."""
    timezone = draw(st.sampled_from(ZONES))
    first, steps = draw(status_walks(max_size=max_history))
    moments = sorted(
        draw(
            st.lists(
                aware_datetimes(min_value=dt.datetime(2016, 1, 2)),
                min_size=len(steps),
                max_size=len(steps),
            )
        ),
        key=lambda d: d.astimezone(dt.UTC),
    )
    reasons = st.sampled_from(["signed", "unpaid for 30 days", "paid", "customer request"])
    history: list[StatusChange] = []
    previous = first
    for at, status in zip(moments, steps, strict=True):
        history.append(
            StatusChange(
                at=at,
                from_status=previous,
                to_status=status,
                reason=draw(reasons),
                actor=draw(st.none() | st.sampled_from(["lifecycle", "ann", "bob"])),
            )
        )
        previous = status
    opened = None
    if draw(st.booleans()):
        limit = dt.date(2035, 12, 31)
        if history:
            limit = history[0].at.astimezone(dt.UTC).date() - dt.timedelta(days=1)
        opened = draw(st.dates(min_value=dt.date(2015, 1, 1), max_value=limit))
    return Account(
        number=draw(account_numbers),
        name=draw(_words),
        type=draw(st.sampled_from(list(AccountType))),
        status=previous,
        currency=draw(st.sampled_from(CURRENCIES)),
        timezone=timezone,
        locale=draw(st.sampled_from(LOCALES)),
        contacts=draw(st.lists(contacts(), max_size=2)),
        history=history,
        tier=draw(st.none() | st.sampled_from(["gold", "silver"])),
        segment=draw(st.none() | st.sampled_from(["smb", "enterprise"])),
        tags=draw(st.frozensets(_tag, max_size=3)),
        opened=opened,
    )


_statuses = st.sampled_from(list(AccountStatus))
status_changes = st.builds(
    lambda at, pair, reason, actor: StatusChange(
        at=at, from_status=pair[0], to_status=pair[1], reason=reason, actor=actor
    ),
    aware_datetimes(),
    st.tuples(_statuses, _statuses).filter(lambda p: p[0] is not p[1]),
    st.sampled_from(["signed", "paid", "x"]),
    st.none() | st.just("lifecycle"),
)

_policy_days = st.none() | st.integers(min_value=1, max_value=400)
lifecycle_policies = st.builds(
    LifecyclePolicy,
    suspend_after_days=_policy_days,
    inactive_after_days=_policy_days,
    reactivate_when_paid=st.booleans(),
    reactivate_manual_suspensions=st.booleans(),
    close_on_request=st.booleans(),
    actor=st.sampled_from(["lifecycle", "billing-bot"]),
)


def facts(currency: str = "EUR") -> st.SearchStrategy[AccountFacts]:
    """Facts with a day count (never a due date, so they fit any evaluation day)."""
    return st.builds(
        AccountFacts,
        days_past_due=st.none() | st.integers(min_value=0, max_value=400),
        outstanding=st.none()
        | st.integers(min_value=0, max_value=10**6).map(
            lambda u: Money.from_minor_units(u, currency)
        ),
        written_off=st.booleans(),
        closure_requested=st.booleans(),
    )


_facts_any = st.builds(
    AccountFacts,
    oldest_overdue_due=st.none() | days,
    last_activity=st.none() | days,
    outstanding=st.none() | st.integers(0, 10**6).map(lambda u: Money.from_minor_units(u, "EUR")),
    written_off=st.booleans(),
    closure_requested=st.booleans(),
)

rule_evaluations = st.builds(
    RuleEvaluation,
    rule=st.sampled_from(LIFECYCLE_RULES),
    outcome=st.sampled_from(RULE_OUTCOMES),
    reason=st.sampled_from(["nothing is overdue", "x"]),
)

decisions = st.builds(
    LifecycleDecision,
    account_number=account_numbers,
    as_of=days,
    status=_statuses,
    to_status=st.none() | _statuses,
    rule=st.none() | st.sampled_from(LIFECYCLE_RULES),
    reason=st.sampled_from(["no rule fired", "the oldest overdue item is 31 days past due"]),
    actor=st.sampled_from(["lifecycle"]),
    evaluations=st.lists(rule_evaluations, max_size=4),
)

retention_policies = st.builds(
    RetentionPolicy,
    years=st.integers(0, 100),
    months=st.integers(0, 24),
    days=st.integers(0, 400),
    hold_tags=st.frozensets(_tag, max_size=3),
)

MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Account: accounts(),
    AccountFacts: _facts_any,
    Contact: contacts(),
    LifecycleDecision: decisions,
    LifecyclePolicy: lifecycle_policies,
    PostalAddress: addresses,
    RetentionPolicy: retention_policies,
    RuleEvaluation: rule_evaluations,
    StatusChange: status_changes,
}
