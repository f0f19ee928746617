"""The report's measure rows: measures.rows.MEASURE_COLUMNS, read from the measures as a round
froze them, followed by the columns of the round's own (the Measures sheet and the CSV)."""

from django.utils.translation import gettext_lazy

from actionplan.spreadsheets import Column
from measures.rows import (
    MEASURE_COLUMNS,
    MeasureFacts,
    open_data_actors,
)
from reporting.selectors import MeasureEntry, ReportContent, entry_portfolios


def entry_facts(entry: MeasureEntry, plan_code: str) -> MeasureFacts:
    """A measure as the report shows it (the edition's progress, frozen with the round)."""
    return MeasureFacts(
        code=entry.code,
        title=entry.title,
        plan_status=entry.plan_status,
        policy_line=entry.policy_line_number,
        action=entry.action_number,
        description=entry.description_text,
        actors=open_data_actors(entry.actors),
        ministers=list(entry.ministers),
        budget_lines=list(entry.budget_lines),
        implementation_status=entry.status,
        progress_percent=entry.percent,
        last_update=entry.reported_on,
        plan=plan_code,
        source=entry,
    )


def report_facts(content: ReportContent) -> list[MeasureFacts]:
    return [entry_facts(entry, content.plan.code) for entry in content.measures]


REPORT_MEASURE_COLUMNS = [
    *MEASURE_COLUMNS,
    Column(
        "updates_in_round",
        gettext_lazy("Updates in the round"),
        lambda f: f.source.updates_in_round,
        "number",
        10,
    ),
    Column(
        "portfolios",
        gettext_lazy("Portfolios"),
        lambda f: "; ".join(dict.fromkeys(group[1] for group in entry_portfolios(f.source))),
        "long_text",
        30,
    ),
    Column("narrative", gettext_lazy("Narrative"), lambda f: f.source.narrative, "long_text", 60),
    Column("reason", gettext_lazy("Reason"), lambda f: f.source.reason, "long_text", 30),
]
