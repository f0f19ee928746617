"""Reading and checking a plan fixture (see fixtures/README.md) before anything is saved.

`read_plan_fixture()` turns the YAML into plain data and checks it whole: every problem is
reported with the row it concerns, and nothing reaches the database until all rows are sound.
"""

from .data import (
    ActionData,
    ActorData,
    BudgetLineData,
    GlossaryData,
    MeasureActorData,
    MeasureData,
    PlanData,
    PlanFixture,
    PlanFixtureError,
    PolicyLineData,
    PortfolioData,
)
from .read import read_plan_fixture

__all__ = [
    "ActionData",
    "ActorData",
    "BudgetLineData",
    "GlossaryData",
    "MeasureActorData",
    "MeasureData",
    "PlanData",
    "PlanFixture",
    "PlanFixtureError",
    "PolicyLineData",
    "PortfolioData",
    "read_plan_fixture",
]
