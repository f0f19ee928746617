from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChangesConfig(AppConfig):
    name = "changes"
    verbose_name = _("Changes")

    def ready(self) -> None:
        # Connects the hooks that keep change markers and the change log exact.
        from changes import receivers  # noqa: F401
