"""Why an actor is in the directory: the measures it carries, the measures whose text names it,
the budget lines whose wording names it (it funds them), and the plan's list of abbreviations.
Read from the texts as they stand, so that an admin correction shows at once."""

import html
import re
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

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


def actor_presence(*, measures=None) -> dict[int, ActorPresence]:
    """Every actor's reasons to be listed, by actor id, among `measures` (all by default)."""
    measures = Measure.objects.all() if measures is None else measures
    actors = _plan_actors()
    names = _ActorNames(actors)
    presence = {actor.pk: ActorPresence() for actor in actors}
    in_order = list(measures.in_code_order().prefetch_related("actor_links"))
    for measure in in_order:
        for link in measure.actor_links.all():
            presence[link.actor_id].carries += 1
        for actor in names.named_in(measure.description_text):
            presence[actor.pk].named_in.append(measure)
    lines = BudgetLine.objects.filter(measure__in=in_order).select_related("measure")
    for line in lines.order_by("measure__action_number", "measure__number", "position"):
        for actor in names.named_in(f"{line.source_text} {line.label}"):
            if line.measure not in presence[actor.pk].funds:
                presence[actor.pk].funds.append(line.measure)
    for actor_id in Actor.objects.filter(glossary_entries__isnull=False).values_list(
        "pk", flat=True
    ):
        presence[actor_id].in_abbreviations = True
    return presence


def actor_presence_of(actor: Actor) -> ActorPresence:
    """One actor's reasons to be listed, as `actor_presence` gives them: only the texts holding
    one of its names are read (the database finds them; `_ActorNames` decides, as for every
    actor), so that an actor's page does not read every measure of the plan."""
    names = _ActorNames(_plan_actors())
    own = [name for name, named in names.by_name.items() if named.pk == actor.pk]
    # Descriptions are stored as sanitised HTML: "K&G" stands there as "K&amp;G".
    spellings = {spelling for name in own for spelling in (name, html.escape(name, quote=False))}
    presence = ActorPresence(
        carries=MeasureActor.objects.filter(actor=actor).count(),
        in_abbreviations=actor.glossary_entries.exists(),
    )
    holding = reduce(or_, (Q(description__contains=spelling) for spelling in spellings))
    for measure in Measure.objects.filter(holding).in_code_order():
        if actor in names.named_in(measure.description_text):
            presence.named_in.append(measure)
    holding = reduce(or_, (Q(source_text__contains=name) | Q(label__contains=name) for name in own))
    lines = BudgetLine.objects.filter(holding).select_related("measure")
    for line in lines.order_by("measure__action_number", "measure__number", "position"):
        named = names.named_in(f"{line.source_text} {line.label}")
        if actor in named and line.measure not in presence.funds:
            presence.funds.append(line.measure)
    return presence


def actors_named_in_text(*, measure: Measure) -> list[Actor]:
    """The actors the measure's text names without carrying it, to link from its page."""
    carrying = {link.actor_id for link in measure.actor_links.all()}
    named = _ActorNames(_plan_actors()).named_in(measure.description_text)
    return [actor for actor in named if actor.pk not in carrying]
