"""The OpenAPI schema is generated from the code and documents every endpoint, parameter and
error; Swagger UI and Redoc are served from vendored assets."""

import re

import pytest
import yaml
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

LIST_PATHS = [
    "/api/v1/plans/",
    "/api/v1/policy-lines/",
    "/api/v1/actions/",
    "/api/v1/measures/",
    "/api/v1/measures/{measure_code}/progress-updates/",
    "/api/v1/actors/",
    "/api/v1/ministers/",
    "/api/v1/budget-lines/",
    "/api/v1/progress-updates/",
    "/api/v1/glossary/",
    "/api/v1/report-runs/",
]
SYNC_PATHS = [
    "/api/v1/measures/",
    "/api/v1/measures/{measure_code}/progress-updates/",
    "/api/v1/progress-updates/",
]


@pytest.fixture
def schema(client, plan) -> dict:
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_the_schema_is_openapi_3_with_every_endpoint(schema):
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in LIST_PATHS:
        assert "get" in paths[path], path
    for path in [
        "/api/v1/plans/{code}/",
        "/api/v1/policy-lines/{number}/",
        "/api/v1/actions/{number}/",
        "/api/v1/measures/{code}/",
        "/api/v1/actors/{code}/",
        "/api/v1/ministers/{slug}/",
        "/api/v1/budget-lines/{id}/",
        "/api/v1/progress-updates/{id}/",
        "/api/v1/glossary/{id}/",
        "/api/v1/report-runs/{id}/",
        "/api/v1/report-runs/{id}/files/{kind}/",
    ]:
        assert "get" in paths[path], path
    assert "post" in paths["/api/v1/measures/{measure_code}/progress-updates/"]


def test_every_operation_documents_its_errors(schema):
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            expected = {"400", "401", "406", "429"}
            if method == "post":
                expected |= {"201", "403", "415"}
                if "{" in path:  # a write to something named in the path
                    expected |= {"404", "409"}
            elif method == "patch":
                expected |= {"200", "403", "404", "415"}
            elif method == "delete":
                expected |= {"204", "403", "404"}
            elif path.endswith("/files/{kind}/"):
                expected |= {"200", "403", "404"}
            else:
                expected |= {"200", "304", "404"}
            assert expected <= set(responses), (method, path, sorted(responses))
            assert operation.get("summary"), (method, path)
            for status, response in responses.items():
                if status.startswith("4"):
                    assert list(response["content"]) == ["application/json"], (path, status)


def test_list_operations_document_filters_pagination_sync_and_csv(schema):
    for path in LIST_PATHS:
        operation = schema["paths"][path]["get"]
        names = {parameter["name"] for parameter in operation["parameters"]}
        assert {"page", "page_size", "format", "If-None-Match", "If-Modified-Since"} <= names
        if path in SYNC_PATHS:
            assert "updated_since" in names, path
        assert set(operation["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    measure_parameters = {
        parameter["name"]: parameter
        for parameter in schema["paths"]["/api/v1/measures/"]["get"]["parameters"]
    }
    assert {
        "actor",
        "actor_role",
        "minister",
        "policy_line",
        "action",
        "plan_status",
        "implementation_status",
        "budget",
        "funding",
        "year",
        "q",
        "ordering",
        "plan",
        "updated_since",
    } <= set(measure_parameters)
    assert all(parameter.get("description") for parameter in measure_parameters.values())


def test_the_measure_and_the_write_are_described_field_by_field(schema):
    components = schema["components"]["schemas"]
    measure = components["Measure"]["properties"]
    for field in [
        "code",
        "plan_status",
        "actors",
        "ministers",
        "budget_lines",
        "notes",
        "implementation_status",
        "progress_percent",
        "last_update_at",
        "version",
    ]:
        assert field in measure, field
    request = components["ProgressUpdateCreateRequest"]
    assert set(request["required"]) == {"implementation_status", "progress_percent", "narrative"}
    assert request["properties"]["reason"]["description"]
    assert "apiToken" in schema["components"]["securitySchemes"]


def test_docs_are_served_from_vendored_assets(client, plan):
    for url in ["/api/docs/", "/api/redoc/"]:
        page = client.get(url).content.decode()
        if url == "/api/docs/":  # Swagger UI's set-up is a script of its own (no inline)
            page += client.get(url, {"script": ""}).content.decode()
        # Redoc's bundle is the vendored one, served without its remote logo.
        assert "/static/drf_spectacular_sidecar/" in page or "redoc.standalone.js" in page, url
        assert "cdn" not in page.lower(), url
        assert "/api/schema/" in page, url
    asset = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert asset.status_code == 200


def test_every_field_and_parameter_is_described(schema):
    undescribed = [
        f"{name}.{prop}"
        for name, component in schema["components"]["schemas"].items()
        for prop, spec in component.get("properties", {}).items()
        if not spec.get("description")
    ]
    undescribed += [
        f"{method.upper()} {path} {parameter['name']}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]
    assert undescribed == []


def test_schema_generation_raises_no_warning(plan):
    GENERATOR_STATS.reset()
    SchemaGenerator().get_schema(request=None, public=True)
    assert not GENERATOR_STATS._warn_cache and not GENERATOR_STATS._error_cache


def test_operation_summaries_read_as_english(schema):
    summaries = {
        operation["summary"] for path in schema["paths"].values() for operation in path.values()
    }
    assert "Get an action" in summaries and "Get a policy line" in summaries
    assert not [summary for summary in summaries if re.search(r"\ba [aeiou]", summary)]
