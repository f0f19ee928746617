"""Coordinators keep progress up to date; every role may do exactly what it should."""

import pytest
from django.urls import reverse

from measures.models import Measure, ProgressUpdate
from tests.factories import make_user, record_update

pytestmark = pytest.mark.django_db

OWN_MEASURE = "5.1"  # carried out by WVG alone
OTHER_MEASURE = "12.3"  # carried out by OV alone


def form_data(measure: Measure, **overrides) -> dict:
    data = {
        "reported_on": "2026-11-20",
        "implementation_status": "on_track",
        "progress_percent": "35",
        "narrative": "Two reference consultants trained.",
        "reason": "",
        "evidence_links": "https://example.org/report.pdf",
        "planned_date": "",
        "actual_date": "",
        "visibility": "public",
        "expected_version": str(measure.version),
    }
    data.update(overrides)
    return data


def post_update(client, code: str, **overrides):
    measure = Measure.objects.get(code=code)
    return client.post(
        reverse("measures:update-create", args=[code]), form_data(measure, **overrides)
    )


EXPECTED = {
    # role: (own actor's measure, another actor's measure, the admin)
    "platform_admin": (302, 302, 200),
    "coordinator": (302, 403, "login"),
    "evaluator": (403, 403, "login"),
    "ministry_viewer": (403, 403, "login"),
    "no_role": (403, 403, "login"),
    "anonymous": ("login", "login", "login"),
}


@pytest.mark.parametrize("role", EXPECTED)
def test_who_may_write_what(client, users, role):
    if users[role]:
        client.force_login(users[role])
    own, other, admin_page = EXPECTED[role]
    measure_pk = Measure.objects.get(code=OWN_MEASURE).pk

    for code, expected in ((OWN_MEASURE, own), (OTHER_MEASURE, other)):
        before = ProgressUpdate.objects.filter(measure__code=code).count()
        response = post_update(client, code)
        saved = ProgressUpdate.objects.filter(measure__code=code).count() - before
        if expected == "login":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == expected
        assert saved == (1 if expected == 302 else 0)

    # Editing a recorded update follows the same rule as recording one.
    update = record_update(Measure.objects.get(code=OWN_MEASURE), users["platform_admin"])
    edit_url = reverse("measures:update-edit", args=[OWN_MEASURE, update.pk])
    response = client.post(
        edit_url, form_data(Measure.objects.get(code=OWN_MEASURE), narrative="Edited.")
    )
    update.refresh_from_db()
    if own == "login":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == own
    assert (update.narrative == "Edited.") == (own == 302)

    response = client.get(f"/admin/measures/measure/{measure_pk}/change/")
    if admin_page == "login":
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    else:
        assert response.status_code == admin_page


def test_coordinator_sees_the_update_form_only_for_their_measures(client, users):
    client.force_login(users["coordinator"])
    assert client.get(reverse("measures:update-create", args=[OWN_MEASURE])).status_code == 200
    assert client.get(reverse("measures:update-create", args=[OTHER_MEASURE])).status_code == 403
    page = client.get(reverse("my-measures")).content.decode()
    own_form = reverse("measures:update-create", args=[OWN_MEASURE])
    other_form = reverse("measures:update-create", args=[OTHER_MEASURE])
    assert f'href="{own_form}"' in page and f'href="{other_form}"' not in page


def test_saved_update_is_on_the_measure_page_and_becomes_its_status(client, users):
    client.force_login(users["coordinator"])
    response = post_update(
        client,
        OWN_MEASURE,
        implementation_status="completed",
        progress_percent="100",
        narrative="Every municipality has one.",
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Every municipality has one." in page
    assert "100% complete" in page
    measure = Measure.objects.get(code=OWN_MEASURE)
    assert (measure.implementation_status, measure.progress_percent) == ("completed", 100)


@pytest.mark.parametrize("status", ["delayed", "discontinued"])
def test_delayed_or_discontinued_needs_a_reason(client, users, status):
    client.force_login(users["coordinator"])
    response = post_update(client, OWN_MEASURE, implementation_status=status, reason="  ")
    assert response.status_code == 200
    assert (
        "Give the reason why the measure is delayed or discontinued." in response.content.decode()
    )
    assert not ProgressUpdate.objects.filter(measure__code=OWN_MEASURE).exists()
    response = post_update(
        client, OWN_MEASURE, implementation_status=status, reason="The tender failed."
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.get(measure__code=OWN_MEASURE).reason == "The tender failed."


def test_second_of_two_concurrent_saves_is_refused_and_keeps_what_was_typed(client, users):
    second = make_user("coord-wvg-2", "coordinator", ("WVG",))
    measure = Measure.objects.get(code=OWN_MEASURE)
    stale_version = measure.version  # both coordinators opened the form now

    client.force_login(users["coordinator"])
    first = client.post(
        reverse("measures:update-create", args=[OWN_MEASURE]),
        form_data(measure, narrative="First save wins."),
    )
    assert first.status_code == 302

    client.force_login(second)
    refused = client.post(
        reverse("measures:update-create", args=[OWN_MEASURE]),
        form_data(
            measure,
            narrative="Typed at length by the second coordinator.",
            expected_version=str(stale_version),
        ),
    )
    page = refused.content.decode()
    assert refused.status_code == 409
    assert "was changed by someone else" in page
    assert "Typed at length by the second coordinator." in page
    assert list(
        ProgressUpdate.objects.filter(measure=measure).values_list("narrative", flat=True)
    ) == ["First save wins."]


def test_malformed_form_input_is_a_clear_error_not_a_crash(client, users):
    client.force_login(users["coordinator"])
    response = post_update(
        client,
        OWN_MEASURE,
        progress_percent="150",
        reported_on="yesterday",
        evidence_links="javascript:alert(1)",
        expected_version="abc",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a valid date." in page
    assert "less than or equal to 100" in page
    assert not ProgressUpdate.objects.filter(measure__code=OWN_MEASURE).exists()


def test_evidence_link_must_be_a_web_address(client, users):
    client.force_login(users["coordinator"])
    response = post_update(client, OWN_MEASURE, evidence_links="javascript:alert(1)")
    assert response.status_code == 200
    assert "is not a web address" in response.content.decode()


def test_narrative_is_shown_escaped(client, users):
    client.force_login(users["coordinator"])
    post_update(client, OWN_MEASURE, narrative="<script>alert('x')</script> done")
    page = client.get(reverse("measures:detail", args=[OWN_MEASURE])).content.decode()
    assert "<script>alert('x')</script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; done" in page


def test_editing_an_update_is_kept_in_the_history_with_who_and_what(client, users):
    update = record_update(
        Measure.objects.get(code=OWN_MEASURE), users["coordinator"], progress_percent=20
    )
    client.force_login(users["coordinator"])
    measure = Measure.objects.get(code=OWN_MEASURE)
    response = client.post(
        reverse("measures:update-edit", args=[OWN_MEASURE, update.pk]),
        form_data(measure, progress_percent="60", narrative="Corrected figure."),
    )
    assert response.status_code == 302
    page = client.get(reverse("measures:detail", args=[OWN_MEASURE])).content.decode()
    history = page[page.index("History of changes") :]
    assert "coord-wvg edited the progress update of 20 November 2026" in history
    assert "completion from 20 % to 60 %" in history


def test_anonymous_visitors_do_not_see_the_history(client, users):
    record_update(Measure.objects.get(code=OWN_MEASURE), users["coordinator"])
    page = client.get(reverse("measures:detail", args=[OWN_MEASURE])).content.decode()
    assert "History of changes" not in page
    assert "coord-wvg" not in page


def test_unknown_measure_is_a_404_page(client, plan):
    response = client.get("/measures/99.1/")
    assert response.status_code == 404
    assert "There is no measure 99.1." in response.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("narrative", "Tab\tand newline\nare fine, \x0b is not", "Remove the control characters"),
        ("reason", "Bell \x07", "Remove the control characters"),
        ("reported_on", "0001-01-01", "Give a date from 2000-01-01 on."),
    ],
)
def test_text_and_dates_that_break_reports_are_refused(client, users, field, value, message):
    client.force_login(users["coordinator"])
    overrides = {field: value}
    if field == "reason":
        overrides["implementation_status"] = "delayed"
    response = post_update(client, OWN_MEASURE, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.filter(measure__code=OWN_MEASURE).exists()
