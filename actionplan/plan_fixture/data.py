"""The plan fixture as plain data, once read and checked."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal


class PlanFixtureError(Exception):
    """The fixture cannot be loaded; `problems` names each faulty row."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            "The plan fixture cannot be loaded:\n"
            + "\n".join(f"- {problem}" for problem in problems)
        )


@dataclass
class PlanData:
    code: str
    title: str
    subtitle: str
    government: str
    adoption_year: int
    evaluation_due: datetime.date
    evaluation_due_text: str
    introduction: str
    source_text: str
    notes: list[str]


@dataclass
class PolicyLineData:
    number: int
    title: str


@dataclass
class ActionData:
    number: int
    policy_line: int
    title: str


@dataclass
class ActorData:
    code: str
    slug: str
    name: str
    kind: str
    aliases: list[str]
    notes: list[str]


@dataclass
class MeasureActorData:
    actor_code: str
    role: str
    as_printed: str


@dataclass
class BudgetLineData:
    amount: Decimal | None
    fte: Decimal | None
    recurrence: str
    period_start: int | None
    period_end: int | None
    label: str
    regular_resources: bool
    source_text: str
    notes: list[str]


@dataclass
class MeasureData:
    code: str
    action: int
    plan_status: str
    title: str
    description: str
    actors: list[MeasureActorData]
    ministers: list[str]
    ministers_as_printed: str
    budget_as_printed: str
    budget_lines: list[BudgetLineData]
    notes: list[str]


@dataclass
class GlossaryData:
    term: str
    kind: str
    definition: str
    footnote: str
    actor_code: str | None
    notes: list[str]


@dataclass
class PortfolioData:
    slug: str
    name: str
    titles: list[str]
    notes: list[str]


@dataclass
class PlanFixture:
    plan: PlanData
    policy_lines: list[PolicyLineData]
    actions: list[ActionData]
    actors: list[ActorData]
    measures: list[MeasureData]
    glossary: list[GlossaryData]
    ministers: list[str] = field(default_factory=list)
    portfolios: list[PortfolioData] = field(default_factory=list)

    def portfolio_of(self, title: str) -> str:
        """The slug of the portfolio a minister's printed title belongs to."""
        return next(p.slug for p in self.portfolios if title in p.titles)
