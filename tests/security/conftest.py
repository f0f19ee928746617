"""Users and a clean cache for the tests of abuse limits, errors and headers."""

import pytest
from django.core.cache import cache

from tests.factories import make_user


@pytest.fixture(autouse=True)
def empty_cache():
    """Throttle and attempt counts live in the cache: every test starts from none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def coordinator(plan):
    return make_user("coord-wvg", "coordinator", ("WVG",))


@pytest.fixture
def limits(settings):
    """Set the attempt limits of some scopes: limits(export=(2, 60))."""

    def set_limits(**scopes):
        settings.ATTEMPT_LIMITS = {
            **settings.ATTEMPT_LIMITS,
            **{scope.replace("_", "-"): value for scope, value in scopes.items()},
        }

    return set_limits
