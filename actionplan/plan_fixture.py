"""Reading and checking a plan fixture (see fixtures/README.md) before anything is saved.

`read_plan_fixture()` turns the YAML into plain data and checks it whole: every problem is
reported with the row it concerns, and nothing reaches the database until all rows are sound.
"""

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml
from django.utils.text import slugify

from actionplan.html import sanitize_html
from actors.models import Actor
from actors.parsing import split_minister_titles
from budgets.models import BudgetLine
from budgets.parsing import parse_amount, parse_fte
from measures.models import MeasureActor, parse_measure_code


class PlanFixtureError(Exception):
    """The fixture cannot be loaded; `problems` names each faulty row."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            "The plan fixture cannot be loaded:\n"
            + "\n".join(f"- {problem}" for problem in problems)
        )


@dataclass
class PlanData:
    code: str
    title: str
    subtitle: str
    government: str
    adoption_year: int
    evaluation_due: datetime.date
    evaluation_due_text: str
    introduction: str
    source_text: str
    notes: list[str]


@dataclass
class PolicyLineData:
    number: int
    title: str


@dataclass
class ActionData:
    number: int
    policy_line: int
    title: str


@dataclass
class ActorData:
    code: str
    slug: str
    name: str
    kind: str
    aliases: list[str]
    notes: list[str]


@dataclass
class MeasureActorData:
    actor_code: str
    role: str
    as_printed: str


@dataclass
class BudgetLineData:
    amount: Decimal | None
    fte: Decimal | None
    recurrence: str
    period_start: int | None
    period_end: int | None
    label: str
    regular_resources: bool
    source_text: str
    notes: list[str]


@dataclass
class MeasureData:
    code: str
    action: int
    plan_status: str
    description: str
    actors: list[MeasureActorData]
    ministers: list[str]
    ministers_as_printed: str
    budget_as_printed: str
    budget_lines: list[BudgetLineData]
    notes: list[str]


@dataclass
class GlossaryData:
    term: str
    kind: str
    definition: str
    footnote: str
    actor_code: str | None
    notes: list[str]


@dataclass
class PlanFixture:
    plan: PlanData
    policy_lines: list[PolicyLineData]
    actions: list[ActionData]
    actors: list[ActorData]
    measures: list[MeasureData]
    glossary: list[GlossaryData]
    ministers: list[str] = field(default_factory=list)


class _Reader:
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


def read_plan_fixture(path: Path) -> PlanFixture:
    """Read and check the fixture at `path`; raise PlanFixtureError listing every problem."""
    try:
        document = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise PlanFixtureError([f"{path}: no such file"]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFixtureError([f"{path}: cannot be read ({exc})"]) from exc
    except yaml.YAMLError as exc:
        raise PlanFixtureError([f"{path}: not valid YAML ({exc})"]) from exc

    reader = _Reader()
    document = reader.mapping(document, str(path))
    plan = _read_plan(reader, document, Path(path).parent)
    policy_lines = _read_policy_lines(reader, document)
    actions = _read_actions(reader, document, {line.number for line in policy_lines})
    actors, resolve = _read_actors(reader, document)
    measures = _read_measures(reader, document, {a.number for a in actions}, resolve)
    glossary = _read_glossary(reader, document, resolve)
    if reader.problems:
        raise PlanFixtureError(reader.problems)
    ministers = list(dict.fromkeys(title for m in measures for title in m.ministers))
    return PlanFixture(plan, policy_lines, actions, actors, measures, glossary, ministers)


def _read_plan(reader: _Reader, document: dict, folder: Path) -> PlanData | None:
    row = reader.mapping(document.get("plan"), "plan")
    where = "plan"
    due = row.get("evaluation_due")
    if isinstance(due, str):
        try:
            due = datetime.date.fromisoformat(due)
        except ValueError:
            due = None
    if not isinstance(due, datetime.date):
        reader.problem(where, "evaluation_due must be a date such as 2018-09-01")
    source_text = ""
    source_file = reader.text(row, "source_file", where, required=False)
    if source_file:
        source_path = (folder / source_file).resolve()
        if folder.resolve() not in source_path.parents:
            reader.problem(where, "source_file must lie beside the fixture")
        elif not source_path.is_file():
            reader.problem(where, f"source_file {source_file} does not exist")
        else:
            source_text = source_path.read_text(encoding="utf-8")
    code = reader.text(row, "code", where)
    if code and slugify(code) != code:
        reader.problem(where, f"code must be a slug (letters, digits, dashes), not {code!r}")
    return PlanData(
        code=code,
        title=reader.text(row, "title", where),
        subtitle=reader.text(row, "subtitle", where, required=False),
        government=reader.text(row, "government", where),
        adoption_year=reader.whole_number(row, "adoption_year", where, low=1900, high=2100) or 0,
        evaluation_due=due,
        evaluation_due_text=reader.text(row, "evaluation_due_text", where, required=False),
        introduction=sanitize_html(reader.text(row, "introduction", where, required=False)),
        source_text=source_text,
        notes=reader.notes(row, where),
    )


def _read_policy_lines(reader: _Reader, document: dict) -> list[PolicyLineData]:
    lines: list[PolicyLineData] = []
    for index, raw in enumerate(reader.items(document, "policy_lines")):
        where = f"policy_lines[{index}]"
        row = reader.mapping(raw, where)
        number = reader.whole_number(row, "number", where)
        if number is not None and any(line.number == number for line in lines):
            reader.problem(f"policy line {number} ({where})", "duplicate number")
        lines.append(PolicyLineData(number or 0, reader.text(row, "title", where)))
    return lines


def _read_actions(reader: _Reader, document: dict, line_numbers: set[int]) -> list[ActionData]:
    actions: list[ActionData] = []
    for index, raw in enumerate(reader.items(document, "actions")):
        where = f"actions[{index}]"
        row = reader.mapping(raw, where)
        number = reader.whole_number(row, "number", where)
        if number is not None:
            where = f"action {number} ({where})"
            if any(action.number == number for action in actions):
                reader.problem(where, "duplicate number")
        line = reader.whole_number(row, "policy_line", where)
        if line is not None and line not in line_numbers:
            reader.problem(where, f"unknown policy line {line}")
        actions.append(ActionData(number or 0, line or 0, reader.text(row, "title", where)))
    return actions


def _read_actors(reader: _Reader, document: dict):
    actors: list[ActorData] = []
    names: dict[str, str] = {}  # every code and alias -> the actor's code
    for index, raw in enumerate(reader.items(document, "actors")):
        where = f"actors[{index}]"
        row = reader.mapping(raw, where)
        code = reader.text(row, "code", where)
        if code:
            where = f"actor {code} ({where})"
        aliases = row.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            reader.problem(where, "aliases must be a list of texts")
            aliases = []
        for name in [code, *aliases]:
            if name in names:
                reader.problem(where, f"{name!r} already names actor {names[name]}")
            elif name:
                names[name] = code
        slug = slugify(code.replace("&", "-and-"))
        if code and not slug:
            reader.problem(where, "the code gives no usable address (slug)")
        if slug and any(actor.slug == slug for actor in actors):
            reader.problem(where, f"its address {slug!r} is already another actor's")
        actors.append(
            ActorData(
                code=code,
                slug=slug,
                name=reader.text(row, "name", where),
                kind=reader.choice(row, "kind", where, Actor.Kind.values),
                aliases=[a.strip() for a in aliases],
                notes=reader.notes(row, where),
            )
        )
    return actors, names.get


def _read_measures(reader: _Reader, document: dict, action_numbers: set[int], resolve):
    measures: list[MeasureData] = []
    seen: set[str] = set()
    for index, raw in enumerate(reader.items(document, "measures")):
        where = f"measures[{index}]"
        row = reader.mapping(raw, where)
        code = reader.text(row, "code", where)
        if code:
            where = f"measure {code} ({where})"
        if code in seen:
            reader.problem(where, "duplicate code")
        seen.add(code)
        action = reader.whole_number(row, "action", where)
        try:
            code_action, _number = parse_measure_code(code)
        except ValueError as exc:
            if code:
                reader.problem(where, str(exc))
        else:
            if action is not None and code_action != action:
                reader.problem(
                    where, f"the code says action {code_action}, the row action {action}"
                )
        if action is not None and action not in action_numbers:
            reader.problem(where, f"unknown action {action}")
        description = sanitize_html(reader.text(row, "description", where))
        ministers_text = reader.text(row, "ministers_as_printed", where)
        ministers: list[str] = []
        if ministers_text:
            try:
                ministers = split_minister_titles(ministers_text)
            except ValueError as exc:
                reader.problem(where, f"ministers: {exc}")
        measures.append(
            MeasureData(
                code=code,
                action=action or 0,
                plan_status=reader.choice(row, "plan_status", where, ["B", "V", "N"]),
                description=description,
                actors=_read_measure_actors(reader, row, where, resolve),
                ministers=ministers,
                ministers_as_printed=ministers_text,
                budget_as_printed=reader.text(row, "budget_as_printed", where),
                budget_lines=_read_budget_lines(reader, row, where),
                notes=reader.notes(row, where),
            )
        )
    return measures


def _read_measure_actors(reader: _Reader, row: dict, where: str, resolve):
    links: list[MeasureActorData] = []
    raw_links = row.get("actors")
    if not isinstance(raw_links, list) or not raw_links:
        reader.problem(where, "actors must be a non-empty list")
        return links
    for position, raw in enumerate(raw_links):
        link = reader.mapping(raw, f"{where} actors[{position}]")
        printed = reader.text(link, "actor", f"{where} actors[{position}]")
        code = resolve(printed)
        if printed and code is None:
            reader.problem(where, f"unknown actor {printed!r}")
            continue
        if any(existing.actor_code == code for existing in links):
            reader.problem(where, f"actor {code} is listed twice")
        role = reader.choice(
            link, "role", where, MeasureActor.Role.values, default=MeasureActor.Role.PARTNER
        )
        as_printed = reader.text(link, "as_printed", where, required=False)
        if not as_printed and printed != code:
            as_printed = printed  # a misprinted code is kept as the plan printed it
        links.append(MeasureActorData(code or "", role, as_printed))
    return links


def _read_budget_lines(reader: _Reader, row: dict, where: str) -> list[BudgetLineData]:
    lines: list[BudgetLineData] = []
    raw_lines = row.get("budget_lines")
    if not isinstance(raw_lines, list) or not raw_lines:
        reader.problem(where, "budget_lines must be a non-empty list")
        return lines
    for position, raw in enumerate(raw_lines):
        line_where = f"{where} budget_lines[{position}]"
        line = reader.mapping(raw, line_where)
        amount = fte = None
        if line.get("amount") is not None:
            try:
                amount = parse_amount(line["amount"])
            except ValueError as exc:
                reader.problem(line_where, str(exc))
        if line.get("fte") is not None:
            try:
                fte = parse_fte(line["fte"])
            except ValueError as exc:
                reader.problem(line_where, str(exc))
        regular = line.get("regular_resources", False)
        if not isinstance(regular, bool):
            reader.problem(line_where, "regular_resources must be true or false")
            regular = False
        if line.get("amount") is not None and line.get("fte") is not None:
            reader.problem(line_where, "a line has an amount or an FTE count, not both")
        if line.get("amount") is None and line.get("fte") is None and not regular:
            reader.problem(line_where, "give an amount, an FTE count or regular_resources: true")
        start = reader.whole_number(
            line, "period_start", line_where, required=False, low=1900, high=2100
        )
        end = reader.whole_number(
            line, "period_end", line_where, required=False, low=1900, high=2100
        )
        if start and end and end < start:
            reader.problem(line_where, f"the period ends ({end}) before it starts ({start})")
        recurrence = ""
        # An amount without a stated rhythm is a sum for the measure or its period; an FTE
        # count or "within the regular resources" has no rhythm unless the plan gives one.
        if amount is not None or "recurrence" in line:
            recurrence = reader.choice(
                line,
                "recurrence",
                line_where,
                BudgetLine.Recurrence.values,
                default=BudgetLine.Recurrence.ONE_OFF,
            )
        lines.append(
            BudgetLineData(
                amount=amount,
                fte=fte,
                recurrence=recurrence,
                period_start=start,
                period_end=end,
                label=reader.text(line, "label", line_where, required=False),
                regular_resources=regular,
                source_text=reader.text(line, "source_text", line_where),
                notes=reader.notes(line, line_where),
            )
        )
    return lines


def _read_glossary(reader: _Reader, document: dict, resolve) -> list[GlossaryData]:
    entries: list[GlossaryData] = []
    for index, raw in enumerate(reader.items(document, "glossary")):
        where = f"glossary[{index}]"
        row = reader.mapping(raw, where)
        term = reader.text(row, "term", where)
        kind = reader.choice(row, "kind", where, ["concept", "abbreviation"])
        if any(entry.term == term and entry.kind == kind for entry in entries):
            reader.problem(f"glossary term {term!r} ({where})", "duplicate term")
        entries.append(
            GlossaryData(
                term=term,
                kind=kind,
                definition=reader.text(row, "definition", where),
                footnote=reader.text(row, "footnote", where, required=False),
                actor_code=resolve(term) if kind == "abbreviation" else None,
                notes=reader.notes(row, where),
            )
        )
    return entries


def normalise_whitespace(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
