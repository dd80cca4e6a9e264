"""Escalation: priority matrix, conditions, the rule language and routing decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accountplan.accounts import Account, AccountStatus, AccountType
from accountplan.escalation import (
    CONTEXT_SCHEMA,
    ITIL_MATRIX,
    MAX_DEPTH,
    MAX_RULE_LENGTH,
    All,
    Condition,
    Impact,
    Not,
    PriorityMatrix,
    RoutingContext,
    RoutingRule,
    Urgency,
    context_for,
    format_condition,
    matches,
    parse_condition,
    priority_of,
    route,
    route_all,
)
from accountplan.escalation import Any as AnyOf
from accountplan.exceptions import (
    InvalidInputError,
    InvalidTypeError,
    LimitExceededError,
    RuleSyntaxError,
)
from accountplan.tickets import Priority, Ticket, TicketEvent, TicketEventKind
from tests.strategies_escalation import condition_trees, contexts

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def ctx(**values: Any) -> RoutingContext:
    return RoutingContext(as_of=T0, values={k.replace("__", "."): v for k, v in values.items()})


# -- priority matrix ------------------------------------------------------------

# ITIL default table, from /work/shared/reference/sla-escalation-maturity.md
# ("Escalation and routing"): impact x urgency, 1 = high ... 3 = low.
ITIL_TABLE = [
    (Impact.HIGH, Urgency.HIGH, Priority.CRITICAL),
    (Impact.HIGH, Urgency.MEDIUM, Priority.HIGH),
    (Impact.HIGH, Urgency.LOW, Priority.MODERATE),
    (Impact.MEDIUM, Urgency.HIGH, Priority.HIGH),
    (Impact.MEDIUM, Urgency.MEDIUM, Priority.MODERATE),
    (Impact.MEDIUM, Urgency.LOW, Priority.LOW),
    (Impact.LOW, Urgency.HIGH, Priority.MODERATE),
    (Impact.LOW, Urgency.MEDIUM, Priority.LOW),
    (Impact.LOW, Urgency.LOW, Priority.PLANNING),
]


class TestPriorityMatrix:
    @pytest.mark.parametrize(("impact", "urgency", "expected"), ITIL_TABLE)
    def test_itil_table(self, impact: Impact, urgency: Urgency, expected: Priority) -> None:
        """ITIL_MATRIX gives the published 3x3 table, members or value strings alike."""
        assert expected == priority_of(impact, urgency)
        assert expected == priority_of(impact.value, urgency.value, matrix=ITIL_MATRIX)

    def test_four_by_four(self) -> None:
        """A 4x4 matrix is data: every combination is looked up in its own cell."""
        p = Priority
        matrix = PriorityMatrix(
            impacts=["critical", "high", "medium", "low"],
            urgencies=["critical", "high", "medium", "low"],
            priorities=[
                [p.CRITICAL, p.CRITICAL, p.HIGH, p.MODERATE],
                [p.CRITICAL, p.HIGH, p.MODERATE, p.LOW],
                [p.HIGH, p.MODERATE, p.LOW, p.PLANNING],
                [p.MODERATE, p.LOW, p.PLANNING, p.PLANNING],
            ],
        )
        assert Priority.CRITICAL == priority_of("critical", "high", matrix=matrix)
        assert Priority.PLANNING == priority_of(Impact.LOW, Urgency.MEDIUM, matrix=matrix)
        assert Priority.HIGH == priority_of("medium", "critical", matrix=matrix)

    def test_five_by_five_covers_every_combination(self) -> None:
        """A 5x5 matrix must have 25 cells; a missing cell or row is refused."""
        row = ["critical", "high", "moderate", "low", "planning"]
        good = PriorityMatrix(impacts=list(Impact), urgencies=list(Urgency), priorities=[row] * 5)
        assert 25 == sum(len(r) for r in good.priorities)
        with pytest.raises(InvalidInputError, match=r"priorities\[2\].*one cell per urgency"):
            PriorityMatrix(
                impacts=list(Impact),
                urgencies=list(Urgency),
                priorities=[row, row, row[:4], row, row],
            )
        with pytest.raises(InvalidInputError, match="one row per impact"):
            PriorityMatrix(impacts=list(Impact), urgencies=list(Urgency), priorities=[row] * 4)

    @pytest.mark.parametrize(
        ("impacts", "message"),
        [
            (["high", "high", "low"], "must not repeat"),
            (["low", "high"], "most severe first"),
            (["high"], "between 2 and 5"),
            (["huge", "low"], "must be one of"),
        ],
    )
    def test_bad_axes(self, impacts: list[str], message: str) -> None:
        """Axes must be distinct levels, most severe first, at least two."""
        with pytest.raises(InvalidInputError, match=message):
            PriorityMatrix(
                impacts=impacts,
                urgencies=["high", "low"],
                priorities=[["critical", "high"]] * len(impacts),
            )

    def test_level_outside_the_matrix(self) -> None:
        """An impact the matrix does not cover is refused, listing the ones it does."""
        with pytest.raises(InvalidInputError, match="'high', 'medium', 'low'") as info:
            priority_of(Impact.CRITICAL, Urgency.HIGH)
        assert "impact" == info.value.field
        with pytest.raises(InvalidInputError, match="must be one of"):
            priority_of("urgent", "high")
        with pytest.raises(InvalidTypeError):
            priority_of(1, "high")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            priority_of("high", "high", matrix={})  # type: ignore[arg-type]


# -- conditions and the schema --------------------------------------------------


class TestConditions:
    def test_priorities_compare_by_level(self) -> None:
        """'priority <= 2' means Critical or High, whichever way the value is written."""
        for value in (2, "high", Priority.HIGH):
            cond = Condition(field="ticket.priority", op="<=", value=value)
            assert [True, True, False, False, False] == [
                matches(cond, ctx(ticket__priority=p)) for p in Priority
            ]

    @pytest.mark.parametrize(
        ("field", "op", "value", "message"),
        [
            ("ticket.prio", "==", 1, "is not a context field"),
            ("ticket.priority", "==", "gold", "must be a priority level"),
            ("ticket.priority", "==", 7, "from 1 to 5"),
            ("ticket.age", ">", 4, "must be a duration"),
            ("ticket.age", ">", dt.timedelta(microseconds=5), "whole seconds"),
            ("sla.state", "==", "breachd", "must be one of 'none', 'met'"),
            ("account.tier", "<", "gold", "does not apply to account.tier"),
            ("ticket.tags", "==", "vip", "use one of contains"),
            ("ticket.resolved", "==", "no", "must be a boolean"),
            ("ticket.contacts", ">", 2.5, "must be a number"),
            ("account.tier", "in", "gold", "must be a list"),
            ("account.tier", "like", "gold", "must be one of ==, !="),
        ],
    )
    def test_checked_when_built(self, field: str, op: str, value: Any, message: str) -> None:
        """Unknown fields and type mismatches fail when the condition is built."""
        with pytest.raises(InvalidInputError, match=message):
            Condition(field=field, op=op, value=value)  # type: ignore[arg-type]

    def test_missing_values(self) -> None:
        """An absent field makes a comparison false; != and not in are its negation."""
        empty = ctx()
        assert not matches(Condition(field="account.tier", op="==", value="gold"), empty)
        assert matches(Condition(field="account.tier", op="!=", value="gold"), empty)
        assert not matches(Condition(field="account.tier", op="in", value=["gold"]), empty)
        assert matches(Condition(field="account.tier", op="not in", value=["gold"]), empty)
        assert not matches(Condition(field="sla.remaining", op="<", value="PT1H"), empty)

    def test_text_and_set_operators(self) -> None:
        """contains on a set is membership, on text a substring; startswith is a prefix."""
        c = ctx(ticket__tags={"vip", "billing"}, ticket__channel="email-eu")
        assert matches(parse_condition("ticket.tags contains 'vip'"), c)
        assert not matches(parse_condition("ticket.tags contains 'vi'"), c)
        assert matches(parse_condition("channel contains 'il-e'"), c)
        assert matches(parse_condition("channel startswith 'email'"), c)
        assert not matches(parse_condition("channel startswith 'eu'"), c)

    def test_combinators_need_two_conditions(self) -> None:
        """All and Any take two or more conditions (a single one is the condition itself)."""
        one = Condition(field="priority", op="==", value=1)
        with pytest.raises(InvalidInputError, match="at least two"):
            All(conditions=[one])
        with pytest.raises(InvalidTypeError):
            AnyOf(conditions=[one, "priority == 1"])

    def test_depth_limit_on_data(self) -> None:
        """Trees built as data obey the same depth limit as rule text."""
        tree: Any = Condition(field="priority", op="==", value=1)
        for _ in range(MAX_DEPTH):
            tree = Not(condition=tree)
        with pytest.raises(LimitExceededError):
            Not(condition=tree)

    def test_schema_is_documented(self) -> None:
        """Every schema field has a type and a description; choices only for choice fields."""
        for name, spec in CONTEXT_SCHEMA.items():
            assert spec.description, name
            assert bool(spec.choices) == (spec.type == "choice"), name


def _oracle(expr: Any, values: dict[str, Any]) -> bool:
    """A slow, direct reading of the documented semantics."""
    if isinstance(expr, All):
        return all(_oracle(c, values) for c in expr.conditions)
    if isinstance(expr, AnyOf):
        return any(_oracle(c, values) for c in expr.conditions)
    if isinstance(expr, Not):
        return not _oracle(expr.condition, values)
    op, want = expr.op, expr.value
    if expr.field not in values:
        return op in ("!=", "not in")
    have = values[expr.field]
    if isinstance(have, Priority):
        have = have.level
        want = tuple(w.level for w in want) if isinstance(want, tuple) else want.level
    table: dict[str, Callable[[], Any]] = {
        "==": lambda: have == want,
        "!=": lambda: have != want,
        "<": lambda: have < want,
        "<=": lambda: have <= want,
        ">": lambda: have > want,
        ">=": lambda: have >= want,
        "in": lambda: have in want,
        "not in": lambda: have not in want,
        "contains": lambda: want in have,
        "startswith": lambda: have.startswith(want),
    }
    return bool(table[op]())


@settings(max_examples=300)
@given(tree=condition_trees, context=contexts())
def test_matches_agrees_with_oracle(tree: Any, context: RoutingContext) -> None:
    """matches() gives the documented semantics on random trees and contexts."""
    assert _oracle(tree, dict(context.values)) == matches(tree, context)


# -- the rule language -------------------------------------------------------------


class TestParse:
    def test_grammar_example(self) -> None:
        """The issue's example parses to the expected tree."""
        tree = parse_condition(
            "priority <= 2 and (account.tier in ['gold', 'platinum'] or sla.state == 'breached')"
        )
        expected = All(
            conditions=[
                Condition(field="ticket.priority", op="<=", value=Priority.HIGH),
                AnyOf(
                    conditions=[
                        Condition(field="account.tier", op="in", value=("gold", "platinum")),
                        Condition(field="sla.state", op="==", value="breached"),
                    ]
                ),
            ]
        )
        assert expected == tree

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("4h", dt.timedelta(hours=4)),
            ("30m", dt.timedelta(minutes=30)),
            ("2d", dt.timedelta(days=2)),
            ("1w2d", dt.timedelta(days=9)),
            ("1h30m15s", dt.timedelta(hours=1, minutes=30, seconds=15)),
            ("-1h", dt.timedelta(hours=-1)),
            ("0s", dt.timedelta(0)),
        ],
    )
    def test_durations(self, text: str, expected: dt.timedelta) -> None:
        """Durations are whole numbers with units from weeks down to seconds."""
        assert expected == parse_condition(f"ticket.age > {text}").value  # type: ignore[union-attr]

    def test_precedence(self) -> None:
        """not binds tighter than and, and tighter than or."""
        tree = parse_condition("priority == 1 or not priority == 2 and channel == 'x'")
        assert isinstance(tree, AnyOf)
        second = tree.conditions[1]
        assert isinstance(second, All)
        assert isinstance(second.conditions[0], Not)

    def test_strings_and_numbers(self) -> None:
        """Quotes escape with a backslash; decimals stay exact."""
        cond = parse_condition(r"account.tier == 'o\'brien \\ co'")
        assert "o'brien \\ co" == cond.value  # type: ignore[union-attr]
        assert "x" == parse_condition('account.tier == "x"').value  # type: ignore[union-attr]
        number = parse_condition("sla.remaining_percent < 12.50")
        assert Decimal("12.50") == number.value  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        ("text", "position", "fragment"),
        [
            ("priority <", 10, "expected a value"),
            ("priority = 1", 9, "unexpected character '='"),
            ("priority == 1 and", 17, "expected a field name, 'not' or '('"),
            ("(priority == 1", 14, "expected ')'"),
            ("priority == 1 priority", 14, "expected 'and', 'or' or the end"),
            ("ticket.prio == 1", 0, "unknown field 'ticket.prio'"),
            ("priority == 'gold'", 12, "does not fit"),
            ("ticket.age > 4x", 14, "unexpected 'x'"),
            ("ticket.age > 30m4h", 17, "from large to small"),
            ("account.tier == 'gold", 16, "unterminated string"),
            ("account.tier in ['a' 'b']", 21, "expected ',' or ']'"),
            ("priority not 3", 13, "'in' after 'not'"),
            ("priority equals 1", 9, "expected an operator"),
        ],
    )
    def test_errors_show_position_and_expectation(
        self, text: str, position: int, fragment: str
    ) -> None:
        """A syntax error carries the position, what was found and what was expected."""
        with pytest.raises(RuleSyntaxError) as info:
            parse_condition(text)
        assert position == info.value.position
        assert fragment in str(info.value)
        assert text == info.value.text

    @pytest.mark.parametrize(
        "text",
        [
            "x" * 10_000,
            "(" * 500 + "priority == 1" + ")" * 500,
            "not " * 40 + "priority == 1",
            "__import__('os')",
            "__import__('os').system('true')",
            "priority == 1 or " * 150 + "priority == 1",
            "account.tier in [" + ", ".join(["'a'"] * 150) + "]",
            "priority == 1; import os",
            "{}.__class__",
            "lambda: 1",
            "\x00\xff\u202e",
        ],
    )
    def test_hostile_text(self, text: str) -> None:
        """Hostile text raises only RuleSyntaxError or LimitExceededError."""
        with pytest.raises((RuleSyntaxError, LimitExceededError)):
            parse_condition(text)

    def test_limits(self) -> None:
        """Length and depth limits are LimitExceededError, checked before parsing."""
        with pytest.raises(LimitExceededError) as info:
            parse_condition(" " * (MAX_RULE_LENGTH + 1))
        assert MAX_RULE_LENGTH == info.value.limit
        with pytest.raises(LimitExceededError, match="deeper"):
            parse_condition("(" * 500 + "priority == 1" + ")" * 500)
        with pytest.raises(InvalidTypeError):
            parse_condition(b"priority == 1")  # type: ignore[arg-type]


@settings(max_examples=300)
@given(tree=condition_trees)
def test_format_then_parse_round_trips(tree: Any) -> None:
    """Any condition tree survives format then parse as an equal tree."""
    text = format_condition(tree)
    assert tree == parse_condition(text)
    assert text == format_condition(parse_condition(text))


_TOKENS = st.sampled_from(
    [
        "priority", "ticket.age", "account.tier", "sla.state", "and", "or", "not", "in",
        "contains", "==", "<=", "!=", "(", ")", "[", "]", ",", "'gold'", '"x', "4h", "1.5",
        "-", "true", "2", "30m4h", "\\", ".", "__import__", " ",
    ]
)  # fmt: skip


@settings(max_examples=500)
@given(text=st.text(max_size=200) | st.lists(_TOKENS, max_size=40).map(" ".join))
def test_random_text_raises_only_documented_errors(text: str) -> None:
    """Random text and token soup parse or raise RuleSyntaxError / LimitExceededError."""
    try:
        tree = parse_condition(text)
    except (RuleSyntaxError, LimitExceededError):
        return
    assert tree == parse_condition(format_condition(tree))


# -- routing -----------------------------------------------------------------------

RULES = [
    RoutingRule(name="critical", when="priority == 1", route_to="oncall"),
    RoutingRule(
        name="vip",
        when="account.tier in ['gold', 'platinum'] and ticket.age > 4h",
        route_to="account-manager",
        kind="hierarchical",
    ),
    RoutingRule(name="phone", when="channel == 'phone'", route_to="tier1-phone"),
]


class TestRouting:
    def test_first_match_wins(self) -> None:
        """route() takes the first matching rule, even when later ones match too."""
        c = ctx(
            ticket__priority="critical",
            account__tier="gold",
            ticket__age=dt.timedelta(hours=5),
            ticket__channel="phone",
        )
        decision = route(c, RULES, default="triage")
        assert ("oncall", "critical", ()) == (decision.route_to, decision.rule, decision.misses)

    def test_all_match(self) -> None:
        """route_all() returns every matching rule in order (Zendesk semantics)."""
        c = ctx(
            ticket__priority="critical",
            account__tier="gold",
            ticket__age=dt.timedelta(hours=5),
            ticket__channel="email",
        )
        result = route_all(c, RULES)
        assert ("oncall", "account-manager") == result.route_to
        assert ["phone"] == [m.rule for m in result.misses]
        assert ["critical", "vip", "phone"] == [r["rule"] for r in result.to_records()]

    def test_explanation_of_a_miss(self) -> None:
        """Each earlier rule names its first failing comparison and the value it saw."""
        c = ctx(
            ticket__priority="moderate",
            account__tier="gold",
            ticket__age=dt.timedelta(hours=3),
            ticket__channel="phone",
        )
        decision = route(c, RULES, default="triage")
        assert "tier1-phone" == decision.route_to
        critical, vip = decision.misses
        assert ("ticket.priority", "==", Priority.CRITICAL, Priority.MODERATE) == (
            critical.failed.field,
            critical.failed.op,
            critical.failed.value,
            critical.failed.actual,
        )
        assert ("ticket.age", dt.timedelta(hours=3)) == (vip.failed.field, vip.failed.actual)
        assert (
            "critical: ticket.priority == 1 was false (ticket.priority was 3, 'moderate')\n"
            "vip: ticket.age > 4h was false (ticket.age was 3h)\n"
            "phone matched: ticket.channel == 'phone' was true (ticket.channel was 'phone')"
        ) == decision.explanation

    def test_default_and_missing_values(self) -> None:
        """No match goes to the required default; a missing value is named as missing."""
        decision = route(ctx(ticket__priority="low"), RULES, default="triage")
        assert ("triage", None) == (decision.route_to, decision.rule)
        assert decision.misses[1].failed.missing
        assert "account.tier had no value" in decision.misses[1].text
        assert decision.explanation.endswith("no rule matched: default triage")

    def test_set_values_are_shown_sorted(self) -> None:
        """A set seen in a context is shown in sorted order, the same on every run."""
        rule = RoutingRule(name="vip", when="ticket.tags contains 'vip'", route_to="x")
        decision = route(ctx(ticket__tags={"zeta", "alpha", "mid"}), [rule], default="d")
        assert "(ticket.tags was ['alpha', 'mid', 'zeta'])" in decision.misses[0].text

    def test_miss_under_not(self) -> None:
        """A rule failed by a negation reports the comparison that was true."""
        rule = RoutingRule(name="open", when="not ticket.resolved == true", route_to="x")
        decision = route(ctx(ticket__resolved=True), [rule], default="d")
        failed = decision.misses[0].failed
        assert (True, True) == (failed.held, failed.negated)
        assert "not: ticket.resolved == true was true" in failed.text

    def test_bad_arguments(self) -> None:
        """Wrong types and an empty default are refused."""
        with pytest.raises(InvalidTypeError):
            route({"ticket.priority": 1}, RULES, default="x")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError):
            route(ctx(), ["priority == 1"], default="x")  # type: ignore[list-item]
        with pytest.raises(InvalidInputError):
            route(ctx(), RULES, default=" ")
        with pytest.raises(RuleSyntaxError):
            RoutingRule(name="r", when="priority ==", route_to="x")


# -- the routing context ---------------------------------------------------------------


def _account(**changes: Any) -> Account:
    base: dict[str, Any] = {
        "number": "A-1",
        "name": "Acme BV",
        "type": AccountType.BUSINESS,
        "status": AccountStatus.ACTIVE,
        "currency": "EUR",
        "timezone": "Europe/Amsterdam",
        "locale": "nl_NL",
        "tier": "gold",
        "tags": frozenset({"strategic"}),
    }
    base.update(changes)
    return Account(**base)


class TestContext:
    def test_ticket_fields(self) -> None:
        """Priority changes, reopenings and customer contacts up to as_of are counted."""
        ev = TicketEvent
        k = TicketEventKind
        ticket = Ticket(
            id="T-1",
            account_number="A-1",
            priority=Priority.LOW,
            created_at=T0,
            channel="email",
            tags={"vip"},
            events=[
                ev(at=T0 + dt.timedelta(hours=1), kind=k.CUSTOMER_REPLY),
                ev(at=T0 + dt.timedelta(days=2), kind=k.PRIORITY_CHANGED, priority=Priority.HIGH),
                ev(at=T0 + dt.timedelta(days=3), kind=k.RESOLVED),
                ev(at=T0 + dt.timedelta(days=3, hours=1), kind=k.REOPENED),
                ev(at=T0 + dt.timedelta(days=8), kind=k.CUSTOMER_REPLY),
                ev(at=T0 + dt.timedelta(days=8, hours=2), kind=k.CUSTOMER_REPLY),
                ev(at=T0 + dt.timedelta(days=20), kind=k.PRIORITY_CHANGED, priority=Priority.LOW),
            ],
        )
        as_of = T0 + dt.timedelta(days=8, hours=3)
        values = context_for(ticket, as_of=as_of).values
        assert Priority.HIGH == values["ticket.priority"]
        assert 1 == values["ticket.reopens"]
        # opening + 3 replies in all; the two replies of day 8 in the last 24 h and 7 days
        assert (4, 2, 2) == (
            values["ticket.contacts"],
            values["ticket.contacts_24h"],
            values["ticket.contacts_7d"],
        )
        assert ("open", False) == (values["ticket.status"], values["ticket.resolved"])
        assert dt.timedelta(days=8, hours=3) == values["ticket.age"]
        assert "account.tier" not in values
        assert "none" == values["sla.state"]

    def test_account_fields(self) -> None:
        """Account fields come from the ticket's account; unset ones are absent."""
        ticket = Ticket(id="T-1", account_number="A-1", priority=Priority.LOW, created_at=T0)
        values = context_for(ticket, account=_account(segment=None), as_of=T0).values
        assert ("gold", "business", "active") == (
            values["account.tier"],
            values["account.type"],
            values["account.status"],
        )
        assert frozenset({"strategic"}) == values["account.tags"]
        assert "account.segment" not in values
        with pytest.raises(InvalidInputError, match="is not the ticket's account"):
            context_for(ticket, account=_account(number="A-2"), as_of=T0)

    def test_bad_context_values(self) -> None:
        """A hand-built context is checked against the schema too."""
        with pytest.raises(InvalidInputError, match="names no context field"):
            RoutingContext(as_of=T0, values={"ticket.colour": "red"})
        with pytest.raises(InvalidTypeError):
            RoutingContext(as_of=T0, values={"ticket.tags": "vip"})
        with pytest.raises(InvalidInputError, match="naive"):
            RoutingContext(as_of=dt.datetime(2026, 1, 1), values={})
        ticket = Ticket(id="T-1", account_number="A-1", priority=Priority.LOW, created_at=T0)
        with pytest.raises(InvalidInputError, match="before the ticket"):
            context_for(ticket, as_of=T0 - dt.timedelta(seconds=1))
