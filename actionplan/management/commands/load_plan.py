from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, no_translations

from actionplan.plan_fixture import PlanFixtureError
from actionplan.services import plan_load


class Command(BaseCommand):
    help = (
        "Load a plan fixture (fixtures/plan.yaml by default). A plan not yet in the database is "
        "loaded; for one already there the differences are shown and nothing is written "
        "unless --apply is given, since staff may have corrected it in the admin."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            default=str(settings.PLAN_FIXTURE),
            help="The plan fixture to load (YAML, see fixtures/README.md).",
        )
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Write the fixture over a plan already in the database (admin edits are lost).",
        )

    @no_translations  # the summary names models: always in English, whatever the locale
    def handle(self, *args, path: str, apply: bool, **options):
        try:
            result = plan_load(path=Path(path), apply=apply)
        except PlanFixtureError as exc:
            raise CommandError(str(exc)) from exc
        if not result.changed:
            self.stdout.write(f"{result.plan.title}: already up to date, nothing changed.")
            return
        if not result.applied:
            self.stdout.write(
                f"{result.plan.title}: the database differs from the fixture (current -> fixture):"
            )
            for line in result.differences:
                self.stdout.write(f"  {line}")
            self.stdout.write(
                self.style.WARNING(
                    f"{len(result.differences)} differences; nothing written. "
                    "Run load_plan --apply to write the fixture over them."
                )
            )
            return
        self.stdout.write(self.style.SUCCESS(result.summary()))
