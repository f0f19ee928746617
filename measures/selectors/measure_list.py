"""The measure list: the measures a query string selects, for pages, exports and the API."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict

from measures.filters import MeasureFilterSet
from measures.models import Measure
from measures.selectors.open_data import measure_queryset_with_plan_data


def measure_list_for(*, user) -> QuerySet[Measure]:
    """Measures with their plan data and the progress `user` may see (visible_* annotations),
    in code order, in a fixed number of queries however many there are."""
    return measure_queryset_with_plan_data().with_visible_progress(user)


@dataclass
class MeasureListResult:
    """The measures a query string selects, or, when a value in it is unknown or malformed,
    none at all and the errors saying why (never the whole list in place of the one asked)."""

    filterset: MeasureFilterSet
    measures: QuerySet[Measure]

    @property
    def is_valid(self) -> bool:
        return self.filterset.is_valid()

    @property
    def errors(self) -> dict[str, list[str]]:
        """Messages per query parameter."""
        return {name: list(messages) for name, messages in self.filterset.errors.items()}

    @property
    def ignored_parameters(self) -> list[str]:
        """Names in the query string that are no filter of the list (a mistyped `actors=`),
        so that a page can say they were ignored rather than silently show more."""
        known = set(self.filterset.filters) | set(PAGINATION_PARAMETERS)
        return sorted(set(self.filterset.data) - known)

    def error_messages(self) -> list[tuple[str, str]]:
        """(label of the filter, message) pairs for showing on a page."""
        fields = self.filterset.form.fields
        return [
            (str(fields[name].label) if name in fields else name, message)
            for name, messages in self.errors.items()
            for message in messages
        ]


def measure_list(*, params, user) -> MeasureListResult:
    """The measures `params` (a query string: request.GET or a dict) selects with the measure
    list's filters (measures.filters.MeasureFilterSet), in the order it asks, with the progress
    `user` may see.

    Plans, actions, policy lines, actors, ministers and budget lines come prefetched, so that
    reading the list, exporting it or totalling its budget takes the same number of queries
    for 10 measures as for 1,000.
    """
    queryset = measure_list_for(user=user)
    filterset = MeasureFilterSet(params if params is not None else {}, queryset=queryset)
    measures = filterset.qs if filterset.is_valid() else queryset.none()
    return MeasureListResult(filterset=filterset, measures=measures)


# The list's pages: `?page_size=` chooses how many measures a page shows (within bounds),
# `?page=` which page; neither is a filter.
PAGE_SIZE = 100
MAX_PAGE_SIZE = 500
PAGINATION_PARAMETERS = ("page", "page_size")


def measure_page_size(params) -> int:
    """The page size `params` asks for, PAGE_SIZE when it asks none or nonsense, and at most
    MAX_PAGE_SIZE."""
    try:
        size = int(params.get("page_size", ""))
    except ValueError:
        return PAGE_SIZE
    return min(size, MAX_PAGE_SIZE) if size > 0 else PAGE_SIZE


def measure_list_page(*, result: MeasureListResult, params) -> Page:
    """The page of `result` that `params` asks for (the last one when it asks past the end, the
    first when it asks nonsense): only that page's measures are read."""
    paginator = Paginator(result.measures, measure_page_size(params))
    return paginator.get_page(params.get("page"))


def query_string_without_page(params: QueryDict) -> str:
    """The query string of `params` without its page number: the base of pagination links,
    which keep the filters, order and page size."""
    rest = params.copy()
    rest.pop("page", None)
    return rest.urlencode()
