"""Writes for reporting: opening and closing rounds, requesting and building report runs,
reminding coordinators and the evaluation report on the plan's evaluation date.

A `user` of None means the system itself (Celery beat, a management command); every other
caller is checked with `user_can_build_reports`.
"""

from __future__ import annotations

import datetime
import logging
import uuid

from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actionplan.models import Plan
from measures.models import ProgressUpdate
from measures.permissions import user_can_build_reports
from measures.selectors import budget_line_open_data, measure_queryset_with_plan_data
from reporting.errors import ReminderDeliveryError, ReportBuildError
from reporting.models import (
    Edition,
    Reminder,
    ReportingRound,
    ReportRun,
    RoundMeasureSnapshot,
    RoundUpdateSnapshot,
    week_start_of,
)
from reporting.selectors import (
    budget_totals_json,
    report_content,
    round_coordinators_to_remind,
    snapshot_budget_totals,
)

logger = logging.getLogger(__name__)

# Errors worth another try of the same task (the database went away for a moment); anything
# else in a build is a fault of the report itself and is shown on the run's page instead.
TRANSIENT_ERRORS = (OperationalError, InterfaceError)
# How long a build may take; a run "building" for longer is taken over by the next task.
BUILD_TIME_LIMIT = settings.REPORT_BUILD_TIME_LIMIT
# Beat may have been down on the evaluation date: the report is still made this many days on.
EVALUATION_GRACE_DAYS = 7
# A reminder is never sent less than this long after the previous one to the same person.
REMINDER_MIN_INTERVAL = datetime.timedelta(days=6)


def _require_builder(user) -> None:
    if user is not None and not user_can_build_reports(user):
        raise PermissionDenied(_("Only evaluators and platform administrators manage reports."))


def _actor(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


# --- Rounds ---------------------------------------------------------------------------------


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
    _require_builder(opened_by)
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Give the round a title.")]
    if period_start and period_end and period_end < period_start:
        errors["period_end"] = [_("The period cannot end before it starts.")]
    if period_start and deadline and deadline < period_start:
        errors["deadline"] = [_("The deadline cannot fall before the period starts.")]
    if ReportingRound.objects.filter(plan=plan, state=ReportingRound.State.OPEN).exists():
        errors["__all__"] = [_("A round is already open: close it before opening another.")]
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
                opened_by=_actor(opened_by),
            )
    except IntegrityError as exc:  # another round was opened at the same moment
        raise ValidationError(
            _("A round is already open: close it before opening another.")
        ) from exc


def round_close(
    *, reporting_round: ReportingRound, closed_by=None, is_evaluation: bool = False
) -> ReportingRound:
    """Close an open round and freeze a snapshot of every measure of its plan and of every
    update reported up to the end of its period. Raises ValidationError if the round is not
    open (closing twice freezes nothing twice)."""
    _require_builder(closed_by)
    now = timezone.now()
    with transaction.atomic():
        changes = {"state": ReportingRound.State.CLOSED, "closed_at": now}
        changes["closed_by"] = _actor(closed_by)
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
    """Write the round's snapshot rows and budget totals (inside round_close's transaction)."""
    measures = list(measure_queryset_with_plan_data().filter(plan_id=reporting_round.plan_id))
    # Latest first by the same ordering as measures.services.measure_refresh_progress, so that
    # the first update met per measure is the one the measure's own progress comes from.
    updates = (
        ProgressUpdate.objects.filter(
            measure__plan_id=reporting_round.plan_id, reported_on__lte=reporting_round.period_end
        )
        .select_related("measure")
        .latest_first()
    )
    latest: dict[int, ProgressUpdate] = {}
    latest_public: dict[int, ProgressUpdate] = {}
    in_round: dict[int, int] = {}
    public_in_round: dict[int, int] = {}
    update_rows = []
    for update in updates:
        latest.setdefault(update.measure_id, update)
        in_period = reporting_round.includes(update.reported_on)
        if update.is_public:
            latest_public.setdefault(update.measure_id, update)
        if in_period:
            in_round[update.measure_id] = in_round.get(update.measure_id, 0) + 1
            if update.is_public:
                public_in_round[update.measure_id] = public_in_round.get(update.measure_id, 0) + 1
        update_rows.append(
            RoundUpdateSnapshot(
                round=reporting_round,
                update_id=update.pk,
                measure_code=update.measure.code,
                reported_on=update.reported_on,
                visibility=update.visibility,
                implementation_status=update.implementation_status,
                progress_percent=update.progress_percent,
                narrative=update.narrative,
                in_period=in_period,
            )
        )
    snapshots = []
    for measure in measures:
        last, last_public = latest.get(measure.pk), latest_public.get(measure.pk)
        snapshots.append(
            RoundMeasureSnapshot(
                round=reporting_round,
                measure=measure,
                code=measure.code,
                action_number=measure.action.number,
                number=measure.number,
                action_title=measure.action.title,
                policy_line_number=measure.action.policy_line.number,
                policy_line_title=measure.action.policy_line.title,
                plan_status=measure.plan_status,
                description=measure.description,
                implementation_status=last.implementation_status if last else "not_started",
                progress_percent=last.progress_percent if last else 0,
                narrative=last.narrative if last else "",
                reason=last.reason if last else "",
                reported_on=last.reported_on if last else None,
                updates_in_round=in_round.get(measure.pk, 0),
                public_implementation_status=(
                    last_public.implementation_status if last_public else "not_started"
                ),
                public_progress_percent=last_public.progress_percent if last_public else 0,
                public_narrative=last_public.narrative if last_public else "",
                public_reason=last_public.reason if last_public else "",
                public_reported_on=last_public.reported_on if last_public else None,
                public_updates_in_round=public_in_round.get(measure.pk, 0),
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
                budget_lines=[budget_line_open_data(line) for line in measure.budget_lines.all()],
            )
        )
    RoundMeasureSnapshot.objects.bulk_create(snapshots)
    RoundUpdateSnapshot.objects.bulk_create(update_rows)
    ReportingRound.objects.filter(pk=reporting_round.pk).update(
        budget_totals=budget_totals_json(snapshot_budget_totals(snapshots))
    )
    reporting_round.refresh_from_db(fields=["budget_totals"])


# --- Report runs ----------------------------------------------------------------------------


def report_run_request(
    *,
    reporting_round: ReportingRound,
    edition: str,
    requested_by=None,
    language: str = "",
    queue: bool = True,
) -> tuple[ReportRun, bool]:
    """The run of `edition` for the closed round, queued for building if it is new (unless
    `queue` is false: the caller builds it itself, as `manage.py build_report` does).

    Asking again returns the same run (created False) and queues nothing: one round and
    edition make one report. Raises ValidationError for an open round or an unknown edition.
    """
    _require_builder(requested_by)
    if edition not in Edition.values:
        raise ValidationError({"edition": [_("Choose the public or the internal edition.")]})
    if not reporting_round.is_closed:
        raise ValidationError(_("Close the round before building its report."))
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    existing = ReportRun.objects.filter(round=reporting_round, edition=edition).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(
                round=reporting_round,
                edition=edition,
                created_by=_actor(requested_by),
                language=language[:10],
            )
    except IntegrityError:  # the same request at the same moment: use the one that won
        return ReportRun.objects.get(round=reporting_round, edition=edition), False
    if queue:
        _queue_build(run)
    return run, True


def report_run_can_rebuild(run: ReportRun, *, now: datetime.datetime | None = None) -> bool:
    """A failed or finished run can be built again; so can one stuck building past the limit."""
    if run.state in {ReportRun.State.FAILED, ReportRun.State.DONE}:
        return True
    now = now or timezone.now()
    stuck_since = now - datetime.timedelta(seconds=BUILD_TIME_LIMIT)
    return run.state == ReportRun.State.BUILDING and bool(
        run.started_at and run.started_at < stuck_since
    )


def report_run_rebuild(*, run: ReportRun, requested_by=None, queue: bool = True) -> ReportRun:
    """Queue the run to be built again (after a failure, or to rebuild its files)."""
    _require_builder(requested_by)
    stuck_since = timezone.now() - datetime.timedelta(seconds=BUILD_TIME_LIMIT)
    rebuildable = Q(state__in=[ReportRun.State.FAILED, ReportRun.State.DONE]) | Q(
        state=ReportRun.State.BUILDING, started_at__lt=stuck_since
    )
    # Conditional, so that two clicks on "Build again" queue one build, not two.
    reset = ReportRun.objects.filter(rebuildable, pk=run.pk).update(
        state=ReportRun.State.QUEUED,
        progress_percent=0,
        error_message="",
        build_token="",
        queued_at=timezone.now(),
        started_at=None,
        finished_at=None,
    )
    run.refresh_from_db()
    if not reset:
        raise ValidationError(_("This report is being built already."))
    if queue:
        _queue_build(run)
    return run


def _queue_build(run: ReportRun) -> None:
    from reporting.tasks import build_report_run

    run_id = run.pk
    transaction.on_commit(lambda: build_report_run.delay(run_id))


def _claim(run_id: int, token: str) -> ReportRun | None:
    """Take the run for building by `token`; None if another task has it or it is finished."""
    now = timezone.now()
    stuck_since = now - datetime.timedelta(seconds=BUILD_TIME_LIMIT)
    building = ReportRun.State.BUILDING
    claimed = (
        ReportRun.objects.filter(pk=run_id)
        .filter(
            Q(state=ReportRun.State.QUEUED)
            | Q(state=building, build_token=token)
            | Q(state=building, started_at__lt=stuck_since)
        )
        .update(
            state=building,
            build_token=token,
            started_at=now,
            finished_at=None,
            progress_percent=1,
            error_message="",
            builds=F("builds") + 1,
        )
    )
    if not claimed:
        return None
    return ReportRun.objects.select_related("round__plan").get(pk=run_id)


def _progress(run: ReportRun, token: str, percent: int) -> None:
    ReportRun.objects.filter(pk=run.pk, build_token=token, state=ReportRun.State.BUILDING).update(
        progress_percent=percent
    )


def report_file_stem(run: ReportRun) -> str:
    """The files' name without extension: the round's title and the edition."""
    kind = "evaluation-report" if run.round.is_evaluation else "progress-report"
    title = slugify(run.round.title)[:60].strip("-") or f"round-{run.round_id}"
    return f"{title if 'report' in title else f'{kind}-{title}'}-{run.edition}"


def report_run_build(*, run_id: int, token: str | None = None) -> ReportRun | None:
    """Build the run's PDF, XLSX and CSV from its round's snapshot and store them with it.

    Idempotent: a run that is done, failed, or being built by another task is left alone
    (returns None). Database hiccups propagate so that the task retries; any other error marks
    the run failed (see `report_run_failure_message` for what its page then says).
    """
    from reporting.builders import build_csv, build_pdf, build_xlsx

    token = token or uuid.uuid4().hex
    run = _claim(run_id, token)
    if run is None:
        logger.info("Report run %s is not queued (or is taken): nothing to do", run_id)
        return None
    try:
        with translation.override(run.language or settings.LANGUAGE_CODE):
            content = report_content(reporting_round=run.round, edition=run.edition)
            _progress(run, token, 15)
            pdf = build_pdf(content)
            _progress(run, token, 70)
            xlsx = build_xlsx(content)
            _progress(run, token, 90)
            csv = build_csv(content)
        stem = report_file_stem(run)
        for field_name, data, extension in (
            ("pdf_file", pdf, "pdf"),
            ("xlsx_file", xlsx, "xlsx"),
            ("csv_file", csv, "csv"),
        ):
            _store(run, field_name, f"{stem}.{extension}", data)
        finished = ReportRun.objects.filter(pk=run.pk, build_token=token).update(
            state=ReportRun.State.DONE,
            progress_percent=100,
            finished_at=timezone.now(),
            pdf_file=run.pdf_file.name,
            xlsx_file=run.xlsx_file.name,
            csv_file=run.csv_file.name,
        )
        if not finished:
            logger.warning("Report run %s was taken over while building", run.pk)
    except TRANSIENT_ERRORS:
        raise
    except Exception as exc:
        logger.exception("Report run %s failed", run.pk)
        report_run_fail(run_id=run.pk, token=token, message=report_run_failure_message(exc))
    run.refresh_from_db()
    return run


def _store(run: ReportRun, field_name: str, filename: str, data: bytes) -> None:
    """Store `data` as the run's file, replacing the file of an earlier build."""
    field = getattr(run, field_name)
    storage = field.storage
    name = field.field.generate_filename(run, filename)
    if field.name and field.name != name and storage.exists(field.name):
        storage.delete(field.name)
    if storage.exists(name):
        storage.delete(name)
    field.save(filename, ContentFile(data), save=False)


def report_run_failure_message(exc: BaseException) -> str:
    """What a run's page and the API say about why its build failed.

    Only the failures reporting itself names (a ReportBuildError, the time limit) are told as
    they are; any other error gets a generic message, because an exception's text may quote
    the report's data (openpyxl quotes the offending narrative) and every reader of reports
    sees this message. The error itself goes to the log.
    """
    if isinstance(exc, ReportBuildError):
        return str(exc)
    if isinstance(exc, SoftTimeLimitExceeded | TimeLimitExceeded):
        return _("Building took longer than %(minutes)d minutes and was stopped.") % {
            "minutes": BUILD_TIME_LIMIT // 60
        }
    return _(
        "An unexpected error stopped the build; the details are in the server log. "
        "Build the report again, or ask a platform administrator if it fails again."
    )


def report_run_fail(*, run_id: int, token: str | None, message: str = "") -> None:
    """Mark the run failed with `message` (if `token` still holds it; any holder if None).

    `message` is shown to every reader of reports: never an exception's own text (see
    `report_run_failure_message`)."""
    runs = ReportRun.objects.filter(pk=run_id).exclude(state=ReportRun.State.DONE)
    if token is not None:
        runs = runs.filter(build_token=token)
    try:
        runs.update(
            state=ReportRun.State.FAILED,
            error_message=message or _("The report could not be built."),
            finished_at=timezone.now(),
        )
    except DatabaseError:
        logger.exception("Could not mark report run %s failed", run_id)


def report_run_give_up(*, run_id: int, token: str | None, exc: BaseException) -> None:
    """The build task gave up on the run (retries spent, or killed at the time limit): log why
    and mark the run failed, if that task still holds it."""
    logger.error("Report run %s: its build task gave up", run_id, exc_info=exc)
    report_run_fail(run_id=run_id, token=token, message=report_run_failure_message(exc))


# --- Reminders ------------------------------------------------------------------------------


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
    week = week_start_of(now)
    today = timezone.localdate(now)
    sent: list[Reminder] = []
    failures: list[str] = []
    rounds = ReportingRound.objects.filter(
        state=ReportingRound.State.OPEN, period_start__lte=today
    ).select_related("plan")
    if round_id is not None:
        rounds = rounds.filter(pk=round_id)
    for reporting_round in rounds:
        for user, codes in round_coordinators_to_remind(reporting_round=reporting_round).items():
            recently = Reminder.objects.filter(user=user).filter(
                Q(week_start=week) | Q(sent_at__gt=now - REMINDER_MIN_INTERVAL)
            )
            if not codes or recently.exists():
                continue
            try:
                with transaction.atomic():
                    reminder = Reminder.objects.create(
                        user=user,
                        round=reporting_round,
                        sent_at=now,
                        week_start=week,
                        measure_codes=codes,
                    )
                    _mail_reminder(reminder)
            except IntegrityError:  # a duplicated task reminded them a moment ago
                continue
            except Exception:
                logger.exception("Reminder to %s failed", user)
                failures.append(user.get_username())
                continue
            sent.append(reminder)
    if failures:
        raise ReminderDeliveryError(
            f"Reminders could not be sent to: {', '.join(sorted(failures))}"
        )
    return sent


def round_reminders_request(*, reporting_round: ReportingRound, requested_by) -> None:
    """Queue the reminders of `reporting_round` now rather than on Monday (the weekly limit
    still holds). Raises ValidationError if the round is not open."""
    from reporting.tasks import send_round_reminders

    _require_builder(requested_by)
    if not ReportingRound.objects.filter(
        pk=reporting_round.pk, state=ReportingRound.State.OPEN
    ).exists():
        raise ValidationError(_("Reminders are only sent while a round is open."))
    round_id = reporting_round.pk
    transaction.on_commit(lambda: send_round_reminders.delay(round_id))


def _mail_reminder(reminder: Reminder) -> None:
    context = {
        "user": reminder.user,
        "round": reminder.round,
        "plan": reminder.round.plan,
        "codes": reminder.measure_codes,
    }
    subject = render_to_string("reporting/email/reminder_subject.txt", context)
    body = render_to_string("reporting/email/reminder_body.txt", context)
    send_mail(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [reminder.user.email],
    )


# --- The evaluation report ------------------------------------------------------------------


def evaluation_report_ensure(*, today: datetime.date | None = None) -> list[ReportRun]:
    """On a plan's evaluation date (or within a week after it, should beat have been down),
    make sure its evaluation report exists: close the open round as the evaluation round, or,
    with no round open, open and close one on the period since the last closed round; then
    request both editions. Running it again changes nothing."""
    today = today or timezone.localdate()
    runs: list[ReportRun] = []
    plans = Plan.objects.filter(
        evaluation_due__lte=today,
        evaluation_due__gte=today - datetime.timedelta(days=EVALUATION_GRACE_DAYS),
    )
    for plan in plans:
        evaluation = ReportingRound.objects.filter(plan=plan, is_evaluation=True).first()
        if evaluation is None:
            evaluation = _evaluation_round_close(plan)
        for edition in Edition.values:
            run, _created = report_run_request(
                reporting_round=evaluation, edition=edition, language=settings.LANGUAGE_CODE
            )
            runs.append(run)
    return runs


def _evaluation_round_close(plan: Plan) -> ReportingRound:
    open_round = ReportingRound.objects.filter(plan=plan, state=ReportingRound.State.OPEN).first()
    if open_round is None:
        last = (
            ReportingRound.objects.filter(plan=plan, state=ReportingRound.State.CLOSED)
            .order_by("-period_end")
            .first()
        )
        start = (
            last.period_end + datetime.timedelta(days=1)
            if last
            else datetime.date(plan.adoption_year, 1, 1)
        )
        due = plan.evaluation_due
        open_round = round_open(
            plan=plan,
            title=_("Evaluation report (%(when)s)")
            % {"when": plan.evaluation_due_text or due.isoformat()},
            period_start=min(start, due),
            period_end=due,
            deadline=due,
        )
    return round_close(reporting_round=open_round, is_evaluation=True)
