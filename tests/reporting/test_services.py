"""Rounds freeze the plan; reports read the frozen rows; the change section is exact; the
public edition holds no internal narrative."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum

from budgets.models import BudgetLine
from measures.models import Measure, ProgressUpdate
from measures.services import measure_refresh_progress
from reporting.builders import build_csv, build_pdf, build_xlsx
from reporting.models import (
    ClosedRoundError,
    Edition,
    ReportingRound,
    RoundMeasureSnapshot,
    RoundUpdateSnapshot,
)
from reporting.selectors import report_changes, report_content
from reporting.services import round_close, round_open
from tests.reporting.conftest import (
    FIRST_HALF,
    SECOND_HALF,
    closed_round,
    pdf_text,
    update,
    xlsx_cells,
)

pytestmark = pytest.mark.django_db


def test_closing_a_round_freezes_every_measure_with_its_latest_progress(plan, platform_admin):
    update("5.1", platform_admin, datetime.date(2026, 2, 1), "on_track", 20)
    update("5.1", platform_admin, datetime.date(2026, 3, 1), "on_track", 35, narrative="Public.")
    update(
        "5.1",
        platform_admin,
        datetime.date(2026, 4, 1),
        "delayed",
        40,
        narrative="Internal: the partner hesitates.",
        visibility="internal",
    )
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)

    assert reporting_round.measure_snapshots.count() == Measure.objects.count() == 62
    snapshot = reporting_round.measure_snapshots.get(code="5.1")
    assert (snapshot.implementation_status, snapshot.progress_percent) == ("delayed", 40)
    assert snapshot.narrative == "Internal: the partner hesitates."
    assert (snapshot.public_implementation_status, snapshot.public_progress_percent) == (
        "on_track",
        35,
    )
    assert snapshot.public_narrative == "Public."
    assert (snapshot.updates_in_round, snapshot.public_updates_in_round) == (3, 2)
    assert [actor["code"] for actor in snapshot.actors] == ["WVG"]
    assert snapshot.budget_lines and snapshot.ministers
    untouched = reporting_round.measure_snapshots.get(code="1.1")
    assert (untouched.implementation_status, untouched.progress_percent) == ("not_started", 0)
    assert untouched.narrative == "" and untouched.updates_in_round == 0
    assert reporting_round.update_snapshots.count() == 3


def test_a_round_closed_after_every_update_freezes_the_progress_each_measure_shows_live(
    plan, platform_admin
):
    update("5.1", platform_admin, datetime.date(2026, 2, 1), "on_track", 20)
    update("5.1", platform_admin, datetime.date(2026, 3, 1), "delayed", 30, visibility="internal")
    update(
        "5.2", platform_admin, datetime.date(2026, 4, 1), "completed", 100, visibility="internal"
    )
    # Two updates on the same day: the one recorded last is the latest, live and frozen.
    update("5.3", platform_admin, datetime.date(2026, 5, 1), "on_track", 10)
    update("5.3", platform_admin, datetime.date(2026, 5, 1), "on_track", 15)
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)

    progress = ("implementation_status", "progress_percent")
    public_progress = ("public_implementation_status", "public_progress_percent")
    live = {
        row[0]: row[1:] for row in Measure.objects.values_list("code", *progress, *public_progress)
    }
    frozen = {
        row[0]: row[1:]
        for row in reporting_round.measure_snapshots.values_list(
            "code", *progress, *public_progress
        )
    }
    assert frozen == live
    assert live["5.1"] == ("delayed", 30, "on_track", 20)
    assert live["5.2"] == ("completed", 100, "not_started", 0)
    assert live["5.3"] == ("on_track", 15, "on_track", 15)


def test_an_update_dated_after_the_period_is_not_in_the_round(plan, platform_admin):
    update("5.1", platform_admin, datetime.date(2026, 5, 1), "on_track", 30)
    update("5.1", platform_admin, datetime.date(2026, 8, 1), "completed", 100)
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)

    snapshot = reporting_round.measure_snapshots.get(code="5.1")
    assert (snapshot.implementation_status, snapshot.progress_percent) == ("on_track", 30)
    assert reporting_round.update_snapshots.count() == 1


def test_a_closed_round_never_changes(plan, platform_admin):
    first = update("5.1", platform_admin, datetime.date(2026, 2, 1), "on_track", 20)
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    frozen = list(RoundMeasureSnapshot.objects.filter(round=reporting_round).values())
    frozen_updates = list(RoundUpdateSnapshot.objects.filter(round=reporting_round).values())

    # Everything after the close: a new update in the period, an edited one, a deleted one.
    update("5.2", platform_admin, datetime.date(2026, 3, 1), "completed", 100)
    ProgressUpdate.objects.filter(pk=first.pk).update(progress_percent=90, narrative="Edited")
    update("5.3", platform_admin, datetime.date(2026, 4, 1), "on_track", 10).delete()
    measure_refresh_progress(measure=Measure.objects.get(code="5.3"))

    assert list(RoundMeasureSnapshot.objects.filter(round=reporting_round).values()) == frozen
    assert (
        list(RoundUpdateSnapshot.objects.filter(round=reporting_round).values()) == frozen_updates
    )
    with pytest.raises(ValidationError, match="already closed"):
        round_close(reporting_round=reporting_round, closed_by=platform_admin)
    reporting_round.title = "Renamed"
    with pytest.raises(ClosedRoundError):
        reporting_round.save()
    with pytest.raises(ClosedRoundError):
        reporting_round.delete()
    snapshot = reporting_round.measure_snapshots.get(code="5.1")
    snapshot.progress_percent = 99
    with pytest.raises(ClosedRoundError):
        snapshot.save()
    with pytest.raises(ClosedRoundError):
        snapshot.delete()
    reporting_round.refresh_from_db()
    assert reporting_round.title == "Progress report"
    assert reporting_round.measure_snapshots.get(code="5.1").progress_percent == 20


def test_opening_a_round_checks_its_dates_and_that_none_is_open(plan, evaluator):
    with pytest.raises(ValidationError) as error:
        round_open(
            plan=plan,
            title=" ",
            period_start=datetime.date(2026, 6, 30),
            period_end=datetime.date(2026, 1, 1),
            deadline=datetime.date(2026, 1, 1),
            opened_by=evaluator,
        )
    assert set(error.value.message_dict) == {"title", "period_end", "deadline"}
    round_open(
        plan=plan,
        title="First",
        period_start=FIRST_HALF[0],
        period_end=FIRST_HALF[1],
        deadline=FIRST_HALF[1],
        opened_by=evaluator,
    )
    with pytest.raises(ValidationError, match="already open"):
        round_open(
            plan=plan,
            title="Second",
            period_start=SECOND_HALF[0],
            period_end=SECOND_HALF[1],
            deadline=SECOND_HALF[1],
            opened_by=evaluator,
        )
    assert ReportingRound.objects.count() == 1


def test_a_coordinator_can_neither_open_nor_close_a_round(plan, coordinator, evaluator):
    with pytest.raises(PermissionDenied):
        round_open(
            plan=plan,
            title="Mine",
            period_start=FIRST_HALF[0],
            period_end=FIRST_HALF[1],
            deadline=FIRST_HALF[1],
            opened_by=coordinator,
        )
    reporting_round = round_open(
        plan=plan,
        title="Theirs",
        period_start=FIRST_HALF[0],
        period_end=FIRST_HALF[1],
        deadline=FIRST_HALF[1],
        opened_by=evaluator,
    )
    with pytest.raises(PermissionDenied):
        round_close(reporting_round=reporting_round, closed_by=coordinator)


@pytest.fixture
def two_rounds(plan, platform_admin):
    """Two closed rounds; between them 1.1 changes status, 1.2 percentage, 1.3 both, 1.4 gets
    a new update that changes neither, 2.1 loses its only update, 2.2 moves internally only."""
    a = platform_admin
    update("1.1", a, datetime.date(2026, 2, 1), "not_started", 0)
    update("1.2", a, datetime.date(2026, 2, 1), "on_track", 20)
    update("1.3", a, datetime.date(2026, 2, 1), "on_track", 30)
    update("1.4", a, datetime.date(2026, 2, 1), "on_track", 50)
    removed = update("2.1", a, datetime.date(2026, 2, 1), "on_track", 10)
    update("2.2", a, datetime.date(2026, 2, 1), "on_track", 60)
    update("3.1", a, datetime.date(2026, 2, 1), "on_track", 70)
    first = closed_round(plan, a, FIRST_HALF, title="First half")

    update("1.1", a, datetime.date(2026, 8, 1), "on_track", 0)
    update("1.2", a, datetime.date(2026, 8, 1), "on_track", 45)
    update("1.3", a, datetime.date(2026, 8, 1), "completed", 100)
    update("1.4", a, datetime.date(2026, 8, 1), "on_track", 50, narrative="No change.")
    update(
        "2.2",
        a,
        datetime.date(2026, 8, 1),
        "delayed",
        65,
        visibility="internal",
        narrative="Internal: a delay.",
    )
    removed_id = removed.pk
    removed.delete()
    measure_refresh_progress(measure=Measure.objects.get(code="2.1"))
    second = closed_round(plan, a, SECOND_HALF, title="Second half")
    return first, second, removed_id


def test_the_change_section_lists_exactly_the_measures_whose_status_or_percentage_changed(
    two_rounds,
):
    first, second, removed_id = two_rounds

    internal = report_changes(reporting_round=second, edition=Edition.INTERNAL)
    assert internal.previous == first
    assert [c.code for c in internal.measures] == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    by_code = {c.code: c for c in internal.measures}
    assert (by_code["1.1"].status_before, by_code["1.1"].status_after) == (
        "not_started",
        "on_track",
    )
    assert (by_code["1.2"].percent_before, by_code["1.2"].percent_after) == (20, 45)
    assert (by_code["2.1"].percent_before, by_code["2.1"].status_after) == (10, "not_started")
    assert [u.measure_code for u in internal.new_updates] == ["1.1", "1.2", "1.3", "1.4", "2.2"]
    assert [u.update_id for u in internal.removed_updates] == [removed_id]

    public = report_changes(reporting_round=second, edition=Edition.PUBLIC)
    assert [c.code for c in public.measures] == ["1.1", "1.2", "1.3", "2.1"]
    assert [u.measure_code for u in public.new_updates] == ["1.1", "1.2", "1.3", "1.4"]

    # The workbook's Changes sheet lists the same measures, and no other.
    content = report_content(reporting_round=second, edition=Edition.INTERNAL)
    rows = xlsx_cells(build_xlsx(content))["Changes"]
    header = rows.index(
        ["Measure", "Status before", "Status now", "Completion before (%)", "Completion now (%)"]
    )
    listed = []
    for row in rows[header + 1 :]:
        if not row or row[0] is None:
            break
        listed.append(row[0])
    assert listed == ["1.1", "1.2", "1.3", "2.1", "2.2"]


def test_the_first_report_has_nothing_to_compare_with(plan, platform_admin):
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    changes = report_changes(reporting_round=reporting_round, edition=Edition.PUBLIC)
    assert changes.previous is None and changes.is_empty


def test_the_public_edition_contains_no_internal_narrative(plan, platform_admin):
    secret = "INTERNAL-ONLY-7f3a9c: the cabinet has not approved the budget"
    update("5.1", platform_admin, datetime.date(2026, 2, 1), "on_track", 30, narrative="Public.")
    update(
        "5.1",
        platform_admin,
        datetime.date(2026, 3, 1),
        "delayed",
        35,
        narrative=secret,
        reason="INTERNAL-REASON-2b1e",
        visibility="internal",
    )
    update(
        "6.1",
        platform_admin,
        datetime.date(2026, 3, 2),
        "on_track",
        10,
        narrative=secret,
        visibility="internal",
    )
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)

    public = report_content(reporting_round=reporting_round, edition=Edition.PUBLIC)
    public_pdf = pdf_text(build_pdf(public))
    public_cells = xlsx_cells(build_xlsx(public))
    public_csv = build_csv(public).decode("utf-8-sig")
    assert "Public." in public_pdf and "Public edition" in public_pdf
    flat = " ".join(str(v) for rows in public_cells.values() for row in rows for v in row)
    for text in (public_pdf, flat, public_csv):
        assert "INTERNAL-ONLY-7f3a9c" not in text
        assert "INTERNAL-REASON-2b1e" not in text
    header, *rows = public_cells["Measures"]
    row_51 = dict(zip(header, next(row for row in rows if row[0] == "5.1"), strict=True))
    # the public status and percentage, not the internal
    assert (row_51["implementation_status"], row_51["progress_percent"]) == ("On track", 30)

    internal = report_content(reporting_round=reporting_round, edition=Edition.INTERNAL)
    internal_pdf = pdf_text(build_pdf(internal))
    assert "INTERNAL-ONLY-7f3a9c" in " ".join(internal_pdf.split())
    assert "INTERNAL-ONLY-7f3a9c" in build_csv(internal).decode("utf-8-sig")


def test_report_summary_counts_every_measure_and_adds_budgets_up_by_kind(plan, platform_admin):
    update("5.1", platform_admin, datetime.date(2026, 2, 1), "completed", 100)
    reporting_round = closed_round(plan, platform_admin, FIRST_HALF)
    content = report_content(reporting_round=reporting_round, edition=Edition.INTERNAL)

    assert content.total == 62 and sum(c.count for c in content.by_status) == 62
    assert {c.key: c.count for c in content.by_status}["completed"] == 1
    for count in content.by_plan_status:
        assert count.count == Measure.objects.filter(plan_status=count.key).count()
    assert sum(len(a.measures) for line in content.policy_lines for a in line.actions) == 62
    assert [line.number for line in content.policy_lines] == [1, 2, 3, 4, 5]

    lines = BudgetLine.objects.exclude(amount=None)
    one_off = lines.filter(recurrence="one_off").aggregate(t=Sum("amount"))["t"]
    annual = lines.filter(recurrence="annual").aggregate(t=Sum("amount"))["t"]
    assert content.budget.one_off == one_off
    assert content.budget.annual == annual
    assert content.budget.annual_over_period == Decimal(568311 * 2 + 3000000 * 3 + 80000)
    assert content.budget.fte == BudgetLine.objects.aggregate(t=Sum("fte"))["t"] == Decimal("1.5")
    assert Decimal(reporting_round.budget_totals["one_off"]) == one_off
    assert sum(group.budget.one_off for group in content.by_policy_line) == one_off
