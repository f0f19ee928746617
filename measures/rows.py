"""A measure as one row of a table: the one column list of every tabular output.

The measure list's CSV and XLSX exports, the report's Measures sheet and CSV and the API's CSV
all write `MEASURE_COLUMNS`, in this order; the report and the API add columns of their own
(`Column`s reading `MeasureFacts.source`) before or after them. The columns read
`MeasureFacts`, so that a live measure (`measure_facts`), a measure as the API serialises it
(`open_data_facts`) and a measure frozen in a report round (reporting.builders.rows) give the
same row.

Every data column has a stable English `name` (the CSV header and the XLSX header row, in any
interface language) and keeps its meaning: `measure_uri` identifies a measure (its page's
absolute address, which no spreadsheet or pandas reads as a number, unlike the code "5.10"),
`action` and `number` are the code's two whole numbers, a budget column is empty where the
measure has no line of its kind ("not applicable") and 0 only for amounts that add up to zero,
and flags are true/false.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy

from actionplan.html import html_to_text
from actionplan.remembered import gettext as _  # once per export (see there)
from actionplan.remembered import localdate, remembered
from actionplan.spreadsheets import Column
from budgets.models import BudgetLine
from budgets.selectors import (
    BudgetTotals,
    budget_line_period,
    budget_line_text,
    budget_lines_totals,
)
from budgets.selectors.totals import budget_line_values
from measures.models import ImplementationStatus, Measure, MeasureActor, parse_measure_code


@dataclass(frozen=True)
class MeasureFacts:
    """What a row shows of a measure, whatever it was read from. `actors` are (code, is the
    coordinator) in the plan's order; `budget_lines` are BudgetLines or their open-data dicts
    (budgets.selectors reads both); `source` is what the facts were read from, for the
    columns of one output only."""

    code: str
    title: str
    plan_status: str
    policy_line: int
    action: int
    description: str  # plain text
    actors: list[tuple[str, bool]]
    ministers: list[str]
    budget_lines: list
    implementation_status: str
    progress_percent: int
    last_update: datetime.date | None
    plan: str = ""  # the plan's code
    source: object = None

    @cached_property
    def budget(self) -> BudgetTotals:
        return budget_lines_totals(self.budget_lines)

    @cached_property
    def budget_kinds(self) -> frozenset[str]:
        """The kinds of amount the measure's budget lines give (`MEASURE_BUDGET_KINDS`): a
        total of a kind not given is "not applicable", not zero."""
        kinds = set()
        for line in map(budget_line_values, self.budget_lines):
            if line.fte is not None:
                kinds.add("fte")
            if line.amount is None:
                continue
            kinds.add("euro_as_printed")
            if line.recurrence == BudgetLine.Recurrence.ANNUAL:
                kinds.add("annual")
                if budget_line_period(line) is not None:
                    kinds.add("annual_over_period")
            elif line.recurrence == BudgetLine.Recurrence.PER_DOSSIER:
                kinds.add("per_dossier")
            else:
                kinds.add("one_off")
        return frozenset(kinds)


def measure_facts(measure: Measure) -> MeasureFacts:
    """A measure of `measure_list` (progress annotated for its reader, relations prefetched)."""
    last_update = measure.visible_last_update_at
    return MeasureFacts(
        code=measure.code,
        title=measure.title,
        plan_status=measure.plan_status,
        policy_line=measure.action.policy_line.number,
        action=measure.action.number,
        description=measure.description_text,
        actors=[(link.actor.code, link.is_coordinator) for link in measure.actor_links.all()],
        ministers=[link.minister.title for link in measure.minister_links.all()],
        budget_lines=list(measure.budget_lines.all()),
        implementation_status=measure.visible_status,
        progress_percent=measure.visible_percent,
        last_update=localdate(last_update) if last_update else None,
        plan=measure.plan.code,
        source=measure,
    )


def open_data_facts(item: dict) -> MeasureFacts:
    """A measure as measures.api.serializers.MeasureSerializer gives it."""
    last_update = parse_datetime(item["last_update_at"]) if item["last_update_at"] else None
    return MeasureFacts(
        code=item["code"],
        title=item["title"],
        plan_status=item["plan_status"],
        policy_line=item["policy_line"],
        action=item["action"],
        description=html_to_text(item["description"]),
        actors=open_data_actors(item["actors"]),
        ministers=[minister["title"] for minister in item["ministers"]],
        budget_lines=[budget_line_values(line) for line in item["budget_lines"]],
        implementation_status=item["implementation_status"],
        progress_percent=item["progress_percent"],
        last_update=localdate(last_update) if last_update else None,
        plan=item["plan"],
        source=item,
    )


# The fields of a measure list's row that `list_row_facts` reads (.values(*these)).
LIST_ROW_FIELDS = (
    "pk",
    "plan__code",
    "code",
    "title",
    "plan_status",
    "description",
    "action__number",
    "action__policy_line__number",
    "visible_status",
    "visible_percent",
    "visible_last_update_at",
)


def list_row_facts(measure: dict, relations) -> MeasureFacts:
    """A measure of measures.selectors.measure_list read as LIST_ROW_FIELDS, with its
    `relations` (measures.api.list_rows.measure_relations of its batch), read as they are: no
    model instance, and no round trip through the API's representation."""
    pk = measure["pk"]
    last_update = measure["visible_last_update_at"]
    return MeasureFacts(
        code=measure["code"],
        title=measure["title"],
        plan_status=measure["plan_status"],
        policy_line=measure["action__policy_line__number"],
        action=measure["action__number"],
        description=html_to_text(measure["description"]),
        actors=[
            (row["actor__code"], row["role"] == MeasureActor.Role.COORDINATOR)
            for row in relations.actors.get(pk, ())
        ],
        ministers=[row["minister__title"] for row in relations.ministers.get(pk, ())],
        budget_lines=[budget_line_values(line) for line in relations.budget_lines.get(pk, ())],
        implementation_status=measure["visible_status"],
        progress_percent=measure["visible_percent"],
        last_update=localdate(last_update) if last_update else None,
        plan=measure["plan__code"],
        source=measure,
    )


def open_data_actors(actors: list[dict]) -> list[tuple[str, bool]]:
    """Actors as open data ({"code": "WVG", "role": "coordinator"}) as `MeasureFacts.actors`."""
    return [(actor["code"], actor.get("role") == MeasureActor.Role.COORDINATOR) for actor in actors]


def actors_text(facts: MeasureFacts) -> str:
    return actor_codes_text(facts.actors)


def actor_codes_text(actors: list[tuple[str, bool]]) -> str:
    """ "WVG (coordinator); OV; KB": coordinators first, then partners, each in the plan's
    order."""
    ordered = sorted(actors, key=lambda actor: not actor[1])  # a stable sort
    return "; ".join(
        _("%(code)s (coordinator)") % {"code": code} if is_coordinator else code
        for code, is_coordinator in ordered
    )


def measure_uri(facts: MeasureFacts) -> str:
    """The measure's identifier in data files: the absolute address of its page in its plan,
    "https://portal.example/plans/flanders-radicalisation-2017/measures/5.10/"."""
    paths = remembered(
        ("measure_paths", facts.plan), lambda: _measure_paths_of(facts.plan, facts.code)
    )
    return f"{settings.PORTAL_URL}{paths}{facts.code}/"


_MEASURE_PATHS: dict[tuple, str] = {}


def _measure_paths_of(plan: str, code: str) -> str:
    """The address of a plan's measure pages without the code: reversed once per plan (an
    export needs it for thousands of rows), the code being the address's last part."""
    key = (get_urlconf(), get_script_prefix(), plan)
    if key not in _MEASURE_PATHS:
        path = reverse("plan-measures:detail", kwargs={"plan_code": plan, "code": code})
        _MEASURE_PATHS[key] = path.removesuffix(f"{code}/")
    return _MEASURE_PATHS[key]


def measure_number(facts: MeasureFacts) -> int:
    """The measure's number within its action: 10 for 5.10."""
    return parse_measure_code(facts.code)[1]


def status_label(facts: MeasureFacts) -> str:
    return remembered(("status_label", facts.implementation_status), lambda: _status_label(facts))


def _status_label(facts: MeasureFacts) -> str:
    try:
        return str(ImplementationStatus(facts.implementation_status).label)
    except ValueError:
        return facts.implementation_status


def budget_columns(totals: Callable[[Any], BudgetTotals]) -> list[Column]:
    """The euro and FTE columns of the BudgetTotals that `totals` reads from an item (a
    measure's here, a group's on the export's totals sheet)."""

    def total(name: str):
        return lambda item: getattr(totals(item), name)

    return [
        Column("one_off", gettext_lazy("One-off (EUR)"), total("one_off"), "euro", 14),
        Column("annual", gettext_lazy("Annual (EUR per year)"), total("annual"), "euro", 14),
        Column(
            "annual_over_period",
            gettext_lazy("Annual over its period (EUR)"),
            total("annual_over_period"),
            "euro",
            16,
        ),
        Column("per_dossier", gettext_lazy("Per dossier (EUR)"), total("per_dossier"), "euro", 13),
        Column(
            "euro_as_printed",
            gettext_lazy("Euro as printed (EUR)"),
            total("euro_as_printed"),
            "euro",
            15,
        ),
        Column("fte", gettext_lazy("FTE"), total("fte"), "fte", 7),
    ]


def measure_budget_columns() -> list[Column]:
    """`budget_columns` of one measure: empty where the measure gives no amount of the kind."""

    def given(column: Column) -> Column:
        def value(facts: MeasureFacts):
            return column.value(facts) if column.name in facts.budget_kinds else None

        return Column(column.name, column.header, value, column.kind, column.width)

    return [given(column) for column in budget_columns(lambda f: f.budget)]


MEASURE_COLUMNS = [
    Column("code", gettext_lazy("Code"), lambda f: f.code, width=8),
    Column("measure_uri", gettext_lazy("Address of the measure"), measure_uri, width=30),
    Column("title", gettext_lazy("Title"), lambda f: f.title, "long_text", 40),
    Column(
        "plan_status", gettext_lazy("Status in the plan (B/V/N)"), lambda f: f.plan_status, width=9
    ),
    Column("policy_line", gettext_lazy("Policy line"), lambda f: f.policy_line, "number", 8),
    Column("action", gettext_lazy("Action"), lambda f: f.action, "number", 8),
    Column("number", gettext_lazy("Number within the action"), measure_number, "number", 8),
    Column("description", gettext_lazy("Description"), lambda f: f.description, "long_text", 80),
    Column("actors", gettext_lazy("Actors (coordinator marked)"), actors_text, "long_text", 36),
    # Ministers' titles hold commas, so every list in a cell is separated by semicolons.
    Column(
        "ministers", gettext_lazy("Ministers"), lambda f: "; ".join(f.ministers), "long_text", 44
    ),
    Column(
        "budget",
        gettext_lazy("Budget"),
        lambda f: "; ".join(budget_line_text(line) for line in f.budget_lines),
        "long_text",
        44,
    ),
    *measure_budget_columns(),
    Column(
        "regular_resources_only",
        gettext_lazy("Within the regular resources only"),
        lambda f: bool(f.budget.regular_resources_only_measures),
        "flag",
        13,
    ),
    Column("implementation_status", gettext_lazy("Implementation status"), status_label, width=18),
    Column(
        "progress_percent",
        gettext_lazy("Completion (%)"),
        lambda f: f.progress_percent,
        "percent",
        12,
    ),
    Column("last_update", gettext_lazy("Last update"), lambda f: f.last_update, "date", 12),
]

# The API's CSV of measures: the plan first (the API serves every plan), then the measure's
# columns, then what a client needs to write back (`version`) and the transcription notes.
API_MEASURE_COLUMNS = [
    Column("plan", gettext_lazy("Plan"), lambda f: f.source["plan"]),
    *MEASURE_COLUMNS,
    Column("version", gettext_lazy("Version"), lambda f: f.source["version"], "number"),
    Column("notes", gettext_lazy("Notes"), lambda f: "; ".join(f.source["notes"]), "long_text"),
]
