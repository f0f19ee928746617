"""Small SVG bar charts for the PDF; every bar carries its number, so no chart needs colour
or a legend to be read."""

from xml.sax.saxutils import escape

from django.utils.safestring import SafeString, mark_safe

BAR_COLOURS = {
    "not_started": "#6b6b6b",
    "on_track": "#1d6b2f",
    "delayed": "#8a4b00",
    "completed": "#0b4f8a",
    "discontinued": "#8b1d1d",
}
DEFAULT_COLOUR = "#0b4f8a"


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
    height = row_height * len(rows) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title, {chr(34): "&quot;"})}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value, printed, key) in enumerate(rows):
        y = 4 + index * row_height
        length = 0 if not maximum else max(0.0, min(1.0, value / maximum)) * bar_space
        colour = BAR_COLOURS.get(key, DEFAULT_COLOUR)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row_height * 0.65:.1f}" text-anchor="end" '
            f'font-size="10" font-family="DejaVu Sans" fill="#1b1b1b">{escape(label)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 3}" width="{bar_space}" height="{row_height - 8}" '
            f'fill="#f3f5f7" stroke="#c9d0d6" stroke-width="0.5"/>'
        )
        if length:
            parts.append(
                f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" '
                f'height="{row_height - 8}" fill="{colour}"/>'
            )
        parts.append(
            f'<text x="{label_width + bar_space + 6}" y="{y + row_height * 0.65:.1f}" '
            f'font-size="10" font-family="DejaVu Sans" fill="#1b1b1b">{escape(printed)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
