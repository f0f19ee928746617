"""What the measure list's pages keep in the cache: the aggregates over a whole filtered list
(each filter option's count and the budget totals) and each measure's table row.

Their keys name everything they show depends on (actionplan.cached): the reader's change
marker of every measure (a change to a measure, its actors, ministers or budget lines, or to
anything it names, moves it; measures.selectors.freshness), the reference data's version (a
plan, action, actor or minister made, renamed or removed; actionplan.reference_data), the
reader's audience and language, and the query. So a page at a hundred times the plan reads
its counts and rows from the cache until something it shows changes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.utils.translation import get_language

from actionplan.cached import cache_key, cached
from actionplan.reference_data import reference_data_version
from budgets.selectors import BudgetTotals, budget_total_of
from measures.selectors.facets import Facet, measure_list_facets
from measures.selectors.freshness import measure_list_marker
from measures.selectors.measure_list import PAGINATION_PARAMETERS, MeasureListResult
from measures.visibility import user_can_read_internal

T = TypeVar("T")

# Long enough to serve many readers between changes, short enough to free unused entries.
LIST_CACHE_SECONDS = 15 * 60


@dataclass(frozen=True)
class MeasureListAggregates:
    """Over the whole filtered list, not one page of it."""

    facets: dict[str, Facet]
    budget_totals: BudgetTotals


def measure_list_aggregates(*, result: MeasureListResult, request) -> MeasureListAggregates:
    """The filter counts and budget totals of `result`, the list `request` asks for."""

    def build() -> MeasureListAggregates:
        return MeasureListAggregates(
            facets=measure_list_facets(result=result),
            budget_totals=budget_total_of(measure_ids=result.measures.order_by().values("pk")),
        )

    filters = sorted(
        (name, value)
        for name, values in request.GET.lists()
        if name not in PAGINATION_PARAMETERS
        for value in values
    )
    name = f"measure-list-aggregates:{request.path}:{filters}"
    return cached_for_reader(name, build, user=request.user, request=request)


def cached_for_reader(name: str, build: Callable[[], T], *, user, request=None) -> T:
    """`build()`, kept under `name` (what it is of) for readers like `user`, in the language of
    the request, until a measure as they see it or the reference data changes."""
    key = cache_key(
        "measures-for-reader",
        name,
        measure_list_marker(user=user),
        reference_data_version(request),
        get_language(),
    )
    return cached(key, build, LIST_CACHE_SECONDS)


def measure_row_key_parts(request) -> tuple:
    """What every measure row shows depends on besides its measure's change marker."""
    return (
        user_can_read_internal(request.user),
        reference_data_version(request),
        get_language(),
    )
