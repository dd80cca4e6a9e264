"""Translated labels for the library's enums, from gettext catalogs.

Catalogs live in ``locales/<language>/LC_MESSAGES/<domain>.po`` (sources) and
``.mo`` (compiled, shipped). An entry's context is the enum class name and its
message id is the member's value.
"""

from __future__ import annotations

import enum
from functools import lru_cache
from importlib import resources
from typing import Final

from babel.messages.mofile import read_mo

from accountplan.exceptions import InvalidInputError, InvalidTypeError
from accountplan.i18n._format import babel_locale

__all__ = ["LABEL_LOCALES", "label", "labels_for"]

#: Languages with complete label catalogs.
LABEL_LOCALES: Final = ("de", "en", "fr", "nl")


@lru_cache(maxsize=16)
def _catalog(language: str) -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    folder = resources.files("accountplan.i18n").joinpath("locales", language, "LC_MESSAGES")
    if not folder.is_dir():
        return table
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".mo"):
            continue
        with entry.open("rb") as handle:
            catalog = read_mo(handle)
        for message in catalog:
            if (
                message.id
                and message.context
                and isinstance(message.string, str)
                and message.string
            ):
                # babel's read_mo hands contexts back as bytes; the .mo is UTF-8.
                context: object = message.context
                if isinstance(context, bytes):
                    context = context.decode("utf-8")
                table[(str(context), str(message.id))] = message.string
    return table


def _language_for(locale: str) -> str:
    parsed = babel_locale(locale)
    return parsed.language if parsed.language in LABEL_LOCALES else "en"


def label(member: enum.Enum, /, *, locale: str) -> str:
    """Return the translated label of an enum member.

    Locales whose language has no catalog get the English label.

    Args:
        member: A member of one of the library's enums, such as
            ``AccountStatus.SUSPENDED``.
        locale: A locale identifier such as ``"nl_NL"``; only its language
            counts (see ``LABEL_LOCALES``).

    Returns:
        The label in the locale's language, or in English.

    Raises:
        InvalidTypeError: ``member`` is not an enum member, or ``locale`` is
            not a string.
        InvalidInputError: ``member`` has no label in any catalog, or
            ``locale`` is not a locale known to CLDR.

    >>> from accountplan.accounts import AccountStatus
    >>> label(AccountStatus.SUSPENDED, locale="nl_NL"), label(AccountStatus.SUSPENDED, locale="ja")
    ('Opgeschort', 'Suspended')
    >>> label(_Example.SAMPLE, locale="nl_NL")
    Traceback (most recent call last):
    ...
    accountplan.exceptions.InvalidInputError: 'member' has no label ...
    """
    if not isinstance(member, enum.Enum):
        raise InvalidTypeError("member", member, "must be an enum member")
    key = (type(member).__name__, str(member.value))
    language = _language_for(locale)
    text = _catalog(language).get(key) or _catalog("en").get(key)
    if text is None:
        raise InvalidInputError("member", member, "has no label in any catalog")
    return text


def labels_for(enum_type: type[enum.Enum], /, *, locale: str) -> dict[enum.Enum, str]:
    """Return every member's label, in definition order.

    Args:
        enum_type: One of the library's enum classes, such as ``Priority``.
        locale: A locale identifier such as ``"de_DE"``; only its language
            counts (see ``LABEL_LOCALES``).

    Returns:
        A new dict from each member to its label.

    Raises:
        InvalidTypeError: ``enum_type`` is not an enum class, or ``locale``
            is not a string.
        InvalidInputError: a member has no label in any catalog, or
            ``locale`` is not a locale known to CLDR.

    >>> from accountplan.tickets import Priority
    >>> list(labels_for(Priority, locale="de_DE").values())
    ['Kritisch', 'Hoch', 'Mittel', 'Niedrig', 'Planung']
    """
    given: object = enum_type
    if not (isinstance(given, type) and issubclass(given, enum.Enum)):
        raise InvalidTypeError("enum_type", enum_type, "must be an enum class, such as Priority")
    return {member: label(member, locale=locale) for member in given}


class _Example(enum.Enum):
    SAMPLE = "sample"
