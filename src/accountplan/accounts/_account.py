"""The account overview: accounts, contacts and the status history.

An [Account][accountplan.accounts.Account] holds what the "Account Overview" section of an account
plan lists: the number, the name, the type and status, where the customer
lives (currency, time zone, locale), the contacts, a tier or segment, free
tags, the opening date and the full history of status changes.

Identifiers and names are checked, never repaired: an account number with
surrounding spaces is refused rather than trimmed, so that two systems can
never disagree about which account ``" A-1"`` is.

The history is checked as a whole when an account is built (also when it
comes from JSON): changes are in time order, each starts where the previous
one ended, each is allowed by the transition table, and the last one ends in
the account's ``status``.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any, Final

import attrs
import babel

from accountplan._frozen import FrozenMap
from accountplan._validate import (
    aware,
    check_items,
    check_text,
    check_type,
    enum_converter,
    instance_of,
    named,
    optional,
    plain_date,
    set_of,
    timezone_name,
    to_enum,
    tuple_of,
    zone,
)
from accountplan.exceptions import InvalidInputError
from accountplan.i18n import parse_locale
from accountplan.money import known_currencies

__all__ = [
    "MAX_CONTACTS",
    "MAX_HISTORY",
    "MAX_TAGS",
    "TRANSITIONS",
    "Account",
    "AccountStatus",
    "AccountType",
    "Contact",
    "ContactChannel",
    "PostalAddress",
    "StatusChange",
    "allowed_transitions",
    "index_accounts",
    "local_date",
    "utc",
]

MAX_HISTORY: Final = 100_000
"""The most status changes one account may carry."""
MAX_CONTACTS: Final = 100
"""The most contacts one account may carry."""
MAX_TAGS: Final = 100
"""The most tags one account may carry."""
#: The most accounts [index_accounts][accountplan.accounts.index_accounts] takes at once.
MAX_ACCOUNTS: Final = 10_000_000

_MAX_TEXT = 200
_MAX_REASON = 2_000
#: What a single-line name refuses beyond the shared check: tabs and line breaks.
_LINE_BREAK_OR_TAB = re.compile(r"[\t\n\r]")


class AccountType(enum.Enum):
    """Who holds the account."""

    INDIVIDUAL = "individual"
    BUSINESS = "business"
    RESELLER = "reseller"


class AccountStatus(enum.Enum):
    """Where an account is in its lifecycle."""

    PENDING = "pending"
    ACTIVE = "active"
    INACTIVE = "inactive"
    SUSPENDED = "suspended"
    CLOSED = "closed"


class ContactChannel(enum.Enum):
    """How a contact prefers to be reached."""

    EMAIL = "email"
    PHONE = "phone"
    SMS = "sms"
    POST = "post"
    CHAT = "chat"
    PORTAL = "portal"


_S = AccountStatus

TRANSITIONS: Final[FrozenMap[AccountStatus, frozenset[AccountStatus]]] = FrozenMap(
    {
        _S.PENDING: frozenset({_S.ACTIVE, _S.CLOSED}),
        _S.ACTIVE: frozenset({_S.INACTIVE, _S.SUSPENDED, _S.CLOSED}),
        _S.INACTIVE: frozenset({_S.ACTIVE, _S.SUSPENDED, _S.CLOSED}),
        _S.SUSPENDED: frozenset({_S.ACTIVE, _S.CLOSED}),
        _S.CLOSED: frozenset(),
    }
)
"""The lifecycle as data: the statuses each status may move to.

``closed`` is terminal: it maps to the empty set.
"""


def allowed_transitions(status: AccountStatus | str, /) -> frozenset[AccountStatus]:
    """Return the statuses an account in ``status`` may move to.

    Args:
        status: An [AccountStatus][accountplan.accounts.AccountStatus] or its
            value (``"active"``).

    Returns:
        The statuses it may move to (empty for ``closed``).

    Raises:
        InvalidInputError: ``status`` is not an ``AccountStatus`` nor the
            value of one; the message lists the allowed values.

    Examples:
        >>> sorted(s.value for s in allowed_transitions(AccountStatus.SUSPENDED))
        ['active', 'closed']
        >>> allowed_transitions(AccountStatus.CLOSED)
        frozenset()
    """
    return TRANSITIONS[to_enum("status", status, AccountStatus)]


def utc(value: dt.datetime) -> dt.datetime:
    """Return an aware datetime in UTC, for comparisons that respect DST folds.

    Examples:
        >>> from zoneinfo import ZoneInfo
        >>> utc(dt.datetime(2026, 1, 1, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))).hour
        11
    """
    return value.astimezone(dt.UTC)


def local_date(value: dt.datetime, timezone: str, /) -> dt.date:
    """Return the calendar date of an aware datetime in an IANA zone.

    Examples:
        >>> local_date(dt.datetime(2026, 1, 1, 23, tzinfo=dt.UTC), "Asia/Tokyo")
        datetime.date(2026, 1, 2)
    """
    return value.astimezone(zone(timezone)).date()


# -- field checks ---------------------------------------------------------------


def _text(field: str, value: Any, *, max_length: int = _MAX_TEXT) -> str:
    """A non-empty single-line string without surrounding whitespace (refused, never stripped)."""
    text = check_type(field, value, str)
    if not text.strip():
        raise InvalidInputError(field, value, "must not be empty")
    if text != text.strip():
        raise InvalidInputError(field, value, "must not start or end with whitespace")
    if len(text) > max_length:
        raise InvalidInputError(field, value, f"must be at most {max_length} characters")
    check_text(field, text)  # the characters every stored string refuses
    if _LINE_BREAK_OR_TAB.search(text):
        raise InvalidInputError(field, value, "must not contain control characters")
    return text


#: A validator: a name (``_text``), at most 200 characters.
_name = named(_text)


def _free_text(field: str, value: Any, *, max_length: int) -> str:
    text = check_type(field, value, str)
    if len(text) > max_length:
        raise InvalidInputError(field, value, f"must be at most {max_length} characters")
    return check_text(field, text)


_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(?:\.[^@\s.]+)+")
_PHONE = re.compile(r"\+?[0-9 ().\-/]+")


def _email(field: str, value: Any) -> str:
    text = check_type(field, value, str)
    if len(text) > 254 or not _EMAIL.fullmatch(text):
        raise InvalidInputError(
            field, value, "must be an e-mail address such as 'name@example.com'"
        )
    return text


def _phone(field: str, value: Any) -> str:
    text = check_type(field, value, str)
    digits = sum(c.isdigit() for c in text)
    if len(text) > 40 or not _PHONE.fullmatch(text) or not 5 <= digits <= 15:
        raise InvalidInputError(
            field,
            value,
            "must be a phone number of 5 to 15 digits, optionally with a leading '+' "
            "and spaces, dots, dashes, slashes or parentheses",
        )
    return text


#: CLDR region codes of two letters that are not countries (unknown region,
#: groupings, pseudo-locales); Kosovo's user-assigned XK is kept, as CLDR does.
_NOT_COUNTRIES: Final = frozenset({"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"})


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    territories = babel.Locale("en").territories
    return (
        frozenset(
            code
            for code in territories
            if isinstance(code, str) and len(code) == 2 and code.isalpha()
        )
        - _NOT_COUNTRIES
    )


def _country(field: str, value: Any) -> str:
    if not isinstance(value, str) or value not in _countries():
        raise InvalidInputError(
            field, value, "must be an ISO 3166-1 alpha-2 country code such as 'NL'"
        )
    return value


@attrs.frozen(kw_only=True)
class PostalAddress:
    """A postal address.

    Attributes:
        lines: One to five street lines (street and number, building, ...).
        city: The city or town.
        country: The ISO 3166-1 alpha-2 country code, such as ``"NL"``.
        postal_code: The postal code, or ``""`` where the country has none.
        region: The state, province or county, or ``""``.

    Examples:
        >>> PostalAddress(lines=["Damrak 1"], postal_code="1012 LG", city="Amsterdam",
        ...               country="NL").lines
        ('Damrak 1',)
    """

    lines: tuple[str, ...] = attrs.field(
        converter=tuple_of(_text, limit=5, non_empty=True, what="strings"),  # type: ignore[misc]  # attrs.Converter
    )
    city: str = attrs.field(validator=_name)
    country: str = attrs.field(validator=named(_country))
    postal_code: str = attrs.field(
        default="", validator=named(functools.partial(_free_text, max_length=20))
    )
    region: str = attrs.field(
        default="", validator=named(functools.partial(_free_text, max_length=_MAX_TEXT))
    )

    def __attrs_post_init__(self) -> None:
        if self.postal_code != self.postal_code.strip():
            raise InvalidInputError(
                "postal_code", self.postal_code, "must not start or end with whitespace"
            )


@attrs.frozen(kw_only=True)
class Contact:
    """A person to talk to about the account.

    The preferred channel must be one the contact can be reached on: an
    e-mail address for ``email``, a phone number for ``phone`` and ``sms``,
    a postal address for ``post``.

    Attributes:
        name: The person's name.
        role: Their role, such as ``"billing"`` or ``"technical"``, or ``""``.
        email: An e-mail address, or ``None``.
        phone: A phone number (5 to 15 digits, ``+`` and separators allowed),
            or ``None``.
        address: A postal address, or ``None``.
        preferred_channel: How they prefer to be reached, or ``None``.

    Examples:
        >>> Contact(name="Ann Smit", email="ann@example.com",
        ...         preferred_channel=ContactChannel.EMAIL).email
        'ann@example.com'
        >>> Contact(name="Ann Smit", preferred_channel=ContactChannel.PHONE)
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: 'preferred_channel' needs a phone number ...
    """

    name: str = attrs.field(validator=_name)
    role: str = attrs.field(
        default="", validator=named(functools.partial(_free_text, max_length=_MAX_TEXT))
    )
    email: str | None = attrs.field(default=None, validator=optional(named(_email)))
    phone: str | None = attrs.field(default=None, validator=optional(named(_phone)))
    address: PostalAddress | None = attrs.field(
        default=None, validator=optional(instance_of(PostalAddress))
    )
    preferred_channel: ContactChannel | None = attrs.field(
        default=None,
        converter=enum_converter(ContactChannel, optional=True),  # type: ignore[misc]  # attrs.Converter
    )

    def __attrs_post_init__(self) -> None:
        needs = {
            ContactChannel.EMAIL: ("email", "an e-mail address"),
            ContactChannel.PHONE: ("phone", "a phone number"),
            ContactChannel.SMS: ("phone", "a phone number"),
            ContactChannel.POST: ("address", "a postal address"),
        }
        if self.preferred_channel in needs:
            name, what = needs[self.preferred_channel]
            if getattr(self, name) is None:
                raise InvalidInputError(
                    "preferred_channel",
                    self.preferred_channel,
                    f"needs {what} in {name!r}",
                )


def _reason(field: str, value: Any) -> str:
    text = check_type(field, value, str)
    if not text.strip():
        raise InvalidInputError(field, value, "must not be empty")
    if len(text) > _MAX_REASON:
        raise InvalidInputError(field, value, f"must be at most {_MAX_REASON} characters")
    return check_text(field, text)


@attrs.frozen(kw_only=True)
class StatusChange:
    """One recorded status change.

    Attributes:
        at: When the change took effect (timezone-aware).
        from_status: The status before.
        to_status: The status after; never the same as ``from_status``.
        reason: Why, in words a customer could be shown.
        actor: Who or what made the change (a user name, ``"lifecycle"``),
            or ``None``.

    Examples:
        >>> change = StatusChange(at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC),
        ...                       from_status=AccountStatus.PENDING,
        ...                       to_status=AccountStatus.ACTIVE, reason="contract signed")
        >>> change.to_status.value
        'active'
    """

    at: dt.datetime = attrs.field(validator=aware)
    from_status: AccountStatus = attrs.field(converter=enum_converter(AccountStatus))  # type: ignore[misc]  # attrs.Converter
    to_status: AccountStatus = attrs.field(converter=enum_converter(AccountStatus))  # type: ignore[misc]  # attrs.Converter
    reason: str = attrs.field(validator=named(_reason))
    actor: str | None = attrs.field(default=None, validator=optional(_name))

    def __attrs_post_init__(self) -> None:
        if self.from_status is self.to_status:
            raise InvalidInputError(
                "to_status", self.to_status.value, "must differ from 'from_status'"
            )


def _currency(field: str, value: Any) -> str:
    if not isinstance(value, str) or value not in known_currencies():
        raise InvalidInputError(
            field, value, "must be an ISO 4217 currency code known to CLDR, such as 'EUR'"
        )
    return value


def _locale(field: str, value: Any) -> str:
    text = check_type(field, value, str)
    if text != text.strip():
        raise InvalidInputError(field, value, "must not start or end with whitespace")
    parse_locale(text)
    return text


@attrs.frozen(kw_only=True)
class Account:
    """A customer account: the "Account Overview" of an account plan.

    Only the first seven fields are required.

    Attributes:
        number: The unique account number: 1 to 64 characters, no
            surrounding whitespace, no control characters.
        name: The customer's name.
        type: Individual, business or reseller.
        status: The current status; with a history, the ``to_status`` of
            its last change.
        currency: The ISO 4217 code the account is billed in.
        timezone: The customer's IANA time zone (dates such as "opened" and
            the day of a status change are read in it).
        locale: The customer's locale, such as ``"nl_NL"`` or ``"en-GB"``.
        contacts: The people to talk to.
        history: Every status change, oldest first.
        tier: A service tier such as ``"gold"``, or ``None``.
        segment: A customer segment such as ``"smb"``, or ``None``.
        tags: Free labels.
        opened: The date the account was opened, or ``None``; no status
            change may come before it.

    Examples:
        >>> account = Account(number="A-1001", name="Acme BV", type=AccountType.BUSINESS,
        ...                   status=AccountStatus.PENDING, currency="EUR",
        ...                   timezone="Europe/Amsterdam", locale="nl_NL")
        >>> account.status.value, account.history
        ('pending', ())
        >>> attrs.evolve(account, number=" A-1001")
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: 'number' must not start or end with whitespace ...
    """

    number: str = attrs.field(validator=named(functools.partial(_text, max_length=64)))
    name: str = attrs.field(validator=_name)
    type: AccountType = attrs.field(converter=enum_converter(AccountType))  # type: ignore[misc]  # attrs.Converter
    status: AccountStatus = attrs.field(converter=enum_converter(AccountStatus))  # type: ignore[misc]  # attrs.Converter
    currency: str = attrs.field(validator=named(_currency))
    timezone: str = attrs.field(validator=timezone_name)
    locale: str = attrs.field(validator=named(_locale))
    contacts: tuple[Contact, ...] = attrs.field(
        default=(),
        converter=tuple_of(Contact, limit=MAX_CONTACTS),  # type: ignore[misc]  # attrs.Converter
    )
    history: tuple[StatusChange, ...] = attrs.field(
        default=(),
        converter=tuple_of(StatusChange, limit=MAX_HISTORY),  # type: ignore[misc]  # attrs.Converter
    )
    tier: str | None = attrs.field(default=None, validator=optional(_name))
    segment: str | None = attrs.field(default=None, validator=optional(_name))
    tags: frozenset[str] = attrs.field(
        default=frozenset(),
        converter=set_of(  # type: ignore[misc]  # attrs.Converter
            functools.partial(_text, max_length=64), limit=MAX_TAGS, what="strings"
        ),
    )
    opened: dt.date | None = attrs.field(default=None, validator=optional(plain_date))

    def __attrs_post_init__(self) -> None:
        _check_history(self)


def _check_history(account: Account) -> None:
    history = account.history
    if not history:
        return
    first = history[0]
    if account.opened is not None:
        day = local_date(first.at, account.timezone)
        if day < account.opened:
            raise InvalidInputError(
                "history[0].at",
                first.at.isoformat(),
                f"must not be before the account was opened on {account.opened.isoformat()} "
                f"(the change falls on {day.isoformat()} in {account.timezone})",
            )
    previous: StatusChange | None = None
    for index, change in enumerate(history):
        if previous is not None:
            if change.from_status is not previous.to_status:
                raise InvalidInputError(
                    f"history[{index}].from_status",
                    change.from_status.value,
                    f"must be {previous.to_status.value!r}, the 'to_status' of the change "
                    "before it",
                )
            if utc(change.at) < utc(previous.at):
                raise InvalidInputError(
                    f"history[{index}].at",
                    change.at.isoformat(),
                    f"must not be before the change before it ({previous.at.isoformat()}): "
                    "the history is in time order",
                )
        allowed = TRANSITIONS[change.from_status]
        if change.to_status not in allowed:
            names = ", ".join(sorted(s.value for s in allowed)) or "none (terminal)"
            raise InvalidInputError(
                f"history[{index}].to_status",
                change.to_status.value,
                f"is not allowed after {change.from_status.value!r} (allowed: {names})",
            )
        previous = change
    last = history[-1]
    if account.status is not last.to_status:
        raise InvalidInputError(
            "status",
            account.status.value,
            f"must be {last.to_status.value!r}, the 'to_status' of the last change in the history",
        )


def index_accounts(accounts: Iterable[Account], /) -> FrozenMap[str, Account]:
    """Index accounts by number, refusing duplicate numbers.

    Args:
        accounts: Any iterable of [Account][accountplan.accounts.Account]
            values (a list, a tuple, a generator), at most ``MAX_ACCOUNTS``
            (10,000,000) of them.

    Returns:
        A read-only mapping from account number to account, in the order the
        accounts came.

    Raises:
        InvalidTypeError: ``accounts`` is a string, bytes, a mapping or not
            iterable at all, or an item is not an
            [Account][accountplan.accounts.Account] (its position is named).
        InvalidInputError: two accounts share a number (both positions are
            named).
        LimitExceededError: more than ``MAX_ACCOUNTS`` accounts; checked
            before any account is indexed.

    Examples:
        >>> base = Account(number="A-1", name="Acme", type=AccountType.BUSINESS,
        ...                status=AccountStatus.ACTIVE, currency="EUR", timezone="UTC",
        ...                locale="en")
        >>> book = index_accounts([base, attrs.evolve(base, number="A-2")])
        >>> list(book)
        ['A-1', 'A-2']
        >>> index_accounts([base, base])
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: 'accounts[1].number' is used twice ...
    """
    items = check_items("accounts", accounts, Account, limit=MAX_ACCOUNTS)
    found: dict[str, Account] = {}
    position: dict[str, int] = {}
    for index, account in enumerate(items):
        if account.number in found:
            raise InvalidInputError(
                f"accounts[{index}].number",
                account.number,
                f"is used twice (also by accounts[{position[account.number]}]); "
                "account numbers must be unique",
            )
        found[account.number] = account
        position[account.number] = index
    return FrozenMap(found)
