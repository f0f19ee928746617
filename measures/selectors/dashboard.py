"""The dashboard: progress of a plan as a user may see it, counted in the database (a few
grouped queries, whatever the number of measures)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from actionplan.models import Action
from measures.models import ImplementationStatus, Measure
from measures.progress_summary import ProgressSummary, progress_summary_of_groups

STALE_AFTER_DAYS = 90
# The stale measures the dashboard names (code and title), those longest without an update
# first: a readable list, not a wall of codes; it counts them all and links to the whole list.
STALE_LISTED = 10


@dataclass
class GroupProgress:
    number: int
    title: str
    measures: int
    average_percent: int
    completed: int
    status_counts: dict[str, int]


def _progress_groups(measures: QuerySet) -> list[dict]:
    """Measures counted per action and visible status, with the sum of their percents."""
    return list(
        measures.order_by()
        .values("action_id", "action__policy_line_id", "visible_status")
        .annotate(count=Count("pk"), percent=Sum("visible_percent"))
    )


def _summary_of(groups: list[dict]) -> ProgressSummary:
    return progress_summary_of_groups(
        (group["visible_status"], group["count"], group["percent"]) for group in groups
    )


def _group_progress(number: int, title: str, groups: list[dict]) -> GroupProgress:
    summary = _summary_of(groups)
    return GroupProgress(
        number,
        title,
        summary.measures,
        summary.average_percent,
        summary.completed,
        summary.status_counts,
    )


def measure_status_counts(measures: QuerySet) -> list[tuple[str, str, int]]:
    """(status, label, number of measures) for every implementation status, in its order, as
    the user reading `measures` (a queryset with_visible_progress) may see them."""
    counts = dict(measures.order_by().values_list("visible_status").annotate(count=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in ImplementationStatus.choices]


def _plan_status_counts(measures: QuerySet) -> list[tuple[str, str, int]]:
    counts = dict(measures.order_by().values_list("plan_status").annotate(count=Count("pk")))
    return [(value, label, counts.get(value, 0)) for value, label in Measure.PlanStatus.choices]


def dashboard_summary(*, plan, user) -> dict:
    """Progress of the plan as `user` may see it: per status, per B/V/N, per policy line and
    action, the latest updated measures and those without an update for 90 days."""
    measures = Measure.objects.filter(plan=plan).with_visible_progress(user)
    groups = _progress_groups(measures)
    total = _summary_of(groups)
    threshold = timezone.now() - datetime.timedelta(days=STALE_AFTER_DAYS)
    stale = measures.filter(
        Q(visible_last_update_at__isnull=True) | Q(visible_last_update_at__lt=threshold)
    ).order_by(F("visible_last_update_at").asc(nulls_first=True), "action_number", "number")
    return {
        "total": total.measures,
        "by_status": [
            (value, label, total.status_counts[value])
            for value, label in ImplementationStatus.choices
        ],
        "by_plan_status": _plan_status_counts(measures),
        "policy_lines": [
            _group_progress(
                line.number,
                line.title,
                [group for group in groups if group["action__policy_line_id"] == line.pk],
            )
            for line in plan.policy_lines.all()
        ],
        "actions": [
            _group_progress(
                action.number,
                action.title,
                [group for group in groups if group["action_id"] == action.pk],
            )
            for action in Action.objects.filter(plan=plan)
        ],
        "recently_updated": list(
            measures.filter(visible_last_update_at__isnull=False).order_by(
                "-visible_last_update_at"
            )[:10]
        ),
        "stale": list(stale[:STALE_LISTED]),
        "stale_count": stale.count(),
        "stale_after_days": STALE_AFTER_DAYS,
    }
