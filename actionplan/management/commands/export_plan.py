import json

from django.core.management.base import BaseCommand, CommandError

from actionplan.open_data import plan_export
from actionplan.plans import plan_get, plan_list


class Command(BaseCommand):
    help = "Print the whole plan as one JSON document (the plan as open data)."

    def add_arguments(self, parser):
        parser.add_argument("--plan", help="The plan's code (default: the only or first plan).")
        parser.add_argument("--indent", type=int, default=2, help="JSON indentation (0: compact).")

    def handle(self, *args, plan: str | None, indent: int, **options):
        found = plan_get(code=plan)
        if found is None:
            known = ", ".join(plan_list().values_list("code", flat=True)) or "none"
            hint = (
                "run `python manage.py load_plan` first" if known == "none" else f"known: {known}"
            )
            raise CommandError(f"No plan {plan!r} to export ({hint}).")
        if not 0 <= indent <= 8:
            raise CommandError("--indent must be a whole number from 0 to 8.")
        document = plan_export(plan=found)
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=indent or None))
