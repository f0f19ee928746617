"""The measure list as "filter a list": removable tags, a heading that says what is shown, clean
addresses, every option with its count, and exports that carry their filters."""

import csv
import io
import re
from html import unescape

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from actors.models import Actor

pytestmark = pytest.mark.django_db

# New (N) measures whose Actors column in the plan text names WVG (see test_measure_list).
WVG_NEW = ["1.3", "5.3", "5.10"]


def page_of(client, address: str, **headers) -> str:
    response = client.get(address, **headers)
    assert response.status_code == 200, address
    return response.content.decode()


def removal_links(page: str) -> dict[str, str]:
    """The tags' accessible names ("Remove filter: WVG") and the addresses they lead to."""
    tags = re.findall(r'<a class="filter-tag" href="([^"]*)">(.*?)</a>', page, re.S)
    return {re.sub(r"<[^>]+>", "", unescape(text)).strip(): unescape(href) for href, text in tags}


def results_heading(page: str) -> str:
    return unescape(re.search(r'<h2 id="results-heading">(.*?)</h2>', page, re.S).group(1))


def test_each_selected_filter_is_a_tag_whose_link_removes_only_it(client, plan):
    page = page_of(client, "/measures/?actor=WVG,KB&plan_status=N")
    assert removal_links(page) == {
        "Remove filter: WVG": "/measures/?actor=KB&plan_status=N",
        "Remove filter: KB": "/measures/?actor=WVG&plan_status=N",
        "Remove filter: New (N)": "/measures/?actor=WVG%2CKB",
    }
    assert '<a href="/measures/">Clear filters</a>' in page

    without_kb = page_of(client, "/measures/?actor=WVG&plan_status=N")
    assert results_heading(without_kb) == "3 measures for WVG and New (N)"


def test_an_unfiltered_list_has_no_tags(client, plan):
    page = page_of(client, "/measures/")
    assert removal_links(page) == {}
    assert results_heading(page) == "62 measures"


@pytest.mark.parametrize(
    ("asked", "clean"),
    [
        ("?q=&actor=WVG&actor_role=&minister=&ordering=&budget=", "/measures/?actor=WVG"),
        ("?q=&actor=&ordering=", "/measures/"),
        ("?plan_status=N&plan_status=&page_size=50&page=", "/measures/?plan_status=N&page_size=50"),
    ],
)
def test_an_address_with_blank_parameters_redirects_to_the_clean_one(client, plan, asked, clean):
    response = client.get(f"/measures/{asked}")
    assert response.status_code == 302
    assert response["Location"] == clean


def test_the_heading_says_what_is_shown_in_english_and_dutch(client, plan):
    query = "/measures/?actor=WVG&minister=welfare"
    english = results_heading(page_of(client, query))
    match = re.fullmatch(r"(\d+) measures for WVG and Minister for Welfare", english)
    assert match, english
    dutch = results_heading(page_of(client, query, HTTP_ACCEPT_LANGUAGE="nl"))
    assert dutch == f"{match.group(1)} maatregelen voor WVG en Minister for Welfare"

    one = results_heading(page_of(client, "/measures/?actor=WVG&plan_status=N&policy_line=1"))
    assert one == "1 measure for WVG, policy line 1 and New (N)"
    searched = results_heading(page_of(client, "/measures/?q=Opvoedingslijn"))
    assert searched.endswith("for matching “Opvoedingslijn”"), searched
    alternatives = results_heading(page_of(client, "/measures/?policy_line=1,2&plan_status=N"))
    assert alternatives.endswith("for policy line 1 or policy line 2 and New (N)"), alternatives


def test_an_empty_result_keeps_every_option_with_its_count(client, plan):
    page = page_of(client, "/measures/?actor=VSK&year=2019")
    assert results_heading(page).startswith("0 measures for VSK and budget year 2019")
    actor_boxes = re.findall(r'<input type="checkbox" id="filter-actor-\d+" name="actor"', page)
    assert len(actor_boxes) == Actor.objects.count()
    assert re.search(r'name="actor" value="WVG"><label for="[^"]+">WVG – [^<]+ \(0\)</label>', page)
    assert re.search(
        r'name="plan_status" value="N"><label for="[^"]+">New \(N\) \(0\)</label>', page
    )
    assert 'name="actor" value="VSK" checked' in page


def test_long_option_lists_can_be_narrowed_by_the_script(client, plan):
    page = page_of(client, "/measures/")
    assert 'data-narrow="Narrow the actors by name or code"' in page
    assert 'data-narrow="Narrow the ministers by name"' in page


def test_exports_are_named_by_their_filters_and_linked_to_their_list(client, plan):
    query = "actor=WVG&implementation_status=not_started&page_size=50"
    today = timezone.localdate().isoformat()
    xlsx = client.get(f"/measures/export.xlsx?{query}")
    assert xlsx["Content-Disposition"] == (
        f'attachment; filename="measures-actor-WVG-status-not-started-{today}.xlsx"'
    )
    response = client.get(f"/measures/export.csv?{query}")
    assert response["Content-Disposition"] == (
        f'attachment; filename="measures-actor-WVG-status-not-started-{today}.csv"'
    )
    assert response["Link"] == (
        f'<http://testserver/measures/?{query}>; rel="alternate"; type="text/html"'
    )
    # The CSV itself stays one header row and one row per measure.
    text = response.getvalue().decode("utf-8").removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(row["code"] for row in rows)


def test_an_export_file_name_holds_only_safe_characters(client, plan):
    response = client.get('/measures/export.csv?q=Opvoedingslijn "../é;\\')
    name = re.fullmatch(r'attachment; filename="(.*)"', response["Content-Disposition"]).group(1)
    assert re.fullmatch(r"measures-q-Opvoedingslijn-e-\d{4}-\d\d-\d\d\.csv", name), name


def test_the_xlsx_export_has_a_sheet_with_its_filters(client, plan):
    response = client.get("/measures/export.xlsx?actor=WVG&plan_status=N")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook["Filters"].iter_rows(values_only=True))
    facts = dict(rows[1:])
    assert rows[0] == ("item", "value")  # stable English column names, as every sheet
    assert facts["Description"] == "3 measures for WVG and New (N)"
    assert facts["Actor"] == "WVG"
    assert facts["Status in the plan"] == "New (N)"
    assert facts["Address of this list"] == "http://testserver/measures/?actor=WVG&plan_status=N"
    assert facts["Exported at"].startswith(timezone.localdate().isoformat())


def test_actors_and_ministers_are_in_the_main_navigation(client, plan):
    page = page_of(client, "/")
    nav = re.search(r'<nav aria-label="Main">(.*?)</nav>', page, re.S).group(1)
    assert '<a href="/actors/">Actors</a>' in nav
    assert '<a href="/ministers/">Ministers</a>' in nav


@pytest.mark.parametrize(
    ("address", "steps"),
    [
        ("/measures/", ["/"]),
        ("/plan/", ["/"]),
        ("/glossary/", ["/"]),
        ("/actors/", ["/"]),
        ("/actors/wvg/", ["/", "/actors/"]),
        ("/ministers/welfare/", ["/", "/ministers/"]),
        ("/measures/5.10/", ["/", "/plan/", "/measures/?policy_line=2", "/measures/?action=5"]),
    ],
)
def test_pages_have_breadcrumbs_back_to_where_they_sit(client, plan, address, steps):
    page = page_of(client, address)
    trail = re.search(r'<nav class="breadcrumbs" aria-label="Breadcrumb">(.*?)</nav>', page, re.S)
    assert trail, address
    assert re.findall(r'href="([^"]*)"', trail.group(1)) == steps


def test_policy_lines_and_actions_link_to_their_measures(client, plan):
    tree = page_of(client, "/plan/")
    assert '<a href="/measures/?policy_line=1">Policy line 1: ' in tree
    assert '<a href="/measures/?action=1">Action 1: ' in tree
    dashboard = page_of(client, "/")
    assert '<a href="/measures/?policy_line=1">1. ' in dashboard
