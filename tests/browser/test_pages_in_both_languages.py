"""Forms and pages in English and Dutch, at a phone's width: nothing typed is lost, every
fault is named at once, and no page scrolls sideways."""

import datetime

import pytest
from django.forms.models import model_to_dict
from playwright.sync_api import expect

from measures.models import Measure, ProgressUpdate
from tests.browser.conftest import COORDINATOR_PAGES, load_axe
from tests.factories import PASSWORD, record_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "nl"]
# An unchanged save writes nothing, and says so.
NOTHING_CHANGED = {
    "en": "Nothing changed in the update of measure 5.1.",
    "nl": "Er veranderde niets aan de stand van zaken van maatregel 5.1.",
}
THERE_IS_A_PROBLEM = {"en": "There is a problem", "nl": "Er is een probleem"}
ERROR_PREFIX = {"en": "Error: ", "nl": "Fout: "}


def open_in(page, language: str, username: str, next_url: str) -> None:
    """Sign in as `username` with the interface in `language`, then open `next_url`."""
    page.goto("/accounts/login/")
    origin = page.evaluate("location.origin")  # the cookie's path is then /
    page.context.add_cookies([{"name": "django_language", "value": language, "url": origin}])
    page.goto(f"/accounts/login/?next={next_url}")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_saving_an_update_unchanged_changes_none_of_its_fields(page, coordinator, language):
    recorded = record_update(
        Measure.objects.get(code="5.1"),
        coordinator,
        reported_on=datetime.date(2026, 10, 15),
        implementation_status="delayed",
        progress_percent=35,
        narrative="First line.\nSecond line, with “quotes” & ampersand.",
        reason="Waiting for the partner's budget.",
        evidence_links=("https://example.org/a", "https://example.org/b?x=1&y=2"),
        planned_date=datetime.date(2027, 6, 30),
        actual_date=datetime.date(2026, 12, 31),
        visibility=ProgressUpdate.Visibility.INTERNAL,
    )
    before = model_to_dict(recorded, exclude=["id", "version"])

    open_in(page, language, "coord-wvg", f"/measures/5.1/updates/{recorded.pk}/edit/")
    # Date inputs carry ISO values in every language: the browser reads no other form.
    expect(page.locator("#id_reported_on")).to_have_value("2026-10-15")
    expect(page.locator("#id_planned_date")).to_have_value("2027-06-30")
    expect(page.locator("#id_actual_date")).to_have_value("2026-12-31")
    page.locator("main form.stacked button[type=submit]").click()

    expect(page.get_by_text(NOTHING_CHANGED[language])).to_be_visible()
    recorded.refresh_from_db()
    assert model_to_dict(recorded, exclude=["id", "version"]) == before


@pytest.mark.parametrize("language", LANGUAGES)
def test_three_faults_are_listed_at_once_in_a_focused_error_summary(page, coordinator, language):
    open_in(page, language, "coord-wvg", "/measures/5.1/updates/new/")
    page.locator("#id_implementation_status").select_option("delayed")  # and no reason
    page.locator("#id_progress_percent").fill("150")
    page.locator("#id_narrative").fill("")
    page.locator("#id_evidence_links").fill("https://example.org/kept")
    page.locator("main form.stacked button[type=submit]").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading", name=THERE_IS_A_PROBLEM[language])).to_be_visible()
    assert page.title().startswith(ERROR_PREFIX[language])
    links = summary.get_by_role("link")
    expect(links).to_have_count(3)
    for field in ("progress_percent", "narrative", "reason"):
        link = summary.locator(f"a[href='#id_{field}']")
        expect(link).to_have_count(1)
        message = page.locator(f"#id_{field}_error")
        expect(message).to_be_visible()
        described_by = page.locator(f"#id_{field}").get_attribute("aria-describedby")
        assert f"id_{field}_error" in described_by.split()
    summary.locator("a[href='#id_reason']").click()
    expect(page.locator("#id_reason")).to_be_focused()
    expect(page.locator("#id_evidence_links")).to_have_value("https://example.org/kept")
    expect(page.locator("#id_progress_percent")).to_have_value("150")
    assert not ProgressUpdate.objects.exists()


def small_targets(page) -> list[str]:
    """The links and controls that axe-core finds smaller than 24 by 24 px (WCAG 2.2, 2.5.8)."""
    load_axe(page)
    result = page.evaluate("async () => await axe.run(document, {runOnly: ['target-size']})")
    return [node["target"][0] for rule in result["violations"] for node in rule["nodes"]]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_page_scrolls_sideways_at_320_and_390_pixels_and_targets_are_big_enough(
    page, coordinator, report_pages, language
):
    record_update(Measure.objects.get(code="5.1"), coordinator)
    too_wide, too_small = [], []
    for username, addresses in (("coord-wvg", COORDINATOR_PAGES), ("evaluator", report_pages)):
        page.context.clear_cookies()
        open_in(page, language, username, "/")
        for width in (320, 390):
            page.set_viewport_size({"width": width, "height": 800})
            for address in addresses:
                page.goto(address)
                page_width, window_width = page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                if page_width > window_width:
                    too_wide.append(f"{address} at {width} px: {page_width} px wide")
                if width == 390:
                    too_small += [f"{address}: {target}" for target in small_targets(page)]
    assert too_wide == []
    assert too_small == []


def test_a_wide_table_scrolls_in_its_own_labelled_region(page, coordinator):
    open_in(page, "en", "coord-wvg", "/actors/")
    page.set_viewport_size({"width": 320, "height": 800})
    region = page.get_by_role("region", name="Actors and their measures")
    expect(region).to_have_attribute("tabindex", "0")
    assert region.evaluate("element => element.scrollWidth > element.clientWidth")
