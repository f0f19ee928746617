"""The database is the master of a loaded plan: starting the stack never reverts admin edits,
load_plan shows differences and writes them only with --apply, and plan edits keep history."""

import shlex
from io import StringIO

import pytest
import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from budgets.models import BudgetLine
from measures.models import Measure, MeasureActor

from .test_load_plan import snapshot

pytestmark = pytest.mark.django_db

COMPOSE_FILE = settings.BASE_DIR / "docker-compose.yml"


def run_manage_commands(script: str, args: list[str]) -> str:
    """Run the `python manage.py ...` steps of a service's `sh -c` script in this process
    (servers such as gunicorn are left out); "$@" stands for the service's arguments."""
    out = StringIO()
    for step in script.split("&&"):
        words = [arg for word in shlex.split(step) for arg in (args if word == "$@" else [word])]
        if words[:2] == ["python", "manage.py"]:
            call_command(*words[2:], stdout=out)
    return out.getvalue()


def compose_service_script(name: str) -> tuple[str, list[str]]:
    service = yaml.safe_load(COMPOSE_FILE.read_text())["services"][name]
    if "entrypoint" in service:
        _sh, _c, script, _name = service["entrypoint"]
        # Compose reads "$$" as a literal "$" (the shell's "$@", the service's arguments).
        return script.replace("$$", "$"), list(service.get("command") or [])
    _sh, _c, script = shlex.split(service["command"])
    return script, []


@pytest.fixture
def admin_edits(plan):
    """Corrections made in the admin to a measure, an actor link and a budget line."""
    measure = Measure.objects.get(plan=plan, code="5.10")
    fixture_status = measure.plan_status
    measure.plan_status = "B" if fixture_status != "B" else "N"
    measure.save()
    link = measure.actor_links.first()
    link.as_printed = "Corrected in the admin"
    link.save()
    line = measure.budget_lines.first()
    line.label = "Corrected label"
    line.save()
    return {"measure": measure, "fixture_status": fixture_status, "link": link, "line": line}


def test_starting_the_web_service_keeps_admin_edits(admin_edits):
    before = snapshot()
    script, args = compose_service_script("web")
    run_manage_commands(script, args)
    assert snapshot() == before
    assert (
        Measure.objects.get(pk=admin_edits["measure"].pk).plan_status
        != (admin_edits["fixture_status"])
    )


def test_the_load_plan_service_shows_differences_without_writing(admin_edits):
    before = snapshot()
    script, args = compose_service_script("load-plan")
    output = run_manage_commands(script, args)
    assert "nothing written" in output
    assert snapshot() == before


def test_load_plan_without_apply_reports_each_difference_and_writes_nothing(admin_edits):
    before = snapshot()
    out = StringIO()
    call_command("load_plan", stdout=out)
    output = out.getvalue()
    measure = admin_edits["measure"]
    assert (
        f"measure 5.10: plan_status: '{measure.plan_status}' -> "
        f"'{admin_edits['fixture_status']}'" in output
    )
    link = admin_edits["link"]
    assert f"5.10 {link.actor.code}: as_printed: 'Corrected in the admin' ->" in output
    assert "label: 'Corrected label' ->" in output
    assert "3 differences; nothing written" in output
    assert snapshot() == before


def test_load_plan_with_apply_writes_the_fixture_over_the_edits(admin_edits):
    call_command("load_plan", "--apply", stdout=StringIO())
    measure = Measure.objects.get(pk=admin_edits["measure"].pk)
    assert measure.plan_status == admin_edits["fixture_status"]
    assert MeasureActor.objects.get(pk=admin_edits["link"].pk).as_printed != (
        "Corrected in the admin"
    )
    assert BudgetLine.objects.get(pk=admin_edits["line"].pk).label != "Corrected label"
    out = StringIO()
    call_command("load_plan", stdout=out)
    assert "nothing changed" in out.getvalue()


@pytest.mark.parametrize("model", [MeasureActor, BudgetLine])
def test_admin_edit_of_plan_data_is_kept_in_history_with_its_author(client, plan, model):
    staff = get_user_model().objects.create_superuser("platform", "p@example.org", "pw-1234567!")
    client.force_login(staff)
    measure = Measure.objects.get(plan=plan, code="12.1")
    row = model.objects.filter(measure=measure).first()
    field = "as_printed" if model is MeasureActor else "label"
    inline = "actor_links" if model is MeasureActor else "budget_lines"
    url = f"/admin/measures/measure/{measure.pk}/change/"
    data = _admin_form_data(client.get(url))
    index = next(i for i in range(100) if data.get(f"{inline}-{i}-id") == str(row.pk))
    data[f"{inline}-{index}-{field}"] = "Corrected in the admin"
    response = client.post(url, data)
    assert response.status_code == 302
    latest = row.history.first()
    assert getattr(latest, field) == "Corrected in the admin"
    assert latest.history_user == staff


def _admin_form_data(response) -> dict[str, str]:
    """The values of every field of an admin change form, as the browser would post them."""
    data = {}
    for form in _forms_of(response.context):
        for bound in form:
            value = bound.field.prepare_value(bound.value())
            if value is None or value is False:
                continue  # a browser posts nothing for an empty or unticked field
            data[bound.html_name] = "on" if value is True else str(value)
    return data


def _forms_of(context):
    yield context["adminform"].form
    for formset in context["inline_admin_formsets"]:
        yield formset.formset.management_form
        yield from formset.formset.forms
