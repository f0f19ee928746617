"""An evaluator closes a reporting round in the browser: the round page only leads to a
confirmation page that says what will be frozen; nothing closes until it is confirmed."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reporting.models import ReportingRound
from reporting.services import round_open
from tests.browser.conftest import serious_accessibility_violations
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username: str, next_url: str) -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_closing_a_round_asks_for_confirmation_first(page, plan, evaluator):
    today = timezone.localdate()
    reporting_round = round_open(
        plan=plan,
        title="Current quarter",
        period_start=today - datetime.timedelta(days=60),
        period_end=today + datetime.timedelta(days=10),
        deadline=today + datetime.timedelta(days=20),
        opened_by=evaluator,
    )
    sign_in(page, evaluator.get_username(), f"/reports/rounds/{reporting_round.pk}/")

    page.get_by_role("link", name="Close the round…").click()

    expect(page).to_have_url(re.compile(rf"/reports/rounds/{reporting_round.pk}/close/$"))
    expect(page.get_by_role("heading", name="Close “Current quarter”?")).to_be_visible()
    expect(page.get_by_text("62 measures have no update in this round;")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("it has not ended yet")
    expect(page.get_by_text("This cannot be undone")).to_be_visible()
    assert serious_accessibility_violations(page) == []
    assert ReportingRound.objects.get(pk=reporting_round.pk).is_open

    page.get_by_role("link", name="No, go back to the round").click()
    expect(page).to_have_url(re.compile(rf"/reports/rounds/{reporting_round.pk}/$"))
    assert ReportingRound.objects.get(pk=reporting_round.pk).is_open

    page.get_by_role("link", name="Close the round…").click()
    page.get_by_role("button", name="Yes, close the round").click()

    expect(page).to_have_url(re.compile(rf"/reports/rounds/{reporting_round.pk}/$"))
    expect(page.get_by_text("Round “Current quarter” is closed.")).to_be_visible()
    assert ReportingRound.objects.get(pk=reporting_round.pk).is_closed
