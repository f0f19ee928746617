"""A coordinator signs in, records progress in the browser, and everyone sees it."""

import re

import pytest
from playwright.sync_api import expect

from measures.models import Measure
from tests.browser.conftest import serious_accessibility_violations
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username: str, next_url: str = "/") -> None:
    page.goto(f"/accounts/login/?next={next_url}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_coordinator_records_an_update_that_appears_on_the_measure_page_and_dashboard(
    page, coordinator
):
    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("coord-wvg")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # A coordinator lands on their task list.
    expect(page).to_have_url(re.compile(r"/measures/mine/$"))
    expect(page.get_by_role("heading", name="My measures")).to_be_visible()
    page.get_by_role("link", name="Record progress of measure 5.1", exact=True).click()

    expect(page.get_by_role("heading", name="Update measure 5.1")).to_be_visible()
    page.get_by_label("Implementation status").select_option("on_track")
    page.get_by_label("Completion (%)").fill("45")
    page.get_by_label("What happened").fill("Children's Centres now open in 280 municipalities.")
    page.get_by_label("Public").check()
    page.get_by_role("button", name="Save the update").click()

    expect(page).to_have_url(re.compile(r"/measures/5\.1/$"))
    expect(page.get_by_text("The progress of measure 5.1 is saved.")).to_be_visible()
    expect(page.get_by_text("Children's Centres now open in 280 municipalities.")).to_be_visible()
    expect(page.get_by_text("45% complete")).to_be_visible()

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()
    recent = page.locator(
        "section", has=page.get_by_role("heading", name="Recently updated measures")
    )
    named = f"5.1 {Measure.objects.get(code='5.1').title}"
    expect(recent.get_by_role("link", name=named, exact=True)).to_be_visible()
    expect(recent.get_by_text("45%")).to_be_visible()
    assert Measure.objects.get(code="5.1").progress_percent == 45


def test_the_reason_is_asked_for_in_the_browser(page, coordinator):
    sign_in(page, "coord-wvg", "/measures/5.1/updates/new/")
    page.get_by_label("Implementation status").select_option("delayed")
    page.get_by_label("What happened").fill("Waiting for the partner.")
    page.get_by_role("button", name="Save the update").click()
    reason_needed = "Give the reason why the measure is delayed or discontinued."
    expect(page.get_by_role("link", name=f"Reason: {reason_needed}")).to_be_visible()
    expect(page.get_by_label("Reason")).to_have_accessible_description(re.compile(reason_needed))
    expect(page.get_by_label("What happened")).to_have_value("Waiting for the partner.")


@pytest.mark.parametrize("language", ["en", "nl"])
def test_main_pages_have_no_serious_accessibility_violations(page, coordinator, language):
    sign_in(page, "coord-wvg", "/")
    page.locator("#language-select").select_option(language)
    page.locator("form.language button").click()
    expect(page.locator("html")).to_have_attribute("lang", language)
    dashboard = {"en": "Dashboard", "nl": "Overzicht"}[language]
    expect(page.get_by_role("link", name=dashboard, exact=True)).to_be_visible()
    for url in ("/", "/plan/", "/measures/5.1/", "/measures/5.1/updates/new/"):
        page.goto(url)
        assert serious_accessibility_violations(page) == [], f"{url} ({language})"
