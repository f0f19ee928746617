import io
import os

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from actionplan.models import Plan
from tests.factories import make_user, make_user_without_role

IN_CI = os.environ.get("CI", "").lower() == "true"


def require(available: bool, reason: str) -> None:
    """Skip a test whose real service is missing here; in CI (CI=true) fail instead."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true, so this is required)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A request in Dutch leaves Dutch active in this thread; start every test in English."""
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def empty_cache():
    """Pages keep rows and counts in the cache under keys of their data's change markers; the
    database is rolled back after each test, the cache is emptied with it."""
    cache.clear()
    yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real plan once; each test then runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("load_plan", stdout=io.StringIO())


@pytest.fixture
def plan(db) -> Plan:
    """The loaded plan (loaded again after a transactional test has emptied the database)."""
    found = Plan.objects.first()
    if found is None:
        call_command("load_plan", stdout=io.StringIO())
        found = Plan.objects.get()
    return found


# --- Users: one of every portal role ----------------------------------------------------------
# Each role is a fixture of its own (a test asks for the ones it needs); `users` gathers them
# for tests that go through every role. Usernames and the e-mail address are what pages and
# mails show.


@pytest.fixture
def platform_admin(plan):
    return make_user("admin", "platform_admin")


@pytest.fixture
def coordinator(plan):
    """The coordinator of WVG (measure 5.1 is WVG's alone), reminded by e-mail."""
    return make_user("coord-wvg", "coordinator", ("WVG",), email="coord-wvg@example.org")


@pytest.fixture
def other_coordinator(plan):
    """The coordinator of OV (measure 12.3 is OV's alone); no e-mail address."""
    return make_user("coord-ov", "coordinator", ("OV",))


@pytest.fixture
def evaluator(plan):
    return make_user("evaluator", "evaluator")


@pytest.fixture
def ministry_viewer(plan):
    return make_user("ministry", "ministry_viewer")


@pytest.fixture
def member_without_role(plan):
    """Signed in, but with no portal role (grant_role cannot make one): reads public data."""
    return make_user_without_role("nobody")


@pytest.fixture
def users(
    platform_admin, coordinator, other_coordinator, evaluator, ministry_viewer, member_without_role
) -> dict:
    """Every role by name, and the anonymous visitor as None, for tests of a matrix of roles."""
    return {
        "platform_admin": platform_admin,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "evaluator": evaluator,
        "ministry_viewer": ministry_viewer,
        "no_role": member_without_role,
        "anonymous": None,
    }
