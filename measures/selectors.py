"""Reads of measures, shared by pages, exports, the API and reports."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budgets.models import BudgetLine
from measures.models import Measure, MeasureActor, MeasureMinister


def measure_queryset_with_plan_data() -> QuerySet[Measure]:
    """Measures with everything `measure_open_data` reads, in a fixed number of queries."""
    return (
        Measure.objects.select_related("plan", "action__policy_line")
        .prefetch_related(
            Prefetch("actor_links", MeasureActor.objects.select_related("actor")),
            Prefetch("minister_links", MeasureMinister.objects.select_related("minister")),
            Prefetch("budget_lines", BudgetLine.objects.all()),
        )
        .in_code_order()
    )


def measure_open_data(measure: Measure) -> dict:
    """A measure as open data: the shape of `export_plan` and of the REST API."""
    return {
        "code": measure.code,
        "plan_status": measure.plan_status,
        "description": measure.description,
        "action": measure.action.number,
        "policy_line": measure.action.policy_line.number,
        "actors": [
            {
                "code": link.actor.code,
                "name": link.actor.name,
                "kind": link.actor.kind,
                "role": link.role,
            }
            for link in measure.actor_links.all()
        ],
        "ministers": [{"title": link.minister.title} for link in measure.minister_links.all()],
        "budget_lines": [budget_line_open_data(line) for line in measure.budget_lines.all()],
        "notes": list(measure.notes),
    }


def budget_line_open_data(line: BudgetLine) -> dict:
    return {
        "amount": None if line.amount is None else str(line.amount),
        "currency": line.currency,
        "unit": line.unit,
        "fte": None if line.fte is None else str(line.fte),
        "recurrence": line.recurrence or None,
        "period_start": line.period_start,
        "period_end": line.period_end,
        "label": line.label,
        "regular_resources": line.regular_resources,
        "source_text": line.source_text,
    }


# --- Progress: timeline, history, dashboard -------------------------------------------------

STALE_AFTER_DAYS = 90
HISTORY_HIDDEN_FIELDS = {"id", "version", "updated_at", "created_at", "action_number", "number"}
INTERNAL_PROGRESS_FIELDS = {"implementation_status", "progress_percent", "last_update_at"}
HISTORY_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def progress_update_list(*, measure: Measure, user) -> QuerySet:
    """The measure's updates that `user` may read, newest first (the timeline)."""
    from measures.models import ProgressUpdate
    from measures.permissions import user_can_read_internal

    updates = ProgressUpdate.objects.filter(measure=measure).select_related("author")
    if not user_can_read_internal(user):
        updates = updates.public()
    return updates.latest_first()


@dataclass
class HistoryChange:
    field: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    subject: str
    kind: str  # created, changed, deleted
    changes: list[HistoryChange]


def measure_history(*, measure: Measure, user) -> list[HistoryEntry]:
    """Every recorded change to the measure and to the updates `user` may read, newest first."""
    from measures.models import ProgressUpdate
    from measures.permissions import user_can_read_internal, user_can_see_history

    if not user_can_see_history(user):
        return []
    reads_internal = user_can_read_internal(user)
    # The measure's own status fields follow internal updates too; hide them from those who
    # may not read internal updates (they see the public_* twins change instead).
    hidden = set() if reads_internal else INTERNAL_PROGRESS_FIELDS
    entries = _history_entries(
        measure.history.select_related("history_user").order_by("history_date", "history_id"),
        Measure._meta,
        subject=lambda record: _("Measure %(code)s") % {"code": record.code},
        hidden=hidden,
    )
    updates = ProgressUpdate.history.filter(measure_id=measure.pk).select_related("history_user")
    if not reads_internal:
        public_ids = ProgressUpdate.objects.filter(measure=measure).public().values("pk")
        updates = updates.filter(id__in=public_ids)
    entries += _history_entries(
        updates.order_by("id", "history_date", "history_id"),
        ProgressUpdate._meta,
        subject=lambda record: _("Progress update of %(date)s")
        % {"date": date_format(record.reported_on)},
    )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _history_entries(records, meta, *, subject, hidden=frozenset()) -> list[HistoryEntry]:
    entries = []
    previous_by_object: dict = {}
    fields = [
        field
        for field in meta.concrete_fields
        if field.name not in HISTORY_HIDDEN_FIELDS | hidden
        and not field.name.endswith("_as_printed")
    ]
    for record in records:
        previous = previous_by_object.get(record.id)
        changes = []
        for field in fields:
            after = _display(record, field)
            before = _display(previous, field) if previous is not None else ""
            if previous is None and record.history_type == "+":
                continue
            if before != after:
                changes.append(HistoryChange(str(field.verbose_name), before, after))
        kind = HISTORY_KINDS[record.history_type]
        if kind == "created" or changes or kind == "deleted":
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=str(record.history_user) if record.history_user else _("the system"),
                    subject=subject(record),
                    kind=kind,
                    changes=changes,
                )
            )
        previous_by_object[record.id] = record
    return entries


def _display(record, field) -> str:
    attname = field.attname
    value = getattr(record, attname, None)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value or ""))
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field.is_relation:
        return str(value)
    return str(value)


@dataclass
class GroupProgress:
    number: int
    title: str
    measures: int
    average_percent: int
    completed: int
    status_counts: dict[str, int]


def dashboard_summary(*, plan, user) -> dict:
    """Progress of the plan as `user` may see it: per status, per B/V/N, per policy line and
    action, the latest updated measures and those without an update for 90 days."""
    from actionplan.models import Action
    from measures.models import ImplementationStatus

    measures = list(
        Measure.objects.filter(plan=plan)
        .with_visible_progress(user)
        .select_related("action__policy_line")
        .in_code_order()
    )
    by_status = {status: 0 for status in ImplementationStatus.values}
    for measure in measures:
        by_status[measure.visible_status] += 1
    by_plan_status = {status: 0 for status in Measure.PlanStatus.values}
    for measure in measures:
        by_plan_status[measure.plan_status] += 1

    def group(number: int, title: str, members: list[Measure]) -> GroupProgress:
        counts = {status: 0 for status in ImplementationStatus.values}
        for member in members:
            counts[member.visible_status] += 1
        average = round(sum(m.visible_percent for m in members) / len(members)) if members else 0
        return GroupProgress(
            number, title, len(members), average, counts[ImplementationStatus.COMPLETED], counts
        )

    lines = [
        group(line.number, line.title, [m for m in measures if m.action.policy_line_id == line.pk])
        for line in plan.policy_lines.all()
    ]
    actions = [
        group(action.number, action.title, [m for m in measures if m.action_id == action.pk])
        for action in Action.objects.filter(plan=plan)
    ]
    threshold = timezone.now() - datetime.timedelta(days=STALE_AFTER_DAYS)
    updated = sorted(
        (m for m in measures if m.visible_last_update_at),
        key=lambda m: m.visible_last_update_at,
        reverse=True,
    )
    stale = [
        m
        for m in measures
        if m.visible_last_update_at is None or m.visible_last_update_at < threshold
    ]
    return {
        "total": len(measures),
        "by_status": [
            (status, ImplementationStatus(status).label, n) for status, n in by_status.items()
        ],
        "by_plan_status": [
            (status, Measure.PlanStatus(status).label, n) for status, n in by_plan_status.items()
        ],
        "policy_lines": lines,
        "actions": actions,
        "recently_updated": updated[:10],
        "stale": stale,
        "stale_after_days": STALE_AFTER_DAYS,
    }
