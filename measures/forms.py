from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from measures.models import ImplementationStatus, ProgressUpdate
from measures.services import MAX_EVIDENCE_LINKS, ProgressFields


class ProgressUpdateForm(forms.Form):
    """A coordinator's progress update; the rules themselves live in measures.services."""

    reported_on = forms.DateField(
        label=_("Date of the update"), widget=forms.DateInput(attrs={"type": "date"})
    )
    implementation_status = forms.ChoiceField(
        label=_("Implementation status"), choices=ImplementationStatus.choices
    )
    progress_percent = forms.IntegerField(
        label=_("Completion (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"step": 5}),
    )
    narrative = forms.CharField(
        label=_("What happened"),
        widget=forms.Textarea,
        max_length=20000,
        help_text=_("Plain text; shown as written."),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text=_("Required when the measure is delayed or discontinued."),
    )
    evidence_links = forms.CharField(
        label=_("Evidence links"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Optional: one web address per line (at most %(n)d).")
        % {"n": MAX_EVIDENCE_LINKS},
    )
    planned_date = forms.DateField(
        label=_("Planned completion date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    actual_date = forms.DateField(
        label=_("Actual completion date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    visibility = forms.ChoiceField(
        label=_("Visibility"),
        choices=ProgressUpdate.Visibility.choices,
        widget=forms.RadioSelect,
        help_text=_("Internal updates are seen only by signed-in portal users."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def initial_for(cls, measure, update: ProgressUpdate | None = None) -> dict:
        if update is None:
            return {
                "reported_on": timezone.localdate(),
                "implementation_status": measure.implementation_status,
                "progress_percent": measure.progress_percent,
                "visibility": ProgressUpdate.Visibility.PUBLIC,
                "expected_version": measure.version,
            }
        return {
            "reported_on": update.reported_on,
            "implementation_status": update.implementation_status,
            "progress_percent": update.progress_percent,
            "narrative": update.narrative,
            "reason": update.reason,
            "evidence_links": "\n".join(update.evidence_links),
            "planned_date": update.planned_date,
            "actual_date": update.actual_date,
            "visibility": update.visibility,
            "expected_version": measure.version,
        }

    def progress_fields(self) -> ProgressFields:
        data = self.cleaned_data
        links = tuple(
            line.strip() for line in data.get("evidence_links", "").splitlines() if line.strip()
        )
        return ProgressFields(
            reported_on=data["reported_on"],
            implementation_status=data["implementation_status"],
            progress_percent=data["progress_percent"],
            narrative=data["narrative"],
            visibility=data["visibility"],
            reason=data.get("reason", ""),
            evidence_links=links,
            planned_date=data.get("planned_date"),
            actual_date=data.get("actual_date"),
        )
