"""Lists are paginated: a default page size, a page size the client picks, and a maximum."""

import pytest

from actionplan.api.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from bench.synthetic import add_synthetic_measures

pytestmark = pytest.mark.django_db


def test_a_page_says_how_many_there_are_and_links_the_next(anonymous, plan):
    body = anonymous.get("/api/v1/measures/?page_size=25").json()
    assert body["count"] == 62
    assert len(body["results"]) == 25
    assert body["previous"] is None
    assert body["next"].endswith("/api/v1/measures/?page=2&page_size=25")
    second = anonymous.get(body["next"]).json()
    assert [m["code"] for m in second["results"]][0] not in [m["code"] for m in body["results"]]
    last = anonymous.get("/api/v1/measures/?page_size=25&page=3").json()
    assert len(last["results"]) == 12 and last["next"] is None


def test_pages_follow_the_filters(anonymous, plan):
    body = anonymous.get("/api/v1/measures/?actor=WVG&page_size=2").json()
    assert len(body["results"]) == 2
    assert "actor=WVG" in body["next"]


def test_the_default_page_size(anonymous, plan):
    add_synthetic_measures(plan, first_action=90, count=DEFAULT_PAGE_SIZE + 10)
    body = anonymous.get("/api/v1/measures/").json()
    assert len(body["results"]) == DEFAULT_PAGE_SIZE
    assert body["count"] == 62 + DEFAULT_PAGE_SIZE + 10


def test_a_page_size_above_the_maximum_is_lowered_to_it(anonymous, plan):
    add_synthetic_measures(plan, first_action=90, count=MAX_PAGE_SIZE)
    body = anonymous.get(f"/api/v1/measures/?page_size={MAX_PAGE_SIZE * 5}").json()
    assert body["count"] == 62 + MAX_PAGE_SIZE
    assert len(body["results"]) == MAX_PAGE_SIZE
    assert body["next"] is not None


@pytest.mark.parametrize("page_size", ["0", "-3", "many"])
def test_a_meaningless_page_size_gives_the_default(anonymous, plan, page_size):
    # More measures than a default page holds, so that any other page size would show.
    add_synthetic_measures(plan, first_action=90, count=DEFAULT_PAGE_SIZE + 10)
    body = anonymous.get(f"/api/v1/measures/?page_size={page_size}").json()
    assert body["count"] == 62 + DEFAULT_PAGE_SIZE + 10
    assert len(body["results"]) == DEFAULT_PAGE_SIZE
    assert body["next"] is not None


@pytest.mark.parametrize("page", ["99", "0", "last-but-one"])
def test_a_page_that_does_not_exist_is_a_json_404(anonymous, plan, page):
    response = anonymous.get(f"/api/v1/measures/?page={page}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_last_page_can_be_asked_for_by_name(anonymous, plan):
    body = anonymous.get("/api/v1/measures/?page_size=50&page=last").json()
    assert len(body["results"]) == 12
