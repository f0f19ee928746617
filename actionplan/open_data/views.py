"""The open-data files: the plan as JSON, its JSON Schema and the DCAT-AP catalogue record."""

import json

from django.http import Http404, HttpResponse, JsonResponse

from actionplan.open_data.catalog import catalog_record
from actionplan.open_data.document import PLAN_SCHEMA_FILE, plan_export
from actionplan.plans import plan_get


def plan_document(request, plan_code: str):
    """/open-data/plans/<code>.json: what `manage.py export_plan --plan <code>` prints."""
    plan = plan_get(code=plan_code)
    if plan is None:
        raise Http404
    response = JsonResponse(plan_export(plan=plan), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'inline; filename="{plan.code}.json"'
    return response


def plan_schema(request):
    """/open-data/plan-v1.schema.json: the schema file as kept in the repository."""
    return HttpResponse(
        PLAN_SCHEMA_FILE.read_bytes(), content_type="application/schema+json; charset=utf-8"
    )


def catalog(request):
    """/open-data/catalog.jsonld: the DCAT-AP record of every dataset."""
    body = json.dumps(catalog_record(), ensure_ascii=False, indent=2)
    return HttpResponse(body, content_type="application/ld+json; charset=utf-8")
