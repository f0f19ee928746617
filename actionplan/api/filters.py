"""Query parameters shared by list endpoints."""

import datetime

from django import forms
from django.core.exceptions import ValidationError as FormValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from actionplan.models import Plan

UPDATED_SINCE = "updated_since"


def parse_moment(raw: str) -> datetime.datetime:
    """An ISO 8601 date and time (or a date: its midnight, in the portal's time zone);
    a moment without an offset is read in the portal's time zone. ValueError otherwise."""
    moment = parse_datetime(raw)
    if moment is None:
        day = parse_date(raw)
        if day is None:
            raise ValueError(raw)
        moment = datetime.datetime.combine(day, datetime.time.min)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    # Comparing in UTC keeps far-off moments (year 1 or 9999 with an offset) representable.
    return moment.astimezone(datetime.UTC)


class UpdatedSinceFilter(BaseFilterBackend):
    """`?updated_since=2026-11-01T00:00:00Z`: only what changed after that moment, for
    incremental sync. The view names the timestamp with `updated_since_field`."""

    description = (
        "Only what changed strictly after this moment (ISO 8601, such as "
        "2026-11-01T09:00:00Z; a date means its midnight, Europe/Brussels). For incremental "
        "sync: keep the time of your previous sync and pass it here."
    )

    def filter_queryset(self, request, queryset, view):
        raw = request.query_params.get(UPDATED_SINCE)
        if raw is None:
            return queryset
        try:
            moment = parse_moment(raw.strip())
        except (ValueError, OverflowError) as exc:
            raise ValidationError(
                {UPDATED_SINCE: [_("Give a date and time such as 2026-11-01T00:00:00Z.")]}
            ) from exc
        field = getattr(view, "updated_since_field", "updated_at")
        return queryset.filter(**{f"{field}__gt": moment})

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": UPDATED_SINCE,
                "required": False,
                "in": "query",
                "description": self.description,
                "schema": {"type": "string", "format": "date-time"},
            }
        ]


class PlanField(forms.CharField):
    """`?plan=<code>` cleaned to its Plan, None without a code: the one rule of the parameter
    for pages (the measure list's FilterSet) and API (PlanFilter), with one message."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", Plan._meta.get_field("code").max_length)
        super().__init__(**kwargs)

    def clean(self, value):
        code = super().clean(value)
        if not code:
            return None
        plan = Plan.objects.filter(code=code).first()
        if plan is None:
            raise FormValidationError(
                gettext_lazy("Unknown plan: %(code)s."), params={"code": code}
            )
        return plan


class PlanFilter(BaseFilterBackend):
    """`?plan=<code>`: only what belongs to that plan (every plan's otherwise). The view names
    the path to the plan's code with `plan_code_field`."""

    def filter_queryset(self, request, queryset, view):
        try:
            plan = PlanField(required=False).clean(request.query_params.get("plan", ""))
        except FormValidationError as error:
            raise ValidationError({"plan": error.messages}) from error
        if plan is None:
            return queryset
        return queryset.filter(**{getattr(view, "plan_code_field", "plan__code"): plan.code})

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "plan",
                "required": False,
                "in": "query",
                "description": "A plan's code: only what belongs to that plan.",
                "schema": {"type": "string"},
            }
        ]
