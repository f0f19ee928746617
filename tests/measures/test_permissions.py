"""Who may update which measure: the query (Measure.objects.modifiable_by) and the check of one
measure (measure_can_update) give the same answer for every role."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from measures.models import Measure, ProgressUpdate
from measures.permissions import measure_can_update
from measures.services import ProgressFields, VersionMismatchError, progress_update_create
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

WVG_MEASURE = "5.1"  # carried out by WVG alone
OV_MEASURE = "12.3"  # carried out by OV alone

ROLES = {
    "platform_admin": lambda: make_user("admin", "platform_admin"),
    "coordinator_of_wvg": lambda: make_user("coord-wvg", "coordinator", ("WVG",)),
    "coordinator_of_ov": lambda: make_user("coord-ov", "coordinator", ("OV",)),
    "evaluator": lambda: make_user("evaluator", "evaluator"),
    "ministry_viewer": lambda: make_user("ministry", "ministry_viewer"),
    "no_role": lambda: get_user_model().objects.create_user("nobody", password=PASSWORD),
    "anonymous": AnonymousUser,
}


@pytest.mark.parametrize("role", ROLES)
def test_modifiable_by_lists_exactly_the_measures_the_user_may_update(plan, role):
    user = ROLES[role]()
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
def test_each_role_may_update_its_own_measures_only(plan, role, may_update):
    user = ROLES[role]()
    codes = set(
        Measure.objects.modifiable_by(user)
        .filter(code__in=[WVG_MEASURE, OV_MEASURE])
        .values_list("code", flat=True)
    )
    assert codes == may_update


def test_a_platform_administrator_may_update_a_measure_without_actors(plan):
    measure = Measure.objects.get(code=WVG_MEASURE)
    measure.actor_links.all().delete()
    admin = ROLES["platform_admin"]()
    assert measure_can_update(admin, measure)
    assert measure in Measure.objects.modifiable_by(admin)


def test_an_update_based_on_another_version_than_if_match_names_writes_nothing(plan):
    measure = Measure.objects.get(code=WVG_MEASURE)
    fields = ProgressFields(
        reported_on=datetime.date(2026, 11, 1),
        implementation_status="on_track",
        progress_percent=40,
        narrative="Work is under way.",
    )
    author = ROLES["coordinator_of_wvg"]()
    with pytest.raises(VersionMismatchError):
        progress_update_create(
            measure=measure, author=author, fields=fields, matching_versions={measure.version + 1}
        )
    assert not ProgressUpdate.objects.filter(measure=measure).exists()
    progress_update_create(
        measure=measure, author=author, fields=fields, matching_versions={measure.version}
    )
    assert ProgressUpdate.objects.filter(measure=measure).count() == 1
