from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from actionplan.models import Plan
from actionplan.widgets import IsoDateInput
from reporting.models import Edition


class RoundOpenForm(forms.Form):
    """Open a reporting round on a plan; the rules themselves live in
    reporting.services.round_open. `plans` are those the round may be opened for (the plans
    without an open round); with one plan only, the choice is not asked."""

    plan = forms.ModelChoiceField(
        label=_("Plan"),
        queryset=Plan.objects.none(),
        to_field_name="code",
        empty_label=None,
        help_text=_("Coordinators report on this plan's measures; its report holds only them."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        help_text=_("For example: Progress report, first half of 2026."),
    )
    period_start = forms.DateField(label=_("Period start"), widget=IsoDateInput())
    period_end = forms.DateField(
        label=_("Period end"),
        widget=IsoDateInput(),
        help_text=_("Updates dated from the start to the end of the period count for the round."),
    )
    deadline = forms.DateField(label=_("Deadline for coordinators"), widget=IsoDateInput())

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        if Plan.objects.count() < 2:  # nothing to choose: the round is the only plan's
            del self.fields["plan"]
        else:
            self.fields["plan"].queryset = plans

    def clean(self):
        cleaned = super().clean()
        if "plan" not in self.fields:
            cleaned["plan"] = Plan.objects.default()
            if cleaned["plan"] is None:
                raise forms.ValidationError(_("No plan is loaded."))
        return cleaned


class ReportRunRequestForm(forms.Form):
    edition = forms.ChoiceField(
        label=_("Edition"),
        choices=Edition.choices,
        initial=Edition.PUBLIC,
        widget=forms.RadioSelect,
    )
    language = forms.ChoiceField(
        label=_("Language of the report"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,  # none chosen: the language the page is read in
        widget=forms.RadioSelect,
        help_text=_("Headings, labels, dates and amounts; the plan's own text stays as written."),
    )
