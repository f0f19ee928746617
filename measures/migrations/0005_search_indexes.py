"""Search indexes on PostgreSQL: full text of descriptions in Dutch and English, and trigram
indexes (pg_trgm) for the substring and similarity matches on codes, descriptions and names
(measures.filters.search). SQLite has neither and needs neither: there it does nothing."""

from django.db import migrations

# The expression measures.filters.search.DESCRIPTION_VECTOR queries with (the same text, or
# the planner cannot use the index).
DESCRIPTION_VECTOR = (
    "(to_tsvector('dutch'::regconfig, description) "
    "|| to_tsvector('english'::regconfig, description))"
)

# (index name, table, column) for pg_trgm's GIN indexes: ILIKE/regex and `%` use them.
TRIGRAM_INDEXES = [
    ("measure_code_trgm", "measures_measure", "code"),
    ("measure_description_trgm", "measures_measure", "description"),
    ("measure_actor_printed_trgm", "measures_measureactor", "as_printed"),
    ("actor_code_trgm", "actors_actor", "code"),
    ("actor_name_trgm", "actors_actor", "name"),
    ("minister_title_trgm", "actors_minister", "title"),
    ("budget_line_label_trgm", "budgets_budgetline", "label"),
]
FULL_TEXT_INDEX = "measure_description_fts"


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {FULL_TEXT_INDEX} ON measures_measure "
        f"USING gin ({DESCRIPTION_VECTOR})"
    )


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in [FULL_TEXT_INDEX, *(name for name, _table, _column in TRIGRAM_INDEXES)]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("measures", "0004_list_filter_and_change_indexes"),
        ("actors", "0003_apitoken"),
        ("budgets", "0002_list_filter_and_change_indexes"),
    ]

    operations = [migrations.RunPython(create_search_indexes, drop_search_indexes)]
