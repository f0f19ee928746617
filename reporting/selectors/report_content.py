"""A report's content: everything a report of a closed round says, in one edition.

Read from the rows frozen when the round closed, never from the live measures, so the same
round and edition always give the same report.
"""

import datetime
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from budgets.selectors import BudgetTotals, budget_lines_totals
from measures.models import ImplementationStatus, Measure, measure_name
from measures.progress_summary import ProgressSummary, progress_summary
from reporting.errors import ReportBuildError
from reporting.models import Edition, ReportingRound, RoundMeasureSnapshot
from reporting.selectors.changes import ChangeSet, report_changes, status_label
from reporting.selectors.portfolios import PortfolioSummary, portfolio_summaries

ATTENTION_STATUSES = (ImplementationStatus.DELAYED, ImplementationStatus.DISCONTINUED)
# From this many measures on, the PDF gives each updated measure one line instead of a
# block of its own: a report of thousands of measures stays a few hundred pages and builds in
# seconds rather than minutes (the workbook and CSV still give every field).
COMPACT_LAYOUT_FROM = 500


@dataclass
class MeasureEntry:
    code: str
    title: str
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
    planned_date: datetime.date | None = None
    evidence_links: list[str] = field(default_factory=list)
    minister_portfolios: list[dict] = field(default_factory=list)

    @property
    def code_and_title(self) -> str:
        return measure_name(self.code, self.title)

    @property
    def needs_attention(self) -> bool:
        """Delayed or discontinued: what a reader of the report asks about first."""
        return self.status in ATTENTION_STATUSES

    @property
    def web_evidence_links(self) -> list[str]:
        """The evidence links a reader can follow (http and https addresses only)."""
        return [link for link in self.evidence_links if link.startswith(("https://", "http://"))]

    @property
    def coordinators(self) -> list[str]:
        return [a["code"] for a in self.actors if a.get("role") == "coordinator"]

    @property
    def responsible(self) -> list[str]:
        """Who answers for the measure: its coordinators, or every actor where the plan names
        no coordinator (most measures have one actor and no role)."""
        return self.coordinators or [a["code"] for a in self.actors]

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

    @property
    def measures(self) -> list[MeasureEntry]:
        return [measure for action in self.actions for measure in action.measures]


@dataclass
class Count:
    key: str
    label: str
    count: int
    percent: int


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
    by_portfolio: list[PortfolioSummary] = field(default_factory=list)

    @property
    def is_public(self) -> bool:
        return self.edition == Edition.PUBLIC

    @property
    def total(self) -> int:
        return len(self.measures)

    @property
    def is_compact(self) -> bool:
        return self.total >= COMPACT_LAYOUT_FROM

    @property
    def completed(self) -> int:
        return sum(1 for m in self.measures if m.status == ImplementationStatus.COMPLETED)

    @property
    def not_updated_in_round(self) -> int:
        return self.total - self.updated_in_round

    @property
    def attention(self) -> list[MeasureEntry]:
        """The delayed and discontinued measures, delayed first, in plan order."""
        flagged = [entry for entry in self.measures if entry.needs_attention]
        return sorted(flagged, key=lambda entry: ATTENTION_STATUSES.index(entry.status))

    @property
    def measures_without_update(self) -> list[MeasureEntry]:
        """Measures with no update in the round: one table, not one empty block each."""
        return [entry for entry in self.measures if not entry.updates_in_round]

    @property
    def updated_policy_lines(self) -> list["PolicyLineSection"]:
        """The policy lines and actions holding a measure updated in the round, with those
        measures only (empty sections are left out)."""
        return _sections([entry for entry in self.measures if entry.updates_in_round])


def report_content(*, reporting_round: ReportingRound, edition: str) -> ReportContent:
    """Everything a report of the closed `reporting_round` says, in the given edition: the public
    edition reads public progress and public narratives only."""
    if not reporting_round.is_closed:
        raise ReportBuildError(_("Close the round before building its report."))
    public = edition == Edition.PUBLIC
    snapshots = reporting_round.measure_snapshots.order_by("action_number", "number")
    entries = [_entry(snapshot, public=public) for snapshot in snapshots]
    overall = _progress_summary(entries)
    lines = _sections(entries)
    by_line = [_group_summary(line) for line in lines]
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
            Count(status, status_label(status), n, _percent(n, overall.measures))
            for status, n in overall.status_counts.items()
        ],
        by_plan_status=_plan_status_counts(entries),
        by_policy_line=by_line,
        by_portfolio=portfolio_summaries(entries),
        average_percent=overall.average_percent,
        updated_in_round=sum(1 for e in entries if e.updates_in_round),
        budget=budget,
        changes=_with_reasons(
            report_changes(reporting_round=reporting_round, edition=edition), entries
        ),
    )


def _with_reasons(changes: ChangeSet, entries: list[MeasureEntry]) -> ChangeSet:
    """Each changed measure with its title and the reason its latest update gives (delayed,
    discontinued)."""
    by_code = {entry.code: entry for entry in entries}
    for change in changes.measures:
        entry = by_code.get(change.code)
        change.title = entry.title if entry else ""
        change.reason = entry.reason if entry else ""
    return changes


def _entry(snapshot: RoundMeasureSnapshot, *, public: bool) -> MeasureEntry:
    progress = snapshot.progress(public=public)
    try:
        plan_status_label = str(Measure.PlanStatus(snapshot.plan_status).label)
    except ValueError:
        plan_status_label = snapshot.plan_status
    return MeasureEntry(
        code=snapshot.code,
        title=snapshot.title,
        plan_status=snapshot.plan_status,
        plan_status_label=plan_status_label,
        description_html=snapshot.description_html,
        description_text=snapshot.description_text,
        status=progress.implementation_status,
        status_label=status_label(progress.implementation_status),
        percent=progress.progress_percent,
        narrative=progress.narrative,
        reason=progress.reason,
        reported_on=progress.reported_on,
        updates_in_round=snapshot.updates_counted(public=public),
        actors=list(snapshot.actors),
        ministers=list(snapshot.ministers),
        minister_portfolios=list(snapshot.minister_portfolios),
        budget_lines=list(snapshot.budget_lines),
        policy_line_number=snapshot.policy_line_number,
        policy_line_title=snapshot.policy_line_title,
        action_number=snapshot.action_number,
        action_title=snapshot.action_title,
        planned_date=snapshot.planned(public=public),
        evidence_links=snapshot.evidence(public=public),
    )


def _sections(entries: list[MeasureEntry]) -> list[PolicyLineSection]:
    """The entries (in action and number order) under their policy line and action."""
    lines: list[PolicyLineSection] = []
    for entry in entries:
        if not lines or lines[-1].number != entry.policy_line_number:
            lines.append(PolicyLineSection(entry.policy_line_number, entry.policy_line_title, []))
        actions = lines[-1].actions
        if not actions or actions[-1].number != entry.action_number:
            actions.append(ActionSection(entry.action_number, entry.action_title, []))
        actions[-1].measures.append(entry)
    lines.sort(key=lambda line: line.number)
    return lines


def _progress_summary(entries: list[MeasureEntry]) -> ProgressSummary:
    return progress_summary((entry.status, entry.percent) for entry in entries)


def _group_summary(line: PolicyLineSection) -> GroupSummary:
    members = line.measures
    summary = _progress_summary(members)
    budget = BudgetTotals()
    for member in members:
        budget.add(member.budget)
    return GroupSummary(
        line.number,
        line.title,
        summary.measures,
        summary.average_percent,
        summary.completed,
        budget,
    )


def _plan_status_counts(entries: list[MeasureEntry]) -> list[Count]:
    counts = dict.fromkeys(Measure.PlanStatus.values, 0)
    for entry in entries:
        counts[entry.plan_status] = counts.get(entry.plan_status, 0) + 1
    return [
        Count(status, str(Measure.PlanStatus(status).label), n, _percent(n, len(entries)))
        for status, n in counts.items()
    ]


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0
