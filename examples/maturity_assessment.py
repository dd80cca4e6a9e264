"""Assess a support team's customer account management maturity from facts and answers."""

from accountplan.calendars import BusinessCalendar
from accountplan.i18n import label
from accountplan.maturity import Answer, assess, customer_account_management, evidence_from

if __name__ == "__main__":
    office = BusinessCalendar.weekly(
        "Europe/Amsterdam", hours={day: [("09:00", "17:00")] for day in range(5)}
    )
    always = BusinessCalendar.always("Europe/Amsterdam")

    # What the library can tell from the support setup.
    evidence = evidence_from(
        channels={"email": always, "help_desk": always, "phone": office},
        portal={"status", "payments"},
        knowledge_base=True,
        faq=False,
    )
    # What the assessor found by talking to the team.
    answers: dict[str, Answer | str] = dict(evidence.answers)
    answers.update(
        agents_handle_requests="yes",
        contract_changes_by_hand="yes",
        bill_and_contract_changes="partly",
        some_requests_without_agent="yes",
    )

    model = customer_account_management(language="nl")
    result = assess(model, answers)
    dim = result.dimensions[0]
    level = label(result.level, locale="nl_NL") if result.level else "onder Ad hoc"
    potential = label(result.potential_level, locale="nl_NL") if result.potential_level else "-"
    print(f"{dim.name}: {level} (mogelijk: {potential}); gemiddelde score {result.mean_score} %")
    print("Afgeleid uit feiten:")
    for derivation in evidence.derived:
        print(f"  {derivation.criterion:<28} {derivation.answer.value:<7} {derivation.reason}")
    print("Houdt het volgende niveau tegen:")
    for key in dim.blocking:
        print(f"  {key}: {model.criterion(key).statement}")
    print("Ontbrekend bewijs:", ", ".join(dim.gaps))
    print("Aanbeveling:", dim.recommendation)
