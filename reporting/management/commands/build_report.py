"""Build the report of a closed round here and now, and copy its files to a folder."""

import os
import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from reporting.models import Edition, ReportingRound, ReportRun, report_language_codes
from reporting.selectors import round_last_closed
from reporting.services import (
    report_run_build,
    report_run_can_rebuild,
    report_run_rebuild,
    report_run_request,
)


class Command(BaseCommand):
    help = (
        "Build the report of a closed reporting round (PDF, XLSX, CSV; public and internal "
        "editions; in English or Dutch) in this process and copy the files to --output. Without --round, the last "
        "closed round. A report built before is copied as it is, unless --rebuild."
    )

    def add_arguments(self, parser):
        parser.add_argument("--round", type=int, dest="round_id", help="The round's id.")
        parser.add_argument(
            "--edition",
            choices=[*Edition.values, "both"],
            default="both",
            help="Which edition to build (default: both).",
        )
        parser.add_argument(
            "--language",
            choices=report_language_codes(),
            default=settings.LANGUAGE_CODE,
            help="The report's language (default: %(default)s).",
        )
        parser.add_argument(
            "--output", required=True, help="Folder to copy the files to (made if missing)."
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="Build the files again even if done."
        )

    def handle(self, *args, round_id, edition, language, output, rebuild, **options):
        reporting_round = self._round(round_id)
        folder = self._output_folder(output)
        editions = Edition.values if edition == "both" else [edition]
        for name in editions:
            run = self._build(reporting_round, name, language=language, rebuild=rebuild)
            for kind in ("pdf", "xlsx", "csv"):
                file = run.file_for(kind)
                if file is None:
                    raise CommandError(f"Report run {run.pk} has no {kind.upper()} file.")
                target = folder / os.path.basename(file.name)
                try:
                    with file.open("rb") as source, open(target, "wb") as copy:
                        shutil.copyfileobj(source, copy)
                except OSError as exc:
                    raise CommandError(f"Could not write {target}: {exc.strerror or exc}") from exc
                self.stdout.write(str(target))
        self.stdout.write(
            self.style.SUCCESS(f"Report of round {reporting_round.pk} ({reporting_round}) built.")
        )

    def _round(self, round_id: int | None) -> ReportingRound:
        if round_id is None:
            found = round_last_closed()
            if found is None:
                raise CommandError(
                    "There is no closed reporting round yet: close one on /reports/ first."
                )
            return found
        found = ReportingRound.objects.filter(pk=round_id).first()
        if found is None:
            raise CommandError(f"There is no reporting round {round_id}.")
        if not found.is_closed:
            raise CommandError(
                f"Round {round_id} ({found}) is still open: close it before building its report."
            )
        return found

    def _output_folder(self, output: str) -> Path:
        folder = Path(output).expanduser()
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Writable? Trying is the only reliable test (permissions, read-only mounts, ACLs).
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            raise CommandError(
                f"Cannot write to the output folder {folder}: {exc.strerror or exc}"
            ) from exc
        return folder

    def _build(
        self, reporting_round: ReportingRound, edition: str, *, language: str, rebuild: bool
    ):
        try:
            run, created = report_run_request(
                reporting_round=reporting_round, edition=edition, language=language, queue=False
            )
            if not created and (run.state == ReportRun.State.FAILED or rebuild):
                if not report_run_can_rebuild(run):
                    raise CommandError(
                        f"Report run {run.pk} is being built right now; try again in a moment."
                    )
                run = report_run_rebuild(run=run, queue=False)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        if run.state == ReportRun.State.QUEUED:
            self.stderr.write(f"Building the {edition} edition of round {reporting_round.pk}…")
            report_run_build(run_id=run.pk)
            run.refresh_from_db()
        if run.state == ReportRun.State.BUILDING:
            raise CommandError(
                f"Report run {run.pk} is being built right now; try again in a moment."
            )
        if run.state == ReportRun.State.FAILED:
            raise CommandError(f"The {edition} edition could not be built: {run.error_message}")
        return run
