"""The report's SVG charts: well-formed SVG whose texts are the data as written, whose bars
are as long as their share of the maximum, in any interface language."""

import xml.etree.ElementTree as ET

from django.utils import translation

from reporting.builders.charts import bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def chart(rows, maximum=10):
    svg = str(bar_chart(rows, maximum=maximum, title='Status "<all>" & more'))
    return ET.fromstring(svg)  # noqa: S314 - the chart this test just drew


def test_chart_texts_are_escaped_and_read_back_as_written():
    svg = chart([("Partner <script>alert(1)</script> & co", 4, "4 (40%)", "on_track")])

    assert svg.find(f"{SVG}title").text == 'Status "<all>" & more'
    assert svg.get("aria-label") == 'Status "<all>" & more'
    texts = [text.text for text in svg.iter(f"{SVG}text")]
    assert texts == ["Partner <script>alert(1)</script> & co", "4 (40%)"]
    assert not list(svg.iter(f"{SVG}script"))


def test_each_bar_is_its_share_of_the_maximum_and_an_empty_row_draws_none():
    with translation.override("nl"):  # a decimal comma would break the SVG's numbers
        svg = chart(
            [("Half", 5, "5", "completed"), ("Over", 15, "15", "delayed"), ("None", 0, "0", "")]
        )

    background, half, _background, over, _empty_background = svg.iter(f"{SVG}rect")
    full = float(background.get("width"))
    assert float(half.get("width")) == full / 2
    assert float(over.get("width")) == full
    assert (half.get("fill"), over.get("fill")) == ("#0b4f8a", "#8a4b00")
    assert len(list(svg.iter(f"{SVG}rect"))) == 5
