from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplanConfig(AppConfig):
    name = "actionplan"
    verbose_name = _("Plan")

    def ready(self) -> None:
        # Registers the deployment checks and the receivers that write the security log.
        from actionplan import checks, security_events  # noqa: F401
        from actionplan.models import Action, GlossaryEntry, Plan, PolicyLine
        from actionplan.reference_data import watch_reference_models

        watch_reference_models(Plan, PolicyLine, Action, GlossaryEntry)
