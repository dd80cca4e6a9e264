"""The command line, called in-process (and twice as a real process)."""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import pathlib
import subprocess
import sys
from html.parser import HTMLParser
from typing import Any

import attrs
import pytest

import accountplan.__main__ as cli
from accountplan.__main__ import main
from accountplan.billing import aging_report, open_items
from accountplan.billing.statutory import nl_collection_costs, nl_commercial_interest
from accountplan.i18n import format_money, format_percent
from accountplan.money import Money
from accountplan.plan import plan_schema
from accountplan.report import DEMO_AS_OF, AccountInputs, demo_inputs, demo_report, render
from accountplan.serialization import to_json
from accountplan.sla import compliance, evaluate_many

COMMANDS = ("demo", "report", "validate", "schema", "sla", "aging", "interest")


@pytest.fixture(scope="module")
def demo() -> AccountInputs:
    return demo_inputs()


@pytest.fixture(scope="module")
def files(demo: AccountInputs, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The demo account as JSON files."""
    folder = tmp_path_factory.mktemp("demo")
    out = {}
    for name, value in (
        ("plan", demo.plan),
        ("invoices", demo.invoices),
        ("payments", demo.payments),
        ("tickets", demo.tickets),
        ("run", demo.run),
    ):
        path = folder / f"{name}.json"
        path.write_text(to_json(value), encoding="utf-8")
        out[name] = str(path)
    return out


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# --------------------------------------------------------------------- demo ---


@pytest.mark.parametrize("locale", ["en", "nl"])
def test_demo_prints_the_key_figures(capsys: pytest.CaptureFixture[str], locale: str) -> None:
    """`demo` exits 0 and shows the demo's balances, interest and SLA figures in the locale."""
    code, out, err = run(capsys, "demo", "--locale", locale)
    assert (0, "") == (code, err)
    report = demo_report()
    r = report.receivables
    for amount in (
        r.summary.outstanding,
        r.summary.overdue,
        r.interest_total,
        r.collection_costs_total,
    ):
        assert format_money(amount, locale=locale) in out
    percent = report.sla.compliance.total.percent
    assert percent is not None
    assert format_percent(percent, locale=locale, digits=1) in out
    heading = {"en": "Account health report", "nl": "Gezondheidsrapport klant"}[locale]
    assert out.startswith(f"{heading}: Molenaar Koeltechniek B.V.")
    assert out == render(report, locale=locale, format="text")


def test_demo_as_of_and_formats(capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path) -> None:
    """--as-of moves the report; --format html writes a page that parses; --output writes a file."""
    code, out, _ = run(capsys, "demo", "--as-of", "2026-03-31", "--format", "markdown")
    assert 0 == code
    assert out == render(demo_report(as_of=dt.date(2026, 3, 31)), locale="en", format="markdown")
    page = tmp_path / "demo.html"
    assert 0 == main(["demo", "--format", "html", "--output", str(page)])
    parser = HTMLParser()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    code, out, _ = run(capsys, "demo", "--format", "json")
    assert 0 == code
    assert json.loads(out)["account"]["number"] == "NL-1042"


def test_every_command_answers_help(capsys: pytest.CaptureFixture[str]) -> None:
    """`--help` works for the program and every command, and lists every command."""
    code, out, _ = run(capsys, "--help")
    assert 0 == code
    for command in COMMANDS:
        assert command in out
        code, out_command, _ = run(capsys, command, "--help")
        assert 0 == code
        assert out_command.startswith(f"usage: accountplan {command}")


# -------------------------------------------------------------- bad input ---


def test_broken_json_prints_the_path_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, files: dict[str, str]
) -> None:
    """Broken JSON, and JSON that does not fit, exit 2 with the file, the path and no traceback."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"overview": ', encoding="utf-8")
    code, out, err = run(capsys, "validate", str(broken))
    assert 2 == code
    assert "" == out
    assert f"{broken}: " in err
    assert "$: is not valid JSON" in err
    assert "Traceback" not in err
    data = json.loads(pathlib.Path(files["plan"]).read_text(encoding="utf-8"))
    data["overview"]["currency"] = "EURO"
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(
        capsys,
        "report",
        str(wrong),
        "--invoices",
        files["invoices"],
        "--payments",
        files["payments"],
        "--tickets",
        files["tickets"],
        "--as-of",
        "2026-06-30",
    )
    assert 2 == code
    assert "$.overview.currency" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["demo", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["demo", "--locale", "xx_NOPE"], "--locale"),
        (["demo", "--as-of", "30-06-2026"], "--as-of: not a date"),
        (["demo", "--as-of", "2026-06-30T12:00"], "needs an offset"),
        (["validate", "/nonexistent/plan.json"], "cannot read"),
        (["interest", "12,50", "--due", "2026-01-01", "--as-of", "2026-02-01"], "AMOUNT"),
        (["aging", "x.json", "--as-of", "2026-06-30", "--buckets", "a,b"], "--buckets"),
        (["nonsense"], "invalid choice"),
        (["demo", "--as-of", "2026-06-30T25:00Z"], "not a date or an RFC 3339 instant"),
        (["demo", "--output", "/nonexistent/folder/report.txt"], "cannot write"),
        ([], "required"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Options that do not fit exit 2 with a one-line reason on stderr."""
    code, out, err = run(capsys, *argv)
    assert 2 == code
    assert "" == out
    assert message in err
    assert err.startswith("error: ")
    assert "Traceback" not in err


def test_data_errors_from_the_library_exit_2(
    capsys: pytest.CaptureFixture[str], files: dict[str, str]
) -> None:
    """A library error on valid JSON (a day before the rate table) exits 2 naming the field."""
    code, _, err = run(capsys, "interest", "100", "--due", "1990-01-01", "--as-of", "1990-06-30")
    assert 2 == code
    assert "covered day" in err


# ---------------------------------------------------------------- validate ---


def test_validate_exit_codes(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, demo: AccountInputs
) -> None:
    """0 for a plan with only warnings, 1 for a plan with errors; findings are listed."""
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(to_json(demo.plan), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(plan_file))
    assert 0 == code
    assert "warning: $.monitoring.kpis[4]" in out
    lifecycle = attrs.evolve(demo.plan.maintenance.lifecycle, suspend_after_days=20)
    bad = attrs.evolve(
        demo.plan, maintenance=attrs.evolve(demo.plan.maintenance, lifecycle=lifecycle)
    )
    plan_file.write_text(to_json(bad), encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(plan_file))
    assert 1 == code
    assert "error: $.billing.dunning" in out
    code, out, _ = run(capsys, "validate", str(plan_file), "--format", "json")
    assert 1 == code
    assert any(f["severity"] == "error" for f in json.loads(out))


def test_schema_of_the_plan_and_its_parts(capsys: pytest.CaptureFixture[str]) -> None:
    """`schema plan` prints plan_schema(); `schema SlaPolicy` points into its definitions."""
    code, out, _ = run(capsys, "schema", "plan")
    assert 0 == code
    assert plan_schema() == json.loads(out)
    code, out, _ = run(capsys, "schema", "SlaPolicy")
    assert 0 == code
    part = json.loads(out)
    assert "#/$defs/SlaPolicy" == part["$ref"]
    assert plan_schema()["$defs"] == part["$defs"]
    code, _, err = run(capsys, "schema", "Nonsense")
    assert 2 == code
    assert "known models: plan, Account" in err


# ------------------------------------------------------------------ report ---


def _write_csv(path: pathlib.Path, header: list[str], rows: list[list[Any]]) -> str:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def _csv_files(demo: AccountInputs, folder: pathlib.Path) -> dict[str, str]:
    invoices = [
        [
            i.number,
            i.account_number,
            i.issue_date,
            i.due_date,
            i.currency,
            i.status.value,
            line.description,
            line.unit_price.amount,
            line.quantity,
            line.tax_rate,
        ]
        for i in demo.invoices
        for line in i.lines
    ]
    payments = [
        [
            p.reference,
            p.amount.amount,
            p.amount.currency,
            p.received_on,
            p.payment_method.value,
            p.account_number,
            ";".join(p.invoices),
        ]
        for p in demo.payments
    ]
    tickets: list[list[Any]] = []
    for t in demo.tickets:
        head = [t.id, t.account_number, t.priority.value, t.created_at.isoformat(), t.channel]
        if not t.events:
            tickets.append([*head, "", "", "", ""])
        for e in t.events:
            tickets.append([*head, e.at.isoformat(), e.kind.value, e.status or "", e.actor])
    return {
        "invoices": _write_csv(
            folder / "invoices.csv",
            [
                "number",
                "account_number",
                "issue_date",
                "due_date",
                "currency",
                "status",
                "description",
                "unit_price",
                "quantity",
                "tax_rate",
            ],
            invoices,
        ),
        "payments": _write_csv(
            folder / "payments.csv",
            [
                "reference",
                "amount",
                "currency",
                "received_on",
                "payment_method",
                "account_number",
                "invoices",
            ],
            payments,
        ),
        "tickets": _write_csv(
            folder / "tickets.csv",
            [
                "id",
                "account_number",
                "priority",
                "created_at",
                "channel",
                "event_at",
                "event_kind",
                "event_status",
                "event_actor",
            ],
            tickets,
        ),
    }


def test_report_reads_json_and_csv_alike(
    capsys: pytest.CaptureFixture[str],
    tmp_path: pathlib.Path,
    demo: AccountInputs,
    files: dict[str, str],
) -> None:
    """`report` gives the demo's report from JSON files and the same from CSV files."""
    common = ["--as-of", "2026-06-30", "--locale", "nl_NL"]
    code, from_json_files, _ = run(
        capsys,
        "report",
        files["plan"],
        "--invoices",
        files["invoices"],
        "--payments",
        files["payments"],
        "--tickets",
        files["tickets"],
        "--run",
        files["run"],
        *common,
    )
    assert 0 == code
    assert render(demo_report(), locale="nl_NL", format="text") == from_json_files
    csv_files = _csv_files(demo, tmp_path)
    code, from_csv_files, err = run(
        capsys,
        "report",
        files["plan"],
        "--invoices",
        csv_files["invoices"],
        "--payments",
        csv_files["payments"],
        "--tickets",
        csv_files["tickets"],
        "--run",
        files["run"],
        *common,
    )
    assert (0, "") == (code, err)
    assert from_json_files == from_csv_files


def test_csv_errors_name_the_file_and_item(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, files: dict[str, str]
) -> None:
    """A bad CSV cell exits 2 naming the file, the item and the field; a missing column too."""
    bad = _write_csv(
        tmp_path / "invoices.csv",
        ["number", "issue_date", "due_date", "currency", "description", "unit_price"],
        [["F1", "2026-01-01", "2026-01-31", "EUR", "x", "12,50"]],
    )
    code, _, err = run(capsys, "aging", bad, "--as-of", "2026-06-30")
    assert 2 == code
    assert f"{bad}: invoice 'F1' (item 0)" in err
    assert "unit_price" in err
    missing = _write_csv(tmp_path / "short.csv", ["number"], [["F1"]])
    code, _, err = run(capsys, "aging", missing, "--as-of", "2026-06-30")
    assert 2 == code
    assert "lacks the column(s) issue_date" in err


# --------------------------------------------------------------- one-offs ---


def test_sla_aging_and_interest_answer_like_the_functions(
    capsys: pytest.CaptureFixture[str], demo: AccountInputs, files: dict[str, str]
) -> None:
    """The one-off commands render exactly what the library functions return."""
    code, out, _ = run(
        capsys,
        "sla",
        files["tickets"],
        "--plan",
        files["plan"],
        "--as-of",
        "2026-06-30",
        "--by",
        "priority",
        "--format",
        "json",
    )
    assert 0 == code
    moment = dt.datetime(2026, 6, 30, 22, tzinfo=dt.UTC)
    expected = compliance(
        evaluate_many(demo.tickets, demo.plan.sla, as_of=moment), by=("priority",)
    )
    assert to_json(expected, indent=2) + "\n" == out

    code, out, _ = run(
        capsys,
        "aging",
        files["invoices"],
        "--payments",
        files["payments"],
        "--as-of",
        "2026-06-30",
        "--format",
        "json",
    )
    assert 0 == code
    items = open_items(demo.invoices, demo.payments, as_of=DEMO_AS_OF)
    assert to_json(aging_report(items, as_of=DEMO_AS_OF), indent=2) + "\n" == out

    code, out, _ = run(
        capsys,
        "interest",
        "4076.19",
        "--due",
        "2026-05-31",
        "--as-of",
        "2026-06-30",
        "--locale",
        "nl",
    )
    assert 0 == code
    principal = Money(amount="4076.19", currency="EUR")
    fee = nl_commercial_interest(principal, due=dt.date(2026, 5, 31), as_of=DEMO_AS_OF)
    assert format_money(fee.amount, locale="nl") in out  # EUR 34,01
    assert format_money(nl_collection_costs(principal), locale="nl") in out  # EUR 532,62
    assert "€\xa034,01" in out


def test_sla_needs_exactly_one_policy_source(
    capsys: pytest.CaptureFixture[str],
    tmp_path: pathlib.Path,
    demo: AccountInputs,
    files: dict[str, str],
) -> None:
    """--policy takes a policy file; giving both sources (or none) is bad input."""
    policy = tmp_path / "policy.json"
    policy.write_text(to_json(demo.plan.sla.default), encoding="utf-8")
    code, out, _ = run(
        capsys, "sla", files["tickets"], "--policy", str(policy), "--as-of", "2026-06-30T22:00:00Z"
    )
    assert 0 == code
    assert "Critical" in out
    code, _, err = run(capsys, "sla", files["tickets"], "--as-of", "2026-06-30")
    assert 2 == code
    assert "exactly one of --plan and --policy" in err


# ---------------------------------------------------------------- progress ---


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Progress goes to stderr when it is a terminal, and never into the output."""
    monkeypatch.setattr(cli, "PROGRESS_FROM", 10)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert 0 == main(["demo", "--output", "/dev/null"])
    assert "measuring tickets: 250/323" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\033[K")
    quiet = io.StringIO()
    monkeypatch.setattr(sys, "stderr", quiet)
    assert 0 == main(["demo", "--output", "/dev/null"])
    assert "" == quiet.getvalue()


# ------------------------------------------------------ two real processes ---


def test_console_script_and_python_m_give_the_same_output() -> None:
    """The installed `accountplan` command and `python -m accountplan` print the same report."""
    script = pathlib.Path(sys.executable).with_name("accountplan")
    assert script.exists(), "reinstall the package: the console script is declared"
    argv = ["demo", "--locale", "nl"]
    by_module = subprocess.run(
        [sys.executable, "-m", "accountplan", *argv], capture_output=True, check=True, timeout=120
    )
    by_script = subprocess.run([str(script), *argv], capture_output=True, check=True, timeout=120)
    assert by_module.stdout == by_script.stdout
    assert b"" == by_module.stderr
    assert b"Gezondheidsrapport klant" in by_module.stdout


def test_the_cli_reference_lists_every_command_and_option() -> None:
    """docs/reference/cli.md names every command and every option of each."""
    page = (
        pathlib.Path(__file__).resolve().parent.parent / "docs" / "reference" / "cli.md"
    ).read_text(encoding="utf-8")
    parser = cli._parser()
    commands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    assert set(COMMANDS) == set(commands.choices)
    for name, sub in commands.choices.items():
        assert f"## `{name}`" in page
        for action in sub._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert f"`{option}" in page, (name, option)


def test_more_bad_files_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, files: dict[str, str]
) -> None:
    """A policy that is not JSON, and a CSV the csv module refuses, exit 2 naming the file."""
    policy = tmp_path / "policy.json"
    policy.write_text("{", encoding="utf-8")
    code, _, err = run(
        capsys, "sla", files["tickets"], "--policy", str(policy), "--as-of", "2026-06-30"
    )
    assert 2 == code
    assert f"{policy}: $: is not valid JSON" in err
    huge = _write_csv(
        tmp_path / "payments.csv",
        ["reference", "amount", "currency", "received_on"],
        [["P" * 200_000, "1", "EUR", "2026-01-01"]],
    )
    code, _, err = run(
        capsys, "aging", files["invoices"], "--payments", huge, "--as-of", "2026-06-30"
    )
    assert 2 == code
    assert f"{huge}: line" in err


def test_ticket_csv_with_tags_and_bare_tickets(
    capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path, files: dict[str, str]
) -> None:
    """Tags split on ';'; a ticket row without an event makes a ticket without events."""
    tickets = _write_csv(
        tmp_path / "tickets.csv",
        ["id", "account_number", "priority", "created_at", "tags", "event_at", "event_kind"],
        [
            ["T-1", "NL-1042", "high", "2026-06-01T09:00:00+02:00", "vip; outage", "", ""],
            [
                "T-2",
                "NL-1042",
                "low",
                "2026-06-02T09:00:00+02:00",
                "",
                "2026-06-02T10:00:00+02:00",
                "agent_reply",
            ],
        ],
    )
    code, out, err = run(
        capsys, "sla", tickets, "--plan", files["plan"], "--as-of", "2026-06-30", "--format", "json"
    )
    assert (0, "") == (code, err)
    total = json.loads(out)["total"]
    assert 1 == total["met"]
