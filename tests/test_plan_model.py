"""The account plan model: seven sections, typed extra details, JSON and its schema."""

from __future__ import annotations

import datetime as dt
import json
import pathlib
import re
import runpy
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from accountplan.accounts import RetentionPolicy, StatusChange
from accountplan.billing import BillingCycle, PaymentMethod, PaymentTerms
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.kpi import KpiTarget
from accountplan.money import Money
from accountplan.plan import (
    MAX_EXTRA,
    SECTIONS,
    AccountPlan,
    BillingSection,
    DirectDebitMandate,
    EscalationSection,
    MaintenanceSection,
    MonitoringSection,
    plan_schema,
    validate_plan,
)
from accountplan.serialization import from_dict, from_json, to_dict, to_json
from tests.strategies_plan import account_plans, example_plan

# -- a small JSON Schema checker (the 2020-12 keywords plan_schema uses) -------


def schema_errors(schema: Any, value: Any, root: dict[str, Any], path: str = "$") -> list[str]:
    """Every place where ``value`` breaks ``schema``; empty when it conforms.

    Covers the keywords plan_schema emits: $ref, type, const, enum, pattern,
    properties, required, additionalProperties, propertyNames, items,
    prefixItems, minItems, uniqueItems, anyOf and oneOf. ``format`` is an
    annotation in 2020-12 and is not asserted.
    """
    if schema is True or schema == {}:
        return []
    if schema is False:
        return [f"{path}: no value is allowed here"]
    errors: list[str] = []
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        errors += schema_errors(root["$defs"][name], value, root, path)
    kind = schema.get("type")
    if kind is not None and not _is_type(value, kind):
        return [*errors, f"{path}: expected {kind}, got {value!r}"]
    if "const" in schema and not _same(value, schema["const"]):
        errors.append(f"{path}: expected {schema['const']!r}, got {value!r}")
    if "enum" in schema and not any(_same(value, option) for option in schema["enum"]):
        errors.append(f"{path}: {value!r} is not one of {schema['enum']!r}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        errors.append(f"{path}: {value!r} does not match {schema['pattern']!r}")
    if isinstance(value, dict):
        errors += _object_errors(schema, value, root, path)
    if isinstance(value, list):
        errors += _array_errors(schema, value, root, path)
    if "anyOf" in schema and all(schema_errors(s, value, root, path) for s in schema["anyOf"]):
        errors.append(f"{path}: matches none of anyOf")
    if "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if not schema_errors(s, value, root, path)]
        if len(matching) != 1:
            errors.append(f"{path}: matches {len(matching)} of oneOf, not exactly one")
    return errors


def _is_type(value: Any, kind: str) -> bool:
    return {
        "object": isinstance(value, dict),
        "array": isinstance(value, list),
        "string": isinstance(value, str),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "boolean": isinstance(value, bool),
        "null": value is None,
    }[kind]


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and a == b


def _object_errors(schema: Any, value: dict[str, Any], root: Any, path: str) -> list[str]:
    errors: list[str] = []
    properties = schema.get("properties", {})
    for name in schema.get("required", ()):
        if name not in value:
            errors.append(f"{path}.{name}: is required")
    for key, item in value.items():
        where = f"{path}.{key}"
        if "propertyNames" in schema:
            errors += schema_errors(schema["propertyNames"], key, root, f"{where}(key)")
        if key in properties:
            errors += schema_errors(properties[key], item, root, where)
        elif "additionalProperties" in schema:
            errors += schema_errors(schema["additionalProperties"], item, root, where)
    return errors


def _array_errors(schema: Any, value: list[Any], root: Any, path: str) -> list[str]:
    errors: list[str] = []
    prefix = schema.get("prefixItems", [])
    for index, item in enumerate(value):
        where = f"{path}[{index}]"
        if index < len(prefix):
            errors += schema_errors(prefix[index], item, root, where)
        elif "items" in schema:
            errors += schema_errors(schema["items"], item, root, where)
    if len(value) < schema.get("minItems", 0):
        errors.append(f"{path}: fewer than {schema['minItems']} items")
    if schema.get("uniqueItems"):
        texts = [json.dumps(v, sort_keys=True) for v in value]
        if len(set(texts)) != len(texts):
            errors.append(f"{path}: items are not unique")
    return errors


SCHEMA = plan_schema()


def test_schema_checker_can_fail() -> None:
    """The checker reports wrong types, unknown and missing keys, bad tags and patterns."""
    data = to_dict(example_plan())
    assert [] == schema_errors(SCHEMA, data, SCHEMA)
    broken = json.loads(json.dumps(data))
    broken["billing"]["payment_methods"] = ["barter"]
    broken["maintenance"]["review_start"] = "1 January 2026"
    broken["monitoring"]["unknown"] = 1
    del broken["escalation"]["default_route"]
    broken["extra"]["overview"]["fleet_size"] = {"type": "integer", "value": "140"}
    broken["extra"]["nowhere"] = {}
    broken["sla"]["default"]["targets_by_priority"]["high"][0]["within"] = "4 hours"
    errors = schema_errors(SCHEMA, broken, SCHEMA)
    expected = [
        "$.billing.payment_methods[0]",
        "$.maintenance.review_start",
        "$.monitoring.unknown",
        "$.escalation.default_route",
        "$.extra.overview.fleet_size",
        "$.extra.nowhere(key)",
        "$.sla.default.targets_by_priority.high[0].within",
    ]
    for where in expected:
        assert any(e.startswith(where) for e in errors), (where, errors)


# -- the model ----------------------------------------------------------------


def test_plan_has_the_seven_sections_in_the_templates_order() -> None:
    """The fields are the template's sections, in order, then the extra details."""
    names = [f.name for f in attrs.fields(AccountPlan)]
    assert [*SECTIONS, "extra"] == names
    assert [
        "overview",
        "communication",
        "sla",
        "billing",
        "maintenance",
        "monitoring",
        "escalation",
    ] == list(SECTIONS)


def test_example_plan_round_trips_exactly_with_typed_extras() -> None:
    """JSON and dicts give back an equal plan, and each extra keeps its Python type."""
    plan = example_plan()
    back = from_json(to_json(plan), AccountPlan)
    assert plan == back
    assert plan == from_dict(to_dict(plan), AccountPlan)
    overview = back.details("overview")
    assert 140 == overview["fleet_size"]
    assert type(overview["fleet_size"]) is int
    assert dt.date(2019, 3, 1) == overview["customer_since"]
    assert Money(amount="25000.00", currency="EUR") == overview["credit_limit"]
    assert Decimal("99.9") == back.details("sla")["uptime_percent"]
    assert back.details("billing")["vat_reverse_charge"] is False
    assert {} == dict(back.details("escalation"))


def test_extra_values_are_tagged_on_the_wire() -> None:
    """A date, a decimal and text that looks like a date stay apart in JSON."""
    plan = attrs.evolve(
        example_plan(),
        extra={
            "overview": {
                "as_text": "2026-01-01",
                "as_date": dt.date(2026, 1, 1),
                "as_decimal": Decimal("1.50"),
                "as_text_number": "1.50",
                "flag": True,
                "count": 1,
            }
        },
    )
    wire = json.loads(to_json(plan))["extra"]["overview"]
    assert {
        "as_text": {"type": "text", "value": "2026-01-01"},
        "as_date": {"type": "date", "value": "2026-01-01"},
        "as_decimal": {"type": "decimal", "value": "1.50"},
        "as_text_number": {"type": "text", "value": "1.50"},
        "flag": {"type": "boolean", "value": True},
        "count": {"type": "integer", "value": 1},
    } == wire
    back = from_json(to_json(plan), AccountPlan).details("overview")
    assert [str, dt.date, Decimal, str, bool, int] == [type(v) for v in back.values()]


@pytest.mark.parametrize(
    ("value", "error"),
    [
        (1.5, InvalidTypeError),
        (dt.datetime(2026, 1, 1, tzinfo=dt.UTC), InvalidTypeError),
        ([1, 2], InvalidTypeError),
        (None, InvalidTypeError),
        (Decimal("NaN"), InvalidInputError),
        (2**53, InvalidInputError),
    ],
)
def test_extra_refuses_what_is_not_a_typed_scalar(value: Any, error: type[Exception]) -> None:
    """Floats, datetimes, lists, None, NaN and integers past 2**53 - 1 are refused."""
    with pytest.raises(error, match=r"extra\['billing'\]\['x'\]"):
        attrs.evolve(example_plan(), extra={"billing": {"x": value}})


def test_extra_refuses_unknown_sections_bad_keys_and_too_many_details() -> None:
    """Sections are the seven names; keys are plain; at most MAX_EXTRA details a section."""
    plan = example_plan()
    with pytest.raises(InvalidInputError, match="must be one of overview, communication"):
        attrs.evolve(plan, extra={"pricing": {"x": 1}})
    with pytest.raises(InvalidInputError, match="ASCII letters"):
        attrs.evolve(plan, extra={"overview": {"service plan": "Fibre"}})
    with pytest.raises(LimitExceededError):
        attrs.evolve(plan, extra={"overview": {f"k{i}": i for i in range(MAX_EXTRA + 1)}})
    with pytest.raises(InvalidInputError, match="must be one of"):
        plan.details("pricing")  # type: ignore[arg-type]


def test_extra_from_json_reports_each_problem_with_its_path() -> None:
    """A bad tag, a value of the wrong type and an unknown key are each located."""
    data = to_dict(example_plan())
    data["extra"]["overview"] = {
        "a": {"type": "integer", "value": "140"},
        "b": {"type": "datetime", "value": "2026-01-01"},
        "c": {"type": "date", "value": "2026-01-01", "note": "x"},
        "d": "plain text",
        "e": {"type": "money", "value": {"amount": 5, "currency": "EUR"}},
    }
    with pytest.raises(InvalidInputError) as info:
        from_json(json.dumps(data), AccountPlan)
    text = str(info.value)
    for where in ("a.value", "b.type", "c.note", "d", "e.value.amount"):
        assert f"$.extra.overview.{where}:" in text


def test_sections_refuse_contradictory_input() -> None:
    """The sections refuse what cannot be: a mandate without direct debit, repeats."""
    mandate = DirectDebitMandate(
        reference="M-1", signed_on=dt.date(2026, 1, 5), creditor_id="NL98ZZZ999999999999"
    )
    with pytest.raises(InvalidInputError, match="needs 'direct_debit'"):
        BillingSection(
            cycle=BillingCycle.monthly(),
            terms=PaymentTerms.net(30),
            payment_methods=[PaymentMethod.BANK_TRANSFER],
            direct_debit=mandate,
        )
    with pytest.raises(InvalidInputError, match="'payment_methods' must not be empty"):
        BillingSection(cycle=BillingCycle.monthly(), terms=PaymentTerms.net(30), payment_methods=[])
    with pytest.raises(
        InvalidInputError,
        match=r"'payment_methods\[1\]' repeats payment_methods\[0\] \(got 'card'\)",
    ):
        BillingSection(
            cycle=BillingCycle.monthly(),
            terms=PaymentTerms.net(30),
            payment_methods=["card", "card"],
        )
    with pytest.raises(InvalidInputError, match="SEPA identifier"):
        DirectDebitMandate(reference="M_1", signed_on=dt.date(2026, 1, 5), creditor_id="X")
    with pytest.raises(InvalidInputError, match="scheme"):
        DirectDebitMandate(
            reference="M-1",
            signed_on=dt.date(2026, 1, 5),
            creditor_id="X",
            scheme="b2c",  # type: ignore[arg-type]
        )
    with pytest.raises(InvalidInputError, match="not among the tracked KPIs"):
        MonitoringSection(
            kpis=["nps"],
            targets=[KpiTarget(kpi="csat", direction="at_least", threshold=80)],
            reporting="monthly",
        )
    with pytest.raises(InvalidInputError, match="reporting"):
        MonitoringSection(kpis=[], targets=[], reporting="weekly")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="review_cadence"):
        MaintenanceSection(
            review_cadence="weekly", review_start=dt.date(2026, 1, 1), retention=RetentionPolicy()
        )
    with pytest.raises(
        InvalidInputError, match="'review_start' must be a date \\(not a datetime\\)"
    ):
        MaintenanceSection(
            review_cadence="monthly",
            review_start=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
            retention=RetentionPolicy(),
        )
    with pytest.raises(InvalidInputError, match=r"\"teams\['a'\]\[1\]\" repeats teams\['a'\]\[0\]"):
        EscalationSection(rules=[], default_route="x", policies=[], teams={"a": ["p", "p"]})


def test_plan_refuses_a_section_of_the_wrong_type() -> None:
    """Each section names itself when it has the wrong type."""
    plan = example_plan()
    with pytest.raises(InvalidTypeError, match="'billing'"):
        attrs.evolve(plan, billing=plan.maintenance)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="'overview'"):
        attrs.evolve(plan, overview="NL-2026-0042")  # type: ignore[arg-type]


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(plan=account_plans())
def test_generated_plans_round_trip_and_match_the_schema(plan: AccountPlan) -> None:
    """Any plan round-trips through JSON and dicts, and its JSON conforms to plan_schema()."""
    check_round_trip(plan)


def check_round_trip(plan: AccountPlan) -> None:
    """The plan comes back from JSON and dicts, and its JSON matches the schema.

    A time in a DST gap or fold comes back as the same instant with a fixed
    offset, which Python compares unequal (PEP 495): the wire form is then
    compared instead (tests/test_serialization.py does the same).
    """
    text = to_json(plan)
    back = from_json(text, AccountPlan)
    assert to_dict(plan) == to_dict(back)
    assert plan == back or has_zone_dependent_time(plan)
    assert to_dict(plan) == to_dict(from_dict(to_dict(plan), AccountPlan))
    assert [] == schema_errors(SCHEMA, json.loads(text), SCHEMA)


def has_zone_dependent_time(value: Any) -> bool:
    """Whether a model holds a datetime whose offset depends on its fold."""
    if isinstance(value, dt.datetime):
        return value.replace(fold=1 - value.fold).utcoffset() != value.utcoffset()
    if attrs.has(type(value)):
        return any(
            has_zone_dependent_time(getattr(value, f.name)) for f in attrs.fields(type(value))
        )
    if isinstance(value, tuple | frozenset):
        return any(has_zone_dependent_time(v) for v in value)
    if isinstance(value, Mapping):
        return any(has_zone_dependent_time(v) for v in value.values())
    return False


def test_schema_is_draft_2020_12_and_closed() -> None:
    """The schema names its draft, requires the seven sections and closes every model."""
    assert "https://json-schema.org/draft/2020-12/schema" == SCHEMA["$schema"]
    assert list(SECTIONS) == SCHEMA["required"]
    for name, definition in SCHEMA["$defs"].items():
        if definition.get("type") == "object":
            assert definition["additionalProperties"] is False, name
    assert plan_schema() == SCHEMA
    assert plan_schema() is not plan_schema()  # a fresh copy each call


EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"


def test_a_history_time_in_a_dst_gap_round_trips_as_its_instant() -> None:
    """Regression: a generated history at 02:00 on a spring-forward night failed the round trip.

    2024-03-31 02:00 does not exist in Amsterdam; it comes back as the same
    instant with a fixed offset, which Python compares unequal.
    """
    change = StatusChange(
        at=dt.datetime(2024, 3, 31, 2, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
        from_status="pending",
        to_status="active",
        reason="signed",
    )
    overview = attrs.evolve(PLAN_FOR_GAP.overview, status="active", history=[change], opened=None)
    plan = attrs.evolve(PLAN_FOR_GAP, overview=overview)
    assert plan != from_json(to_json(plan), AccountPlan)  # PEP 495: unequal to its instant
    check_round_trip(plan)


PLAN_FOR_GAP = example_plan()


def test_examples_plan_json_is_the_example_scripts_plan() -> None:
    """examples/plan.json loads, matches the schema, is consistent and equals the script's plan."""
    text = (EXAMPLES / "plan.json").read_text(encoding="utf-8")
    stored = from_json(text, AccountPlan)
    assert [] == schema_errors(SCHEMA, json.loads(text), SCHEMA)
    assert () == validate_plan(stored)
    script = runpy.run_path(str(EXAMPLES / "account_plan.py"))
    assert script["build_plan"]() == stored
    assert to_json(stored, indent=2) + "\n" == text  # the file is exactly what to_json writes


def test_the_templates_industry_examples_keep_their_types() -> None:
    """The template's telecom (service plan, usage) and e-commerce (orders, shipping) details."""
    telecom = {
        "service_plan": "Zakelijk Onbeperkt 5G",
        "lines": 25,
        "data_used_gb": Decimal("812.4"),
        "contract_end": dt.date(2027, 6, 30),
        "monthly_fee": Money(amount="1187.50", currency="EUR"),
        "roaming_enabled": True,
    }
    shop = {
        "last_order": dt.date(2026, 11, 27),
        "open_orders": 3,
        "shipping_status": "in_transit",
        "preferred_carrier": "PostNL",
        "lifetime_value": Money(amount="48210.35", currency="EUR"),
    }
    plan = attrs.evolve(example_plan(), extra={"overview": telecom, "billing": shop})
    back = from_json(to_json(plan), AccountPlan)
    assert telecom == dict(back.details("overview"))
    assert shop == dict(back.details("billing"))
    assert [type(v) for v in telecom.values()] == [
        type(v) for v in back.details("overview").values()
    ]
    assert [] == schema_errors(SCHEMA, json.loads(to_json(plan)), SCHEMA)
