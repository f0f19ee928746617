"""The dashboard shows where the plan stands; every chart is also a table."""

import datetime

import pytest
from django.utils import timezone

from bench.synthetic import add_synthetic_measures
from measures.models import Measure
from measures.selectors.dashboard import STALE_LISTED
from tests.factories import record_update
from tests.plan_text import measure_codes_with_status

pytestmark = pytest.mark.django_db


def test_dashboard_counts_statuses_and_plan_statuses(client, coordinator):
    record_update(
        Measure.objects.get(code="5.1"),
        coordinator,
        implementation_status="completed",
        progress_percent=100,
    )
    record_update(
        Measure.objects.get(code="5.3"),
        coordinator,
        implementation_status="delayed",
        progress_percent=10,
        reason="Partner left.",
    )
    summary = client.get("/").context["summary"]
    by_status = {status: n for status, _label, n in summary["by_status"]}
    assert by_status == {
        "not_started": 60,
        "on_track": 0,
        "delayed": 1,
        "completed": 1,
        "discontinued": 0,
    }
    by_plan_status = {status: n for status, _label, n in summary["by_plan_status"]}
    in_text = list(measure_codes_with_status().values())
    assert by_plan_status == {s: in_text.count(s) for s in "BVN"}


def test_progress_per_policy_line_and_action_is_the_average_completion(client, coordinator):
    record_update(
        Measure.objects.get(code="5.1"),
        coordinator,
        implementation_status="completed",
        progress_percent=100,
    )
    summary = client.get("/").context["summary"]
    line_2 = next(line for line in summary["policy_lines"] if line.number == 2)
    assert (line_2.measures, line_2.completed, line_2.average_percent) == (17, 1, round(100 / 17))
    action_5 = next(action for action in summary["actions"] if action.number == 5)
    assert (action_5.measures, action_5.average_percent) == (10, 10)
    page = client.get("/").content.decode()
    assert "2. Support for the local approach" in page


def test_recent_and_stale_measures(client, coordinator):
    record_update(Measure.objects.get(code="5.1"), coordinator)
    record_update(Measure.objects.get(code="5.3"), coordinator)
    long_ago = timezone.now() - datetime.timedelta(days=91)
    Measure.objects.filter(code="5.3").update(
        last_update_at=long_ago, public_last_update_at=long_ago
    )
    summary = client.get("/").context["summary"]
    assert [m.code for m in summary["recently_updated"]] == ["5.1", "5.3"]
    stale = [m.code for m in summary["stale"]]
    assert "5.1" not in stale and len(stale) == STALE_LISTED
    assert summary["stale_count"] == 61
    # Never updated first, in code order.
    assert stale[0] == "1.1"
    # The longest without an update come right after those never updated.
    Measure.objects.exclude(code__in=["5.1", "5.3", "6.2"]).update(
        last_update_at=timezone.now(), public_last_update_at=timezone.now()
    )
    summary = client.get("/").context["summary"]
    assert [m.code for m in summary["stale"]] == ["6.2", "5.3"]


def test_the_dashboard_lists_stale_measures_by_code_and_title(client, plan):
    stale = Measure.objects.get(plan=plan, code="1.1")
    page = client.get("/").content.decode()
    start = page.index('id="stale-heading"')
    stale_section = page[start : page.index("</section>", start)]
    assert f">{stale.code} {stale.title}</a>" in stale_section
    # Every measure is stale: the first few named, then a link to the whole list by last update.
    assert stale_section.count("<li>") == STALE_LISTED
    assert f"?plan={plan.code}&amp;ordering=last_update" in stale_section


def test_the_dashboard_names_the_first_stale_measures_and_counts_them_all(client, plan):
    add_synthetic_measures(plan, STALE_LISTED, first_action=90)
    summary = client.get("/").context["summary"]
    assert summary["stale_count"] == 62 + STALE_LISTED
    assert len(summary["stale"]) == STALE_LISTED
    assert summary["total"] == 62 + STALE_LISTED
    page = client.get("/").content.decode()
    assert f"{62 + STALE_LISTED} measures." in page


def test_dashboard_query_count_does_not_grow_with_updates_or_measures(client, coordinator):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bench.synthetic import add_synthetic_measures

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/").status_code == 200
        return len(captured.captured_queries)

    before = queries()
    for code in ("5.1", "5.3", "5.8"):
        record_update(Measure.objects.get(code=code), coordinator)
    add_synthetic_measures(Measure.objects.get(code="5.1").plan, 300, first_action=50)
    assert queries() == before
