"""export_plan gives the whole plan as open data, faithful to the plan text."""

import json
import re
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.plan_text import euro_amounts, measure_codes_with_status, normalised, plan_text

pytestmark = pytest.mark.django_db

MEASURES_PER_ACTION = {
    1: 4,
    2: 3,
    3: 4,
    4: 7,
    5: 10,
    6: 5,
    7: 2,
    8: 1,
    9: 1,
    10: 2,
    11: 4,
    12: 6,
    13: 5,
    14: 8,
}
FIVE_MINISTERS = [
    "Minister for Local and Provincial Government, Urban Policy, Integration and Civic Integration",
    "Minister for Education",
    "Minister for Welfare",
    "Minister for Youth and Media",
    "Minister for Work",
]
PLATFORM = ["KB", "OV", "WVG", "CJSM", "WSE"]


@pytest.fixture
def exported(plan) -> dict:
    out = StringIO()
    call_command("export_plan", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def measures(exported) -> dict[str, dict]:
    return {measure["code"]: measure for measure in exported["measures"]}


def actor_codes(measure: dict) -> list[str]:
    return [actor["code"] for actor in measure["actors"]]


def coordinators(measure: dict) -> list[str]:
    return [actor["code"] for actor in measure["actors"] if actor["role"] == "coordinator"]


def ministers(measure: dict) -> list[str]:
    return [minister["title"] for minister in measure["ministers"]]


def euro_lines(measure: dict) -> list[tuple[Decimal, str, str]]:
    return [
        (Decimal(line["amount"]), line["recurrence"], line["label"])
        for line in measure["budget_lines"]
        if line["amount"] is not None
    ]


def test_export_has_the_plans_structure(exported):
    assert exported["plan"]["title"] == (
        "Action plan for the prevention of violent radicalisation and polarisation"
    )
    assert exported["plan"]["evaluation_due"].startswith("2018-")
    assert [line["number"] for line in exported["policy_lines"]] == [1, 2, 3, 4, 5]
    assert exported["policy_lines"][2]["title"] == "Organisation of a person-centred approach"
    assert [action["number"] for action in exported["actions"]] == list(range(1, 15))
    assert {a["number"]: a["policy_line"] for a in exported["actions"]} == {
        1: 1,
        2: 1,
        3: 1,
        4: 2,
        5: 2,
        6: 3,
        7: 4,
        8: 4,
        9: 4,
        10: 4,
        11: 4,
        12: 4,
        13: 5,
        14: 5,
    }


def test_export_lists_every_measure_of_the_plan_text_with_its_status(exported):
    in_text = measure_codes_with_status()
    assert len(in_text) == 62
    assert {m["code"]: m["plan_status"] for m in exported["measures"]} == in_text
    assert Counter(m["plan_status"] for m in exported["measures"]) == Counter(in_text.values())
    assert Counter(m["action"] for m in exported["measures"]) == MEASURES_PER_ACTION


def test_measures_are_in_numerical_code_order(exported):
    codes = [m["code"] for m in exported["measures"]]
    assert codes.index("5.2") < codes.index("5.10")
    assert codes[-1] == "14.8"
    assert codes == sorted(codes, key=lambda code: tuple(map(int, code.split("."))))


def test_sum_of_euro_amounts_equals_the_plan_text(exported):
    amounts = [
        Decimal(line["amount"])
        for m in exported["measures"]
        for line in m["budget_lines"]
        if line["amount"] is not None
    ]
    assert sorted(amounts) == sorted(euro_amounts())
    assert sum(amounts) == Decimal("8089443")
    assert all(
        line["currency"] == "EUR"
        for m in exported["measures"]
        for line in m["budget_lines"]
        if line["amount"] is not None
    )


def found_across_one_page_break(sentence: str, text: str) -> bool:
    """The sentence is in the text, or in two pieces where a table row broke across pages."""
    if sentence in text:
        return True
    words = sentence.split(" ")
    return any(
        " ".join(words[:cut]) in text and " ".join(words[cut:]) in text
        for cut in range(3, len(words) - 2)
    )


def test_every_description_is_worded_as_in_the_plan(exported):
    text = normalised(plan_text())
    for measure in exported["measures"]:
        blocks = re.split(r"</?(?:p|li|ul)>", measure["description"])
        for block in filter(None, map(normalised, blocks)):
            for sentence in re.split(r"(?<=[.?:])\s", block):
                assert found_across_one_page_break(sentence.strip(), text), (
                    f"{measure['code']}: {sentence!r}"
                )


def test_row_3_1_continues_on_the_next_row(measures):
    measure = measures["3.1"]
    assert (measure["plan_status"], measure["action"], measure["policy_line"]) == ("V", 3, 1)
    assert actor_codes(measure) == PLATFORM
    assert coordinators(measure) == []
    assert ministers(measure) == FIVE_MINISTERS
    assert "participation of youth department in the expert group" in measure["description"]
    assert [line["regular_resources"] for line in measure["budget_lines"]] == [True]


def test_row_6_2_has_a_coordinator_an_annual_amount_and_the_regular_budget(measures):
    measure = measures["6.2"]
    assert actor_codes(measure) == ["WVG", "WSE", "OV", "CJSM", "KB"]
    assert coordinators(measure) == ["WVG"]
    assert ministers(measure) == [
        "Minister for Welfare",
        "Minister for Work and Sport",
        "Minister for Education",
        "Minister for Culture",
        "Minister for Housing, Integration and Civic integration",
    ]
    assert euro_lines(measure) == [
        (Decimal("200000"), "annual", measure["budget_lines"][0]["label"])
    ]
    assert any(line["regular_resources"] for line in measure["budget_lines"])


def test_row_8_1_gets_its_budget_from_the_continuation_row(measures):
    measure = measures["8.1"]
    assert actor_codes(measure) == PLATFORM  # printed "CISM"
    assert ministers(measure) == FIVE_MINISTERS
    assert [(amount, label) for amount, _r, label in euro_lines(measure)] == [
        (Decimal("200000"), "for 4 OTAs"),
        (Decimal("75000"), "for De Touter"),
    ]
    assert any(line["regular_resources"] for line in measure["budget_lines"])
    assert "AgII organises training programmes" in measure["description"]
    assert measure["notes"], "the merged continuation row is recorded as a note"


def test_row_9_1_gets_a_minister_from_the_continuation_row(measures):
    measure = measures["9.1"]
    assert ministers(measure) == FIVE_MINISTERS
    assert actor_codes(measure) == PLATFORM
    assert "IS in het vizier" in measure["description"]


def test_row_10_1_keeps_the_paragraphs_of_the_continuation_row(measures):
    measure = measures["10.1"]
    assert (measure["plan_status"], actor_codes(measure)) == ("B", ["WVG"])
    assert ministers(measure) == ["Minister for Welfare"]
    for words in ("For the Youth Welfare Agency", "For the justice centres", "Opvoedingslijn"):
        assert words in measure["description"]


def test_row_11_3_gets_actors_from_the_continuation_row(measures):
    assert actor_codes(measures["11.3"]) == ["OV", "EMB", "KU Leuven", "AUHA"]


def test_row_12_1_has_five_budget_lines_in_euro_and_fte(measures):
    lines = measures["12.1"]["budget_lines"]
    assert [(line["label"], line["unit"]) for line in lines] == [
        ("Kazerne Dossin", "EUR"),
        ("BCH", "EUR"),
        ("KBS", "EUR"),
        ("Forms", "FTE"),
        ("Studio Globo", "FTE"),
    ]
    assert [line["recurrence"] for line in lines[:3]] == ["one_off", "per_dossier", "annual"]
    assert [Decimal(line["amount"]) for line in lines[:3]] == [10000, 60000, 103000]
    assert [Decimal(line["fte"]) for line in lines[3:]] == [Decimal("0.5"), 1]
    assert (lines[0]["period_start"], lines[0]["period_end"]) == (2017, 2017)


def test_row_13_2_names_the_opvoedingslijn_and_an_annual_amount(measures):
    measure = measures["13.2"]
    assert actor_codes(measure)[0] == "WVG"
    assert "De Keerkring" in actor_codes(measure)
    assert euro_lines(measure) == [(Decimal("80000"), "annual", euro_lines(measure)[0][2])]
    assert measure["budget_lines"][0]["period_end"] == 2017
    assert "Opvoedingslijn" not in actor_codes(measure)


def test_row_14_1_lists_seven_associations_and_two_funding_sources(measures):
    measure = measures["14.1"]
    codes = actor_codes(measure)
    assert codes[:2] == ["KB", "CJSM"]
    assert len(codes) == 9 and "Arktos" in codes
    assert ministers(measure) == [
        "Minister for Integration and Civic integration",
        "Minister for Youth and Media",
    ]
    assert [(amount, label) for amount, _r, label in euro_lines(measure)] == [
        (Decimal("398374"), "Integration"),
        (Decimal("250183"), "Youth"),
    ]
    assert all(
        (line["period_start"], line["period_end"]) == (2016, 2017)
        for line in measure["budget_lines"]
    )


def test_row_14_4_joins_the_bullet_broken_across_pages(measures):
    measure = measures["14.4"]
    assert actor_codes(measure) == ["CJSM", "WVG", "OV", "Mediawijs", "Tumult", "Stampmedia"]
    assert ministers(measure) == [
        "Minister for Youth and Media",
        "Minister for Welfare",
        "Minister for Education",
    ]
    assert [(amount, label) for amount, _r, label in euro_lines(measure)] == [
        (Decimal("10000"), "Youth"),
        (Decimal("20000"), "Welfare"),
    ]
    assert "may lead to the discrimination of or violent attack on people" in normalised(
        measure["description"]
    )


def test_european_number_format_is_read_as_thousands(measures):
    assert euro_lines(measures["5.8"])[0][0] == Decimal("546000")


def test_coordinators_are_those_the_plan_marks(measures):
    marked = {code: coordinators(m) for code, m in measures.items() if coordinators(m)}
    assert marked == {
        "1.1": ["KB"],
        "1.3": ["KB"],
        "6.1": ["KB"],
        "6.2": ["WVG"],
        "6.3": ["WVG"],
        "11.4": ["WVG"],
    }


def test_misprinted_codes_resolve_to_the_same_actor(measures):
    assert "CJSM" in actor_codes(measures["1.1"])  # printed CJSJ
    assert "CJSM" in actor_codes(measures["7.1"])  # printed CISM
    assert "VVSG" in actor_codes(measures["2.1"])  # printed VWSG
    every_code = {code for m in measures.values() for code in actor_codes(m)}
    assert not every_code & {"CJSJ", "CISM", "VWSG"}


def test_glossary_holds_concepts_and_abbreviations(exported):
    terms = {(entry["kind"], entry["term"]): entry for entry in exported["glossary"]}
    assert ("concept", "Polarisation") in terms
    assert terms[("abbreviation", "WVG")]["definition"] == (
        "Welfare, Public Health and Family Department"
    )
    assert terms[("abbreviation", "WVG")]["actor"] == "WVG"
    assert sum(1 for kind, _ in terms if kind == "abbreviation") == 45
    assert sum(1 for kind, _ in terms if kind == "concept") == 8


def test_export_of_an_unknown_plan_is_a_clear_error(plan):
    with pytest.raises(CommandError, match="No plan 'nope'"):
        call_command("export_plan", "--plan", "nope", stdout=StringIO())
