"""Whatever path a change takes, Last-Modified, updated_since and the change feed follow it
for every audience that sees it."""

import datetime
from unittest import mock

import pytest
from django.utils import timezone

from budgets.models import BudgetLine
from measures.models import Measure, MeasureActor, ProgressUpdate
from measures.services import ProgressFields, progress_update_edit
from tests.api.conftest import token_client
from tests.changes.conftest import (
    as_moment,
    backdate_every_measure,
    codes_changed_since,
    feed_to_end,
)
from tests.factories import record_update

pytestmark = pytest.mark.django_db

CODE = "5.1"  # carried out by WVG alone
URL = f"/api/v1/measures/{CODE}/"


def admin_form_data(line: BudgetLine, **changes) -> dict:
    data = {
        "measure": line.measure_id,
        "position": line.position,
        "amount": line.amount if line.amount is not None else "",
        "fte": line.fte if line.fte is not None else "",
        "recurrence": line.recurrence,
        "period_start": line.period_start or "",
        "period_end": line.period_end or "",
        "label": line.label,
        "source_text": line.source_text,
        "notes": "[]",
    }
    if line.regular_resources:
        data["regular_resources"] = "on"
    data.update(changes)
    return data


def test_a_budget_line_edited_in_the_admin_moves_last_modified_and_updated_since(
    anonymous, users, superuser_client
):
    backdate_every_measure()
    line = BudgetLine.objects.filter(measure__code=CODE).first()
    evaluator = token_client(users["evaluator"])
    before = anonymous.get(URL)
    internal_before = evaluator.get(URL)
    _, cursor = feed_to_end(anonymous)

    response = superuser_client.post(
        f"/admin/budgets/budgetline/{line.pk}/change/",
        admin_form_data(line, source_text="EUR 99,000 (corrected)"),
    )
    assert response.status_code == 302, response.content

    after = anonymous.get(URL, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert after.status_code == 200
    assert "EUR 99,000 (corrected)" in after.content.decode()
    assert after["Last-Modified"] != before["Last-Modified"]
    assert codes_changed_since(anonymous, as_moment(before["Last-Modified"])) == [CODE]
    # Readers of internal updates see the same change.
    since = as_moment(internal_before["Last-Modified"])
    assert codes_changed_since(evaluator, since) == [CODE]
    changes, _ = feed_to_end(anonymous, cursor)
    assert [(c["type"], c["measure"], c["kind"]) for c in changes] == [("measure", CODE, "changed")]


def test_an_actor_link_change_moves_the_measure_for_everyone(anonymous, users):
    backdate_every_measure()
    evaluator = token_client(users["evaluator"])
    held = {"anonymous": anonymous.get(URL), "evaluator": evaluator.get(URL)}
    _, cursor = feed_to_end(anonymous)

    link = MeasureActor.objects.get(measure__code=CODE, actor__code="WVG")
    link.role = "partner" if link.is_coordinator else "coordinator"
    link.save()

    for name, client in (("anonymous", anonymous), ("evaluator", evaluator)):
        last_modified = held[name]["Last-Modified"]
        response = client.get(URL, HTTP_IF_MODIFIED_SINCE=last_modified)
        assert response.status_code == 200, name
        assert response["ETag"] != held[name]["ETag"], name
        assert codes_changed_since(client, as_moment(last_modified)) == [CODE], name
    changes, _ = feed_to_end(anonymous, cursor)
    assert [(c["measure"], c["kind"]) for c in changes] == [(CODE, "changed")]


def test_a_public_update_made_internal_leaves_a_tombstone_for_anonymous_readers(anonymous, users):
    coordinator, evaluator = users["coordinator"], token_client(users["evaluator"])
    update = record_update(Measure.objects.get(code=CODE), coordinator, narrative="Said aloud.")
    backdate_every_measure()
    held = anonymous.get(URL)
    _, anonymous_cursor = feed_to_end(anonymous)
    _, internal_cursor = feed_to_end(evaluator)

    measure = Measure.objects.get(code=CODE)
    progress_update_edit(
        update=update,
        editor=coordinator,
        expected_version=measure.version,
        fields=ProgressFields(
            reported_on=update.reported_on,
            implementation_status=update.implementation_status,
            progress_percent=update.progress_percent,
            narrative=update.narrative,
            visibility="internal",
        ),
    )

    changes, _ = feed_to_end(anonymous, anonymous_cursor)
    assert {
        "type": "progress_update",
        "progress_update": update.pk,
        "measure": CODE,
        "kind": "removed",
        "url": None,
    }.items() <= changes[0].items()
    assert "Said aloud." not in anonymous.get("/api/v1/progress-updates/").content.decode()
    # Readers of internal updates still see it: for them it changed, it was not removed.
    internal_changes, _ = feed_to_end(evaluator, internal_cursor)
    kinds = {(c["type"], c["kind"]) for c in internal_changes}
    assert ("progress_update", "changed") in kinds
    assert ("progress_update", "removed") not in kinds
    # updated_since and Last-Modified agree: both say the measure changed.
    response = anonymous.get(URL, HTTP_IF_MODIFIED_SINCE=held["Last-Modified"])
    assert response.status_code == 200
    assert codes_changed_since(anonymous, as_moment(held["Last-Modified"])) == [CODE]


def test_the_change_feed_cursor_only_grows_and_is_refused_when_forged(anonymous, users):
    measure = Measure.objects.get(code=CODE)
    for percent in (10, 20, 30):
        record_update(measure, users["coordinator"], progress_percent=percent)
    first = anonymous.get("/api/v1/changes/", {"limit": 2}).json()
    assert first["has_more"] is True and len(first["results"]) == 2
    rest, _ = feed_to_end(anonymous, first["next_cursor"])
    cursors = [c["cursor"] for c in first["results"] + rest]
    assert len(set(cursors)) == len(cursors)
    updates = [c for c in first["results"] + rest if c["type"] == "progress_update"]
    assert [c["kind"] for c in updates] == ["created"] * 3
    response = anonymous.get("/api/v1/changes/", {"after": "not-a-cursor"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["after"]


def test_internal_updates_never_reach_the_anonymous_change_feed(anonymous, users):
    _, cursor = feed_to_end(anonymous)
    record_update(Measure.objects.get(code=CODE), users["coordinator"], visibility="internal")
    changes, _ = feed_to_end(anonymous, cursor)
    assert [c for c in changes if c["type"] == "progress_update"] == []
    internal, _ = feed_to_end(token_client(users["evaluator"]))
    assert any(c["type"] == "progress_update" for c in internal)


def test_two_writes_in_one_second_never_give_a_stale_304(anonymous, users):
    second = (timezone.now() + datetime.timedelta(seconds=5)).replace(microsecond=0)

    def at(offset: float):
        return mock.patch(
            "django.utils.timezone.now",
            return_value=second + datetime.timedelta(seconds=offset),
        )

    measure = Measure.objects.get(code=CODE)
    with at(0.1):
        record_update(measure, users["coordinator"], progress_percent=50)
    with at(0.3):
        held = {url: anonymous.get(url) for url in (URL, "/api/v1/measures/")}
    with at(0.5):
        record_update(measure, users["coordinator"], progress_percent=60)
    for offset in (0.7, 1.5):  # asked again in the same second, and in the next
        with at(offset):
            for url, response in held.items():
                again = anonymous.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
                assert again.status_code == 200, (url, offset)
    with at(1.5):
        current = anonymous.get(URL)
        assert current.json()["progress_percent"] == 60
        unchanged = anonymous.get(URL, HTTP_IF_MODIFIED_SINCE=current["Last-Modified"])
        assert unchanged.status_code == 304


def test_progress_update_lists_are_not_304_after_an_update_is_withdrawn(anonymous, users):
    kept = record_update(Measure.objects.get(code=CODE), users["coordinator"])
    update = record_update(Measure.objects.get(code=CODE), users["coordinator"])
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ProgressUpdate.objects.update(updated_at=an_hour_ago)
    backdate_every_measure()
    lists = ["/api/v1/progress-updates/", f"/api/v1/measures/{CODE}/progress-updates/"]
    held = {url: anonymous.get(url)["Last-Modified"] for url in lists}
    measure = Measure.objects.get(code=CODE)
    progress_update_edit(
        update=update,
        editor=users["coordinator"],
        expected_version=measure.version,
        fields=ProgressFields(
            reported_on=update.reported_on,
            implementation_status=update.implementation_status,
            progress_percent=update.progress_percent,
            narrative=update.narrative,
            visibility="internal",
        ),
    )
    for url in lists:
        response = anonymous.get(url, HTTP_IF_MODIFIED_SINCE=held[url])
        assert response.status_code == 200, url
        assert [listed["id"] for listed in response.json()["results"]] == [kept.pk], url


def test_budget_lines_take_updated_since_and_move_their_last_modified(anonymous, plan):
    backdate_every_measure()
    held = anonymous.get("/api/v1/budget-lines/")
    since = as_moment(held["Last-Modified"])
    assert anonymous.get("/api/v1/budget-lines/", {"updated_since": since}).json()["count"] == 0

    line = BudgetLine.objects.filter(measure__code=CODE).first()
    line.label = "Corrected label"
    line.save()

    changed = anonymous.get("/api/v1/budget-lines/", {"updated_since": since}).json()
    assert {result["measure"] for result in changed["results"]} == {CODE}
    again = anonymous.get("/api/v1/budget-lines/", HTTP_IF_MODIFIED_SINCE=held["Last-Modified"])
    assert again.status_code == 200


@pytest.mark.parametrize("limit", ["²", "0", "-1", "1e3", "x"])
def test_a_malformed_change_feed_limit_is_a_clear_400(client, limit):
    response = client.get("/api/v1/changes/", {"limit": limit})
    assert response.status_code == 400
    assert "limit" in response.json()["errors"]
