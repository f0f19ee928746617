"""Reads of measures, shared by pages, exports, the API and reports."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from budgets.models import BudgetLine
from measures.models import Measure, MeasureActor, MeasureMinister


def measure_plan_data_prefetches() -> list[Prefetch]:
    """A measure's actors, ministers and budget lines, each in one query for all measures."""
    return [
        Prefetch("actor_links", MeasureActor.objects.select_related("actor")),
        Prefetch("minister_links", MeasureMinister.objects.select_related("minister")),
        Prefetch("budget_lines", BudgetLine.objects.all()),
    ]


def measure_queryset_with_plan_data() -> QuerySet[Measure]:
    """Measures with everything `measure_open_data` reads, in a fixed number of queries."""
    return (
        Measure.objects.select_related("plan", "action__policy_line")
        .prefetch_related(*measure_plan_data_prefetches())
        .in_code_order()
    )


def measure_open_data(measure: Measure) -> dict:
    """A measure as open data: the shape of `export_plan` and of the REST API."""
    return {
        "code": measure.code,
        "plan_status": measure.plan_status,
        "description": measure.description,
        "action": measure.action.number,
        "policy_line": measure.action.policy_line.number,
        "actors": [
            {
                "code": link.actor.code,
                "name": link.actor.name,
                "kind": link.actor.kind,
                "role": link.role,
            }
            for link in measure.actor_links.all()
        ],
        "ministers": [{"title": link.minister.title} for link in measure.minister_links.all()],
        "budget_lines": [budget_line_open_data(line) for line in measure.budget_lines.all()],
        "notes": list(measure.notes),
    }


def budget_line_open_data(line: BudgetLine) -> dict:
    return {
        "amount": None if line.amount is None else str(line.amount),
        "currency": line.currency,
        "unit": line.unit,
        "fte": None if line.fte is None else str(line.fte),
        "recurrence": line.recurrence or None,
        "period_start": line.period_start,
        "period_end": line.period_end,
        "label": line.label,
        "regular_resources": line.regular_resources,
        "source_text": line.source_text,
    }


# --- Progress: timeline, history, dashboard -------------------------------------------------

STALE_AFTER_DAYS = 90
HISTORY_HIDDEN_FIELDS = {"id", "version", "updated_at", "created_at", "action_number", "number"}
INTERNAL_PROGRESS_FIELDS = {"implementation_status", "progress_percent", "last_update_at"}
HISTORY_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def progress_update_list(*, measure: Measure, user) -> QuerySet:
    """The measure's updates that `user` may read, newest first (the timeline)."""
    from measures.models import ProgressUpdate
    from measures.permissions import user_can_read_internal

    updates = ProgressUpdate.objects.filter(measure=measure).select_related("author")
    if not user_can_read_internal(user):
        updates = updates.public()
    return updates.latest_first()


@dataclass
class HistoryChange:
    field: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    subject: str
    kind: str  # created, changed, deleted
    changes: list[HistoryChange]


def measure_history(*, measure: Measure, user) -> list[HistoryEntry]:
    """Every recorded change to the measure and to the updates `user` may read, newest first."""
    from measures.models import ProgressUpdate
    from measures.permissions import user_can_read_internal, user_can_see_history

    if not user_can_see_history(user):
        return []
    reads_internal = user_can_read_internal(user)
    # The measure's own status fields follow internal updates too; hide them from those who
    # may not read internal updates (they see the public_* twins change instead).
    hidden = set() if reads_internal else INTERNAL_PROGRESS_FIELDS
    entries = _history_entries(
        measure.history.select_related("history_user").order_by("history_date", "history_id"),
        Measure._meta,
        subject=lambda record: _("Measure %(code)s") % {"code": record.code},
        hidden=hidden,
    )
    updates = ProgressUpdate.history.filter(measure_id=measure.pk).select_related("history_user")
    if not reads_internal:
        # Each recorded state on its own: an update once internal and later public must not
        # show its internal past.
        updates = updates.filter(visibility=ProgressUpdate.Visibility.PUBLIC)
    entries += _history_entries(
        updates.order_by("id", "history_date", "history_id"),
        ProgressUpdate._meta,
        subject=lambda record: (
            _("Progress update of %(date)s") % {"date": date_format(record.reported_on)}
        ),
    )
    return sorted(entries, key=lambda entry: entry.when, reverse=True)


def _history_entries(records, meta, *, subject, hidden=frozenset()) -> list[HistoryEntry]:
    entries = []
    previous_by_object: dict = {}
    fields = [
        field
        for field in meta.concrete_fields
        if field.name not in HISTORY_HIDDEN_FIELDS | hidden
        and not field.name.endswith("_as_printed")
    ]
    for record in records:
        previous = previous_by_object.get(record.id)
        changes = []
        for field in fields:
            after = _display(record, field)
            before = _display(previous, field) if previous is not None else ""
            if previous is None and record.history_type == "+":
                continue
            if before != after:
                changes.append(HistoryChange(str(field.verbose_name), before, after))
        kind = HISTORY_KINDS[record.history_type]
        if kind == "created" or changes or kind == "deleted":
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=str(record.history_user) if record.history_user else _("the system"),
                    subject=subject(record),
                    kind=kind,
                    changes=changes,
                )
            )
        previous_by_object[record.id] = record
    return entries


def _display(record, field) -> str:
    attname = field.attname
    value = getattr(record, attname, None)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value or ""))
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if field.is_relation:
        return str(value)
    return str(value)


@dataclass
class GroupProgress:
    number: int
    title: str
    measures: int
    average_percent: int
    completed: int
    status_counts: dict[str, int]


def dashboard_summary(*, plan, user) -> dict:
    """Progress of the plan as `user` may see it: per status, per B/V/N, per policy line and
    action, the latest updated measures and those without an update for 90 days."""
    from actionplan.models import Action
    from measures.models import ImplementationStatus

    measures = list(
        Measure.objects.filter(plan=plan)
        .with_visible_progress(user)
        .select_related("action__policy_line")
        .in_code_order()
    )
    by_status = {status: 0 for status in ImplementationStatus.values}
    for measure in measures:
        by_status[measure.visible_status] += 1
    by_plan_status = {status: 0 for status in Measure.PlanStatus.values}
    for measure in measures:
        by_plan_status[measure.plan_status] += 1

    def group(number: int, title: str, members: list[Measure]) -> GroupProgress:
        counts = {status: 0 for status in ImplementationStatus.values}
        for member in members:
            counts[member.visible_status] += 1
        average = round(sum(m.visible_percent for m in members) / len(members)) if members else 0
        return GroupProgress(
            number, title, len(members), average, counts[ImplementationStatus.COMPLETED], counts
        )

    lines = [
        group(line.number, line.title, [m for m in measures if m.action.policy_line_id == line.pk])
        for line in plan.policy_lines.all()
    ]
    actions = [
        group(action.number, action.title, [m for m in measures if m.action_id == action.pk])
        for action in Action.objects.filter(plan=plan)
    ]
    threshold = timezone.now() - datetime.timedelta(days=STALE_AFTER_DAYS)
    updated = sorted(
        (m for m in measures if m.visible_last_update_at),
        key=lambda m: m.visible_last_update_at,
        reverse=True,
    )
    stale = [
        m
        for m in measures
        if m.visible_last_update_at is None or m.visible_last_update_at < threshold
    ]
    return {
        "total": len(measures),
        "by_status": [
            (status, ImplementationStatus(status).label, n) for status, n in by_status.items()
        ],
        "by_plan_status": [
            (status, Measure.PlanStatus(status).label, n) for status, n in by_plan_status.items()
        ],
        "policy_lines": lines,
        "actions": actions,
        "recently_updated": updated[:10],
        "stale": stale,
        "stale_after_days": STALE_AFTER_DAYS,
    }


# --- The REST API ---------------------------------------------------------------------------


def measure_list_for(*, user) -> QuerySet[Measure]:
    """Measures with their plan data and the progress `user` may see (visible_* annotations),
    in code order, in a fixed number of queries however many there are."""
    return measure_queryset_with_plan_data().with_visible_progress(user)


def progress_update_list_for(*, user) -> QuerySet:
    """Every progress update `user` may read, on every measure, newest first."""
    from measures.models import ProgressUpdate
    from measures.permissions import user_can_read_internal

    updates = ProgressUpdate.objects.select_related("measure", "author")
    if not user_can_read_internal(user):
        updates = updates.public()
    return updates.latest_first()


# --- The measure list: filters, order and facet counts --------------------------------------


@dataclass
class MeasureListResult:
    """The measures a query string selects, or, when a value in it is unknown or malformed,
    none at all and the errors saying why (never the whole list in place of the one asked)."""

    filterset: "MeasureFilterSet"  # noqa: F821 - imported where used, see measure_list
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
        return sorted(set(self.filterset.data) - set(self.filterset.filters))

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
    reading the list, exporting it or rolling its budget up takes the same number of queries
    for 10 measures as for 1,000.
    """
    from measures.filters import MeasureFilterSet

    queryset = measure_queryset_with_plan_data().with_visible_progress(user)
    filterset = MeasureFilterSet(params if params is not None else {}, queryset=queryset)
    measures = filterset.qs if filterset.is_valid() else queryset.none()
    return MeasureListResult(filterset=filterset, measures=measures)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class Facet:
    """A filter with its options, each counting the measures it would leave."""

    name: str
    label: str
    options: list[FacetOption]
    multiple: bool = False

    @property
    def has_selection(self) -> bool:
        return any(option.selected for option in self.options)


def measure_list_facets(*, result: MeasureListResult) -> dict[str, Facet]:
    """For each filter of the measure list, its options with the number of measures choosing
    that option would leave: the other filters as they are, this filter set to the option.

    Options that would leave no measure are left out unless selected. A fixed number of queries,
    however many measures there are.
    """
    from django.db.models import Count, Min, Q
    from django.db.models.functions import Lower

    from actionplan.models import Action, Plan, PolicyLine
    from actors.models import Actor, Minister
    from measures.filters import (
        Budget,
        budget_condition,
        budget_lines_with_years,
        covers_year,
        has_actor,
    )
    from measures.models import ImplementationStatus

    filterset = result.filterset
    fields = filterset.form.fields

    def selected(name: str) -> set[str]:
        cleaned = filterset.cleaned(name)
        if cleaned is None:
            raw = filterset.form[name].value()
            values = raw if isinstance(raw, list) else [raw] if raw else []
        elif name == "actor":
            values = [actor.code for actor in cleaned]
        elif name == "minister":
            values = [minister.slug for minister in cleaned]
        elif name == "plan":
            values = [cleaned.code]
        else:
            values = cleaned if isinstance(cleaned, list) else [cleaned]
        return {str(value).casefold() for value in values}

    def facet(name: str, options: list[tuple[str, str, int]], multiple: bool = False) -> Facet:
        chosen = selected(name)
        return Facet(
            name=name,
            label=str(fields[name].label),
            options=[
                FacetOption(value, label, count, value.casefold() in chosen)
                for value, label, count in options
                if count or value.casefold() in chosen
            ],
            multiple=multiple,
        )

    def in_base(*names: str):
        return filterset.queryset_without(*names).order_by().values("pk")

    facets: dict[str, Facet] = {}

    plans = Plan.objects.annotate(
        measure_count=Count("measures", filter=Q(measures__in=in_base("plan")))
    ).order_by("adoption_year", "code")
    if len(plans) > 1:
        facets["plan"] = facet("plan", [(p.code, p.title, p.measure_count) for p in plans])

    role = filterset.cleaned("actor_role")
    role_condition = Q(measure_links__role=role) if role else Q()
    actors = Actor.objects.annotate(
        measure_count=Count(
            "measure_links__measure",
            filter=Q(measure_links__measure__in=in_base("actor", "actor_role")) & role_condition,
            distinct=True,
        )
    ).order_by("code")
    facets["actor"] = facet(
        "actor",
        [
            (
                actor.code,
                actor.code if actor.name == actor.code else f"{actor.code} – {actor.name}",
                actor.measure_count,
            )
            for actor in sorted(actors, key=lambda actor: actor.code.casefold())
        ],
        multiple=True,
    )

    chosen_actors = filterset.cleaned("actor")
    role_counts = (
        filterset.queryset_without("actor_role")
        .order_by()
        .aggregate(
            **{
                value: Count("pk", filter=Q(has_actor(chosen_actors, value)))
                for value in MeasureActor.Role.values
            }
        )
    )
    facets["actor_role"] = facet(
        "actor_role",
        [(value, str(label), role_counts[value]) for value, label in MeasureActor.Role.choices],
    )

    ministers = Minister.objects.annotate(
        measure_count=Count(
            "measure_links__measure",
            filter=Q(measure_links__measure__in=in_base("minister")),
            distinct=True,
        )
    ).order_by("title")
    facets["minister"] = facet(
        "minister", [(m.slug, m.title, m.measure_count) for m in ministers], multiple=True
    )

    def numbered(rows) -> list[tuple[str, str, int]]:
        # Plans number their lines and actions alike; the filters take the number.
        merged: dict[int, list] = {}
        for row in rows:
            entry = merged.setdefault(
                row.number, [str(row.number), f"{row.number}. {row.title}", 0]
            )
            entry[2] += row.measure_count
        return [tuple(merged[number]) for number in sorted(merged)]

    lines = PolicyLine.objects.annotate(
        measure_count=Count(
            "actions__measures", filter=Q(actions__measures__in=in_base("policy_line"))
        )
    ).order_by("number", "plan_id")
    facets["policy_line"] = facet("policy_line", numbered(lines))
    actions = Action.objects.annotate(
        measure_count=Count("measures", filter=Q(measures__in=in_base("action")))
    ).order_by("number", "plan_id")
    facets["action"] = facet("action", numbered(actions))

    plan_status_counts = dict(
        filterset.queryset_without("plan_status")
        .order_by()
        .values_list("plan_status")
        .annotate(n=Count("pk"))
    )
    facets["plan_status"] = facet(
        "plan_status",
        [
            (value, str(label), plan_status_counts.get(value, 0))
            for value, label in Measure.PlanStatus.choices
        ],
        multiple=True,
    )
    status_counts = dict(
        filterset.queryset_without("implementation_status")
        .order_by()
        .values_list("visible_status")
        .annotate(n=Count("pk"))
    )
    facets["implementation_status"] = facet(
        "implementation_status",
        [
            (value, str(label), status_counts.get(value, 0))
            for value, label in ImplementationStatus.choices
        ],
        multiple=True,
    )

    budget_counts = (
        filterset.queryset_without("budget")
        .order_by()
        .aggregate(
            **{kind: Count("pk", filter=budget_condition(kind)) for kind, _label in Budget.CHOICES}
        )
    )
    facets["budget"] = facet(
        "budget", [(kind, str(label), budget_counts[kind]) for kind, label in Budget.CHOICES]
    )

    funding_rows = (
        BudgetLine.objects.filter(measure__in=in_base("funding"))
        .exclude(label="")
        .annotate(folded=Lower("label"))
        .order_by()
        .values("folded")
        .annotate(label=Min("label"), measure_count=Count("measure", distinct=True))
    )
    facets["funding"] = facet(
        "funding",
        sorted(
            ((row["label"], row["label"], row["measure_count"]) for row in funding_rows),
            key=lambda option: option[0].casefold(),
        ),
    )

    periods = (
        budget_lines_with_years()
        .filter(first_year__isnull=False)
        .order_by()
        .values_list("first_year", "last_year")
        .distinct()
    )
    years = {year for first, last in periods for year in range(first, last + 1)}
    if filterset.cleaned("year") is not None:
        years.add(filterset.cleaned("year"))  # keep a chosen year without budget in the form
    years = sorted(years)
    year_counts = (
        filterset.queryset_without("year")
        .order_by()
        .aggregate(**{f"year_{year}": Count("pk", filter=Q(covers_year(year))) for year in years})
        if years
        else {}
    )
    facets["year"] = facet(
        "year", [(str(year), str(year), year_counts[f"year_{year}"]) for year in years]
    )
    return facets
