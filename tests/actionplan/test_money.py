"""Money reads as its reader writes it: one formatter per language, for pages, PDF and exports."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from actionplan.money import money_text


@pytest.mark.parametrize(
    ("amount", "english", "dutch"),
    [
        (Decimal("568311.00"), "€568,311", "€ 568.311"),
        (Decimal("1234.5"), "€1,234.50", "€ 1.234,50"),
        (Decimal("0"), "€0", "€ 0"),
        (Decimal("-60000"), "-€60,000", "-€ 60.000"),
        ("3000000", "€3,000,000", "€ 3.000.000"),
    ],
)
def test_amounts_in_english_and_dutch(amount, english, dutch):
    assert money_text(amount, "en") == english
    assert money_text(amount, "nl") == dutch


def test_no_amount_is_empty_and_text_stays_as_it_is():
    assert money_text(None) == money_text("") == ""
    assert money_text("n/a") == "n/a"


@pytest.mark.parametrize(("language", "expected"), [("en", "€568,311"), ("nl", "€ 568.311")])
def test_the_template_filter_follows_the_active_language(language, expected):
    template = Template("{% load budgets %}{{ amount|money }}")
    with translation.override(language):
        assert template.render(Context({"amount": Decimal("568311")})) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("en", "€568,311"), ("nl", "€ 568.311")])
def test_a_measure_page_and_the_list_totals_write_money_in_the_readers_language(
    client, plan, language, expected
):
    page = client.get("/measures/4.1/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<td class="number">{expected}</td>' in page
    listed = client.get("/measures/?action=4", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    annual = money_text(Decimal("568311") + Decimal("3000000"), language)  # 4.1 and 4.2
    assert annual in listed
