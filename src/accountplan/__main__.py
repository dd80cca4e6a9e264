"""The ``accountplan`` command line: ``python -m accountplan COMMAND ...``.

Exit codes: 0 when the command did its work, 1 when the input was fine but
the answer is bad (a plan with validation errors), 2 for bad input (a file
that cannot be read, JSON or CSV that does not fit, an unknown option), with
the file, the JSON path or CSV row, and the message on stderr; never a
traceback for bad input.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import pathlib
import sys
import zoneinfo
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from typing import IO, Any, NoReturn, TypeVar

from accountplan._version import __version__
from accountplan.billing import Invoice, Payment, aging_report, open_items
from accountplan.exceptions import AccountPlanError, InvalidInputError
from accountplan.i18n import parse_locale
from accountplan.money import Money
from accountplan.plan import AccountPlan, ProcessRun, plan_schema, validate_plan
from accountplan.report import (
    DEMO_AS_OF,
    FORMATS,
    INTEREST_REGIMES,
    demo_inputs,
    health_report,
    render,
    statutory_claim,
)
from accountplan.serialization import from_dict, from_json, to_json
from accountplan.sla import SlaPolicy, SlaPolicySet, compliance, evaluate_many
from accountplan.tickets import Ticket

__all__ = ["main"]

T = TypeVar("T")

EXIT_OK = 0
EXIT_BAD_ANSWER = 1
EXIT_BAD_INPUT = 2

#: Progress is shown for at least this many tickets (and only on a terminal).
PROGRESS_FROM = 1_000


class InputError(Exception):
    """Bad input: the message says which file and where."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of exiting, so ``main`` returns the code."""

    def error(self, message: str) -> NoReturn:
        raise InputError(f"{self.prog}: {message}")


# ------------------------------------------------------------------- input ---


def _read(path: str) -> str:
    try:
        return pathlib.Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None


def _json(path: str, cls: Any) -> Any:
    text = _read(path)
    try:
        return from_json(text, cls)
    except InvalidInputError as error:
        raise InputError(f"{path}: {error}") from None


def _csv_rows(path: str, text: str, required: Sequence[str]) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in required if c not in (reader.fieldnames or ())]
    if missing:
        raise InputError(f"{path}: the header lacks the column(s) {', '.join(missing)}")
    try:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except csv.Error as error:
        raise InputError(f"{path}: line {reader.line_num}: {error}") from None


def _set(target: dict[str, Any], key: str, value: str) -> None:
    if value != "":
        target[key] = value


def _invoices_from_csv(path: str, text: str) -> list[dict[str, Any]]:
    columns = ("number", "issue_date", "due_date", "currency", "description", "unit_price")
    found: dict[str, dict[str, Any]] = {}
    for row in _csv_rows(path, text, columns):
        invoice = found.setdefault(row["number"], {"number": row["number"], "lines": []})
        for key in ("account_number", "issue_date", "due_date", "currency", "status"):
            _set(invoice, key, row.get(key, ""))
        line: dict[str, Any] = {
            "description": row["description"],
            "unit_price": {"amount": row["unit_price"], "currency": row["currency"]},
        }
        _set(line, "quantity", row.get("quantity", ""))
        _set(line, "tax_rate", row.get("tax_rate", ""))
        invoice["lines"].append(line)
    return list(found.values())


def _payments_from_csv(path: str, text: str) -> list[dict[str, Any]]:
    out = []
    for row in _csv_rows(path, text, ("reference", "amount", "currency", "received_on")):
        payment: dict[str, Any] = {
            "reference": row["reference"],
            "amount": {"amount": row["amount"], "currency": row["currency"]},
            "received_on": row["received_on"],
        }
        _set(payment, "payment_method", row.get("payment_method", ""))
        _set(payment, "account_number", row.get("account_number", ""))
        if row.get("invoices"):
            payment["invoices"] = [n.strip() for n in row["invoices"].split(";") if n.strip()]
        out.append(payment)
    return out


def _tickets_from_csv(path: str, text: str) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for row in _csv_rows(path, text, ("id", "account_number", "priority", "created_at")):
        ticket = found.get(row["id"])
        if ticket is None:
            ticket = {
                "id": row["id"],
                "account_number": row["account_number"],
                "priority": row["priority"],
                "created_at": row["created_at"],
                "events": [],
            }
            _set(ticket, "channel", row.get("channel", ""))
            if row.get("tags"):
                ticket["tags"] = [t.strip() for t in row["tags"].split(";") if t.strip()]
            found[row["id"]] = ticket
        if row.get("event_at") or row.get("event_kind"):
            event: dict[str, Any] = {
                "at": row.get("event_at", ""),
                "kind": row.get("event_kind", ""),
            }
            for key in ("status", "priority", "actor"):
                _set(event, key, row.get(f"event_{key}", ""))
            ticket["events"].append(event)
    return list(found.values())


_CSV_READERS: dict[type, Callable[[str, str], list[dict[str, Any]]]] = {
    Invoice: _invoices_from_csv,
    Payment: _payments_from_csv,
    Ticket: _tickets_from_csv,
}


def _items(path: str, cls: type[T]) -> tuple[T, ...]:
    """A JSON array of ``cls`` values, or a CSV file (``.csv``) of them."""
    if not path.lower().endswith(".csv"):
        result: tuple[T, ...] = _json(path, tuple[cls, ...])  # type: ignore[valid-type]
        return result
    rows = _CSV_READERS[cls](path, _read(path))
    out: list[T] = []
    for index, data in enumerate(rows):
        try:
            out.append(from_dict(data, cls))
        except InvalidInputError as error:
            key = "number" if cls is Invoice else "reference" if cls is Payment else "id"
            raise InputError(
                f"{path}: {cls.__name__.lower()} {data.get(key)!r} (item {index}): {error}"
            ) from None
    return tuple(out)


def _date(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: not a date (YYYY-MM-DD): {text!r}") from None


def _moment(text: str, option: str) -> dt.datetime | dt.date:
    """A day (YYYY-MM-DD) or an instant with an offset."""
    if len(text) == 10:
        return _date(text, option)
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option}: not a date or an RFC 3339 instant: {text!r}") from None
    if value.tzinfo is None:
        raise InputError(f"{option}: an instant needs an offset (such as +02:00 or Z): {text!r}")
    return value


def _end_of(value: dt.date | dt.datetime, zone: str) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    tz = zoneinfo.ZoneInfo(zone)
    return dt.datetime.combine(value + dt.timedelta(days=1), dt.time(0), tzinfo=tz).astimezone(
        dt.UTC
    )


def _locale(text: str) -> str:
    try:
        return parse_locale(text)
    except InvalidInputError as error:
        raise InputError(f"--locale: {error}") from None


# ------------------------------------------------------------------ output ---


def _emit(text: str, output: str | None, stdout: IO[str]) -> None:
    if output is None:
        stdout.write(text)
        return
    try:
        pathlib.Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        raise InputError(f"{output}: cannot write: {error}") from None


class _Progress:
    """A one-line progress indicator on stderr, shown only on a terminal."""

    def __init__(self, stream: IO[str], label: str) -> None:
        self.stream = stream
        self.label = label
        self.active = bool(getattr(stream, "isatty", lambda: False)())
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.active or total < PROGRESS_FROM:
            return
        self.stream.write(f"\r{self.label}: {done}/{total}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


# ---------------------------------------------------------------- commands ---


def _add_output(parser: argparse.ArgumentParser, *, formats: Sequence[str] = FORMATS) -> None:
    parser.add_argument(
        "--locale", default="en", help="locale of the text, such as en or nl_NL (default en)"
    )
    parser.add_argument(
        "--format", default="text", choices=formats, help="output format (default text)"
    )
    parser.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")


def _demo(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    locale = _locale(args.locale)
    as_of = DEMO_AS_OF if args.as_of is None else _moment(args.as_of, "--as-of")
    demo = demo_inputs()
    progress = _Progress(err, "measuring tickets")
    try:
        report = health_report(
            demo.plan,
            invoices=demo.invoices,
            payments=demo.payments,
            tickets=demo.tickets,
            as_of=as_of,
            run=demo.run,
            progress=progress,
        )
    finally:
        progress.close()
    _emit(render(report, locale=locale, format=args.format), args.output, out)
    return EXIT_OK


def _report(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    locale = _locale(args.locale)
    as_of = _moment(args.as_of, "--as-of")
    plan: AccountPlan = _json(args.plan, AccountPlan)
    invoices = _items(args.invoices, Invoice)
    payments = _items(args.payments, Payment)
    tickets = _items(args.tickets, Ticket)
    run = None if args.run is None else _json(args.run, ProcessRun)
    progress = _Progress(err, "measuring tickets")
    try:
        report = health_report(
            plan,
            invoices=invoices,
            payments=payments,
            tickets=tickets,
            as_of=as_of,
            run=run,
            interest_regime=args.regime,
            progress=progress,
        )
    finally:
        progress.close()
    _emit(render(report, locale=locale, format=args.format), args.output, out)
    return EXIT_OK


def _validate(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    del err
    plan: AccountPlan = _json(args.plan, AccountPlan)
    findings = validate_plan(plan)
    if args.format == "json":
        _emit(to_json(tuple(findings), indent=2) + "\n", args.output, out)
    else:
        lines = [f"{f.severity.value}: {f.path}: {f.message}" for f in findings]
        lines.append(f"{args.plan}: {len(findings)} finding(s)")
        _emit("\n".join(lines) + "\n", args.output, out)
    errors = [f for f in findings if f.severity.value == "error"]
    return EXIT_BAD_ANSWER if errors else EXIT_OK


def _schema(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    del err
    schema = model_schema(args.model)
    _emit(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", args.output, out)
    return EXIT_OK


def _policy(args: argparse.Namespace) -> tuple[SlaPolicy | SlaPolicySet, str]:
    if (args.plan is None) == (args.policy is None):
        raise InputError("sla: give exactly one of --plan and --policy")
    if args.plan is not None:
        plan: AccountPlan = _json(args.plan, AccountPlan)
        return plan.sla, plan.overview.timezone
    text = _read(args.policy)
    try:
        data = json.loads(text)
    except ValueError as error:
        raise InputError(f"{args.policy}: $: is not valid JSON: {error}") from None
    cls: type = SlaPolicySet if isinstance(data, dict) and "default" in data else SlaPolicy
    return _json(args.policy, cls), args.timezone


def _sla(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    locale = _locale(args.locale)
    moment = _moment(args.as_of, "--as-of")
    policies, zone = _policy(args)
    tickets = _items(args.tickets, Ticket)
    as_of = _end_of(moment, zone)
    progress = _Progress(err, "measuring tickets")
    measured = []
    try:
        seen: set[str] = set()
        for m in evaluate_many(tickets, policies, as_of=as_of):
            if m.ticket_id not in seen:
                seen.add(m.ticket_id)
                if len(seen) % 250 == 0:
                    progress(len(seen), len(tickets))
            measured.append(m)
    finally:
        progress.close()
    by = tuple(b.strip() for b in args.by.split(",") if b.strip())
    report = compliance(measured, by=by, aggregate=args.aggregate)
    _emit(render(report, locale=locale, format=args.format), args.output, out)
    return EXIT_OK


def _aging(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    del err
    as_of = _date(args.as_of, "--as-of")
    try:
        buckets = tuple(int(b) for b in args.buckets.split(","))
    except ValueError:
        raise InputError(f"--buckets: not a list of whole days: {args.buckets!r}") from None
    locale = _locale(args.locale)
    invoices = _items(args.invoices, Invoice)
    payments = () if args.payments is None else _items(args.payments, Payment)
    items = open_items(invoices, payments, as_of=as_of)
    report = aging_report(items, as_of=as_of, buckets=buckets, currency=args.currency)
    _emit(render(report, locale=locale, format=args.format), args.output, out)
    return EXIT_OK


def _interest(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    del err
    locale = _locale(args.locale)
    try:
        amount = Decimal(args.amount)
    except InvalidOperation:
        raise InputError(f"AMOUNT: not a decimal number: {args.amount!r}") from None
    principal = Money(amount=amount, currency=args.currency)
    claim = statutory_claim(
        principal,
        due=_date(args.due, "--due"),
        as_of=_date(args.as_of, "--as-of"),
        regime=args.regime,
        invoice=args.invoice,
    )
    _emit(render(claim, locale=locale, format=args.format), args.output, out)
    return EXIT_OK


def model_schema(name: str) -> dict[str, Any]:
    """The JSON Schema of the plan (``plan``) or of a model the plan is made of.

    A part's schema points at its definition among the plan schema's
    ``$defs`` (``SlaPolicy``, ``Account``, ``DunningPolicy`` ...), so it
    validates that model's JSON on its own.
    """
    plan = plan_schema()
    if name == "plan":
        return plan
    definitions: dict[str, Any] = plan.get("$defs", {})
    if name not in definitions:
        known = ", ".join(["plan", *sorted(definitions)])
        raise InputError(f"schema: no model {name!r}; known models: {known}")
    return {
        "$schema": plan["$schema"],
        "$id": f"{plan['$id']}:{name}",
        "$ref": f"#/$defs/{name}",
        "$defs": definitions,
    }


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="accountplan",
        description="Account plans as code: health reports, SLAs, aging and late-payment interest.",
        epilog="Exit codes: 0 ok, 1 a bad answer (plan validation errors), 2 bad input.",
    )
    parser.add_argument("--version", action="version", version=f"accountplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    demo = commands.add_parser(
        "demo",
        help="render the bundled demo account's health report",
        description="Render the health report of the bundled demo account "
        "(a fictional Dutch B2B customer with a year of data).",
    )
    demo.add_argument(
        "--as-of",
        help=f"day (YYYY-MM-DD) or instant of the report (default {DEMO_AS_OF.isoformat()})",
    )
    _add_output(demo)
    demo.set_defaults(handler=_demo)

    report = commands.add_parser(
        "report",
        help="render an account's health report",
        description="Render the health report of an account from its plan and data. "
        "Invoices, payments and tickets are JSON arrays, or CSV files (ending in .csv).",
    )
    report.add_argument("plan", metavar="PLAN.json", help="the account plan (JSON)")
    report.add_argument("--invoices", required=True, metavar="FILE", help="invoices (JSON or CSV)")
    report.add_argument("--payments", required=True, metavar="FILE", help="payments (JSON or CSV)")
    report.add_argument("--tickets", required=True, metavar="FILE", help="tickets (JSON or CSV)")
    report.add_argument("--run", metavar="FILE", help="the account-management process run (JSON)")
    report.add_argument(
        "--as-of", required=True, help="day (YYYY-MM-DD, its end) or instant of the report"
    )
    report.add_argument(
        "--regime",
        choices=INTEREST_REGIMES,
        help="statutory interest regime (default: from the account)",
    )
    _add_output(report)
    report.set_defaults(handler=_report)

    validate = commands.add_parser(
        "validate",
        help="check an account plan; exit 1 when it has errors",
        description="Check an account plan's sections against one another. "
        "Exit 0 without errors (warnings are listed), 1 with errors.",
    )
    validate.add_argument("plan", metavar="PLAN.json", help="the account plan (JSON)")
    validate.add_argument(
        "--format", default="text", choices=("text", "json"), help="output format"
    )
    validate.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    validate.set_defaults(handler=_validate)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of a model",
        description="Print the JSON Schema (draft 2020-12) of the account plan's JSON "
        "(MODEL plan) or of one of the models it is made of (SlaPolicy, Account, "
        "DunningPolicy, RoutingRule ...).",
    )
    schema.add_argument(
        "model",
        metavar="MODEL",
        help="plan, or a model the plan is made of, such as SlaPolicy or Account",
    )
    schema.add_argument("--output", metavar="FILE", help="write to FILE instead of stdout")
    schema.set_defaults(handler=_schema)

    sla = commands.add_parser(
        "sla",
        help="SLA compliance of tickets",
        description="Measure tickets against SLA policies and count met and breached targets.",
    )
    sla.add_argument("tickets", metavar="TICKETS", help="tickets (JSON or CSV)")
    sla.add_argument("--plan", metavar="PLAN.json", help="take the policies from an account plan")
    sla.add_argument("--policy", metavar="FILE", help="an SlaPolicy or SlaPolicySet (JSON)")
    sla.add_argument("--as-of", required=True, help="day (YYYY-MM-DD, its end) or instant")
    sla.add_argument(
        "--timezone", default="UTC", help="zone of a --as-of day with --policy (default UTC)"
    )
    sla.add_argument(
        "--by", default="metric,priority", help="group by these fields (default metric,priority)"
    )
    sla.add_argument(
        "--aggregate",
        default="per_measurement",
        choices=("per_measurement", "per_ticket_last", "per_ticket_any"),
        help="how measurements count (default per_measurement)",
    )
    _add_output(sla)
    sla.set_defaults(handler=_sla)

    aging = commands.add_parser(
        "aging",
        help="aging report of open invoices",
        description="Age the invoices still open on a day, in buckets of days overdue.",
    )
    aging.add_argument("invoices", metavar="INVOICES", help="invoices (JSON or CSV)")
    aging.add_argument("--payments", metavar="FILE", help="payments (JSON or CSV)")
    aging.add_argument("--as-of", required=True, help="the day (YYYY-MM-DD)")
    aging.add_argument(
        "--buckets", default="30,60,90", help="bucket bounds in days (default 30,60,90)"
    )
    aging.add_argument("--currency", help="the report's currency (default: the invoices')")
    _add_output(aging)
    aging.set_defaults(handler=_aging)

    interest = commands.add_parser(
        "interest",
        help="statutory late-payment interest and collection costs on one debt",
        description="Statutory interest on an unpaid amount from its due date, with the "
        "rate periods applied, and the collection costs of the regime.",
    )
    interest.add_argument("amount", metavar="AMOUNT", help="the unpaid amount, such as 1250.00")
    interest.add_argument("--currency", default="EUR", help="ISO 4217 code (default EUR)")
    interest.add_argument("--due", required=True, help="the due date (YYYY-MM-DD)")
    interest.add_argument("--as-of", required=True, help="the day (YYYY-MM-DD)")
    interest.add_argument(
        "--regime",
        default="nl_commercial",
        choices=[r for r in INTEREST_REGIMES if r != "none"],
        help="the statutory regime (default nl_commercial)",
    )
    interest.add_argument("--invoice", default="debt", help="a name for the debt (default debt)")
    _add_output(interest)
    interest.set_defaults(handler=_interest)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line.

    Args:
        argv: The arguments without the program name; ``sys.argv[1:]`` by default.

    Returns:
        The exit code: 0 ok, 1 a bad answer, 2 bad input.
    """
    out, err = sys.stdout, sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        code: int = args.handler(args, out, err)
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else EXIT_OK
    except InputError as error:
        err.write(f"error: {error}\n")
        return EXIT_BAD_INPUT
    except AccountPlanError as error:
        where = getattr(error, "path", None)
        prefix = f"{where}: " if where else ""
        err.write(f"error: {prefix}{error}\n")
        return EXIT_BAD_INPUT
    return code


if __name__ == "__main__":  # pragma: no cover - run by `python -m` in a subprocess
    raise SystemExit(main())
