"""What of a measure's progress a reader sees: readers of internal updates see the progress of
the latest update, everyone else that of the latest public update.

A measure (and a round's frozen snapshot of it) keeps both: `implementation_status` and its
`public_implementation_status` twin, and so on. `Audience` is the one place that knows which
twin an audience reads and which updates count for it; `audience_of(user)` says whose it is.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from actors.models import PortalRole
from actors.roles import UserLike, user_role

# The progress a measure takes from an update, kept once per audience (the public twin is
# named with PUBLIC_PREFIX).
PROGRESS_FIELDS = ("implementation_status", "progress_percent", "last_update_at")
PUBLIC_PREFIX = "public_"

READERS_OF_INTERNAL_UPDATES = {
    PortalRole.PLATFORM_ADMIN,
    PortalRole.COORDINATOR,
    PortalRole.EVALUATOR,
    PortalRole.MINISTRY_VIEWER,
}


def user_can_read_internal(user: UserLike) -> bool:
    """Every portal role reads internal updates; anonymous visitors read public ones only."""
    return user_role(user) in READERS_OF_INTERNAL_UPDATES


@dataclass(frozen=True)
class Audience:
    """Readers of progress: those of internal updates (`public=False`) or the public."""

    public: bool

    def field(self, name: str) -> str:
        """The field that holds `name` for this audience: `public_<name>` for the public."""
        return f"{PUBLIC_PREFIX}{name}" if self.public else name

    def fields(self, names: Iterable[str]) -> dict[str, str]:
        """{name: this audience's field} for each of `names`."""
        return {name: self.field(name) for name in names}

    @property
    def changed_at_field(self) -> str:
        """When what this audience sees of a measure last changed (for Last-Modified and
        `updated_since`): an internal update moves `updated_at`, not `public_changed_at`."""
        return "public_changed_at" if self.public else "updated_at"

    def sees(self, update) -> bool:
        """Whether `update` counts for this audience: every update, or public ones only."""
        return not self.public or update.is_public

    def readable(self, updates):
        """The updates of a ProgressUpdate queryset that this audience reads."""
        return updates.public() if self.public else updates

    def latest(self, updates_latest_first: Iterable):
        """The update this audience's progress comes from: the first it sees in `updates`
        (ordered latest first, as ProgressUpdate.objects.latest_first()), or None."""
        return next((update for update in updates_latest_first if self.sees(update)), None)


INTERNAL = Audience(public=False)
PUBLIC = Audience(public=True)
AUDIENCES = (INTERNAL, PUBLIC)


def audience_of(user: UserLike) -> Audience:
    """The audience whose progress `user` reads."""
    return INTERNAL if user_can_read_internal(user) else PUBLIC
