"""Maturity: the built-in model against its source text, staged assessment, evidence."""

from __future__ import annotations

import datetime as dt
import decimal
import re
from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountplan.calendars import BusinessCalendar
from accountplan.exceptions import InvalidInputError, InvalidTypeError, LimitExceededError
from accountplan.i18n import label
from accountplan.maturity import (
    Answer,
    Assessment,
    Criterion,
    Dimension,
    LevelText,
    MaturityLevel,
    MaturityModel,
    assess,
    customer_account_management,
    evidence_from,
    load_model,
)
from accountplan.serialization import from_json, to_json
from tests.strategies_maturity import answer_sets, models

# The level texts of the source, copied verbatim from the "Seven Dimensions of
# Monetization" roadmap, dimension Customer Account Management
# (seeds/maturity-customer-account-management.txt, "What is Your Company's
# Maturity Level?").
SEED_LEVELS = {
    MaturityLevel.AD_HOC: (
        "Customer service is provided via email and managed on paper. Manual changes to "
        "contracts are difficult and time-consuming. 100% agent-driven."
    ),
    MaturityLevel.STRUCTURED: (
        "Customer service tickets can be submitted via a help desk or email. Changes to bills "
        "or contracts largely manual. Phone support available during working hours. Still "
        "mostly agent-driven."
    ),
    MaturityLevel.COORDINATED: (
        "Round-the-clock customer support via help desk, phone, email, chat, etc. Still need "
        "an agent to make contract changes. Rudimentary online portal gives limited status info."
    ),
    MaturityLevel.OPTIMIZED: (
        "Customers fully manage their accounts online to update billing and change contracts. "
        "Agents available as needed. Solutions like knowledge base and FAQs available before "
        "contact with an agent."
    ),
}
# The same source's steps of customer account management: the upselling and
# cross-selling claim the issue asks for comes from here, not from a level text.
SEED_UPSELL = (
    "Providing support for upselling and cross-selling opportunities allows businesses to "
    "maximize revenue potential by focusing on customer needs, recommending relevant offerings "
    "and facilitating the sales process."
)
SEED_DESCRIPTION = (
    "This dimension focuses on the processes that help a customer manage their account with a "
    "company, make changes to their contracts, inquire about billing and obtain customer service."
)


def sentences(text: str) -> list[str]:
    return re.split(r"(?<=\.)\s+", text)


MODEL = customer_account_management()
DIM = MODEL.dimensions[0]


def all_yes(model: MaturityModel = MODEL) -> dict[str, Answer | str]:
    return dict.fromkeys(model.criterion_keys, "yes")


class TestBuiltinModelAgainstSeed:
    def test_level_texts_are_the_seed_verbatim(self) -> None:
        """The English level texts are the source's, word for word."""
        assert SEED_LEVELS == {t.level: t.text for t in DIM.levels}
        assert SEED_DESCRIPTION == DIM.description

    def test_every_sentence_maps_to_a_criterion_of_its_level(self) -> None:
        """Each sentence of each level text is quoted by a criterion of that level."""
        for level, text in SEED_LEVELS.items():
            quoted = {c.source for c in DIM.criteria_at(level)}
            for sentence in sentences(text):
                assert sentence in quoted, f"{level.value}: {sentence!r} has no criterion"

    def test_the_golden_split_has_the_expected_sentences(self) -> None:
        """The splitting itself is right: 3, 4, 3 and 3 sentences per level."""
        assert [3, 4, 3, 3] == [len(sentences(SEED_LEVELS[lvl])) for lvl in MaturityLevel]

    def test_every_criterion_quotes_a_source_sentence_of_its_own_level(self) -> None:
        """No criterion quotes invented text; level-text quotes sit at their level."""
        by_sentence = {s: lvl for lvl, text in SEED_LEVELS.items() for s in sentences(text)}
        for criterion in DIM.criteria:
            if criterion.source == SEED_UPSELL:
                assert MaturityLevel.OPTIMIZED == criterion.level
                continue
            assert criterion.source in by_sentence, criterion.key
            assert by_sentence[criterion.source] == criterion.level, criterion.key

    def test_claims_from_the_issue_each_have_a_criterion(self) -> None:
        """Channels, hours, help desk, who changes contracts, portal, self-help, upselling."""
        expected = {
            "email_support",
            "phone_support_working_hours",
            "round_the_clock_support",
            "multichannel_support",
            "help_desk_tickets",
            "agent_contract_changes",
            "self_service_contracts",
            "self_service_billing",
            "portal_status",
            "knowledge_base",
            "faq",
            "upsell_cross_sell",
        }
        assert expected <= set(MODEL.criterion_keys)

    def test_the_model_covers_one_dimension_and_says_so(self) -> None:
        """Other roadmap dimensions are not invented; the scope names what is left out."""
        assert ["customer_account_management"] == [d.key for d in MODEL.dimensions]
        assert "Customer Account Management" in MODEL.scope
        assert "not part of this model" in MODEL.scope

    def test_dutch_model_has_the_same_structure(self) -> None:
        """The Dutch model differs only in its texts: same keys, levels and quotes."""
        dutch = customer_account_management(language="nl")
        dim = dutch.dimensions[0]
        assert "nl" == dutch.language
        assert [(c.key, c.level, c.source) for c in DIM.criteria] == [
            (c.key, c.level, c.source) for c in dim.criteria
        ]
        assert all(
            a.statement != b.statement for a, b in zip(DIM.criteria, dim.criteria, strict=True)
        )
        assert dim.text_for("structured").startswith(
            "Klantenservicetickets kunnen via een helpdesk"
        )
        assert [3, 4, 3, 3] == [len(sentences(dim.text_for(lvl))) for lvl in MaturityLevel]

    def test_unknown_language_is_refused(self) -> None:
        """Only the shipped languages are offered."""
        with pytest.raises(InvalidInputError, match="must be one of en, nl"):
            customer_account_management(language="de")  # type: ignore[arg-type]


class TestJson:
    @pytest.mark.parametrize("language", ["en", "nl"])
    def test_package_data_loads_strictly_and_round_trips(self, language: str) -> None:
        """The bundled file is a valid model in the wire format and round-trips exactly."""
        name = f"customer_account_management.{language}.json"
        text = resources.files("accountplan").joinpath("data", "maturity", name).read_text("utf-8")
        model = from_json(text, MaturityModel)
        assert customer_account_management(language=language) == model  # type: ignore[arg-type]
        assert model == load_model(to_json(model))

    def test_load_model_refuses_unknown_keys_and_wrong_types(self) -> None:
        """A company's own model file is checked as strictly as any other input."""
        text = to_json(MODEL).replace('"language": "en"', '"language": "en", "extra": 1')
        with pytest.raises(InvalidInputError, match=r"\$\.extra: unknown key"):
            load_model(text)
        bad_level = to_json(MODEL).replace('"level": "optimized"', '"level": "expert"', 1)
        with pytest.raises(InvalidInputError, match="expected one of"):
            load_model(bad_level)
        with pytest.raises(InvalidInputError, match="not valid JSON"):
            load_model("{")
        with pytest.raises(InvalidInputError, match="NaN is not allowed"):
            load_model('{"name": NaN}')
        with pytest.raises(InvalidInputError, match="must be JSON text"):
            load_model(b"{}")  # type: ignore[arg-type]

    def test_assessment_round_trips(self) -> None:
        """An assessment, levels and all, survives JSON exactly."""
        result = assess(MODEL, {"email_support": "yes", "faq": "partly"})
        assert result == from_json(to_json(result), Assessment)


class TestModelValidation:
    def levels(self) -> list[LevelText]:
        return [LevelText(level=lvl, text=lvl.value) for lvl in MaturityLevel]

    def crits(self) -> list[Criterion]:
        return [
            Criterion(key=f"k{lvl.rank}", level=lvl, statement="s", source="q")
            for lvl in MaturityLevel
        ]

    def test_every_level_needs_a_text_in_order(self) -> None:
        """A dimension describes each level once, lowest first."""
        with pytest.raises(InvalidInputError, match="every level exactly once"):
            Dimension(
                key="d",
                name="D",
                description="x",
                levels=self.levels()[::-1],
                criteria=self.crits(),
            )

    def test_every_level_above_ad_hoc_needs_a_criterion(self) -> None:
        """A level nobody can fail would be reached for free."""
        crits = [c for c in self.crits() if c.level is not MaturityLevel.COORDINATED]
        with pytest.raises(InvalidInputError, match="no criterion for this level"):
            Dimension(key="d", name="D", description="x", levels=self.levels(), criteria=crits)

    def test_keys_are_unique_across_the_model(self) -> None:
        """Answers are a flat mapping, so a key names one criterion only."""
        dim = Dimension(
            key="d", name="D", description="x", levels=self.levels(), criteria=self.crits()
        )
        with pytest.raises(InvalidInputError, match="repeats a criterion key"):
            Dimension(
                key="d", name="D", description="x", levels=self.levels(), criteria=self.crits() * 2
            )
        other = Dimension(
            key="e", name="E", description="x", levels=self.levels(), criteria=self.crits()
        )
        with pytest.raises(InvalidInputError, match="more than one dimension"):
            MaturityModel(name="m", source="s", scope="s", language="en", dimensions=[dim, other])
        with pytest.raises(InvalidInputError, match="repeats a dimension key"):
            MaturityModel(name="m", source="s", scope="s", language="en", dimensions=[dim, dim])
        with pytest.raises(InvalidInputError, match="'dimensions' must not be empty"):
            MaturityModel(name="m", source="s", scope="s", language="en", dimensions=[])

    def test_bad_fields(self) -> None:
        """Keys, levels and texts are checked when the model is built."""
        with pytest.raises(InvalidInputError, match="letters, digits"):
            Criterion(key="has space", level="ad_hoc", statement="s", source="q")
        with pytest.raises(InvalidInputError, match="must be one of 'ad_hoc'"):
            Criterion(key="k", level="expert", statement="s", source="q")
        with pytest.raises(InvalidTypeError, match="must be a MaturityLevel"):
            Criterion(key="k", level=2, statement="s", source="q")
        with pytest.raises(InvalidInputError, match="must not be empty"):
            Criterion(key="k", level="ad_hoc", statement=" ", source="q")
        with pytest.raises(LimitExceededError):
            Criterion(key="k", level="ad_hoc", statement="s" * 10_001, source="q")
        with pytest.raises(InvalidTypeError, match="must be a sequence"):
            Dimension(key="d", name="D", description="x", levels="abc", criteria=self.crits())
        with pytest.raises(InvalidTypeError, match=r"criteria\[0\]"):
            Dimension(key="d", name="D", description="x", levels=self.levels(), criteria=["c"])

    def test_lookups(self) -> None:
        """Criteria and level texts are found by key and level."""
        assert MaturityLevel.OPTIMIZED == MODEL.criterion("faq").level
        with pytest.raises(InvalidInputError, match="not a criterion"):
            MODEL.criterion("nope")
        assert SEED_LEVELS[MaturityLevel.OPTIMIZED] == DIM.text_for(MaturityLevel.OPTIMIZED)


class TestLevelsAndAnswers:
    def test_levels_are_ordered(self) -> None:
        """Ad-hoc < Structured < Coordinated < Optimized, with ranks 1-4."""
        assert sorted(MaturityLevel, reverse=True)[::-1] == list(MaturityLevel)
        assert [1, 2, 3, 4] == [lvl.rank for lvl in MaturityLevel]
        assert MaturityLevel.OPTIMIZED.next is None
        assert MaturityLevel.COORDINATED >= MaturityLevel.STRUCTURED
        assert not MaturityLevel.AD_HOC > MaturityLevel.AD_HOC
        assert MaturityLevel.AD_HOC.__lt__(1) is NotImplemented

    def test_points(self) -> None:
        """yes 100, partly 50, no 0, unknown none (never 0)."""
        assert [Decimal(100), Decimal(50), Decimal(0), None] == [a.points for a in Answer]

    @pytest.mark.parametrize("locale", ["en", "nl", "de", "fr"])
    def test_labels(self, locale: str) -> None:
        """Levels and answers have labels in every shipped locale."""
        assert label(MaturityLevel.OPTIMIZED, locale=locale)
        assert label(Answer.PARTLY, locale=locale)

    def test_dutch_labels(self) -> None:
        """The Dutch labels are Dutch."""
        assert "Gecoördineerd" == label(MaturityLevel.COORDINATED, locale="nl_NL")
        assert "Gedeeltelijk" == label(Answer.PARTLY, locale="nl")


class TestAssess:
    def test_optimized_but_for_one_structured_criterion_is_ad_hoc_with_a_high_mean(self) -> None:
        """Weakest link: one unmet Structured criterion keeps the practice at Ad-hoc."""
        answers = all_yes()
        answers["phone_support_working_hours"] = "no"
        result = assess(MODEL, answers)
        # 17 of 18 criteria at 100 points, one at 0: 1700 / 18 = 94.444... -> 94.44
        assert MaturityLevel.AD_HOC == result.level
        assert Decimal("94.44") == result.mean_score
        dim = result.dimensions[0]
        assert MaturityLevel.STRUCTURED == dim.next_level
        assert ("phone_support_working_hours",) == dim.blocking
        assert SEED_LEVELS[MaturityLevel.STRUCTURED] == dim.recommendation

    def test_partly_scores_half_and_does_not_meet(self) -> None:
        """A partly answer is 50 points in the mean and still blocks the level."""
        answers = all_yes()
        answers["portal_status"] = Answer.PARTLY
        result = assess(MODEL, answers)
        # (17 x 100 + 50) / 18 = 97.222... -> 97.22
        assert Decimal("97.22") == result.mean_score
        assert MaturityLevel.STRUCTURED == result.level
        assert ("portal_status",) == result.dimensions[0].blocking

    def test_all_yes_is_optimized(self) -> None:
        """Meeting everything reaches the top, with nothing to recommend."""
        dim = assess(MODEL, all_yes()).dimensions[0]
        assert (MaturityLevel.OPTIMIZED, None, "", ()) == (
            dim.level,
            dim.next_level,
            dim.recommendation,
            dim.blocking,
        )

    def test_unknown_is_a_gap_not_a_no(self) -> None:
        """An unknown answer is left out of the mean and listed; the level is not confirmed."""
        answers = all_yes()
        answers["faq"] = "unknown"
        result = assess(MODEL, answers)
        dim = result.dimensions[0]
        assert Decimal("100.00") == result.mean_score
        assert 17 == dim.answered
        assert ("faq",) == result.gaps == dim.gaps
        assert MaturityLevel.COORDINATED == result.level
        assert MaturityLevel.OPTIMIZED == result.potential_level
        assert () == dim.blocking

    def test_no_answers_at_all(self) -> None:
        """Nothing known: no level confirmed, no mean, every criterion a gap."""
        result = assess(MODEL, {})
        assert (None, MaturityLevel.OPTIMIZED, None) == (
            result.level,
            result.potential_level,
            result.mean_score,
        )
        assert MODEL.criterion_keys == result.gaps
        assert MaturityLevel.AD_HOC == result.dimensions[0].next_level

    def test_blocking_lists_unmet_criteria_up_to_the_next_level_only(self) -> None:
        """Criteria of levels above the next one do not block it."""
        answers = all_yes()
        answers.update(help_desk_tickets="no", round_the_clock_support="no", faq="partly")
        dim = assess(MODEL, answers).dimensions[0]
        assert MaturityLevel.AD_HOC == dim.level
        assert ("help_desk_tickets",) == dim.blocking

    def test_weakest_link_over_dimensions(self) -> None:
        """The overall level is the lowest dimension's; the mean is over all answers."""
        levels = [LevelText(level=lvl, text=f"{lvl.value} text") for lvl in MaturityLevel]

        def dim(prefix: str) -> Dimension:
            crits = [
                Criterion(key=f"{prefix}{lvl.rank}", level=lvl, statement="s", source="q")
                for lvl in MaturityLevel
            ]
            return Dimension(
                key=prefix, name=prefix, description="d", levels=levels, criteria=crits
            )

        model = MaturityModel(
            name="m", source="s", scope="s", language="en", dimensions=[dim("a"), dim("b")]
        )
        answers = dict.fromkeys(model.criterion_keys, "yes")
        answers["b3"] = "no"
        result = assess(model, answers)
        assert [MaturityLevel.OPTIMIZED, MaturityLevel.STRUCTURED] == [
            d.level for d in result.dimensions
        ]
        assert MaturityLevel.STRUCTURED == result.level
        assert Decimal("87.50") == result.mean_score  # 7 x 100 / 8
        assert "coordinated text" == result.dimensions[1].recommendation

    def test_answers_for_unknown_criteria_are_an_error(self) -> None:
        """A typo in a key is reported, never ignored."""
        with pytest.raises(InvalidInputError, match="does not have") as info:
            assess(MODEL, {"email_suport": "yes", "faq": "yes"})
        assert ["email_suport"] == info.value.value
        with pytest.raises(InvalidInputError) as long_key:
            assess(MODEL, {"x" * 1000: "yes"})
        assert ["x" * 57 + "..."] == long_key.value.value

    def test_bad_answers(self) -> None:
        """Only the four answers (members or values) are accepted."""
        with pytest.raises(InvalidInputError, match="'yes', 'partly', 'no', 'unknown'"):
            assess(MODEL, {"faq": "maybe"})
        with pytest.raises(InvalidTypeError):
            assess(MODEL, {"faq": True})  # type: ignore[dict-item]
        with pytest.raises(InvalidTypeError, match="mapping"):
            assess(MODEL, [("faq", "yes")])  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="model"):
            assess("model", {})  # type: ignore[arg-type]

    def test_answers_accept_members_and_values(self) -> None:
        """Answer.YES and "yes" mean the same."""
        assert assess(MODEL, {"faq": Answer.YES}) == assess(MODEL, {"faq": "yes"})

    def test_the_ambient_decimal_context_changes_nothing(self) -> None:
        """A caller's low precision does not round the mean score."""
        answers = all_yes()
        answers["faq"] = "partly"
        with decimal.localcontext() as ctx:
            ctx.prec = 2
            result = assess(MODEL, answers)
        assert Decimal("97.22") == result.mean_score

    def test_records_and_html(self) -> None:
        """One row per criterion, and an HTML table for notebooks."""
        result = assess(MODEL, {"faq": "no"})
        rows = result.to_records()
        assert len(MODEL.criterion_keys) == len(rows)
        assert {
            "dimension": "customer_account_management",
            "criterion": "faq",
            "level": "optimized",
            "answer": "no",
            "met": False,
        } in rows
        assert "<table>" in result._repr_html_()


def rank(level: MaturityLevel | None) -> int:
    return 0 if level is None else level.rank


def staged_oracle(model: MaturityModel, answers: dict[str, Answer]) -> MaturityLevel | None:
    """Highest level L such that every criterion at or below L is answered yes."""
    best = None
    for level in MaturityLevel:
        needed = [c.key for d in model.dimensions for c in d.criteria if c.level <= level]
        if all(answers.get(k) is Answer.YES for k in needed):
            best = level
    return best


class TestProperties:
    @given(data=st.data())
    def test_staged_level_never_above_an_unmet_criterion(self, data: st.DataObject) -> None:
        """No unmet criterion sits at or below the staged level; the level matches an oracle."""
        model = data.draw(models())
        answers = data.draw(answer_sets(model))
        result = assess(model, answers)
        for dim in result.dimensions:
            for r in dim.results:
                if not r.met:
                    assert dim.level is None or dim.level < r.level
        if len(model.dimensions) == 1:
            assert staged_oracle(model, answers) == result.level
        levels = [d.level for d in result.dimensions]
        expected = None if None in levels else min(lvl for lvl in levels if lvl is not None)
        assert expected == result.level

    @given(data=st.data())
    def test_mean_in_range_and_potential_not_below_level(self, data: st.DataObject) -> None:
        """The mean is a percentage; filling gaps with yes never lowers the level."""
        model = data.draw(models())
        result = assess(model, data.draw(answer_sets(model)))
        if result.mean_score is not None:
            assert Decimal(0) <= result.mean_score <= Decimal(100)
        for dim in result.dimensions:
            if dim.level is not None:
                assert dim.potential_level is not None
                assert dim.level <= dim.potential_level

    @given(data=st.data())
    def test_improving_an_answer_never_lowers_the_level(self, data: st.DataObject) -> None:
        """Turning any answer into yes keeps or raises the staged level and the mean."""
        model = data.draw(models())
        answers = data.draw(answer_sets(model))
        key = data.draw(st.sampled_from(list(model.criterion_keys)))
        before = assess(model, answers)
        after = assess(model, {**answers, key: Answer.YES})
        assert rank(after.level) >= rank(before.level)
        if before.mean_score is not None and answers.get(key) not in (None, Answer.UNKNOWN):
            assert after.mean_score is not None
            assert after.mean_score >= before.mean_score


AMS = "Europe/Amsterdam"
OFFICE = BusinessCalendar.weekly(AMS, hours={d: [("09:00", "17:00")] for d in range(5)})
ALWAYS = BusinessCalendar.always(AMS)


class TestEvidence:
    def test_a_coordinated_setup(self) -> None:
        """24/7 help desk, phone, email and chat, a status portal: the facts give these answers."""
        evidence = evidence_from(
            channels={"help_desk": ALWAYS, "phone": ALWAYS, "email": ALWAYS, "chat": ALWAYS},
            portal={"status"},
            knowledge_base=False,
        )
        answers = evidence.answers
        assert {
            "email_support": Answer.YES,
            "requests_recorded": Answer.YES,
            "help_desk_tickets": Answer.YES,
            "phone_support_working_hours": Answer.YES,
            "round_the_clock_support": Answer.YES,
            "multichannel_support": Answer.YES,
            "portal_status": Answer.YES,
            "self_service_billing": Answer.NO,
            "self_service_contracts": Answer.NO,
            "knowledge_base": Answer.NO,
        } == dict(answers)
        assert (
            "contract_changes_by_hand",
            "agents_handle_requests",
            "bill_and_contract_changes",
            "some_requests_without_agent",
            "agent_contract_changes",
            "agents_on_demand",
            "faq",
            "upsell_cross_sell",
        ) == evidence.underived
        reasons = {d.criterion: d.reason for d in evidence.derived}
        assert "a 'help_desk' channel is offered" == reasons["help_desk_tickets"]
        assert (
            "portal capability 'update_billing' absent (portal: status)"
            == reasons["self_service_billing"]
        )

    def test_round_the_clock_uses_the_half_threshold(self) -> None:
        """All channels 24/7: yes; at least half: partly; fewer: no. The portal is not support."""

        def answer(channels: dict[str, BusinessCalendar]) -> Answer:
            return evidence_from(channels=channels).answers["round_the_clock_support"]

        assert Answer.YES == answer({"email": ALWAYS, "portal": OFFICE})
        assert Answer.PARTLY == answer({"email": ALWAYS, "phone": OFFICE})
        assert Answer.NO == answer({"email": ALWAYS, "phone": OFFICE, "chat": OFFICE})
        assert Answer.NO == answer({"portal": ALWAYS})

    def test_a_calendar_with_holidays_is_not_round_the_clock(self) -> None:
        """Closed on Christmas Day is not 24/7."""
        closed = BusinessCalendar(
            timezone=AMS, hours=ALWAYS.hours, holidays=[dt.date(2026, 12, 25)]
        )
        derived = evidence_from(channels={"email": closed})
        assert Answer.NO == derived.answers["round_the_clock_support"]
        reasons = {d.criterion: d.reason for d in derived.derived}
        assert (
            "support channels open 24/7: none; not 24/7: email"
            == reasons["round_the_clock_support"]
        )

    def test_multichannel_counts(self) -> None:
        """Four of four channels: yes; two or three: partly; fewer: no."""
        assert (
            Answer.PARTLY
            == evidence_from(channels={"email": OFFICE, "phone": OFFICE}, help_desk=False).answers[
                "multichannel_support"
            ]
        )
        assert (
            Answer.NO
            == evidence_from(channels={"email": OFFICE}, help_desk=False).answers[
                "multichannel_support"
            ]
        )
        assert (
            Answer.YES
            == evidence_from(
                channels={"email": OFFICE, "phone": OFFICE, "chat": OFFICE}, help_desk=True
            ).answers["multichannel_support"]
        )

    def test_missing_channels_are_no_when_the_channels_are_known(self) -> None:
        """A known list of channels without email or phone answers no for them."""
        answers = evidence_from(channels={"chat": OFFICE}).answers
        assert Answer.NO == answers["email_support"] == answers["phone_support_working_hours"]
        assert "multichannel_support" not in answers  # the help desk is not known

    def test_no_portal(self) -> None:
        """An empty capability set means no portal: every portal criterion is no."""
        answers = evidence_from(portal=set()).answers
        assert {Answer.NO} == {
            answers[k] for k in ("portal_status", "self_service_billing", "self_service_contracts")
        }

    def test_nothing_known_derives_nothing(self) -> None:
        """Without facts every criterion is left to the assessor."""
        evidence = evidence_from()
        assert () == evidence.derived
        assert MODEL.criterion_keys == evidence.underived

    def test_evidence_feeds_assess(self) -> None:
        """Derived answers go straight into an assessment; the rest stay gaps."""
        evidence = evidence_from(channels={"email": OFFICE}, help_desk=False)
        result = assess(MODEL, evidence.answers)
        # The Ad-hoc criteria about agents are not derivable, so no level is confirmed;
        # the help desk fact caps what the practice could reach at Ad-hoc.
        assert (None, MaturityLevel.AD_HOC) == (result.level, result.potential_level)
        assert "agents_handle_requests" in result.gaps
        assert "help_desk_tickets" not in result.gaps

    def test_bad_facts(self) -> None:
        """Wrong types and unknown capabilities are refused with the field named."""
        with pytest.raises(InvalidTypeError, match="channels"):
            evidence_from(channels=[("email", OFFICE)])  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match=r"channels\['email'\]"):
            evidence_from(channels={"email": "9-5"})  # type: ignore[dict-item]
        with pytest.raises(InvalidInputError, match="must be one of status"):
            evidence_from(portal={"teleport"})  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="portal"):
            evidence_from(portal="status")  # type: ignore[arg-type]
        with pytest.raises(InvalidTypeError, match="faq"):
            evidence_from(faq="yes")  # type: ignore[arg-type]
        with pytest.raises(LimitExceededError):
            evidence_from(channels={f"c{i}": OFFICE for i in range(101)})


class TestEdges:
    def test_a_phone_channel_without_hours_is_no_phone_support(self) -> None:
        """A phone line that is never staffed does not count."""
        never = BusinessCalendar.weekly(AMS, hours={})
        derived = evidence_from(channels={"phone": never})
        assert Answer.NO == derived.answers["phone_support_working_hours"]
        assert "the 'phone' channel has no hours" == derived.derived[1].reason

    def test_levels_do_not_compare_with_other_types(self) -> None:
        """Ordering is defined among levels only."""
        for method in ("__lt__", "__le__", "__gt__", "__ge__"):
            assert getattr(MaturityLevel.AD_HOC, method)("ad_hoc") is NotImplemented
        with pytest.raises(TypeError):
            _ = MaturityLevel.AD_HOC < 2

    def test_size_limits(self) -> None:
        """Models are bounded before any work."""
        levels = [LevelText(level=lvl, text="t") for lvl in MaturityLevel]
        many = [
            Criterion(key=f"k{i}", level="structured", statement="s", source="q")
            for i in range(501)
        ]
        with pytest.raises(LimitExceededError):
            Dimension(key="d", name="D", description="x", levels=levels, criteria=many)
        with pytest.raises(LimitExceededError):
            MaturityModel(name="m", source="s", scope="s", language="en", dimensions=[DIM] * 51)

    def test_to_pandas(self) -> None:
        """An assessment's rows become a DataFrame."""
        pytest.importorskip("pandas")
        frame = assess(MODEL, {"faq": "yes"}).to_pandas()
        assert ["dimension", "criterion", "level", "answer", "met"] == list(frame.columns)
        assert len(MODEL.criterion_keys) == len(frame)

    def test_evidence_tables(self) -> None:
        """Evidence lists every criterion once, derived or not, as rows and as HTML."""
        evidence = evidence_from(help_desk=True)
        rows = evidence.to_records()
        assert list(MODEL.criterion_keys) == [r["criterion"] for r in rows]
        assert {
            "criterion": "help_desk_tickets",
            "answer": "yes",
            "reason": "tickets go through a help desk",
        } in rows
        assert {"criterion": "faq", "answer": "unknown", "reason": ""} in rows
        assert "<table>" in evidence._repr_html_()
        pytest.importorskip("pandas")
        assert len(rows) == len(evidence.to_pandas())
