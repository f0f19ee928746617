"""Reads for reporting: rounds, who still has to report, and a report's content.

A report's content is read from the rows frozen when its round closed, never from the live
measures, so the same round and edition always give the same report.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, fields
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from actors.models import Actor, PortalMembership, PortalRole
from budgets.selectors import BudgetTotals, budget_lines_totals
from measures.models import ImplementationStatus, Measure, MeasureActor, ProgressUpdate
from reporting.errors import ReportBuildError
from reporting.models import (
    Edition,
    Reminder,
    ReportingRound,
    ReportRun,
    RoundMeasureSnapshot,
    RoundUpdateSnapshot,
)


def measure_code_key(code: str) -> tuple[int, ...]:
    """Sort key of a measure code in numerical order: 5.2 before 5.10."""
    return tuple(int(part) for part in code.split("."))


# --- Rounds ---------------------------------------------------------------------------------


def round_list(*, plan=None) -> QuerySet[ReportingRound]:
    """Rounds, newest period first, with their report runs."""
    rounds = ReportingRound.objects.select_related("plan", "opened_by", "closed_by")
    if plan is not None:
        rounds = rounds.filter(plan=plan)
    return rounds.prefetch_related(Prefetch("runs", ReportRun.objects.order_by("edition")))


def round_open_get(*, plan) -> ReportingRound | None:
    return ReportingRound.objects.filter(plan=plan, state=ReportingRound.State.OPEN).first()


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


def round_missing_updates(*, reporting_round: ReportingRound) -> list[ActorMissingUpdates]:
    """Per actor, its measures with no update in the round, and its coordinators with the
    last time each was reminded in this round (None if never). Actors whose measures all have
    an update are left out."""
    updated = round_updated_measure_ids(reporting_round=reporting_round)
    missing: dict[int, list[Measure]] = defaultdict(list)
    actors: dict[int, Actor] = {}
    links = (
        MeasureActor.objects.filter(measure__plan_id=reporting_round.plan_id)
        .exclude(measure_id__in=updated)
        .select_related("actor", "measure")
        .order_by("actor__code", "measure__action_number", "measure__number")
    )
    for link in links:
        actors[link.actor_id] = link.actor
        missing[link.actor_id].append(link.measure)
    reminded: dict[int, datetime.datetime] = {}
    for reminder in Reminder.objects.filter(round=reporting_round).order_by("sent_at"):
        reminded[reminder.user_id] = reminder.sent_at
    coordinators: dict[int, list[CoordinatorStatus]] = defaultdict(list)
    memberships = (
        PortalMembership.objects.filter(
            role=PortalRole.COORDINATOR, user__is_active=True, actors__in=list(actors)
        )
        .select_related("user")
        .prefetch_related("actors")
        .order_by("user__username")
        .distinct()
    )
    for membership in memberships:
        for actor in membership.actors.all():
            if actor.pk in actors:
                coordinators[actor.pk].append(
                    CoordinatorStatus(membership.user, reminded.get(membership.user_id))
                )
    return [
        ActorMissingUpdates(actors[actor_id], missing[actor_id], coordinators[actor_id])
        for actor_id in sorted(actors, key=lambda pk: actors[pk].code.casefold())
    ]


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


# --- Budget totals (through budgets.selectors, the one place budgets become totals) ------


def snapshot_budget_totals(snapshots) -> BudgetTotals:
    """The totals of the budget lines frozen with `snapshots` (one per measure)."""
    total = BudgetTotals()
    for snapshot in snapshots:
        total.add(budget_lines_totals(snapshot.budget_lines))
    return total


def budget_totals_json(totals: BudgetTotals) -> dict:
    """`totals` as JSON (amounts as strings, so that no cent is lost)."""
    return {
        item.name: str(value) if isinstance(value, Decimal) else value
        for item in fields(totals)
        for value in [getattr(totals, item.name)]
    }


# --- A report's content ---------------------------------------------------------------------


@dataclass
class MeasureEntry:
    code: str
    plan_status: str
    plan_status_label: str
    description_html: str
    description_text: str
    status: str
    status_label: str
    percent: int
    narrative: str
    reason: str
    reported_on: datetime.date | None
    updates_in_round: int
    actors: list[dict]
    ministers: list[str]
    budget_lines: list[dict]
    policy_line_number: int
    policy_line_title: str
    action_number: int
    action_title: str

    @property
    def coordinators(self) -> list[str]:
        return [a["code"] for a in self.actors if a.get("role") == "coordinator"]

    @property
    def partners(self) -> list[str]:
        return [a["code"] for a in self.actors if a.get("role") != "coordinator"]

    @property
    def budget_as_printed(self) -> str:
        return "; ".join(line["source_text"] for line in self.budget_lines)

    @property
    def budget(self) -> BudgetTotals:
        return budget_lines_totals(self.budget_lines)


@dataclass
class GroupSummary:
    number: int
    title: str
    measures: int
    average_percent: int
    completed: int
    budget: BudgetTotals


@dataclass
class ActionSection:
    number: int
    title: str
    measures: list[MeasureEntry]


@dataclass
class PolicyLineSection:
    number: int
    title: str
    actions: list[ActionSection]


@dataclass
class Count:
    key: str
    label: str
    count: int
    percent: int


@dataclass
class MeasureChange:
    code: str
    status_before: str | None
    status_before_label: str
    status_after: str | None
    status_after_label: str
    percent_before: int | None
    percent_after: int | None

    @property
    def status_changed(self) -> bool:
        return self.status_before != self.status_after

    @property
    def percent_changed(self) -> bool:
        return self.percent_before != self.percent_after


@dataclass
class UpdateEntry:
    update_id: int
    measure_code: str
    reported_on: datetime.date
    status: str
    status_label: str
    percent: int
    narrative: str
    visibility: str


@dataclass
class ChangeSet:
    """What changed since the previous report (the previous closed round of the plan)."""

    previous: ReportingRound | None
    measures: list[MeasureChange] = field(default_factory=list)
    new_updates: list[UpdateEntry] = field(default_factory=list)
    removed_updates: list[UpdateEntry] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.measures or self.new_updates or self.removed_updates)


@dataclass
class ReportContent:
    plan: object
    round: ReportingRound
    edition: str
    edition_label: str
    measures: list[MeasureEntry]
    policy_lines: list[PolicyLineSection]
    by_status: list[Count]
    by_plan_status: list[Count]
    by_policy_line: list[GroupSummary]
    average_percent: int
    updated_in_round: int
    budget: BudgetTotals
    changes: ChangeSet

    @property
    def is_public(self) -> bool:
        return self.edition == Edition.PUBLIC

    @property
    def total(self) -> int:
        return len(self.measures)

    @property
    def completed(self) -> int:
        return sum(1 for m in self.measures if m.status == ImplementationStatus.COMPLETED)

    @property
    def not_updated_in_round(self) -> int:
        return self.total - self.updated_in_round


def _status_label(status: str | None) -> str:
    if not status:
        return "—"
    try:
        return str(ImplementationStatus(status).label)
    except ValueError:
        return status


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _entry(snapshot: RoundMeasureSnapshot, *, public: bool) -> MeasureEntry:
    prefix = "public_" if public else ""
    status = getattr(snapshot, f"{prefix}implementation_status")
    try:
        plan_status_label = str(Measure.PlanStatus(snapshot.plan_status).label)
    except ValueError:
        plan_status_label = snapshot.plan_status
    return MeasureEntry(
        code=snapshot.code,
        plan_status=snapshot.plan_status,
        plan_status_label=plan_status_label,
        description_html=snapshot.description_html,
        description_text=snapshot.description_text,
        status=status,
        status_label=_status_label(status),
        percent=getattr(snapshot, f"{prefix}progress_percent"),
        narrative=snapshot.public_narrative if public else snapshot.narrative,
        reason=snapshot.public_reason if public else snapshot.reason,
        reported_on=snapshot.public_reported_on if public else snapshot.reported_on,
        updates_in_round=getattr(snapshot, f"{prefix}updates_in_round"),
        actors=list(snapshot.actors),
        ministers=list(snapshot.ministers),
        budget_lines=list(snapshot.budget_lines),
        policy_line_number=snapshot.policy_line_number,
        policy_line_title=snapshot.policy_line_title,
        action_number=snapshot.action_number,
        action_title=snapshot.action_title,
    )


def _update_entry(update: RoundUpdateSnapshot) -> UpdateEntry:
    return UpdateEntry(
        update_id=update.update_id,
        measure_code=update.measure_code,
        reported_on=update.reported_on,
        status=update.implementation_status,
        status_label=_status_label(update.implementation_status),
        percent=update.progress_percent,
        narrative=update.narrative,
        visibility=update.visibility,
    )


def report_changes(*, reporting_round: ReportingRound, edition: str) -> ChangeSet:
    """Measures whose status or completion moved since the previous closed round, and the
    updates that are new or gone since then; the public edition compares public progress and
    public updates only."""
    previous = round_previous(reporting_round=reporting_round)
    if previous is None:
        return ChangeSet(previous=None)
    public = edition == Edition.PUBLIC
    status_field = "public_implementation_status" if public else "implementation_status"
    percent_field = "public_progress_percent" if public else "progress_percent"

    def progress(r: ReportingRound) -> dict[str, tuple[str, int]]:
        rows = r.measure_snapshots.values_list("code", status_field, percent_field)
        return {code: (status, percent) for code, status, percent in rows}

    before, after = progress(previous), progress(reporting_round)
    changes = []
    for code in sorted(set(before) | set(after), key=measure_code_key):
        old, new = before.get(code), after.get(code)
        if old == new:
            continue
        changes.append(
            MeasureChange(
                code=code,
                status_before=old[0] if old else None,
                status_before_label=_status_label(old[0] if old else None),
                status_after=new[0] if new else None,
                status_after_label=_status_label(new[0] if new else None),
                percent_before=old[1] if old else None,
                percent_after=new[1] if new else None,
            )
        )

    def updates(r: ReportingRound) -> dict[int, RoundUpdateSnapshot]:
        rows = r.update_snapshots.all()
        if public:
            rows = rows.filter(visibility=ProgressUpdate.Visibility.PUBLIC)
        return {row.update_id: row for row in rows}

    old_updates, new_updates = updates(previous), updates(reporting_round)

    def listed(rows: dict[int, RoundUpdateSnapshot], ids: set[int]) -> list[UpdateEntry]:
        chosen = sorted(
            (rows[i] for i in ids), key=lambda u: (measure_code_key(u.measure_code), u.reported_on)
        )
        return [_update_entry(update) for update in chosen]

    return ChangeSet(
        previous=previous,
        measures=changes,
        new_updates=listed(new_updates, set(new_updates) - set(old_updates)),
        removed_updates=listed(old_updates, set(old_updates) - set(new_updates)),
    )


def report_content(*, reporting_round: ReportingRound, edition: str) -> ReportContent:
    """Everything a report of the closed `reporting_round` says, in the given edition: the public
    edition reads public progress and public narratives only."""
    if not reporting_round.is_closed:
        raise ReportBuildError(_("Close the round before building its report."))
    public = edition == Edition.PUBLIC
    snapshots = list(reporting_round.measure_snapshots.order_by("action_number", "number"))
    entries = [_entry(snapshot, public=public) for snapshot in snapshots]
    total = len(entries)

    status_counts = {status: 0 for status in ImplementationStatus.values}
    plan_counts = {status: 0 for status in Measure.PlanStatus.values}
    for entry in entries:
        status_counts[entry.status] = status_counts.get(entry.status, 0) + 1
        plan_counts[entry.plan_status] = plan_counts.get(entry.plan_status, 0) + 1

    lines: list[PolicyLineSection] = []
    for entry in entries:
        if not lines or lines[-1].number != entry.policy_line_number:
            lines.append(PolicyLineSection(entry.policy_line_number, entry.policy_line_title, []))
        actions = lines[-1].actions
        if not actions or actions[-1].number != entry.action_number:
            actions.append(ActionSection(entry.action_number, entry.action_title, []))
        actions[-1].measures.append(entry)
    lines.sort(key=lambda line: line.number)

    def summary(number: int, title: str, members: list[MeasureEntry]) -> GroupSummary:
        average = round(sum(m.percent for m in members) / len(members)) if members else 0
        done = sum(1 for m in members if m.status == ImplementationStatus.COMPLETED)
        budget = BudgetTotals()
        for member in members:
            budget.add(member.budget)
        return GroupSummary(number, title, len(members), average, done, budget)

    by_line = [
        summary(line.number, line.title, [m for a in line.actions for m in a.measures])
        for line in lines
    ]
    budget = BudgetTotals()
    for group in by_line:
        budget.add(group.budget)

    return ReportContent(
        plan=reporting_round.plan,
        round=reporting_round,
        edition=edition,
        edition_label=str(Edition(edition).label),
        measures=entries,
        policy_lines=lines,
        by_status=[
            Count(status, _status_label(status), n, _percent(n, total))
            for status, n in status_counts.items()
        ],
        by_plan_status=[
            Count(status, str(Measure.PlanStatus(status).label), n, _percent(n, total))
            for status, n in plan_counts.items()
        ],
        by_policy_line=by_line,
        average_percent=round(sum(e.percent for e in entries) / total) if total else 0,
        updated_in_round=sum(1 for e in entries if e.updates_in_round),
        budget=budget,
        changes=report_changes(reporting_round=reporting_round, edition=edition),
    )


def report_run_list(*, reporting_round: ReportingRound) -> QuerySet[ReportRun]:
    return ReportRun.objects.filter(round=reporting_round).order_by("edition")


REPORT_FILE_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class ReportFileUnavailable(Exception):
    """The requested report file cannot be served; the message says why."""


@dataclass
class OpenReportFile:
    handle: object
    filename: str
    content_type: str


def report_run_file_open(*, run: ReportRun, kind: str, user) -> OpenReportFile:
    """Open a finished run's PDF, XLSX or CSV for `user` (pages and API alike).

    Raises PermissionDenied when the edition is not for this user, and ReportFileUnavailable
    for an unknown kind, a run that is not done, or a file missing from storage.
    """
    import os

    from django.core.exceptions import PermissionDenied

    from reporting.permissions import report_run_can_download

    if kind not in REPORT_FILE_TYPES:
        raise ReportFileUnavailable(_("There is no such file."))
    if not report_run_can_download(user, run):
        raise PermissionDenied(_("The internal edition is for readers of internal updates."))
    stored = run.file_for(kind) if run.state == ReportRun.State.DONE else None
    if stored is None:
        raise ReportFileUnavailable(_("This report has no such file (yet)."))
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise ReportFileUnavailable(_("The file is missing: build the report again.")) from exc
    return OpenReportFile(handle, os.path.basename(stored.name), REPORT_FILE_TYPES[kind])
