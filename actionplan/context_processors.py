from reporting.permissions import user_can_see_reports


def portal_navigation(request) -> dict:
    """What the navigation offers this user, decided by the permission functions."""
    return {"nav_shows_reports": user_can_see_reports(request.user)}
