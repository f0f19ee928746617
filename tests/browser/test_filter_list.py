"""The filter panel's script: a text box narrows the long lists of actors and ministers, the
form sends only the filters chosen; on a phone the panel folds and the filtered list does not
scroll sideways."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_text_box_narrows_the_actors_by_name_or_code_and_the_address_stays_clean(page, plan):
    page.goto("/measures/")
    actors = page.locator("#facet-actor")
    wvg = actors.get_by_label(re.compile(r"^WVG – "))
    kb = actors.get_by_label(re.compile(r"^KB – "))
    box = actors.get_by_label("Narrow the actors by name or code")

    box.fill("welfare")
    expect(wvg).to_be_visible()
    expect(kb).to_be_hidden()
    box.fill("kb")
    expect(kb).to_be_visible()
    expect(wvg).to_be_hidden()

    box.fill("")
    wvg.check()
    statuses = []
    page.on("response", lambda response: statuses.append(response.status))
    page.get_by_role("button", name="Show measures").first.click()
    expect(page).to_have_url(re.compile(r"/measures/\?actor=WVG$"))
    assert 302 not in statuses  # the script left the blank fields out; no redirect needed
    expect(page.get_by_role("heading", name="28 measures for WVG")).to_be_visible()


def test_the_filtered_list_fits_a_phone_and_a_tag_removes_its_filter(page, plan):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/measures/?actor=WVG&plan_status=N")
    expect(page.get_by_role("heading", name="3 measures for WVG and New (N)")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The panel folds behind a button, so that the results come first into view.
    search = page.get_by_label("Search", exact=True)
    expect(search).to_be_hidden()
    page.get_by_role("button", name="Show filters").click()
    expect(search).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("link", name="Remove filter: WVG").click()
    expect(page).to_have_url(re.compile(r"/measures/\?plan_status=N$"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
