"""Large data responses are gzip-encoded for clients that ask; HTML pages never are (BREACH);
a compressed response keeps a strong ETag that conditional requests and writes accept."""

import gzip
import json

import pytest

from tests.api.conftest import OWN_MEASURE, token_client
from tests.api.test_progress_writes import post

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


@pytest.mark.parametrize(
    ("url", "media_type"),
    [
        ("/api/v1/measures/?page_size=1000", "application/json"),
        ("/api/v1/measures/?page_size=1000&format=csv", "text/csv"),
        ("/api/schema/", "application/vnd.oai.openapi"),
        ("/feeds/progress.atom", "application/atom+xml"),
    ],
)
def test_a_large_data_response_is_gzip_encoded_when_asked(client, plan, url, media_type):
    plain = client.get(url)
    compressed = client.get(url, **GZIP)
    assert compressed.status_code == 200
    assert compressed["Content-Type"].startswith(media_type)
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    body = gzip.decompress(compressed.content)
    # The feed names the moment it was made: compare what comes before it.
    assert body[:200] == plain.content[:200] and abs(len(body) - len(plain.content)) < 10
    assert len(compressed.content) < len(plain.content)
    assert "Content-Encoding" not in plain


def test_the_measure_list_in_gzip_is_the_same_json(client, plan):
    compressed = client.get("/api/v1/measures/?page_size=1000", **GZIP)
    assert json.loads(gzip.decompress(compressed.content))["count"] == 62


@pytest.mark.parametrize("url", ["/", "/measures/", "/accounts/login/", "/api/docs/"])
def test_html_pages_are_never_compressed(client, plan, url):
    response = client.get(url, **GZIP)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Content-Encoding" not in response


def test_a_compressed_responses_etag_stays_strong_and_is_answered_304(client, plan):
    first = client.get("/api/v1/measures/", **GZIP)
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('-gzip"')
    again = client.get("/api/v1/measures/", HTTP_IF_NONE_MATCH=etag, **GZIP)
    assert again.status_code == 304 and again["ETag"] == etag
    plain = client.get("/api/v1/measures/")
    assert plain["ETag"] != etag
    assert client.get("/api/v1/measures/", HTTP_IF_NONE_MATCH=plain["ETag"]).status_code == 304


def test_the_etag_of_a_compressed_measure_guards_a_write(users):
    client = token_client(users["coordinator"])
    etag = client.get(f"/api/v1/measures/{OWN_MEASURE}/", **GZIP)["ETag"]
    assert etag.endswith('-gzip"')
    assert post(client, OWN_MEASURE, headers={"If-Match": etag}).status_code == 201
    stale = post(client, OWN_MEASURE, headers={"If-Match": etag})
    assert stale.status_code == 409
