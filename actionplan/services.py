"""Writes to the plan: loading a plan fixture into the database."""

import os.path
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils.text import slugify

from actionplan.models import Action, GlossaryEntry, Plan, PolicyLine
from actionplan.plan_fixture import PlanFixture, PlanFixtureError, read_plan_fixture
from actors.models import Actor, ActorAlias, Minister, Portfolio
from budgets.models import BudgetLine
from measures.models import Measure, MeasureActor, MeasureMinister


@dataclass
class PlanLoadResult:
    plan: Plan
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    deleted: Counter = field(default_factory=Counter)
    # One readable line per difference: "measure 5.10: plan_status: 'B' -> 'V'".
    differences: list[str] = field(default_factory=list)
    # False when the differences were only shown (an existing plan loaded without apply).
    applied: bool = True

    @property
    def changed(self) -> bool:
        return bool(+self.created or +self.updated or +self.deleted)

    def summary(self) -> str:
        def describe(counter: Counter) -> str:
            return ", ".join(f"{n} {name}" for name, n in sorted(counter.items()) if n) or "none"

        return (
            f"{self.plan.title}: created {describe(self.created)}; "
            f"updated {describe(self.updated)}; deleted {describe(self.deleted)}."
        )


def plan_load(*, path: Path, apply: bool = False) -> PlanLoadResult:
    """Load the plan fixture at `path`, all or nothing.

    The database is the master of a plan once loaded (staff correct it in the admin), so a
    plan not yet in the database is loaded, while for an existing one the differences are only
    reported unless `apply` is true. Rows are matched on their natural keys (plan code,
    numbers, measure codes, actor codes), so a second load of the same fixture changes
    nothing. Raises PlanFixtureError naming each faulty row; then the database is left as it
    was.
    """
    fixture = read_plan_fixture(path)
    first_load = not Plan.objects.filter(code=fixture.plan.code).exists()
    with transaction.atomic():
        result = _PlanWriter(fixture).write()
        if not (apply or first_load):
            # The same writer computes the differences; undoing it keeps one rule for both.
            transaction.set_rollback(True)
            result.applied = False
    return result


class _PlanWriter:
    def __init__(self, fixture: PlanFixture):
        self.fixture = fixture
        self.result: PlanLoadResult | None = None

    def write(self) -> PlanLoadResult:
        data = self.fixture.plan
        plan = self._upsert(
            Plan,
            {"code": data.code},
            {
                "title": data.title,
                "subtitle": data.subtitle,
                "government": data.government,
                "adoption_year": data.adoption_year,
                "evaluation_due": data.evaluation_due,
                "evaluation_due_text": data.evaluation_due_text,
                "introduction": data.introduction,
                "source_text": data.source_text,
                "notes": data.notes,
            },
            result_pending=True,
        )
        lines = {
            line.number: self._upsert(
                PolicyLine, {"plan": plan, "number": line.number}, {"title": line.title}
            )
            for line in self.fixture.policy_lines
        }
        actions = {
            action.number: self._upsert(
                Action,
                {"plan": plan, "number": action.number},
                {
                    "policy_line": lines[action.policy_line],
                    "title": action.title,
                },
            )
            for action in self.fixture.actions
        }
        actors = self._write_actors()
        ministers = self._write_ministers()
        self._write_measures(plan, actions, actors, ministers)
        self._write_glossary(plan, actors)
        self._delete(Action.objects.filter(plan=plan).exclude(number__in=actions), "action")
        self._delete(PolicyLine.objects.filter(plan=plan).exclude(number__in=lines), "policy line")
        return self.result

    def _write_ministers(self) -> dict[str, Minister]:
        portfolios = {
            data.slug: self._upsert(
                Portfolio, {"slug": data.slug}, {"name": data.name, "notes": data.notes}
            )
            for data in self.fixture.portfolios
        }
        return {
            title: self._upsert(
                Minister,
                {"title": title},
                {
                    "slug": slugify(title),
                    "portfolio": portfolios[self.fixture.portfolio_of(title)],
                },
            )
            for title in self.fixture.ministers
        }

    def _write_actors(self) -> dict[str, Actor]:
        actors = {}
        for data in self.fixture.actors:
            actor = self._upsert(
                Actor,
                {"code": data.code},
                {
                    "slug": data.slug,
                    "name": data.name,
                    "kind": data.kind,
                    "notes": data.notes,
                },
            )
            actors[data.code] = actor
            for alias in data.aliases:
                self._upsert(ActorAlias, {"alias": alias}, {"actor": actor})
        return actors

    def _write_measures(self, plan, actions, actors, ministers) -> None:
        codes = []
        for data in self.fixture.measures:
            codes.append(data.code)
            measure = self._upsert(
                Measure,
                {"plan": plan, "code": data.code},
                {
                    "action": actions[data.action],
                    "plan_status": data.plan_status,
                    "title": data.title,
                    "description": data.description,
                    "ministers_as_printed": data.ministers_as_printed,
                    "budget_as_printed": data.budget_as_printed,
                    "notes": data.notes,
                },
            )
            for position, link in enumerate(data.actors):
                self._upsert(
                    MeasureActor,
                    {"measure": measure, "actor": actors[link.actor_code]},
                    {"role": link.role, "position": position, "as_printed": link.as_printed},
                )
            self._delete(
                measure.actor_links.exclude(actor__code__in=[a.actor_code for a in data.actors]),
                "measure actor",
            )
            for position, title in enumerate(data.ministers):
                self._upsert(
                    MeasureMinister,
                    {"measure": measure, "minister": ministers[title]},
                    {"position": position},
                )
            self._delete(
                measure.minister_links.exclude(minister__title__in=data.ministers),
                "measure minister",
            )
            for position, line in enumerate(data.budget_lines):
                self._upsert(
                    BudgetLine,
                    {"measure": measure, "position": position},
                    {
                        "amount": line.amount,
                        "fte": line.fte,
                        "recurrence": line.recurrence,
                        "period_start": line.period_start,
                        "period_end": line.period_end,
                        "label": line.label,
                        "regular_resources": line.regular_resources,
                        "source_text": line.source_text,
                        "notes": line.notes,
                    },
                )
            self._delete(
                measure.budget_lines.filter(position__gte=len(data.budget_lines)), "budget line"
            )
        self._delete(Measure.objects.filter(plan=plan).exclude(code__in=codes), "measure")

    def _write_glossary(self, plan, actors) -> None:
        keys = []
        for position, entry in enumerate(self.fixture.glossary):
            keys.append((entry.kind, entry.term))
            self._upsert(
                GlossaryEntry,
                {"plan": plan, "kind": entry.kind, "term": entry.term},
                {
                    "position": position,
                    "definition": entry.definition,
                    "footnote": entry.footnote,
                    "actor": actors.get(entry.actor_code) if entry.actor_code else None,
                    "notes": entry.notes,
                },
            )
        for stale in GlossaryEntry.objects.filter(plan=plan):
            if (stale.kind, stale.term) not in keys:
                self._delete(GlossaryEntry.objects.filter(pk=stale.pk), "glossary entry")

    def _upsert(self, model, lookup: dict, values: dict, result_pending: bool = False):
        """Create the row, or update it only where a value differs, and count what happened."""
        name = str(model._meta.verbose_name)
        instance = model.objects.filter(**lookup).first()
        differences = []
        if instance is None:
            instance = model.objects.create(**lookup, **values)
            action = "created"
            differences.append(f"{_row_label(name, lookup)}: not in the database, added")
        else:
            changed = [key for key, value in values.items() if _differs(instance, key, value)]
            for key in changed:
                differences.append(
                    f"{_row_label(name, lookup)}: {key}: "
                    f"{_change_shown(getattr(instance, key), values[key])}"
                )
                setattr(instance, key, values[key])
            if changed:
                instance.save()
            action = "updated" if changed else None
        if result_pending:
            self.result = PlanLoadResult(plan=instance)
        if action:
            getattr(self.result, action)[name] += 1
            self.result.differences.extend(differences)
        return instance

    def _delete(self, queryset: models.QuerySet, name: str) -> None:
        deleted = list(queryset)
        count = len(deleted)
        if not count:
            return
        try:
            queryset.delete()
        except ProtectedError as exc:
            raise PlanFixtureError(
                [
                    f"{name} {obj}: no longer in the fixture, but other records depend on it"
                    for obj in queryset
                ]
            ) from exc
        self.result.deleted[name] += count
        self.result.differences.extend(
            f"{name} {obj}: not in the fixture, removed" for obj in deleted
        )


def _row_label(name: str, lookup: dict) -> str:
    """ "measure 5.10", "actor of a measure 5.10 WVG": the model and its natural key."""
    keys = [
        getattr(value, "code", None) or getattr(value, "title", None) or str(value)
        if isinstance(value, models.Model)
        else str(value)
        for key, value in lookup.items()
        if key != "plan"
    ]
    return " ".join([name, *keys])


def _change_shown(current, new) -> str:
    """ "current -> new"; of a long text, only the stretch where the two start to differ."""
    if isinstance(current, str) and isinstance(new, str) and max(len(current), len(new)) > 80:
        start = max(0, len(os.path.commonprefix([current, new])) - 20)
        return (
            f"(from character {start + 1}) "
            f"{_shown(current[start : start + 60])} -> {_shown(new[start : start + 60])}"
        )
    return f"{_shown(current)} -> {_shown(new)}"


def _shown(value) -> str:
    """A value as a reader of the difference needs it: short, quoted, code for a row."""
    if isinstance(value, models.Model):
        return getattr(value, "code", None) or str(getattr(value, "number", value))
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _differs(instance: models.Model, key: str, value) -> bool:
    current = getattr(instance, key)
    if isinstance(current, models.Model) or isinstance(value, models.Model):
        return getattr(current, "pk", None) != getattr(value, "pk", None)
    return current != value
