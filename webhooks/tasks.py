from celery import shared_task
from django.conf import settings


@shared_task(bind=True, max_retries=None, acks_late=True)
def deliver_webhook(self, delivery_id: int) -> None:
    """Send one webhook delivery; on failure try again later, with exponential backoff."""
    from webhooks.services import webhook_delivery_attempt

    retries = self.request.retries
    final = retries >= settings.WEBHOOK_MAX_RETRIES
    if webhook_delivery_attempt(delivery_id=delivery_id, final=final):
        raise self.retry(countdown=settings.WEBHOOK_RETRY_BASE_SECONDS * 2**retries)
