from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        # Register the tasks in every process (web too): services queue them by name.
        from reporting import tasks  # noqa: F401
