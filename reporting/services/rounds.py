"""Opening a reporting round, and closing it: freezing every measure of its plan and every
update reported up to the end of its period."""

import datetime
import logging
from collections import Counter

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplan.models import Plan
from measures.models import Measure, ProgressUpdate, ReportedProgress
from measures.selectors import budget_line_open_data, measure_queryset_with_plan_data
from reporting.models import ReportingRound, RoundMeasureSnapshot, RoundUpdateSnapshot
from reporting.selectors import budget_totals_json, snapshot_budget_totals
from reporting.services.access import builder_required, recorded_user

logger = logging.getLogger(__name__)


def round_open(
    *,
    plan: Plan,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
    deadline: datetime.date,
    opened_by=None,
) -> ReportingRound:
    """Open a reporting round on `plan`. Raises ValidationError for a period that ends before
    it starts, a deadline before the period, an empty title or a round already open."""
    builder_required(opened_by)
    title = (title or "").strip()
    errors = _round_errors(plan, title, period_start, period_end, deadline)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return ReportingRound.objects.create(
                plan=plan,
                title=title,
                period_start=period_start,
                period_end=period_end,
                deadline=deadline,
                opened_by=recorded_user(opened_by),
            )
    except IntegrityError as exc:  # another round was opened at the same moment
        raise ValidationError(
            _("A round is already open: close it before opening another.")
        ) from exc


def _round_errors(plan, title, period_start, period_end, deadline) -> dict[str, list[str]]:
    """Every rule a new round breaks, by field (all checked in one pass)."""
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Give the round a title.")]
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = [_("The period cannot end before it starts.")]
    if period_start and deadline and deadline < period_start:
        errors["deadline"] = [_("The deadline cannot fall before the period starts.")]
    if ReportingRound.objects.filter(plan=plan, state=ReportingRound.State.OPEN).exists():
        errors["__all__"] = [_("A round is already open: close it before opening another.")]
    return errors


def round_close(
    *, reporting_round: ReportingRound, closed_by=None, is_evaluation: bool = False
) -> ReportingRound:
    """Close an open round and freeze a snapshot of every measure of its plan and of every
    update reported up to the end of its period. Raises ValidationError if the round is not
    open (closing twice freezes nothing twice)."""
    builder_required(closed_by)
    with transaction.atomic():
        changes = {
            "state": ReportingRound.State.CLOSED,
            "closed_at": timezone.now(),
            "closed_by": recorded_user(closed_by),
        }
        if is_evaluation:
            changes["is_evaluation"] = True
        closed = ReportingRound.objects.filter(
            pk=reporting_round.pk, state=ReportingRound.State.OPEN
        ).update(**changes)
        if not closed:
            raise ValidationError(_("This round is already closed."))
        reporting_round.refresh_from_db()
        _freeze(reporting_round)
    logger.info("Closed reporting round %s (%s)", reporting_round.pk, reporting_round.title)
    return reporting_round


def _freeze(reporting_round: ReportingRound) -> None:
    """Write the round's snapshot rows and budget totals (inside round_close's transaction).

    A measure is frozen with the progress it would have had live on the last day of the
    period: its latest and latest public update among those reported by then."""
    updates = ProgressUpdate.objects.filter(
        measure__plan_id=reporting_round.plan_id, reported_on__lte=reporting_round.period_end
    )
    latest = updates.latest_per_measure()
    latest_public = updates.public().latest_per_measure()
    update_rows = [
        _update_snapshot(reporting_round, update)
        for update in updates.select_related("measure").latest_first()
    ]
    in_round = Counter(row.measure_code for row in update_rows if row.in_period)
    public_in_round = Counter(
        row.measure_code for row in update_rows if row.in_period and row.is_public
    )
    snapshots = [
        _measure_snapshot(
            reporting_round,
            measure,
            latest=latest.get(measure.pk),
            latest_public=latest_public.get(measure.pk),
            updates_in_round=(in_round[measure.code], public_in_round[measure.code]),
        )
        for measure in measure_queryset_with_plan_data().filter(plan_id=reporting_round.plan_id)
    ]
    RoundMeasureSnapshot.objects.bulk_create(snapshots)
    RoundUpdateSnapshot.objects.bulk_create(update_rows)
    ReportingRound.objects.filter(pk=reporting_round.pk).update(
        budget_totals=budget_totals_json(snapshot_budget_totals(snapshots))
    )
    reporting_round.refresh_from_db(fields=["budget_totals"])


def _update_snapshot(
    reporting_round: ReportingRound, update: ProgressUpdate
) -> RoundUpdateSnapshot:
    return RoundUpdateSnapshot(
        round=reporting_round,
        update_id=update.pk,
        measure_code=update.measure.code,
        reported_on=update.reported_on,
        visibility=update.visibility,
        implementation_status=update.implementation_status,
        progress_percent=update.progress_percent,
        narrative=update.narrative,
        in_period=reporting_round.includes(update.reported_on),
    )


def _measure_snapshot(
    reporting_round: ReportingRound,
    measure: Measure,
    *,
    latest: ProgressUpdate | None,
    latest_public: ProgressUpdate | None,
    updates_in_round: tuple[int, int],
) -> RoundMeasureSnapshot:
    """The frozen row of `measure` from its latest and latest public update (None: none yet);
    `updates_in_round` counts its updates reported in the period: all, and the public ones."""
    return RoundMeasureSnapshot(
        round=reporting_round,
        measure=measure,
        code=measure.code,
        title=measure.title,
        action_number=measure.action.number,
        number=measure.number,
        action_title=measure.action.title,
        policy_line_number=measure.action.policy_line.number,
        policy_line_title=measure.action.policy_line.title,
        plan_status=measure.plan_status,
        description=measure.description,
        **RoundMeasureSnapshot.progress_fields(
            latest=ReportedProgress.of(latest), latest_public=ReportedProgress.of(latest_public)
        ),
        **RoundMeasureSnapshot.plans_and_evidence(latest=latest, latest_public=latest_public),
        updates_in_round=updates_in_round[0],
        public_updates_in_round=updates_in_round[1],
        actors=[
            {
                "code": link.actor.code,
                "name": link.actor.name,
                "role": link.role,
                "as_printed": link.as_printed,
            }
            for link in measure.actor_links.all()
        ],
        ministers=[link.minister.title for link in measure.minister_links.all()],
        minister_portfolios=[
            {
                "title": link.minister.title,
                "portfolio": getattr(link.minister.portfolio, "slug", None),
                "portfolio_name": getattr(link.minister.portfolio, "name", None),
            }
            for link in measure.minister_links.all()
        ],
        budget_lines=[budget_line_open_data(line) for line in measure.budget_lines.all()],
    )
