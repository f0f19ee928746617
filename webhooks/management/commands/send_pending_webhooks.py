from django.core.management.base import BaseCommand

from webhooks.services import webhook_pending_send


class Command(BaseCommand):
    help = (
        "Send the webhook deliveries that are overdue: their message was lost, or (without a "
        "broker, where retries never run in the request) their retry is due. Celery beat runs "
        "this every minute; without a broker, run it from cron."
    )

    def handle(self, *args, **options):
        queued = webhook_pending_send()
        self.stdout.write(f"{queued} pending webhook deliveries queued.")
