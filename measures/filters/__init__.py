"""The measure list's filters: one FilterSet shared by the pages, the exports and the REST API,
so that the same query string gives the same measures everywhere.

Filters on different parameters combine (AND); several values of one parameter are
alternatives (OR): `?actor=WVG,KB&plan_status=N` is the new measures of WVG or KB. A value that
is unknown or malformed makes the filterset invalid with an error on its parameter, so a caller
never shows the whole list in place of the one asked for.

The queryset must carry the annotations of `Measure.objects.with_visible_progress(user)`:
the implementation-status filter and the status and last-update orderings read the progress
the user may see, never the internal one.

The package: `fields` (the parameters' form fields and filters), `conditions` (conditions on
measures shared with the facet counts, and the order), `filterset` (MeasureFilterSet).
"""

from measures.filters.conditions import (
    CODE_ORDER,
    ORDERING_CHOICES,
    has_actor,
    has_minister,
    order_measures,
    text_search_condition,
)
from measures.filters.fields import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_SEARCH_LENGTH,
    MAX_SEARCH_TERMS,
    MAX_VALUES_PER_PARAMETER,
    ActorFilter,
    ActorsField,
    ChoicesField,
    ChoicesFilter,
    FundingField,
    FundingFilter,
    MinisterFilter,
    MinistersField,
    NumbersField,
    NumbersFilter,
    PlanCodeFilter,
    RepeatableField,
    RepeatableInput,
    SearchField,
    SearchFilter,
    YearFilter,
)
from measures.filters.filterset import MeasureFilterSet

__all__ = [
    "CODE_ORDER",
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_SEARCH_LENGTH",
    "MAX_SEARCH_TERMS",
    "MAX_VALUES_PER_PARAMETER",
    "ORDERING_CHOICES",
    "ActorFilter",
    "ActorsField",
    "ChoicesField",
    "ChoicesFilter",
    "FundingField",
    "FundingFilter",
    "MeasureFilterSet",
    "MinisterFilter",
    "MinistersField",
    "NumbersField",
    "NumbersFilter",
    "PlanCodeFilter",
    "RepeatableField",
    "RepeatableInput",
    "SearchField",
    "SearchFilter",
    "YearFilter",
    "has_actor",
    "has_minister",
    "order_measures",
    "text_search_condition",
]
