"""Ministers as portfolios: a portfolio is found under every title the plan prints it with."""

import pytest
import yaml
from django.conf import settings

from actors.models import Minister, Portfolio
from actors.parsing import split_minister_titles
from measures.selectors import measure_list

pytestmark = pytest.mark.django_db


def fixture_document() -> dict:
    return yaml.safe_load(settings.PLAN_FIXTURE.read_text(encoding="utf-8"))


def printed_under(titles: set[str]) -> list[str]:
    """The codes of the fixture's measures printed under any of `titles`, read from the plan's
    Minister column as transcribed."""
    return sorted(
        (
            measure["code"]
            for measure in fixture_document()["measures"]
            if titles & set(split_minister_titles(measure["ministers_as_printed"]))
        ),
        key=lambda code: tuple(int(part) for part in code.split(".")),
    )


def codes(query: dict) -> list[str]:
    return [m.code for m in measure_list(params=query, user=None).measures]


def test_youth_and_media_portfolio_returns_every_measure_printed_under_any_of_its_titles(plan):
    titles = {
        "Minister for Youth and Media",
        "Minister for Youth",
        "Minister for Media",
        "Minister for Media, Youth and Brussels Affairs",
    }
    assert (
        set(Portfolio.objects.get(slug="youth-and-media").titles.values_list("title", flat=True))
        == titles
    )
    expected = printed_under(titles)
    assert len(expected) > len(printed_under({"Minister for Youth and Media"}))
    assert codes({"minister": "youth-and-media"}) == expected
    # A printed title stands for its whole portfolio: a ministry misses none of its measures.
    assert codes({"minister": "minister-for-youth"}) == expected


def test_every_printed_title_belongs_to_a_portfolio(plan):
    assert not Minister.objects.filter(portfolio__isnull=True).exists()
    for portfolio in fixture_document()["portfolios"]:
        titles = set(portfolio["titles"])
        assert codes({"minister": portfolio["slug"]}) == printed_under(titles)


def test_the_minister_filter_offers_portfolios_with_their_printed_titles(client, plan):
    response = client.get("/measures/", {"minister": "work-and-sport"})
    facet = response.context["facets"]["minister"]
    labels = {option.value: option.label for option in facet.options}
    assert "Minister for Work and Sport" in labels["work-and-sport"]
    assert "Minister for Sport" in labels["work-and-sport"]
    assert [m.code for m in response.context["measures"]] == printed_under(
        {"Minister for Work", "Minister for Sport", "Minister for Work and Sport"}
    )


def test_measures_api_names_each_titles_portfolio(client, plan):
    measure = client.get("/api/v1/measures/6.2/").json()
    assert {"title": "Minister for Work and Sport", "portfolio": "work-and-sport"} in measure[
        "ministers"
    ]
