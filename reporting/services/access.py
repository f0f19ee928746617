"""Who may change reporting, stated once for every service of the package.

A `user` of None means the system itself (Celery beat, a management command); every other
caller is checked with `user_can_build_reports`.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from reporting.permissions import user_can_build_reports


def builder_required(user) -> None:
    """Raise PermissionDenied unless `user` is the system or may build reports."""
    if user is not None and not user_can_build_reports(user):
        raise PermissionDenied(_("Only evaluators and platform administrators manage reports."))


def recorded_user(user):
    """The user to record as having done something: None for the system (or anonymous)."""
    return user if user is not None and getattr(user, "is_authenticated", False) else None
