"""Lists are paginated: a default page size, a page size the client picks, and a maximum."""

import re
from urllib.parse import parse_qs, urlsplit

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


@pytest.mark.parametrize("page_size", ["0", "-3", "many", "", "1.5", "²"])
def test_a_page_size_that_is_no_whole_number_from_1_is_a_400_naming_it(anonymous, plan, page_size):
    response = anonymous.get(f"/api/v1/measures/?page_size={page_size}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["page_size"]


@pytest.mark.parametrize("page", ["0", "-1", "last-but-one", "two"])
def test_a_page_that_is_no_whole_number_from_1_is_a_400_naming_it(anonymous, plan, page):
    response = anonymous.get(f"/api/v1/budget-lines/?page={page}")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["page"]


def test_a_page_past_the_last_is_a_json_404(anonymous, plan):
    response = anonymous.get("/api/v1/measures/?page=99")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_the_last_page_can_be_asked_for_by_name(anonymous, plan):
    body = anonymous.get("/api/v1/measures/?page_size=50&page=last").json()
    assert len(body["results"]) == 12


def test_the_headers_give_the_count_and_link_the_neighbouring_pages_in_json_and_csv(
    anonymous, plan
):
    for data_format in ("json", "csv"):
        response = anonymous.get(f"/api/v1/measures/?page_size=25&page=2&format={data_format}")
        assert response["X-Total-Count"] == "62"
        links = {
            rel: parse_qs(urlsplit(url).query)
            for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response["Link"])
        }
        assert set(links) == {"first", "prev", "next", "last"}
        for rel, page in [("first", None), ("prev", None), ("next", "3"), ("last", "3")]:
            assert links[rel].get("page", [None])[0] in (page, "1" if rel == "first" else page)
            assert links[rel]["page_size"] == ["25"]
            assert links[rel]["format"] == [data_format]
    single = anonymous.get("/api/v1/budget-lines/?measure=5.1")
    assert single["X-Total-Count"] == str(single.json()["count"])
    assert 'rel="next"' not in single["Link"]


def test_a_list_served_from_the_representation_cache_keeps_its_headers(anonymous, plan):
    first = anonymous.get("/api/v1/measures/?page_size=10")
    again = anonymous.get("/api/v1/measures/?page_size=10")
    assert first.content == again.content
    assert again["X-Total-Count"] == first["X-Total-Count"] == "62"
    assert again["Link"] == first["Link"]
