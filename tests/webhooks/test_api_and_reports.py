"""Webhooks registered through the API by token holders; report publications delivered to
those who may read reports."""

import datetime

import pytest

from reporting.services import report_run_request, round_close, round_open
from tests.api.conftest import token_client
from webhooks.models import Subscription

pytestmark = pytest.mark.django_db

HOOKS = "/api/v1/webhooks/"


def test_a_token_holder_registers_a_webhook_and_sees_its_secret_once(users, receiver):
    client = token_client(users["evaluator"])
    created = client.post(
        HOOKS, {"url": receiver.url, "events": ["progress_recorded"]}, format="json"
    )
    assert created.status_code == 201, created.content
    secret = created.json()["secret"]
    assert secret == Subscription.objects.get(pk=created.json()["id"]).secret
    listed = client.get(HOOKS).json()
    assert [hook["url"] for hook in listed["results"]] == [receiver.url]
    assert listed["results"][0]["secret"] is None
    # Another account neither sees nor removes it.
    other = token_client(users["ministry_viewer"])
    assert other.get(HOOKS).json()["results"] == []
    assert other.delete(f"{HOOKS}{created.json()['id']}/").status_code == 404
    assert client.delete(f"{HOOKS}{created.json()['id']}/").status_code == 204


def test_anonymous_clients_cannot_register_webhooks(anonymous, plan, receiver):
    response = anonymous.post(HOOKS, {"url": receiver.url, "events": ["progress_recorded"]})
    assert response.status_code == 401


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/admin/", "http://10.0.0.5/hook", "ftp://example.org/x"]
)
def test_webhooks_to_private_networks_are_refused(users, settings, url):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    client = token_client(users["evaluator"])
    response = client.post(HOOKS, {"url": url, "events": ["status_changed"]}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["url"]


def test_switching_a_webhook_on_again_counts_failures_from_zero(users, receiver):
    client = token_client(users["evaluator"])
    hook = Subscription.objects.create(
        owner=users["evaluator"],
        url=receiver.url,
        events=["status_changed"],
        active=False,
        consecutive_failures=10,
    )
    response = client.patch(f"{HOOKS}{hook.pk}/", {"active": True}, format="json")
    assert response.status_code == 200
    assert response.json()["consecutive_failures"] == 0


def test_a_published_report_reaches_only_those_who_may_read_reports(
    plan, users, receiver, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    for who in ("evaluator", "no_role"):
        Subscription.objects.create(
            owner=users[who], url=f"{receiver.url}?who={who}", events=["report_published"]
        )
    admin = users["platform_admin"]
    reporting_round = round_open(
        plan=plan,
        title="Autumn report",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
        deadline=datetime.date(2026, 7, 14),
        opened_by=admin,
    )
    round_close(reporting_round=reporting_round, closed_by=admin)
    with django_capture_on_commit_callbacks(execute=True):
        run, _created = report_run_request(
            reporting_round=reporting_round, edition="public", requested_by=admin
        )
    paths = [request["path"] for request in receiver.requests]
    assert paths == ["/hook?who=evaluator"]
    [payload] = receiver.bodies()
    assert payload["event"] == "report_published"
    assert payload["data"]["report_run"] == run.pk
    assert payload["data"]["edition"] == "public"


def test_an_account_has_a_limited_number_of_webhooks(users, receiver):
    client = token_client(users["evaluator"])
    body = {"url": receiver.url, "events": ["status_changed"]}
    statuses = [client.post(HOOKS, body, format="json").status_code for _ in range(21)]
    assert statuses == [201] * 20 + [400]


def test_a_webhook_cannot_be_moved_to_a_private_address(users, receiver, settings):
    hook = Subscription.objects.create(
        owner=users["evaluator"], url=receiver.url, events=["status_changed"]
    )
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    client = token_client(users["evaluator"])
    response = client.patch(f"{HOOKS}{hook.pk}/", {"url": "http://127.0.0.1/"}, format="json")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["url"]
