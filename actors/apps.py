from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActorsConfig(AppConfig):
    name = "actors"
    verbose_name = _("Actors and ministers")

    def ready(self) -> None:
        from actionplan.reference_data import watch_reference_models
        from actors.models import Actor, ActorAlias, Minister, Portfolio

        # What measure pages show of actors and ministers (cached fragments name its version).
        watch_reference_models(Actor, ActorAlias, Minister, Portfolio)
