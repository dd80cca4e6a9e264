"""Hypothesis strategies for the maturity models and assessments."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from accountplan.maturity import (
    Answer,
    Assessment,
    Criterion,
    CriterionResult,
    Derivation,
    Dimension,
    DimensionAssessment,
    Evidence,
    LevelText,
    MaturityLevel,
    MaturityModel,
    assess,
    customer_account_management,
    evidence_from,
)

__all__ = [
    "MODEL_STRATEGIES",
    "answer_sets",
    "answers",
    "assessments",
    "criteria",
    "dimensions",
    "levels",
    "models",
]

levels = st.sampled_from(list(MaturityLevel))
answers = st.sampled_from(list(Answer))
#: The Unicode bidirectional controls, refused in every string (like Cc and Cs).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
texts = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters=BIDI_CONTROLS
    ),
    min_size=1,
    max_size=30,
).filter(lambda t: t.strip() == t and t.strip() != "")
keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=12)

criteria = st.builds(Criterion, key=keys, level=levels, statement=texts, source=texts)
level_texts = st.builds(LevelText, level=levels, text=texts)


@st.composite
def dimensions(draw: st.DrawFn, *, prefix: str = "") -> Dimension:
    """A valid dimension: every level described, 1-3 criteria for each level."""
    crits: list[Criterion] = []
    for level in MaturityLevel:
        count = draw(st.integers(min_value=0 if level is MaturityLevel.AD_HOC else 1, max_value=3))
        for i in range(count):
            crits.append(
                Criterion(
                    key=f"{prefix}{level.value}_{i}",
                    level=level,
                    statement=draw(texts),
                    source=draw(texts),
                )
            )
    return Dimension(
        key=prefix.rstrip(".") or "dim",
        name=draw(texts),
        description=draw(texts),
        levels=[LevelText(level=level, text=draw(texts)) for level in MaturityLevel],
        criteria=crits,
    )


@st.composite
def models(draw: st.DrawFn) -> MaturityModel:
    """A valid model of 1-3 dimensions with distinct keys."""
    count = draw(st.integers(min_value=1, max_value=3))
    return MaturityModel(
        name=draw(texts),
        source=draw(texts),
        scope=draw(texts),
        language=draw(st.sampled_from(["en", "nl", "de"])),
        dimensions=[draw(dimensions(prefix=f"d{i}.")) for i in range(count)],
    )


def answer_sets(model: MaturityModel) -> st.SearchStrategy[dict[str, Answer]]:
    """Answers for any subset of the model's criteria."""
    return st.dictionaries(st.sampled_from(list(model.criterion_keys)), answers)


@st.composite
def assessments(draw: st.DrawFn) -> Assessment:
    """An assessment of a random model, or of the built-in one."""
    model = draw(st.one_of(models(), st.just(customer_account_management())))
    return assess(model, draw(answer_sets(model)))


criterion_results = st.builds(
    CriterionResult, key=keys, level=levels, statement=texts, answer=answers
)
dimension_assessments = assessments().flatmap(lambda a: st.sampled_from(a.dimensions))
derivations = st.builds(Derivation, criterion=keys, answer=answers, reason=texts)
evidences = st.builds(
    evidence_from,
    help_desk=st.none() | st.booleans(),
    portal=st.none()
    | st.frozensets(
        st.sampled_from(["status", "update_billing", "change_contract", "payments", "add_products"])
    ),
    knowledge_base=st.none() | st.booleans(),
    faq=st.none() | st.booleans(),
)

MODEL_STRATEGIES: dict[type, st.SearchStrategy[Any]] = {
    Criterion: criteria,
    LevelText: level_texts,
    Dimension: dimensions(),
    MaturityModel: models(),
    CriterionResult: criterion_results,
    DimensionAssessment: dimension_assessments,
    Assessment: assessments(),
    Derivation: derivations,
    Evidence: evidences,
}
