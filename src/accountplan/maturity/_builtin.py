"""The built-in Customer Account Management model, loaded from package data."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, get_args

from accountplan._converter import collect_problems, make_base_converter
from accountplan._validate import check_choice
from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.maturity._model import MaturityModel

__all__ = ["MODEL_LANGUAGES", "ModelLanguage", "customer_account_management", "load_model"]

ModelLanguage = Literal["en", "nl"]
"""The languages the built-in model's texts are available in."""
MODEL_LANGUAGES: tuple[str, ...] = get_args(ModelLanguage)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def load_model(text: str, /) -> MaturityModel:
    """Load a [MaturityModel][accountplan.maturity.MaturityModel] from JSON text, strictly.

    The wire format is the library's own (see "JSON wire format"); unknown keys,
    wrong types and invalid models are refused with every problem listed.
    [from_json][accountplan.serialization.from_json] does the same for any model.

    Args:
        text: The model as JSON.

    Returns:
        The model.

    Raises:
        InvalidInputError: the text is not JSON or not a valid model; every
            problem is listed with its JSON path.

    Examples:
        >>> load_model('{"name": "x"}')
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: 4 problems in input:
          $.source: required key is missing
          $.scope: required key is missing
          $.language: required key is missing
          $.dimensions: required key is missing
    """
    if not isinstance(text, str):
        raise InvalidTypeError("text", text, "must be JSON text (str)", path="$")
    try:
        data = json.loads(text, parse_constant=_refuse_constant)
    except (ValueError, RecursionError) as exc:
        raise InvalidInputError("$", None, f"is not valid JSON: {exc}", path="$") from None
    try:
        return make_base_converter().structure(data, MaturityModel)
    except Exception as exc:
        problems = collect_problems(exc)
        first = problems[0]
        raise InvalidInputError(
            first.path, first.value, first.message, path=first.path, problems=problems
        ) from None


@lru_cache(maxsize=len(MODEL_LANGUAGES))
def _bundled(language: str) -> MaturityModel:
    name = f"customer_account_management.{language}.json"
    text = resources.files("accountplan").joinpath("data", "maturity", name).read_text("utf-8")
    return load_model(text)


def customer_account_management(*, language: ModelLanguage = "en") -> MaturityModel:
    """Return the built-in Customer Account Management maturity model.

    One dimension of the "Seven Dimensions of Monetization" roadmap; its
    criteria come from the roadmap's level texts, one observable criterion per
    claim, each quoting the (English) sentence it comes from. The model does
    not invent the roadmap's other dimensions: ``model.scope`` says what it
    covers.

    Args:
        language: ``"en"`` or ``"nl"``: the language of the level texts and
            criterion statements (quotes stay in the source's English).

    Returns:
        The model (the same value on every call).

    Raises:
        InvalidInputError: ``language`` is not one of the model's languages.

    Examples:
        >>> model = customer_account_management(language="nl")
        >>> model.dimensions[0].name
        'Klantaccountbeheer'
        >>> len(model.criterion_keys)
        18
    """
    check_choice("language", language, MODEL_LANGUAGES)
    return _bundled(language)
