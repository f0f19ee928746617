"""Reads about rounds: the list, the open round, the previous report, and who still has to
report in an open round."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from actionplan.models import Plan
from actors.models import Actor, PortalMembership, PortalRole
from measures.models import Measure, MeasureActor, ProgressUpdate
from reporting.models import Reminder, ReportingRound, ReportRun


def measure_code_key(code: str) -> tuple[int, ...]:
    """Sort key of a measure code in numerical order: 5.2 before 5.10."""
    return tuple(int(part) for part in code.split("."))


def round_queryset() -> QuerySet[ReportingRound]:
    """Rounds with their plan and who opened and closed them (a round's page shows both)."""
    return ReportingRound.objects.select_related("plan", "opened_by", "closed_by")


def round_list(*, plan=None) -> QuerySet[ReportingRound]:
    """Rounds, newest period first, with their report runs."""
    rounds = round_queryset()
    if plan is not None:
        rounds = rounds.filter(plan=plan)
    return rounds.prefetch_related(Prefetch("runs", ReportRun.objects.order_by("edition")))


def round_open_get(*, plan) -> ReportingRound | None:
    return ReportingRound.objects.filter(plan=plan, state=ReportingRound.State.OPEN).first()


def round_open_list(*, plan=None) -> QuerySet[ReportingRound]:
    """The open rounds (at most one per plan), of `plan` only when given."""
    rounds = round_queryset().filter(state=ReportingRound.State.OPEN)
    return rounds.filter(plan=plan) if plan is not None else rounds.order_by("plan__adoption_year")


def plan_without_open_round_list() -> QuerySet[Plan]:
    """The plans a round may be opened for: those without an open round."""
    return Plan.objects.exclude(reporting_rounds__state=ReportingRound.State.OPEN).order_by(
        "adoption_year", "code"
    )


def round_last_closed() -> ReportingRound | None:
    """The round closed last (of any plan): the newest report there is."""
    return (
        ReportingRound.objects.filter(state=ReportingRound.State.CLOSED)
        .order_by("-closed_at", "-pk")
        .first()
    )


def round_previous(*, reporting_round: ReportingRound) -> ReportingRound | None:
    """The closed round of the same plan closed before `reporting_round`: the last report before it."""
    if not reporting_round.is_closed:
        return None
    return (
        ReportingRound.objects.filter(
            plan_id=reporting_round.plan_id,
            state=ReportingRound.State.CLOSED,
            closed_at__lte=reporting_round.closed_at,
        )
        .exclude(pk=reporting_round.pk)
        .exclude(closed_at=reporting_round.closed_at, pk__gt=reporting_round.pk)
        .order_by("-closed_at", "-pk")
        .first()
    )


def round_updated_measure_ids(*, reporting_round: ReportingRound) -> set[int]:
    """Measures with at least one update (of any visibility) reported in the round's period.

    Internal updates count: the reports area is for readers of internal updates only
    (reporting.permissions.user_can_see_reports)."""
    return set(
        ProgressUpdate.objects.filter(
            measure__plan_id=reporting_round.plan_id,
            reported_on__gte=reporting_round.period_start,
            reported_on__lte=reporting_round.period_end,
        ).values_list("measure_id", flat=True)
    )


@dataclass
class CoordinatorStatus:
    user: object
    reminded_at: datetime.datetime | None


@dataclass
class ActorMissingUpdates:
    actor: Actor
    measures: list[Measure]
    coordinators: list[CoordinatorStatus]
    total: int = 0  # the actor's measures in the plan

    @property
    def updated(self) -> int:
        return self.total - len(self.measures)

    @property
    def percent_complete(self) -> int:
        return round(100 * self.updated / self.total) if self.total else 0


def round_missing_updates(*, reporting_round: ReportingRound) -> list[ActorMissingUpdates]:
    """Per actor, its measures with no update in the round (with how many of its measures
    have one), and its coordinators with the last time each was reminded in this round (None
    if never). The least complete actor first; actors whose measures all have an update are
    left out."""
    updated = round_updated_measure_ids(reporting_round=reporting_round)
    missing: dict[int, list[Measure]] = defaultdict(list)
    totals: dict[int, int] = defaultdict(int)
    actors: dict[int, Actor] = {}
    links = (
        MeasureActor.objects.filter(measure__plan_id=reporting_round.plan_id)
        .select_related("actor", "measure__plan")
        .order_by("actor__code", "measure__action_number", "measure__number")
    )
    for link in links:
        totals[link.actor_id] += 1
        if link.measure_id not in updated:
            actors[link.actor_id] = link.actor
            missing[link.actor_id].append(link.measure)
    coordinators = _coordinators_by_actor(reporting_round, actor_ids=set(actors))
    entries = [
        ActorMissingUpdates(
            actors[actor_id], missing[actor_id], coordinators[actor_id], totals[actor_id]
        )
        for actor_id in actors
    ]
    return sorted(entries, key=lambda e: (e.percent_complete, -e.total, e.actor.code.casefold()))


def _coordinators_by_actor(
    reporting_round: ReportingRound, *, actor_ids: set[int]
) -> dict[int, list[CoordinatorStatus]]:
    """The active coordinators of each of `actor_ids`, with when they were last reminded in
    the round."""
    reminded: dict[int, datetime.datetime] = {}
    for reminder in Reminder.objects.filter(round=reporting_round).order_by("sent_at"):
        reminded[reminder.user_id] = reminder.sent_at
    coordinators: dict[int, list[CoordinatorStatus]] = defaultdict(list)
    memberships = (
        PortalMembership.objects.filter(
            role=PortalRole.COORDINATOR, user__is_active=True, actors__in=list(actor_ids)
        )
        .select_related("user")
        .prefetch_related("actors")
        .order_by("user__username")
        .distinct()
    )
    for membership in memberships:
        for actor in membership.actors.all():
            if actor.pk in actor_ids:
                coordinators[actor.pk].append(
                    CoordinatorStatus(membership.user, reminded.get(membership.user_id))
                )
    return coordinators


def round_coordinators_to_remind(*, reporting_round: ReportingRound) -> dict[object, list[str]]:
    """Each active coordinator with an email address whose actors have measures without an
    update in the round, with the codes of those measures in code order."""
    codes_by_user: dict[object, list[str]] = {}
    users = {}
    for entry in round_missing_updates(reporting_round=reporting_round):
        for coordinator in entry.coordinators:
            user = coordinator.user
            if not user.email:
                continue
            users[user.pk] = user
            codes = codes_by_user.setdefault(user.pk, [])
            codes.extend(m.code for m in entry.measures if m.code not in codes)
    return {users[pk]: sorted(codes, key=measure_code_key) for pk, codes in codes_by_user.items()}


def reminder_list(*, reporting_round: ReportingRound) -> QuerySet[Reminder]:
    return Reminder.objects.filter(round=reporting_round).select_related("user")


def round_open_progress(*, reporting_round: ReportingRound) -> dict:
    """What an open round's page shows: who has still to report (`missing`), how many of the
    plan's measures (`measure_count`) have an update in the round (`updated_count`), and the
    reminders sent."""
    return {
        "missing": round_missing_updates(reporting_round=reporting_round),
        "updated_count": len(round_updated_measure_ids(reporting_round=reporting_round)),
        "measure_count": Measure.objects.filter(plan_id=reporting_round.plan_id).count(),
        "reminders": reminder_list(reporting_round=reporting_round),
    }


def round_snapshot_count(*, reporting_round: ReportingRound) -> int:
    """How many measures were frozen when the round closed."""
    return reporting_round.measure_snapshots.count()


@dataclass
class ClosePreview:
    """What closing the round would freeze, for the confirmation page."""

    measure_count: int
    missing_count: int
    situation_date: datetime.date
    closes_early: bool


def round_close_preview(
    *, reporting_round: ReportingRound, today: datetime.date | None = None
) -> ClosePreview:
    """How many measures closing now would freeze, how many of them without an update in the
    round, the day the report will speak of, and whether the period has not ended yet."""
    measure_count = Measure.objects.filter(plan_id=reporting_round.plan_id).count()
    updated = len(round_updated_measure_ids(reporting_round=reporting_round))
    return ClosePreview(
        measure_count=measure_count,
        missing_count=measure_count - updated,
        situation_date=reporting_round.situation_date,
        closes_early=reporting_round.closes_early(today or timezone.localdate()),
    )
