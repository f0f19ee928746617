"""{% measure_rows measures %}: the rows of a table of measures, each kept in the cache.

A row shows its measure as the reader sees it (texts, actors, ministers, budget, progress):
it changes only when that measure's change marker moves, or what every row depends on does
(measures.selectors.list_cache.measure_row_key_parts: the reader's audience and language, and
the reference data, such as which plan is the default one that decides a row's address; and
the row's template). So a page asks the database for its measures' ids and markers
only, and reads, with their relations, just the measures whose rows are not cached.
"""

import hashlib

from django import template
from django.db.models import QuerySet
from django.utils.safestring import mark_safe

from actionplan.cached import cache_key, cached_many
from measures.selectors import measure_list_for
from measures.selectors.list_cache import LIST_CACHE_SECONDS, measure_row_key_parts

register = template.Library()

ROW_TEMPLATE = "measures/includes/measure_row.html"


@register.simple_tag(takes_context=True)
def measure_rows(context, measures) -> str:
    """The rows of `measures`: measure_list's measures (a page of them, a sliced queryset, is
    read as ids and markers first) or measures already read (a list)."""
    row = context.template.engine.get_template(ROW_TEMPLATE)
    request = context.get("request")
    if request is None:
        return _render(context, row, list(measures))
    markers = (
        list(measures.values_list("pk", "visible_changed_at"))
        if isinstance(measures, QuerySet)
        else [(measure.pk, measure.visible_changed_at) for measure in measures]
    )
    shared = (*measure_row_key_parts(request), hashlib.sha256(row.source.encode()).hexdigest())
    keys = {pk: cache_key("measure-row", pk, changed_at, *shared) for pk, changed_at in markers}

    def build(missing: list[str]) -> dict[str, str]:
        missing = set(missing)
        wanted = {pk for pk, key in keys.items() if key in missing}
        if isinstance(measures, QuerySet):
            to_render = measure_list_for(user=request.user).filter(pk__in=wanted)
        else:
            to_render = [measure for measure in measures if measure.pk in wanted]
        return {keys[measure.pk]: _render(context, row, [measure]) for measure in to_render}

    rows = cached_many(keys.values(), build, LIST_CACHE_SECONDS)
    # A measure deleted since its marker was read has no row.
    shown = (rows.get(key, "") for key in keys.values())
    return mark_safe("".join(shown))  # noqa: S308 (rows rendered by the template, escaped there)


def _render(context, row, measures) -> str:
    parts = []
    for measure in measures:
        with context.push(measure=measure):
            parts.append(row.render(context))
    return mark_safe("".join(parts))  # noqa: S308 (a template's output, escaped there)
