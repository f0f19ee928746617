"""The measure list's active filters in words: the tags above the results (each with the
address without it), the heading that says what is shown, and the names and "Filters" sheet
of exports. One description of a query, so that page and export say the same."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db.models.functions import Length
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from actors.models import Minister
from measures.selectors.measure_list import PAGINATION_PARAMETERS, MeasureListResult

# The parameters that are no filter: the order and the pagination change what is shown, not
# which measures.
NOT_FILTERS = ("ordering", *PAGINATION_PARAMETERS)
# Shorter words for a parameter in file names.
FILE_NAME_KEYS = {"implementation_status": "status", "plan_status": "bvn"}
MAX_FILE_NAME_LENGTH = 150


@dataclass(frozen=True)
class ActiveFilter:
    """One chosen value of one filter: `value` as the address gives it canonically, `label`
    in words ("WVG", "policy line 2"), and the query string without this value."""

    name: str
    filter_label: str
    value: str
    label: str
    query_without: str


def query_without_empty(params: QueryDict) -> QueryDict:
    """`params` without empty values (what a form submits for a field left blank), in order:
    the clean, shareable address of the same query."""
    clean = QueryDict(mutable=True)
    for name, values in params.lists():
        kept = [value for value in values if value.strip()]
        if kept:
            clean.setlist(name, kept)
    return clean


def _shortest_titles(portfolios) -> dict[int, str]:
    """Each portfolio's shortest printed title ("Minister for Welfare"), in one query."""
    titles: dict[int, str] = {}
    ordered = Minister.objects.filter(portfolio__in=portfolios).order_by(Length("title"), "title")
    for minister in ordered:
        titles.setdefault(minister.portfolio_id, minister.title)
    return titles


def _values_in_words(name: str, cleaned, field) -> list[tuple[str, str]]:
    """(canonical value, words) for each value of one filter's cleaned data."""
    values = cleaned if isinstance(cleaned, list) else [cleaned]
    if name == "actor":
        return [(actor.code, actor.code) for actor in values]
    if name == "minister":
        titles = _shortest_titles(values)
        return [(p.slug, titles.get(p.pk, p.name)) for p in values]
    if name == "plan":
        return [(cleaned.code, cleaned.title)]
    if name in ("policy_line", "action"):
        template = _("policy line %(number)s") if name == "policy_line" else _("action %(number)s")
        return [(str(number), template % {"number": number}) for number in values]
    if name == "year":
        return [(str(cleaned), _("budget year %(year)s") % {"year": cleaned})]
    if name == "funding":
        return [(cleaned, _("funding “%(label)s”") % {"label": cleaned})]
    if name == "q":
        return [(cleaned, _("matching “%(text)s”") % {"text": cleaned})]
    choices = dict(getattr(field, "choices", []))
    if name == "actor_role":
        return [(cleaned, _("as %(role)s") % {"role": str(choices[cleaned]).lower()})]
    return [(value, str(choices.get(value, value))) for value in values]


def _without(params: QueryDict, name: str, values: list[str]) -> str:
    rest = params.copy()
    rest.pop("page", None)  # the page of another list means nothing
    if values:
        rest.setlist(name, values)
    else:
        rest.pop(name, None)
    return rest.urlencode()


def measure_list_active_filters(*, result: MeasureListResult) -> list[ActiveFilter]:
    """The filters `result`'s query chose, each value on its own, in the filters' order; none
    when the query is not valid (the page then says what is wrong)."""
    if not result.is_valid:
        return []
    filterset = result.filterset
    params = query_without_empty(filterset.data)
    active: list[ActiveFilter] = []
    for name, field in filterset.form.fields.items():
        cleaned = filterset.form.cleaned_data.get(name)
        if name in NOT_FILTERS or cleaned in (None, "", []):
            continue
        pairs = _values_in_words(name, cleaned, field)
        for value, label in pairs:
            others = [other for other, _label in pairs if other != value]
            query = _without(params, name, others)
            active.append(ActiveFilter(name, str(field.label), value, label, query))
    return active


def _joined(parts: list[str], conjunction: str) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {conjunction} {parts[-1]}"


def measure_list_description(*, filters: list[ActiveFilter], count: int) -> str:
    """What a list shows, in words: "27 measures for WVG and Minister for Welfare". Values of
    one filter are alternatives (or); filters combine (and)."""
    by_name: dict[str, list[str]] = {}
    for active in filters:
        by_name.setdefault(active.name, []).append(active.label)
    if not by_name:
        return ngettext("%(count)s measure", "%(count)s measures", count) % {"count": count}
    phrases = [_joined(labels, _("or")) for labels in by_name.values()]
    return ngettext(
        "%(count)s measure for %(filters)s", "%(count)s measures for %(filters)s", count
    ) % {"count": count, "filters": _joined(phrases, _("and"))}


def _file_name_part(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-")


def measure_export_file_name(
    *, filters: list[ActiveFilter], day: date, extension: str, variant: str = ""
) -> str:
    """An export's file name that says its filters: measures-actor-WVG-status-delayed-2026-11-30
    .xlsx (`variant`, such as "-nl", after the date); only letters, digits and hyphens,
    shortened to MAX_FILE_NAME_LENGTH."""
    parts = ["measures"]
    for active in filters:
        key = FILE_NAME_KEYS.get(active.name, active.name)
        parts += [_file_name_part(key), _file_name_part(active.value)]
    stem = "-".join(part for part in parts if part)[:MAX_FILE_NAME_LENGTH].rstrip("-")
    return f"{stem}-{day.isoformat()}{variant}.{extension}"


def measure_export_about(
    *, filters: list[ActiveFilter], description: str, address: str, exported_at: str
) -> list[tuple[str, str]]:
    """The rows of an export's "Filters" sheet: what the list is, each filter and its value,
    the address of the same list on the site, and when it was exported."""
    return [
        (_("Description"), description),
        *((active.filter_label, active.label) for active in filters),
        (_("Address of this list"), address),
        (_("Exported at"), exported_at),
    ]
