"""Filters of the progress-update list (the measure list uses measures.filters)."""

import django_filters
from django import forms
from drf_spectacular.utils import OpenApiParameter

from measures.filters import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_VALUES_PER_PARAMETER,
    MeasureFilterSet,
    NumbersField,
    RepeatableField,
)
from measures.models import ImplementationStatus, ProgressUpdate


class ProgressUpdateFilterSet(django_filters.FilterSet):
    measure = django_filters.CharFilter(
        field_name="measure__code", help_text="A measure's code, such as 5.10."
    )
    implementation_status = django_filters.ChoiceFilter(choices=ImplementationStatus.choices)
    visibility = django_filters.ChoiceFilter(
        choices=ProgressUpdate.Visibility.choices,
        help_text="Anonymous clients only ever see public updates.",
    )
    reported_after = django_filters.DateFilter(
        field_name="reported_on", lookup_expr="gte", help_text="Reported on or after this date."
    )
    reported_before = django_filters.DateFilter(
        field_name="reported_on", lookup_expr="lte", help_text="Reported on or before this date."
    )

    class Meta:
        model = ProgressUpdate
        fields = ["measure", "implementation_status", "visibility"]


def measure_filter_parameters() -> list[OpenApiParameter]:
    """The query parameters of the measure list (measures.filters.MeasureFilterSet) as OpenAPI
    describes them: its filters work by method and take several comma-separated values, which
    drf-spectacular cannot infer from the FilterSet."""
    return [
        _filter_parameter(name, measure_filter)
        for name, measure_filter in MeasureFilterSet.base_filters.items()
    ]


def _filter_parameter(name: str, measure_filter) -> OpenApiParameter:
    field_class = measure_filter.field_class
    extra = measure_filter.extra
    choices = [str(value) for value, _label in extra.get("choices") or ()]
    description = str(extra.get("help_text") or measure_filter.label or name)
    style = explode = None
    if issubclass(field_class, RepeatableField):
        if issubclass(field_class, NumbersField):
            items = {"type": "integer", "minimum": 1}
        elif choices:
            items = {"type": "string", "enum": choices}
        else:
            items = {"type": "string"}
        schema = {"type": "array", "items": items, "maxItems": MAX_VALUES_PER_PARAMETER}
        style, explode = "form", False
        description += " Several values: comma-separated (or repeated)."
    elif issubclass(field_class, forms.IntegerField):
        schema = {
            "type": "integer",
            "minimum": extra.get("min_value", FIRST_YEAR),
            "maximum": extra.get("max_value", LAST_YEAR),
        }
    elif choices:
        schema = {"type": "string", "enum": choices}
    else:
        schema = {"type": "string"}
        max_length = getattr(measure_filter.field, "max_length", None)
        if max_length:
            schema["maxLength"] = max_length
    return OpenApiParameter(
        name,
        schema,
        OpenApiParameter.QUERY,
        description=description,
        style=style,
        explode=explode,
    )
