"""A client generated from the published schema by openapi-python-client works as generated:
it lists measures, reads one, records a progress update with a token, downloads a report PDF
and reads a list as CSV, against a live server, without a hand edit."""

import csv
import importlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from actors.services import api_token_create
from measures.models import Measure
from reporting.models import ReportRun
from tests.factories import closed_round_record, make_user

pytestmark = pytest.mark.django_db(transaction=True)

PACKAGE = "portal_api_client"
PDF = b"%PDF-1.4 a generated client's report"
GENERATOR = Path(sys.executable).parent / "openapi-python-client"


@pytest.fixture
def generated(live_server, plan, tmp_path, monkeypatch):
    """The client package, generated from the live server's schema into tmp_path and imported."""
    schema = httpx.get(f"{live_server.url}/api/schema/?format=json", timeout=30)
    assert schema.status_code == 200
    schema_file = tmp_path / "schema.json"
    schema_file.write_text(json.dumps(schema.json()), encoding="utf-8")
    environment = {**os.environ, "PATH": f"{GENERATOR.parent}{os.pathsep}{os.environ['PATH']}"}
    run = subprocess.run(  # noqa: S603 - the generator of this virtualenv, on our own schema
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(schema_file),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Warning" not in run.stdout, run.stdout
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
        del sys.modules[name]
    yield lambda module: importlib.import_module(f"{PACKAGE}.{module}")
    for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
        del sys.modules[name]


@pytest.fixture
def report_run(plan, settings, tmp_path) -> ReportRun:
    settings.MEDIA_ROOT = tmp_path / "media"
    closed = closed_round_record(plan)
    run = ReportRun.objects.create(
        round=closed, edition="public", state=ReportRun.State.DONE, finished_at=timezone.now()
    )
    run.pdf_file.save("report-public.pdf", ContentFile(PDF))
    return run


def test_a_generated_client_lists_reads_writes_and_downloads(generated, live_server, report_run):
    client_module = generated("client")
    anonymous = client_module.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    admin = make_user("generated-client", "platform_admin")
    token = api_token_create(user=admin, name="generated client").secret
    signed_in = client_module.AuthenticatedClient(
        base_url=live_server.url, token=token, raise_on_unexpected_status=True
    )

    page = generated("api.measures.measures_list").sync(client=anonymous, page_size=10)
    assert page.count == Measure.objects.count()
    assert [measure.code for measure in page.results][:2] == ["1.1", "1.2"]

    measure = generated("api.measures.measures_retrieve").sync("5.1", client=anonymous)
    assert measure.code == "5.1" and measure.actors

    models = generated("models")
    body = models.ProgressUpdateCreateRequest(
        implementation_status=models.ImplementationStatusEnum.ON_TRACK,
        progress_percent=45,
        narrative="Recorded by a generated client.",
    )
    created = generated("api.measures.measures_progress_updates_create").sync(
        "5.1", client=signed_in, body=body
    )
    assert isinstance(created, models.ProgressUpdate), created
    assert created.progress_percent == 45
    assert Measure.objects.get(code="5.1").progress_percent == 45

    download = generated("api.report_runs.report_runs_files_retrieve")
    kinds = generated("models.report_runs_files_retrieve_kind")
    pdf = download.sync(report_run.pk, kinds.ReportRunsFilesRetrieveKind.PDF, client=signed_in)
    assert pdf.payload.read() == PDF

    table = generated("api.measures.measure_list_csv").sync(client=anonymous, actor=["WVG"])
    rows = list(csv.DictReader(io.StringIO(table)))
    assert rows and "5.1" in {row["code"] for row in rows}
