"""The measure list, actor and minister pages keep their rows and counts in the cache: a page
seen again reads neither, and nothing they show is ever stale (every change a reader could
see shows at once, for that reader, in their language)."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.template import RequestContext, Template
from django.test.utils import CaptureQueriesContext

import actionplan.cached
import measures.templatetags.measure_rows as measure_rows
from actionplan.limit_cache import limit_cache
from actionplan.models import Plan
from actors.models import Actor, Minister
from measures.models import Measure
from measures.selectors import measure_list_for
from tests.factories import PlanFactory, make_user, record_update

pytestmark = pytest.mark.django_db


def without_csrf_token(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize("url", ["/measures/", "/actors/", "/actors/wvg/", "/ministers/welfare/"])
def test_a_page_seen_again_reads_no_measure_text_and_no_count(client, plan, url):
    first = page(client, url)
    with CaptureQueriesContext(connection) as queries:
        again = page(client, url)
    assert without_csrf_token(again) == without_csrf_token(first)
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert '"measures_measure"."description"' not in read  # no row rendered again
    assert "budgets_budgetline" not in read  # no budget total, no facet count again


def delayed_count(client, url: str) -> int:
    facet = client.get(url).context["facets"]["implementation_status"]
    return next(option.count for option in facet.options if option.value == "delayed")


def test_a_progress_update_shows_at_once_in_its_row_and_in_the_counts(client, plan):
    before = delayed_count(client, "/measures/?actor=WVG")
    assert "5.1 " in page(client, "/measures/?actor=WVG")
    coordinator = make_user("coord-wvg", "coordinator", ("WVG",))
    record_update(
        Measure.objects.get(code="5.1"),
        coordinator,
        implementation_status="delayed",
        reason="Waiting for the partners.",
    )
    assert delayed_count(client, "/measures/?actor=WVG") == before + 1
    assert "delayed" in page(client, "/measures/?actor=WVG&implementation_status=delayed")
    assert "5.1 " in page(client, "/measures/?actor=WVG&implementation_status=delayed")


def test_an_internal_update_is_cached_apart_from_what_the_public_sees(client, plan):
    coordinator = make_user("coord-wvg", "coordinator", ("WVG",))
    page(client, "/measures/?actor=WVG")
    record_update(
        Measure.objects.get(code="5.1"),
        coordinator,
        implementation_status="delayed",
        reason="Waiting for the partners.",
        progress_percent=77,
        visibility="internal",
    )
    client.force_login(coordinator)
    assert "77%" in page(client, "/measures/?actor=WVG")
    client.logout()
    assert "77%" not in page(client, "/measures/?actor=WVG")


def test_a_renamed_actor_shows_in_its_measures_rows_at_once(client, plan):
    page(client, "/measures/?actor=WVG")
    actor = Actor.objects.get(code="WVG")
    actor.name = "Agentschap voor Welzijn, onder een nieuwe naam"
    actor.save()
    assert 'title="Agentschap voor Welzijn, onder een nieuwe naam"' in page(
        client, "/measures/?actor=WVG"
    )


def test_a_new_actor_without_measures_is_offered_by_the_filter_at_once(client, plan):
    page(client, "/measures/")
    Actor.objects.create(code="NIEUW", slug="nieuw", name="Een nieuwe partner", kind="other")
    assert "NIEUW" in page(client, "/measures/")


def test_a_renamed_minister_shows_on_the_minister_page_at_once(client, plan):
    page(client, "/ministers/welfare/")
    minister = Minister.objects.filter(portfolio__slug="welfare").first()
    minister.title = "Flemish minister for welfare, renamed"
    minister.save()
    assert "Flemish minister for welfare, renamed" in page(client, "/ministers/welfare/")


def test_rows_follow_a_change_of_the_default_plan(client, plan):
    assert 'href="/measures/5.10/"' in page(client, "/measures/")
    PlanFactory(code="an-older-plan", adoption_year=plan.adoption_year - 1)
    assert Plan.objects.default().code == "an-older-plan"
    shown = page(client, "/measures/")
    assert 'href="/measures/5.10/"' not in shown
    assert f'href="/plans/{plan.code}/measures/5.10/"' in shown


def test_rows_are_cached_per_language(client, plan):
    english = page(client, "/measures/")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = page(client, "/measures/")
    assert ">never<" in english and ">nooit<" in dutch and ">never<" not in dutch


def test_the_list_is_answered_when_the_cache_is_down(client, plan, monkeypatch):
    class DownCache:
        def get_many(self, *args, **kwargs):
            raise ConnectionError("the cache is down")

        set_many = get_many

    expected = page(client, "/measures/?actor=WVG")
    monkeypatch.setattr(actionplan.cached, "cache", DownCache())
    try:
        assert without_csrf_token(page(client, "/measures/?actor=WVG")) == without_csrf_token(
            expected
        )
    finally:
        limit_cache.__init__()  # the next test starts with the cache taken for up


def test_a_measure_deleted_while_its_page_is_read_is_left_out(rf, plan, monkeypatch):
    request = rf.get("/measures/")
    request.user = AnonymousUser()
    measures = measure_list_for(user=request.user).filter(code__in=["5.1", "5.2"])
    real_measure_list_for = measure_rows.measure_list_for

    def deleted_in_between(*, user):  # 5.2 went after its marker was read, before its row
        return real_measure_list_for(user=user).exclude(code="5.2")

    monkeypatch.setattr(measure_rows, "measure_list_for", deleted_in_between)
    html = Template("{% load measure_rows %}{% measure_rows measures %}").render(
        RequestContext(request, {"measures": measures})
    )
    assert "5.1 " in html and "5.2 " not in html


def test_a_description_that_names_an_actor_shows_in_the_directory_at_once(client, plan):
    def named_in(code: str) -> set[str]:
        actors = client.get("/actors/").context["actors"]
        actor = next(actor for actor in actors if actor.code == code)
        return {measure.code for measure in actor.presence.named_in}

    assert "1.1" not in named_in("JINT")
    measure = Measure.objects.get(code="1.1")
    measure.description += "<p>With JINT.</p>"
    measure.save()
    assert "1.1" in named_in("JINT")
