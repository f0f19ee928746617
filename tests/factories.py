"""Users of every portal role, made through the same service as grant_role."""

import datetime

from actors.services import user_grant_role
from measures.models import Measure
from measures.services import ProgressFields, progress_update_create

PASSWORD = "a-Long-test-passphrase-42"


def make_user(username: str, role: str, actors: tuple[str, ...] = ()):
    user, _created = user_grant_role(
        username=username,
        role=role,
        actor_codes=list(actors),
        password=PASSWORD,
        check_password=False,
    )
    return user


def record_update(measure: Measure, author, **overrides):
    """Record a progress update through the service, as the update form does."""
    values = {
        "reported_on": datetime.date(2026, 11, 1),
        "implementation_status": "on_track",
        "progress_percent": 40,
        "narrative": "Work is under way.",
    }
    values.update(overrides)
    measure.refresh_from_db()
    return progress_update_create(
        measure=measure,
        author=author,
        expected_version=measure.version,
        fields=ProgressFields(**values),
    )
