"""Report runs over the API: for clients with a portal role (every role reads internal
updates, so every role gets both editions); 401 without credentials, 403 without a role."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from reporting.models import ReportRun
from reporting.services import report_run_build, report_run_rebuild
from tests.api.conftest import token_client
from tests.factories import closed_round_record

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4 a progress report"


@pytest.fixture
def runs(plan, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    reporting_round = closed_round_record(plan)
    built = {}
    for edition in ("public", "internal"):
        run = ReportRun.objects.create(
            round=reporting_round, edition=edition, state=ReportRun.State.DONE
        )
        run.pdf_file.save(f"report-{edition}.pdf", ContentFile(PDF))
        built[edition] = run
    return built


def test_anonymous_clients_get_no_report_runs(anonymous, runs):
    response = anonymous.get("/api/v1/report-runs/")
    assert response.status_code == 401
    assert anonymous.get(f"/api/v1/report-runs/{runs['public'].pk}/files/pdf/").status_code == 401


def test_readers_of_internal_updates_get_both_editions_and_their_files(users, runs):
    client = token_client(users["evaluator"])
    listed = client.get("/api/v1/report-runs/").json()["results"]
    assert {run["edition"] for run in listed} == {"public", "internal"}
    internal = next(run for run in listed if run["edition"] == "internal")
    assert internal["round"]["title"] == "Progress report 2026"
    assert internal["files"]["xlsx"] is None
    download = client.get(internal["files"]["pdf"])
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF


def test_users_without_a_portal_role_get_no_report_runs(users, runs):
    client = token_client(users["no_role"])
    for url in (
        "/api/v1/report-runs/",
        f"/api/v1/report-runs/{runs['public'].pk}/",
        f"/api/v1/report-runs/{runs['public'].pk}/files/pdf/",
        f"/api/v1/report-runs/{runs['internal'].pk}/files/pdf/",
    ):
        refused = client.get(url)
        assert refused.status_code == 403, url
        assert refused.json()["code"] == "permission_denied"


@pytest.mark.parametrize("role", ["coordinator", "ministry_viewer", "platform_admin"])
def test_every_portal_role_gets_both_editions_and_their_files(users, runs, role):
    client = token_client(users[role])
    listed = {run["edition"]: run for run in client.get("/api/v1/report-runs/").json()["results"]}
    assert listed["public"]["files"]["pdf"] and listed["internal"]["files"]["pdf"]
    assert client.get(listed["internal"]["files"]["pdf"]).status_code == 200


def test_a_failed_run_gives_a_generic_reason_that_every_role_may_read(users, runs, monkeypatch):
    """The reason never quotes the error itself (it may quote the report's data); the files of
    the last good build stay downloadable."""
    import reporting.builders

    def broken(content):
        raise ValueError("INTERNAL-ONLY-5e0a: the minister objects")

    monkeypatch.setattr(reporting.builders, "build_pdf", broken)
    run = report_run_rebuild(run=runs["internal"], queue=False)
    report_run_build(run_id=run.pk)
    body = token_client(users["coordinator"]).get(f"/api/v1/report-runs/{run.pk}/").json()
    assert body["state"] == "failed"
    assert body["error_message"].startswith("An unexpected error stopped the build")
    assert "INTERNAL-ONLY-5e0a" not in body["error_message"]
    assert token_client(users["evaluator"]).get(body["files"]["pdf"]).status_code == 200


def test_a_file_not_built_or_unknown_is_a_404(users, runs):
    client = token_client(users["evaluator"])
    run = runs["public"]
    assert client.get(f"/api/v1/report-runs/{run.pk}/files/xlsx/").status_code == 404
    assert client.get(f"/api/v1/report-runs/{run.pk}/files/docx/").status_code == 404
    never_built = ReportRun.objects.filter(pk=runs["internal"].pk)
    never_built.update(state=ReportRun.State.QUEUED, pdf_file="")
    assert client.get(f"/api/v1/report-runs/{runs['internal'].pk}/files/pdf/").status_code == 404


def test_report_runs_are_filtered_by_edition(users, runs):
    client = token_client(users["evaluator"])
    listed = client.get("/api/v1/report-runs/?edition=public").json()["results"]
    assert [run["edition"] for run in listed] == ["public"]
    assert client.get("/api/v1/report-runs/?edition=secret").status_code == 400


def test_a_round_id_out_of_range_is_a_400(users, runs):
    client = token_client(users["evaluator"])
    assert client.get("/api/v1/report-runs/?round=99999999999999999999999").status_code == 400


def test_a_report_file_carries_an_etag_and_answers_304_while_it_is_unchanged(users, runs):
    client = token_client(users["evaluator"])
    url = f"/api/v1/report-runs/{runs['public'].pk}/files/pdf/"
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"].startswith('"')
    assert "private" in first["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again["ETag"] == first["ETag"]
    assert again.content == b""
    # Built again: another file, another ETag, and the old one is answered in full.
    run = runs["public"]
    # A minute ago: Last-Modified is answered with 304 only after the second it names.
    run.finished_at = timezone.now() - datetime.timedelta(minutes=1)
    run.pdf_file.save("report-public-2.pdf", ContentFile(PDF + b" again"))
    rebuilt = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert rebuilt.status_code == 200 and rebuilt["ETag"] != first["ETag"]
    assert rebuilt["Last-Modified"]
    assert b"".join(rebuilt.streaming_content) == PDF + b" again"
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=rebuilt["Last-Modified"]).status_code == 304


def test_a_304_for_a_report_file_is_given_only_to_who_may_read_it(users, runs, anonymous):
    client = token_client(users["evaluator"])
    url = f"/api/v1/report-runs/{runs['internal'].pk}/files/pdf/"
    etag = client.get(url)["ETag"]
    assert anonymous.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 401
