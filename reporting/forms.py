from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from actionplan.widgets import IsoDateInput
from reporting.models import Edition


class RoundOpenForm(forms.Form):
    """Open a reporting round; the rules themselves live in reporting.services.round_open."""

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
