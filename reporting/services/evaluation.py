"""The evaluation report, made on the plan's evaluation date."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from actionplan.models import Plan
from reporting.models import Edition, ReportingRound, ReportRun, report_language_codes
from reporting.services.rounds import round_close, round_open
from reporting.services.runs import report_run_request

# Beat may have been down on the evaluation date: the report is still made this many days on.
EVALUATION_GRACE_DAYS = 7


def evaluation_report_ensure(*, today: datetime.date | None = None) -> list[ReportRun]:
    """On a plan's evaluation date (or within a week after it, should beat have been down),
    make sure its evaluation report exists: close the open round as the evaluation round, or,
    with no round open, open and close one on the period since the last closed round; then
    request both editions, in every report language. Running it again changes nothing."""
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
        # Parliament reads Dutch, the portal's English readers English: every edition in both.
        for edition in Edition.values:
            for language in report_language_codes():
                run, _created = report_run_request(
                    reporting_round=evaluation, edition=edition, language=language
                )
                runs.append(run)
    return runs


def _evaluation_round_close(plan: Plan) -> ReportingRound:
    """Close the open round as the evaluation round; with none open, open one on the period
    since the last closed round (or the plan's adoption) up to the evaluation date first."""
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
