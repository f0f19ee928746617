"""Full-text and trigram matching for the measure list's search, on PostgreSQL.

A term matches a measure's description by its words in Dutch or in English (stemmed: "radicale"
finds "radicalisering"'s relatives as PostgreSQL's Dutch and English configurations stem them),
read through the GIN index of migration measures.0004; names of actors and ministers also match
when misspelt (pg_trgm's `<%` word similarity, indexed too). SQLite has neither: there the search
keeps to the substring matches of `text_search_condition`, which both databases make.
"""

from django.db import connection
from django.db.models import BooleanField, F, Func, Q, Value

# The expression of the full-text index (migration measures.0004): the same text, or the
# planner cannot use the index.
DESCRIPTION_VECTOR = (
    "(to_tsvector('dutch'::regconfig, {column}) || to_tsvector('english'::regconfig, {column}))"
)
# Fuzzy matching of names only for terms this long: shorter ones share too few trigrams.
FUZZY_FROM_LENGTH = 4


def searches_words(term: str) -> bool:
    """Whether `term` is also matched by words and similarity: on PostgreSQL, for a plain word
    (a term with quotes, brackets or other signs is taken literally)."""
    return connection.vendor == "postgresql" and term.isalnum()


class DescriptionMatches(Func):
    """The description holds the term's words (in Dutch or English): PostgreSQL only."""

    output_field = BooleanField()

    def __init__(self, term: str):
        super().__init__(F("description"), Value(term))

    def as_sql(self, compiler, connection, **extra):
        column, column_params = compiler.compile(self.source_expressions[0])
        term, term_params = compiler.compile(self.source_expressions[1])
        query = (
            f"(plainto_tsquery('dutch'::regconfig, {term}) "
            f"|| plainto_tsquery('english'::regconfig, {term}))"
        )
        sql = f"{DESCRIPTION_VECTOR.format(column=column)} @@ {query}"
        return sql, [*column_params, *column_params, *term_params, *term_params]


class WordSimilarTo(Func):
    """pg_trgm's `<%`: the first text is like a word (or words) of the second, by shared
    trigrams (PostgreSQL only)."""

    output_field = BooleanField()
    arg_joiner = " <%% "
    template = "(%(expressions)s)"


def full_text_condition(term: str) -> Q:
    """The description holds `term` as a word in any of its forms (PostgreSQL, plain words),
    nothing elsewhere."""
    return Q(DescriptionMatches(term)) if searches_words(term) else Q(pk__in=[])


def similar_name_condition(field: str, term: str) -> Q:
    """A word of `field` (a name) is like `term` though spelt otherwise (PostgreSQL, plain
    words of at least FUZZY_FROM_LENGTH characters), nothing elsewhere."""
    if not searches_words(term) or len(term) < FUZZY_FROM_LENGTH:
        return Q(pk__in=[])
    return Q(WordSimilarTo(Value(term), F(field)))
