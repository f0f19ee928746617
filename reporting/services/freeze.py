"""Freezing a round when it closes: a snapshot row for every measure of its plan and for every
update reported up to the end of its period.

Read as plain rows (`.values()`) and written in batches, so that closing a round of 6,000
measures and 100,000 updates takes seconds and its memory does not grow with the updates: the
updates are read once, newest first, and only each measure's latest and latest public one are
kept.
"""

from collections import Counter, defaultdict
from types import SimpleNamespace

from budgets.models import BudgetLine
from budgets.selectors import BUDGET_LINE_OPEN_DATA_FIELDS, budget_line_open_data
from measures.models import Measure, MeasureActor, MeasureMinister, ProgressUpdate, ReportedProgress
from reporting.models import ReportingRound, RoundMeasureSnapshot, RoundUpdateSnapshot
from reporting.selectors import budget_totals_json, snapshot_budget_totals

BATCH = 2000
UPDATE_FIELDS = (
    "pk",
    "measure_id",
    "measure__code",
    "reported_on",
    "created_at",
    "visibility",
    "implementation_status",
    "progress_percent",
    "narrative",
    "reason",
    "planned_date",
    "evidence_links",
)


class _Latest:
    """Each measure's latest and latest public update, and its updates in the period (all, and
    the public ones), from updates read newest first."""

    def __init__(self):
        self.latest: dict[int, SimpleNamespace] = {}
        self.latest_public: dict[int, SimpleNamespace] = {}
        self.in_round: Counter = Counter()
        self.public_in_round: Counter = Counter()

    def add(self, update: dict, *, in_period: bool) -> None:
        measure_id, public = update["measure_id"], update["visibility"] == "public"
        # Attributes, as ReportedProgress.of and plans_and_evidence read an update.
        if measure_id not in self.latest:
            self.latest[measure_id] = SimpleNamespace(**update)
        if public and measure_id not in self.latest_public:
            self.latest_public[measure_id] = SimpleNamespace(**update)
        if in_period:
            self.in_round[measure_id] += 1
            self.public_in_round[measure_id] += public


def freeze_round(reporting_round: ReportingRound) -> None:
    """Write the round's snapshot rows and budget totals (inside round_close's transaction).

    A measure is frozen with the progress it would have had live on the last day of the
    period: its latest and latest public update among those reported by then."""
    latest = _freeze_updates(reporting_round)
    snapshots = _measure_snapshots(reporting_round, latest)
    RoundMeasureSnapshot.objects.bulk_create(snapshots, batch_size=BATCH)
    ReportingRound.objects.filter(pk=reporting_round.pk).update(
        budget_totals=budget_totals_json(snapshot_budget_totals(snapshots))
    )
    reporting_round.refresh_from_db(fields=["budget_totals"])


def _freeze_updates(reporting_round: ReportingRound) -> _Latest:
    """Write a snapshot of every update reported by the end of the period, in batches; return
    what the measures' snapshots need from them."""
    updates = (
        ProgressUpdate.objects.filter(
            measure__plan_id=reporting_round.plan_id, reported_on__lte=reporting_round.period_end
        )
        .latest_first()
        .values(*UPDATE_FIELDS)
    )
    latest, batch = _Latest(), []
    for update in updates.iterator(chunk_size=BATCH):
        in_period = reporting_round.includes(update["reported_on"])
        latest.add(update, in_period=in_period)
        batch.append(_update_snapshot(reporting_round, update, in_period=in_period))
        if len(batch) == BATCH:
            RoundUpdateSnapshot.objects.bulk_create(batch)
            batch = []
    RoundUpdateSnapshot.objects.bulk_create(batch)
    return latest


def _update_snapshot(
    reporting_round: ReportingRound, update: dict, *, in_period: bool
) -> RoundUpdateSnapshot:
    return RoundUpdateSnapshot(
        round=reporting_round,
        update_id=update["pk"],
        measure_code=update["measure__code"],
        reported_on=update["reported_on"],
        visibility=update["visibility"],
        implementation_status=update["implementation_status"],
        progress_percent=update["progress_percent"],
        narrative=update["narrative"],
        in_period=in_period,
    )


def _measure_snapshots(reporting_round: ReportingRound, latest: _Latest):
    plan_data = _plan_data(reporting_round.plan_id)
    measures = (
        Measure.objects.filter(plan_id=reporting_round.plan_id)
        .in_code_order()
        .values(
            "pk",
            "code",
            "title",
            "number",
            "plan_status",
            "description",
            "action__number",
            "action__title",
            "action__policy_line__number",
            "action__policy_line__title",
        )
    )
    return [
        _measure_snapshot(reporting_round, measure, latest, plan_data[measure["pk"]])
        for measure in measures
    ]


def _measure_snapshot(
    reporting_round: ReportingRound, measure: dict, latest: _Latest, plan_data: dict
) -> RoundMeasureSnapshot:
    """The frozen row of `measure` from its latest and latest public update (if any)."""
    measure_id = measure["pk"]
    last, last_public = latest.latest.get(measure_id), latest.latest_public.get(measure_id)
    return RoundMeasureSnapshot(
        round=reporting_round,
        measure_id=measure_id,
        code=measure["code"],
        title=measure["title"],
        action_number=measure["action__number"],
        number=measure["number"],
        action_title=measure["action__title"],
        policy_line_number=measure["action__policy_line__number"],
        policy_line_title=measure["action__policy_line__title"],
        plan_status=measure["plan_status"],
        description=measure["description"],
        **RoundMeasureSnapshot.progress_fields(
            latest=ReportedProgress.of(last), latest_public=ReportedProgress.of(last_public)
        ),
        **RoundMeasureSnapshot.plans_and_evidence(latest=last, latest_public=last_public),
        updates_in_round=latest.in_round[measure_id],
        public_updates_in_round=latest.public_in_round[measure_id],
        **plan_data,
    )


def _plan_data(plan_id: int) -> dict[int, dict]:
    """Each measure's actors, ministers (with their portfolios) and budget lines as frozen, by
    measure id: three queries for the whole plan."""
    data = defaultdict(
        lambda: {"actors": [], "ministers": [], "minister_portfolios": [], "budget_lines": []}
    )
    actors = MeasureActor.objects.filter(measure__plan_id=plan_id).order_by(
        "measure_id", "position"
    )
    for link in actors.values(
        "measure_id", "actor__code", "actor__name", "role", "as_printed"
    ).iterator():
        data[link["measure_id"]]["actors"].append(
            {
                "code": link["actor__code"],
                "name": link["actor__name"],
                "role": link["role"],
                "as_printed": link["as_printed"],
            }
        )
    ministers = MeasureMinister.objects.filter(measure__plan_id=plan_id)
    for link in ministers.order_by("measure_id", "position").values(
        "measure_id", "minister__title", "minister__portfolio__slug", "minister__portfolio__name"
    ):
        data[link["measure_id"]]["ministers"].append(link["minister__title"])
        data[link["measure_id"]]["minister_portfolios"].append(
            {
                "title": link["minister__title"],
                "portfolio": link["minister__portfolio__slug"],
                "portfolio_name": link["minister__portfolio__name"],
            }
        )
    lines = BudgetLine.objects.filter(measure__plan_id=plan_id).order_by("measure_id", "position")
    for line in lines.values("measure_id", *BUDGET_LINE_OPEN_DATA_FIELDS):
        data[line["measure_id"]]["budget_lines"].append(budget_line_open_data(line))
    return data
