from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations

from actionplan.plan_fixture import PlanFixtureError
from actionplan.services import plan_load


class Command(BaseCommand):
    help = (
        "Load the plan fixture (fixtures/plan.yaml by default). Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(settings.PLAN_FIXTURE),
            help="The plan fixture to load (YAML, see fixtures/README.md).",
        )

    @no_translations  # the summary names models: always in English, whatever the locale
    def handle(self, *args, path: str, **options):
        try:
            result = plan_load(path=Path(path))
        except PlanFixtureError as exc:
            raise CommandError(str(exc)) from exc
        if result.changed:
            self.stdout.write(self.style.SUCCESS(result.summary()))
        else:
            self.stdout.write(f"{result.plan.title}: already up to date, nothing changed.")
