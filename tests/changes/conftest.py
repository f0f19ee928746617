import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.http import parse_http_date

from measures.models import Measure
from tests.api.conftest import anonymous, generous_throttle_rates  # noqa: F401


@pytest.fixture
def superuser_client(client, plan):
    user = get_user_model().objects.create_superuser("platform", "p@example.org", "pw-123456!")
    client.force_login(user)
    return client


def backdate_every_measure() -> None:
    """Move every measure's change markers a day back, so that a change made now falls in a
    later second than any Last-Modified a client holds."""
    moment = (timezone.now() - datetime.timedelta(days=1)).replace(microsecond=0)
    Measure.objects.update(public_changed_at=moment, updated_at=moment)


def as_moment(http_date: str) -> str:
    """A Last-Modified value as an ISO moment, for updated_since."""
    return datetime.datetime.fromtimestamp(parse_http_date(http_date), tz=datetime.UTC).isoformat()


def codes_changed_since(client, since: str) -> list[str]:
    response = client.get("/api/v1/measures/", {"updated_since": since, "page_size": 1000})
    return [measure["code"] for measure in response.json()["results"]]


def feed(client, after: str | None = None) -> dict:
    response = client.get("/api/v1/changes/", {"after": after} if after else {})
    assert response.status_code == 200, response.content
    return response.json()


def feed_to_end(client, after: str | None = None) -> tuple[list[dict], str | None]:
    """Every change after the cursor, following has_more; and the cursor to keep."""
    changes = []
    while True:
        page = feed(client, after)
        changes += page["results"]
        after = page["next_cursor"]
        if not page["has_more"]:
            return changes, after
