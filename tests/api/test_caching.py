"""ETag and Last-Modified on detail and list endpoints, answered with 304 Not Modified."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone
from django.utils.http import http_date

from measures.models import Measure, ProgressUpdate
from tests.api.conftest import OWN_MEASURE, token_client
from tests.factories import record_update

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/plans/",
    "/api/v1/plans/flanders-radicalisation-2017/",
    "/api/v1/policy-lines/",
    "/api/v1/policy-lines/1/",
    "/api/v1/actions/",
    "/api/v1/actions/5/",
    "/api/v1/measures/",
    f"/api/v1/measures/{OWN_MEASURE}/",
    f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
    "/api/v1/actors/",
    "/api/v1/actors/WVG/",
    "/api/v1/ministers/",
    "/api/v1/budget-lines/",
    "/api/v1/progress-updates/",
    "/api/v1/glossary/",
]


def record(author, **overrides):
    return record_update(Measure.objects.get(code=OWN_MEASURE), author, **overrides)


def backdate_every_measure() -> None:
    """Move every measure's timestamps back (update() leaves auto_now alone), so that a change
    made now falls in a later second than the Last-Modified a client holds; updated_at an
    hour after public_changed_at, as after an internal update."""
    public = (timezone.now() - datetime.timedelta(days=1)).replace(microsecond=0)
    Measure.objects.update(
        public_changed_at=public, updated_at=public + datetime.timedelta(hours=1)
    )


@pytest.mark.parametrize("url", URLS)
def test_a_matching_if_none_match_is_answered_304(anonymous, plan, url):
    first = anonymous.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')
    again = anonymous.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "Accept" in again["Vary"] and "Authorization" in again["Vary"]
    other = anonymous.get(url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200


def test_the_etag_changes_with_the_representation(users, anonymous):
    url = f"/api/v1/measures/{OWN_MEASURE}/"
    etag = anonymous.get(url)["ETag"]
    record(users["coordinator"], progress_percent=55)
    changed = anonymous.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed.json()["progress_percent"] == 55
    assert changed["ETag"] != etag


def test_an_internal_update_does_not_change_what_anonymous_clients_hold(users, anonymous):
    url = f"/api/v1/measures/{OWN_MEASURE}/"
    etag = anonymous.get(url)["ETag"]
    record(users["coordinator"], progress_percent=55, visibility="internal")
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    updates = f"/api/v1/measures/{OWN_MEASURE}/progress-updates/"
    assert anonymous.get(updates).json()["results"] == []


def test_each_client_gets_the_etag_of_what_it_sees(users, anonymous):
    record(users["coordinator"], progress_percent=55, visibility="internal")
    url = f"/api/v1/measures/{OWN_MEASURE}/"
    public_etag = anonymous.get(url)["ETag"]
    internal = token_client(users["evaluator"]).get(url, HTTP_IF_NONE_MATCH=public_etag)
    assert internal.status_code == 200
    assert internal["ETag"] != public_etag


def test_list_etag_depends_on_query_and_format(anonymous, plan):
    plain = anonymous.get("/api/v1/measures/")["ETag"]
    filtered = anonymous.get("/api/v1/measures/?actor=WVG")["ETag"]
    as_csv = anonymous.get("/api/v1/measures/?format=csv")["ETag"]
    assert len({plain, filtered, as_csv}) == 3
    assert (
        anonymous.get("/api/v1/measures/?format=csv", HTTP_IF_NONE_MATCH=as_csv).status_code == 304
    )


def test_measures_carry_last_modified_and_honour_if_modified_since(users, anonymous):
    backdate_every_measure()
    url = f"/api/v1/measures/{OWN_MEASURE}/"
    last_modified = anonymous.get(url)["Last-Modified"]
    # What anonymous clients see of the measure: its public change, not its updated_at.
    seen = Measure.objects.with_visible_progress(AnonymousUser()).get(code=OWN_MEASURE)
    assert seen.visible_changed_at == seen.public_changed_at != seen.updated_at
    # The end of the second of the last change (actionplan/api/last_modified.py).
    assert last_modified == http_date(int(seen.visible_changed_at.timestamp()) + 1)
    # Portal users read internal updates too: theirs follows updated_at.
    internal = token_client(users["evaluator"]).get(url)["Last-Modified"]
    assert internal == http_date(int(seen.updated_at.timestamp()) + 1)
    assert anonymous.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    listed = anonymous.get("/api/v1/measures/")["Last-Modified"]
    assert listed == last_modified
    assert anonymous.get("/api/v1/measures/", HTTP_IF_MODIFIED_SINCE=listed).status_code == 304
    long_ago = http_date(0)
    assert anonymous.get(url, HTTP_IF_MODIFIED_SINCE=long_ago).status_code == 200


def test_if_modified_since_stays_304_for_anonymous_clients_after_an_internal_update(
    users, anonymous
):
    backdate_every_measure()
    url = f"/api/v1/measures/{OWN_MEASURE}/"
    held = anonymous.get(url)["Last-Modified"]
    held_list = anonymous.get("/api/v1/measures/")["Last-Modified"]
    evaluator = token_client(users["evaluator"])
    internal_held = evaluator.get(url)["Last-Modified"]

    record(users["coordinator"], progress_percent=55, visibility="internal")

    assert anonymous.get(url, HTTP_IF_MODIFIED_SINCE=held).status_code == 304
    assert anonymous.get("/api/v1/measures/", HTTP_IF_MODIFIED_SINCE=held_list).status_code == 304
    # Portal users read internal updates: for them the measure did change.
    changed = evaluator.get(url, HTTP_IF_MODIFIED_SINCE=internal_held)
    assert changed.status_code == 200
    assert changed.json()["progress_percent"] == 55

    record(users["coordinator"], progress_percent=60)
    assert anonymous.get(url, HTTP_IF_MODIFIED_SINCE=held).status_code == 200
    assert anonymous.get("/api/v1/measures/", HTTP_IF_MODIFIED_SINCE=held_list).status_code == 200


def test_if_none_match_wins_over_if_modified_since(users, anonymous):
    url = f"/api/v1/measures/{OWN_MEASURE}/"
    first = anonymous.get(url)
    response = anonymous.get(
        url, HTTP_IF_NONE_MATCH='"stale"', HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert response.status_code == 200


def test_progress_updates_carry_last_modified(users):
    update = record(users["coordinator"])
    an_hour_ago = (timezone.now() - datetime.timedelta(hours=1)).replace(microsecond=0)
    ProgressUpdate.objects.filter(pk=update.pk).update(updated_at=an_hour_ago)
    # The lists follow the measures' change markers too (an update made internal moves those).
    Measure.objects.update(updated_at=an_hour_ago, public_changed_at=an_hour_ago)
    client = token_client(users["evaluator"])
    detail = client.get(f"/api/v1/progress-updates/{update.pk}/")
    assert detail["Last-Modified"] == http_date(int(an_hour_ago.timestamp()) + 1)
    listed = client.get("/api/v1/progress-updates/")
    assert listed["Last-Modified"] == detail["Last-Modified"]


def test_responses_for_signed_in_clients_are_private(users, anonymous):
    assert "private" in token_client(users["evaluator"]).get("/api/v1/plans/")["Cache-Control"]
    anonymous_control = anonymous.get("/api/v1/plans/")["Cache-Control"]
    assert "no-cache" in anonymous_control and "private" not in anonymous_control


def test_writes_are_never_answered_304(users):
    client = token_client(users["coordinator"])
    etag = client.get(f"/api/v1/measures/{OWN_MEASURE}/progress-updates/")["ETag"]
    response = client.post(
        f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
        {"implementation_status": "on_track", "progress_percent": 5, "narrative": "News."},
        format="json",
        HTTP_IF_NONE_MATCH=etag,
    )
    assert response.status_code == 201


def test_an_internal_update_does_not_show_through_last_modified_or_updated_since(users, anonymous):
    """Anonymous clients must not learn that (or when) a measure got an internal update."""
    backdate_every_measure()
    url = f"/api/v1/measures/{OWN_MEASURE}/"
    before = anonymous.get(url)
    moment = timezone.now().isoformat()
    record(users["coordinator"], visibility="internal")

    after = anonymous.get(url)
    assert after["Last-Modified"] == before["Last-Modified"]
    assert after["ETag"] == before["ETag"]
    changed = anonymous.get("/api/v1/measures/", {"updated_since": moment}).json()
    assert changed["count"] == 0

    record(users["coordinator"], visibility="public")
    changed = anonymous.get("/api/v1/measures/", {"updated_since": moment}).json()
    assert [m["code"] for m in changed["results"]] == [OWN_MEASURE]
