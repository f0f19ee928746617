"""Webhooks delivered to a real HTTP receiver: signed, retried, switched off after repeated
failures, and never carrying what the subscriber may not read."""

import datetime
import hashlib
import hmac
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from measures.models import Measure
from tests.api.conftest import token_client
from tests.factories import record_update
from webhooks.models import Delivery, Subscription
from webhooks.services import webhook_pending_send

pytestmark = pytest.mark.django_db

ALL_EVENTS = ["progress_recorded", "status_changed", "report_published"]


def subscribe(owner, url: str, events=ALL_EVENTS) -> Subscription:
    return Subscription.objects.create(owner=owner, url=url, events=list(events))


def record(users, capture, **overrides):
    """Record an update on 5.1 and run what waits for the commit (the deliveries)."""
    with capture(execute=True):
        return record_update(Measure.objects.get(code="5.1"), users["coordinator"], **overrides)


def test_a_delivery_is_signed_with_hmac_sha256_of_the_raw_body(
    users, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(users["evaluator"], receiver.url, ["progress_recorded"])
    update = record(users, django_capture_on_commit_callbacks, narrative="Courses began.")

    [request] = receiver.requests
    headers, body = request["headers"], request["body"]
    expected = hmac.new(subscription.secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Actionplan-Signature"] == f"sha256={expected}"
    assert headers["X-Actionplan-Event"] == "progress_recorded"
    [payload] = receiver.bodies()
    assert payload["sent_at"] == headers["X-Actionplan-Timestamp"]
    assert payload["event"] == "progress_recorded"
    assert payload["data"]["measure"] == "5.1"
    assert payload["data"]["progress_update"] == update.pk
    assert payload["data"]["narrative"] == "Courses began."
    other_secret = hmac.new(b"wrong", body, hashlib.sha256).hexdigest()
    assert headers["X-Actionplan-Signature"] != f"sha256={other_secret}"


def resend_pending_later() -> int:
    """What Celery beat (or `manage.py send_pending_webhooks`) does, a day later."""
    return webhook_pending_send(now=timezone.now() + datetime.timedelta(days=1))


def test_without_a_broker_the_write_makes_one_attempt_and_retries_come_later(
    users, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(users["evaluator"], receiver.url, ["progress_recorded"])
    receiver.statuses = [500, 503]
    record(users, django_capture_on_commit_callbacks)
    assert len(receiver.requests) == 1  # no retry inside the request that recorded it
    delivery = Delivery.objects.get(subscription=subscription)
    assert (delivery.state, delivery.attempts, delivery.response_status) == ("pending", 1, 500)
    # Not due yet: the first retry waits WEBHOOK_RETRY_BASE_SECONDS and more.
    assert webhook_pending_send() == 0

    assert resend_pending_later() == 1
    assert resend_pending_later() == 1
    assert len(receiver.requests) == 3
    assert len({request["headers"]["X-Actionplan-Delivery"] for request in receiver.requests}) == 1
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.response_status) == ("delivered", 3, 200)
    subscription.refresh_from_db()
    assert subscription.active and subscription.consecutive_failures == 0
    assert resend_pending_later() == 0


def test_a_delivery_that_keeps_failing_is_given_up(
    users, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(users["evaluator"], receiver.url, ["progress_recorded"])
    receiver.default = 500
    record(users, django_capture_on_commit_callbacks)
    resend_pending_later()
    resend_pending_later()

    assert len(receiver.requests) == 3  # the first attempt and WEBHOOK_MAX_RETRIES retries
    delivery = Delivery.objects.get(subscription=subscription)
    assert (delivery.state, delivery.error) == ("failed", "HTTP 500")
    assert resend_pending_later() == 0


def test_a_subscription_is_switched_off_after_repeated_failures(
    users, receiver, django_capture_on_commit_callbacks, settings
):
    settings.WEBHOOK_MAX_CONSECUTIVE_FAILURES = 4
    subscription = subscribe(users["evaluator"], receiver.url, ["progress_recorded"])
    receiver.default = 500
    record(users, django_capture_on_commit_callbacks, progress_percent=10)
    resend_pending_later()
    resend_pending_later()  # 3 attempts
    record(users, django_capture_on_commit_callbacks, progress_percent=20)  # 1 more: off

    assert len(receiver.requests) == 4
    subscription.refresh_from_db()
    assert not subscription.active
    assert subscription.disabled_at is not None
    record(users, django_capture_on_commit_callbacks, progress_percent=30)
    assert len(receiver.requests) == 4
    assert subscription.deliveries.count() == 2


def test_with_the_broker_down_progress_is_recorded_and_its_delivery_sent_later(
    users, receiver, django_capture_on_commit_callbacks, broker_down
):
    subscription = subscribe(users["evaluator"], receiver.url, ["progress_recorded"])
    client = token_client(users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/api/v1/measures/5.1/progress-updates/",
            {"implementation_status": "on_track", "progress_percent": 45, "narrative": "Done."},
            format="json",
        )
    assert response.status_code == 201, response.content
    assert Measure.objects.get(code="5.1").progress_percent == 45
    delivery = Delivery.objects.get(subscription=subscription)
    assert (delivery.state, delivery.attempts) == ("pending", 0)
    assert receiver.requests == []

    broker_down.restore()  # the broker is back (here: the eager default)
    assert webhook_pending_send() == 0  # a message may still be on its way: wait
    assert resend_pending_later() == 1
    [payload] = receiver.bodies()
    assert payload["data"]["progress_percent"] == 45
    delivery.refresh_from_db()
    assert delivery.state == "delivered"


def test_internal_updates_only_reach_subscribers_who_may_read_them(
    users, receiver, django_capture_on_commit_callbacks
):
    subscribe(users["no_role"], receiver.url + "?who=public")
    subscribe(users["evaluator"], receiver.url + "?who=evaluator")
    record(
        users,
        django_capture_on_commit_callbacks,
        narrative="Confidential talks.",
        implementation_status="delayed",
        reason="Waiting for the budget.",
        visibility="internal",
    )
    public = [r for r in receiver.requests if r["path"].endswith("who=public")]
    internal = [r for r in receiver.requests if r["path"].endswith("who=evaluator")]
    assert public == []
    assert {r["headers"]["X-Actionplan-Event"] for r in internal} == {
        "progress_recorded",
        "status_changed",
    }
    assert any(b"Confidential talks." in r["body"] for r in internal)

    record(users, django_capture_on_commit_callbacks, narrative="Open day held.")
    public = [r for r in receiver.requests if r["path"].endswith("who=public")]
    assert {r["headers"]["X-Actionplan-Event"] for r in public} == {
        "progress_recorded",
        "status_changed",
    }
    assert not any(b"Confidential" in r["body"] or b"delayed" in r["body"] for r in public)


def test_internal_data_is_withheld_if_the_owner_lost_the_right_before_sending(
    users, receiver, django_capture_on_commit_callbacks
):
    owner = users["evaluator"]
    subscription = subscribe(owner, receiver.url, ["progress_recorded"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        record_update(Measure.objects.get(code="5.1"), users["coordinator"], visibility="internal")
    owner.is_active = False
    owner.save()
    for callback in callbacks:
        callback()
    assert receiver.requests == []
    assert subscription.deliveries.get().state == "withheld"


def test_a_public_update_made_internal_before_sending_is_withheld_from_the_public(
    users, receiver, django_capture_on_commit_callbacks
):
    # An owner without a portal role reads public progress only.
    owner = users["no_role"]
    subscription = subscribe(owner, receiver.url, ["progress_recorded"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        update = record_update(Measure.objects.get(code="5.1"), users["coordinator"])
    type(update).objects.filter(pk=update.pk).update(visibility="internal")
    for callback in callbacks:
        callback()
    assert receiver.requests == []
    assert subscription.deliveries.get().state == "withheld"


def test_the_command_sends_what_is_overdue(
    users, receiver, django_capture_on_commit_callbacks, broker_down
):
    subscribe(users["evaluator"], receiver.url, ["progress_recorded"])
    record(users, django_capture_on_commit_callbacks)
    broker_down.restore()
    Delivery.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=6))
    output = io.StringIO()
    call_command("send_pending_webhooks", stdout=output)
    assert output.getvalue().startswith("1 pending webhook")
    assert len(receiver.requests) == 1
    assert Delivery.objects.get().state == "delivered"
