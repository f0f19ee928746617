"""Measures per actor and per minister: the directories and the pages of one actor or minister
(the measures of /measures/?actor=<code> or ?minister=<slug>, with their budget and statuses)."""

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from actors.models import Actor, Minister, Portfolio
from budgets.selectors import BudgetTotals, budget_total_of
from measures.models import MeasureActor
from measures.selectors.dashboard import measure_status_counts
from measures.selectors.list_cache import cached_for_reader
from measures.selectors.measure_list import measure_list
from measures.selectors.mentions import ActorPresence, actor_presence, actor_presence_of

# An actor's or minister's page lists at most this many measures of each kind; its counts,
# statuses and budget are over all of them, and it links to the paginated measure list.
MEASURES_LISTED = 100


@dataclass
class MeasuresOverview:
    """Measures of an actor or a minister, as the measure list filtered on them gives them,
    with their budget totals and how many stand at each implementation status (all counted
    in the database), and the first MEASURES_LISTED of them (a sliced queryset: a table of
    measures reads only those whose rows it has not cached, measures.templatetags)."""

    measures: QuerySet
    measure_count: int
    budget_totals: BudgetTotals
    status_counts: list[tuple[str, str, int]]


@dataclass
class ActorOverview(MeasuresOverview):
    actor: Actor | None = None
    coordinating: QuerySet | None = None
    contributing: QuerySet | None = None
    coordinating_count: int = 0

    @property
    def contributing_count(self) -> int:
        return self.measure_count - self.coordinating_count

    presence: ActorPresence = field(default_factory=ActorPresence)


@dataclass
class MinisterOverview(MeasuresOverview):
    portfolio: Portfolio | None = None


def _counts_of(measures: QuerySet) -> dict:
    return {
        "measure_count": measures.count(),
        "budget_totals": budget_total_of(measure_ids=measures.order_by().values("pk")),
        "status_counts": measure_status_counts(measures),
    }


def actor_overview(*, actor: Actor, user) -> ActorOverview:
    """The measures of `actor` (those of /measures/?actor=<its code>), split into those it
    coordinates and those it contributes to, with their budget and status counts (kept in the
    cache until a measure or the reference data changes)."""
    measures = measure_list(params={"actor": actor.code}, user=user).measures
    coordinates = Q(
        pk__in=MeasureActor.objects.filter(actor=actor, role=MeasureActor.Role.COORDINATOR).values(
            "measure_id"
        )
    )
    coordinating = measures.filter(coordinates)

    def counts() -> dict:
        return {
            **_counts_of(measures),
            "coordinating_count": coordinating.count(),
            "presence": actor_presence_of(actor),
        }

    return ActorOverview(
        **cached_for_reader(f"actor-overview:{actor.pk}", counts, user=user),
        measures=measures[:MEASURES_LISTED],
        actor=actor,
        coordinating=coordinating[:MEASURES_LISTED],
        contributing=measures.exclude(coordinates)[:MEASURES_LISTED],
    )


def minister_overview(*, portfolio: Portfolio, user) -> MinisterOverview:
    """The measures in the charge of `portfolio` under any of its titles (those of
    /measures/?minister=<its slug>), with their budget and status counts (cached as an
    actor's are)."""
    measures = measure_list(params={"minister": portfolio.slug}, user=user).measures
    return MinisterOverview(
        **cached_for_reader(
            f"minister-overview:{portfolio.pk}", lambda: _counts_of(measures), user=user
        ),
        measures=measures[:MEASURES_LISTED],
        portfolio=portfolio,
    )


def actor_directory(*, user) -> list[Actor]:
    """Every actor, by code, with the number of measures it coordinates and contributes to,
    and why it is listed (`presence`: see measures.selectors.mentions), kept in the cache until
    a measure (its texts, actors or budget) or the reference data changes."""

    def build() -> list[Actor]:
        presence = actor_presence()
        actors = Actor.objects.annotate(
            coordinating=Count(
                "measure_links", filter=Q(measure_links__role=MeasureActor.Role.COORDINATOR)
            ),
            contributing=Count(
                "measure_links", filter=Q(measure_links__role=MeasureActor.Role.PARTNER)
            ),
        ).order_by("code")
        for actor in actors:
            actor.presence = presence[actor.pk]
        return list(actors)

    return cached_for_reader("actor-directory", build, user=user)


def minister_directory() -> QuerySet[Portfolio]:
    """Every minister's portfolio with the number of measures in its charge, and its printed
    titles, each with the number of measures printed under it."""
    titles = Minister.objects.annotate(measure_count=Count("measure_links")).order_by("title")
    return (
        Portfolio.objects.annotate(
            measure_count=Count("titles__measure_links__measure", distinct=True)
        )
        .prefetch_related(Prefetch("titles", titles))
        .order_by("name")
    )
