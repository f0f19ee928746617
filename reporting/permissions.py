"""Who may see and download reports (who may build them: measures.permissions)."""

from measures.permissions import UserLike, user_can_build_reports, user_can_read_internal
from reporting.models import ReportRun

__all__ = ["report_run_can_download", "user_can_build_reports", "user_can_see_reports"]


def user_can_see_reports(user: UserLike) -> bool:
    """Rounds, report runs and the public edition are for every signed-in user."""
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def report_run_can_download(user: UserLike, run: ReportRun) -> bool:
    """The public edition for every signed-in user; the internal edition for readers of
    internal updates only."""
    if not user_can_see_reports(user):
        return False
    return run.is_public or user_can_read_internal(user)
