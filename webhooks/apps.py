from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        # Connects the events that are delivered to subscribers, and registers the task.
        from webhooks import receivers, tasks  # noqa: F401
