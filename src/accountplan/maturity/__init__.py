"""Maturity models and assessment: where an account-management practice stands.

The built-in model is the Customer Account Management dimension of the
"Seven Dimensions of Monetization" roadmap
([customer_account_management][accountplan.maturity.customer_account_management]);
a company can load its own model from JSON. See the how-to "Assess your
customer account management maturity".
"""

from accountplan.maturity._assess import (
    SCORE_PLACES,
    Assessment,
    CriterionResult,
    DimensionAssessment,
    assess,
)
from accountplan.maturity._builtin import (
    MODEL_LANGUAGES,
    ModelLanguage,
    customer_account_management,
    load_model,
)
from accountplan.maturity._evidence import (
    MAX_CHANNELS,
    PORTAL_CAPABILITIES,
    SUPPORT_CHANNELS,
    Derivation,
    Evidence,
    PortalCapability,
    evidence_from,
)
from accountplan.maturity._model import (
    MAX_CRITERIA,
    MAX_DIMENSIONS,
    Answer,
    Criterion,
    Dimension,
    LevelText,
    MaturityLevel,
    MaturityModel,
)

__all__ = [
    "MAX_CHANNELS",
    "MAX_CRITERIA",
    "MAX_DIMENSIONS",
    "MODEL_LANGUAGES",
    "PORTAL_CAPABILITIES",
    "SCORE_PLACES",
    "SUPPORT_CHANNELS",
    "Answer",
    "Assessment",
    "Criterion",
    "CriterionResult",
    "Derivation",
    "Dimension",
    "DimensionAssessment",
    "Evidence",
    "LevelText",
    "MaturityLevel",
    "MaturityModel",
    "ModelLanguage",
    "PortalCapability",
    "assess",
    "customer_account_management",
    "evidence_from",
    "load_model",
]
