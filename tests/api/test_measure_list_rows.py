"""The API's measure list read as plain rows: the same measures, in the same shape, as the
serializer gives them; its conditional GET answered before any measure is read."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from measures.api.serializers import MeasureSerializer
from measures.models import Measure
from measures.permissions import user_can_read_internal
from measures.selectors import measure_list
from tests.api.conftest import OWN_MEASURE, token_client
from tests.factories import record_update

pytestmark = pytest.mark.django_db


def serialised(user, query: dict) -> list[dict]:
    measures = measure_list(params=query, user=user).measures
    context = {"reads_internal": user_can_read_internal(user)}
    return MeasureSerializer(measures, many=True, context=context).data


@pytest.mark.parametrize(
    "query", [{}, {"actor": "WVG", "ordering": "-budget"}, {"q": "radicalisering"}]
)
@pytest.mark.parametrize("who", ["anonymous", "evaluator"])
def test_the_list_gives_every_measure_as_the_serializer_does(users, anonymous, who, query):
    record_update(
        Measure.objects.get(code=OWN_MEASURE), users["coordinator"], visibility="internal"
    )
    user = AnonymousUser() if who == "anonymous" else users["evaluator"]
    client = anonymous if who == "anonymous" else token_client(user)
    body = client.get("/api/v1/measures/", {**query, "page_size": 1000}).json()
    expected = serialised(user, query)
    assert body["count"] == len(expected) > 0
    assert body["results"] == [dict(item) for item in expected]


def test_a_current_etag_is_answered_without_reading_any_measure(anonymous, plan):
    url = "/api/v1/measures/?actor=WVG"
    etag = anonymous.get(url)["ETag"]
    with CaptureQueriesContext(connection) as captured:
        again = anonymous.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert len(captured.captured_queries) == 1  # the change marker


def test_the_list_etag_follows_changes_additions_and_deletions(users, anonymous):
    url = "/api/v1/measures/"
    first = anonymous.get(url)["ETag"]
    record_update(Measure.objects.get(code=OWN_MEASURE), users["coordinator"])
    changed = anonymous.get(url, HTTP_IF_NONE_MATCH=first)
    assert changed.status_code == 200
    Measure.objects.filter(code="14.8").delete()
    fewer = anonymous.get(url, HTTP_IF_NONE_MATCH=changed["ETag"])
    assert fewer.status_code == 200
    assert fewer.json()["count"] == 61


def test_the_list_etag_differs_per_audience(users, anonymous):
    url = "/api/v1/measures/"
    public = anonymous.get(url)["ETag"]
    internal = token_client(users["evaluator"]).get(url, HTTP_IF_NONE_MATCH=public)
    assert internal.status_code == 200
    assert internal["ETag"] != public
