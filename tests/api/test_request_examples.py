"""What the documentation offers a client to send is accepted: the write's request examples,
and the body Swagger UI generates from the field schemas when a client presses "Try it out";
OPTIONS on the write describes the fields a client may send."""

import pytest
import yaml

from measures.models import ProgressUpdate
from tests.api.conftest import OWN_MEASURE, token_client

pytestmark = pytest.mark.django_db

WRITE = "/api/v1/measures/{measure_code}/progress-updates/"
# The values swagger-ui's sample generator (swagger-client's getSampleSchema) gives each
# string format when a schema has no example of its own.
SWAGGER_STRING_SAMPLES = {
    "date": "2019-08-24",
    "date-time": "2019-08-24T14:15:22Z",
    "uri": "http://example.com",
    "email": "user@example.com",
}


@pytest.fixture
def schema(client, plan) -> dict:
    return yaml.safe_load(client.get("/api/schema/").content)


def swagger_sample(schema: dict, part: dict):
    """The value swagger-ui puts in a request body for `part` (an OpenAPI schema): its
    example, else its first enum value, else a sample of its type and format."""
    if "$ref" in part:
        target = schema
        for name in part["$ref"].lstrip("#/").split("/"):
            target = target[name]
        return swagger_sample(schema, target)
    if "allOf" in part:
        return swagger_sample(schema, part["allOf"][0])
    if "oneOf" in part:
        return swagger_sample(schema, part["oneOf"][0])
    if "example" in part:
        return part["example"]
    if "enum" in part:
        return part["enum"][0]
    kind = part.get("type", "object")
    if kind == "object":
        return {
            name: swagger_sample(schema, spec)
            for name, spec in part.get("properties", {}).items()
            if not spec.get("readOnly")
        }
    if kind == "array":
        return [swagger_sample(schema, part.get("items", {}))]
    if kind == "integer":
        return part.get("minimum", 0)
    if kind == "number":
        return part.get("minimum", 0)
    if kind == "boolean":
        return True
    return SWAGGER_STRING_SAMPLES.get(part.get("format"), "string")


def _request_body(schema: dict) -> dict:
    return schema["paths"][WRITE]["post"]["requestBody"]["content"]["application/json"]


def _post(client, body):
    return client.post(WRITE.format(measure_code=OWN_MEASURE), body, format="json")


def test_the_body_swagger_ui_generates_for_the_write_is_accepted(schema, platform_admin):
    body = swagger_sample(schema, _request_body(schema)["schema"])
    response = _post(token_client(platform_admin), body)
    assert response.status_code == 201, (body, response.json())


def test_every_request_example_of_the_write_is_accepted(schema, platform_admin):
    examples = _request_body(schema).get("examples", {})
    assert examples
    client = token_client(platform_admin)
    for name, example in examples.items():
        response = _post(client, example["value"])
        assert response.status_code == 201, (name, response.json())


def test_options_on_the_write_describe_the_fields_a_client_sends(platform_admin, plan):
    client = token_client(platform_admin)
    described = client.options(WRITE.format(measure_code=OWN_MEASURE)).json()
    fields = described["actions"]["POST"]
    assert {"implementation_status", "progress_percent", "narrative", "reason"} <= set(fields)
    assert "id" not in fields and "author" not in fields
    assert not any(field["read_only"] for field in fields.values())
    assert fields["narrative"]["required"] is True
    assert [choice["value"] for choice in fields["visibility"]["choices"]] == list(
        ProgressUpdate.Visibility.values
    )
