"""Coordinators whose measures have no update in the open round get one reminder a week."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from measures.models import Measure
from reporting.models import Reminder, week_start_of
from reporting.services import (
    round_close,
    round_open,
    round_reminders_request,
    round_reminders_send,
)
from reporting.tasks import send_round_reminders
from tests.factories import make_user
from tests.reporting.conftest import update

pytestmark = pytest.mark.django_db

MONDAY = timezone.make_aware(datetime.datetime(2026, 11, 23, 8, 0))


@pytest.fixture
def open_round(plan, evaluator):
    return round_open(
        plan=plan,
        title="Second half of 2026",
        period_start=datetime.date(2026, 7, 1),
        period_end=datetime.date(2026, 11, 28),
        deadline=datetime.date(2026, 12, 15),
        opened_by=evaluator,
    )


def wvg_codes() -> list[str]:
    return list(
        Measure.objects.filter(actors__code="WVG").in_code_order().values_list("code", flat=True)
    )


def test_a_coordinator_is_reminded_of_their_measures_without_an_update(
    open_round, coordinator, platform_admin, mailoutbox
):
    update("5.1", platform_admin, datetime.date(2026, 9, 1), "on_track", 40)  # a WVG measure
    update("5.2", platform_admin, datetime.date(2026, 6, 1), "on_track", 40)  # before the period

    sent = round_reminders_send(now=MONDAY)

    assert [reminder.user for reminder in sent] == [coordinator]
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [coordinator.email]
    assert "Second half of 2026" in mail.subject
    expected = [code for code in wvg_codes() if code != "5.1"]
    assert sent[0].measure_codes == expected
    assert "- 5.2 " in mail.body and "- 5.1 " not in mail.body


def test_a_reminder_names_each_measure_links_its_update_form_and_comes_from_the_portal(
    open_round, coordinator, mailoutbox, settings
):
    settings.DEFAULT_FROM_EMAIL = "Action plan <noreply@example.org>"
    settings.PORTAL_URL = "https://portal.example.org"

    round_reminders_send(now=MONDAY)

    mail = mailoutbox[0]
    assert mail.from_email == "Action plan <noreply@example.org>"
    # Each measure by code and title, as the plan's fixture names it.
    assert f"5.2 {Measure.objects.get(code='5.2').title}" in mail.body
    assert "https://portal.example.org/measures/5.2/updates/new/" in mail.body
    assert open_round.deadline.strftime("%-d %B %Y") in mail.body


def test_at_most_one_reminder_per_person_per_week(open_round, coordinator, mailoutbox):
    assert len(round_reminders_send(now=MONDAY)) == 1
    assert round_reminders_send(now=MONDAY + datetime.timedelta(hours=1)) == []
    assert round_reminders_send(now=MONDAY + datetime.timedelta(days=6)) == []  # Sunday
    assert len(mailoutbox) == 1
    assert len(round_reminders_send(now=MONDAY + datetime.timedelta(days=7))) == 1
    assert len(mailoutbox) == 2
    assert Reminder.objects.filter(user=coordinator).count() == 2


def test_no_second_reminder_within_six_days_even_across_a_week_boundary(
    open_round, coordinator, mailoutbox
):
    sunday = MONDAY + datetime.timedelta(days=6)
    assert len(round_reminders_send(now=sunday)) == 1
    assert round_reminders_send(now=sunday + datetime.timedelta(days=1)) == []  # next Monday
    assert len(mailoutbox) == 1


def test_the_weekly_task_sends_no_duplicate_when_run_twice(open_round, coordinator, mailoutbox):
    assert send_round_reminders.apply().get() == 1
    assert send_round_reminders.apply().get() == 0
    assert len(mailoutbox) == 1
    assert Reminder.objects.get().week_start == week_start_of(timezone.now())


def test_coordinators_with_every_measure_updated_or_no_email_are_not_reminded(
    open_round, plan, platform_admin, mailoutbox
):
    updated = make_user("coordinator-kb", "coordinator", ("KB",))
    updated.email = "kb@example.org"
    updated.save()
    for code in Measure.objects.filter(actors__code="KB").values_list("code", flat=True):
        update(code, platform_admin, datetime.date(2026, 9, 1), "on_track", 10)
    make_user("coordinator-ov", "coordinator", ("OV",))  # no email address

    assert round_reminders_send(now=MONDAY) == []
    assert mailoutbox == []


def test_no_reminder_before_the_period_starts_or_without_an_open_round(
    plan, evaluator, coordinator, mailoutbox
):
    assert round_reminders_send(now=MONDAY) == []
    round_open(
        plan=plan,
        title="Next year",
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 6, 30),
        deadline=datetime.date(2027, 7, 15),
        opened_by=evaluator,
    )
    assert round_reminders_send(now=MONDAY) == []
    assert mailoutbox == []


def test_the_round_page_shows_missing_measures_per_actor_and_who_was_reminded(
    client, open_round, coordinator, evaluator, platform_admin
):
    update("5.1", platform_admin, datetime.date(2026, 9, 1), "on_track", 40)
    round_reminders_send(now=MONDAY)
    client.force_login(evaluator)

    page = client.get(f"/reports/rounds/{open_round.pk}/").content.decode()

    assert "1 of 62 measures have an update in this round." in page
    wvg_row = page.split('<th scope="row">WVG', 1)[1].split("</tr>", 1)[0]
    assert ">5.2</a>" in wvg_row and ">5.1</a>" not in wvg_row
    assert (
        coordinator.username in wvg_row and "reminded" in wvg_row and "not reminded" not in wvg_row
    )


def test_reminders_asked_for_a_round_are_sent_for_that_round_only(
    open_round, coordinator, evaluator, mailoutbox, django_capture_on_commit_callbacks
):
    assert round_reminders_send(now=MONDAY, round_id=open_round.pk + 1) == []
    with django_capture_on_commit_callbacks(execute=True) as queued:
        round_reminders_request(reporting_round=open_round, requested_by=evaluator)
    assert len(queued) == 1
    assert [reminder.round for reminder in Reminder.objects.all()] == [open_round]
    assert [mail.to for mail in mailoutbox] == [[coordinator.email]]


def test_reminders_cannot_be_asked_for_a_closed_round(
    open_round, coordinator, evaluator, mailoutbox, django_capture_on_commit_callbacks
):
    round_close(reporting_round=open_round, closed_by=evaluator)
    refused = pytest.raises(ValidationError, match="only sent while a round is open")
    with django_capture_on_commit_callbacks(execute=True) as queued, refused:
        round_reminders_request(reporting_round=open_round, requested_by=evaluator)
    assert not queued and mailoutbox == []
