"""Synthetic measures for benchmarks and for the tests that compare 10 with 1,000 measures.

Made with bulk_create, so that 1,000 measures take a fraction of a second. They need the real
plan's actors and ministers (WVG, KB, the Minister for Welfare) to be loaded.
"""

import datetime
from decimal import Decimal

from actionplan.models import Action, Plan, PolicyLine
from actors.models import Actor, Minister
from budgets.models import BudgetLine
from measures.models import Measure, MeasureActor, MeasureMinister


def synthetic_plan(code: str, size: int, *, plan_statuses: str = "BVN") -> Plan:
    """A new plan `code` with `size` synthetic measures (see add_synthetic_measures)."""
    plan = Plan.objects.create(
        code=code,
        title=f"Synthetic plan {code}",
        government="Test",
        adoption_year=2030,
        evaluation_due=datetime.date(2031, 1, 1),
    )
    add_synthetic_measures(plan, size, plan_statuses=plan_statuses)
    return plan


def add_synthetic_measures(
    plan: Plan,
    count: int,
    *,
    first_action: int = 1,
    per_action: int = 100,
    first_number: int = 1,
    plan_statuses: str = "BVN",
) -> list[Measure]:
    """Add `count` measures to `plan` in actions numbered from `first_action` (under a policy
    line of that number; both made when missing), `per_action` to an action, numbered from
    `first_number` in each. Each has WVG as coordinator and KB as partner, the Minister for
    Welfare, and three budget lines: an annual amount for 2017-2019, 0.5 FTE and the regular
    resources. Plan statuses cycle through `plan_statuses`."""
    line, _made = PolicyLine.objects.get_or_create(
        plan=plan, number=first_action, defaults={"title": "Synthetic line"}
    )
    actions = [
        Action.objects.get_or_create(
            plan=plan,
            number=first_action + offset,
            defaults={"policy_line": line, "title": "Synthetic action"},
        )[0]
        for offset in range((count - 1) // per_action + 1)
    ]
    measures = Measure.objects.bulk_create(
        Measure(
            plan=plan,
            action=actions[index // per_action],
            code=f"{first_action + index // per_action}.{first_number + index % per_action}",
            action_number=first_action + index // per_action,
            number=first_number + index % per_action,
            plan_status=plan_statuses[index % len(plan_statuses)],
            title=f"Synthetic measure {index}",
            description=f"<p>Synthetic measure {index} for the AMIF and OTAs.</p>",
        )
        for index in range(count)
    )
    _add_plan_data(measures)
    return measures


def _add_plan_data(measures: list[Measure]) -> None:
    """Actors, minister and budget lines of the synthetic measures (see add_synthetic_measures)."""
    wvg, kb = Actor.objects.get(code="WVG"), Actor.objects.get(code="KB")
    welfare = Minister.objects.get(slug="minister-for-welfare")
    MeasureActor.objects.bulk_create(
        link
        for measure in measures
        for link in (
            MeasureActor(measure=measure, actor=wvg, role="coordinator", position=0),
            MeasureActor(measure=measure, actor=kb, role="partner", position=1),
        )
    )
    MeasureMinister.objects.bulk_create(
        MeasureMinister(measure=measure, minister=welfare, position=0) for measure in measures
    )
    BudgetLine.objects.bulk_create(
        budget_line
        for measure in measures
        for budget_line in (
            BudgetLine(
                measure=measure,
                position=0,
                amount=Decimal(measure.number * 100 + 1),
                recurrence="annual",
                period_start=2017,
                period_end=2019,
                label="Synthetic fund",
                source_text="annual",
            ),
            BudgetLine(measure=measure, position=1, fte=Decimal("0.5"), source_text="0.5 FTE"),
            BudgetLine(measure=measure, position=2, regular_resources=True, source_text="rr"),
        )
    )
