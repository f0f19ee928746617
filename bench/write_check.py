"""After a load run (bench/load_writes.py): were the writes the server acknowledged all kept,
and did exactly one writer win each version of a measure?

`check_writes` is pure (tests/bench/test_write_check.py tries it on made-up runs);
`stored_state` reads what it needs from the benchmark's PostgreSQL database.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field


@dataclass(frozen=True)
class AcknowledgedWrite:
    """A progress update the server answered 201 for: its id, and the version of the measure
    it was based on (the write claimed based_on + 1)."""

    update_id: int
    measure: str
    based_on: int
    narrative: str


@dataclass
class StoredState:
    """What the database holds after the run, per measure code."""

    updates: dict[int, tuple[str, str]]  # id -> (measure code, narrative), benchmark's only
    start_versions: dict[str, int]
    final_versions: dict[str, int]
    # Versions the measure's history records for saves after the start (one per write).
    saved_versions: dict[str, list[int]] = field(default_factory=dict)
    # (progress percent of the measure, of its latest update) per measure.
    progress: dict[str, tuple[int, int]] = field(default_factory=dict)


def check_writes(
    acknowledged: list[AcknowledgedWrite], state: StoredState, *, unanswered: int = 0
) -> list[str]:
    """Every problem found, in words; none when every acknowledged write is stored and each
    version was won by exactly one of them. `unanswered` writes (no answer: a timeout, a
    dropped connection) may or may not have been stored."""
    problems = []
    for write in acknowledged:
        stored = state.updates.get(write.update_id)
        if stored != (write.measure, write.narrative):
            problems.append(f"acknowledged update {write.update_id} on {write.measure} missing")
    won = Counter((write.measure, write.based_on + 1) for write in acknowledged)
    for (measure, version), writers in sorted(won.items()):
        if writers > 1:
            problems.append(f"{measure} version {version} won by {writers} writers")
    extra = len(state.updates) - len({write.update_id for write in acknowledged})
    if not 0 <= extra <= unanswered:
        problems.append(f"{extra} stored updates were never acknowledged ({unanswered} unanswered)")
    wins_per_measure = defaultdict(int)
    for measure, _version in won:
        wins_per_measure[measure] += 1
    for measure, start in sorted(state.start_versions.items()):
        problems += _version_problems(measure, start, wins_per_measure[measure], state, unanswered)
    for measure, (percent, latest) in sorted(state.progress.items()):
        if percent != latest:
            problems.append(f"{measure} shows {percent} % but its latest update says {latest} %")
    return problems


def _version_problems(
    measure: str, start: int, wins: int, state: StoredState, unanswered: int
) -> list[str]:
    final = state.final_versions[measure]
    problems = []
    if not wins <= final - start <= wins + unanswered:
        problems.append(f"{measure} went from version {start} to {final} for {wins} writes")
    saved = state.saved_versions.get(measure, [])
    if sorted(saved) != list(range(start + 1, final + 1)):
        repeated = sorted(version for version, n in Counter(saved).items() if n > 1)
        problems.append(
            f"{measure}: saved versions are not {start + 1}..{final} once each"
            + (f" (repeated: {repeated})" if repeated else "")
        )
    return problems


def stored_state(connection, *, measures: list[str], start_versions: dict[str, int], marker: str):
    """Read the state after the run from PostgreSQL (psycopg `connection`): updates whose
    narrative starts with `marker`, the measures' versions, history and progress."""
    rows = connection.execute(
        "SELECT u.id, m.code, u.narrative FROM measures_progressupdate u "
        "JOIN measures_measure m ON m.id = u.measure_id WHERE u.narrative LIKE %s",
        [marker + "%"],
    ).fetchall()
    state = StoredState(
        updates={update_id: (code, narrative) for update_id, code, narrative in rows},
        start_versions=start_versions,
        final_versions={},
    )
    for code in measures:
        measure_id, version, percent = connection.execute(
            "SELECT id, version, progress_percent FROM measures_measure WHERE code = %s", [code]
        ).fetchone()
        state.final_versions[code] = version
        state.saved_versions[code] = [
            saved
            for (saved,) in connection.execute(
                "SELECT version FROM measures_historicalmeasure "
                "WHERE id = %s AND history_type = '~' AND version > %s",
                [measure_id, start_versions[code]],
            )
        ]
        latest = connection.execute(
            "SELECT progress_percent FROM measures_progressupdate WHERE measure_id = %s "
            "ORDER BY reported_on DESC, created_at DESC, id DESC LIMIT 1",
            [measure_id],
        ).fetchone()
        state.progress[code] = (percent, latest[0] if latest else 0)
    return state
