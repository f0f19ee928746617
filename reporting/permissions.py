"""Who may see, build and download reports."""

from actors.models import PortalRole
from actors.roles import UserLike, user_role
from measures.permissions import user_can_read_internal
from reporting.models import ReportRun

__all__ = ["report_run_can_download", "user_can_build_reports", "user_can_see_reports"]


def user_can_build_reports(user: UserLike) -> bool:
    """Opening and closing rounds, requesting reports and reminding coordinators is for
    evaluators and platform administrators."""
    return user_role(user) in {PortalRole.PLATFORM_ADMIN, PortalRole.EVALUATOR}


def user_can_see_reports(user: UserLike) -> bool:
    """Rounds and report runs are for readers of internal updates, which is every portal
    role: a round's page counts internal updates, and its runs can be the internal edition.
    A signed-in user without a role sees no report (403)."""
    return user_can_read_internal(user)


def report_run_can_download(user: UserLike, run: ReportRun) -> bool:
    """The public edition for everyone who may see reports; the internal edition for readers
    of internal updates, which (see user_can_see_reports) is the same people."""
    if not user_can_see_reports(user):
        return False
    return run.is_public or user_can_read_internal(user)
