"""Closing a round cannot be undone, so it asks first and says what it will freeze; opening a
round whose deadline has passed, or closing one before its period ends, is said out loud."""

import datetime

import pytest
from django.utils import timezone

from reporting.models import ReportingRound
from reporting.services import round_open
from tests.reporting.conftest import update

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_round(plan, evaluator):
    today = timezone.localdate()
    return round_open(
        plan=plan,
        title="This quarter",
        period_start=today - datetime.timedelta(days=30),
        period_end=today + datetime.timedelta(days=30),
        deadline=today + datetime.timedelta(days=45),
        opened_by=evaluator,
    )


def test_closing_asks_first_and_says_what_will_be_frozen(
    client, evaluator, platform_admin, open_round
):
    update("5.1", platform_admin, timezone.localdate(), "on_track", 30)
    client.force_login(evaluator)

    page = client.get(f"/reports/rounds/{open_round.pk}/close/").content.decode()

    open_round.refresh_from_db()
    assert open_round.is_open  # asking is not closing
    assert "62 measures will be frozen" in page
    assert "61 measures have no update in this round" in page
    assert "This cannot be undone" in page
    assert "it has not ended yet" in page  # the period ends in 30 days
    assert 'name="confirm" value="yes"' in page


def test_a_post_without_the_confirmation_closes_nothing(client, evaluator, open_round):
    client.force_login(evaluator)

    response = client.post(f"/reports/rounds/{open_round.pk}/close/")

    assert response.status_code == 302
    assert response.url == f"/reports/rounds/{open_round.pk}/close/"
    assert ReportingRound.objects.get(pk=open_round.pk).is_open


def test_the_round_page_links_to_the_confirmation_instead_of_closing(client, evaluator, open_round):
    client.force_login(evaluator)

    page = client.get(f"/reports/rounds/{open_round.pk}/").content.decode()

    assert f'href="/reports/rounds/{open_round.pk}/close/"' in page
    assert f'action="/reports/rounds/{open_round.pk}/close/"' not in page


def test_opening_a_round_whose_deadline_has_passed_warns(client, evaluator):
    client.force_login(evaluator)
    form = {
        "title": "Late round",
        "period_start": "2026-01-01",
        "period_end": "2026-03-31",
        "deadline": "2026-04-15",
    }

    response = client.post("/reports/rounds/open/", form, follow=True)

    page = response.content.decode()
    assert "Round “Late round” is open." in page
    assert "has already passed" in page


def test_completeness_per_actor_has_counts_and_percentages_least_complete_first(
    client, evaluator, platform_admin, open_round
):
    for code in ("5.1", "5.2"):
        update(code, platform_admin, timezone.localdate(), "on_track", 30)
    client.force_login(evaluator)

    response = client.get(f"/reports/rounds/{open_round.pk}/")

    missing = response.context["missing"]
    percents = [entry.percent_complete for entry in missing]
    assert percents == sorted(percents) and percents[0] == 0
    partly = next(entry for entry in missing if entry.updated)
    assert 0 < partly.percent_complete < 100
    page = " ".join(response.content.decode().split())
    assert f"{partly.updated} of {partly.total} ({partly.percent_complete}%)" in page
