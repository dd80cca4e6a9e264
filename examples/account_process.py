"""Run the 20-item account-management process for one account, with its four approval gates."""

import datetime as dt
from zoneinfo import ZoneInfo

from accountplan.i18n import label
from accountplan.plan import (
    ACCOUNT_MANAGEMENT_PROCESS,
    ApprovalGate,
    approve,
    complete_step,
    progress,
    reject,
    start_review_cycle,
    start_run,
)

AMS = ZoneInfo("Europe/Amsterdam")

ANSWERS: dict[str, dict[str, str | list[str]]] = {
    "gather_records": {"record_types": ["Contracts", "Invoices"]},
    "review_history": {"history_issues": ["Late payments"]},
    "analyze_status": {"satisfaction": "Satisfied", "strengths": ["Competitive pricing"]},
    "implement_plan": {"implementation_steps": ["Contact account customer", "Monitor progress"]},
    "monitor_implementation": {"monitoring_steps": ["Collect customer feedback"]},
    "communicate_with_customer": {"channels": ["Email", "Video conferences"]},
    "prepare_reports": {"report_metrics": ["Revenue", "Customer Satisfaction"]},
    "coordinate_with_sales": {"sales_topics": ["Account expansion opportunities"]},
    "resolve_issues": {"issue_types": ["Billing discrepancies"]},
    "review_plan": {"review_frequency": "Quarterly", "review_triggers": ["Account performance"]},
}

if __name__ == "__main__":
    clock = dt.datetime(2026, 3, 2, 9, 0, tzinfo=AMS)
    run = start_run(ACCOUNT_MANAGEMENT_PROCESS, account="NL-1001", at=clock, by="anna")
    rejected_once = False
    for item in ACCOUNT_MANAGEMENT_PROCESS.items:
        clock += dt.timedelta(hours=3)
        if isinstance(item, ApprovalGate):
            if item.key == "approve_plan" and not rejected_once:
                run = reject(run, item.key, at=clock, by="mark", reason="Add measurable targets")
                rejected_once = True
                for key in item.covers:  # redo exactly the reopened steps
                    clock += dt.timedelta(hours=1)
                    run = complete_step(run, key, at=clock, by="anna")
                clock += dt.timedelta(hours=1)
            run = approve(run, item.key, at=clock, by="mark")
        else:
            run = complete_step(run, item.key, at=clock, by="anna", answers=ANSWERS.get(item.key))

    p = progress(run)
    print(
        f"{run.account}: {p.steps_completed}/{p.steps_total} steps, "
        f"{p.gates_approved}/{p.gates_total} approvals, {p.percent} % done"
    )
    print("Next review due:", run.next_review_at.date() if run.next_review_at else "as needed")
    print("Audit trail (nl):")
    for entry in run.trail:
        print(
            f"  {entry.at:%d-%m %H:%M} {entry.by:<5} {label(entry.action, locale='nl'):<20}"
            f" {entry.item} {entry.detail}"
        )

    run = start_review_cycle(
        run, at=dt.datetime(2026, 6, 1, 9, 0, tzinfo=AMS), by="mark", reason="Quarterly review"
    )
    print(
        f"Review cycle {run.cycle} opened:",
        [r["key"] for r in progress(run).to_records() if r["actionable"]],
    )
