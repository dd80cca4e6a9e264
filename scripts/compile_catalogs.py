"""Compile the gettext catalogs (.po) of accountplan into the shipped .mo files.

Usage:
    python scripts/compile_catalogs.py          # write every .mo next to its .po
    python scripts/compile_catalogs.py --check  # exit 1 if a .mo is missing or stale
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent.parent / "src" / "accountplan" / "i18n" / "locales"


def compile_po(po_path: Path) -> bytes:
    """Return the .mo bytes for one .po file (fuzzy entries are left out)."""
    with po_path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--check", action="store_true", help="only check that .mo files are current"
    )
    args = parser.parse_args(argv)
    stale: list[Path] = []
    for po_path in sorted(LOCALES.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        data = compile_po(po_path)
        if mo_path.exists() and mo_path.read_bytes() == data:
            continue
        if args.check:
            stale.append(mo_path)
        else:
            mo_path.write_bytes(data)
            print(f"compiled {mo_path.relative_to(LOCALES)}")
    for path in stale:
        print(f"stale or missing: {path.relative_to(LOCALES)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
