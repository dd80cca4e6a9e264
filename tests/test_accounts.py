"""Accounts: the overview model, contacts, the history, transitions and time travel."""

from __future__ import annotations

import datetime as dt
import json
import pickle
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.accounts import (
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
    status_at,
    transition,
)
from accountplan.accounts._account import MAX_CONTACTS, local_date
from accountplan.exceptions import (
    InvalidInputError,
    InvalidTransitionError,
    InvalidTypeError,
    LimitExceededError,
)
from accountplan.i18n import label
from accountplan.serialization import from_json, to_dict, to_json
from tests.strategies_accounts import accounts

S = AccountStatus
AMS = ZoneInfo("Europe/Amsterdam")


def at(month: int, day: int = 1, hour: int = 9, *, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=dt.UTC)


def make(**changes: Any) -> Account:
    base = Account(
        number="A-1001",
        name="Acme BV",
        type=AccountType.BUSINESS,
        status=S.PENDING,
        currency="EUR",
        timezone="Europe/Amsterdam",
        locale="nl_NL",
    )
    return attrs.evolve(base, **changes)


def lived() -> Account:
    """Pending → active (Jan) → suspended (Mar) → active (Apr)."""
    account = transition(make(), S.ACTIVE, at=at(1, 5), reason="contract signed", actor="ann")
    account = transition(account, S.SUSPENDED, at=at(3, 1), reason="unpaid", actor="lifecycle")
    return transition(account, S.ACTIVE, at=at(4, 1), reason="paid", actor="lifecycle")


class TestAccountModel:
    def test_only_seven_fields_are_required(self) -> None:
        """An account needs number, name, type, status, currency, time zone and locale."""
        account = make()
        assert () == account.contacts
        assert () == account.history
        assert frozenset() == account.tags
        assert account.tier is None
        assert account.opened is None

    def test_lists_become_tuples_and_sets(self) -> None:
        """Contacts and history given as lists are stored as tuples, tags as a frozenset."""
        contact = Contact(name="Ann")
        account = make(contacts=[contact], tags=["vip", "nl"])
        assert (contact,) == account.contacts
        assert frozenset({"vip", "nl"}) == account.tags

    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("number", " A-1"),
            ("number", "A-1 "),
            ("number", ""),
            ("number", "   "),
            ("number", "A\n1"),
            ("number", "A" * 65),
            ("number", 1001),
            ("name", "Acme "),
            ("name", "x" * 201),
            ("type", "firm"),
            ("type", AccountStatus.ACTIVE),
            ("status", "Active"),
            ("status", " active"),
            ("currency", "XYZ"),
            ("currency", "eur"),
            ("timezone", "Mars/Base"),
            ("timezone", "Europe/Amsterdam "),
            ("locale", "xx_QQ"),
            ("locale", " nl_NL"),
            ("locale", 5),
            ("tier", " gold"),
            ("segment", ""),
            ("tags", ["ok", " spaced"]),
            ("tags", "vip"),
            ("contacts", ["Ann"]),
            ("history", [1]),
            ("opened", dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
            ("opened", "2026-01-01"),
        ],
    )
    def test_bad_fields_are_refused_not_repaired(self, field: str, value: Any) -> None:
        """A bad value raises InvalidInputError naming the field; nothing is trimmed."""
        with pytest.raises(InvalidInputError) as info:
            make(**{field: value})
        assert info.value.field.startswith(field)

    def test_error_message_names_field_and_value(self) -> None:
        """The message says which field was wrong and what was given."""
        with pytest.raises(InvalidInputError, match=r"'number' must not start or end"):
            make(number=" A-1")

    def test_too_many_contacts(self) -> None:
        """More contacts than the documented maximum is refused."""
        with pytest.raises(LimitExceededError):
            make(contacts=[Contact(name="x")] * (MAX_CONTACTS + 1))

    def test_sequences_refuse_scalars_and_mappings(self) -> None:
        """Sequence fields and arguments refuse scalars and mappings."""
        with pytest.raises(InvalidInputError):
            make(contacts=5)
        with pytest.raises(InvalidInputError):
            make(contacts={"a": 1})
        with pytest.raises(InvalidInputError):
            index_accounts({"a": 1})  # type: ignore[dict-item]

    def test_locale_accepts_bcp47(self) -> None:
        """Locales may use dashes; the value is stored as given."""
        assert "en-GB" == make(locale="en-GB").locale

    def test_pickles(self) -> None:
        """Accounts survive pickling (for multiprocessing and caches)."""
        account = lived()
        assert account == pickle.loads(pickle.dumps(account))

    def test_enum_labels(self) -> None:
        """Statuses and types have translated labels."""
        assert "Opgeschort" == label(S.SUSPENDED, locale="nl_NL")
        assert "Wiederverkäufer" == label(AccountType.RESELLER, locale="de")


class TestContacts:
    def test_full_contact(self) -> None:
        """A contact may have every channel and a preferred one."""
        address = PostalAddress(
            lines=["Damrak 1"], postal_code="1012 LG", city="Amsterdam", country="NL"
        )
        contact = Contact(
            name="Ann Smit",
            role="billing",
            email="ann.smit@example.co.uk",
            phone="+31 (0)20-123 4567",
            address=address,
            preferred_channel=ContactChannel.POST,
        )
        assert ContactChannel.POST == contact.preferred_channel

    @pytest.mark.parametrize(
        "email",
        ["ann", "ann@", "@example.com", "ann@example", "ann smit@example.com", "a@b@c.nl", 5],
    )
    def test_bad_email(self, email: Any) -> None:
        """E-mail addresses get a light check: one @, a dotted domain, no spaces."""
        with pytest.raises(InvalidInputError) as info:
            Contact(name="Ann", email=email)
        assert "email" == info.value.field

    @pytest.mark.parametrize("phone", ["12", "call me", "+31 20 1234 5678 9012 34", "+-"])
    def test_bad_phone(self, phone: str) -> None:
        """Phone numbers need 5 to 15 digits and only separators besides."""
        with pytest.raises(InvalidInputError) as info:
            Contact(name="Ann", phone=phone)
        assert "phone" == info.value.field

    @pytest.mark.parametrize(
        ("channel", "needs"),
        [
            (ContactChannel.EMAIL, "e-mail"),
            (ContactChannel.PHONE, "phone"),
            (ContactChannel.SMS, "phone"),
            (ContactChannel.POST, "postal"),
        ],
    )
    def test_preferred_channel_must_be_reachable(self, channel: ContactChannel, needs: str) -> None:
        """A preferred channel needs the matching contact detail."""
        with pytest.raises(InvalidInputError, match=needs):
            Contact(name="Ann", preferred_channel=channel)

    def test_chat_and_portal_need_nothing(self) -> None:
        """Chat and portal are reachable without a detail on the contact."""
        assert Contact(name="Ann", preferred_channel=ContactChannel.CHAT).email is None

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"lines": []}, "lines"),
            ({"lines": ["a"] * 6}, "lines"),
            ({"lines": [" a"]}, "lines[0]"),
            ({"country": "Netherlands"}, "country"),
            ({"country": "ZZ"}, "country"),
            ({"postal_code": "1012 LG "}, "postal_code"),
            ({"postal_code": "x" * 21}, "postal_code"),
            ({"region": 5}, "region"),
        ],
    )
    def test_bad_address(self, changes: dict[str, Any], field: str) -> None:
        """Addresses need 1 to 5 clean lines, a city and a known country code."""
        base: dict[str, Any] = {"lines": ["Damrak 1"], "city": "Amsterdam", "country": "NL"}
        with pytest.raises((InvalidInputError, LimitExceededError)) as info:
            PostalAddress(**{**base, **changes})
        assert isinstance(info.value, InvalidInputError | LimitExceededError)
        assert field == info.value.field

    def test_bad_contact_fields(self) -> None:
        """Name, role, address and channel are type-checked."""
        with pytest.raises(InvalidInputError):
            Contact(name="")
        with pytest.raises(InvalidInputError):
            Contact(name="Ann", role=3)  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            Contact(name="Ann", address="Damrak 1")  # type: ignore[arg-type]
        with pytest.raises(InvalidInputError):
            Contact(name="Ann", preferred_channel="email")  # no e-mail address


class TestStatusChange:
    def test_naive_datetime_refused(self) -> None:
        """A change needs an aware datetime."""
        with pytest.raises(InvalidInputError, match="naive"):
            StatusChange(
                at=dt.datetime(2026, 1, 1), from_status=S.PENDING, to_status=S.ACTIVE, reason="x"
            )

    @pytest.mark.parametrize(
        ("changes", "field"),
        [
            ({"to_status": S.PENDING}, "to_status"),
            ({"reason": "  "}, "reason"),
            ({"reason": "x" * 2001}, "reason"),
            ({"reason": None}, "reason"),
            ({"actor": ""}, "actor"),
            ({"from_status": "pendng"}, "from_status"),
            ({"from_status": 1}, "from_status"),
        ],
    )
    def test_bad_change(self, changes: dict[str, Any], field: str) -> None:
        """A no-op change, an empty reason or a blank actor are refused."""
        base: dict[str, Any] = {
            "at": at(1),
            "from_status": S.PENDING,
            "to_status": S.ACTIVE,
            "reason": "signed",
        }
        with pytest.raises(InvalidInputError) as info:
            StatusChange(**{**base, **changes})
        assert field == info.value.field


class TestHistoryChecks:
    def change(self, when: dt.datetime, a: AccountStatus, b: AccountStatus) -> StatusChange:
        return StatusChange(at=when, from_status=a, to_status=b, reason="r")

    def test_history_must_be_time_ordered(self) -> None:
        """A change before the change before it is refused, naming its index."""
        history = [self.change(at(3), S.PENDING, S.ACTIVE), self.change(at(2), S.ACTIVE, S.CLOSED)]
        with pytest.raises(InvalidInputError) as info:
            make(status=S.CLOSED, history=history)
        assert "history[1].at" == info.value.field

    def test_ordering_is_by_real_time_across_a_dst_fold(self) -> None:
        """Two changes in the repeated hour are ordered by real time, not wall time."""
        first = dt.datetime(2026, 10, 25, 2, 30, fold=0, tzinfo=AMS)  # 00:30 UTC
        second = dt.datetime(2026, 10, 25, 2, 10, fold=1, tzinfo=AMS)  # 01:10 UTC
        history = [
            self.change(first, S.PENDING, S.ACTIVE),
            self.change(second, S.ACTIVE, S.SUSPENDED),
        ]
        assert S.SUSPENDED == make(status=S.SUSPENDED, history=history).status

    def test_history_must_chain(self) -> None:
        """Each change starts where the previous one ended."""
        history = [
            self.change(at(1), S.PENDING, S.ACTIVE),
            self.change(at(2), S.SUSPENDED, S.ACTIVE),
        ]
        with pytest.raises(InvalidInputError) as info:
            make(status=S.ACTIVE, history=history)
        assert "history[1].from_status" == info.value.field

    def test_history_follows_the_table(self) -> None:
        """A recorded move that the table does not allow is refused."""
        history = [self.change(at(1), S.PENDING, S.SUSPENDED)]
        with pytest.raises(InvalidInputError, match="not allowed after 'pending'") as info:
            make(status=S.SUSPENDED, history=history)
        assert "history[0].to_status" == info.value.field

    def test_closed_is_terminal_in_history(self) -> None:
        """Nothing may follow a closing change."""
        history = [
            self.change(at(1), S.ACTIVE, S.CLOSED),
            self.change(at(2), S.CLOSED, S.ACTIVE),
        ]
        with pytest.raises(InvalidInputError, match=r"none \(terminal\)"):
            make(status=S.ACTIVE, history=history)

    def test_status_must_match_history(self) -> None:
        """The status is the last change's to_status."""
        with pytest.raises(InvalidInputError) as info:
            make(status=S.PENDING, history=[self.change(at(1), S.PENDING, S.ACTIVE)])
        assert "status" == info.value.field

    def test_history_not_before_opening(self) -> None:
        """No change may fall before the opening day (in the account's zone)."""
        late_evening = dt.datetime(2025, 12, 31, 23, 30, tzinfo=dt.UTC)  # Jan 1 in Amsterdam
        ok = make(
            status=S.ACTIVE,
            opened=dt.date(2026, 1, 1),
            history=[self.change(late_evening, S.PENDING, S.ACTIVE)],
        )
        assert S.ACTIVE == ok.status
        with pytest.raises(InvalidInputError) as info:
            make(
                status=S.ACTIVE,
                opened=dt.date(2026, 1, 2),
                history=[self.change(late_evening, S.PENDING, S.ACTIVE)],
            )
        assert "history[0].at" == info.value.field


class TestTransitions:
    def test_table_is_complete_and_closed_is_terminal(self) -> None:
        """Every status has an entry; closed allows nothing; nothing allows itself."""
        assert set(S) == set(TRANSITIONS)
        assert frozenset() == allowed_transitions(S.CLOSED)
        for status in S:
            assert status not in allowed_transitions(status)
            if status is not S.CLOSED:
                assert S.CLOSED in allowed_transitions(status)

    def test_allowed_transitions_checks_its_argument(self) -> None:
        """A status is the member or its value; anything else lists the allowed values."""
        assert allowed_transitions(S.ACTIVE) == allowed_transitions("active")
        with pytest.raises(InvalidInputError) as info:
            allowed_transitions("frozen")
        assert "status" == info.value.field
        assert "'pending', 'active', 'inactive', 'suspended', 'closed'" in str(info.value)
        with pytest.raises(InvalidTypeError):
            allowed_transitions(None)  # type: ignore[arg-type]

    def test_enum_fields_take_member_or_value(self) -> None:
        """Regression: ``Account(type="business")`` was refused; member and value are one rule."""
        assert make() == make(type="business", status="pending")
        contact = Contact(name="Ann", email="ann@example.com", preferred_channel="email")
        assert ContactChannel.EMAIL is contact.preferred_channel
        active = transition(make(), "active", at=at(1, 5), reason="signed")
        assert S.ACTIVE is active.status
        assert S.ACTIVE is active.history[0].to_status
        with pytest.raises(InvalidTransitionError):
            transition(make(), "suspended", at=at(1, 5), reason="x")
        with pytest.raises(InvalidInputError) as info:
            transition(make(), "frozen", at=at(1, 5), reason="x")
        assert "to" == info.value.field
        with pytest.raises(InvalidInputError) as info:
            make(status="frozen")
        assert "status" == info.value.field
        assert "must be one of 'pending', 'active'" in str(info.value)

    def test_transition_appends_a_change(self) -> None:
        """A legal move returns a new account with the change appended."""
        account = make()
        after = transition(account, S.ACTIVE, at=at(1), reason="signed", actor="ann")
        assert S.PENDING == account.status
        assert S.ACTIVE == after.status
        assert (
            StatusChange(
                at=at(1), from_status=S.PENDING, to_status=S.ACTIVE, reason="signed", actor="ann"
            ),
        ) == after.history

    def test_illegal_move_lists_allowed(self) -> None:
        """An illegal move raises InvalidTransitionError with the allowed statuses."""
        with pytest.raises(InvalidTransitionError) as info:
            transition(make(), S.SUSPENDED, at=at(1), reason="x")
        assert S.PENDING == info.value.current
        assert S.SUSPENDED == info.value.requested
        assert frozenset({S.ACTIVE, S.CLOSED}) == info.value.allowed
        assert "allowed from pending: active, closed" in str(info.value)

    def test_closed_is_terminal(self) -> None:
        """No move leaves closed."""
        closed = transition(make(), S.CLOSED, at=at(1), reason="never started")
        with pytest.raises(InvalidTransitionError, match="closed is terminal") as info:
            transition(closed, S.ACTIVE, at=at(2), reason="x")
        assert frozenset() == info.value.allowed

    def test_no_op_is_refused(self) -> None:
        """Moving to the current status is refused, not recorded."""
        with pytest.raises(InvalidTransitionError, match="already pending"):
            transition(make(), S.PENDING, at=at(1), reason="x")

    def test_change_before_last_is_refused(self) -> None:
        """A change dated before the last one is refused; the same instant is allowed."""
        account = transition(make(), S.ACTIVE, at=at(2), reason="signed")
        with pytest.raises(InvalidInputError) as info:
            transition(account, S.SUSPENDED, at=at(1), reason="x")
        assert "at" == info.value.field
        same = transition(account, S.SUSPENDED, at=at(2), reason="fraud")
        assert S.SUSPENDED == same.status

    def test_change_before_opening_is_refused(self) -> None:
        """A first change before the opening day is refused."""
        account = make(opened=dt.date(2026, 3, 1))
        with pytest.raises(InvalidInputError, match="opened"):
            transition(account, S.ACTIVE, at=at(2), reason="signed")

    @pytest.mark.parametrize(
        ("args", "kwargs"),
        [
            (("account", S.ACTIVE), {"at": at(1), "reason": "x"}),
            ((None, "Active"), {"at": at(1), "reason": "x"}),
            ((None, 1), {"at": at(1), "reason": "x"}),
            ((None, S.ACTIVE), {"at": dt.datetime(2026, 1, 1), "reason": "x"}),
            ((None, S.ACTIVE), {"at": at(1), "reason": ""}),
        ],
    )
    def test_bad_arguments(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        """Wrong types, naive datetimes and empty reasons raise InvalidInputError."""
        subject = make() if args[0] is None else args[0]
        with pytest.raises(InvalidInputError):
            transition(subject, args[1], **kwargs)


class TestStatusAt:
    def test_time_travel(self) -> None:
        """status_at replays the history; a change holds from its own instant."""
        account = lived()
        assert S.PENDING == status_at(account, at(1, 1))
        assert S.ACTIVE == status_at(account, at(1, 5))
        assert S.ACTIVE == status_at(account, at(2, 28))
        assert S.SUSPENDED == status_at(account, at(3, 1))
        assert S.SUSPENDED == status_at(account, at(3, 1, 8, year=2026) + dt.timedelta(hours=1))
        assert S.ACTIVE == status_at(account, at(12, 1))

    def test_without_history_the_status_always_held(self) -> None:
        """An account without history has always had its current status."""
        assert S.PENDING == status_at(make(), at(1, year=1990))

    def test_before_opening_is_an_error(self) -> None:
        """Before the opening day there was no account; status_at says so."""
        account = make(opened=dt.date(2026, 1, 1))
        with pytest.raises(InvalidInputError, match="before the account was opened"):
            status_at(account, dt.datetime(2025, 12, 31, 22, tzinfo=dt.UTC))
        midnight = dt.datetime(2025, 12, 31, 23, tzinfo=dt.UTC)  # Jan 1 00:00 in Amsterdam
        assert S.PENDING == status_at(account, midnight)

    def test_naive_when_refused(self) -> None:
        """status_at needs an aware datetime."""
        with pytest.raises(InvalidInputError):
            status_at(make(), dt.datetime(2026, 1, 1))

    @settings(max_examples=40)
    @given(accounts(max_history=12), st.data())
    def test_agrees_with_linear_replay(self, account: Account, data: st.DataObject) -> None:
        """status_at equals a slow replay of the history at any instant."""
        history = account.history
        candidates = [c.at for c in history] + [
            c.at + dt.timedelta(microseconds=-1) for c in history
        ]
        if not candidates or account.opened is not None:
            return
        when = data.draw(st.sampled_from(candidates))
        expected = history[0].from_status
        for change in history:
            if change.at.astimezone(dt.UTC) <= when.astimezone(dt.UTC):
                expected = change.to_status
        assert expected == status_at(account, when)


class TestIndex:
    def test_index_by_number(self) -> None:
        """Accounts are indexed by number, in input order."""
        a, b = make(number="A-1"), make(number="B-2")
        book = index_accounts((a, b))
        assert ["A-1", "B-2"] == list(book)
        assert b == book["B-2"]

    def test_duplicates_are_refused_with_both_positions(self) -> None:
        """A duplicate number names both positions."""
        with pytest.raises(InvalidInputError, match=r"also by accounts\[0\]") as info:
            index_accounts([make(number="A-1"), make(number="B"), make(number="A-1")])
        assert "accounts[2].number" == info.value.field

    def test_non_accounts_are_refused(self) -> None:
        """Items must be accounts; the argument must be a sequence."""
        with pytest.raises(InvalidInputError):
            index_accounts([make(), "A-2"])  # type: ignore[list-item]
        with pytest.raises(InvalidInputError):
            index_accounts("A-1")  # type: ignore[arg-type]


def assert_round_trips(account: Account) -> None:
    """The account comes back equal, each change at the same instant and offset.

    A change time comes back with a fixed offset (the zone name travels as the
    account's own ``timezone`` field); Python never calls a zoned time in a
    DST fold equal to a fixed-offset one, so times are compared by instant.
    """
    back = from_json(to_json(account), Account)
    assert to_dict(account) == to_dict(back)
    assert [c.at.timestamp() for c in account.history] == [c.at.timestamp() for c in back.history]
    assert [c.at.utcoffset() for c in account.history] == [c.at.utcoffset() for c in back.history]
    same = [attrs.evolve(b, at=a.at) for a, b in zip(account.history, back.history, strict=True)]
    assert list(account.history) == same
    assert account == attrs.evolve(back, history=account.history)


class TestJson:
    def test_documented_shape(self) -> None:
        """Enums are their values, datetimes are RFC 3339 instants, tags are a sorted array."""
        account = transition(
            make(tags=["vip", "nl"], contacts=[Contact(name="Ann", email="ann@example.com")]),
            S.ACTIVE,
            at=dt.datetime(2026, 1, 5, 10, tzinfo=AMS),
            reason="signed",
        )
        data = to_dict(account)
        assert "business" == data["type"]
        assert ["nl", "vip"] == data["tags"]
        assert {
            "at": "2026-01-05T10:00:00+01:00",
            "from_status": "pending",
            "to_status": "active",
            "reason": "signed",
            "actor": None,
        } == data["history"][0]

    def test_long_history_round_trips(self) -> None:
        """An account with a thousand changes round-trips exactly."""
        account = make()
        moves = [S.ACTIVE, S.SUSPENDED, S.ACTIVE, S.INACTIVE]
        start = dt.datetime(2020, 1, 1, tzinfo=AMS)
        account = transition(account, S.ACTIVE, at=start, reason="signed")
        for i in range(1, 1000):
            account = transition(
                account,
                moves[i % 4] if moves[i % 4] is not account.status else S.SUSPENDED,
                at=start + dt.timedelta(hours=7 * i),
                reason=f"change {i}",
                actor="lifecycle" if i % 2 else None,
            )
        assert 1000 == len(account.history)
        assert_round_trips(account)

    @settings(max_examples=30)
    @given(accounts(max_history=30))
    def test_random_accounts_round_trip(self, account: Account) -> None:
        """Random accounts with legal histories round-trip exactly."""
        assert_round_trips(account)

    def bad(self, mutate: Any) -> InvalidInputError:
        data = to_dict(lived())
        data["contacts"] = [{"name": "Ann", "email": "ann@example.com"}]
        mutate(data)
        with pytest.raises(InvalidInputError) as info:
            from_json(json.dumps(data), Account)
        return info.value

    def test_unknown_status_has_a_path(self) -> None:
        """An unknown status in the history is reported with its JSON path."""
        err = self.bad(lambda d: d["history"][1].update(to_status="frozen"))
        assert "$.history[1].to_status" == err.path
        assert "frozen" in str(err)

    def test_bad_email_has_a_path(self) -> None:
        """A bad e-mail address is reported at $.contacts[0].email."""
        err = self.bad(lambda d: d["contacts"][0].update(email="not-an-address"))
        assert "$.contacts[0].email" == err.path

    def test_reversed_dates_have_a_path(self) -> None:
        """A change dated before the previous one is reported at its index."""
        err = self.bad(lambda d: d["history"][2].update(at="2026-01-01T00:00:00+00:00"))
        assert "$.history[2].at" == err.path

    def test_broken_chain_has_a_path(self) -> None:
        """A change that does not start where the previous ended is reported."""
        err = self.bad(lambda d: d["history"][1].update(from_status="pending"))
        assert "$.history[1].from_status" == err.path

    def test_untrimmed_number_has_a_path(self) -> None:
        """An account number with surrounding spaces is refused at $.number."""
        err = self.bad(lambda d: d.update(number=" A-1001"))
        assert "$.number" == err.path

    def test_unknown_key(self) -> None:
        """Unknown keys are refused."""
        err = self.bad(lambda d: d.update(colour="red"))
        assert "$.colour" == err.path


def test_local_date_uses_the_zone() -> None:
    """The day of a change is read in the account's time zone."""
    assert dt.date(2026, 1, 2) == local_date(
        dt.datetime(2026, 1, 1, 23, tzinfo=dt.UTC), "Asia/Tokyo"
    )


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150)
@given(st.data())
def test_fuzzed_json_raises_only_invalid_input(data: st.DataObject) -> None:
    """Replacing any field of a valid account's JSON raises only InvalidInputError, with a path."""
    payload = to_dict(lived())
    payload["contacts"] = [{"name": "Ann", "email": "ann@example.com"}]
    paths: list[tuple[Any, Any]] = [(payload, key) for key in payload]
    paths += [(payload["history"][i], k) for i in range(3) for k in payload["history"][i]]
    paths += [(payload["contacts"][0], k) for k in payload["contacts"][0]]
    container, key = data.draw(st.sampled_from(paths))
    container[key] = data.draw(_json_values)
    error: InvalidInputError | None = None
    try:
        from_json(json.dumps(payload), Account)
    except InvalidInputError as exc:
        error = exc
    if error is not None:
        assert error.path is not None
        assert error.path.startswith("$")
