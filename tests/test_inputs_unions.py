"""Tagged unions on the wire: late-fee components, caps, due-date rules, installments.

Each variant is its own class; its JSON carries a ``kind`` tag and only its
own fields (no null padding). The flattened JSON earlier versions wrote, with
nulls for the other variants' fields, still reads to the same value.
"""

from __future__ import annotations

import json
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.billing import (
    CAP_KINDS,
    COMPONENT_KINDS,
    DUE_RULE_KINDS,
    INSTALLMENT_KINDS,
    AmountCap,
    BalanceInstallment,
    Cap,
    DayOfNextMonth,
    DueRule,
    FixedInstallment,
    FlatFee,
    Installment,
    InterestFee,
    InterestPolicy,
    LateFeeComponent,
    LateFeePolicy,
    MonthsAfterEndOfMonth,
    NetDays,
    PaymentTerms,
    PercentageFee,
    PercentageInstallment,
    PercentCap,
)
from accountplan.exceptions import InvalidInputError
from accountplan.money import Money
from accountplan.serialization import from_json, to_dict, to_json
from tests.strategies_invoicing import (
    balance_installments_only,
    due_rules,
    fixed_installments,
    payment_terms,
    percentage_installments,
)
from tests.strategies_receivables import caps, components, late_fee_policies

UNIONS: list[tuple[type, Any, dict[str, type]]] = [
    (LateFeeComponent, components, dict(COMPONENT_KINDS)),
    (Cap, caps, dict(CAP_KINDS)),
    (DueRule, due_rules, dict(DUE_RULE_KINDS)),
    (
        Installment,
        st.one_of(percentage_installments, fixed_installments, balance_installments_only),
        dict(INSTALLMENT_KINDS),
    ),
]


def eur(text: str) -> Money:
    return Money(amount=text, currency="EUR")


@pytest.mark.parametrize(
    ("union", "values", "kinds"), UNIONS, ids=[union[0].__name__ for union in UNIONS]
)
def test_variants_round_trip_with_their_tag_and_own_keys(
    union: type, values: Any, kinds: dict[str, type]
) -> None:
    """Read back as its union, a value is equal and the same variant; JSON has only its keys."""

    @given(values)
    def check(value: Any) -> None:
        text = to_json(value)
        data = json.loads(text)
        assert kinds[data["kind"]] is type(value)
        assert list(data) == [field.name for field in attrs.fields(kinds[data["kind"]])]
        assert next(iter(data)) == "kind"
        back: Any = from_json(text, union)
        assert value == back
        assert type(value) is type(back)

    check()


@given(late_fee_policies)
def test_late_fee_policies_round_trip(policy: LateFeePolicy) -> None:
    """A whole policy round-trips, each component and cap as its own variant."""
    back = from_json(to_json(policy), LateFeePolicy)
    assert policy == back
    assert [type(c) for c in policy.components] == [type(c) for c in back.components]
    assert (type(policy.minimum), type(policy.maximum)) == (type(back.minimum), type(back.maximum))


@given(payment_terms)
def test_payment_terms_round_trip(terms: PaymentTerms) -> None:
    """Payment terms with a rule or installments round-trip, variants kept."""
    back = from_json(to_json(terms), PaymentTerms)
    assert terms == back
    assert [type(i) for i in terms.installments] == [type(i) for i in back.installments]


# -- the JSON, written out ----------------------------------------------------------


def test_written_form() -> None:
    """The tag is the first key and only the variant's fields follow."""
    assert {"kind": "percentage", "label": "", "percent": "2"} == to_dict(PercentageFee(percent=2))
    assert {"kind": "percent", "percent": "10"} == to_dict(Cap(percent="10"))
    assert {"kind": "net", "days": 30} == to_dict(DueRule.net(30))
    assert {"kind": "balance", "rule": {"kind": "months_after_end_of_month", "months": 1}} == (
        to_dict(Installment.balance(DueRule.months_after_end_of_month(1)))
    )


# -- the flattened form of earlier versions still reads ---------------------------------

OLD_POLICY = """{
  "components": [
    {"kind": "flat", "label": "admin", "amount": {"amount": "40.00", "currency": "EUR"},
     "percent": null, "interest": null},
    {"kind": "percentage", "label": "", "amount": null, "percent": "2", "interest": null}
  ],
  "grace_days": 5, "grace_accrual": "from_grace_end",
  "minimum": {"amount": {"amount": "10.00", "currency": "EUR"}, "percent": null},
  "maximum": {"amount": null, "percent": "15"},
  "rounding": "half_even"
}"""

OLD_TERMS = """{
  "rule": null,
  "installments": [
    {"rule": {"kind": "net", "days": 0, "months": 0, "day": null, "cutoff_days": null},
     "percent": "30", "amount": null},
    {"rule": {"kind": "day_of_next_month", "days": 0, "months": 0, "day": "last",
              "cutoff_days": 5},
     "percent": null, "amount": {"amount": "100.00", "currency": "EUR"}},
    {"rule": {"kind": "months_after_end_of_month", "days": 0, "months": 2, "day": null,
              "cutoff_days": null},
     "percent": null, "amount": null}
  ],
  "discount": null,
  "name": "old"
}"""


def test_old_flattened_json_still_reads() -> None:
    """The nulls and zeros of the flattened form are padding; the variant is found."""
    policy = from_json(OLD_POLICY, LateFeePolicy)
    assert policy == LateFeePolicy(
        components=[FlatFee(amount=eur("40.00"), label="admin"), PercentageFee(percent="2")],
        grace_days=5,
        minimum=AmountCap(amount=eur("10.00")),
        maximum=PercentCap(percent="15"),
    )
    terms = from_json(OLD_TERMS, PaymentTerms)
    assert terms.installments == (
        PercentageInstallment(rule=NetDays(days=0), percent="30"),
        FixedInstallment(rule=DayOfNextMonth(day="last", cutoff_days=5), amount=eur("100.00")),
        BalanceInstallment(rule=MonthsAfterEndOfMonth(months=2)),
    )


@pytest.mark.parametrize(
    ("text", "union", "path"),
    [
        ('{"kind": "flat", "amount": {"amount": "1", "currency": "EUR"}, "percent": "2"}',
         LateFeeComponent, "$.percent"),
        ('{"kind": "net", "days": 3, "months": 1}', DueRule, "$.months"),
        ('{"kind": "flatt", "amount": {"amount": "1", "currency": "EUR"}}', LateFeeComponent, "$"),
        ('{"amount": null, "percent": null}', Cap, "$"),
        ('{"amount": {"amount": "1", "currency": "EUR"}, "percent": "2"}', Cap, "$"),
        ('{"kind": "balance", "rule": {"kind": "net"}, "percent": "5"}', Installment, "$.percent"),
        ("[1]", Cap, "$"),
    ],
)  # fmt: skip
def test_a_field_of_another_variant_is_refused(text: str, union: type, path: str) -> None:
    """Padding is only padding: a real value for another variant's field is refused."""
    with pytest.raises(InvalidInputError) as info:
        from_json(text, union)
    assert [path] == [p.path for p in info.value.problems]


# -- calling the union builds the variant -------------------------------------------------


def test_calling_the_union_builds_the_variant() -> None:
    """``LateFeeComponent(kind=...)``, ``Cap(...)``, ``DueRule(kind=...)`` and
    ``Installment(...)`` build the variant, as ``pathlib.Path()`` builds a ``PosixPath``."""
    assert FlatFee(amount=eur("1")) == LateFeeComponent(kind="flat", amount=eur("1"))
    assert InterestFee(interest=InterestPolicy(rate=8)) == LateFeeComponent(
        kind="interest", interest=InterestPolicy(rate=8)
    )
    assert PercentCap(percent=5) == Cap(percent=5)
    assert NetDays(days=3) == DueRule(kind="net", days=3)
    assert BalanceInstallment(rule=NetDays(days=3)) == Installment(rule=DueRule.net(3))
    assert isinstance(Cap(amount=eur("1")), Cap)


DIRECT_CALLS: list[tuple[Any, str, str]] = [
    (
        lambda: LateFeeComponent(kind="flat", amount=eur("1"), percent=None),  # type: ignore[call-overload]
        "percent",
        "a 'flat' component needs 'amount' and nothing else",
    ),
    (
        lambda: LateFeeComponent(kind="other"),  # type: ignore[call-overload]
        "kind",
        "must be one of flat, percentage, interest",
    ),
    (
        lambda: DueRule(kind="net", days=3, months=0),  # type: ignore[call-overload]
        "months",
        "does not apply to a 'net' rule",
    ),
    (
        lambda: DueRule(kind="day_of_next_month"),  # type: ignore[call-overload]
        "day",
        "is required for a 'day_of_next_month' rule",
    ),
    (
        lambda: Installment(rule=NetDays(), percent=None),  # type: ignore[call-overload]
        "percent",
        "leave it out for a balance installment",
    ),
    (
        lambda: Cap(amount=None, percent=5),  # type: ignore[call-overload]
        "amount",
        "give exactly one of amount and percent",
    ),
]


@pytest.mark.parametrize(("build", "field", "message"), DIRECT_CALLS)
def test_a_direct_call_names_the_wrong_field(build: Any, field: str, message: str) -> None:
    """Another variant's field, even ``None``, is refused naming it."""
    with pytest.raises(InvalidInputError) as info:
        build()
    assert field == info.value.field
    assert message in str(info.value)
