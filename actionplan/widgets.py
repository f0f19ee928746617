"""Form widgets shared by the apps' forms."""

from django import forms

ISO_DATE = "%Y-%m-%d"


class IsoDateInput(forms.DateInput):
    """The browser's date picker, `<input type="date" value="2027-06-30">`.

    Its value must be ISO 8601 in every language: the browser reads no other form, so a
    localised value ("30-06-2027") shows an empty field and is lost on the next save.
    """

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=ISO_DATE)
