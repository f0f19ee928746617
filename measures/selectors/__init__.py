"""Reads of measures, shared by pages, exports, the API and reports.

The package: `open_data` (a measure as open data and the queryset reading it), `measure_list`
(the filtered list), `facets` (its filter options with counts), `progress` (timeline and
history), `dashboard` (a plan's progress), `by_actor` (measures per actor and minister),
`lookups` (one measure or update; a coordinator's measures), `freshness` (when what a reader
sees last changed).
"""

from budgets.selectors import budget_line_open_data
from measures.selectors.by_actor import (
    ActorOverview,
    MeasuresOverview,
    MinisterOverview,
    actor_directory,
    actor_overview,
    minister_directory,
    minister_overview,
)
from measures.selectors.dashboard import (
    STALE_AFTER_DAYS,
    GroupProgress,
    dashboard_summary,
    measure_status_counts,
)
from measures.selectors.facets import Facet, FacetOption, measure_list_facets
from measures.selectors.freshness import (
    ListMarker,
    measure_list_changed_at,
    measure_list_marker,
    progress_update_list_changed_at,
)
from measures.selectors.lookups import measure_get, measure_list_mine, progress_update_get
from measures.selectors.measure_list import (
    MAX_PAGE_SIZE,
    PAGE_SIZE,
    MeasureListResult,
    measure_list,
    measure_list_for,
    measure_list_page,
    query_string_without_page,
)
from measures.selectors.mentions import ActorPresence, actor_presence, actors_named_in_text
from measures.selectors.open_data import (
    measure_open_data,
    measure_plan_data_prefetches,
    measure_queryset_with_plan_data,
)
from measures.selectors.progress import (
    HistoryChange,
    HistoryEntry,
    measure_history,
    progress_update_list,
    progress_update_list_for,
)

__all__ = [
    "MAX_PAGE_SIZE",
    "PAGE_SIZE",
    "ActorPresence",
    "actor_presence",
    "actors_named_in_text",
    "STALE_AFTER_DAYS",
    "ActorOverview",
    "Facet",
    "FacetOption",
    "GroupProgress",
    "HistoryChange",
    "HistoryEntry",
    "ListMarker",
    "MeasureListResult",
    "MeasuresOverview",
    "MinisterOverview",
    "actor_directory",
    "actor_overview",
    "budget_line_open_data",
    "dashboard_summary",
    "measure_get",
    "measure_history",
    "measure_list",
    "measure_list_facets",
    "measure_list_changed_at",
    "measure_list_marker",
    "measure_list_for",
    "measure_list_mine",
    "measure_list_page",
    "measure_open_data",
    "measure_plan_data_prefetches",
    "measure_queryset_with_plan_data",
    "measure_status_counts",
    "minister_directory",
    "minister_overview",
    "progress_update_get",
    "progress_update_list",
    "progress_update_list_changed_at",
    "progress_update_list_for",
    "query_string_without_page",
]
