"""The measure list's JSON kept per representation (audience, query, change markers): the next
reader gets it without the measures being read again; a change shows at once; a cache that
is down only costs the time to build it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

import actionplan.cached
from actionplan.limit_cache import limit_cache
from measures.api.serializers import MeasureSerializer
from measures.models import Measure
from tests.api.conftest import OWN_MEASURE, token_client
from tests.factories import record_update

pytestmark = pytest.mark.django_db

URL = "/api/v1/measures/?page_size=100"


def own_measure(body: dict) -> dict:
    return next(row for row in body["results"] if row["code"] == OWN_MEASURE)


def test_the_next_reader_of_the_same_list_gets_it_without_reading_the_measures(anonymous, plan):
    first = anonymous.get(URL)
    with CaptureQueriesContext(connection) as queries:
        second = anonymous.get(URL)
    assert second.content == first.content
    assert len(queries) == 1  # the change markers, which name the representation
    assert len(anonymous.get(f"{URL}&actor=WVG").json()["results"]) < len(first.json()["results"])


def test_a_change_shows_at_once_to_each_audience_as_it_may_see_it(users, anonymous, plan):
    anonymous.get(URL)
    evaluator = token_client(users["evaluator"])
    evaluator.get(URL)
    measure = Measure.objects.get(code=OWN_MEASURE)
    record_update(measure, users["coordinator"], progress_percent=55, visibility="internal")
    assert own_measure(evaluator.get(URL).json())["progress_percent"] == 55
    assert own_measure(anonymous.get(URL).json())["progress_percent"] != 55
    record_update(measure, users["coordinator"], progress_percent=65)
    assert own_measure(anonymous.get(URL).json())["progress_percent"] == 65


class DownCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("the cache is down")

    get_many = set = set_many = get


class CountingDownCache(DownCache):
    def __init__(self):
        self.calls = 0

    def get(self, *args, **kwargs):
        self.calls += 1
        super().get()

    get_many = set = set_many = get


@pytest.fixture(autouse=True)
def shared_cache_up():
    """Each test starts, and leaves the next, with the shared cache taken for up."""
    limit_cache.__init__()
    yield
    limit_cache.__init__()


def test_a_cache_that_is_down_leaves_the_list_answered(anonymous, plan, monkeypatch):
    expected = anonymous.get(URL).json()
    monkeypatch.setattr(actionplan.cached, "cache", DownCache())
    answer = anonymous.get(URL)
    assert answer.status_code == 200
    assert answer.json() == expected


def test_a_list_etag_of_an_older_shape_of_measure_is_not_confirmed(anonymous, plan, monkeypatch):
    # The list as a release without the measures' titles named it (and might have cached it).
    fields_before = {
        name: field for name, field in MeasureSerializer._declared_fields.items() if name != "title"
    }
    with monkeypatch.context() as before:
        before.setattr(MeasureSerializer, "_declared_fields", fields_before)
        etag_before = anonymous.get(URL)["ETag"]
    answer = anonymous.get(URL, HTTP_IF_NONE_MATCH=etag_before)
    assert answer.status_code == 200
    assert own_measure(answer.json())["title"]


def test_a_cache_found_down_is_not_asked_again_by_the_next_requests(anonymous, plan, monkeypatch):
    # Each question to a cache that does not answer may cost its whole timeout.
    down = CountingDownCache()
    monkeypatch.setattr(actionplan.cached, "cache", down)
    for _request in range(3):
        assert anonymous.get(URL).status_code == 200
    assert down.calls == 1
