"""Opening a reporting round, and closing it: freezing every measure of its plan and every
update reported up to the end of its period."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplan.models import Plan
from reporting.models import ReportingRound
from reporting.services.access import builder_required, recorded_user
from reporting.services.freeze import freeze_round

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
        freeze_round(reporting_round)
    logger.info("Closed reporting round %s (%s)", reporting_round.pk, reporting_round.title)
    return reporting_round
