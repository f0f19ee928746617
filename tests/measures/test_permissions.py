"""Who may update which measure: the query (Measure.objects.modifiable_by) and the check of one
measure (measure_can_update) give the same answer for every role."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser

from measures.models import Measure, ProgressUpdate
from measures.permissions import measure_can_update
from measures.services import ProgressFields, VersionMismatchError, progress_update_create

pytestmark = pytest.mark.django_db

WVG_MEASURE = "5.1"  # carried out by WVG alone
OV_MEASURE = "12.3"  # carried out by OV alone

# This module's names for the shared users of every role (tests/conftest.py).
ROLES = {
    "platform_admin": "platform_admin",
    "coordinator_of_wvg": "coordinator",
    "coordinator_of_ov": "other_coordinator",
    "evaluator": "evaluator",
    "ministry_viewer": "ministry_viewer",
    "no_role": "no_role",
    "anonymous": "anonymous",
}


@pytest.mark.parametrize("role", ROLES)
def test_modifiable_by_lists_exactly_the_measures_the_user_may_update(users, role):
    user = users[ROLES[role]] or AnonymousUser()
    measures = Measure.objects.prefetch_related("actor_links")
    checked_one_by_one = {measure for measure in measures if measure_can_update(user, measure)}
    assert set(Measure.objects.modifiable_by(user)) == checked_one_by_one


@pytest.mark.parametrize(
    ("role", "may_update"),
    [
        ("platform_admin", {WVG_MEASURE, OV_MEASURE}),
        ("coordinator_of_wvg", {WVG_MEASURE}),
        ("coordinator_of_ov", {OV_MEASURE}),
        ("evaluator", set()),
        ("ministry_viewer", set()),
        ("no_role", set()),
        ("anonymous", set()),
    ],
)
def test_each_role_may_update_its_own_measures_only(users, role, may_update):
    user = users[ROLES[role]] or AnonymousUser()
    codes = set(
        Measure.objects.modifiable_by(user)
        .filter(code__in=[WVG_MEASURE, OV_MEASURE])
        .values_list("code", flat=True)
    )
    assert codes == may_update


def test_a_platform_administrator_may_update_a_measure_without_actors(platform_admin):
    measure = Measure.objects.get(code=WVG_MEASURE)
    measure.actor_links.all().delete()
    admin = platform_admin
    assert measure_can_update(admin, measure)
    assert measure in Measure.objects.modifiable_by(admin)


def test_an_update_based_on_another_version_than_if_match_names_writes_nothing(coordinator):
    measure = Measure.objects.get(code=WVG_MEASURE)
    fields = ProgressFields(
        reported_on=datetime.date(2026, 11, 1),
        implementation_status="on_track",
        progress_percent=40,
        narrative="Work is under way.",
    )
    author = coordinator
    with pytest.raises(VersionMismatchError):
        progress_update_create(
            measure=measure, author=author, fields=fields, matching_versions={measure.version + 1}
        )
    assert not ProgressUpdate.objects.filter(measure=measure).exists()
    progress_update_create(
        measure=measure, author=author, fields=fields, matching_versions={measure.version}
    )
    assert ProgressUpdate.objects.filter(measure=measure).count() == 1
