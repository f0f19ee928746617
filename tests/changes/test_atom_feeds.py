"""Atom feeds of public progress: valid Atom, linked from the pages, never internal."""

import xml.etree.ElementTree as ET

import pytest

from measures.models import Measure
from tests.factories import record_update

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEEDS = [
    "/feeds/progress.atom",
    "/feeds/actors/WVG/progress.atom",
    "/feeds/measures/5.1/progress.atom",
]


@pytest.fixture
def updates(users):
    measure = Measure.objects.get(code="5.1")
    public = record_update(measure, users["coordinator"], narrative="Training started in May.")
    internal = record_update(
        measure, users["coordinator"], narrative="Budget talks stalled.", visibility="internal"
    )
    other = record_update(
        Measure.objects.get(code="12.3"), users["other_coordinator"], narrative="Elsewhere."
    )
    return public, internal, other


def entries_of(client, url: str) -> tuple[ET.Element, list[ET.Element]]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}") is not None, required
    return root, root.findall(f"{ATOM}entry")


@pytest.mark.parametrize("url", FEEDS)
def test_feeds_are_atom_with_public_entries_only(client, updates, url):
    _root, entries = entries_of(client, url)
    assert entries
    for entry in entries:
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required
    text = " ".join(entry.findtext(f"{ATOM}summary") for entry in entries)
    assert "Training started in May." in text
    assert "Budget talks stalled." not in text


def test_a_signed_in_portal_user_still_gets_the_public_feed(client, users, updates):
    client.force_login(users["evaluator"])
    _root, entries = entries_of(client, FEEDS[0])
    assert "Budget talks stalled." not in " ".join(e.findtext(f"{ATOM}summary") for e in entries)


def test_actor_and_measure_feeds_hold_only_their_own_measures(client, updates):
    measure = Measure.objects.get(code="5.1")
    for url in FEEDS[1:]:
        _root, entries = entries_of(client, url)
        titles = [entry.findtext(f"{ATOM}title") for entry in entries]
        # Each entry names its measure by code and title.
        prefix = f"5.1 {measure.title}:"
        assert titles and all(title.startswith(prefix) for title in titles), url
    _root, entries = entries_of(client, FEEDS[0])
    assert any("Elsewhere." in e.findtext(f"{ATOM}summary") for e in entries)


def test_unknown_actor_or_measure_feed_is_404(client, plan):
    assert client.get("/feeds/actors/NOPE/progress.atom").status_code == 404
    assert client.get("/feeds/measures/99.99/progress.atom").status_code == 404


@pytest.mark.parametrize(
    "page, feed",
    [
        ("/", "/feeds/progress.atom"),
        ("/actors/WVG/", "/feeds/actors/WVG/progress.atom"),
        ("/measures/5.1/", "/feeds/measures/5.1/progress.atom"),
    ],
)
def test_pages_link_their_feeds_for_feed_readers(client, plan, page, feed):
    content = client.get(page).content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in content


def test_a_narrative_reaches_feed_readers_as_text_not_markup(client, users):
    record_update(
        Measure.objects.get(code="5.1"),
        users["coordinator"],
        narrative='<img src=x onerror="alert(1)">\nSecond line',
    )
    _root, [entry] = entries_of(client, "/feeds/measures/5.1/progress.atom")
    summary = entry.find(f"{ATOM}summary")
    assert summary.get("type") == "html"
    # The reader un-escapes the summary once and renders it: the tag must still be text.
    assert "&lt;img" in summary.text and "<img" not in summary.text
    assert "<br>Second line" in summary.text
