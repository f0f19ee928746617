"""Search on PostgreSQL: words in their other forms (full text, English and Dutch stems),
names spelt otherwise (trigrams), both read through indexes; SQLite keeps substring matches."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import QueryDict

from measures.selectors import measure_list
from tests.conftest import require

pytestmark = pytest.mark.django_db


def codes(query: str) -> set[str]:
    result = measure_list(params=QueryDict(query), user=AnonymousUser())
    assert result.is_valid, result.errors
    return {measure.code for measure in result.measures}


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.mark.postgres
def test_a_word_finds_its_other_forms(plan):
    require(on_postgres(), "needs PostgreSQL (DATABASE_URL=postgres://...)")
    radicalisation = codes("q=radicalisation")
    assert radicalisation
    # Not a substring of "radicalisation", but the same English stem.
    assert radicalisation <= codes("q=radicalises")


@pytest.mark.postgres
def test_a_misspelt_actor_name_finds_its_measures(plan):
    require(on_postgres(), "needs PostgreSQL (DATABASE_URL=postgres://...)")
    # WVG is the "Welfare, Public Health and Family Department".
    assert codes("q=Welfaree&actor=WVG") == codes("q=Welfare&actor=WVG") != set()


@pytest.mark.postgres
def test_the_search_indexes_exist(plan):
    require(on_postgres(), "needs PostgreSQL (DATABASE_URL=postgres://...)")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        trigram = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'measure_description_fts'")
        assert cursor.fetchone()
    assert {"measure_code_trgm", "actor_name_trgm", "minister_title_trgm"} <= trigram


def test_without_postgresql_the_search_keeps_to_substrings(plan):
    if on_postgres():
        pytest.skip("the SQLite fallback")
    assert codes("q=radicalisation")
    assert codes("q=radicalises") == set()
    assert codes("q=Welfaree") == set()
