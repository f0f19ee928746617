"""Every form reports its faults the same way, and dates read as the reader's language writes
them (en-GB, nl-BE) while date inputs always hold ISO values."""

import datetime
import re

import pytest
from django.utils import timezone

from measures.models import Measure
from tests.factories import make_user, record_update

pytestmark = pytest.mark.django_db

PROBLEM = {"en": ("There is a problem", "Error: "), "nl": ("Er is een probleem", "Fout: ")}


def in_language(client, language: str) -> None:
    client.cookies["django_language"] = language


def error_summary_links(page: str) -> list[str]:
    """The fields (their input ids) that the page's error summary links to."""
    summary = page.split("data-error-summary>", 1)[1].split("</div>", 1)[0]
    return re.findall(r'<a href="#([^"]+)"', summary)


def title(page: str) -> str:
    return re.search(r"<title>(.*?)</title>", page, re.S).group(1)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_failed_sign_in_says_so_in_the_title_and_a_summary(client, plan, language):
    in_language(client, language)
    make_user("coord-wvg", "coordinator", ("WVG",))
    page = client.post("/accounts/login/", {"username": "coord-wvg", "password": "wrong"})
    text = page.content.decode()
    heading, prefix = PROBLEM[language]
    assert title(text).startswith(prefix)
    assert heading in text
    assert error_summary_links(text) == ["id_username"]


def test_every_password_change_fault_is_listed_and_tied_to_its_field(client, coordinator):
    client.force_login(coordinator)
    page = client.post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": "short", "new_password2": "other"},
    ).content.decode()
    assert error_summary_links(page) == ["id_old_password", "id_new_password2"]
    assert 'aria-describedby="id_old_password_error"' in page
    assert 'id="id_old_password_error"' in page


def test_a_token_without_a_name_is_an_error_summary_fault(client, coordinator):
    client.force_login(coordinator)
    page = client.post("/account/tokens/", {"name": ""}).content.decode()
    assert error_summary_links(page) == ["id_name"]
    assert title(page).startswith("Error: ")


def test_a_round_with_its_faults_keeps_what_was_typed(client, plan):
    client.force_login(make_user("evaluator", "evaluator"))
    page = client.post(
        "/reports/rounds/open/",
        {"title": "Second half", "period_start": "2026-07-01", "period_end": "not a date"},
    ).content.decode()
    assert error_summary_links(page) == ["id_period_end", "id_deadline"]
    assert 'value="Second half"' in page and 'value="2026-07-01"' in page


def test_all_progress_rules_are_checked_in_one_pass(client, coordinator):
    client.force_login(coordinator)
    page = client.post(
        "/measures/5.1/updates/new/",
        {
            "reported_on": "2026-11-01",
            "implementation_status": "delayed",
            "progress_percent": "not a number",
            "narrative": "",
            "evidence_links": "not a link",
            "visibility": "public",
            "expected_version": Measure.objects.get(code="5.1").version,
        },
    ).content.decode()
    assert error_summary_links(page) == [
        "id_progress_percent",
        "id_narrative",
        "id_reason",
        "id_evidence_links",
    ]


@pytest.mark.parametrize(
    ("language", "long_date"), [("en", "15 October 2026"), ("nl", "15 oktober 2026")]
)
def test_pages_write_dates_in_the_readers_language_and_inputs_in_iso(
    client, coordinator, language, long_date
):
    update = record_update(
        Measure.objects.get(code="5.1"),
        coordinator,
        reported_on=datetime.date(2026, 10, 15),
        planned_date=datetime.date(2027, 6, 30),
    )
    client.force_login(coordinator)
    in_language(client, language)
    measure_page = client.get("/measures/5.1/").content.decode()
    assert long_date in measure_page
    assert timezone.localdate().strftime("%d/%m/%Y") in measure_page  # "last update" today
    form = client.get(f"/measures/5.1/updates/{update.pk}/edit/").content.decode()
    assert 'type="date" name="reported_on" value="2026-10-15"' in form
    assert 'type="date" name="planned_date" value="2027-06-30"' in form


def test_dutch_pages_write_numbers_the_belgian_way(client, plan):
    in_language(client, "nl")
    page = client.get("/measures/?actor=WVG").content.decode()
    assert "906.000" in page and "906,000" not in page


def test_the_evidence_help_text_is_in_dutch_on_dutch_pages(client, coordinator):
    client.force_login(coordinator)
    in_language(client, "nl")
    page = client.get("/measures/5.1/updates/new/").content.decode()
    assert "Optioneel: één webadres per regel (hoogstens 20)." in page
