"""Conditions on measures shared by the measure list's filters and its facet counts, and its
order. The budget conditions live with the budget rules in budgets.selectors.conditions."""

import html

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Minister
from budgets.selectors import euro_as_printed
from measures.filters.search import full_text_condition, similar_name_condition
from measures.models import ImplementationStatus, Measure, MeasureActor, MeasureMinister

CODE_ORDER = ("plan_id", "action_number", "number")

ORDERING_CHOICES = [
    ("code", _("Code")),
    ("-code", _("Code, descending")),
    ("status", _("Implementation status")),
    ("-status", _("Implementation status, descending")),
    ("last_update", _("Last update, oldest first")),
    ("-last_update", _("Last update, newest first")),
    ("budget", _("Budget, smallest first")),
    ("-budget", _("Budget, largest first")),
]


def has_actor(actors=None, role: str | None = None) -> Exists:
    """The measure has one of `actors` (any actor when None) in `role` (any role when None)."""
    links = MeasureActor.objects.filter(measure=OuterRef("pk"))
    if actors is not None:
        links = links.filter(actor__in=actors)
    if role:
        links = links.filter(role=role)
    return Exists(links)


def has_minister(portfolios) -> Exists:
    """The measure is in the charge of one of `portfolios`, under any of their titles."""
    return Exists(
        MeasureMinister.objects.filter(measure=OuterRef("pk"), minister__portfolio__in=portfolios)
    )


def text_search_condition(term: str) -> Q:
    """A measure matching one search term: its code, its description (text, not markup), an
    actor's code or name or the plan's wording of it, or a minister's title."""
    # Descriptions are stored as sanitised HTML: the term must stand in the text between tags
    # (so that "style" or "li" do not match markup), and in the form the sanitiser stores it:
    # &, < and > escaped ("K&amp;G"), quotes as they are.
    in_text = r"(^|>)[^<]*" + _regex_escape(html.escape(term, quote=False))
    # On PostgreSQL also by words (Dutch and English stems) and by names spelt otherwise.
    # Each way of matching is a query of its own, united: an OR across tables would make the
    # planner scan every measure (and stem every description) instead of using the indexes.
    measures = Measure.objects.order_by()
    # Names are matched in the few actors and ministers, not once per link to a measure.
    actors = Actor.objects.filter(
        Q(code__icontains=term) | Q(name__icontains=term) | similar_name_condition("name", term)
    )
    ministers = Minister.objects.filter(
        Q(title__icontains=term) | similar_name_condition("title", term)
    )
    actor_links = MeasureActor.objects.order_by()
    matching = measures.filter(code__iexact=term).values("pk")
    matching = matching.union(
        measures.filter(description__iregex=in_text).values("pk"),
        measures.filter(full_text_condition(term)).values("pk"),
        actor_links.filter(actor__in=actors.values("pk")).values("measure_id"),
        actor_links.filter(as_printed__icontains=term).values("measure_id"),
        MeasureMinister.objects.order_by()
        .filter(minister__in=ministers.values("pk"))
        .values("measure_id"),
    )
    return Q(pk__in=matching)


SPECIAL_IN_REGEX = set("\\.^$*+?()[]{}|-/")


def _regex_escape(text: str) -> str:
    # Escape for both Python's re (SQLite) and PostgreSQL's ARE: only the characters both
    # treat as special, each with a backslash.
    return "".join("\\" + char if char in SPECIAL_IN_REGEX else char for char in text)


def order_measures(queryset: QuerySet, ordering: str) -> QuerySet:
    """`queryset` in the order `ordering` names (see ORDERING_CHOICES); ties in code order."""
    descending = ordering.startswith("-")
    key = ordering.lstrip("-")
    if key == "code":
        return queryset.order_by(*(f"-{name}" if descending else name for name in CODE_ORDER))
    if key == "status":
        expression = Case(
            *(
                When(visible_status=status, then=Value(position))
                for position, status in enumerate(ImplementationStatus.values)
            ),
            default=Value(len(ImplementationStatus.values)),
            output_field=IntegerField(),
        )
        ordered = expression.desc() if descending else expression.asc()
    elif key == "last_update":
        # Newest first ends with the measures never updated; oldest first starts with them,
        # as they have gone longest without news.
        expression = F("visible_last_update_at")
        ordered = (
            expression.desc(nulls_last=True) if descending else expression.asc(nulls_first=True)
        )
    elif key == "budget":
        expression = euro_as_printed()
        ordered = expression.desc() if descending else expression.asc()
    else:
        raise ValueError(f"Unknown ordering {ordering!r}")
    return queryset.order_by(ordered, *CODE_ORDER)
