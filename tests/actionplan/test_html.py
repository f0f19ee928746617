import pytest

from actionplan.html import html_to_text, sanitize_html
from measures.models import Measure

pytestmark = pytest.mark.django_db


def test_scripts_and_event_handlers_are_removed():
    dirty = '<p onclick="x()">Hi<script>alert(1)</script></p><a href="javascript:x()">l</a>'
    clean = sanitize_html(dirty)
    assert "script" not in clean and "onclick" not in clean and "javascript" not in clean
    assert clean.startswith("<p>Hi</p>")


def test_plan_markup_survives():
    html = "<p><u>Concrete examples:</u></p><ul><li>one</li></ul>"
    assert sanitize_html(html) == html
    assert html_to_text(html) == "Concrete examples:\none"


def test_a_measure_description_saved_with_a_script_is_stored_clean(plan):
    measure = Measure.objects.get(plan=plan, code="1.1")
    measure.description = "<p>ok</p><script>alert(1)</script>"
    measure.save()
    measure.refresh_from_db()
    assert measure.description == "<p>ok</p>"
