"""Process templates as data: steps with their option lists, approval gates, the review loop."""

from __future__ import annotations

from importlib import resources
from typing import Any

import attrs

from accountplan._converter import load_json
from accountplan._frozen import FrozenMap
from accountplan._validate import check_type, mapping_of, tuple_of
from accountplan.exceptions import InvalidInputError, LimitExceededError
from accountplan.plan._common import by_key, check_text, key_field, text_field

__all__ = [
    "ACCOUNT_MANAGEMENT_PROCESS",
    "MAX_ITEMS",
    "MAX_OPTIONS",
    "ApprovalGate",
    "OptionList",
    "ProcessStep",
    "ProcessTemplate",
    "ReviewLoop",
    "load_process",
]

#: Most steps plus gates a template may have.
MAX_ITEMS = 200
#: Most options in one option list (and most option lists and questions in one step).
MAX_OPTIONS = 100


@attrs.frozen(kw_only=True)
class OptionList:
    """A list of options a step's answer picks from.

    Attributes:
        key: The list's key, unique within its step.
        title: What the list asks for, for people.
        options: The options, in the template's order.
        multiple: Whether several options may be picked (else exactly one).

    Examples:
        >>> scale = OptionList(key="satisfaction", title="Customer satisfaction",
        ...     options=["Satisfied", "Neutral"], multiple=False)
        >>> scale.options
        ('Satisfied', 'Neutral')
    """

    key: str = attrs.field(validator=key_field)
    title: str = attrs.field(validator=text_field())
    options: tuple[str, ...] = attrs.field(
        converter=tuple_of(  # type: ignore[misc]  # attrs.Converter
            check_text, limit=MAX_OPTIONS, non_empty=True, unique_by=True, what="strings"
        ),
    )
    multiple: bool = attrs.field(default=True)

    def __attrs_post_init__(self) -> None:
        check_type("multiple", self.multiple, bool)


@attrs.frozen(kw_only=True)
class ProcessStep:
    """One task of a process template.

    Attributes:
        key: The step's key, unique within the template.
        number: Its position among all the template's items (steps and gates), from 1.
        title: The step's title.
        description: What the step is for and its desired result.
        questions: The questions the step asks the person doing it.
        option_lists: The option lists its answer picks from (may be empty).

    Examples:
        >>> ACCOUNT_MANAGEMENT_PROCESS.step("gather_records").option_lists[0].options[0]
        'Financial statements'
    """

    key: str = attrs.field(validator=key_field)
    number: int
    title: str = attrs.field(validator=text_field())
    description: str = attrs.field(default="", validator=text_field(empty=True))
    questions: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple_of(check_text, limit=MAX_OPTIONS, what="strings"),  # type: ignore[misc]  # attrs.Converter
    )
    option_lists: tuple[OptionList, ...] = attrs.field(
        default=(),
        converter=tuple_of(OptionList, limit=MAX_OPTIONS),  # type: ignore[misc]  # attrs.Converter
    )

    def __attrs_post_init__(self) -> None:
        _number(self.number)
        keys = [o.key for o in self.option_lists]
        for i, key in enumerate(keys):
            if key in keys[:i]:
                raise InvalidInputError(f"option_lists[{i}].key", key, "is used twice in the step")

    def option_list(self, key: str, /) -> OptionList:
        """Return the step's option list called ``key``.

        Args:
            key: The option list's key.

        Returns:
            The [OptionList][accountplan.plan.OptionList].

        Raises:
            InvalidInputError: the step has no such option list.

        Examples:
            >>> step = ACCOUNT_MANAGEMENT_PROCESS.step("analyze_status")
            >>> step.option_list("satisfaction").multiple
            False
        """
        known = ", ".join(o.key for o in self.option_lists) or "none"
        return by_key(
            self.option_lists,
            key,
            field="answers",
            missing=f"is not an option list of {self.key} ({known})",
        )


def _number(value: Any) -> int:
    check_type("number", value, int)
    if not 1 <= value <= MAX_ITEMS:
        raise InvalidInputError("number", value, f"must be from 1 to {MAX_ITEMS}")
    return int(value)


@attrs.frozen(kw_only=True)
class ApprovalGate:
    """An approval: the steps it covers are submitted, and everything after it waits for it.

    Attributes:
        key: The gate's key, unique within the template.
        number: Its position among all the template's items, from 1.
        title: The gate's title (``"Approval: ..."``).
        covers: The keys of the steps submitted for approval, in template order.

    Examples:
        >>> ACCOUNT_MANAGEMENT_PROCESS.gate("approve_plan").covers
        ('define_objectives', 'draft_plan')
    """

    key: str = attrs.field(validator=key_field)
    number: int
    title: str = attrs.field(validator=text_field())
    covers: tuple[str, ...] = attrs.field(
        converter=tuple_of(check_text, limit=MAX_ITEMS, non_empty=True, what="strings"),  # type: ignore[misc]  # attrs.Converter
    )

    def __attrs_post_init__(self) -> None:
        _number(self.number)


def _months(field: str, value: Any) -> int:
    months = check_type(field, value, int)
    if not 1 <= months <= 120:
        raise InvalidInputError(field, value, "must be 1 to 120")
    return months


@attrs.frozen(kw_only=True)
class ReviewLoop:
    """The step that is repeated on a cadence chosen in the run.

    Attributes:
        step: The key of the review step.
        options: The key of the review step's single-choice option list that
            picks the cadence.
        cadence_months: Months between reviews for each option; an option
            that is not listed (``"As needed"``) schedules no next review.

    Examples:
        >>> dict(ACCOUNT_MANAGEMENT_PROCESS.review.cadence_months)["Quarterly"]
        3
    """

    step: str = attrs.field(validator=key_field)
    options: str = attrs.field(validator=key_field)
    cadence_months: FrozenMap[str, int] = attrs.field(
        default=FrozenMap(),
        converter=mapping_of(check_text, _months, limit=MAX_OPTIONS, what="months"),  # type: ignore[misc]  # attrs.Converter
    )


@attrs.frozen(kw_only=True)
class ProcessTemplate:
    """A process: ordered steps, the approval gates between them, and an optional review loop.

    Validation: keys are unique across steps and gates; the numbers of all
    items are exactly 1 to N; every gate covers existing steps, listed in
    template order, all before the gate, none covered by another gate; the
    review loop names an existing step and one of its single-choice option
    lists, and its cadences name options of that list.

    Attributes:
        name: The template's name.
        description: What the process is for.
        steps: The steps.
        gates: The approval gates.
        review: The [ReviewLoop][accountplan.plan.ReviewLoop], or ``None``.

    Examples:
        >>> [g.number for g in ACCOUNT_MANAGEMENT_PROCESS.gates]
        [5, 8, 15, 19]
    """

    name: str = attrs.field(validator=text_field())
    description: str = attrs.field(validator=text_field(empty=True))
    steps: tuple[ProcessStep, ...] = attrs.field(
        converter=tuple_of(ProcessStep, limit=MAX_ITEMS),  # type: ignore[misc]  # attrs.Converter
    )
    gates: tuple[ApprovalGate, ...] = attrs.field(
        default=(),
        converter=tuple_of(ApprovalGate, limit=MAX_ITEMS),  # type: ignore[misc]  # attrs.Converter
    )
    review: ReviewLoop | None = None

    def __attrs_post_init__(self) -> None:
        if not self.steps:
            raise InvalidInputError("steps", self.steps, "must have at least one step")
        if len(self.steps) + len(self.gates) > MAX_ITEMS:
            raise LimitExceededError("steps", len(self.steps) + len(self.gates), MAX_ITEMS)
        keys: set[str] = set()
        labelled: list[tuple[str, ProcessStep | ApprovalGate]] = [
            *((f"steps[{i}]", s) for i, s in enumerate(self.steps)),
            *((f"gates[{i}]", g) for i, g in enumerate(self.gates)),
        ]
        for field, item in labelled:
            if item.key in keys:
                raise InvalidInputError(f"{field}.key", item.key, "is used twice")
            keys.add(item.key)
        numbers = sorted(item.number for _, item in labelled)
        expected = list(range(1, len(numbers) + 1))
        if numbers != expected:
            raise InvalidInputError(
                "number", numbers, f"the items must be numbered 1 to {len(numbers)}, once each"
            )
        step_number = {s.key: s.number for s in self.steps}
        covered: dict[str, str] = {}
        for i, gate in enumerate(self.gates):
            field = f"gates[{i}].covers"
            previous = 0
            for key in gate.covers:
                if key not in step_number:
                    raise InvalidInputError(field, key, "is not a step of the template")
                if key in covered:
                    raise InvalidInputError(field, key, f"is already covered by {covered[key]}")
                if step_number[key] > gate.number:
                    raise InvalidInputError(field, key, f"comes after the gate {gate.key}")
                if step_number[key] <= previous:
                    raise InvalidInputError(field, key, "is not listed in template order")
                previous = step_number[key]
                covered[key] = gate.key
        if self.review is not None:
            check_type("review", self.review, ReviewLoop)
            if self.review.step not in step_number:
                raise InvalidInputError("review.step", self.review.step, "is not a step")
            step = self.step(self.review.step)
            lists = {o.key: o for o in step.option_lists}
            choice = lists.get(self.review.options)
            if choice is None or choice.multiple:
                raise InvalidInputError(
                    "review.options",
                    self.review.options,
                    f"is not a single-choice option list of {step.key}",
                )
            for option in self.review.cadence_months:
                if option not in choice.options:
                    raise InvalidInputError(
                        "review.cadence_months", option, f"is not an option of {choice.key}"
                    )

    @property
    def items(self) -> tuple[ProcessStep | ApprovalGate, ...]:
        """Steps and gates together, in template order."""
        return tuple(sorted((*self.steps, *self.gates), key=lambda item: item.number))

    def step(self, key: str, /) -> ProcessStep:
        """Return the step called ``key``.

        Args:
            key: The step's key.

        Returns:
            The [ProcessStep][accountplan.plan.ProcessStep].

        Raises:
            InvalidInputError: the template has no such step.

        Examples:
            >>> ACCOUNT_MANAGEMENT_PROCESS.step("review_plan").number
            18
        """
        return by_key(self.steps, key, field="step", missing=f"is not a step of {self.name!r}")

    def gate(self, key: str, /) -> ApprovalGate:
        """Return the approval gate called ``key``.

        Args:
            key: The gate's key.

        Returns:
            The [ApprovalGate][accountplan.plan.ApprovalGate].

        Raises:
            InvalidInputError: the template has no such gate.

        Examples:
            >>> ACCOUNT_MANAGEMENT_PROCESS.gate("approve_review").title
            'Approval: Periodic Review of Account Management Plan'
        """
        return by_key(
            self.gates, key, field="gate", missing=f"is not an approval gate of {self.name!r}"
        )


def load_process(text: str, /) -> ProcessTemplate:
    """Load a [ProcessTemplate][accountplan.plan.ProcessTemplate] from JSON text, strictly.

    Custom templates have the same shape as the built-in one (see its JSON in
    the package data); unknown keys, wrong types and invalid templates are
    refused with every problem listed.

    Args:
        text: The template as JSON.

    Returns:
        The template.

    Raises:
        InvalidInputError: the text is not JSON or not a valid template; every
            problem is listed with its JSON path.
        LimitExceededError: the text is longer than 10,000,000 characters.

    Examples:
        >>> template = load_process('''{"name": "Onboarding", "description": "",
        ...   "steps": [{"key": "kickoff", "number": 1, "title": "Kick-off"},
        ...             {"key": "setup", "number": 3, "title": "Set up"}],
        ...   "gates": [{"key": "go", "number": 2, "title": "Approval: Kick-off",
        ...              "covers": ["kickoff"]}]}''')
        >>> [item.key for item in template.items]
        ['kickoff', 'go', 'setup']
        >>> load_process('{"name": "x", "description": "", "steps": []}')
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: ...steps...must have at least one step...
    """
    return load_json(text, ProcessTemplate)


def _bundled() -> ProcessTemplate:
    text = (
        resources.files("accountplan")
        .joinpath("data", "process", "account_management.json")
        .read_text("utf-8")
    )
    return load_process(text)


ACCOUNT_MANAGEMENT_PROCESS: ProcessTemplate = _bundled()
"""The built-in 20-item account-management process ("Account Management Template").

16 steps and 4 approval gates in the source's order, with the source's titles,
descriptions, questions and option lists; the review step loops back on the
cadence picked in it. Loaded from the package data
``accountplan/data/process/account_management.json``.
"""
