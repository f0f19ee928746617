"""The dashboard: progress of a plan as a user may see it."""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.utils import timezone

from actionplan.models import Action
from measures.models import ImplementationStatus, Measure
from measures.progress_summary import progress_summary

STALE_AFTER_DAYS = 90


@dataclass
class GroupProgress:
    number: int
    title: str
    measures: int
    average_percent: int
    completed: int
    status_counts: dict[str, int]


def _group_progress(number: int, title: str, members: list[Measure]) -> GroupProgress:
    summary = progress_summary((m.visible_status, m.visible_percent) for m in members)
    return GroupProgress(
        number,
        title,
        summary.measures,
        summary.average_percent,
        summary.completed,
        summary.status_counts,
    )


def _counts(measures: list[Measure], attribute: str, choices) -> list[tuple[str, str, int]]:
    """(value, label, number of measures) for every value of `choices`, in its order."""
    counts = Counter(getattr(measure, attribute) for measure in measures)
    return [(value, label, counts[value]) for value, label in choices]


def measure_status_counts(measures: list[Measure]) -> list[tuple[str, str, int]]:
    """(status, label, number of measures) for every implementation status, in its order, as
    the user reading `measures` (with_visible_progress) may see them."""
    return _counts(measures, "visible_status", ImplementationStatus.choices)


def dashboard_summary(*, plan, user) -> dict:
    """Progress of the plan as `user` may see it: per status, per B/V/N, per policy line and
    action, the latest updated measures and those without an update for 90 days."""
    measures = list(
        Measure.objects.filter(plan=plan)
        .with_visible_progress(user)
        .select_related("action__policy_line")
        .in_code_order()
    )
    lines = [
        _group_progress(
            line.number, line.title, [m for m in measures if m.action.policy_line_id == line.pk]
        )
        for line in plan.policy_lines.all()
    ]
    actions = [
        _group_progress(
            action.number, action.title, [m for m in measures if m.action_id == action.pk]
        )
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
        "by_status": measure_status_counts(measures),
        "by_plan_status": _counts(measures, "plan_status", Measure.PlanStatus.choices),
        "policy_lines": lines,
        "actions": actions,
        "recently_updated": updated[:10],
        "stale": stale,
        "stale_after_days": STALE_AFTER_DAYS,
    }
