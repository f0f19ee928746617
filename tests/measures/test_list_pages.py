"""The measure list in pages: the page size in the address, counts and totals over the whole
list, and links between pages that keep the filters."""

import re

import pytest

from bench.synthetic import add_synthetic_measures
from measures.selectors import MAX_PAGE_SIZE, PAGE_SIZE

pytestmark = pytest.mark.django_db


def listed_codes(response) -> list[str]:
    return [measure.code for measure in response.context["measures"]]


def test_a_page_holds_the_page_size_the_address_asks(client, plan):
    first = client.get("/measures/?page_size=20")
    second = client.get("/measures/?page_size=20&page=2")
    assert len(listed_codes(first)) == 20
    assert listed_codes(first)[0] == "1.1"
    assert listed_codes(second)[0] == listed_codes(client.get("/measures/"))[20]
    page = first.content.decode()
    assert "62 measures" in page  # the heading counts the whole list
    assert "Measures 1 to 20 of 62" in page


def test_page_links_keep_the_filters_and_the_page_size(client, plan):
    page = client.get("/measures/?actor=WVG&page_size=10&page=2").content.decode()
    links = set(re.findall(r'href="(\?[^"]*page=\d+)"', page))
    assert "?actor=WVG&amp;page_size=10&amp;page=3" in links
    assert "?actor=WVG&amp;page_size=10&amp;page=1" in links
    assert all("actor=WVG" in link and "page_size=10" in link for link in links)


def test_page_parameters_are_not_reported_as_ignored_filters(client, plan):
    response = client.get("/measures/?page=2&page_size=10&actors=WVG")
    assert response.context["result"].ignored_parameters == ["actors"]


def test_facet_counts_and_budget_totals_cover_every_page(client, plan):
    whole = client.get("/measures/?actor=WVG")
    paged = client.get("/measures/?actor=WVG&page_size=5&page=2")
    assert len(listed_codes(paged)) == 5
    assert paged.context["budget_totals"] == whole.context["budget_totals"]
    assert paged.context["budget_totals"].measures == 28
    facet_counts = {
        name: [option.count for option in facet.options]
        for name, facet in paged.context["facets"].items()
        if facet
    }
    assert facet_counts == {
        name: [option.count for option in facet.options]
        for name, facet in whole.context["facets"].items()
        if facet
    }


@pytest.mark.parametrize("page_size", ["0", "-1", "many", ""])
def test_a_meaningless_page_size_gives_the_default(client, plan, page_size):
    add_synthetic_measures(plan, PAGE_SIZE, first_action=90)
    response = client.get(f"/measures/?page_size={page_size}", follow=True)
    assert len(listed_codes(response)) == PAGE_SIZE


def test_a_page_size_above_the_maximum_is_lowered_to_it(client, plan):
    add_synthetic_measures(plan, MAX_PAGE_SIZE, first_action=90, per_action=MAX_PAGE_SIZE)
    response = client.get(f"/measures/?page_size={MAX_PAGE_SIZE * 3}")
    assert len(listed_codes(response)) == MAX_PAGE_SIZE


def test_a_page_past_the_end_shows_the_last_page(client, plan):
    response = client.get("/measures/?page_size=20&page=99")
    assert response.status_code == 200
    assert listed_codes(response)[-1] == "14.8"
    assert len(listed_codes(response)) == 2
