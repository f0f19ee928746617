"""The PDF is tagged (PDF/UA-1): a structure tree in reading order, marked content, the
edition's language, its title shown, charts with alternative text, a bookmark per measure;
the workbook carries its title, language and creator, and its lists are Excel tables."""

import io

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from measures.models import Measure
from reporting.models import Edition, ReportRun
from reporting.services import report_run_build, report_run_request
from tests.reporting.conftest import FIRST_HALF, closed_round

pytestmark = pytest.mark.django_db


def outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        if isinstance(item, list):
            titles.extend(outline_titles(item))
        else:
            titles.append(item.title)
    return titles


def figure_alts(node) -> list[str]:
    node = node.get_object()
    alts = [str(node["/Alt"])] if node.get("/S") == "/Figure" and "/Alt" in node else []
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids] if kids is not None else []:
        if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
            alts.extend(figure_alts(kid))
    return alts


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_pdf_is_tagged_in_the_editions_language_with_a_bookmark_per_measure(
    plan, platform_admin, language
):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    run, _created = report_run_request(
        reporting_round=reporting_round, edition=Edition.PUBLIC, language=language, queue=False
    )
    run = report_run_build(run_id=run.pk)
    assert run.state == ReportRun.State.DONE, run.error_message

    reader = PdfReader(io.BytesIO(run.pdf_file.read()))
    catalog = reader.trailer["/Root"]

    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == language
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title.startswith(reporting_round.title)
    # Each measure's bookmark names it by code and title, as the plan's fixture gives them.
    names = {f"{m.code} {m.title}" for m in Measure.objects.filter(plan=plan)}
    assert names <= set(outline_titles(reader.outline))
    alts = figure_alts(catalog["/StructTreeRoot"])
    assert len(alts) == 3 and all(alt.strip() for alt in alts)


def test_the_workbook_has_document_properties_and_excel_tables(plan, platform_admin, fast_pdf):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF, title="First half")
    run, _created = report_run_request(
        reporting_round=reporting_round, edition=Edition.PUBLIC, language="nl", queue=False
    )
    run = report_run_build(run_id=run.pk)

    workbook = load_workbook(io.BytesIO(run.xlsx_file.read()))

    assert workbook.properties.title.startswith("First half")
    assert workbook.properties.language == "nl"
    assert workbook.properties.creator == plan.government
    measures = workbook["Maatregelen"]
    assert list(measures.tables) == ["Measures"]
    first, last = measures.tables["Measures"].ref.split(":")
    assert first == "A1" and int(last.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == 1 + len(
        reporting_round.measure_snapshots.all()
    )
