"""The measures a coordinator keeps up to date (to join measures.selectors)."""

from django.db.models import QuerySet

from measures.models import Measure


def measure_list_mine(*, user) -> QuerySet[Measure]:
    """The measures `user` may update, with the progress they see, in code order."""
    return (
        Measure.objects.modifiable_by(user)
        .with_visible_progress(user)
        .select_related("action")
        .in_code_order()
    )
