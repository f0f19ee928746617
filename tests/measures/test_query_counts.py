"""Every page, export and list makes as many queries for 1,000 measures as for 10, and no page
grows with the number of measures: the list is paginated, the plan tree and the actor and
minister pages list a bounded number, and the counts are made in the database."""

import pytest
from django.core.cache import cache
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from actionplan.selectors import TREE_MEASURES_UP_TO
from bench.synthetic import add_synthetic_measures, synthetic_plan
from measures import exports
from measures.selectors import PAGE_SIZE

pytestmark = pytest.mark.django_db

FILTERED = "actor=WVG&budget=euro&year=2018&q=synthetic&ordering=-budget"


def queries_for(client, url: str) -> int:
    """The queries of a request with nothing in the cache (the most a request makes)."""
    cache.clear()
    # An empty log: CaptureQueriesContext counts on a log that keeps at most 9,000 queries.
    reset_queries()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if hasattr(response, "render"):
            response.render()
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
    assert response.status_code == 200, url
    assert len(connection.queries_log) < connection.queries_limit, "the query log overflowed"
    return len(context.captured_queries)


@pytest.fixture
def exports_in_one_batch(monkeypatch):
    """Exports read every measure of these tests in one batch (see the batch test below)."""
    monkeypatch.setattr(exports, "EXPORT_BATCH", 5000)


@pytest.mark.parametrize("path", ["/measures/", "/measures/export.csv", "/measures/export.xlsx"])
def test_list_and_exports_make_the_same_queries_for_10_as_for_1000_measures(
    client, plan, path, exports_in_one_batch
):
    synthetic_plan("ten", 10)
    synthetic_plan("thousand", 1000)
    for query in ("", f"&{FILTERED}"):
        ten = queries_for(client, f"{path}?plan=ten{query}")
        thousand = queries_for(client, f"{path}?plan=thousand{query}")
        assert ten == thousand, (path, query)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/plan/",
        "/measures/",
        "/measures/?page=3&page_size=20",
        "/actors/",
        "/actors/wvg/",
        "/ministers/welfare/",
        "/feeds/progress.atom",
        "/measures/export.csv",
    ],
)
def test_pages_make_no_more_queries_after_1000_more_measures(
    client, plan, path, exports_in_one_batch
):
    synthetic_plan("ten", 10)
    before = queries_for(client, path)
    synthetic_plan("thousand", 1000)
    after = queries_for(client, path)
    assert before == after
    assert before < 40


@pytest.mark.parametrize(
    "path", ["/", "/plan/", "/measures/", "/actors/wvg/", "/ministers/welfare/"]
)
def test_pages_stay_the_same_size_after_200_more_measures_in_the_plan(client, plan, path):
    # 200 measures more in the same two actions: every page lists a bounded number of them.
    add_synthetic_measures(plan, 200, first_action=90)
    before = len(client.get(path).content)
    add_synthetic_measures(plan, 200, first_action=90, first_number=101)
    after = len(client.get(path).content)
    assert after < before * 1.02, (path, before, after)
    assert before < 1_500_000


def test_the_list_shows_one_page_of_measures(client, plan):
    synthetic_plan("thousand", 1000)
    response = client.get("/measures/?plan=thousand")
    assert len(response.context["measures"]) == PAGE_SIZE
    assert response.context["page_obj"].paginator.count == 1000


@pytest.mark.parametrize("path", ["/measures/export.csv", "/measures/export.xlsx"])
def test_exports_read_measures_in_batches_of_a_few_queries_each(client, plan, monkeypatch, path):
    monkeypatch.setattr(exports, "EXPORT_BATCH", 100)
    synthetic_plan("big", 400, plan_statuses="BBVN")
    counts = [queries_for(client, f"{path}?plan=big&plan_status={s}") for s in ("V", "N", "B")]
    # 100, 100 and 200 measures: one batch more costs the measures' query and its prefetches.
    assert counts[0] == counts[1]
    assert 1 <= counts[2] - counts[1] <= 4


def test_the_tree_of_a_plan_of_many_measures_lists_its_actions_each_linking_to_its_measures(
    client, plan
):
    whole = client.get("/plan/").content.decode()
    assert 'href="/measures/5.10/"' in whole  # at the plan's size, every measure under its action
    add_synthetic_measures(plan, TREE_MEASURES_UP_TO, first_action=90)
    page = client.get("/plan/").content.decode()
    assert 'href="/measures/5.10/"' not in page
    assert f"?plan={plan.code}&amp;action=5" in page
    assert f"?plan={plan.code}&amp;action=90" in page
    assert f"This plan has {62 + TREE_MEASURES_UP_TO} measures" in page
