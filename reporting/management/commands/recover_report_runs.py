"""manage.py recover_report_runs: what Celery beat does every minute, for a deployment without
beat (cron) or by hand."""

from django.core.management.base import BaseCommand

from reporting.services import report_runs_recover


class Command(BaseCommand):
    help = (
        "Hand over report builds the broker could not take, restart runs whose message or "
        "worker was lost, and fail those restarted too often."
    )

    def handle(self, *args, **options):
        outcome = report_runs_recover()
        for what, run_ids in vars(outcome).items():
            self.stdout.write(f"{what}: {', '.join(map(str, run_ids)) or 'none'}")
        if outcome.delayed:
            self.stderr.write("The broker is still not taking messages: run this again later.")
