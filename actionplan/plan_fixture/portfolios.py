"""Reading a fixture's portfolios: which printed ministers' titles are one remit."""

from django.utils.text import slugify

from .checks import FixtureReader
from .data import PortfolioData


def read_portfolios(
    reader: FixtureReader, document: dict, printed_titles: list[str]
) -> list[PortfolioData]:
    """Every title a measure prints must belong to exactly one portfolio."""
    portfolios: list[PortfolioData] = []
    owner: dict[str, str] = {}  # title -> the slug of its portfolio
    for index, raw in enumerate(reader.items(document, "portfolios")):
        where = f"portfolios[{index}]"
        row = reader.mapping(raw, where)
        slug = reader.text(row, "slug", where)
        if slug:
            where = f"portfolio {slug} ({where})"
            if slugify(slug) != slug:
                reader.problem(where, "slug must be letters, digits and dashes")
            if any(portfolio.slug == slug for portfolio in portfolios):
                reader.problem(where, "duplicate slug")
        titles = row.get("titles")
        if (
            not isinstance(titles, list)
            or not titles
            or not all(isinstance(t, str) for t in titles)
        ):
            reader.problem(where, "titles must be a non-empty list of ministers' titles")
            titles = []
        for title in titles:
            if title in owner:
                reader.problem(where, f"{title!r} already belongs to portfolio {owner[title]}")
            owner[title] = slug
        portfolios.append(
            PortfolioData(slug, reader.text(row, "name", where), titles, reader.notes(row, where))
        )
    for title in printed_titles:
        if title not in owner and portfolios:
            reader.problem("portfolios", f"the title {title!r} belongs to no portfolio")
    return portfolios
