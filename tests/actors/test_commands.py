"""grant_role and create_demo_users manage accounts from the command line."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

from actors.models import PortalMembership

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_grant_role_creates_a_coordinator_of_an_actor_named_by_alias(plan):
    output = run(
        "grant_role",
        "jan",
        "--role",
        "coordinator",
        "--actor",
        "CISM",
        "--email",
        "jan@example.org",
        "--password",
        "Correct-Horse-Battery-9",
    )
    assert "Created jan: coordinator" in output
    membership = PortalMembership.objects.get(user__username="jan")
    assert [actor.code for actor in membership.actors.all()] == ["CJSM"]
    assert get_user_model().objects.get(username="jan").check_password("Correct-Horse-Battery-9")


def test_grant_role_updates_an_existing_user(plan):
    run("grant_role", "jan", "--role", "coordinator", "--actor", "WVG")
    output = run("grant_role", "jan", "--role", "platform_admin")
    assert "Updated jan: platform_admin" in output
    user = get_user_model().objects.get(username="jan")
    assert user.is_superuser and user.is_staff
    assert user.portal_membership.actors.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "coordinator", "--actor", "NOPE"], "Unknown actor 'NOPE'"),
        (["--role", "coordinator"], "A coordinator needs at least one actor"),
        (["--role", "evaluator", "--email", "not-an-email"], "is not an email address"),
        (["--role", "evaluator", "--password", "123"], "This password is too short"),
        (["--role", "evaluator", "--actor", "WVG"], "Only a coordinator is linked to actors"),
    ],
)
def test_grant_role_refuses_bad_input_and_changes_nothing(plan, args, message):
    with pytest.raises(CommandError, match=message):
        run("grant_role", "jan", *args)
    assert not get_user_model().objects.filter(username="jan").exists()


def test_grant_role_rejects_an_unknown_role(plan):
    with pytest.raises(CommandError, match="invalid choice"):
        run("grant_role", "jan", "--role", "king")


@override_settings(DEBUG=True)
def test_demo_users_cover_every_role_and_print_their_logins(plan):
    output = run("create_demo_users")
    roles = set(PortalMembership.objects.values_list("role", flat=True))
    assert roles == {"platform_admin", "coordinator", "evaluator", "ministry_viewer"}
    for membership in PortalMembership.objects.select_related("user"):
        assert membership.user.username in output
    run("create_demo_users")  # a second run updates, it does not duplicate
    assert PortalMembership.objects.count() == 5


def test_demo_users_are_refused_in_production(plan):
    with pytest.raises(CommandError, match="only made with DEBUG=true"):
        run("create_demo_users")


def test_grant_role_refuses_a_user_name_django_would_not_accept(plan):
    with pytest.raises(CommandError, match="Enter a valid username"):
        run("grant_role", "bad user name!", "--role", "evaluator")
    assert not get_user_model().objects.filter(username="bad user name!").exists()


@pytest.mark.parametrize("indent", ["-1", "99999999999"])
def test_export_plan_refuses_an_absurd_indent(plan, indent):
    with pytest.raises(CommandError, match="--indent must be a whole number from 0 to 8"):
        run("export_plan", "--indent", indent)
