"""manage.py build_report: builds here and now, copies the files, and says what is wrong."""

import io
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from reporting.models import ReportRun
from reporting.services import round_open
from tests.reporting.conftest import FIRST_HALF, SECOND_HALF, closed_round

pytestmark = pytest.mark.django_db


def build_report(*args) -> str:
    out = io.StringIO()
    call_command("build_report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_build_report_writes_both_editions_of_the_last_closed_round(
    plan, platform_admin, fast_pdf, tmp_path
):
    closed_round(plan, platform_admin, FIRST_HALF, title="First half")
    last = closed_round(plan, platform_admin, SECOND_HALF, title="Second half")
    output = tmp_path / "out" / "reports"

    printed = build_report("--output", str(output))

    names = sorted(path.name for path in output.iterdir())
    assert names == sorted(
        f"progress-report-second-half-{edition}-en.{ext}"
        for edition in ("internal", "public")
        for ext in ("pdf", "xlsx", "csv")
    )
    assert f"Report of round {last.pk}" in printed
    assert set(ReportRun.objects.values_list("round_id", "state")) == {(last.pk, "done")}
    assert (output / "progress-report-second-half-public-en.pdf").read_bytes().startswith(b"%PDF")


def test_build_report_copies_a_finished_report_without_building_it_again(
    plan, platform_admin, fast_pdf, tmp_path
):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    build_report(
        "--round", str(reporting_round.pk), "--edition", "public", "--output", str(tmp_path)
    )
    build_report(
        "--round", str(reporting_round.pk), "--edition", "public", "--output", str(tmp_path)
    )
    assert ReportRun.objects.get().builds == 1
    build_report(
        "--round",
        str(reporting_round.pk),
        "--edition",
        "public",
        "--rebuild",
        "--output",
        str(tmp_path),
    )
    assert ReportRun.objects.get().builds == 2


def test_build_report_names_the_problem_with_its_arguments(plan, evaluator, tmp_path):
    with pytest.raises(CommandError, match="There is no closed reporting round yet"):
        build_report("--output", str(tmp_path))
    with pytest.raises(CommandError, match="There is no reporting round 999."):
        build_report("--round", "999", "--output", str(tmp_path))
    open_round = round_open(
        plan=plan,
        title="Open",
        period_start=FIRST_HALF[0],
        period_end=FIRST_HALF[1],
        deadline=FIRST_HALF[1],
        opened_by=evaluator,
    )
    with pytest.raises(CommandError, match=f"Round {open_round.pk} .* is still open"):
        build_report("--round", str(open_round.pk), "--output", str(tmp_path))


def test_build_report_refuses_an_output_folder_it_cannot_write(plan, platform_admin, tmp_path):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    a_file = tmp_path / "a-file"
    a_file.write_text("not a folder")
    for output in (a_file, a_file / "below"):
        with pytest.raises(CommandError, match="Cannot write to the output folder"):
            build_report("--round", str(reporting_round.pk), "--output", str(output))
    assert not ReportRun.objects.exists()


def test_build_report_prints_errors_without_a_traceback(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "build_report", "--round", "abc", "--output", str(tmp_path)],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "actionplan.settings_test", "PATH": "/usr/bin:/bin"},
        timeout=60,
    )
    assert result.returncode != 0
    assert "invalid int value: 'abc'" in result.stderr
    assert "Traceback" not in result.stderr
