"""What an export remembers holds for that export only: a phrase is translated once within
`remembering()`, in the language of its block, and every export is in its reader's language."""

import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from actionplan.remembered import gettext, remembered, remembering

PHRASE = "Within the regular resources"  # translated in locale/nl


def test_outside_a_block_every_call_follows_the_active_language():
    with translation.override("nl"):
        dutch = gettext(PHRASE)
    with translation.override("en"):
        assert gettext(PHRASE) == PHRASE
    assert dutch != PHRASE


def test_a_value_is_computed_once_per_block_and_afresh_in_the_next():
    computed = []

    def compute():
        computed.append(translation.get_language())
        return gettext(PHRASE)

    with translation.override("nl"), remembering():
        dutch = [remembered("phrase", compute) for _ in range(3)]
    with translation.override("en"), remembering():
        english = remembered("phrase", compute)
    assert computed == ["nl", "en"]
    assert dutch == [dutch[0]] * 3 and dutch[0] != english == PHRASE


def test_a_memo_carried_to_a_later_block_keeps_its_values():
    with remembering() as memo:
        remembered("answer", lambda: 42)
    with remembering(memo):
        assert remembered("answer", lambda: 0) == 42
    assert remembered("answer", lambda: 0) == 0  # outside a block: nothing is remembered


def budget_texts(path: str, content: bytes) -> str:
    """The export's budget column, in words."""
    if path.endswith(".csv"):
        rows = csv.DictReader(io.StringIO(content.decode("utf-8-sig")))
        return " ".join(row["budget"] for row in rows)
    header, *rows = load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True)
    column = header.index("budget")
    return " ".join(row[column] or "" for row in rows)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/measures/export.csv", "/measures/export.xlsx"])
def test_exports_one_after_another_each_speak_their_readers_language(client, plan, path):
    def export(language: str) -> str:
        response = client.get(path, headers={"accept-language": language})
        assert response.status_code == 200
        return budget_texts(path, response.getvalue())

    dutch, english, dutch_again = export("nl"), export("en"), export("nl")
    assert "per jaar" in dutch and "per year" not in dutch
    assert "per year" in english and "per jaar" not in english
    assert dutch_again == dutch
