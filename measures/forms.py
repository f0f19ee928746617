from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from actionplan.widgets import IsoDateInput
from measures.models import ImplementationStatus, ProgressUpdate
from measures.services import MAX_EVIDENCE_LINKS, ProgressFields, progress_fields_clean


class MultilineTextField(forms.CharField):
    """Text typed in a text area. Browsers send its line breaks as CRLF: they are kept as LF,
    as stored, so that saving a text unchanged changes nothing."""

    widget = forms.Textarea

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n")


class ProgressUpdateForm(forms.Form):
    """A coordinator's progress update; the rules themselves live in measures.services."""

    reported_on = forms.DateField(label=_("Date of the update"), widget=IsoDateInput())
    implementation_status = forms.ChoiceField(
        label=_("Implementation status"), choices=ImplementationStatus.choices
    )
    progress_percent = forms.IntegerField(
        label=_("Completion (%)"),
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"step": 5}),
    )
    narrative = MultilineTextField(
        label=_("What happened"),
        max_length=20000,
        help_text=_("Plain text; shown as written."),
    )
    reason = MultilineTextField(
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
        # format_lazy: "%" on a lazy string would translate it once, at import, in English.
        help_text=format_lazy(
            _("Optional: one web address per line (at most {n})."), n=MAX_EVIDENCE_LINKS
        ),
    )
    planned_date = forms.DateField(
        label=_("Planned completion date"),
        required=False,
        widget=IsoDateInput(),
    )
    actual_date = forms.DateField(
        label=_("Actual completion date"),
        required=False,
        widget=IsoDateInput(),
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

    def clean(self):
        """Check the service's rules as well, so that every fault shows in one pass.

        A field whose own check failed is missing from cleaned_data: a stand-in that breaks no
        rule about another field takes its place (a blank status asks for no reason), and the
        rules' messages about it are left out, as its own message already says what is wrong.
        """
        cleaned_data = super().clean()
        stand_ins = {
            "reported_on": timezone.localdate(),
            "implementation_status": "",
            "progress_percent": 0,
            "narrative": "",
            "visibility": ProgressUpdate.Visibility.PUBLIC,
        }
        try:
            progress_fields_clean(self._progress_fields_from({**stand_ins, **cleaned_data}))
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if name not in self.errors:
                    self.add_error(name if name in self.fields else None, messages)
        return cleaned_data

    def progress_fields(self) -> ProgressFields:
        return self._progress_fields_from(self.cleaned_data)

    @staticmethod
    def _progress_fields_from(data: dict) -> ProgressFields:
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
