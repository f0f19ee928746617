"""A strict contract: the schema is the same bytes in every language, a query parameter the
schema does not declare is a 400 naming it, and formats are refused consistently (400 for an
unknown `format`, 406 for an Accept header that names no format served)."""

import re

import pytest
import yaml

from actors.models import Minister
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

UNKNOWN = "Unknown parameter: see the API's schema for those there are."
# A value for each path parameter of the schema, by path.
PATH_VALUES = {
    "/api/v1/plans/{code}/": {"code": None},  # the loaded plan's code, filled in below
    "/api/v1/actors/{code}/": {"code": "WVG"},
    "/api/v1/measures/{code}/": {"code": "5.1"},
}
DEFAULT_VALUES = {"measure_code": "5.1", "number": "1", "id": "1", "kind": "pdf"}


@pytest.fixture
def schema(client, plan) -> dict:
    return yaml.safe_load(client.get("/api/schema/").content)


@pytest.fixture
def admin_client(platform_admin):
    return token_client(platform_admin)


def test_the_schema_is_byte_identical_whatever_the_language(client, plan):
    english = client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="en")
    dutch = client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="nl")
    asked_in_dutch = client.get("/api/schema/?lang=nl", HTTP_ACCEPT_LANGUAGE="nl")
    assert english.status_code == dutch.status_code == 200
    assert english.content == dutch.content == asked_in_dutch.content
    # What changed with the language before: the enums' labels and the field titles.
    assert b"Recurrence" in english.content and b"Terugkeer" not in dutch.content
    # The documentation pages around it may still speak the reader's language.
    assert client.get("/api/docs/", HTTP_ACCEPT_LANGUAGE="nl").status_code == 200


def _concrete(path: str, plan) -> str:
    values = {**DEFAULT_VALUES, "slug": Minister.objects.first().slug}
    values |= PATH_VALUES.get(path, {})
    values = {name: value or plan.code for name, value in values.items()}
    return re.sub(r"{(\w+)}", lambda match: values[match.group(1)], path)


def test_every_read_operation_names_an_unknown_parameter_in_a_400(schema, admin_client, plan):
    for path, operations in schema["paths"].items():
        if "get" not in operations or path.endswith("/files/{kind}/"):
            continue
        response = admin_client.get(_concrete(path, plan), {"actr": "WVG"})
        assert response.status_code == 400, path
        assert response.json()["errors"] == {"actr": [UNKNOWN]}, path


def test_the_report_file_download_names_an_unknown_parameter_too(admin_client, plan):
    response = admin_client.get("/api/v1/report-runs/1/files/pdf/?download=1")
    assert response.status_code == 400
    assert response.json()["errors"] == {"download": [UNKNOWN]}


def test_every_declared_query_parameter_is_accepted(schema, admin_client, plan):
    """The other side of the contract: no parameter that the schema declares is refused as
    unknown (its value may still be refused)."""
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        for parameter in operation.get("parameters", []):
            if parameter["in"] != "query" or parameter["name"] == "format":
                continue
            response = admin_client.get(_concrete(path, plan), {parameter["name"]: "1"})
            if response.status_code == 400:
                assert UNKNOWN not in str(response.json()["errors"]), (path, parameter["name"])


def test_a_parameter_of_another_name_is_not_silently_ignored(anonymous, plan):
    # budget-lines/ takes regular_resources; the measure list calls it `funding`.
    response = anonymous.get("/api/v1/measures/?regular_resources=1")
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["regular_resources"]
    several = anonymous.get("/api/v1/measures/?actr=WVG&actor=WVG&polcy_line=1").json()
    assert list(several["errors"]) == ["actr", "polcy_line"]


def test_the_write_names_an_unknown_parameter(coordinator, plan):
    response = token_client(coordinator).post(
        "/api/v1/measures/5.1/progress-updates/?dry_run=1", {}, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["dry_run"]


@pytest.mark.parametrize(
    ("url", "formats"),
    [
        ("/api/v1/measures/?format=xml", "json, csv"),
        ("/api/v1/measures/5.1/?format=xml", "json"),
        ("/api/v1/measures/5.1/?format=csv", "json"),
        ("/api/v1/changes/?format=csv", "json"),
        ("/api/v1/actions/?format=", "json, csv"),
    ],
)
def test_an_unknown_format_is_a_400_naming_the_formats_there_are(anonymous, plan, url, formats):
    response = anonymous.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"] == {"format": [f"Give one of: {formats}."]}


def test_a_format_the_operation_serves_is_accepted_on_lists_and_details(anonymous, plan):
    assert anonymous.get("/api/v1/measures/?format=csv")["Content-Type"].startswith("text/csv")
    assert anonymous.get("/api/v1/measures/5.1/?format=json").status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/measures/", "/api/v1/measures/5.1/", "/api/v1/changes/"])
def test_an_accept_header_naming_no_format_served_is_a_json_406(anonymous, plan, url):
    response = anonymous.get(url, HTTP_ACCEPT="application/xml")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_acceptable"


def test_every_csv_list_is_also_an_operation_of_its_own(schema, anonymous, plan):
    csv_paths = [path for path in schema["paths"] if path.endswith(".csv")]
    assert "/api/v1/measures.csv" in csv_paths
    for path in csv_paths:
        operation = schema["paths"][path]["get"]
        assert list(operation["responses"]["200"]["content"]) == ["text/csv"], path
        json_twin = schema["paths"][path.removesuffix(".csv") + "/"]["get"]
        assert {p["name"] for p in operation["parameters"]} == {
            p["name"] for p in json_twin["parameters"] if p["name"] != "format"
        }, path
    as_csv = anonymous.get("/api/v1/measures.csv?actor=WVG&page_size=5")
    as_format = anonymous.get("/api/v1/measures/?actor=WVG&page_size=5&format=csv")
    assert as_csv["Content-Type"].startswith("text/csv")
    assert as_csv.content == as_format.content
    assert as_csv["X-Total-Count"] == as_format["X-Total-Count"]
    assert anonymous.get("/api/v1/measures.csv?actr=WVG").json()["errors"] == {"actr": [UNKNOWN]}
    assert anonymous.get("/api/v1/measures.csv", HTTP_ACCEPT="application/json").status_code == 406


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/measures/?updated_since=", "updated_since"),
        ("/api/v1/progress-updates/?updated_since=", "updated_since"),
        ("/api/v1/changes/?limit=", "limit"),
        ("/api/v1/measures/?page_size=", "page_size"),
    ],
)
def test_an_empty_value_of_a_typed_parameter_is_a_400_naming_it(anonymous, plan, url, parameter):
    response = anonymous.get(url)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [parameter]


def test_a_number_where_the_write_takes_text_is_refused(coordinator, plan):
    body = {"implementation_status": "on_track", "progress_percent": 10, "narrative": 7}
    response = token_client(coordinator).post(
        "/api/v1/measures/5.1/progress-updates/", body, format="json"
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["narrative"]


@pytest.mark.parametrize(
    ("url", "parameter"),
    [
        ("/api/v1/budget-lines/?regular_resources=null", "regular_resources"),
        ("/api/v1/budget-lines/?recurrence=", "recurrence"),
        ("/api/v1/measures/?ordering=sideways", "ordering"),
        ("/api/v1/measures/?implementation_status=delayed,,", "implementation_status"),
        ("/api/v1/measures/?plan_status=", "plan_status"),
        ("/api/v1/progress-updates/?reported_before=", "reported_before"),
        ("/api/v1/progress-updates/?reported_after=2026-13-45", "reported_after"),
        ("/api/v1/measures/?actor=" + ",".join(["WVG"] * 101), "actor"),
        ("/api/v1/measures/?q=" + "x" * 201, "q"),
        ("/api/v1/measures.csv?policy_line=0", "policy_line"),
    ],
)
def test_a_value_the_schema_refuses_is_a_400_not_ignored(anonymous, plan, url, parameter):
    response = anonymous.get(url)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == [parameter]


def test_values_the_schema_allows_are_served(anonymous, plan):
    for url in [
        "/api/v1/budget-lines/?regular_resources=true",
        "/api/v1/measures/?ordering=-code&actor=&minister=",
        "/api/v1/progress-updates/?reported_before=2026-11-01&plan=",
    ]:
        assert anonymous.get(url).status_code == 200, url


def test_a_refused_number_is_a_400_even_when_the_list_has_not_changed(anonymous, plan):
    """The check comes before the conditional answer: a client asking "anything new since?"
    with a number the schema refuses gets the 400, never a 304 that hides the mistake."""
    response = anonymous.get(
        "/api/v1/measures/?policy_line=1,-3",
        HTTP_IF_MODIFIED_SINCE="Wed, 14 May 3856 19:14:58 GMT",
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["policy_line"]


# A client that says it holds the list as of a moment after every change.
HOLDS_EVERYTHING = {"HTTP_IF_MODIFIED_SINCE": "Wed, 14 May 3856 19:14:58 GMT"}


@pytest.mark.parametrize(
    "query",
    ["policy_line=-5", "actor=NOPE", "year=abc", "updated_since=x", "page=abc", "page_size=0"],
)
def test_a_malformed_query_is_a_400_even_for_a_client_that_holds_the_list(anonymous, plan, query):
    answer = anonymous.get(f"/api/v1/measures/?{query}", **HOLDS_EVERYTHING)
    assert answer.status_code == 400
    assert query.split("=")[0] in answer.json()["errors"]
    assert anonymous.get("/api/v1/measures/", **HOLDS_EVERYTHING).status_code == 304
