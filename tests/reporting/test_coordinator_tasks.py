"""Each role lands on its work; a coordinator's "My measures" is the task list of the open
round: its deadline first, then what still needs an update, then the rest."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from measures.models import Measure, MeasureActor
from reporting.services import round_open
from tests.factories import PASSWORD, record_update

pytestmark = pytest.mark.django_db


def open_round_due_in(plan, by, days: int, title="Second half of 2026"):
    """A round whose period holds 1 July to 28 November 2026, due `days` from today."""
    return round_open(
        plan=plan,
        title=title,
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 11, 28),
        deadline=timezone.localdate() + datetime.timedelta(days=days),
        opened_by=by,
    )


@pytest.fixture
def open_round(plan, evaluator):
    return open_round_due_in(plan, evaluator, 15)


def wvg_measures(role: str) -> list[Measure]:
    return list(
        Measure.objects.filter(actor_links__actor__code="WVG", actor_links__role=role)
        .in_code_order()
        .distinct()
    )


def task_codes(html: str) -> list[str]:
    """The measure codes of the task list, in the order shown."""
    tasks = html.split('<ul class="task-list">', 1)[1].split("</ul>", 1)[0]
    return re.findall(r'<span class="code">([0-9.]+)</span>', tasks)


def my_measures(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("my-measures")).content.decode()


@pytest.mark.parametrize(
    ("role", "landing"),
    [
        ("coordinator", "/measures/mine/"),
        ("ministry_viewer", "/measures/"),
        ("evaluator", "/reports/"),
        ("platform_admin", "/reports/"),
        ("no_role", "/"),
    ],
)
def test_each_role_lands_on_its_work_after_signing_in(client, users, role, landing):
    user = users[role]
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == landing
    assert response.status_code == 200


def test_a_sign_in_with_a_next_page_returns_there(client, coordinator):
    response = client.post(
        reverse("login") + "?next=/measures/5.1/",
        {"username": coordinator.username, "password": PASSWORD},
    )
    assert response.url == "/measures/5.1/"


def test_the_home_page_signs_in_to_the_role_landing_and_other_pages_return(client, plan):
    home = client.get("/").content.decode()
    assert f'href="{reverse("login")}"' in home
    measure_page = client.get("/measures/5.1/").content.decode()
    assert f'href="{reverse("login")}?next=/measures/5.1/"' in measure_page


def test_the_open_round_leads_the_page_with_its_deadline_and_the_share_updated(
    client, coordinator, open_round
):
    coordinated = wvg_measures(MeasureActor.Role.COORDINATOR)
    record_update(coordinated[0], coordinator, reported_on=datetime.date(2026, 11, 2))
    total = Measure.objects.modifiable_by(coordinator).count()

    html = my_measures(client, coordinator)

    banner = html.split('class="banner', 1)[1].split("</section>", 1)[0]
    assert "Reporting round open: Second half of 2026" in banner
    assert date_format(open_round.deadline, "DATE_FORMAT") in banner
    assert "15 days left." in banner
    assert f"1 of your {total} measures in this plan have an update in this round." in banner


def test_measures_due_in_the_round_come_first_longest_without_an_update_first(
    client, coordinator, open_round
):
    mine = list(Measure.objects.modifiable_by(coordinator).in_code_order())
    updated_in_round, updated_before, *never = mine
    record_update(updated_in_round, coordinator, reported_on=datetime.date(2026, 10, 1))
    record_update(updated_before, coordinator, reported_on=datetime.date(2026, 5, 1))

    codes = task_codes(my_measures(client, coordinator))

    # Never updated (in code order), then the one updated before the round, then the done one.
    assert codes == [m.code for m in never] + [updated_before.code, updated_in_round.code]


def test_each_task_says_whether_the_user_coordinates_or_is_a_partner(
    client, coordinator, open_round
):
    coordinated = wvg_measures(MeasureActor.Role.COORDINATOR)[0]
    partnered = wvg_measures(MeasureActor.Role.PARTNER)[0]
    html = my_measures(client, coordinator)
    tasks = {
        code: body
        for code, body in re.findall(
            r'<span class="code">([0-9.]+)</span>(.*?)</li>', html, flags=re.DOTALL
        )
    }
    assert "You coordinate" in tasks[coordinated.code]
    assert "Partner" in tasks[partnered.code]
    assert "Update due" in tasks[coordinated.code]
    assert reverse("measures:update-create", args=[coordinated.code]) in tasks[coordinated.code]


def test_without_an_open_round_the_page_says_progress_can_be_recorded_any_time(client, coordinator):
    html = my_measures(client, coordinator)
    assert "No reporting round is open" in html
    assert "Update due" not in html
    assert len(task_codes(html)) == Measure.objects.modifiable_by(coordinator).count()


def test_the_task_list_is_in_dutch(client, coordinator, open_round):
    client.cookies["django_language"] = "nl"
    with translation.override("nl"):
        html = my_measures(client, coordinator)
        deadline = date_format(open_round.deadline, "DATE_FORMAT")
    assert "Rapporteringsronde open: Second half of 2026" in html
    assert "Bijwerken nodig" in html
    assert deadline in html
    assert "Nog 15 dagen." in html


def test_a_past_deadline_is_said_plainly(client, coordinator, evaluator, plan):
    open_round_due_in(plan, evaluator, -3, title="Late round")
    html = my_measures(client, coordinator)
    assert "The deadline passed 3 days ago." in html
    assert 'class="banner overdue"' in html


def test_queries_do_not_grow_with_the_number_of_measures(
    client, coordinator, other_coordinator, open_round
):
    def queries_for(user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("my-measures")).status_code == 200
        return len(queries)

    assert Measure.objects.modifiable_by(coordinator).count() != (
        Measure.objects.modifiable_by(other_coordinator).count()
    )
    assert queries_for(other_coordinator) == queries_for(coordinator)


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("coordinator", True),
        ("no_role", True),  # the page tells them how to be linked to an organisation
        ("ministry_viewer", False),
        ("evaluator", False),
        ("platform_admin", False),
    ],
)
def test_my_measures_is_in_the_navigation_of_those_who_keep_measures(client, users, role, offered):
    client.force_login(users[role])
    page = client.get(reverse("measures:list")).content.decode()
    assert (f'href="{reverse("my-measures")}"' in page) is offered
