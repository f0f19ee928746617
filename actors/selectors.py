"""Reads of who-is-who."""

from dataclasses import dataclass, field

from django.db.models import F, QuerySet

from actors.models import Actor, ApiToken, Minister


def actor_list() -> QuerySet[Actor]:
    """Every actor, by code, with its aliases."""
    return Actor.objects.prefetch_related("aliases").order_by("code")


def minister_list() -> QuerySet[Minister]:
    return Minister.objects.order_by("title")


def api_token_list(*, user) -> QuerySet[ApiToken]:
    """The user's API tokens: active ones first, then the revoked; newest first in each."""
    return ApiToken.objects.of_user(user).order_by(
        F("revoked_at").desc(nulls_first=True), "-created_at", "-pk"
    )


# --- Actor and minister pages ---------------------------------------------------------------


def actor_names() -> dict[str, Actor]:
    """Every name an actor goes by, case-folded: its code, its aliases and its address (slug).
    Codes and aliases come first: an address counts only where no code or alias reads the same.
    The one lookup of actors by name for pages, filters and the API."""
    actors = list(Actor.objects.prefetch_related("aliases"))
    names: dict[str, Actor] = {}
    for actor in actors:
        for name in [actor.code, *(alias.alias for alias in actor.aliases.all())]:
            names.setdefault(name.casefold(), actor)
    for actor in actors:
        names.setdefault(actor.slug.casefold(), actor)
    return names


def actor_get(*, key: str) -> Actor | None:
    """The actor that `key` names (code, alias or address, any case); None if none."""
    folded = key.strip().casefold()
    if not folded or "\x00" in folded:
        return None
    return actor_names().get(folded)


def minister_get(*, slug: str):
    from actors.models import Minister

    if "\x00" in slug:
        return None
    return Minister.objects.filter(slug=slug.strip().lower()).first()


def _status_counts(measures) -> list[tuple[str, str, int]]:
    """(status, label, number of measures) for every implementation status, in its order."""
    from collections import Counter

    from measures.models import ImplementationStatus

    counts = Counter(measure.visible_status for measure in measures)
    return [(status, label, counts[status]) for status, label in ImplementationStatus.choices]


@dataclass
class MeasuresOverview:
    """Measures of an actor or a minister, as the measure list filtered on them gives them,
    with their budget roll-up and how many stand at each implementation status."""

    measures: list
    budget: "BudgetRollup"  # noqa: F821 - budgets.selectors.BudgetRollup
    status_counts: list[tuple[str, str, int]]


@dataclass
class ActorOverview(MeasuresOverview):
    actor: object = None
    coordinating: list = field(default_factory=list)
    contributing: list = field(default_factory=list)


@dataclass
class MinisterOverview(MeasuresOverview):
    minister: object = None


def actor_overview(*, actor, user) -> ActorOverview:
    """The measures of `actor` (those of /measures/?actor=<its code>), split into those it
    coordinates and those it contributes to, with their budget and status counts."""
    from budgets.selectors import budget_rollup
    from measures.models import MeasureActor
    from measures.selectors import measure_list

    measures = list(measure_list(params={"actor": actor.code}, user=user).measures)
    coordinating = [
        measure
        for measure in measures
        if any(
            link.actor_id == actor.pk and link.role == MeasureActor.Role.COORDINATOR
            for link in measure.actor_links.all()
        )
    ]
    coordinating_ids = {measure.pk for measure in coordinating}
    return ActorOverview(
        measures=measures,
        budget=budget_rollup(measures=measures),
        status_counts=_status_counts(measures),
        actor=actor,
        coordinating=coordinating,
        contributing=[measure for measure in measures if measure.pk not in coordinating_ids],
    )


def minister_overview(*, minister, user) -> MinisterOverview:
    """The measures `minister` is in charge of (those of /measures/?minister=<slug>), with
    their budget and status counts."""
    from budgets.selectors import budget_rollup
    from measures.selectors import measure_list

    measures = list(measure_list(params={"minister": minister.slug}, user=user).measures)
    return MinisterOverview(
        measures=measures,
        budget=budget_rollup(measures=measures),
        status_counts=_status_counts(measures),
        minister=minister,
    )


def actor_directory() -> QuerySet:
    """Every actor, by code, with the number of measures it coordinates and contributes to."""
    from django.db.models import Count, Q

    from actors.models import Actor
    from measures.models import MeasureActor

    return Actor.objects.annotate(
        coordinating=Count(
            "measure_links", filter=Q(measure_links__role=MeasureActor.Role.COORDINATOR)
        ),
        contributing=Count(
            "measure_links", filter=Q(measure_links__role=MeasureActor.Role.PARTNER)
        ),
    ).order_by("code")


def minister_directory() -> QuerySet:
    """Every minister's title, with the number of measures in their charge."""
    from django.db.models import Count

    from actors.models import Minister

    return Minister.objects.annotate(measure_count=Count("measure_links")).order_by("title")
