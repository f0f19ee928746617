"""CSV for list endpoints: one row per result, written by actionplan.spreadsheets.csv_table."""

from rest_framework.renderers import BaseRenderer

from actionplan.spreadsheets import Column, csv_table


class CSVRenderer(BaseRenderer):
    """Renders a (paginated) list as CSV. A view may give its table as `csv_columns` (a list of
    actionplan.spreadsheets.Column) reading what `csv_item(result)` makes of each serialised
    result; by default nested objects become `parent.child` columns and lists are joined with
    "; "."""

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
        columns = getattr(view, "csv_columns", None)
        if columns is not None:
            items = [view.csv_item(item) for item in items]
        else:
            items = [flatten(item) for item in items]
            columns = flattened_columns(items)
        if response is not None and view is not None:
            name = getattr(view, "csv_filename", None) or "export"
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return csv_table(columns, items, byte_order_mark=False).encode(self.charset)


def flattened_columns(rows: list[dict]) -> list[Column]:
    """A column for every key of the flattened rows, in the order they first appear."""
    names = list(dict.fromkeys(name for row in rows for name in row))
    return [Column(name, name, lambda row, name=name: row.get(name)) for name in names]


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
