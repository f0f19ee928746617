"""Every read endpoint answers with the plan's data, as export_plan shapes it, and with only the
progress the client may see."""

import csv
import io

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from actionplan.models import Action, GlossaryEntry, PolicyLine
from actionplan.selectors import plan_export
from actors.models import Actor, Minister
from budgets.models import BudgetLine
from measures.models import Measure, ProgressUpdate
from tests.api.conftest import OWN_MEASURE, session_client, token_client
from tests.factories import record_update

pytestmark = pytest.mark.django_db

INTERNAL_NARRATIVE = "Internal: the partner withdrew its funding."


def record(measure_code: str, author, **overrides) -> ProgressUpdate:
    return record_update(Measure.objects.get(code=measure_code), author, **overrides)


def numerical(code: str) -> tuple[int, ...]:
    """A measure code's sort key: 5.2 before 5.10."""
    return tuple(int(part) for part in code.split("."))


@pytest.fixture
def progress(users):
    """Measure 5.1 with a public update (on track, 30%) and a later internal one (delayed)."""
    coordinator = users["coordinator"]
    public = record(OWN_MEASURE, coordinator, progress_percent=30, narrative="Public news.")
    internal = record(
        OWN_MEASURE,
        coordinator,
        implementation_status="delayed",
        progress_percent=35,
        narrative=INTERNAL_NARRATIVE,
        reason="Funding withdrawn.",
        visibility="internal",
    )
    return public, internal


def results(response) -> list:
    assert response.status_code == 200, response.content
    return response.json()["results"]


# --- The plan and who carries it out ---------------------------------------------------------


def test_plans_list_and_detail_give_the_plan_as_export_plan_does(anonymous, plan):
    exported = plan_export(plan=plan)["plan"]
    assert results(anonymous.get("/api/v1/plans/")) == [exported]
    detail = anonymous.get(f"/api/v1/plans/{plan.code}/")
    assert detail.status_code == 200
    assert detail.json() == exported


def test_policy_lines_list_their_actions(anonymous, plan):
    lines = results(anonymous.get("/api/v1/policy-lines/"))
    assert [line["number"] for line in lines] == [1, 2, 3, 4, 5]
    first = anonymous.get("/api/v1/policy-lines/1/").json()
    line = PolicyLine.objects.get(plan=plan, number=1)
    assert first == {
        "plan": plan.code,
        "number": 1,
        "title": line.title,
        "actions": sorted(line.actions.values_list("number", flat=True)),
    }


def test_actions_list_their_measures_in_code_order(anonymous, plan):
    actions = results(anonymous.get("/api/v1/actions/"))
    assert len(actions) == Action.objects.filter(plan=plan).count() == 14
    action5 = anonymous.get("/api/v1/actions/5/").json()
    assert action5["policy_line"] == Action.objects.get(number=5).policy_line.number
    codes = action5["measures"]
    assert codes[0] == "5.1"
    assert codes == sorted(codes, key=lambda code: int(code.split(".")[1]))


def test_a_number_or_code_that_does_not_exist_is_a_json_404(anonymous, plan):
    for url in [
        "/api/v1/policy-lines/99/",
        "/api/v1/policy-lines/one/",
        "/api/v1/actions/0/",
        "/api/v1/measures/99.1/",
        "/api/v1/actors/NOBODY/",
        "/api/v1/plans/no-such-plan/",
        "/api/v1/glossary/999999/",
        "/api/v1/no-such-endpoint/",
    ]:
        response = anonymous.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json", url
        assert response.json()["code"] == "not_found", url


def test_plan_parameter_scopes_lists_and_an_unknown_plan_is_a_400(anonymous, plan):
    assert len(results(anonymous.get(f"/api/v1/actions/?plan={plan.code}"))) == 14
    response = anonymous.get("/api/v1/actions/?plan=no-such-plan")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["plan"]


@pytest.mark.parametrize("url", ["/api/v1/actions/", "/api/v1/measures/"])
def test_an_unknown_plan_reads_the_same_in_the_api_as_on_the_measure_list(anonymous, plan, url):
    page = anonymous.get("/measures/", {"plan": "no-such-plan"})
    assert page.status_code == 400
    assert "Unknown plan: no-such-plan." in page.content.decode()
    response = anonymous.get(url, {"plan": "no-such-plan"})
    assert response.json()["errors"] == {"plan": ["Unknown plan: no-such-plan."]}


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/policy-lines/1/",
        "/api/v1/actions/5/",
        f"/api/v1/measures/{OWN_MEASURE}/",
        f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
    ],
)
def test_plan_scoped_urls_find_their_object_in_the_plan_and_refuse_an_unknown_plan(
    anonymous, plan, url
):
    assert anonymous.get(url, {"plan": plan.code}).status_code == 200
    response = anonymous.get(url, {"plan": "no-such-plan"})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["errors"]) == ["plan"]


def test_a_measure_code_the_plan_lacks_is_a_404_on_its_urls(anonymous, plan):
    for url in ["/api/v1/measures/99.1/", "/api/v1/measures/99.1/progress-updates/"]:
        response = anonymous.get(url, {"plan": plan.code})
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found", url


def test_actors_are_found_by_code_with_their_aliases(anonymous, plan):
    actors = results(anonymous.get("/api/v1/actors/"))
    assert len(actors) == Actor.objects.count()
    cjsm = anonymous.get("/api/v1/actors/CJSM/").json()
    assert set(cjsm["aliases"]) >= {"CISM", "CJSJ"}
    spaced = anonymous.get("/api/v1/actors/FOD%20BiZA/")
    assert spaced.status_code == 200
    assert spaced.json()["code"] == "FOD BiZA"


def test_ministers_are_found_by_slug(anonymous, plan):
    ministers = results(anonymous.get("/api/v1/ministers/"))
    assert len(ministers) == Minister.objects.count()
    minister = Minister.objects.first()
    assert anonymous.get(f"/api/v1/ministers/{minister.slug}/").json() == {
        "slug": minister.slug,
        "title": minister.title,
        "portfolio": minister.portfolio.slug,
    }


def test_budget_lines_are_listed_with_their_measure_and_filtered(anonymous, plan):
    lines = results(anonymous.get("/api/v1/budget-lines/?page_size=1000"))
    assert len(lines) == BudgetLine.objects.count()
    for_41 = results(anonymous.get("/api/v1/budget-lines/?measure=4.1"))
    assert for_41 and {line["measure"] for line in for_41} == {"4.1"}
    line = for_41[0]
    assert line["amount"] == "568311.00" and line["unit"] == "EUR"
    assert anonymous.get(f"/api/v1/budget-lines/{line['id']}/").json() == line
    regular = results(anonymous.get("/api/v1/budget-lines/?regular_resources=true&page_size=500"))
    assert regular and all(line["regular_resources"] for line in regular)


def test_glossary_entries_name_their_actor(anonymous, plan):
    entries = results(anonymous.get("/api/v1/glossary/?page_size=1000"))
    assert len(entries) == GlossaryEntry.objects.filter(plan=plan).count()
    wvg = next(entry for entry in entries if entry["term"] == "WVG")
    assert wvg["actor"] == "WVG" and wvg["kind"] == "abbreviation"
    assert anonymous.get(f"/api/v1/glossary/{wvg['id']}/").json() == wvg


# --- Measures --------------------------------------------------------------------------------


def without_fields_as_printed(measure: dict) -> dict:
    """An exported measure without what export_plan adds for load_plan (the plan's wording)."""
    printed = ("ministers_as_printed", "budget_as_printed")
    return {
        **{key: value for key, value in measure.items() if key not in printed},
        "actors": [
            {key: value for key, value in actor.items() if key != "as_printed"}
            for actor in measure["actors"]
        ],
        "budget_lines": [
            {key: value for key, value in line.items() if key != "notes"}
            for line in measure["budget_lines"]
        ],
    }


def test_measure_is_found_by_code_and_shaped_as_in_export_plan(anonymous, plan):
    exported = {m["code"]: without_fields_as_printed(m) for m in plan_export(plan=plan)["measures"]}
    response = anonymous.get("/api/v1/measures/5.10/")
    assert response.status_code == 200
    data = response.json()
    extra = {"plan", "implementation_status", "progress_percent", "last_update_at", "version"}
    assert {key: value for key, value in data.items() if key not in extra} == exported["5.10"]
    assert data["plan"] == plan.code
    assert data["implementation_status"] == "not_started"
    assert data["progress_percent"] == 0
    assert data["last_update_at"] is None


def test_measure_list_gives_every_measure_in_code_order(anonymous, plan):
    measures = results(anonymous.get("/api/v1/measures/"))
    codes = [measure["code"] for measure in measures]
    assert len(codes) == 62
    assert codes == sorted(codes, key=numerical)
    assert codes.index("5.2") < codes.index("5.10")


def test_measure_list_takes_the_query_string_of_the_measure_list_page(anonymous, plan):
    measures = results(anonymous.get("/api/v1/measures/?actor=WVG&plan_status=N"))
    expected = (
        Measure.objects.filter(plan_status="N", actor_links__actor__code="WVG")
        .distinct()
        .in_code_order()
    )
    assert [m["code"] for m in measures] == [m.code for m in expected]
    assert all("WVG" in [actor["code"] for actor in m["actors"]] for m in measures)
    searched = results(anonymous.get("/api/v1/measures/?q=5.10"))
    assert [m["code"] for m in searched] == ["5.10"]
    descending = [m["code"] for m in results(anonymous.get("/api/v1/measures/?ordering=-code"))]
    assert len(descending) == 62
    assert descending == sorted(descending, key=numerical, reverse=True)
    assert descending.index("5.10") < descending.index("5.2")


def test_an_invalid_filter_value_is_a_400_naming_the_parameter(anonymous, plan):
    response = anonymous.get("/api/v1/measures/?actor=NOBODY&plan_status=X")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid"
    assert set(body["errors"]) == {"actor", "plan_status"}
    assert all(isinstance(message, str) for message in body["errors"]["actor"])


def test_anonymous_clients_see_public_progress_only(anonymous, progress):
    public, internal = progress
    data = anonymous.get(f"/api/v1/measures/{OWN_MEASURE}/").json()
    assert data["implementation_status"] == "on_track"
    assert data["progress_percent"] == 30
    assert data["last_update_at"] is not None
    assert data["version"] is None
    listed = anonymous.get("/api/v1/measures/?implementation_status=delayed").json()
    assert OWN_MEASURE not in [m["code"] for m in listed["results"]]
    updates = results(anonymous.get(f"/api/v1/measures/{OWN_MEASURE}/progress-updates/"))
    assert [u["id"] for u in updates] == [public.pk]
    assert updates[0]["author"] is None
    everything = anonymous.get("/api/v1/progress-updates/?page_size=1000").content.decode()
    assert INTERNAL_NARRATIVE not in everything
    assert anonymous.get(f"/api/v1/progress-updates/{internal.pk}/").status_code == 404


def test_users_without_a_portal_role_see_public_progress_only(users, progress):
    client = token_client(users["no_role"])
    data = client.get(f"/api/v1/measures/{OWN_MEASURE}/").json()
    assert data["implementation_status"] == "on_track"
    assert data["version"] is None
    text = client.get("/api/v1/progress-updates/").content.decode()
    assert INTERNAL_NARRATIVE not in text


@pytest.mark.parametrize("role", ["platform_admin", "coordinator", "evaluator", "ministry_viewer"])
def test_portal_users_see_the_latest_progress_and_internal_updates(users, progress, role):
    public, internal = progress
    client = token_client(users[role])
    data = client.get(f"/api/v1/measures/{OWN_MEASURE}/").json()
    assert data["implementation_status"] == "delayed"
    assert data["progress_percent"] == 35
    assert data["version"] == Measure.objects.get(code=OWN_MEASURE).version
    updates = results(client.get(f"/api/v1/measures/{OWN_MEASURE}/progress-updates/"))
    assert [u["id"] for u in updates] == [internal.pk, public.pk]
    assert updates[0]["visibility"] == "internal"
    assert updates[0]["author"] == "coord-wvg"
    assert updates[0]["reason"] == "Funding withdrawn."


def test_session_users_read_as_themselves(users, progress):
    client = session_client(users["evaluator"])
    assert client.get(f"/api/v1/measures/{OWN_MEASURE}/").json()["progress_percent"] == 35


def test_progress_updates_are_filtered_by_measure_status_and_visibility(users, progress):
    client = token_client(users["evaluator"])
    by_measure = results(client.get(f"/api/v1/progress-updates/?measure={OWN_MEASURE}"))
    assert len(by_measure) == 2
    delayed = results(client.get("/api/v1/progress-updates/?implementation_status=delayed"))
    assert [u["narrative"] for u in delayed] == [INTERNAL_NARRATIVE]
    public = results(client.get("/api/v1/progress-updates/?visibility=public"))
    assert [u["visibility"] for u in public] == ["public"]
    bad = client.get("/api/v1/progress-updates/?visibility=secret")
    assert bad.status_code == 400 and "visibility" in bad.json()["errors"]


# --- Incremental sync ------------------------------------------------------------------------


def test_updated_since_lists_only_what_changed_after_the_moment(users, plan):
    client = token_client(users["evaluator"])
    before = timezone.now()
    assert results(client.get("/api/v1/measures/", {"updated_since": before.isoformat()})) == []
    assert (
        results(client.get("/api/v1/progress-updates/", {"updated_since": before.isoformat()}))
        == []
    )
    update = record(OWN_MEASURE, users["coordinator"])
    changed = results(client.get("/api/v1/measures/", {"updated_since": before.isoformat()}))
    assert [m["code"] for m in changed] == [OWN_MEASURE]
    new_updates = results(
        client.get("/api/v1/progress-updates/", {"updated_since": before.isoformat()})
    )
    assert [u["id"] for u in new_updates] == [update.pk]
    nested = results(
        client.get(
            f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
            {"updated_since": before.isoformat()},
        )
    )
    assert [u["id"] for u in nested] == [update.pk]
    after = timezone.now()
    assert results(client.get("/api/v1/measures/", {"updated_since": after.isoformat()})) == []


def test_updated_since_accepts_a_date_and_refuses_anything_else(anonymous, plan):
    assert len(results(anonymous.get("/api/v1/measures/?updated_since=2000-01-01"))) == 62
    for bad in ["yesterday", "2026-13-01", "0000-01-01T00:00:00Z"]:
        response = anonymous.get("/api/v1/measures/", {"updated_since": bad})
        assert response.status_code == 400, bad
        assert list(response.json()["errors"]) == ["updated_since"]


@pytest.mark.parametrize("reader", ["anonymous", "no_role"])
def test_updated_since_does_not_show_anonymous_clients_internal_updates(users, plan, reader):
    client = APIClient() if reader == "anonymous" else token_client(users["no_role"])
    since = {"updated_since": timezone.now().isoformat()}
    record(OWN_MEASURE, users["coordinator"], visibility="internal")
    assert results(client.get("/api/v1/measures/", since)) == []
    assert results(client.get("/api/v1/progress-updates/", since)) == []
    assert results(client.get(f"/api/v1/measures/{OWN_MEASURE}/progress-updates/", since)) == []
    # A public update shows: the filter hides the internal one, not everything.
    public = record(OWN_MEASURE, users["coordinator"], visibility="public")
    assert [m["code"] for m in results(client.get("/api/v1/measures/", since))] == [OWN_MEASURE]
    assert [u["id"] for u in results(client.get("/api/v1/progress-updates/", since))] == [public.pk]


# --- CSV -------------------------------------------------------------------------------------


def read_csv(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_lists_are_also_csv_by_format_or_accept_header(anonymous, plan):
    by_format = read_csv(anonymous.get("/api/v1/measures/?format=csv&actor=WVG"))
    by_accept = read_csv(anonymous.get("/api/v1/measures/?actor=WVG", HTTP_ACCEPT="text/csv"))
    assert by_format == by_accept
    row = next(row for row in by_format if row["code"] == OWN_MEASURE)
    assert {"WVG", "WVG (coordinator)"} & set(row["actors"].split("; "))
    assert "<" not in row["description"]  # text, not markup
    assert row["implementation_status"] == "Not started"
    assert (
        'filename="measures.csv"'
        in anonymous.get("/api/v1/measures/?format=csv")["Content-Disposition"]
    )


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/plans/",
        "/api/v1/policy-lines/",
        "/api/v1/actions/",
        "/api/v1/actors/",
        "/api/v1/ministers/",
        "/api/v1/budget-lines/",
        "/api/v1/progress-updates/",
        "/api/v1/glossary/",
        f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
    ],
)
def test_every_list_endpoint_gives_csv(anonymous, plan, url):
    rows = read_csv(anonymous.get(url + "?format=csv"))
    json_results = anonymous.get(url).json()["results"]
    assert len(rows) == len(json_results)


def test_csv_cells_that_a_spreadsheet_would_run_are_defused(users, plan):
    record(OWN_MEASURE, users["coordinator"], narrative='=HYPERLINK("http://evil")')
    rows = read_csv(token_client(users["evaluator"]).get("/api/v1/progress-updates/?format=csv"))
    assert rows[0]["narrative"].startswith("'=")


def test_detail_endpoints_and_errors_are_json_only(anonymous, plan):
    response = anonymous.get("/api/v1/measures/5.1/?format=csv")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["format"]
    error = anonymous.get("/api/v1/measures/?format=csv&actor=NOBODY")
    assert error.status_code == 400
    assert error["Content-Type"] == "application/json"


def test_an_accept_header_naming_no_format_given_is_a_406(anonymous, plan):
    response = anonymous.get("/api/v1/measures/", HTTP_ACCEPT="text/html")
    assert response.status_code == 406
    assert response.json()["code"] == "not_acceptable"


def test_a_bad_token_on_a_request_refused_for_another_reason_is_no_server_error(plan):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer")
    response = client.get("/api/v1/plans/?format=nonsense")
    assert response.status_code in (400, 401)
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/measures/%00/", 404),
        ("/api/v1/measures/5.1%00/progress-updates/", 404),
        ("/api/v1/measures/5.1/?plan=%00", 400),
        ("/api/v1/actions/?plan=%00", 400),
        ("/api/v1/policy-lines/1/?plan=%00", 400),
        ("/api/v1/progress-updates/?measure=%00", 400),
        ("/api/v1/glossary/99999999999999999999999/", 404),
        ("/api/v1/budget-lines/?measure=5.1&page=99999999999999999999", 404),
    ],
)
def test_values_no_database_could_store_are_refused_not_crashed_on(anonymous, plan, url, status):
    response = anonymous.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"


def test_a_nul_character_in_any_filter_is_a_400_naming_it(anonymous, plan):
    response = anonymous.get("/api/v1/measures/?minister=a%00b&q=ok")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["minister"]
    assert anonymous.get("/api/v1/actors/W%00G/").status_code == 404
