"""What changed since the previous report: measures whose status or completion moved, and
progress updates that are new or gone, read from the two rounds' frozen rows."""

import datetime
from dataclasses import dataclass, field

from measures.models import ImplementationStatus, ProgressUpdate
from measures.visibility import INTERNAL, PUBLIC
from reporting.models import Edition, ReportingRound
from reporting.selectors.rounds import measure_code_key, round_previous


def status_label(status: str | None) -> str:
    """An implementation status as printed in a report ("—" for none)."""
    if not status:
        return "—"
    try:
        return str(ImplementationStatus(status).label)
    except ValueError:
        return status


@dataclass
class MeasureChange:
    code: str
    status_before: str | None
    status_before_label: str
    status_after: str | None
    status_after_label: str
    percent_before: int | None
    percent_after: int | None
    title: str = ""
    reason: str = ""

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


def report_changes(*, reporting_round: ReportingRound, edition: str) -> ChangeSet:
    """Measures whose status or completion moved since the previous closed round, and the
    updates that are new or gone since then; the public edition compares public progress and
    public updates only."""
    previous = round_previous(reporting_round=reporting_round)
    if previous is None:
        return ChangeSet(previous=None)
    public = edition == Edition.PUBLIC
    old_ids = set(_frozen_updates(previous, public=public).values_list("update_id", flat=True))
    new_ids = set(
        _frozen_updates(reporting_round, public=public).values_list("update_id", flat=True)
    )
    return ChangeSet(
        previous=previous,
        measures=_measure_changes(
            _frozen_progress(previous, public=public),
            _frozen_progress(reporting_round, public=public),
        ),
        new_updates=_listed(_frozen_updates(reporting_round, public=public), new_ids - old_ids),
        removed_updates=_listed(_frozen_updates(previous, public=public), old_ids - new_ids),
    )


def _frozen_progress(reporting_round: ReportingRound, *, public: bool) -> dict[str, tuple]:
    """Each measure code's frozen (status, percent) in the edition."""
    audience = PUBLIC if public else INTERNAL
    rows = reporting_round.measure_snapshots.values_list(
        "code", audience.field("implementation_status"), audience.field("progress_percent")
    )
    return {code: (status, percent) for code, status, percent in rows}


def _measure_changes(before: dict[str, tuple], after: dict[str, tuple]) -> list[MeasureChange]:
    changes = []
    for code in sorted(set(before) | set(after), key=measure_code_key):
        old, new = before.get(code), after.get(code)
        if old == new:
            continue
        changes.append(
            MeasureChange(
                code=code,
                status_before=old[0] if old else None,
                status_before_label=status_label(old[0] if old else None),
                status_after=new[0] if new else None,
                status_after_label=status_label(new[0] if new else None),
                percent_before=old[1] if old else None,
                percent_after=new[1] if new else None,
            )
        )
    return changes


def _frozen_updates(reporting_round: ReportingRound, *, public: bool):
    rows = reporting_round.update_snapshots.all()
    if public:
        rows = rows.filter(visibility=ProgressUpdate.Visibility.PUBLIC)
    return rows


UPDATE_ENTRY_FIELDS = (
    "update_id",
    "measure_code",
    "reported_on",
    "implementation_status",
    "progress_percent",
    "narrative",
    "visibility",
)


def _listed(rows, ids: set[int]) -> list[UpdateEntry]:
    """The `rows` whose update is in `ids`, as report entries in measure and date order: read
    as plain rows, one pass, keeping only those (a round holds every update of the plan)."""
    if not ids:
        return []
    chosen = [
        row for row in rows.values(*UPDATE_ENTRY_FIELDS).iterator() if row["update_id"] in ids
    ]
    chosen.sort(key=lambda row: (measure_code_key(row["measure_code"]), row["reported_on"]))
    return [
        UpdateEntry(
            update_id=row["update_id"],
            measure_code=row["measure_code"],
            reported_on=row["reported_on"],
            status=row["implementation_status"],
            status_label=status_label(row["implementation_status"]),
            percent=row["progress_percent"],
            narrative=row["narrative"],
            visibility=row["visibility"],
        )
        for row in chosen
    ]
