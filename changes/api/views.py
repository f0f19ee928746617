"""The change feed: GET /api/v1/changes/?after=<cursor>."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from actionplan.api.base import CONDITIONAL_PARAMETERS, ApiViewMixin
from actionplan.api.errors import LIST_ERRORS, NOT_MODIFIED
from changes.api.serializers import ChangeEventSerializer, ChangePageSerializer
from changes.cursor import cursor_from_id, id_from_cursor
from changes.selectors import change_event_page

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


@extend_schema(
    summary="Follow changes",
    description="Every creation, change and removal of a measure or progress update that the "
    "client may see, oldest first, after the change that `after` names (from the start "
    "without it). A removal is a tombstone: a measure removed from the plan, or, for clients "
    "that read public data only, a progress update deleted or made internal. Readers of "
    "internal updates see an internal update's changes too. Each change carries an opaque "
    "`cursor`; keep `next_cursor` and pass it as `after` next time: the cursor only grows, "
    "so changes that share a timestamp are never missed. The feed runs a few seconds "
    "behind (CHANGE_FEED_SETTLE_SECONDS) where a transaction may still be committing a change "
    "below the cursor, so that no late commit is skipped. `has_more` says to ask again at "
    "once. A mirror applies `created`/`changed` by fetching `url` and `removed` by deleting.",
    parameters=[
        OpenApiParameter(
            "after",
            OpenApiTypes.STR,
            OpenApiParameter.QUERY,
            description="A cursor from this feed: list only what changed after it.",
        ),
        OpenApiParameter(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
            OpenApiParameter.QUERY,
            description="At most this many changes.",
        ),
        *CONDITIONAL_PARAMETERS,
    ],
    responses={200: ChangePageSerializer, 304: NOT_MODIFIED, **LIST_ERRORS},
)
class ChangeFeedView(ApiViewMixin, GenericAPIView):
    renderer_classes = [JSONRenderer]
    serializer_class = ChangePageSerializer

    def get(self, request):
        after = request.query_params.get("after", "").strip()
        after_id = self._after_id(after)
        limit = self._limit(request.query_params.get("limit"))
        page = change_event_page(user=request.user, after_id=after_id, limit=limit)
        results = ChangeEventSerializer(page.events, many=True, context={"request": request}).data
        resume = page.resume_after
        return Response(
            {
                "results": results,
                "next_cursor": cursor_from_id(resume) if resume else (after or None),
                "has_more": page.has_more,
            }
        )

    def _after_id(self, after: str) -> int:
        if not after:
            return 0
        try:
            return id_from_cursor(after)
        except ValueError as exc:
            raise ValidationError({"after": [_("Give a cursor from this feed.")]}) from exc

    def _limit(self, raw: str | None) -> int:
        if raw is None:
            return DEFAULT_LIMIT
        try:
            # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
            limit = int(raw) if raw.strip().isascii() else 0
        except ValueError:
            limit = 0
        if not 1 <= limit <= MAX_LIMIT:
            raise ValidationError(
                {"limit": [_("Give a whole number from 1 to %(max)d.") % {"max": MAX_LIMIT}]}
            )
        return limit
