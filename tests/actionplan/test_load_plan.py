"""load_plan: all or nothing, idempotent, and clear about a broken fixture."""

from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from actionplan.models import Plan
from actors.models import Actor
from measures.models import Measure

pytestmark = pytest.mark.django_db

PLAN_MODELS = [
    "actionplan.Plan",
    "actionplan.PolicyLine",
    "actionplan.Action",
    "actionplan.GlossaryEntry",
    "actors.Actor",
    "actors.ActorAlias",
    "actors.Minister",
    "measures.Measure",
    "measures.MeasureActor",
    "measures.MeasureMinister",
    "budgets.BudgetLine",
]


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every plan table, as values."""
    rows = {}
    for label in PLAN_MODELS:
        model = apps.get_model(label)
        moments = {"updated_at", "public_changed_at"}  # when, not what
        columns = [f.attname for f in model._meta.concrete_fields if f.name not in moments]
        rows[label] = list(model.objects.order_by("pk").values_list(*columns))
    return rows


def load(path: Path | None = None) -> str:
    out = StringIO()
    call_command("load_plan", *([str(path)] if path else []), stdout=out)
    return out.getvalue()


@pytest.fixture
def fixture_copy(tmp_path) -> tuple[dict, Path]:
    """The shipped fixture, renamed to a second plan, for tests that break it."""
    document = yaml.safe_load(settings.PLAN_FIXTURE.read_text(encoding="utf-8"))
    document["plan"]["code"] = "broken-copy"
    source = settings.PLAN_FIXTURE.parent / document["plan"]["source_file"]
    (tmp_path / "source").mkdir()
    (tmp_path / document["plan"]["source_file"]).write_text(source.read_text(encoding="utf-8"))
    return document, tmp_path / "plan.yaml"


def write(document: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    return path


def test_second_load_changes_nothing(plan):
    before = snapshot()
    output = load()
    assert "nothing changed" in output
    assert snapshot() == before


def test_load_with_apply_restores_a_row_changed_by_hand(plan):
    before = snapshot()
    Measure.objects.filter(code="5.10").update(plan_status="B")
    out = StringIO()
    call_command("load_plan", "--apply", stdout=out)
    assert "updated 1 measure" in out.getvalue()
    assert snapshot() == before


def test_loaded_plan_has_every_row(plan):
    assert plan.policy_lines.count() == 5
    assert plan.actions.count() == 14
    assert plan.measures.count() == 62
    assert "Concepts:" in plan.source_text


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (
            lambda doc: doc["measures"][5].update(code="1.1"),
            "measure 1.1 (measures[5]): duplicate code",
        ),
        (
            lambda doc: doc["measures"][3]["actors"].append({"actor": "NOPE"}),
            "measure 1.4 (measures[3]): unknown actor 'NOPE'",
        ),
        (
            lambda doc: doc["measures"][8]["budget_lines"][0].update(amount="15.00.0"),
            "measure 3.2 (measures[8]) budget_lines[0]: malformed amount '15.00.0'",
        ),
        (lambda doc: doc["measures"][0].update(plan_status="X"), "plan_status must be one of"),
        (
            lambda doc: doc["measures"][0].update(ministers_as_printed="Prime Minister"),
            "measure 1.1 (measures[0]): ministers: text that is not a minister's title",
        ),
        (
            lambda doc: doc["measures"][2].pop("title"),
            "measure 1.3 (measures[2]): title is missing",
        ),
        (
            lambda doc: doc["measures"][2].update(title="A title " * 30),
            "measure 1.3 (measures[2]): the title is longer than 200 characters",
        ),
    ],
    ids=[
        "duplicate-code",
        "unknown-actor",
        "malformed-amount",
        "bad-status",
        "bad-minister",
        "no-title",
        "long-title",
    ],
)
def test_broken_fixture_names_the_row_and_loads_nothing(fixture_copy, breakage, message):
    document, path = fixture_copy
    breakage(document)
    before = snapshot()
    with pytest.raises(CommandError) as error:
        load(write(document, path))
    assert message in str(error.value)
    assert snapshot() == before
    assert not Plan.objects.filter(code="broken-copy").exists()


def test_fixture_that_is_not_yaml_is_a_clear_error(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("plan: [unclosed\n")
    with pytest.raises(CommandError, match="not valid YAML"):
        load(path)


def test_missing_fixture_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        load(tmp_path / "absent.yaml")


def test_a_valid_copy_loads_as_a_second_plan_with_its_own_codes(fixture_copy):
    document, path = fixture_copy
    load(write(document, path))
    second = Plan.objects.get(code="broken-copy")
    assert second.measures.count() == 62
    assert Measure.objects.filter(code="5.10").count() == 2
    assert Actor.objects.filter(code="CJSM").count() == 1


def test_misprints_are_aliases_not_actors(plan):
    assert not Actor.objects.filter(code__in=["CJSJ", "CISM", "VWSG"]).exists()
    assert Actor.objects.resolving("CISM").get().code == "CJSM"
    assert Actor.objects.resolving("CJSJ").get().code == "CJSM"
    assert Actor.objects.resolving("VWSG").get().code == "VVSG"
