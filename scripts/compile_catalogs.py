"""Compile the gettext catalogs (.po) of accountplan into the shipped .mo files.

Usage:
    python scripts/compile_catalogs.py          # write every .mo next to its .po
    python scripts/compile_catalogs.py --check  # exit 1 if a .mo is missing or stale

A .mo file is current when it holds the same messages as its .po source. The
comparison is by content (message ids, contexts and translations), not by
bytes: Babel writes its own version into the catalog header, so the bytes of
a correct catalog differ between Babel releases.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent.parent / "src" / "accountplan" / "i18n" / "locales"


def compile_po(po_path: Path) -> bytes:
    """Return the .mo bytes for one .po file (fuzzy entries are left out)."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


Messages = dict[tuple[object, str | None], object]


def _messages(catalog: Catalog) -> Messages:
    """The translated messages of a catalog, without its header and fuzzy entries."""
    return {
        (message.id, _text(message.context)): message.string
        for message in catalog
        if message.id and message.string and not message.fuzzy
    }


def _text(context: object) -> str | None:
    """A message context as text: Babel before 2.19 reads .mo contexts back as bytes."""
    if isinstance(context, bytes):
        return context.decode("utf-8")
    return None if context is None else str(context)


def is_current(po_path: Path, mo_path: Path) -> bool:
    """Whether ``mo_path`` exists and holds exactly the messages of ``po_path``."""
    if not mo_path.exists():
        return False
    with po_path.open("rb") as handle:
        source = read_po(handle, abort_invalid=True)
    with mo_path.open("rb") as handle:
        compiled = read_mo(handle)
    return _messages(source) == _messages(compiled)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="only check that .mo files are current"
    )
    args = parser.parse_args(argv)
    stale: list[Path] = []
    for po_path in sorted(LOCALES.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if is_current(po_path, mo_path):
            continue
        if args.check:
            stale.append(mo_path)
        else:
            mo_path.write_bytes(compile_po(po_path))
            print(f"compiled {mo_path.relative_to(LOCALES)}")
    for path in stale:
        print(f"stale or missing: {path.relative_to(LOCALES)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
