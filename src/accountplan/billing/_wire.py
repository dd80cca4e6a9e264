"""The billing wire format: computed totals written out, checked on the way in.

An [Invoice][accountplan.billing.Invoice] stores its lines, not its totals; a
consumer outside Python should not have to recompute VAT, so its JSON also
carries ``subtotal``, ``tax`` and ``total``, and a
[SettledInvoice][accountplan.billing.SettledInvoice]'s JSON carries
``amount_paid`` and ``amount_due``. These keys are read-only: on input they
may be left out (they are computed), and when present they must equal the
computed values, or loading fails with an ``InvalidInputError`` at their JSON
path (``$.total``, ``$.invoice.tax``, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import cattrs
from cattrs.errors import AttributeValidationNote, ClassValidationError

from accountplan._converter import Bad
from accountplan.billing._invoice import Invoice
from accountplan.billing._settle import SettledInvoice
from accountplan.exceptions import InvalidTypeError
from accountplan.money import Money

__all__ = ["READ_ONLY_FIELDS", "configure_converter"]

#: The computed keys each model writes to JSON and checks when reading it.
READ_ONLY_FIELDS: dict[type, tuple[str, ...]] = {
    Invoice: ("subtotal", "tax", "total"),
    SettledInvoice: ("amount_paid", "amount_due"),
}


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
    """Teach ``converter`` the billing wire format: computed totals, read-only.

    An ``Invoice`` is written with ``subtotal``, ``tax`` and ``total`` and a
    ``SettledInvoice`` with ``amount_paid`` and ``amount_due`` (each a
    [Money][accountplan.money.Money] object). When reading, these keys may be
    absent (the values are computed from the lines and settlements); when
    present each must equal the computed value.

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
