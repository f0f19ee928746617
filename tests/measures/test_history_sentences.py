"""A measure's history reads as sentences: one per save, in the reader's language and local
time, with internal progress shown only to those who may read internal updates."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from measures.models import Measure
from tests.factories import record_update
from tests.measures.test_progress_pages import form_data

pytestmark = pytest.mark.django_db

MEASURE = "5.1"  # WVG's alone: coord-wvg keeps it up to date


def history_items(client, language: str = "en") -> list[str]:
    page = client.get(
        reverse("measures:detail", args=[MEASURE]), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    start = page.index('id="history-heading"')
    section = page[start : page.index("</section>", start)]
    return [item.split("</li>")[0] for item in section.split("<li>")[1:]]


@pytest.fixture
def delayed_then_on_track(coordinator):
    """Two saves by coord-wvg: delayed at 30 %, then on track at 45 %."""
    measure = Measure.objects.get(code=MEASURE)
    record_update(
        measure,
        coordinator,
        implementation_status="delayed",
        progress_percent=30,
        reason="Partner left.",
    )
    return record_update(
        measure,
        coordinator,
        reported_on=datetime.date(2026, 11, 20),
        implementation_status="on_track",
        progress_percent=45,
    )


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            "coord-wvg recorded the progress update of {date} and changed the status from "
            "Delayed to On track and completion from 30 % to 45 %.",
        ),
        (
            "nl",
            "coord-wvg registreerde de stand van zaken van {date} en wijzigde de status "
            "van Vertraagd naar Op schema en de voltooiing van 30 % naar 45 %.",
        ),
    ],
)
def test_a_save_reads_as_one_sentence_in_the_readers_language(
    client, coordinator, delayed_then_on_track, language, expected
):
    client.force_login(coordinator)
    newest = history_items(client, language)[0]
    with override(language):
        reported_on = date_format(delayed_then_on_track.reported_on, "DATE_FORMAT")
        recorded = date_format(
            timezone.localtime(delayed_then_on_track.created_at), "DATETIME_FORMAT"
        )
    assert expected.format(date=reported_on) in newest
    # Local (Brussels) time in the language's format, not a raw UTC timestamp.
    assert f">{recorded}</time>" in newest
    assert "+00:00" not in newest


def test_each_save_is_one_entry_without_empty_rows(client, coordinator, delayed_then_on_track):
    client.force_login(coordinator)
    items = history_items(client)
    # The two updates (each writing the update and its measure) and the plan's loading.
    assert len(items) == 3
    assert sum("recorded the progress update" in item for item in items) == 2
    assert not any(item.rstrip().endswith(":") for item in items)
    assert "(created)" not in "".join(items)


def test_an_edit_names_what_it_changed(client, coordinator, delayed_then_on_track):
    client.force_login(coordinator)
    measure = Measure.objects.get(code=MEASURE)
    response = client.post(
        reverse("measures:update-edit", args=[MEASURE, delayed_then_on_track.pk]),
        form_data(measure, progress_percent="50", narrative="Corrected figure.", evidence_links=""),
    )
    assert response.status_code == 302, response.content.decode()
    newest = history_items(client)[0]
    assert "coord-wvg edited the progress update of 20 November 2026" in newest
    assert "completion from 45 % to 50 %" in newest
    assert "the narrative from “Work is under way.” to “Corrected figure.”" in newest


def test_internal_progress_shows_only_to_readers_of_internal_updates(
    client, coordinator, member_without_role
):
    record_update(
        Measure.objects.get(code=MEASURE),
        coordinator,
        implementation_status="delayed",
        progress_percent=30,
        reason="Internal trouble.",
        visibility="internal",
    )
    client.force_login(coordinator)
    assert "the status from Not started to Delayed" in history_items(client)[0]

    client.force_login(member_without_role)
    seen = "".join(history_items(client))
    assert "Delayed" not in seen and "Internal trouble" not in seen
    assert "recorded the progress update" not in seen

    client.logout()
    page = client.get(reverse("measures:detail", args=[MEASURE])).content.decode()
    assert 'id="history-heading"' not in page and "Delayed" not in page


def test_saving_an_update_unchanged_adds_nothing_to_the_history(
    client, coordinator, delayed_then_on_track
):
    client.force_login(coordinator)
    edit_url = reverse("measures:update-edit", args=[MEASURE, delayed_then_on_track.pk])
    form = client.get(edit_url).context["form"]
    as_shown = {name: form[name].value() for name in form.fields}
    as_shown["evidence_links"] = "\n".join(delayed_then_on_track.evidence_links)
    before = history_items(client)
    version = Measure.objects.get(code=MEASURE).version

    response = client.post(
        edit_url,
        {name: "" if value is None else value for name, value in as_shown.items()},
        HTTP_ACCEPT_LANGUAGE="nl",
    )

    assert response.status_code == 302
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert "Er veranderde niets aan de stand van zaken van maatregel 5.1." in page
    assert history_items(client) == before
    assert Measure.objects.get(code=MEASURE).version == version
