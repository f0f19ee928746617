"""The plan as open data: the export follows its published JSON Schema, names its format,
licence and time, loads back with load_plan into an empty database and exports again the
same; the plan fixture follows the same schema."""

import datetime
import json
from io import StringIO

import jsonschema
import pytest
import yaml
from django.conf import settings
from django.core.management import call_command

from actionplan.models import Action, GlossaryEntry, Plan, PolicyLine
from actionplan.open_data import FORMAT_VERSION, plan_schema
from actors.models import Actor, ActorAlias, Minister, Portfolio
from budgets.models import BudgetLine
from measures.models import Measure, MeasureActor, MeasureMinister

pytestmark = pytest.mark.django_db

LICENCE_URL = "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0"


def export(*args) -> dict:
    out = StringIO()
    call_command("export_plan", *args, stdout=out)
    return json.loads(out.getvalue())


def validate(document: dict) -> None:
    validator = jsonschema.Draft202012Validator(
        plan_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]
    assert problems == []


def empty_the_database() -> None:
    """Remove every row the plan put in the database, most dependent first."""
    for model in (
        BudgetLine,
        MeasureActor,
        MeasureMinister,
        Measure,
        GlossaryEntry,
        Action,
        PolicyLine,
        Plan,
        ActorAlias,
        Actor,
        Minister,
        Portfolio,
    ):
        model.objects.all().delete()


def without_time(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


def test_export_follows_its_schema_and_names_format_licence_and_time(plan):
    before = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    document = export()
    validate(document)
    assert document["$schema"] == f"{settings.PORTAL_URL}/open-data/plan-v1.schema.json"
    assert document["format_version"] == FORMAT_VERSION
    assert document["license"]["url"] == LICENCE_URL
    exported_at = datetime.datetime.fromisoformat(document["exported_at"])
    assert exported_at.utcoffset() == datetime.timedelta(0)
    assert before <= exported_at <= datetime.datetime.now(datetime.UTC)


def test_schema_is_served_at_the_address_the_export_names(client, plan):
    address = export()["$schema"].removeprefix(settings.PORTAL_URL)
    response = client.get(address)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/schema+json")
    assert json.loads(response.content) == plan_schema()
    jsonschema.Draft202012Validator.check_schema(plan_schema())


def test_export_loads_back_into_an_empty_database_and_exports_the_same(plan, tmp_path):
    first = export()
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(first, ensure_ascii=False), encoding="utf-8")
    empty_the_database()
    assert not Measure.objects.exists() and not Actor.objects.exists()

    call_command("load_plan", str(path), stdout=StringIO())

    second = export()
    assert Measure.objects.count() == len(first["measures"]) == 62
    assert without_time(second) == without_time(first)


def test_an_export_of_another_format_is_refused(plan, tmp_path):
    document = {**export(), "format_version": "2.0"}
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(Exception, match="format_version 2.0 cannot be read"):
        call_command("load_plan", str(path), stdout=StringIO())


def test_the_plan_fixture_follows_the_same_schema():
    document = yaml.safe_load(settings.PLAN_FIXTURE.read_text(encoding="utf-8"))
    validate(json.loads(json.dumps(document, default=str)))  # YAML dates as ISO text


def test_the_site_serves_the_export_of_each_plan(client, plan):
    response = client.get(f"/open-data/plans/{plan.code}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    served = json.loads(response.content)
    validate(served)
    assert without_time(served) == without_time(export("--plan", plan.code))
    assert client.get("/open-data/plans/no-such-plan.json").status_code == 404
