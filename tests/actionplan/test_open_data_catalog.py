"""The DCAT-AP catalogue record: valid JSON-LD that an open-data portal can harvest, with the
properties DCAT-AP requires, and every distribution answering."""

import pytest
from django.conf import settings
from rdflib import RDF, Graph, Literal, Namespace, URIRef

pytestmark = pytest.mark.django_db

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")


@pytest.fixture
def catalog(client, plan) -> Graph:
    response = client.get("/open-data/catalog.jsonld")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    return Graph().parse(data=response.content, format="json-ld")


def one(graph: Graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def test_catalog_has_the_properties_dcat_ap_requires(catalog, plan):
    (catalogue,) = catalog.subjects(RDF.type, DCAT.Catalog)
    assert isinstance(one(catalog, catalogue, DCT.title), Literal)
    assert isinstance(one(catalog, catalogue, DCT.description), Literal)
    publisher = one(catalog, catalogue, DCT.publisher)
    assert str(one(catalog, publisher, FOAF.name)) == plan.government
    datasets = list(catalog.objects(catalogue, DCAT.dataset))
    assert len(datasets) >= 2  # the plan, and its progress
    for dataset in datasets:
        assert (dataset, RDF.type, DCAT.Dataset) in catalog
        assert str(one(catalog, dataset, DCT.title)) and str(one(catalog, dataset, DCT.description))
        for distribution in catalog.objects(dataset, DCAT.distribution):
            assert (distribution, RDF.type, DCAT.Distribution) in catalog
            assert isinstance(one(catalog, distribution, DCAT.accessURL), URIRef)
            assert isinstance(one(catalog, distribution, DCT.license), URIRef)
            assert isinstance(one(catalog, distribution, DCAT.mediaType), URIRef)


def test_catalog_describes_the_plan_json_measure_files_feed_and_api(catalog):
    media_types = {
        str(media_type).rsplit("media-types/", 1)[1]
        for media_type in catalog.objects(None, DCAT.mediaType)
    }
    assert media_types == {
        "application/json",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/atom+xml",
    }
    schemas = list(catalog.objects(None, DCT.conformsTo))
    assert [str(s) for s in schemas] == [f"{settings.PORTAL_URL}/open-data/plan-v1.schema.json"]
    assert list(catalog.objects(None, DCAT.endpointDescription))  # the API's OpenAPI schema


def test_every_distribution_address_answers(client, catalog):
    addresses = {
        str(url)
        for predicate in (DCAT.accessURL, DCAT.downloadURL, DCAT.endpointURL, DCT.conformsTo)
        for url in catalog.objects(None, predicate)
    } | {str(url) for url in catalog.objects(None, DCAT.endpointDescription)}
    assert len(addresses) >= 7
    for address in sorted(addresses):
        assert address.startswith(settings.PORTAL_URL)
        response = client.get(address.removeprefix(settings.PORTAL_URL))
        assert response.status_code == 200, address


@pytest.mark.parametrize(
    "address",
    ["/open-data/catalog.jsonld", "/measures/export-nl.csv", "/open-data/plan-v1.schema.json"],
)
def test_open_data_is_readable_from_another_origin(client, plan, address):
    response = client.get(address, headers={"origin": "https://dashboard.example"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
