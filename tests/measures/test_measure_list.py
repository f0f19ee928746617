"""The measure list: filters that combine, facet counts, order, and clear errors.

Expected measures are read by hand from the plan text (fixtures/source/*.txt), not from the
fixture: e.g. the Actors column names WVG on the new (N) measures 1.3, 5.3 and 5.10 only.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from measures.filters import MeasureFilterSet
from measures.models import Measure
from measures.selectors import measure_list, measure_list_facets
from tests.factories import make_user, record_update
from tests.plan_text import measure_codes_with_status

pytestmark = pytest.mark.django_db

# Measures whose Actors column in the plan text names WVG (28 of them), and the three it
# coordinates ("WVG (coordination)").
WVG_MEASURES = {
    "1.1", "1.2", "1.3", "1.4", "2.1", "3.1", "3.2", "4.7", "5.1", "5.2", "5.3", "5.8", "5.10",
    "6.1", "6.2", "6.3", "6.4", "6.5", "7.1", "7.2", "8.1", "9.1", "10.1", "11.4", "13.1",
    "13.2", "13.4", "14.4",
}  # fmt: skip
WVG_COORDINATES = {"6.2", "6.3", "11.4"}
# Measures with a euro amount in the Budget column of the plan text.
EURO_MEASURES = {
    "3.4", "4.1", "4.2", "4.3", "4.6", "5.2", "5.4", "5.5", "5.8", "6.2", "8.1", "11.1",
    "12.1", "12.3", "13.2", "14.1", "14.2", "14.4", "14.8",
}  # fmt: skip


def codes(params: dict | str, user=None) -> list[str]:
    data = QueryDict(params) if isinstance(params, str) else params
    result = measure_list(params=data, user=user or AnonymousUser())
    assert result.is_valid, result.errors
    return [measure.code for measure in result.measures]


def page_codes(client, query: str) -> list[str]:
    response = client.get(f"/measures/?{query}")
    assert response.status_code == 200
    return [measure.code for measure in response.context["measures"]]


def test_without_filters_the_list_holds_every_measure_in_numerical_code_order(plan):
    listed = codes({})
    assert len(listed) == 62
    assert listed.index("5.2") < listed.index("5.10") < listed.index("6.1")
    assert listed[0] == "1.1" and listed[-1] == "14.8"


def test_actor_and_plan_status_combine_to_the_measures_the_plan_lists(plan):
    assert codes("actor=WVG&plan_status=N") == ["1.3", "5.3", "5.10"]
    assert codes("actor=KB&plan_status=N") == ["1.3", "4.2", "4.5", "4.6", "5.10", "14.2"]


def test_actor_alone_gives_every_measure_naming_it(plan):
    assert set(codes("actor=WVG")) == WVG_MEASURES


def test_coordinator_only_narrows_the_actor_to_the_measures_it_coordinates(plan):
    assert codes("actor=WVG&actor_role=coordinator") == ["6.2", "6.3", "11.4"]
    assert codes("actor=KB&plan_status=N&actor_role=coordinator") == ["1.3"]
    assert set(codes("actor=WVG&actor_role=partner")) == WVG_MEASURES - WVG_COORDINATES


def test_role_without_actor_gives_the_measures_that_have_a_coordinator(plan):
    assert codes("actor_role=coordinator") == ["1.1", "1.3", "6.1", "6.2", "6.3", "11.4"]


def test_actor_is_found_by_code_alias_or_address_whatever_the_case(plan):
    assert codes("actor=wvg&plan_status=n") == ["1.3", "5.3", "5.10"]
    # CISM is the plan's misprint of CJSM on 7.1, 7.2 and 8.1.
    assert codes("actor=CISM&action=7") == ["7.1", "7.2"]
    assert codes("actor=k-and-g") == []  # named in descriptions only, never in an Actors column


def test_several_actors_repeated_or_comma_separated_are_alternatives(plan):
    together = codes("actor=VVI,VSK")
    assert together == ["7.1", "13.5"]
    assert codes("actor=VVI&actor=VSK") == together
    assert codes({"actor": ["VVI", "VSK"]}) == together


def test_minister_policy_line_and_action_filters(plan):
    assert codes("minister=minister-for-the-vlaamse-rand") == ["5.10"]
    assert codes("policy_line=3") == ["6.1", "6.2", "6.3", "6.4", "6.5"]
    assert codes("action=8") == ["8.1"]
    assert codes("policy_line=5&plan_status=V") == ["13.1", "14.5"]
    assert codes("minister=minister-for-welfare&action=6&plan_status=B") == ["6.5"]


def test_budget_filters(plan):
    assert set(codes("budget=euro")) == EURO_MEASURES
    assert codes("budget=fte") == ["12.1"]
    within_regular_only = codes("budget=regular_resources")
    assert len(within_regular_only) == 62 - len(EURO_MEASURES)
    # 6.2 and 8.1 run partly within the regular resources but also have euro amounts.
    assert "6.2" not in within_regular_only and "8.1" not in within_regular_only
    assert "1.1" in within_regular_only


def test_funding_source_is_matched_case_insensitively(plan):
    assert codes("funding=youth") == ["14.1", "14.4"]
    assert codes("funding=AMIF") == ["4.6"]


def test_year_gives_the_measures_whose_budget_covers_it(plan):
    # "December 2016 – December 2017" (3.4) and "(2016-2017)" (14.1).
    assert codes("year=2016") == ["3.4", "14.1"]
    # "(annually, 2017-2019)" (4.2), "(2017-2019)" (4.3), "(2018 - 2019)" (14.2).
    assert codes("year=2019") == ["4.2", "4.3", "14.2"]
    assert codes("year=2019&actor=VVSG") == ["4.3"]


def test_text_search_finds_the_opvoedingslijn_in_the_actors_of_13_2(plan):
    # 13.2 names it in its Actors column only; 10.1 and 13.1 in their descriptions.
    assert codes("q=Opvoedingslijn") == ["10.1", "13.1", "13.2"]
    assert codes("q=opvoedingslijn&action=13") == ["13.1", "13.2"]


def test_text_search_covers_codes_actor_names_and_ministers_and_needs_every_word(plan):
    assert codes("q=5.10") == ["5.10"]
    assert codes("q=Vlaamse Rand") == ["5.10"]  # "Minister for the Vlaamse Rand"
    assert "14.4" in codes("q=Stampmedia")
    assert codes("q=Opvoedingslijn Keerkring") == ["13.2"]
    assert codes("q=Opvoedingslijn nosuchword") == []


def test_text_search_ignores_the_markup_of_descriptions(plan):
    # Lists in descriptions are stored as <ul style="list-style-type: none">.
    assert codes("q=style") == []
    assert codes("q=list-style-type") == []
    assert codes("q=Concrete examples") != []  # printed underlined: <u>Concrete examples:</u>


@pytest.mark.parametrize(
    ("ordering", "first"),
    [
        ("code", ["1.1", "1.2", "1.3"]),
        ("-code", ["14.8", "14.7", "14.6"]),
        # 3,000,000 (4.2), 1,000,000 (4.6), 398,374 + 250,183 (14.1), 568,311 (4.1)...
        ("-budget", ["4.2", "4.6", "14.1", "4.1", "5.8"]),
    ],
)
def test_ordering(plan, ordering, first):
    assert codes(f"ordering={ordering}")[: len(first)] == first


def test_budget_ordering_puts_measures_without_euro_first_in_code_order(plan):
    ascending = codes("ordering=budget")
    assert ascending[:3] == ["1.1", "1.2", "1.3"]
    assert ascending[-1] == "4.2"


def test_status_and_last_update_order_use_what_the_reader_may_see(plan):
    coordinator = make_user("coord-wvg", "coordinator", ("WVG",))
    record_update(
        Measure.objects.get(code="5.1"),
        coordinator,
        implementation_status="completed",
        progress_percent=100,
        visibility="internal",
    )
    record_update(Measure.objects.get(code="5.3"), coordinator, implementation_status="on_track")
    viewer = make_user("ministry", "ministry_viewer")
    assert codes("ordering=-status", user=viewer)[:2] == ["5.1", "5.3"]
    assert codes("ordering=-status")[:1] == ["5.3"]  # anonymous: 5.1's update is internal
    assert codes("ordering=-last_update", user=viewer)[:2] == ["5.3", "5.1"]
    assert codes("ordering=last_update", user=viewer)[-2:] == ["5.1", "5.3"]


def test_implementation_status_filter_never_shows_internal_progress_to_anonymous(plan):
    coordinator = make_user("coord-wvg", "coordinator", ("WVG",))
    record_update(
        Measure.objects.get(code="5.1"),
        coordinator,
        implementation_status="completed",
        progress_percent=100,
        visibility="internal",
    )
    assert codes("implementation_status=completed") == []
    viewer = make_user("ministry", "ministry_viewer")
    assert codes("implementation_status=completed", user=viewer) == ["5.1"]
    assert len(codes("implementation_status=not_started,completed", user=viewer)) == 62


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("actor=NOPE", "actor", "Unknown actor: NOPE"),
        ("actor=WVG,NOPE", "actor", "Unknown actor: NOPE"),
        ("actor_role=boss&actor=WVG", "actor_role", "boss"),
        ("minister=nobody", "minister", "Unknown minister: nobody"),
        ("policy_line=9", "policy_line", "no policy line 9"),
        ("action=abc", "action", "abc"),
        ("action=%C2%B2", "action", "²"),  # a superscript two is no number
        ("policy_line=99999", "policy_line", "99999"),
        ("plan_status=X", "plan_status", "Unknown value: X"),
        ("implementation_status=finished", "implementation_status", "finished"),
        ("budget=gold", "budget", "gold"),
        ("funding=Lottery", "funding", "Lottery"),
        ("year=abc", "year", "whole number"),
        ("year=99999", "year", "less than or equal to"),
        ("ordering=zzz", "ordering", "zzz"),
        ("plan=nope", "plan", "Unknown plan: nope"),
        ("q=" + "+".join(["word"] * 11), "q", "at most 10 words"),
    ],
)
def test_an_unknown_or_malformed_value_is_an_error_and_selects_nothing(
    plan, query, parameter, words
):
    result = measure_list(params=QueryDict(query), user=AnonymousUser())
    assert not result.is_valid
    assert words in " ".join(result.errors[parameter])
    assert list(result.measures) == []


@pytest.mark.parametrize("query", ["actor=NOPE", "year=abc", "ordering=zzz", "actor=WVG&year=x"])
def test_the_page_shows_the_error_and_no_list(client, plan, query):
    response = client.get(f"/measures/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This list cannot be shown" in page
    assert 'role="alert"' in page
    assert "measure-table" not in page
    assert list(response.context["measures"]) == []


def test_the_page_escapes_what_the_address_holds(client, plan):
    response = client.get("/measures/?actor=<script>alert(1)</script>&q=<b>x</b>")
    page = response.content.decode()
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page
    assert "<b>x</b>" not in page


def test_empty_values_mean_no_filter(plan):
    assert len(codes("actor=&plan_status=&year=&q=&ordering=&budget=")) == 62


def test_the_page_shows_the_filtered_list_and_the_url_reproduces_it(client, plan):
    response = client.get("/measures/?actor=WVG&plan_status=N")
    assert response.status_code == 200
    assert [m.code for m in response.context["measures"]] == ["1.3", "5.3", "5.10"]
    page = response.content.decode()
    assert "3 measures" in page
    assert 'href="/measures/5.10/"' in page
    assert 'href="/measures/export.csv?actor=WVG&amp;plan_status=N"' in page
    assert 'href="/measures/export.xlsx?actor=WVG&amp;plan_status=N"' in page
    # The form shows the query it was given.
    assert 'name="actor" value="WVG" checked' in page
    assert 'name="plan_status" value="N" checked' in page


def test_the_page_marks_coordinators_and_links_actors_and_ministers(client, plan):
    page = client.get("/measures/?actor=WVG&actor_role=coordinator").content.decode()
    assert (
        '<a href="/actors/wvg/" title="Welfare, Public Health and Family Department">WVG</a>'
        " <strong>(coordinator)</strong>" in page
    )
    assert 'href="/ministers/welfare/"' in page


def test_each_filter_option_counts_the_measures_it_would_leave(plan):
    result = measure_list(params=QueryDict("actor=WVG&plan_status=N"), user=AnonymousUser())
    facets = measure_list_facets(result=result)

    def counts(name):
        return {option.value: option.count for option in facets[name].options}

    def nonzero(name):
        return {value: count for value, count in counts(name).items() if count}

    # WVG's measures per plan status (the plan-status filter itself left aside).
    in_text = measure_codes_with_status()
    wvg_by_status = {status: 0 for status in "BVN"}
    for code in WVG_MEASURES:
        wvg_by_status[in_text[code]] += 1
    assert counts("plan_status") == wvg_by_status
    # New measures per actor (the actor filter left aside): KB has six, WVG three.
    assert counts("actor")["KB"] == 6
    assert counts("actor")["WVG"] == 3
    assert counts("actor_role") == {"coordinator": 0, "partner": 3}  # KB coordinates 1.3
    assert nonzero("policy_line") == {"1": 1, "2": 2}  # 1.3; 5.3 and 5.10
    assert nonzero("budget") == {"regular_resources": 3}
    for name, option_counts in ((name, counts(name)) for name in facets):
        for value, count in option_counts.items():
            if name in {
                "actor",
                "minister",
                "plan_status",
                "implementation_status",
                "policy_line",
                "action",
                "budget",
                "funding",
                "year",
                "actor_role",
            }:
                narrowed = codes(_replace(result.filterset.data, name, value))
                assert len(narrowed) == count, (name, value)


def _replace(data: QueryDict, name: str, value: str) -> QueryDict:
    changed = data.copy()
    changed.setlist(name, [value])
    return changed


def test_selected_options_stay_in_the_form_even_without_measures(plan):
    result = measure_list(params=QueryDict("actor=VSK&year=2019"), user=AnonymousUser())
    assert [m.code for m in result.measures] == []
    facets = measure_list_facets(result=result)
    assert [o.value for o in facets["actor"].options if o.selected] == ["VSK"]
    assert [o.value for o in facets["year"].options if o.selected] == ["2019"]


def test_filterset_works_on_the_annotated_queryset_the_api_uses(plan):
    queryset = Measure.objects.with_visible_progress(AnonymousUser())
    filterset = MeasureFilterSet(QueryDict("actor=WVG&plan_status=N"), queryset=queryset)
    assert filterset.is_valid()
    assert [m.code for m in filterset.qs] == ["1.3", "5.3", "5.10"]
    invalid = MeasureFilterSet(QueryDict("actor=NOPE"), queryset=queryset)
    assert not invalid.is_valid()
    assert "actor" in invalid.errors


def test_filterset_refuses_a_queryset_without_visible_progress(plan):
    from django.core.exceptions import ImproperlyConfigured

    filterset = MeasureFilterSet(QueryDict("actor=WVG"), queryset=Measure.objects.all())
    with pytest.raises(ImproperlyConfigured):
        list(filterset.qs)


def test_page_and_selector_give_the_same_measures(client, plan):
    query = "actor=KB&budget=euro&ordering=-budget"
    assert page_codes(client, query) == codes(query)
    assert page_codes(client, query)[:3] == ["4.2", "4.6", "14.1"]


def test_list_page_shows_budget_totals_of_the_filtered_measures(client, plan):
    response = client.get("/measures/?action=4")
    totals = response.context["budget_totals"]
    # 4.3 344,575 + 4.6 1,000,000 one-off; 4.1 568,311 + 4.2 3,000,000 a year.
    assert totals.one_off == 1344575
    assert totals.annual == 3568311
    assert "1,344,575" in response.content.decode()


def test_navigation_links_to_the_measure_list_and_the_glossary(client, plan):
    page = client.get("/").content.decode()
    assert 'href="/measures/"' in page
    assert 'href="/glossary/"' in page


def test_text_search_takes_the_words_literally(plan):
    assert codes("q=(bilateral)") == ["3.2"]  # "(bilateral) partnerships are developed"
    assert codes("q=.*") == []
    assert codes("q=[a-z]+") == []
    # Between straight quotes in 13.1's description and 13.2's Actors column; 10.1 prints
    # “Opvoedingslijn” between curly ones.
    assert codes({"q": "'Opvoedingslijn'"}) == ["13.1", "13.2"]


def test_text_search_finds_words_with_an_ampersand(plan):
    Measure.objects.filter(code="13.4").update(description="<p>Kind en Gezin (K&amp;G)</p>")
    assert codes({"q": "K&G"}) == ["13.4"]


def test_null_characters_are_refused_not_a_server_error(client, plan):
    for query in ("actor=WV%00G", "q=a%00b", "funding=%00", "plan_status=%00"):
        response = client.get(f"/measures/?{query}")
        assert response.status_code == 400, query


def test_a_mistyped_parameter_is_named_on_the_page_not_silently_ignored(client, plan):
    response = client.get("/measures/?actors=WVG&plan_status=N")
    assert response.status_code == 200
    assert "were ignored: actors" in response.content.decode()
    assert len(response.context["measures"]) == 18  # the new measures, as the filter that holds


def test_the_page_filters_on_the_progress_its_reader_may_see(client, plan):
    coordinator = make_user("coord-wvg", "coordinator", ("WVG",))
    record_update(
        Measure.objects.get(code="5.1"),
        coordinator,
        implementation_status="completed",
        progress_percent=100,
        visibility="internal",
    )
    assert page_codes(client, "implementation_status=completed") == []
    client.force_login(make_user("ministry", "ministry_viewer"))
    assert page_codes(client, "implementation_status=completed") == ["5.1"]
    assert "Completed (1)" in client.get("/measures/").content.decode()
