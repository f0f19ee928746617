"""A measure edited in the admin goes through the rules of every write: it claims the version
the editor saw (a save conflicting with a later write is refused with a message), and never
writes the progress fields, which only progress updates set."""

import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client

from measures.models import Measure, ProgressUpdate
from measures.services import StaleWriteError
from tests.actionplan.test_plan_source_of_truth import _admin_form_data
from tests.conftest import require
from tests.factories import record_update

CODE = "5.1"


def change_url(measure: Measure) -> str:
    return f"/admin/measures/measure/{measure.pk}/change/"


def signed_in_staff(username: str = "platform") -> Client:
    staff, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(staff)
    return client


def opened_form(client: Client, measure: Measure, **edits) -> dict:
    """The change form as the editor's browser would post it, with `edits`."""
    data = _admin_form_data(client.get(change_url(measure)))
    data.update(edits)
    return data


@pytest.mark.django_db
def test_an_admin_save_claims_the_next_version(plan):
    client = signed_in_staff()
    measure = Measure.objects.get(plan=plan, code=CODE)
    page = client.get(change_url(measure)).content.decode()
    assert f'name="base_version" value="{measure.version}"' in page
    data = opened_form(client, measure, description="<p>Corrected by staff.</p>")
    response = client.post(change_url(measure), data)
    assert response.status_code == 302
    assert response["Location"] == "/admin/measures/measure/"
    saved = Measure.objects.get(pk=measure.pk)
    assert saved.description == "<p>Corrected by staff.</p>"
    assert saved.version == measure.version + 1


@pytest.mark.django_db
def test_the_admin_shows_progress_but_never_writes_it(plan, coordinator):
    client = signed_in_staff()
    record_update(Measure.objects.get(code=CODE), coordinator, progress_percent=40)
    measure = Measure.objects.get(code=CODE)
    form = client.get(change_url(measure)).context["adminform"].form
    assert not {"implementation_status", "progress_percent", "version"} & set(form.fields)
    forged = opened_form(
        client,
        measure,
        implementation_status="completed",
        progress_percent="100",
        public_progress_percent="100",
        version="1",
    )
    assert client.post(change_url(measure), forged).status_code == 302
    saved = Measure.objects.get(pk=measure.pk)
    assert (saved.implementation_status, saved.progress_percent) == ("on_track", 40)
    assert saved.public_progress_percent == 40
    assert saved.version == measure.version + 1


@pytest.mark.django_db
def test_an_admin_save_after_a_progress_update_is_refused_with_a_message(plan, coordinator):
    client = signed_in_staff()
    measure = Measure.objects.get(code=CODE)
    data = opened_form(client, measure, description="<p>Edited from an old page.</p>")
    update = record_update(measure, coordinator, progress_percent=65)  # while the form is open

    response = client.post(change_url(measure), data)
    assert response.status_code == 302
    assert response["Location"] == change_url(measure)  # back to the form, as it is now
    [message] = get_messages(response.wsgi_request)
    assert "changed by someone else" in str(message)
    assert "nothing was saved" in str(message)
    saved = Measure.objects.get(pk=measure.pk)
    assert saved.description != "<p>Edited from an old page.</p>"
    assert saved.progress_percent == update.progress_percent == 65
    # Opened again, the form saves.
    again = opened_form(client, saved, description="<p>Edited again.</p>")
    assert client.post(change_url(saved), again)["Location"] == "/admin/measures/measure/"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_admin_saves_and_progress_updates_never_share_a_version(plan, coordinator):
    require(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL=postgres://...)")
    measure = Measure.objects.get(code=CODE)
    start = measure.version
    outcomes = {"admin_saved": 0, "admin_refused": 0, "updates": 0, "stale": 0}
    lock = threading.Lock()

    def count(outcome: str) -> None:
        with lock:
            outcomes[outcome] += 1

    def write_progress(writer: int) -> None:
        try:
            for number in range(12):
                try:
                    record_update(
                        Measure.objects.get(code=CODE),
                        coordinator,
                        progress_percent=(writer * 12 + number) % 101,
                    )
                    count("updates")
                except StaleWriteError:
                    count("stale")
        finally:
            connection.close()

    def edit_in_admin(editor: int) -> None:
        try:
            client = signed_in_staff(f"platform-{editor}")
            for number in range(6):
                current = Measure.objects.get(code=CODE)
                data = opened_form(client, current, description=f"<p>Edit {editor}.{number}</p>")
                location = client.post(change_url(current), data)["Location"]
                count("admin_saved" if location.endswith("/measure/") else "admin_refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=write_progress, args=(n,)) for n in range(3)]
    threads += [threading.Thread(target=edit_in_admin, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)

    assert outcomes["updates"] > 0 and outcomes["admin_saved"] > 0, outcomes
    measure.refresh_from_db()
    # Every successful write took a version of its own, one after the other.
    assert measure.version == start + outcomes["updates"] + outcomes["admin_saved"]
    saved_versions = list(
        measure.history.filter(history_type="~", version__gt=start).values_list(
            "version", flat=True
        )
    )
    assert sorted(saved_versions) == list(range(start + 1, measure.version + 1))
    latest = ProgressUpdate.objects.filter(measure=measure).latest_first().first()
    assert (measure.progress_percent, measure.implementation_status) == (
        latest.progress_percent,
        latest.implementation_status,
    )
    assert measure.public_progress_percent == latest.progress_percent


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("page", "field", "dutch_label"),
    [
        ("measures/measure", "action", "Actie:"),
        ("budgets/budgetline", "measure", "Maatregel:"),
        ("actionplan/action", "policy_line", "Beleidslijn:"),
    ],
)
def test_the_admin_labels_the_links_between_plan_rows_in_dutch(plan, page, field, dutch_label):
    form = signed_in_staff().get(f"/admin/{page}/add/", HTTP_ACCEPT_LANGUAGE="nl")

    label = re.search(rf'<label[^>]*for="id_{field}"[^>]*>(.*?)</label>', form.content.decode())
    assert label.group(1) == dutch_label
