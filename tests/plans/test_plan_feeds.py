"""A progress feed's entry leads to the measure's page in the measure's own plan."""

import xml.etree.ElementTree as ET

import pytest

from measures.models import Measure
from tests.factories import record_update

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def test_a_feed_entry_links_to_the_measure_of_its_own_plan(client, second_plan, coordinator):
    second_plans_measure = Measure.objects.get(plan=second_plan, code="5.10")
    record_update(second_plans_measure, coordinator, narrative="In the second plan.")

    feed = ET.fromstring(client.get("/feeds/progress.atom").content)  # noqa: S314 (our own feed)
    link = feed.find(f"{ATOM}entry/{ATOM}link").get("href")
    page = client.get(link.split("#")[0])

    assert page.status_code == 200
    assert page.context["measure"] == second_plans_measure
