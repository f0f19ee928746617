"""What every page with a form shares."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


def form_add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on `form`, as if the form had found it: each message
    on its field, and those of fields the form lacks (or of no field) above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages)


class TextLinesField(forms.CharField):
    """A list of texts (a JSON list of strings in the model, such as notes) edited as the lines
    of a text box: one item per line, blank lines dropped, each line trimmed."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", _("One item per line."))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value) -> list[str]:
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def has_changed(self, initial, data) -> bool:
        return self.to_python(self.prepare_value(initial or [])) != self.to_python(data)


class NotesAsLinesMixin:
    """For a ModelAdmin or inline: every `notes` list is edited as lines, not as raw JSON."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "notes" and isinstance(db_field, models.JSONField):
            return TextLinesField(
                label=capfirst(db_field.verbose_name), required=not db_field.blank
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)
