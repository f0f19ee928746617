from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import ApiToken


class ApiTokenForm(forms.Form):
    """The name of a new token, or a new name for one (the rules are in actors.services)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=ApiToken._meta.get_field("name").max_length,
        help_text=_("What the token is for, such as the tool that will use it."),
    )
