"""A report run's page follows the build in place, without refreshing the whole page, and lets
the reader stop the updates."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from reporting.models import ReportRun
from tests.browser.test_pages_in_both_languages import open_in
from tests.factories import closed_round_with_a_run

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def building_run(plan, evaluator):
    _closed, run = closed_round_with_a_run(plan, evaluator)
    # Building, with a worker's recent heartbeat: a run that is progressing.
    ReportRun.objects.filter(pk=run.pk).update(
        state="building", progress_percent=40, heartbeat_at=timezone.now()
    )
    return run


def test_the_progress_updates_in_place_and_the_finished_run_shows_itself(page, building_run):
    open_in(page, "en", "evaluator", f"/reports/runs/{building_run.pk}/")
    expect(page.locator("[data-percent]")).to_have_text("40%")
    page.evaluate("window.notReloaded = true")

    ReportRun.objects.filter(pk=building_run.pk).update(progress_percent=70)
    expect(page.locator("[data-percent]")).to_have_text("70%", timeout=10_000)
    assert page.evaluate("window.notReloaded") is True  # updated in place

    ReportRun.objects.filter(pk=building_run.pk).update(state="failed", error_message="Stopped.")
    expect(page.get_by_text("The report could not be built.")).to_be_visible(timeout=10_000)


def test_the_reader_can_stop_the_updates(page, building_run):
    open_in(page, "en", "evaluator", f"/reports/runs/{building_run.pk}/")
    page.get_by_role("button", name="Stop updating").click()
    expect(page.get_by_role("button", name="Update again")).to_have_attribute(
        "aria-pressed", "true"
    )
    ReportRun.objects.filter(pk=building_run.pk).update(progress_percent=90)
    page.wait_for_timeout(4_500)
    expect(page.locator("[data-percent]")).to_have_text("40%")
