"""Accounts: the account overview, the status lifecycle and account maintenance.

The "Account Overview" and "Account Maintenance" sections of an account plan
as code: [Account][accountplan.accounts.Account] and its contacts, the
lifecycle as a transition table
([TRANSITIONS][accountplan.accounts.TRANSITIONS],
[transition][accountplan.accounts.transition],
[status_at][accountplan.accounts.status_at]), automatic status changes from a
[LifecyclePolicy][accountplan.accounts.LifecyclePolicy], review cadences and
data retention after closure.

>>> import datetime as dt
>>> from accountplan.accounts import Account, AccountStatus, AccountType, transition
>>> account = Account(number="A-1001", name="Acme BV", type=AccountType.BUSINESS,
...                   status=AccountStatus.PENDING, currency="EUR",
...                   timezone="Europe/Amsterdam", locale="nl_NL")
>>> account = transition(account, AccountStatus.ACTIVE, reason="contract signed",
...                      at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC))
>>> account.status.value
'active'
"""

from accountplan.accounts._account import (
    MAX_CONTACTS,
    MAX_HISTORY,
    MAX_TAGS,
    TRANSITIONS,
    Account,
    AccountStatus,
    AccountType,
    Contact,
    ContactChannel,
    PostalAddress,
    StatusChange,
    allowed_transitions,
    index_accounts,
)
from accountplan.accounts._lifecycle import (
    MAX_POLICY_DAYS,
    AccountFacts,
    LifecycleDecision,
    LifecyclePolicy,
    RuleEvaluation,
    apply_decision,
    lifecycle_actions,
)
from accountplan.accounts._maintenance import (
    MAX_REVIEW_DATES,
    RetentionPolicy,
    ReviewCadence,
    due_for_purge,
    next_review,
    overdue_reviews,
    retention_until,
    review_dates,
)
from accountplan.accounts._transitions import status_at, transition

__all__ = [
    "MAX_CONTACTS",
    "MAX_HISTORY",
    "MAX_POLICY_DAYS",
    "MAX_REVIEW_DATES",
    "MAX_TAGS",
    "TRANSITIONS",
    "Account",
    "AccountFacts",
    "AccountStatus",
    "AccountType",
    "Contact",
    "ContactChannel",
    "LifecycleDecision",
    "LifecyclePolicy",
    "PostalAddress",
    "RetentionPolicy",
    "ReviewCadence",
    "RuleEvaluation",
    "StatusChange",
    "allowed_transitions",
    "apply_decision",
    "due_for_purge",
    "index_accounts",
    "lifecycle_actions",
    "next_review",
    "overdue_reviews",
    "retention_until",
    "review_dates",
    "status_at",
    "transition",
]
