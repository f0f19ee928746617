"""The whole plan as one open-data document: what `manage.py export_plan` prints and
/open-data/plans/<code>.json serves.

The document is a plan fixture (fixtures/README.md): `load_plan` reads it back, and an export
of what it loaded is the same document (`exported_at` aside). Beside the fixture's fields it
carries what a reader needs without the portal: the JSON Schema it follows (`$schema`), its
`format_version`, its licence, the time of export, and fields derived from the plan (each
actor's name on a measure, the split ministers, budget amounts as numbers) that `load_plan`
ignores. `PLAN_SCHEMA_FILE` is the schema, kept in the repository and served as it is.
"""

import datetime
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from actionplan.models import GlossaryEntry, Plan
from actors.models import Actor, Minister, Portfolio
from measures.models import Measure
from measures.selectors import measure_open_data, measure_queryset_with_plan_data

# A change that an existing reader could misread raises the major version (and the schema's
# address); an added optional field raises the minor one.
FORMAT_VERSION = "1.0"
PLAN_SCHEMA_FILE = Path(__file__).resolve().parent / "plan-v1.schema.json"
# The plan is a publication of the Government of Flanders: the Flemish open-data licence.
LICENCE = {
    "name": "Modellicentie Gratis Hergebruik v1.0",
    "url": "https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0",
}


@cache
def plan_schema() -> dict:
    return json.loads(PLAN_SCHEMA_FILE.read_text(encoding="utf-8"))


def plan_schema_url() -> str:
    return settings.PORTAL_URL + reverse("open-data:plan-schema")


def plan_export(*, plan: Plan, exported_at: datetime.datetime | None = None) -> dict:
    """The whole plan as one JSON-ready document (see the module's docstring)."""
    exported_at = exported_at or timezone.now()
    return {
        "$schema": plan_schema_url(),
        "format_version": FORMAT_VERSION,
        "license": LICENCE,
        "exported_at": exported_at.astimezone(datetime.UTC).isoformat(timespec="seconds"),
        "plan": {
            "code": plan.code,
            "title": plan.title,
            "subtitle": plan.subtitle,
            "government": plan.government,
            "adoption_year": plan.adoption_year,
            "evaluation_due": plan.evaluation_due.isoformat(),
            "evaluation_due_text": plan.evaluation_due_text,
            "introduction": plan.introduction,
            "notes": list(plan.notes),
        },
        "policy_lines": [
            {"number": line.number, "title": line.title} for line in plan.policy_lines.all()
        ],
        "actions": [
            {
                "number": action.number,
                "title": action.title,
                "policy_line": action.policy_line.number,
            }
            for action in plan.actions.select_related("policy_line")
        ],
        "actors": _actors(plan),
        "portfolios": _portfolios(plan),
        "measures": [
            _measure(measure) for measure in measure_queryset_with_plan_data().filter(plan=plan)
        ],
        "glossary": [
            {
                "term": entry.term,
                "kind": entry.kind,
                "definition": entry.definition,
                "footnote": entry.footnote,
                "actor": entry.actor.code if entry.actor else None,
                "notes": list(entry.notes),
            }
            for entry in GlossaryEntry.objects.filter(plan=plan)
            .select_related("actor")
            .order_by("position")
        ],
    }


def _actors(plan: Plan) -> list[dict]:
    """The actors the plan names (on a measure or in its glossary), in the order loaded."""
    named = Q(measures__plan=plan) | Q(glossary_entries__plan=plan)
    actors = Actor.objects.filter(pk__in=Actor.objects.filter(named).values("pk"))
    return [
        {
            "code": actor.code,
            "name": actor.name,
            "kind": actor.kind,
            "aliases": [alias.alias for alias in actor.aliases.all()],
            "notes": list(actor.notes),
        }
        for actor in actors.prefetch_related("aliases").order_by("pk")
    ]


def _portfolios(plan: Plan) -> list[dict]:
    """The portfolios of the ministers' titles the plan's measures print, with those titles."""
    portfolios = Portfolio.objects.filter(titles__measures__plan=plan).distinct().order_by("slug")
    titles: dict[int, list[str]] = {}
    for portfolio_id, title in (
        Minister.objects.filter(measures__plan=plan, portfolio__isnull=False)
        .distinct()
        .order_by("title")
        .values_list("portfolio_id", "title")
    ):
        titles.setdefault(portfolio_id, []).append(title)
    return [
        {
            "slug": portfolio.slug,
            "name": portfolio.name,
            "titles": titles[portfolio.pk],
            "notes": list(portfolio.notes),
        }
        for portfolio in portfolios
    ]


def _measure(measure: Measure) -> dict:
    """A measure as open data (the API's shape), with the fixture's fields as printed."""
    data = measure_open_data(measure)
    for actor, link in zip(data["actors"], measure.actor_links.all(), strict=True):
        actor["as_printed"] = link.as_printed
    for line, budget_line in zip(data["budget_lines"], measure.budget_lines.all(), strict=True):
        line["notes"] = list(budget_line.notes)
    data["ministers_as_printed"] = measure.ministers_as_printed
    data["budget_as_printed"] = measure.budget_as_printed
    return data
