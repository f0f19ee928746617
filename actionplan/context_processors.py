from django.contrib.auth.models import AnonymousUser

from actors.roles import user_keeps_measures
from reporting.permissions import user_can_see_reports


def portal_navigation(request) -> dict:
    """What the navigation offers this user, decided by the permission functions.

    An error page may be rendered before authentication ran (a disallowed Host is refused by
    the middleware before it): such a request has no user and is shown as anonymous."""
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "nav_shows_my_measures": user_keeps_measures(user),
        "nav_shows_reports": user_can_see_reports(user),
    }
