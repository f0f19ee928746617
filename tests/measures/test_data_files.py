"""The data files keep their meaning in the tools people open them with: pandas with its
defaults reads every measure's identifier unchanged (5.1 and 5.10 stay apart), the columns
have the same English names in every interface language, "not applicable" is an empty cell,
and the Dutch-spreadsheet CSV reads an FTE of 1.5 as a number."""

import io

import pandas as pd
import pytest
from django.conf import settings

from measures.models import Measure

pytestmark = pytest.mark.django_db

FILES = {
    "page CSV": ("/measures/export.csv", pd.read_csv),
    "page XLSX": ("/measures/export.xlsx", pd.read_excel),
    "API CSV": ("/api/v1/measures/?format=csv&page_size=1000", pd.read_csv),
}


def read(client, url: str, reader, language: str = "en", **options) -> pd.DataFrame:
    response = client.get(url, headers={"accept-language": language})
    assert response.status_code == 200
    return reader(io.BytesIO(response.getvalue()), **options)


def expected_uris(plan) -> dict[str, str]:
    return {
        code: f"{settings.PORTAL_URL}/plans/{plan.code}/measures/{code}/"
        for code in Measure.objects.filter(plan=plan).values_list("code", flat=True)
    }


@pytest.mark.parametrize("name", FILES)
def test_pandas_defaults_read_every_measure_identifier_unchanged(client, plan, name):
    url, reader = FILES[name]
    table = read(client, url, reader)
    uris = expected_uris(plan)

    assert table["measure_uri"].is_unique
    assert sorted(table["measure_uri"]) == sorted(uris.values())
    assert "5.1" in uris and "5.10" in uris  # the codes a number would merge
    # The code's two whole numbers, as integers, give back every code.
    assert pd.api.types.is_integer_dtype(table["action"])
    assert pd.api.types.is_integer_dtype(table["number"])
    codes = [
        f"{action}.{number}"
        for action, number in zip(table["action"], table["number"], strict=True)
    ]
    assert [uris[code] for code in codes] == list(table["measure_uri"])


@pytest.mark.parametrize("name", FILES)
def test_columns_and_values_are_the_same_in_every_interface_language(client, plan, name):
    url, reader = FILES[name]
    tables = {language: read(client, url, reader, language, dtype=str) for language in ("en", "nl")}
    assert list(tables["nl"].columns) == list(tables["en"].columns)
    assert "measure_uri" in tables["en"].columns and "Code" not in tables["en"].columns
    flags = set(tables["nl"]["regular_resources_only"].str.lower())
    assert flags == {"true", "false"}  # never "ja"/"nee"


def test_not_applicable_is_empty_and_zero_is_only_for_zero(client, plan):
    table = read(client, "/measures/export.csv", pd.read_csv).set_index("measure_uri")
    uris = expected_uris(plan)
    regular_only = table.loc[uris["6.1"]]  # within the regular resources: no amount at all
    assert regular_only["regular_resources_only"]
    for column in ("one_off", "annual", "annual_over_period", "per_dossier", "fte"):
        assert pd.isna(regular_only[column]), column
    annual_only = table.loc[uris["4.1"]]  # €568,311 per year, 2017-2018
    assert annual_only["annual_over_period"] == 1136622
    assert pd.isna(annual_only["one_off"]) and pd.isna(annual_only["fte"])
    numbers = table[["one_off", "annual", "per_dossier", "euro_as_printed", "fte"]]
    assert not (numbers == 0).any().any()  # the plan gives no amount of zero


def test_dutch_csv_separates_with_semicolons_and_writes_a_decimal_comma(client, plan):
    response = client.get("/measures/export-nl.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('-nl.csv"')
    text = response.getvalue().decode("utf-8")
    assert text.startswith("\ufeffcode;measure_uri;")  # UTF-8 with a byte-order mark
    default = read(client, "/measures/export.csv", pd.read_csv)
    dutch = pd.read_csv(io.StringIO(text.removeprefix("\ufeff")), sep=";", decimal=",")
    assert list(dutch.columns) == list(default.columns)
    assert 1.5 in set(dutch["fte"])  # "1,5": a number to a spreadsheet set to Dutch
    assert ";1,5;" in text
    # The same values; only the code, "5.1" under a decimal comma, is no longer a number.
    pd.testing.assert_frame_equal(dutch.drop(columns="code"), default.drop(columns="code"))
