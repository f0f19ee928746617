"""Reading a fixture's measures: their actors, ministers and budget lines."""

from actionplan.html import sanitize_html
from actors.parsing import split_minister_titles
from budgets.models import BudgetLine
from budgets.parsing import parse_amount, parse_fte
from measures.models import Measure, MeasureActor, parse_measure_code

from .checks import FixtureReader
from .data import BudgetLineData, MeasureActorData, MeasureData

MEASURE_TITLE_MAX_LENGTH = Measure._meta.get_field("title").max_length


def _read_measures(reader: FixtureReader, document: dict, action_numbers: set[int], resolve):
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
                title=_read_title(reader, row, where),
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


def _read_title(reader: FixtureReader, row: dict, where: str) -> str:
    title = " ".join(reader.text(row, "title", where).split())
    if len(title) > MEASURE_TITLE_MAX_LENGTH:
        reader.problem(
            where, f"the title is longer than {MEASURE_TITLE_MAX_LENGTH} characters: shorten it"
        )
    return title


def _read_measure_actors(reader: FixtureReader, row: dict, where: str, resolve):
    links: list[MeasureActorData] = []
    raw_links = row.get("actors")
    if not isinstance(raw_links, list) or not raw_links:
        reader.problem(where, "actors must be a non-empty list")
        return links
    for position, raw in enumerate(raw_links):
        link = reader.mapping(raw, f"{where} actors[{position}]")
        # A fixture names the actor as printed ("actor"); an export by its code ("code").
        key = "actor" if "actor" in link or "code" not in link else "code"
        printed = reader.text(link, key, f"{where} actors[{position}]")
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


def _parsed(reader: FixtureReader, line: dict, key: str, parse, where: str):
    """`line[key]` read by `parse` (None when absent or unreadable, with its problem noted)."""
    if line.get(key) is None:
        return None
    try:
        return parse(line[key])
    except ValueError as exc:
        reader.problem(where, str(exc))
        return None


def _read_budget_lines(reader: FixtureReader, row: dict, where: str) -> list[BudgetLineData]:
    lines: list[BudgetLineData] = []
    raw_lines = row.get("budget_lines")
    if not isinstance(raw_lines, list) or not raw_lines:
        reader.problem(where, "budget_lines must be a non-empty list")
        return lines
    for position, raw in enumerate(raw_lines):
        line_where = f"{where} budget_lines[{position}]"
        line = reader.mapping(raw, line_where)
        amount = _parsed(reader, line, "amount", parse_amount, line_where)
        fte = _parsed(reader, line, "fte", parse_fte, line_where)
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
        if amount is not None or line.get("recurrence") is not None:
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
