"""Webhooks: choosing who gets an event, signing it and sending it."""

import datetime
import hashlib
import hmac
import ipaddress
import json
import logging
import socket
import time
from collections.abc import Callable
from functools import partial
from urllib.parse import urlsplit

import requests
from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from measures.models import ProgressUpdate
from measures.visibility import user_can_read_internal
from webhooks.models import Delivery, Subscription

SIGNATURE_HEADER = "X-Actionplan-Signature"
TIMESTAMP_HEADER = "X-Actionplan-Timestamp"
EVENT_HEADER = "X-Actionplan-Event"
DELIVERY_HEADER = "X-Actionplan-Delivery"


MAX_WEBHOOKS_PER_OWNER = 20
# A pending delivery not attempted this long after it was due is queued again.
PENDING_RESEND_AFTER = datetime.timedelta(minutes=5)

logger = logging.getLogger(__name__)


def _receiver_check(url: str) -> None:
    try:
        webhook_url_check(url)
    except ValidationError as error:
        raise ValidationError({"url": error.messages}) from error


def webhook_subscription_create(
    *, owner, url: str, events: list[str], active: bool = True
) -> Subscription:
    """Register a webhook of `owner` (ValidationError naming `url` for a receiver it may not
    reach); at most MAX_WEBHOOKS_PER_OWNER each, so that one account cannot make the portal
    send without end."""
    _receiver_check(url)
    if Subscription.objects.filter(owner=owner).count() >= MAX_WEBHOOKS_PER_OWNER:
        raise ValidationError(
            _("You have %(n)d webhooks: remove one before registering another.")
            % {"n": MAX_WEBHOOKS_PER_OWNER}
        )
    return Subscription.objects.create(owner=owner, url=url, events=events, active=active)


def webhook_subscription_update(*, subscription: Subscription, **changes) -> Subscription:
    """Change a webhook's url, events or active; switched on again, it counts failures from
    zero."""
    if "url" in changes:
        _receiver_check(changes["url"])
    if changes.get("active") and not subscription.active:
        subscription.consecutive_failures, subscription.disabled_at = 0, None
    for name, value in changes.items():
        setattr(subscription, name, value)
    subscription.save()
    return subscription


def everyone(user) -> bool:
    return True


def public_readers_only(user) -> bool:
    """Those who read public data only: a change they alone see (the public status)."""
    return not user_can_read_internal(user)


def webhook_signature(*, secret: str, body: bytes) -> str:
    """The signature header's value: HMAC-SHA256 of the raw body under the secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def webhook_url_check(url: str) -> None:
    """Refuse a receiver URL that is not http(s), or (unless
    WEBHOOK_ALLOW_PRIVATE_ADDRESSES) that reaches a loopback, private or reserved address:
    the portal must not become a way into its own network."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(_("Give an http or https address."))
    if settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (OSError, UnicodeError) as exc:
        raise ValidationError(_("The receiver's host name does not resolve.")) from exc
    if any(not ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses):
        raise ValidationError(_("The receiver must be on the public internet."))


def webhook_event_dispatch(
    *, event: str, data: dict, may_read: Callable = everyone, internal: bool = False
) -> list[Delivery]:
    """Log a delivery of `event` for every active subscription that wants it and whose owner
    `may_read` the data, and send each once the current transaction commits. `internal` data
    is checked again when sent: it goes out only while the owner may read internal updates."""
    payload = {"event": event, "occurred_at": timezone.now().isoformat(), "data": data}
    deliveries = []
    for subscription in Subscription.objects.filter(active=True).select_related("owner"):
        if subscription.wants(event) and may_read(subscription.owner):
            delivery = Delivery.objects.create(
                subscription=subscription,
                event=event,
                payload=payload,
                internal=internal,
            )
            transaction.on_commit(partial(_queue, delivery.pk))
            deliveries.append(delivery)
    return deliveries


def _queue(delivery_id: int, retry: int = 0) -> None:
    """Hand the delivery to a worker (or, without a broker, send it now). Runs after the
    commit of the write that made it: whatever fails here must not fail that write, so the
    delivery stays pending and `webhook_pending_send` queues it again later."""
    # Tasks call services, so services name the task rather than import it (webhooks.apps
    # imports webhooks.tasks at start-up, so every process knows the name).
    try:
        current_app.tasks["webhooks.tasks.deliver_webhook"].delay(delivery_id, retry=retry)
    except Exception:  # noqa: BLE001 - the broker's (or a receiver's) failure, logged
        logger.warning(
            "Webhook delivery %s could not be queued or sent; it stays pending and is sent "
            "again within %s.",
            delivery_id,
            PENDING_RESEND_AFTER,
            exc_info=True,
        )


def webhook_pending_send(*, now: datetime.datetime | None = None) -> int:
    """Queue again every pending delivery that should have been sent by now: never attempted
    PENDING_RESEND_AFTER after it was made (its message was lost: the broker was down), or
    failed and its retry overdue by as much (without a broker, retries wait for this). Run
    every minute by Celery beat, or by `manage.py send_pending_webhooks`. Returns how many."""
    now = now or timezone.now()
    overdue = Q(attempts=0, created_at__lte=now - PENDING_RESEND_AFTER)
    for attempts in range(1, settings.WEBHOOK_MAX_RETRIES + 1):
        pause = datetime.timedelta(
            seconds=settings.WEBHOOK_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
        )
        overdue |= Q(attempts=attempts, last_attempt_at__lte=now - pause - PENDING_RESEND_AFTER)
    due = Delivery.objects.filter(overdue, state=Delivery.State.PENDING)
    queued = 0
    for delivery_id, attempts in due.values_list("pk", "attempts").order_by("pk"):
        _queue(delivery_id, retry=attempts)
        queued += 1
    return queued


def webhook_delivery_attempt(*, delivery_id: int, final: bool) -> bool:
    """Send the delivery once; True if it failed and should be tried again (unless `final`).
    Internal data goes out only while the owner may still read it."""
    delivery = Delivery.objects.select_related("subscription__owner").get(pk=delivery_id)
    subscription = delivery.subscription
    if delivery.state != Delivery.State.PENDING:
        return False
    if not subscription.active:
        _finish(delivery, Delivery.State.FAILED, error=_("The subscription is switched off."))
        return False
    if not _owner_may_still_read(delivery, subscription.owner):
        _finish(delivery, Delivery.State.WITHHELD)
        return False
    # One attempt at a time: a delivery queued twice (by a lost message's resend) is sent once.
    claimed = Delivery.objects.filter(
        pk=delivery.pk, state=Delivery.State.PENDING, attempts=delivery.attempts
    ).update(attempts=F("attempts") + 1, last_attempt_at=timezone.now())
    if not claimed:
        return False
    status, error = _post(delivery)
    Delivery.objects.filter(pk=delivery.pk).update(
        last_attempt_at=timezone.now(), response_status=status, error=error
    )
    if not error:
        Subscription.objects.filter(pk=subscription.pk).update(consecutive_failures=0)
        _finish(delivery, Delivery.State.DELIVERED)
        return False
    still_active = _count_failure(subscription)
    if final or not still_active:
        _finish(delivery, Delivery.State.FAILED)
        return False
    return True


def _owner_may_still_read(delivery: Delivery, owner) -> bool:
    """Internal data only while the owner may read it; an update that was public when it was
    recorded but has been made internal (or deleted) since goes only to such owners too."""
    if user_can_read_internal(owner):
        return True
    if delivery.internal:
        return False
    update_id = delivery.payload.get("data", {}).get("progress_update")
    return update_id is None or ProgressUpdate.objects.public().filter(pk=update_id).exists()


def _post(delivery: Delivery) -> tuple[int | None, str]:
    """(HTTP status, error: empty on a 2xx answer)."""
    timestamp = str(int(time.time()))
    # The timestamp is in the signed body too, so that a receiver can refuse old replays.
    body = json.dumps(
        {**delivery.payload, "delivery": delivery.pk, "sent_at": timestamp},
        sort_keys=True,
        separators=(",", ":"),
    ).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "actionplan-portal-webhooks",
        SIGNATURE_HEADER: webhook_signature(secret=delivery.subscription.secret, body=body),
        TIMESTAMP_HEADER: timestamp,
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
    }
    try:
        webhook_url_check(delivery.subscription.url)
        response = requests.post(
            delivery.subscription.url,
            data=body,
            headers=headers,
            timeout=settings.WEBHOOK_TIMEOUT_SECONDS,
            allow_redirects=False,
        )
    except ValidationError as exc:
        return None, " ".join(exc.messages)
    except requests.RequestException as exc:
        return None, str(exc)[:1000] or exc.__class__.__name__
    if 200 <= response.status_code < 300:
        return response.status_code, ""
    return response.status_code, f"HTTP {response.status_code}"


def _count_failure(subscription: Subscription) -> bool:
    """Count a failed attempt; switch the subscription off after
    WEBHOOK_MAX_CONSECUTIVE_FAILURES in a row. True while it stays active."""
    Subscription.objects.filter(pk=subscription.pk).update(
        consecutive_failures=F("consecutive_failures") + 1
    )
    Subscription.objects.filter(
        pk=subscription.pk,
        active=True,
        consecutive_failures__gte=settings.WEBHOOK_MAX_CONSECUTIVE_FAILURES,
    ).update(active=False, disabled_at=timezone.now())
    return Subscription.objects.filter(pk=subscription.pk, active=True).exists()


def _finish(delivery: Delivery, state: str, *, error: str | None = None) -> None:
    changes = {"state": state, **({"error": error} if error is not None else {})}
    Delivery.objects.filter(pk=delivery.pk).update(**changes)
