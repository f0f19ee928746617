"""Why an actor is in the directory: the measures it carries, the measures whose text names it,
the budget lines whose wording names it (it funds them), and the plan's list of abbreviations.
Read from the texts as they stand, so that an admin correction shows at once."""

import html
import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Count, Q

from actors.models import Actor
from budgets.models import BudgetLine
from measures.models import Measure, MeasureActor


@dataclass
class ActorPresence:
    """The reasons an actor is listed; `carries` counts the measures it coordinates or joins."""

    carries: int = 0
    named_in: list[Measure] = field(default_factory=list)
    funds: list[Measure] = field(default_factory=list)
    in_abbreviations: bool = False

    @property
    def explained(self) -> bool:
        return bool(self.carries or self.named_in or self.funds or self.in_abbreviations)


class _ActorNames:
    """Finds actors by code or alias in a text: whole words, as printed (case matters: "KB")."""

    def __init__(self, actors: list[Actor]):
        self.by_name = {
            name: actor
            for actor in actors
            for name in [actor.code, *(alias.alias for alias in actor.aliases.all())]
        }
        alternatives = "|".join(re.escape(n) for n in sorted(self.by_name, key=len, reverse=True))
        self.pattern = re.compile(rf"(?<![\w&])({alternatives})(?!\w)") if self.by_name else None

    def named_in(self, text: str) -> list[Actor]:
        if self.pattern is None:
            return []
        found = (self.by_name[match] for match in self.pattern.findall(text or ""))
        return list(dict.fromkeys(found))


def _plan_actors() -> list[Actor]:
    return list(Actor.objects.prefetch_related("aliases").order_by("code"))


def _spellings(names: list[str]) -> set[str]:
    """`names` as they may stand in a description, which is stored as sanitised HTML ("K&G"
    stands there as "K&amp;G")."""
    return {spelling for name in names for spelling in (name, html.escape(name, quote=False))}


def _any_contains(fields: list[str], texts) -> Q:
    """Rows whose field holds one of `texts`: the database finds the few texts that can name an
    actor, `_ActorNames` decides (whole words, as printed), so that no text is read in vain."""
    return reduce(or_, (Q(**{f"{field}__contains": text}) for field in fields for text in texts))


def _add_mentions(
    presence: dict[int, ActorPresence], names: _ActorNames, measures, searched: list[str]
) -> None:
    """The measures whose text names an actor of `presence` (one of the `searched` names), and
    those with a budget line whose wording names it (it funds them), in code order, each
    measure once. `names` holds every actor's names, so that a longer name wins."""
    holding = _any_contains(["description"], _spellings(searched))
    for measure in measures.filter(holding).in_code_order():
        for actor in names.named_in(measure.description_text):
            if actor.pk in presence:
                presence[actor.pk].named_in.append(measure)
    lines = BudgetLine.objects.filter(
        _any_contains(["source_text", "label"], searched),
        measure__in=measures.values("pk"),
    ).select_related("measure")
    funded: dict[int, set[int]] = {actor_id: set() for actor_id in presence}
    for line in lines.order_by("measure__action_number", "measure__number", "position"):
        for actor in names.named_in(f"{line.source_text} {line.label}"):
            if actor.pk in presence and line.measure_id not in funded[actor.pk]:
                funded[actor.pk].add(line.measure_id)
                presence[actor.pk].funds.append(line.measure)


def actor_presence(*, measures=None) -> dict[int, ActorPresence]:
    """Every actor's reasons to be listed, by actor id, among `measures` (all by default)."""
    measures = Measure.objects.all() if measures is None else measures
    actors = _plan_actors()
    presence = {actor.pk: ActorPresence() for actor in actors}
    carried = MeasureActor.objects.filter(measure__in=measures.values("pk")).values("actor_id")
    for actor_id, count in carried.annotate(n=Count("pk")).values_list("actor_id", "n"):
        presence[actor_id].carries = count
    names = _ActorNames(actors)
    if names.pattern is not None:
        _add_mentions(presence, names, measures, searched=list(names.by_name))
    for actor_id in Actor.objects.filter(glossary_entries__isnull=False).values_list(
        "pk", flat=True
    ):
        presence[actor_id].in_abbreviations = True
    return presence


def actor_presence_of(actor: Actor) -> ActorPresence:
    """One actor's reasons to be listed, as `actor_presence` gives them: only the texts holding
    one of its names are read, so that an actor's page does not read every measure of the plan."""
    names = _ActorNames(_plan_actors())
    presence = ActorPresence(
        carries=MeasureActor.objects.filter(actor=actor).count(),
        in_abbreviations=actor.glossary_entries.exists(),
    )
    own = [name for name, named in names.by_name.items() if named.pk == actor.pk]
    if own:
        _add_mentions({actor.pk: presence}, names, Measure.objects.all(), searched=own)
    return presence


def actors_named_in_text(*, measure: Measure) -> list[Actor]:
    """The actors the measure's text names without carrying it, to link from its page."""
    carrying = {link.actor_id for link in measure.actor_links.all()}
    named = _ActorNames(_plan_actors()).named_in(measure.description_text)
    return [actor for actor in named if actor.pk not in carrying]
