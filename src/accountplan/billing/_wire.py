"""The billing wire format: computed totals written out, checked on the way in.

An [Invoice][accountplan.billing.Invoice] stores its lines, not its totals; a
consumer outside Python should not have to recompute VAT, so its JSON also
carries ``subtotal``, ``tax`` and ``total``, and a
[SettledInvoice][accountplan.billing.SettledInvoice]'s JSON carries
``amount_paid`` and ``amount_due``. These keys are read-only: on input they
may be left out (they are computed), and when present they must equal the
computed values, or loading fails with an ``InvalidInputError`` at their JSON
path (``$.total``, ``$.invoice.tax``, ...).

Four union-shaped models are tagged unions: a late-fee component, a cap, a
due-date rule and an installment are each written as their variant, with a
``kind`` tag and only that variant's fields (no null padding)::

    {"kind": "percentage", "label": "", "percent": "2"}
    {"kind": "amount", "amount": {"amount": "500.00", "currency": "EUR"}}
    {"kind": "day_of_next_month", "day": 15, "cutoff_days": 5}
    {"kind": "balance", "rule": {"kind": "net", "days": 30}}

The flattened form earlier versions wrote is still read: keys of other
variants are accepted when they hold the padding those versions wrote
(``null``, and ``0`` for a due-date rule's ``days`` and ``months``), and a cap
or an installment without ``kind`` takes the variant its non-null field
names.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError

from accountplan._converter import Bad
from accountplan.billing._invoice import Invoice
from accountplan.billing._late_fees import CAP_KINDS, COMPONENT_KINDS, Cap, LateFeeComponent
from accountplan.billing._settle import SettledInvoice
from accountplan.billing._terms import DUE_RULE_KINDS, INSTALLMENT_KINDS, DueRule, Installment
from accountplan.exceptions import InvalidTypeError
from accountplan.money import Money

__all__ = ["READ_ONLY_FIELDS", "TAGGED_UNIONS", "configure_converter"]

#: The computed keys each model writes to JSON and checks when reading it.
READ_ONLY_FIELDS: dict[type, tuple[str, ...]] = {
    Invoice: ("subtotal", "tax", "total"),
    SettledInvoice: ("amount_paid", "amount_due"),
}


#: Each tagged union: its variants by ``kind`` tag.
TAGGED_UNIONS: Mapping[type, Mapping[str, type]] = {
    LateFeeComponent: COMPONENT_KINDS,
    Cap: CAP_KINDS,
    DueRule: DUE_RULE_KINDS,
    Installment: INSTALLMENT_KINDS,
}

#: The padding the flattened form wrote for keys of other variants.
_PADDING: Mapping[type, Mapping[str, Any]] = {
    LateFeeComponent: {"amount": None, "percent": None, "interest": None},
    Cap: {"amount": None, "percent": None},
    DueRule: {"days": 0, "months": 0, "day": None, "cutoff_days": None},
    Installment: {"amount": None, "percent": None},
}


def _untagged_kind(union: type, data: Mapping[str, Any]) -> str | None:
    """The variant of a cap or an installment written without ``kind`` (the flattened form)."""
    given = {name for name in ("amount", "percent") if data.get(name) is not None}
    if union is Cap:
        return ({"amount"} == given and "amount") or ({"percent"} == given and "percent") or None
    if union is Installment and len(given) < 2:
        return "fixed" if "amount" in given else "percentage" if "percent" in given else "balance"
    return None


def _is_padding(value: Any, padding: Any) -> bool:
    return value is None if padding is None else type(value) is type(padding) and value == padding


def _register_union(converter: cattrs.Converter, union: type, kinds: Mapping[str, type]) -> None:
    padding = _PADDING[union]
    options = ", ".join(json.dumps(kind) for kind in kinds)

    def structure(value: Any, _: Any) -> Any:
        if isinstance(value, union):  # a native value (from_dict)
            return value
        if not isinstance(value, dict):
            raise Bad(value, f"expected an object with a 'kind' tag of {options}")
        tag = value["kind"] if "kind" in value else _untagged_kind(union, value)
        variant = kinds.get(tag) if isinstance(tag, str) else None
        if variant is None:
            shown = "no 'kind'" if "kind" not in value else f"kind {json.dumps(tag)}"
            raise Bad(tag, f"expected a 'kind' tag of {options}, got {shown}")
        own = {field.name for field in attrs.fields(variant)}
        data = {
            key: item
            for key, item in value.items()
            if key in own or key not in padding or not _is_padding(item, padding[key])
        }
        data["kind"] = tag
        return converter.structure(data, variant)

    def unstructure(value: Any) -> Any:
        return converter.unstructure(value, type(value))

    # The union's own type only: a variant is an attrs class with its own hooks.
    converter.register_structure_hook_func(lambda t: t is union, structure)
    converter.register_unstructure_hook_func(lambda t: t is union, unstructure)


def _register(converter: cattrs.Converter, cls: type[Any], names: tuple[str, ...]) -> None:
    base_unstructure: Callable[[Any], Any] = converter.get_unstructure_hook(cls)
    base_structure: Callable[[Any, Any], Any] = converter.get_structure_hook(cls)

    def unstructure(value: Any) -> Any:
        data = base_unstructure(value)
        for name in names:
            data[name] = converter.unstructure(getattr(value, name), Money)
        return data

    def structure(value: Any, type_: Any) -> Any:
        if not isinstance(value, dict):
            return base_structure(value, type_)
        given = {name: value[name] for name in names if name in value}
        built = base_structure({k: v for k, v in value.items() if k not in given}, type_)
        problems: list[Exception] = []
        for name, raw in given.items():
            computed = getattr(built, name)
            try:
                money = converter.structure(raw, Money)
            except Exception as exc:  # a validation failure, located below
                problem: Exception = exc
            else:
                if money == computed:
                    continue
                problem = Bad(
                    raw,
                    f"is computed and read-only: expected {computed}, got {money}",
                )
            problem.add_note(AttributeValidationNote(f"Structuring {name}", name, Money))
            problems.append(problem)
        if problems:
            raise ClassValidationError(f"While structuring {cls.__name__}", problems, cls)
        return built

    converter.register_unstructure_hook(cls, unstructure)
    converter.register_structure_hook(cls, structure)


def configure_converter(converter: cattrs.Converter, /) -> None:
    """Teach ``converter`` the billing wire format: computed totals, tagged unions.

    An ``Invoice`` is written with ``subtotal``, ``tax`` and ``total`` and a
    ``SettledInvoice`` with ``amount_paid`` and ``amount_due`` (each a
    [Money][accountplan.money.Money] object). When reading, these keys may be
    absent (the values are computed from the lines and settlements); when
    present each must equal the computed value. Late-fee components, caps,
    due-date rules and installments are written as tagged unions (a ``kind``
    tag and the variant's own fields); the flattened form with ``null``
    padding is still read.

    Args:
        converter: A converter from
            [make_converter][accountplan.serialization.make_converter]; it is
            changed in place.

    Returns:
        None.

    Raises:
        InvalidTypeError: ``converter`` is not a ``cattrs.Converter``.

    Examples:
        >>> import datetime as dt
        >>> from accountplan.billing import Invoice, InvoiceLine
        >>> from accountplan.money import Money
        >>> from accountplan.serialization import from_dict, make_converter
        >>> converter = make_converter()
        >>> configure_converter(converter)
        >>> invoice = Invoice(
        ...     number="INV-1", account_number="C-1",
        ...     issue_date=dt.date(2025, 1, 1), due_date=dt.date(2025, 1, 31), currency="EUR",
        ...     lines=[InvoiceLine(description="Plan",
        ...                        unit_price=Money(amount=100, currency="EUR"), tax_rate=21)],
        ... )
        >>> data = converter.unstructure(invoice)
        >>> [data[key]["amount"] for key in ("subtotal", "tax", "total")]
        ['100.00', '21.00', '121.00']
        >>> from_dict(data, Invoice, converter=converter) == invoice
        True
        >>> data["total"] = {"amount": "120.00", "currency": "EUR"}
        >>> from_dict(data, Invoice, converter=converter)
        Traceback (most recent call last):
        ...
        accountplan.exceptions.InvalidInputError: 1 problem in input:
          $.total: is computed and read-only: expected 121.00 EUR, got 120.00 EUR
    """
    if not isinstance(converter, cattrs.Converter):
        raise InvalidTypeError("converter", converter, "must be a cattrs.Converter")
    for cls, names in READ_ONLY_FIELDS.items():
        _register(converter, cls, names)
    for union, kinds in TAGGED_UNIONS.items():
        _register_union(converter, union, kinds)
