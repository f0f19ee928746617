"""Reading a fixture's fields one by one, collecting every problem on the way."""

from typing import Any


class FixtureReader:
    """Collects problems while reading, so that one run reports all of them."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def mapping(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            self.problem(where, "expected a mapping of fields")
            return {}
        return value

    def items(self, document: dict, key: str) -> list:
        value = document.get(key)
        if not isinstance(value, list) or not value:
            self.problem(key, "expected a non-empty list")
            return []
        return value

    def text(self, row: dict, key: str, where: str, *, required: bool = True) -> str:
        value = row.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(where, f"{key} is missing")
            return ""
        if not isinstance(value, (str, int, float)):
            self.problem(where, f"{key} must be text")
            return ""
        return str(value).strip()

    def whole_number(
        self,
        row: dict,
        key: str,
        where: str,
        *,
        required: bool = True,
        low: int = 1,
        high: int = 9999,
    ) -> int | None:
        value = row.get(key)
        if value is None:
            if required:
                self.problem(where, f"{key} is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problem(where, f"{key} must be a whole number from {low} to {high}, not {value!r}")
            return None
        return value

    def notes(self, row: dict, where: str) -> list[str]:
        value = row.get("notes", [])
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(n, str) for n in value):
            self.problem(where, "notes must be a list of texts")
            return []
        return [" ".join(note.split()) for note in value]

    def choice(self, row: dict, key: str, where: str, choices, default: str | None = None) -> str:
        value = row.get(key, default)
        allowed = [c for c in choices]
        if value not in allowed:
            self.problem(where, f"{key} must be one of {', '.join(allowed)}, not {value!r}")
            return allowed[0]
        return value
