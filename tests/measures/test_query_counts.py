"""The measure list, its exports and the actor and minister pages make as many queries for
1,000 measures as for 10."""

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

from bench.synthetic import synthetic_plan

pytestmark = pytest.mark.django_db

FILTERED = "actor=WVG&budget=euro&year=2018&q=synthetic&ordering=-budget"


def queries_for(client, url: str) -> int:
    # An empty log: CaptureQueriesContext counts on a log that keeps at most 9,000 queries.
    reset_queries()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        if hasattr(response, "render"):
            response.render()
    assert response.status_code == 200, url
    assert len(connection.queries_log) < connection.queries_limit, "the query log overflowed"
    return len(context.captured_queries)


@pytest.mark.parametrize("path", ["/measures/", "/measures/export.csv", "/measures/export.xlsx"])
def test_list_and_exports_make_the_same_queries_for_10_as_for_1000_measures(client, plan, path):
    synthetic_plan("ten", 10)
    synthetic_plan("thousand", 1000)
    for query in ("", f"&{FILTERED}"):
        ten = queries_for(client, f"{path}?plan=ten{query}")
        thousand = queries_for(client, f"{path}?plan=thousand{query}")
        assert ten == thousand, (path, query)
    response = client.get(f"{path}?plan=thousand&{FILTERED}")
    if path == "/measures/":
        assert len(response.context["measures"]) == 1000


@pytest.mark.parametrize(
    "path",
    ["/measures/", "/actors/wvg/", "/ministers/minister-for-welfare/", "/measures/export.csv"],
)
def test_pages_make_no_more_queries_after_1000_more_measures(client, plan, path):
    synthetic_plan("ten", 10)
    before = queries_for(client, path)
    synthetic_plan("thousand", 1000)
    after = queries_for(client, path)
    assert before == after
    assert before < 40
