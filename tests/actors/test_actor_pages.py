"""Actor and minister pages: their measures, budget totals and status counts.

Expectations are read by hand from the plan text: WVG is named in the Actors column of 28
measures and coordinates 6.2, 6.3 and 11.4; its measures with euro amounts are 5.2 (55,000),
5.8 (546.000), 8.1 (200,000 + 75,000) and 14.4 (10,000 + 20,000), one-off, and 6.2 (200,000)
and 13.2 (80,000), annual.
"""

import pytest

from actors.models import Portfolio
from measures.models import Measure
from tests.factories import make_user, record_update
from tests.measures.test_measure_list import WVG_COORDINATES, WVG_MEASURES

pytestmark = pytest.mark.django_db


def codes(measures) -> list[str]:
    return [measure.code for measure in measures]


@pytest.mark.parametrize("address", ["/actors/WVG/", "/actors/wvg/"])
def test_actor_page_splits_its_measures_into_coordinating_and_contributing(client, plan, address):
    response = client.get(address)
    assert response.status_code == 200
    overview = response.context["overview"]
    assert codes(overview.coordinating) == ["6.2", "6.3", "11.4"]
    assert set(codes(overview.contributing)) == WVG_MEASURES - WVG_COORDINATES
    assert len(overview.contributing) == 25
    page = response.content.decode()
    assert "Measures it coordinates" in page and "Measures it contributes to" in page
    assert "Welfare, Public Health and Family Department" in page
    assert 'href="/measures/?actor=WVG"' in page


def test_actor_page_shows_its_budget_totals(client, plan):
    overview = client.get("/actors/wvg/").context["overview"]
    totals = overview.budget_totals
    assert totals.one_off == 55000 + 546000 + 200000 + 75000 + 10000 + 20000
    assert totals.annual == 200000 + 80000
    assert totals.annual_over_period == 80000  # 13.2, until 2017; 6.2 gives no period
    # 28 measures, 6 with euro amounts, 2 of which (6.2, 8.1) also name the regular resources:
    # they are not "within the regular resources only".
    assert totals.regular_resources_only_measures == 28 - 6
    page = client.get("/actors/wvg/").content.decode()
    assert "906,000" in page and "280,000" in page


def test_actor_page_counts_statuses_as_the_reader_may_see_them(client, plan):
    coordinator = make_user("coord-wvg", "coordinator", ("WVG",))
    record_update(Measure.objects.get(code="6.2"), coordinator, implementation_status="on_track")
    record_update(
        Measure.objects.get(code="6.3"),
        coordinator,
        implementation_status="completed",
        progress_percent=100,
        visibility="internal",
    )

    def counts():
        overview = client.get("/actors/wvg/").context["overview"]
        return {status: n for status, _label, n in overview.status_counts}

    assert counts() == {
        "not_started": 27,
        "on_track": 1,
        "delayed": 0,
        "completed": 0,
        "discontinued": 0,
    }
    client.force_login(make_user("ministry", "ministry_viewer"))
    assert counts()["completed"] == 1


def test_actor_is_found_by_its_misprinted_alias(client, plan):
    response = client.get("/actors/CISM/")
    assert response.status_code == 200
    assert response.context["overview"].actor.code == "CJSM"


def test_actor_without_measures_says_so(client, plan):
    response = client.get("/actors/k-and-g/")  # K&G, in no Actors column
    assert response.status_code == 200
    page = response.content.decode()
    assert "Child and Family Agency" in page
    assert "It coordinates no measure." in page


def test_unknown_actor_is_a_clear_404(client, plan):
    response = client.get("/actors/unknown/")
    assert response.status_code == 404
    assert "There is no actor unknown." in response.content.decode()


def test_unknown_actor_name_is_escaped_on_the_404_page(client, plan):
    response = client.get("/actors/<script>x<script>/")
    assert response.status_code == 404
    assert "<script>x" not in response.content.decode()


def test_actor_directory_counts_coordinating_and_contributing(client, plan):
    response = client.get("/actors/")
    assert response.status_code == 200
    wvg = next(actor for actor in response.context["actors"] if actor.code == "WVG")
    assert (wvg.coordinating, wvg.contributing) == (3, 25)
    assert 'href="/actors/wvg/"' in response.content.decode()


@pytest.mark.parametrize(
    ("slug", "measures", "one_off", "annual"),
    [
        ("vlaamse-rand", ["5.10"], 0, 0),
        ("brussels-affairs", ["14.8"], 250000, 0),
        ("culture", ["6.2"], 0, 200000),
        # 1.3, 4.1, 4.2, 4.3, 4.5, 14.2
        (
            "local-government",
            ["1.3", "4.1", "4.2", "4.3", "4.5", "14.2"],
            344575 + 500000,
            568311 + 3000000,
        ),
    ],
)
def test_minister_page_lists_measures_with_budget_and_statuses(
    client, plan, slug, measures, one_off, annual
):
    response = client.get(f"/ministers/{slug}/")
    assert response.status_code == 200
    overview = response.context["overview"]
    assert codes(overview.measures) == measures
    assert (overview.budget_totals.one_off, overview.budget_totals.annual) == (one_off, annual)
    assert sum(n for _status, _label, n in overview.status_counts) == len(measures)
    assert f'href="/measures/?minister={slug}"' in response.content.decode()


def test_unknown_minister_is_a_clear_404(client, plan):
    response = client.get("/ministers/nobody/")
    assert response.status_code == 404
    assert "There is no minister nobody." in response.content.decode()


def test_a_printed_title_leads_to_its_portfolio_page(client, plan):
    response = client.get("/ministers/minister-for-youth/")
    assert response.status_code == 301
    assert response["Location"] == "/ministers/youth-and-media/"


def test_minister_directory_lists_portfolios_with_their_printed_titles(client, plan):
    response = client.get("/ministers/")
    portfolios = {p.slug: p.measure_count for p in response.context["ministers"]}
    assert portfolios["vlaamse-rand"] == 1
    assert set(portfolios) == {p.slug for p in Portfolio.objects.all()}
    page = response.content.decode()
    assert 'href="/ministers/work-and-sport/"' in page
    for title in ["Minister for Work and Sport", "Minister for Work", "Minister for Sport"]:
        assert title in page
