"""Small SVG bar charts for the PDF; every bar carries its number, so no chart needs colour
or a legend to be read. The geometry is computed here, the SVG is a template
(reporting/includes/bar_chart.svg), autoescaped like every other."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

BAR_COLOURS = {
    "not_started": "#6b6b6b",
    "on_track": "#1d6b2f",
    "delayed": "#8a4b00",
    "completed": "#0b4f8a",
    "discontinued": "#8b1d1d",
}
DEFAULT_COLOUR = "#0b4f8a"


@dataclass(frozen=True)
class Bar:
    label: str
    printed: str
    colour: str
    y: int
    text_y: str
    length: str


def bar_chart(
    rows: list[tuple[str, float, str, str]],
    *,
    maximum: float,
    title: str,
    width: int = 480,
    label_width: int = 190,
    row_height: int = 22,
) -> SafeString:
    """Horizontal bars: each row is (label, value, value as printed, colour key)."""
    bar_space = width - label_width - 70
    bars = []
    for index, (label, value, printed, key) in enumerate(rows):
        y = 4 + index * row_height
        length = 0 if not maximum else max(0.0, min(1.0, value / maximum)) * bar_space
        bars.append(
            Bar(
                label=label,
                printed=printed,
                colour=BAR_COLOURS.get(key, DEFAULT_COLOUR),
                y=y + 3,
                text_y=f"{y + row_height * 0.65:.1f}",
                length=f"{length:.1f}" if length else "",
            )
        )
    chart = {
        "title": title,
        "width": width,
        "height": row_height * len(rows) + 8,
        "label_width": label_width,
        "label_end": label_width - 8,
        "bar_space": bar_space,
        "bar_height": row_height - 8,
        "value_x": label_width + bar_space + 6,
        "bars": bars,
    }
    svg = render_to_string("reporting/includes/bar_chart.svg", {"chart": chart})
    # Safe: the template escaped every text in it; the PDF's template prints the SVG as it is.
    return mark_safe(svg.strip())  # noqa: S308
