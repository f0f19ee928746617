"""The interface speaks English and Dutch; the plan's content stays in English."""

import pytest

pytestmark = pytest.mark.django_db


def test_dutch_interface_keeps_the_plan_content_in_english(client, plan):
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/measures/5.10/"})
    assert response.status_code == 302
    page = client.get("/measures/5.10/").content.decode()
    assert '<html lang="nl">' in page
    assert "Bevoegde ministers" in page  # interface in Dutch
    assert "Minister for the Vlaamse Rand" in page  # plan content as printed
    assert "Establishing a working group Brussels/ Flemish Periphery" in page


def test_browser_language_is_honoured(client, plan):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9").content.decode()
    assert "Maatregelen per uitvoeringsstatus" in page


def test_english_is_the_default(client, plan):
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Measures by implementation status" in page


def test_the_measure_list_and_glossary_speak_dutch(client, plan):
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    measure_list = client.get("/measures/?actor=WVG").content.decode()
    assert "Maatregelen tonen" in measure_list and "Deze lijst exporteren:" in measure_list
    assert "Begrippenlijst" in client.get("/glossary/").content.decode()
