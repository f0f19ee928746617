"""Reminding coordinators whose measures have no update in an open round."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actionplan.models import Plan
from actionplan.plans import measure_path
from measures.models import Measure
from reporting.errors import ReminderDeliveryError
from reporting.models import Reminder, ReportingRound, week_start_of
from reporting.selectors import round_coordinators_to_remind
from reporting.services.access import builder_required
from reporting.services.queue import task_enqueue

logger = logging.getLogger(__name__)

# A reminder is never sent less than this long after the previous one to the same person.
REMINDER_MIN_INTERVAL = datetime.timedelta(days=6)


def round_reminders_send(
    *, now: datetime.datetime | None = None, round_id: int | None = None
) -> list[Reminder]:
    """Mail each coordinator whose measures have no update in an open round (the round
    `round_id` only, if given) the list of those measures, at most once per person per week.
    Returns the reminders sent.

    Rounds whose period has not started yet are skipped. Raises ReminderDeliveryError after
    trying everyone if some mails failed.
    """
    now = now or timezone.now()
    sent: list[Reminder] = []
    failures: list[str] = []
    rounds = ReportingRound.objects.filter(
        state=ReportingRound.State.OPEN, period_start__lte=timezone.localdate(now)
    ).select_related("plan")
    if round_id is not None:
        rounds = rounds.filter(pk=round_id)
    for reporting_round in rounds:
        for user, codes in round_coordinators_to_remind(reporting_round=reporting_round).items():
            if not codes or _reminded_recently(user, now=now):
                continue
            try:
                reminder = _remind(reporting_round, user, codes, now=now)
            except Exception:
                logger.exception("Reminder to %s failed", user)
                failures.append(user.get_username())
                continue
            if reminder is not None:
                sent.append(reminder)
    if failures:
        raise ReminderDeliveryError(
            f"Reminders could not be sent to: {', '.join(sorted(failures))}"
        )
    return sent


def _reminded_recently(user, *, now: datetime.datetime) -> bool:
    """Whether `user` was reminded this week or less than REMINDER_MIN_INTERVAL ago."""
    return (
        Reminder.objects.filter(user=user)
        .filter(Q(week_start=week_start_of(now)) | Q(sent_at__gt=now - REMINDER_MIN_INTERVAL))
        .exists()
    )


def _remind(
    reporting_round: ReportingRound, user, codes: list[str], *, now: datetime.datetime
) -> Reminder | None:
    """Record and mail one reminder; None if a duplicated task reminded `user` a moment ago."""
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(
                user=user,
                round=reporting_round,
                sent_at=now,
                week_start=week_start_of(now),
                measure_codes=codes,
            )
            _mail_reminder(reminder)
    except IntegrityError:
        return None
    return reminder


def round_reminders_request(*, reporting_round: ReportingRound, requested_by) -> None:
    """Queue the reminders of `reporting_round` now rather than on Monday (the weekly limit
    still holds). Raises ValidationError if the round is not open."""
    builder_required(requested_by)
    if not ReportingRound.objects.filter(
        pk=reporting_round.pk, state=ReportingRound.State.OPEN
    ).exists():
        raise ValidationError(_("Reminders are only sent while a round is open."))
    task_enqueue("send_round_reminders", reporting_round.pk)


@dataclass(frozen=True)
class RemindedMeasure:
    code: str
    title: str
    update_url: str


def _reminded_measures(reminder: Reminder) -> list[RemindedMeasure]:
    """The reminder's measures as the mail names them: code, title and the address of the
    update form."""
    measures = Measure.objects.filter(
        plan_id=reminder.round.plan_id, code__in=reminder.measure_codes
    ).select_related("plan")
    by_code = {measure.code: measure for measure in measures}
    # The form of the round's plan's measure: a code may stand in other plans too.
    default_plan_id = getattr(Plan.objects.default(), "pk", None)
    return [
        RemindedMeasure(
            code=code,
            title=by_code[code].title,
            update_url=settings.PORTAL_URL
            + measure_path(by_code[code], "update-create", default_plan_id=default_plan_id),
        )
        for code in reminder.measure_codes
        if code in by_code
    ]


def _mail_reminder(reminder: Reminder) -> None:
    context = {
        "user": reminder.user,
        "round": reminder.round,
        "plan": reminder.round.plan,
        "measures": _reminded_measures(reminder),
        "my_measures_url": settings.PORTAL_URL + reverse("my-measures"),
    }
    subject = render_to_string("reporting/email/reminder_subject.txt", context)
    body = render_to_string("reporting/email/reminder_body.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [reminder.user.email],
    )
