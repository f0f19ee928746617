from celery import shared_task
from django.conf import settings


@shared_task(acks_late=True)
def deliver_webhook(delivery_id: int, retry: int = 0) -> None:
    """Send one webhook delivery; if it fails, queue the next attempt after an exponentially
    growing pause (WEBHOOK_RETRY_BASE_SECONDS × 2^retry), WEBHOOK_MAX_RETRIES times at most.
    Run eagerly (no broker), it makes one attempt: its caller is the request that recorded
    the event, which must not wait for retries; `send_pending_webhooks` makes them later."""
    from webhooks.services import webhook_delivery_attempt

    final = retry >= settings.WEBHOOK_MAX_RETRIES
    should_retry = webhook_delivery_attempt(delivery_id=delivery_id, final=final)
    if should_retry and not deliver_webhook.request.is_eager:
        deliver_webhook.apply_async(
            args=(delivery_id,),
            kwargs={"retry": retry + 1},
            countdown=settings.WEBHOOK_RETRY_BASE_SECONDS * 2**retry,
        )


@shared_task(ignore_result=True)
def send_pending_webhooks() -> None:
    """Run by Celery beat every minute: queue the deliveries whose message was lost or whose
    retry is overdue."""
    from webhooks.services import webhook_pending_send

    webhook_pending_send()
