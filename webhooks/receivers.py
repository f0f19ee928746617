"""What is delivered to webhook subscribers, and to whom."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from changes.signals import measure_status_changed
from measures.models import Measure, ProgressUpdate
from measures.visibility import user_can_read_internal
from reporting.models import ReportRun
from reporting.permissions import report_run_can_download
from reporting.signals import report_published
from webhooks.models import WebhookEvent
from webhooks.services import everyone, public_readers_only, webhook_event_dispatch


def _measure_data(measure: Measure) -> dict:
    return {
        "plan": measure.plan.code,
        "measure": measure.code,
        "api_path": reverse("api:measure-detail", kwargs={"code": measure.code})
        + f"?plan={measure.plan.code}",
    }


@receiver(post_save, sender=ProgressUpdate, dispatch_uid="webhooks-progress-recorded")
def _progress_recorded(sender, instance: ProgressUpdate, created: bool, raw=False, **kwargs):
    if not created or raw:
        return
    data = {
        **_measure_data(instance.measure),
        "progress_update": instance.pk,
        "progress_update_api_path": reverse("api:progress-update-detail", args=[instance.pk]),
        "reported_on": instance.reported_on.isoformat(),
        "implementation_status": instance.implementation_status,
        "progress_percent": instance.progress_percent,
        "narrative": instance.narrative,
        "reason": instance.reason,
        "visibility": instance.visibility,
    }
    webhook_event_dispatch(
        event=WebhookEvent.PROGRESS_RECORDED,
        data=data,
        may_read=everyone if instance.is_public else user_can_read_internal,
        internal=not instance.is_public,
    )


@receiver(measure_status_changed, dispatch_uid="webhooks-status-changed")
def _status_changed(sender, measure: Measure, public_changed: bool, internal_changed: bool, **kw):
    # Each audience hears of the status it sees: the public one, or the latest update's.
    for changed, may_read, prefix in (
        (public_changed, public_readers_only, "public_"),
        (internal_changed, user_can_read_internal, ""),
    ):
        if changed:
            data = {
                **_measure_data(measure),
                "implementation_status": getattr(measure, f"{prefix}implementation_status"),
                "progress_percent": getattr(measure, f"{prefix}progress_percent"),
            }
            webhook_event_dispatch(
                event=WebhookEvent.STATUS_CHANGED,
                data=data,
                may_read=may_read,
                internal=may_read is user_can_read_internal,
            )


@receiver(report_published, dispatch_uid="webhooks-report-published")
def _report_published(sender, run: ReportRun, **kwargs):
    data = {
        "report_run": run.pk,
        "round": str(run.round),
        "edition": run.edition,
        "api_path": reverse("api:report-run-detail", args=[run.pk]),
    }
    # Reports are for portal roles, whichever the edition (reporting.permissions).
    webhook_event_dispatch(
        event=WebhookEvent.REPORT_PUBLISHED,
        data=data,
        may_read=lambda user: report_run_can_download(user, run),
        internal=True,
    )
