"""CSV for list endpoints: one row per result, nested values flattened."""

import csv
import io

from rest_framework.renderers import BaseRenderer

from actionplan.spreadsheets import csv_text


class CSVRenderer(BaseRenderer):
    """Renders a (paginated) list as CSV. The view may shape a row with `csv_row(item)`;
    by default nested objects become `parent.child` columns and lists are joined with "; "."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        view = renderer_context.get("view")
        response = renderer_context.get("response")
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            items = data["results"]
        elif isinstance(data, list):
            items = data
        else:
            items = [data] if data else []
        shape = getattr(view, "csv_row", None) or flatten
        rows = [shape(item) for item in items]
        columns: dict[str, None] = {}
        for row in rows:
            columns.update(dict.fromkeys(row))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({key: cell(value) for key, value in row.items()})
        if response is not None and view is not None:
            name = getattr(view, "csv_filename", None) or "export"
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return out.getvalue().encode(self.charset)


def flatten(item, prefix: str = "") -> dict:
    """{"a": {"b": 1}, "c": [1, 2], "d": [{"x": 1}]} -> {"a.b": 1, "c": "1; 2", "d": "x=1"}."""
    row: dict = {}
    if not isinstance(item, dict):
        return {prefix or "value": item}
    for key, value in item.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict):
            row.update(flatten(value, name))
        elif isinstance(value, list):
            row[name] = join(
                ", ".join(f"{k}={v}" for k, v in part.items() if v not in (None, ""))
                if isinstance(part, dict)
                else part
                for part in value
            )
        else:
            row[name] = value
    return row


def join(values) -> str:
    return "; ".join("" if value is None else str(value) for value in values)


def cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return csv_text(value)
    return value
