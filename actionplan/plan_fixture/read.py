"""Reading and checking a plan fixture (see fixtures/README.md) before anything is saved."""

import datetime
import json
from pathlib import Path

import yaml
from django.utils.text import slugify

from actionplan.html import sanitize_html
from actors.models import Actor

from .checks import FixtureReader
from .data import (
    ActionData,
    ActorData,
    GlossaryData,
    PlanData,
    PlanFixture,
    PlanFixtureError,
    PolicyLineData,
)
from .measures import _read_measures
from .portfolios import read_portfolios

# The major format version this reader understands (a fixture without one is of this format).
READABLE_FORMAT = "1"


def read_plan_fixture(path: Path) -> PlanFixture:
    """Read and check the fixture at `path` (YAML, or JSON as export_plan writes it); raise
    PlanFixtureError listing every problem."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        document = json.loads(text) if Path(path).suffix == ".json" else yaml.safe_load(text)
    except FileNotFoundError as exc:
        raise PlanFixtureError([f"{path}: no such file"]) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFixtureError([f"{path}: cannot be read ({exc})"]) from exc
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise PlanFixtureError([f"{path}: not valid YAML or JSON ({exc})"]) from exc

    reader = FixtureReader()
    document = reader.mapping(document, str(path))
    version = str(document.get("format_version", READABLE_FORMAT))
    if version.split(".")[0] != READABLE_FORMAT:
        reader.problem(str(path), f"format_version {version} cannot be read (only 1.x)")
    plan = _read_plan(reader, document, Path(path).parent)
    policy_lines = _read_policy_lines(reader, document)
    actions = _read_actions(reader, document, {line.number for line in policy_lines})
    actors, resolve = _read_actors(reader, document)
    measures = _read_measures(reader, document, {a.number for a in actions}, resolve)
    glossary = _read_glossary(reader, document, resolve)
    ministers = list(dict.fromkeys(title for m in measures for title in m.ministers))
    portfolios = read_portfolios(reader, document, ministers)
    if reader.problems:
        raise PlanFixtureError(reader.problems)
    return PlanFixture(
        plan, policy_lines, actions, actors, measures, glossary, ministers, portfolios
    )


def _read_plan(reader: FixtureReader, document: dict, folder: Path) -> PlanData | None:
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


def _read_policy_lines(reader: FixtureReader, document: dict) -> list[PolicyLineData]:
    lines: list[PolicyLineData] = []
    for index, raw in enumerate(reader.items(document, "policy_lines")):
        where = f"policy_lines[{index}]"
        row = reader.mapping(raw, where)
        number = reader.whole_number(row, "number", where)
        if number is not None and any(line.number == number for line in lines):
            reader.problem(f"policy line {number} ({where})", "duplicate number")
        lines.append(PolicyLineData(number or 0, reader.text(row, "title", where)))
    return lines


def _read_actions(
    reader: FixtureReader, document: dict, line_numbers: set[int]
) -> list[ActionData]:
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


def _read_actors(reader: FixtureReader, document: dict):
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


def _read_glossary(reader: FixtureReader, document: dict, resolve) -> list[GlossaryData]:
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
