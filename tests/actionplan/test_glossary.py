"""The glossary page, and the links from abbreviations where they appear."""

import pytest
from django.utils.safestring import mark_safe

from actionplan.templatetags.glossary import GlossaryLinker

pytestmark = pytest.mark.django_db

SHORT_FORMS = {
    "OTA": ("abbreviation-ota", "Immigrant Support Team"),
    "K&G": ("abbreviation-k-and-g", "Child and Family Agency"),
    "FOD": ("abbreviation-fod", "Federal"),
    "FOD Justitie": ("abbreviation-fod-justitie", "Federal Public Service Justice"),
}


def linked(text):
    return str(GlossaryLinker(SHORT_FORMS, "/glossary/").link(text))


def test_glossary_page_holds_the_plans_concepts_and_abbreviations(client, plan):
    response = client.get("/glossary/")
    assert response.status_code == 200
    page = response.content.decode()
    assert '<dt id="abbreviation-wvg">WVG</dt>' in page
    assert "Welfare, Public Health and Family Department" in page
    assert '<dt id="concept-polarisation">Polarisation</dt>' in page
    assert 'id="plan-status-N"' in page
    # An abbreviation that stands for an actor links to the actor's page.
    assert 'href="/actors/wvg/"' in page
    assert len(response.context["glossary"]["abbreviations"]) == 45
    assert len(response.context["glossary"]["concepts"]) == 8


def test_abbreviations_in_the_measure_list_link_to_the_glossary(client, plan):
    page = client.get("/measures/?action=4").content.decode()
    # 4.6: "1,000,000 € (AMIF)"
    assert (
        '<a class="glossary-term" href="/glossary/#abbreviation-amif">'
        '<abbr title="European Asylum, Migration and Integration Fund">AMIF</abbr></a>'
    ) in page


def test_actor_page_links_its_abbreviation_to_the_glossary(client, plan):
    page = client.get("/actors/wvg/").content.decode()
    assert 'href="/glossary/#abbreviation-wvg"' in page


def test_linker_links_the_first_occurrence_of_each_abbreviation_plural_too():
    html = linked("Two OTAs and one OTA; FOD Justitie, not FOD.")
    assert html.count('class="glossary-term"') == 3
    assert '<abbr title="Immigrant Support Team">OTA</abbr>s</a>' in html
    assert 'href="/glossary/#abbreviation-fod-justitie"' in html
    assert html.endswith('<abbr title="Federal">FOD</abbr></a>.')


def test_linker_escapes_plain_text_and_finds_escaped_abbreviations():
    html = linked("<script>K&G</script>")
    assert "<script>" not in html
    assert '&lt;script&gt;<a class="glossary-term" href="/glossary/#abbreviation-k-and-g">' in html


def test_linker_leaves_tags_and_existing_links_alone():
    html = linked(mark_safe('<p title="OTA">An <a href="/x">OTA</a> and an OTA</p>'))
    assert html.startswith('<p title="OTA">An <a href="/x">OTA</a> and an <a class=')
    assert html.count("glossary-term") == 1


def test_linker_needs_whole_words():
    assert "glossary-term" not in linked("NOTARY and OTAS and xOTA")


def test_linker_finds_abbreviations_between_escaped_quotes():
    assert 'abbreviation-ota">' in linked("the 'OTA' and \"K&G\"")
    assert 'abbreviation-k-and-g">' in linked("the 'OTA' and \"K&G\"")


def test_measure_page_links_abbreviations_actors_and_ministers(client, plan):
    page = client.get("/measures/8.1/").content.decode()
    # "AgII organises training programmes, ..." in the description of 8.1.
    assert (
        '<a class="glossary-term" href="/glossary/#abbreviation-agii">'
        '<abbr title="Agency for Integration and Civic Integration">AgII</abbr></a> organises'
    ) in page
    assert '<a href="/actors/kb/">KB</a>' in page
    assert 'href="/ministers/welfare/"' in page
