import io
import os

import pytest
from django.core.management import call_command
from django.utils import translation

from actionplan.models import Plan

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
