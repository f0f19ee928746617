"""The portal's datasets as a DCAT-AP catalogue record (JSON-LD), for government open-data
portals to harvest: each plan a dataset with its distributions (the plan as JSON, its measures
as CSV, Dutch-spreadsheet CSV and XLSX), the public progress feed and the API.

The JSON-LD context is written out in the record (no remote context to fetch), and every
address is absolute, made from settings.PORTAL_URL.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse

from actionplan.models import Plan
from actionplan.open_data.document import LICENCE, plan_schema_url

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:issued": {"@type": "xsd:date"},
    "dct:modified": {"@type": "xsd:dateTime"},
}
IANA = "http://www.iana.org/assignments/media-types/"
EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"


def absolute(path: str, **query) -> str:
    return settings.PORTAL_URL + path + (f"?{urlencode(query)}" if query else "")


def _distribution(url: str, title: str, media_type: str, file_type: str, **extra) -> dict:
    return {
        "@id": url,
        "@type": "dcat:Distribution",
        "dct:title": title,
        "dcat:accessURL": {"@id": url},
        "dcat:downloadURL": {"@id": url},
        "dcat:mediaType": {"@id": IANA + media_type},
        "dct:format": {"@id": EU_FILE_TYPE + file_type},
        "dct:license": {"@id": LICENCE["url"]},
        **extra,
    }


def _publisher(plan: Plan) -> dict:
    return {"@type": "foaf:Agent", "foaf:name": plan.government}


def plan_dataset(plan: Plan) -> dict:
    """A plan, its measures and their budgets, in every file the portal offers of it."""
    csv = absolute(reverse("measures:export-csv"), plan=plan.code)
    return {
        "@id": absolute(reverse("plan:home", kwargs={"plan_code": plan.code})),
        "@type": "dcat:Dataset",
        "dct:identifier": plan.code,
        "dct:title": plan.title,
        "dct:description": (
            f"{plan.title} ({plan.government}, {plan.adoption_year}): its policy lines, "
            "actions and measures, with the actors, ministers and budget of each measure."
        ),
        "dct:publisher": _publisher(plan),
        "dct:issued": f"{plan.adoption_year}-01-01",
        "dct:language": {"@id": EU_LANGUAGE + "ENG"},
        "dcat:keyword": ["action plan", "measures", "budget", plan.government],
        "dcat:landingPage": {
            "@id": absolute(reverse("plan:plan-tree", kwargs={"plan_code": plan.code}))
        },
        "dcat:distribution": [
            _distribution(
                absolute(reverse("open-data:plan", kwargs={"plan_code": plan.code})),
                "The whole plan (JSON)",
                "application/json",
                "JSON",
                **{"dct:conformsTo": {"@id": plan_schema_url()}},
            ),
            _distribution(csv, "Measures (CSV)", "text/csv", "CSV"),
            _distribution(
                absolute(reverse("measures:export-csv-nl"), plan=plan.code),
                "Measures (CSV for spreadsheets set to Dutch: ; and decimal comma)",
                "text/csv",
                "CSV",
            ),
            _distribution(
                absolute(reverse("measures:export-xlsx"), plan=plan.code),
                "Measures (XLSX)",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "XLSX",
            ),
        ],
    }


def progress_dataset(plan: Plan) -> dict:
    """Public progress of the measures, as an Atom feed and through the API."""
    feed = absolute(reverse("feeds:progress"))
    api = absolute(reverse("api:measure-list"))
    return {
        "@id": absolute(reverse("feeds:progress")) + "#dataset",
        "@type": "dcat:Dataset",
        "dct:title": f"Progress of the measures: {plan.title}",
        "dct:description": (
            "The public progress reported on each measure (implementation status, completion, "
            "narrative), newest first, and the plan's data through a REST API."
        ),
        "dct:publisher": _publisher(plan),
        "dcat:keyword": ["progress", "monitoring"],
        "dcat:distribution": [
            _distribution(feed, "Public progress (Atom feed)", "application/atom+xml", "ATOM"),
            {
                "@id": absolute(reverse("api-schema")) + "#distribution",
                "@type": "dcat:Distribution",
                "dct:title": "REST API (JSON, CSV) of the plans, measures and progress",
                "dcat:accessURL": {"@id": api},
                "dcat:mediaType": {"@id": IANA + "application/json"},
                "dct:format": {"@id": EU_FILE_TYPE + "JSON"},
                "dct:license": {"@id": LICENCE["url"]},
                "dcat:accessService": {
                    "@type": "dcat:DataService",
                    "dct:title": "Action-plan portal API",
                    "dcat:endpointURL": {"@id": api},
                    "dcat:endpointDescription": {"@id": absolute(reverse("api-schema"))},
                },
            },
        ],
    }


def catalog_record() -> dict:
    """The catalogue of every plan's datasets, as JSON-LD."""
    plans = list(Plan.objects.all())
    datasets = [plan_dataset(plan) for plan in plans]
    default = Plan.objects.default()
    if default is not None:
        datasets.append(progress_dataset(default))
    return {
        "@context": CONTEXT,
        "@id": absolute(reverse("open-data:catalog")),
        "@type": "dcat:Catalog",
        "dct:title": "Action-plan portal: open data",
        "dct:description": (
            "Government action plans, their measures, budgets and reported progress, as "
            "files and feeds that anyone may reuse under the licence given."
        ),
        "dct:publisher": _publisher(default)
        if default
        else {"@type": "foaf:Agent", "foaf:name": "Action-plan portal"},
        "dct:license": {"@id": LICENCE["url"]},
        "dct:language": {"@id": EU_LANGUAGE + "ENG"},
        "foaf:homepage": {"@id": absolute("/")},
        "dcat:dataset": datasets,
    }
