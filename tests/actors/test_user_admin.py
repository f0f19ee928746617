"""Staff admin: platform administrators manage portal users on one short page (role and actors
near the top, actors by name), a coordinator must have an e-mail address, and every notes list
is edited as lines of text rather than raw JSON."""

import re

import pytest
from django.contrib.auth import get_user_model

from actors.models import Actor, PortalMembership, Portfolio
from measures.models import Measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, platform_admin):
    client.force_login(platform_admin)
    return client


def user_form(username: str, email: str, role: str, actors: list[Actor], user=None) -> dict:
    """The portal-user admin page's form as a browser posts it."""
    membership = getattr(user, "portal_membership", None) if user else None
    data = {
        "username": username,
        "first_name": "Ann",
        "last_name": "Peeters",
        "email": email,
        "is_active": "on",
        "portal_membership-TOTAL_FORMS": "1",
        "portal_membership-INITIAL_FORMS": "1" if membership else "0",
        "portal_membership-MIN_NUM_FORMS": "0",
        "portal_membership-MAX_NUM_FORMS": "1",
        "portal_membership-0-role": role,
        "portal_membership-0-actors": [actor.pk for actor in actors],
    }
    if membership:
        data["portal_membership-0-id"] = membership.pk
        data["portal_membership-0-user"] = user.pk
    return data


def test_the_portal_user_list_shows_name_email_role_and_actors_by_name(admin_client, coordinator):
    coordinator.first_name, coordinator.last_name = "Ann", "Peeters"
    coordinator.email = "ann@example.org"
    coordinator.save()

    page = admin_client.get("/admin/actors/portaluser/", {"q": "Welfare"}).content.decode()

    assert coordinator.username in page and "Ann Peeters" in page
    assert "ann@example.org" in page and "Coordinator" in page
    assert "WVG – Welfare, Public Health and Family Department" in page


def test_the_portal_user_page_shows_the_role_above_and_no_permissions(admin_client, coordinator):
    response = admin_client.get(f"/admin/actors/portaluser/{coordinator.pk}/change/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "user_permissions" not in page and "is_superuser" not in page
    assert 'name="portal_membership-0-role"' in page and 'name="email"' in page
    # The actors picker searches by code and name and labels each "Code – Name".
    actors = re.search(r'<select name="portal_membership-0-actors".*?</select>', page, re.S)
    assert "admin-autocomplete" in actors.group(0)
    assert "WVG – Welfare, Public Health and Family Department" in actors.group(0)


def test_django_user_page_keeps_permissions_for_what_the_role_does_not_cover(
    admin_client, coordinator
):
    page = admin_client.get(f"/admin/auth/user/{coordinator.pk}/change/").content.decode()
    assert "user_permissions" in page


def test_the_actor_search_of_the_admin_finds_by_name_and_shows_it(admin_client):
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "Welfare, Public",
            "app_label": "actors",
            "model_name": "portalmembership",
            "field_name": "actors",
        },
    )
    labels = [result["text"] for result in response.json()["results"]]
    assert "WVG – Welfare, Public Health and Family Department" in labels


def test_only_platform_administrators_manage_portal_users(client, evaluator):
    client.force_login(evaluator)
    assert client.get("/admin/actors/portaluser/").status_code in (302, 403)


def test_a_coordinator_without_an_e_mail_address_is_refused_with_a_reason(
    admin_client, coordinator
):
    wvg = Actor.objects.get(code="WVG")
    data = user_form(coordinator.username, "", "coordinator", [wvg], user=coordinator)

    response = admin_client.post(f"/admin/actors/portaluser/{coordinator.pk}/change/", data)

    assert response.status_code == 200
    assert "A coordinator needs an e-mail address" in response.content.decode()
    coordinator.refresh_from_db()
    assert coordinator.email == "coord-wvg@example.org"


def test_a_coordinator_with_an_e_mail_address_is_saved_with_its_actors(admin_client):
    actors = list(Actor.objects.filter(code__in=["WVG", "AgII"]))
    data = user_form("new-coordinator", "new@example.org", "coordinator", actors)
    data.update({"usable_password": "false", "password1": "", "password2": ""})

    response = admin_client.post("/admin/actors/portaluser/add/", data)

    assert response.status_code == 302, response.context["errors"]
    membership = PortalMembership.objects.get(user__username="new-coordinator")
    assert membership.user.email == "new@example.org"
    assert set(membership.actors.values_list("code", flat=True)) == {"WVG", "AgII"}


def test_another_role_needs_no_e_mail_address(admin_client):
    data = user_form("new-evaluator", "", "evaluator", [])
    data.update({"usable_password": "false", "password1": "", "password2": ""})

    response = admin_client.post("/admin/actors/portaluser/add/", data)

    assert response.status_code == 302
    assert get_user_model().objects.get(username="new-evaluator").portal_membership.role == (
        "evaluator"
    )


def notes_box(page: str) -> str:
    return re.search(r'<textarea name="notes"[^>]*>(.*?)</textarea>', page, re.S).group(1)


def test_notes_show_as_lines_of_text_not_json(admin_client, plan):
    portfolio = Portfolio.objects.exclude(notes=[]).first()
    measure = Measure.objects.get(plan=plan, code="5.10")
    measure.notes = ["Derived from the plan.", "Checked in 2026."]
    measure.save()

    measure_page = admin_client.get(f"/admin/measures/measure/{measure.pk}/change/")
    portfolio_page = admin_client.get(f"/admin/actors/portfolio/{portfolio.pk}/change/")

    assert notes_box(measure_page.content.decode()).strip() == (
        "Derived from the plan.\nChecked in 2026."
    )
    portfolio_notes = notes_box(portfolio_page.content.decode())
    assert "[" not in portfolio_notes and len(portfolio_notes.strip().splitlines()) == len(
        portfolio.notes
    )


def test_notes_typed_as_lines_round_trip_through_the_admin(admin_client, plan):
    portfolio = Portfolio.objects.get(slug="youth-and-media")
    form = {"slug": portfolio.slug, "name": portfolio.name, "titles-TOTAL_FORMS": "0"}
    form.update({"titles-INITIAL_FORMS": "0", "titles-MIN_NUM_FORMS": "0"})
    form["titles-MAX_NUM_FORMS"] = "1000"
    url = f"/admin/actors/portfolio/{portfolio.pk}/change/"

    response = admin_client.post(url, {**form, "notes": "First note.\n\n  Second, trimmed. \n"})

    assert response.status_code == 302, response.context["errors"]
    portfolio.refresh_from_db()
    assert portfolio.notes == ["First note.", "Second, trimmed."]
    assert notes_box(admin_client.get(url).content.decode()) == "\nFirst note.\nSecond, trimmed."


def test_the_portal_role_fields_are_labelled_in_dutch(admin_client, coordinator):
    page = admin_client.get(
        f"/admin/actors/portaluser/{coordinator.pk}/change/", HTTP_ACCEPT_LANGUAGE="nl"
    ).content.decode()

    labels = re.findall(r'<label[^>]*for="id_portal_membership-0-[a-z]+"[^>]*>(.*?)</label>', page)
    assert labels == ["Rol:", "Actoren:"]
