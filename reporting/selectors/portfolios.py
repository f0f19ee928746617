"""A report's roll-up by portfolio: the measures in a portfolio's charge under any of the titles
the plan prints it under, with those titles beside it.

Read from what the round froze (each title's portfolio when it closed). A round closed before
portfolios were frozen names titles only: each title then stands as its own group.
"""

from dataclasses import dataclass, field

from budgets.selectors import BudgetTotals
from measures.progress_summary import progress_summary


@dataclass
class PortfolioSummary:
    key: str
    name: str
    titles: list[str] = field(default_factory=list)
    measures: int = 0
    average_percent: int = 0
    completed: int = 0
    budget: BudgetTotals = field(default_factory=BudgetTotals)

    @property
    def titles_text(self) -> str:
        """The printed titles, separated by semicolons (titles hold commas)."""
        return "; ".join(self.titles)


def entry_portfolios(entry) -> list[tuple[str, str, str]]:
    """(key, name, printed title) of each title the measure's ministers are printed under."""
    frozen = entry.minister_portfolios or [{"title": title} for title in entry.ministers]
    return [
        (
            item.get("portfolio") or item["title"],
            item.get("portfolio_name") or item["title"],
            item["title"],
        )
        for item in frozen
    ]


def portfolio_summaries(entries: list) -> list[PortfolioSummary]:
    """Per portfolio, in name order: its printed titles, how many measures it carries (a
    measure of two portfolios counts in each), their average completion, how many are
    completed, and their budget."""
    groups: dict[str, PortfolioSummary] = {}
    members: dict[str, dict[str, object]] = {}  # per portfolio, its measures by code
    for entry in entries:
        for key, name, title in entry_portfolios(entry):
            group = groups.setdefault(key, PortfolioSummary(key, name))
            if title not in group.titles:
                group.titles.append(title)
            members.setdefault(key, {})[entry.code] = entry
    for key, group in groups.items():
        measures = list(members[key].values())
        summary = progress_summary((entry.status, entry.percent) for entry in measures)
        group.titles.sort()
        group.measures = summary.measures
        group.average_percent = summary.average_percent
        group.completed = summary.completed
        for entry in measures:
            group.budget.add(entry.budget)
    return sorted(groups.values(), key=lambda group: group.name.casefold())
