"""Actors explained: every actor in the directory says why it is there, and the measures
whose text names an actor link to it."""

import re

import pytest

from actors.models import Actor
from measures.models import Measure

pytestmark = pytest.mark.django_db


def directory_rows(client) -> dict[str, str]:
    """The directory's rows as the reader sees them: actor code -> its "why listed" cell."""
    page = client.get("/actors/").content.decode()
    rows = re.findall(r'<tr><th scope="row"><a href="[^"]+">([^<]+)</a></th>(.*?)</tr>', page, re.S)
    return {code.replace("&amp;", "&"): cells for code, cells in rows}


def test_every_actor_in_the_directory_says_why_it_is_there(client, plan):
    rows = directory_rows(client)
    assert set(rows) == set(Actor.objects.values_list("code", flat=True))
    for code, cells in rows.items():
        reasons = re.findall(r"<li>(.*?)</li>", cells, re.S)
        assert reasons, f"{code} is listed without a reason"


def test_an_actor_without_measures_is_explained_by_the_text_and_the_budget_that_name_it(
    client, plan
):
    assert not Measure.objects.filter(actors__code="BCH").exists()
    cells = directory_rows(client)["BCH"]
    assert 'Named in the text of <a href="/measures/12.1/">12.1</a>' in cells
    assert 'Funds a budget line of <a href="/measures/12.1/">12.1</a>' in cells
    assert 'Named in the text of <a href="/measures/1.1/">1.1</a>' in directory_rows(client)["ABB"]


def test_a_measure_links_the_actors_its_text_names(client, plan):
    page = client.get("/measures/1.1/").content.decode()
    assert "Also named in the text" in page
    assert '<a href="/actors/abb/">ABB</a>' in page


def test_an_admin_correction_of_the_text_shows_at_once(client, plan):
    measure = Measure.objects.get(plan=plan, code="1.1")
    measure.description = measure.description.replace("ABB", "the agency")
    measure.save()
    assert "/actors/abb/" not in client.get("/measures/1.1/").content.decode()
    assert "1.1" not in directory_rows(client)["ABB"]


def test_the_actor_page_says_why_it_is_listed(client, plan):
    page = client.get("/actors/bch/").content.decode()
    assert "Why it is listed" in page
    assert 'Funds a budget line of <a href="/measures/12.1/">12.1</a>' in page
