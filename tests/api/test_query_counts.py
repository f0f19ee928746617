"""The measure list makes the same number of queries however many measures it lists."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.synthetic import synthetic_plan
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured.captured_queries), response.json()


@pytest.mark.parametrize("who", ["anonymous", "token"])
@pytest.mark.parametrize("query", ["", "&actor=WVG&plan_status=N&ordering=-budget"])
def test_the_measure_list_makes_as_many_queries_for_1000_measures_as_for_10(
    plan, users, anonymous, who, query
):
    small = synthetic_plan("ten-measures", 10, plan_statuses="N")
    large = synthetic_plan("thousand-measures", 1000, plan_statuses="N")
    client = anonymous if who == "anonymous" else token_client(users["evaluator"])
    client.get("/api/v1/plans/")  # a token's first use is recorded once; leave that out
    few, few_body = count_queries(
        client, f"/api/v1/measures/?plan={small.code}&page_size=1000{query}"
    )
    many, many_body = count_queries(
        client, f"/api/v1/measures/?plan={large.code}&page_size=1000{query}"
    )
    assert len(few_body["results"]) == 10
    assert len(many_body["results"]) == 1000
    assert few == many
    assert many <= 12


def test_the_csv_list_makes_as_many_queries_for_1000_measures_as_for_10(plan, anonymous):
    small = synthetic_plan("ten-measures", 10, plan_statuses="N")
    large = synthetic_plan("thousand-measures", 1000, plan_statuses="N")
    counts = []
    for which in (small, large):
        with CaptureQueriesContext(connection) as captured:
            response = anonymous.get(
                f"/api/v1/measures/?plan={which.code}&page_size=1000&format=csv"
            )
        assert response.status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
