"""Where a user lands after signing in: the page of their work, by role."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from actors.models import PortalRole
from actors.roles import user_role

ROLE_LANDING_PAGES = {
    PortalRole.COORDINATOR: "my-measures",  # their task list for the open round
    PortalRole.MINISTRY_VIEWER: "measures:list",  # the list they filter, share and export
    PortalRole.EVALUATOR: "reporting:round-list",  # rounds and reports
    PortalRole.PLATFORM_ADMIN: "reporting:round-list",
}


def landing(request: HttpRequest) -> HttpResponse:
    """settings.LOGIN_REDIRECT_URL: a sign-in without a `next` page ends here."""
    return redirect(ROLE_LANDING_PAGES.get(user_role(request.user), "actionplan:home"))
