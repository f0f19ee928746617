"""A ministry filters the measures in the browser, without JavaScript, and shares the view."""

import re

import pytest
from playwright.sync_api import expect

from measures.models import Measure
from tests.browser.conftest import serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page_without_javascript(browser, live_server, plan):
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(15_000)
    opened = context.new_page()
    yield opened
    context.close()


def test_filters_work_without_javascript_and_the_address_holds_the_query(
    page_without_javascript, plan
):
    page = page_without_javascript
    page.goto("/measures/")
    expect(page.get_by_role("heading", name="62 measures")).to_be_visible()
    page.get_by_label(re.compile(r"^WVG – ")).check()
    page.get_by_label("New (N) (18)").check()
    page.get_by_role("button", name="Show measures").first.click()
    # The blank fields the form sent are gone from the address (the server redirected).
    expect(page).to_have_url(re.compile(r"/measures/\?actor=WVG&plan_status=N$"))
    expect(page.get_by_role("heading", name="3 measures")).to_be_visible()
    table = page.get_by_role("table", name="Measures matching the filters")
    named = f"5.10 {Measure.objects.get(plan=plan, code='5.10').title}"
    expect(table.get_by_role("link", name=named, exact=True)).to_be_visible()

    shared = page.url
    page.goto(shared)
    expect(page.get_by_role("heading", name="3 measures")).to_be_visible()


def test_list_actor_and_glossary_pages_have_no_serious_accessibility_violations(page, plan):
    for address in (
        "/measures/?actor=WVG",
        "/measures/?actor=NOPE",
        "/actors/wvg/",
        "/ministers/minister-for-welfare/",
        "/glossary/",
    ):
        page.goto(address)
        assert serious_accessibility_violations(page) == [], address
