from celery import shared_task
from django.conf import settings


@shared_task(acks_late=True)
def deliver_webhook(delivery_id: int, retry: int = 0) -> None:
    """Send one webhook delivery; if it fails, queue the next attempt after an exponentially
    growing pause (WEBHOOK_RETRY_BASE_SECONDS × 2^retry), WEBHOOK_MAX_RETRIES times at most.
    (Queued anew rather than Task.retry, so that it behaves alike when run eagerly.)"""
    from webhooks.services import webhook_delivery_attempt

    final = retry >= settings.WEBHOOK_MAX_RETRIES
    if webhook_delivery_attempt(delivery_id=delivery_id, final=final):
        deliver_webhook.apply_async(
            args=(delivery_id,),
            kwargs={"retry": retry + 1},
            countdown=settings.WEBHOOK_RETRY_BASE_SECONDS * 2**retry,
        )
