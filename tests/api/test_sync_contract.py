"""Sync leftovers: renaming what a measure names moves the list's ETag, Last-Modified,
`updated_since` and the change feed; the feed never skips a change still being committed."""

import datetime

import pytest
from django.utils import timezone

from actionplan.models import Action, PolicyLine
from actors.models import Actor, Minister
from changes.models import ChangeEvent
from changes.services import change_record
from tests.changes.conftest import (
    as_moment,
    backdate_every_measure,
    codes_changed_since,
    feed,
    feed_to_end,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/measures/"


def rename_actor():
    actor = Actor.objects.get(code="WVG")
    actor.name = "Agentschap Welzijn, Volksgezondheid en Gezin (renamed)"
    actor.save()
    return actor.measures.all()


def rename_minister():
    minister = Minister.objects.filter(measure_links__isnull=False).first()
    minister.title += " (renamed)"
    minister.save()
    return minister.measure_links.values_list("measure__code", flat=True)


def rename_portfolio():
    minister = Minister.objects.filter(measure_links__isnull=False).first()
    portfolio = minister.portfolio
    portfolio.slug += "-renamed"
    portfolio.save()
    return minister.measure_links.values_list("measure__code", flat=True)


def renumber_action():
    action = Action.objects.get(number=5)
    action.number = 99
    action.save()
    return action.measures.all()


def renumber_policy_line():
    line = PolicyLine.objects.get(number=1)
    line.number = 99
    line.save()
    return [m for action in line.actions.all() for m in action.measures.all()]


def _codes(changed) -> set[str]:
    return {getattr(item, "code", item) for item in changed}


@pytest.mark.parametrize(
    "rename",
    [rename_actor, rename_minister, rename_portfolio, renumber_action, renumber_policy_line],
)
def test_renaming_what_a_measure_names_moves_the_list_and_the_feed(anonymous, plan, rename):
    backdate_every_measure()
    first = anonymous.get(LIST, {"page_size": 1000})
    _, cursor_before = feed_to_end(anonymous)
    changed = _codes(rename())
    assert changed
    again = anonymous.get(
        LIST,
        {"page_size": 1000},
        HTTP_IF_NONE_MATCH=first["ETag"],
    )
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    since = anonymous.get(LIST, {"page_size": 1000}, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 200
    assert set(codes_changed_since(anonymous, as_moment(first["Last-Modified"]))) == changed
    logged, _ = feed_to_end(anonymous, cursor_before)
    assert {change["measure"] for change in logged} >= changed
    assert {change["kind"] for change in logged} == {"changed"}


def test_saving_a_name_unchanged_moves_nothing(anonymous, plan):
    first = anonymous.get(LIST)
    Actor.objects.get(code="WVG").save()
    assert anonymous.get(LIST, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def _log(*codes) -> list[ChangeEvent]:
    return [
        change_record(kind="changed", audience="everyone", plan_code="p", measure_code=code)
        for code in codes
    ]


def _age(event: ChangeEvent, seconds: int) -> None:
    ChangeEvent.objects.filter(pk=event.pk).update(
        occurred_at=timezone.now() - datetime.timedelta(seconds=seconds)
    )


def test_the_feed_stops_before_a_change_that_may_still_commit(anonymous, plan, settings):
    # The cursor starts at a change of this test, so that the ids that follow are this test's
    # (PostgreSQL's sequence keeps the gaps of earlier, rolled-back tests: passed at once here).
    settings.CHANGE_FEED_SETTLE_SECONDS = 0
    _log("0.9")
    _, cursor = feed_to_end(anonymous)
    settings.CHANGE_FEED_SETTLE_SECONDS = 5
    first, late, after = _log("1.1", "1.2", "1.3")
    # `late` stands for a transaction not yet committed: its id is taken, its row unseen.
    late_row = {"id": late.id, "occurred_at": late.occurred_at}
    late.delete()
    page = feed(anonymous, cursor)
    assert [change["measure"] for change in page["results"]] == ["1.1"]
    # Resuming from there, the late change is listed once it commits, then what came after.
    ChangeEvent.objects.create(
        kind="changed",
        audience="everyone",
        object_type="measure",
        plan_code="p",
        measure_code="1.2",
        **late_row,
    )
    resumed = feed(anonymous, page["next_cursor"])
    assert [change["measure"] for change in resumed["results"]] == ["1.2", "1.3"]
    assert first.id < late_row["id"] < after.id


def test_a_gap_older_than_the_settle_window_is_passed(anonymous, plan, settings):
    settings.CHANGE_FEED_SETTLE_SECONDS = 5
    _, cursor = feed_to_end(anonymous)
    rolled_back, after = _log("2.1", "2.2")
    rolled_back.delete()  # a transaction that rolled back: its id never comes
    assert feed(anonymous, cursor)["results"] == []
    _age(after, 6)
    assert [c["measure"] for c in feed(anonymous, cursor)["results"]] == ["2.2"]
