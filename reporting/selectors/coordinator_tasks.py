"""A coordinator's work: the measures they keep up to date as a task list, led by the open
reporting rounds of those measures' plans and what still needs an update in them."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from actors.roles import user_actor_ids
from measures.models import Measure, MeasureActor, ProgressUpdate
from measures.selectors import measure_list_mine
from reporting.models import ReportingRound


@dataclass(frozen=True)
class OpenRoundSummary:
    """An open round as a coordinator sees it: their share of it, and the time left."""

    reporting_round: ReportingRound
    to_update: int  # of the user's measures in the round's plan, still without an update
    total: int  # the user's measures in the round's plan
    days_left: int  # to the deadline; negative once it has passed

    @property
    def updated(self) -> int:
        return self.total - self.to_update

    @property
    def is_overdue(self) -> bool:
        return self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return max(0, -self.days_left)


@dataclass(frozen=True)
class MeasureTask:
    measure: Measure
    coordinates: bool  # one of the user's actors coordinates the measure (else a partner)
    # The open round of the measure's plan in which it still needs an update, if any.
    due_in: ReportingRound | None

    @property
    def needs_update(self) -> bool:
        return self.due_in is not None


@dataclass(frozen=True)
class CoordinatorTasks:
    rounds: list[OpenRoundSummary]
    tasks: list[MeasureTask]

    @property
    def to_update(self) -> int:
        return sum(task.needs_update for task in self.tasks)


def coordinator_tasks(*, user, today: datetime.date | None = None) -> CoordinatorTasks:
    """The measures `user` may update, those that need an update in an open round first (the
    longest without an update first), then the rest in code order. The number of queries
    grows with the open rounds (one per plan at most), never with the measures."""
    today = today or timezone.localdate()
    measures = list(measure_list_mine(user=user).select_related("plan"))  # for their links
    open_rounds = {
        reporting_round.plan_id: reporting_round
        for reporting_round in ReportingRound.objects.filter(
            state=ReportingRound.State.OPEN, plan_id__in={m.plan_id for m in measures}
        ).select_related("plan")
    }
    updated = _updated_in_open_rounds(measures, open_rounds)
    coordinated = set(
        MeasureActor.objects.filter(
            measure__in=measures,
            actor_id__in=user_actor_ids(user),
            role=MeasureActor.Role.COORDINATOR,
        ).values_list("measure_id", flat=True)
    )
    tasks = [
        MeasureTask(
            measure=measure,
            coordinates=measure.pk in coordinated,
            due_in=None if measure.pk in updated else open_rounds.get(measure.plan_id),
        )
        for measure in measures
    ]
    # Stable sort: code order is kept within each group.
    tasks.sort(key=lambda task: (not task.needs_update, _last_update_key(task)))
    return CoordinatorTasks(rounds=_round_summaries(tasks, open_rounds, today), tasks=tasks)


def _updated_in_open_rounds(measures: list[Measure], open_rounds: dict) -> set[int]:
    """Ids of the measures with an update (of any visibility) reported in their plan's open
    round's period: the rule of round_updated_measure_ids, for the user's measures only."""
    updated: set[int] = set()
    for plan_id, reporting_round in open_rounds.items():
        updated.update(
            ProgressUpdate.objects.filter(
                measure__in=[m for m in measures if m.plan_id == plan_id],
                reported_on__gte=reporting_round.period_start,
                reported_on__lte=reporting_round.period_end,
            ).values_list("measure_id", flat=True)
        )
    return updated


def _last_update_key(task: MeasureTask) -> tuple:
    """Within the tasks due, the longest without an update first (never updated first of all);
    the others keep code order."""
    if not task.needs_update:
        return ()
    last = task.measure.visible_last_update_at
    return (last is not None, last or datetime.datetime.min.replace(tzinfo=datetime.UTC))


def _round_summaries(
    tasks: list[MeasureTask], open_rounds: dict, today: datetime.date
) -> list[OpenRoundSummary]:
    summaries = []
    for plan_id, reporting_round in open_rounds.items():
        in_plan = [task for task in tasks if task.measure.plan_id == plan_id]
        summaries.append(
            OpenRoundSummary(
                reporting_round=reporting_round,
                to_update=sum(task.needs_update for task in in_plan),
                total=len(in_plan),
                days_left=(reporting_round.deadline - today).days,
            )
        )
    return sorted(summaries, key=lambda summary: summary.reporting_round.deadline)
