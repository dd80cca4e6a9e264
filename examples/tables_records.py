"""Tables in and out without pandas: CSV exports in, plain records and CSV out.

Open items and tickets come in as CSV text (as ``csv.DictReader`` gives them,
every cell a string), become validated models, and the results go out again
as plain records: an aging report per account, SLA measurements and a
monthly compliance report, written back as CSV.
"""

import csv
import datetime as dt
import io

from accountplan.billing import aging_report, open_items_from_records
from accountplan.exceptions import InvalidInputError
from accountplan.sla import SlaMeasurements, SlaPolicy, SlaTarget, compliance, evaluate_many
from accountplan.tickets import Priority, tickets_from_records

OPEN_ITEMS_CSV = """\
number,account_number,issue_date,due_date,total,currency,amount_paid,paid_on
INV-101,ACME,2026-03-01,2026-03-31,1200.00,EUR,,
INV-102,ACME,2026-05-10,2026-06-09,800.00,EUR,300.00,2026-06-01
INV-103,GLOBEX,2026-04-02,2026-05-02,450.00,EUR,,
INV-104,GLOBEX,2026-06-20,2026-07-20,99.95,EUR,,
"""

TICKETS_CSV = """\
id,account_number,priority,created_at,channel
T-1,ACME,high,2026-05-04T09:00:00+02:00,email
T-2,ACME,high,2026-05-28T16:30:00+02:00,phone
T-3,GLOBEX,high,2026-06-02T10:15:00+02:00,email
"""

EVENTS_CSV = """\
ticket_id,at,kind,status
T-1,2026-05-04T09:40:00+02:00,agent_reply,
T-1,2026-05-04T15:00:00+02:00,resolved,
T-2,2026-05-28T18:10:00+02:00,agent_reply,
T-3,2026-06-02T10:30:00+02:00,status_changed,pending
T-3,2026-06-02T10:45:00+02:00,agent_reply,
"""


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def write_csv(records: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


if __name__ == "__main__":
    as_of = dt.date(2026, 6, 30)
    items = open_items_from_records(rows(OPEN_ITEMS_CSV))
    report = aging_report(items, as_of=as_of)
    print(f"Aging on {as_of} per account (amounts are exact Decimals):")
    print(write_csv(report.to_records()))
    print("The same report per open item:")
    print(write_csv(report.to_records(per="line")))

    tickets = tickets_from_records(rows(TICKETS_CSV), rows(EVENTS_CSV))
    policy = SlaPolicy(
        name="24x7",
        targets_by_priority={
            Priority.HIGH: [
                SlaTarget(
                    metric="first_response", within=dt.timedelta(hours=1), business_hours=False
                )
            ]
        },
    )
    moment = dt.datetime(2026, 6, 30, 12, tzinfo=dt.UTC)
    measured = SlaMeasurements(evaluate_many(tickets, policy, as_of=moment))
    for record in measured.to_records():
        print(record["ticket_id"], record["metric"], record["state"], record["elapsed"])
    monthly = compliance(measured, by=["month"], tz="Europe/Amsterdam")
    print()
    print("First-response compliance per month (Europe/Amsterdam):")
    print(write_csv(monthly.to_records()))

    # A bad cell names its row (from 0) and column.
    broken = rows(OPEN_ITEMS_CSV.replace("2026-05-02", "02/05/2026"))
    try:
        open_items_from_records(broken)
    except InvalidInputError as error:
        print("Refused:", error.path, "-", error.problems[0].message)
