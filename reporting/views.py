"""Pages of reporting: rounds (/reports/), a round, a report run and its downloads.

Every page is for users with a portal role (`user_can_see_reports`: anonymous visitors are
sent to sign in, signed-in users without a role get 403); opening and closing rounds,
requesting reports and reminding coordinators is for those `user_can_build_reports` allows.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from actionplan.forms import form_add_service_errors
from actionplan.models import Plan
from actionplan.plans import plan_get, plan_list
from reporting.forms import ReportRunRequestForm, RoundOpenForm
from reporting.models import ReportingRound, ReportRun
from reporting.permissions import (
    report_run_can_download,
    user_can_build_reports,
    user_can_see_reports,
)
from reporting.selectors import (
    ReportFileUnavailable,
    plan_without_open_round_list,
    report_run_downloads,
    report_run_file_open,
    report_run_list,
    report_run_queryset,
    round_close_preview,
    round_list,
    round_open_list,
    round_open_progress,
    round_queryset,
    round_snapshot_count,
)
from reporting.services import (
    report_round_check_closed,
    report_run_can_rebuild,
    report_run_is_delayed,
    report_run_rebuild,
    report_run_request,
    round_close,
    round_open,
    round_reminders_request,
)


class ReportsAccessMixin(LoginRequiredMixin):
    """Users with a portal role only: anonymous visitors are sent to the sign-in page, other
    signed-in users get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not user_can_see_reports(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class BuilderRequiredMixin(ReportsAccessMixin):
    """Writes: evaluators and platform administrators (403 for other signed-in users)."""

    def dispatch(self, request, *args, **kwargs):
        if user_can_see_reports(request.user) and not user_can_build_reports(request.user):
            raise PermissionDenied(_("Only evaluators and platform administrators manage reports."))
        return super().dispatch(request, *args, **kwargs)


def _errors(error: ValidationError) -> list[str]:
    return [str(message) for message in error.messages]


def _plan_chosen(request) -> Plan | None:
    """The plan `?plan=<code>` names (404 for an unknown code); None: every plan."""
    code = request.GET.get("plan")
    if not code:
        return None
    plan = plan_get(code=code)
    if plan is None:
        raise Http404(_("There is no plan %(code)s.") % {"code": code})
    return plan


class RoundListContextMixin:
    """The rounds page, of every plan or of the plan `?plan=` names: for the page itself and
    for a refused "open a round"."""

    template_name = "reporting/round_list.html"

    def get_context_data(self, **kwargs):
        chosen = _plan_chosen(self.request)
        can_build = user_can_build_reports(self.request.user)
        if "form" not in kwargs and can_build:
            openable = plan_without_open_round_list()
            if openable.exists():
                initial = chosen or plan_get()
                kwargs["form"] = RoundOpenForm(plans=openable, initial={"plan": initial.code})
        plans = plan_list()
        return super().get_context_data(
            plan=chosen,
            plans=plans if len(plans) > 1 else [],
            rounds=round_list(plan=chosen),
            open_rounds=round_open_list(plan=chosen),
            can_build=can_build,
            **kwargs,
        )


def _deadline_passed_message(reporting_round: ReportingRound) -> str:
    return _(
        "Its deadline, %(day)s, has already passed: coordinators reminded now are asked for "
        "updates that are already late."
    ) % {"day": date_format(reporting_round.deadline, "j F Y")}


class RoundListView(RoundListContextMixin, ReportsAccessMixin, TemplateView):
    """/reports/: the rounds with their reports, and opening a round."""


class RoundOpenView(RoundListContextMixin, BuilderRequiredMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = RoundOpenForm(request.POST, plans=plan_list())
        if form.is_valid():
            try:
                reporting_round = round_open(opened_by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                messages.success(
                    request, _("Round “%(title)s” is open.") % {"title": reporting_round.title}
                )
                if reporting_round.deadline_passed(timezone.localdate()):
                    messages.warning(request, _deadline_passed_message(reporting_round))
                return redirect("reporting:round-detail", pk=reporting_round.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RoundDetailContextMixin:
    """A round's page: for the page itself and for a refused report request."""

    template_name = "reporting/round_detail.html"

    def get_context_data(self, **kwargs):
        reporting_round = get_object_or_404(round_queryset(), pk=self.kwargs["pk"])
        run_form = kwargs.pop("run_form", None)
        context = {
            "round": reporting_round,
            "can_build": user_can_build_reports(self.request.user),
            "runs": report_run_list(reporting_round=reporting_round),
        }
        if reporting_round.is_open:
            context.update(round_open_progress(reporting_round=reporting_round))
        else:
            context.update(
                run_form=run_form
                or ReportRunRequestForm(initial={"language": self.request.LANGUAGE_CODE}),
                snapshot_count=round_snapshot_count(reporting_round=reporting_round),
            )
        return super().get_context_data(**context, **kwargs)


class RoundDetailView(RoundDetailContextMixin, ReportsAccessMixin, TemplateView):
    """A round: while open, who has still to report and who was reminded; once closed, its
    report runs."""


class RoundActionView(BuilderRequiredMixin, View):
    """A button on a round's page: call one service, report its outcome, go back."""

    http_method_names = ["post"]

    def act(self, reporting_round: ReportingRound) -> None:
        raise NotImplementedError

    def success_message(self, reporting_round: ReportingRound) -> str:
        raise NotImplementedError

    def post(self, request, pk: int):
        reporting_round = get_object_or_404(ReportingRound, pk=pk)
        try:
            self.act(reporting_round)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        else:
            messages.success(request, self.success_message(reporting_round))
        return redirect("reporting:round-detail", pk=pk)


class RoundCloseView(RoundActionView):
    """Closing cannot be undone: GET shows what will be frozen, and only the confirmation
    page's button (which posts `confirm`) closes the round."""

    http_method_names = ["get", "post"]

    def get(self, request, pk: int):
        reporting_round = get_object_or_404(round_queryset(), pk=pk)
        if not reporting_round.is_open:
            messages.info(request, _("This round is already closed."))
            return redirect("reporting:round-detail", pk=pk)
        context = {
            "round": reporting_round,
            "preview": round_close_preview(reporting_round=reporting_round),
        }
        return render(request, "reporting/round_close_confirm.html", context)

    def post(self, request, pk: int):
        if request.POST.get("confirm") != "yes":
            return redirect("reporting:round-close", pk=pk)
        return super().post(request, pk)

    def act(self, reporting_round: ReportingRound) -> None:
        round_close(reporting_round=reporting_round, closed_by=self.request.user)

    def success_message(self, reporting_round: ReportingRound) -> str:
        return _(
            "Round “%(title)s” is closed. Its reports show every measure as reported up to "
            "the end of the period, %(day)s."
        ) % {
            "title": reporting_round.title,
            "day": date_format(reporting_round.situation_date, "j F Y"),
        }


class RoundRemindView(RoundActionView):
    def act(self, reporting_round: ReportingRound) -> None:
        round_reminders_request(reporting_round=reporting_round, requested_by=self.request.user)

    def success_message(self, reporting_round: ReportingRound) -> str:
        return _("Reminders are on their way to coordinators not reminded in the last week.")


class ReportRunRequestView(RoundDetailContextMixin, BuilderRequiredMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        reporting_round = get_object_or_404(ReportingRound, pk=pk)
        form = ReportRunRequestForm(request.POST)
        if not form.is_valid():
            try:
                report_round_check_closed(reporting_round)
            except ValidationError as error:  # an open round's page has no form to show it
                for message in _errors(error):
                    messages.error(request, message)
            return self.render_to_response(self.get_context_data(run_form=form), status=400)
        try:
            run, created = report_run_request(
                reporting_round=reporting_round,
                edition=form.cleaned_data["edition"],
                requested_by=request.user,
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
            return redirect("reporting:round-detail", pk=pk)
        if not created:
            messages.info(request, _("This report was requested before: here it is."))
        return redirect("reporting:run-detail", pk=run.pk)


@method_decorator(never_cache, name="dispatch")
class ReportRunDetailView(ReportsAccessMixin, TemplateView):
    """A report run: its state and progress while it builds (portal.js reads the page again
    every `refresh_seconds` and updates them in place; a link does it without a script), then
    its downloads, or why it failed. It stops while the build is delayed or lost, and says so."""

    template_name = "reporting/run_detail.html"
    refresh_seconds = 3

    def get_context_data(self, **kwargs):
        run = get_object_or_404(report_run_queryset(), pk=self.kwargs["pk"])
        user = self.request.user
        can_rebuild = report_run_can_rebuild(run)
        progressing = run.is_pending and not can_rebuild
        return super().get_context_data(
            run=run,
            downloads=report_run_downloads(run=run, user=user),
            may_download=report_run_can_download(user, run),
            can_build=user_can_build_reports(user),
            can_rebuild=can_rebuild,
            delayed=report_run_is_delayed(run),
            stalled=run.is_pending and can_rebuild,
            refresh_seconds=self.refresh_seconds if progressing else None,
            **kwargs,
        )


class ReportRunRebuildView(BuilderRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk: int):
        run = get_object_or_404(ReportRun, pk=pk)
        try:
            report_run_rebuild(run=run, requested_by=request.user)
        except ValidationError as error:
            for message in _errors(error):
                messages.error(request, message)
        return redirect("reporting:run-detail", pk=pk)


class ReportRunDownloadView(ReportsAccessMixin, View):
    """A file of a finished run, checked against report_run_can_download."""

    def get(self, request, pk: int, kind: str):
        run = get_object_or_404(report_run_queryset(), pk=pk)
        try:
            opened = report_run_file_open(run=run, kind=kind, user=request.user)
        except ReportFileUnavailable as exc:
            raise Http404(str(exc)) from exc
        return FileResponse(
            opened.handle,
            as_attachment=True,
            filename=opened.filename,
            content_type=opened.content_type,
        )
