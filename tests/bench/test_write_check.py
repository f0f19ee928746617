"""The load benchmark's check (bench/write_check.py) finds lost writes and versions won twice."""

from bench.write_check import AcknowledgedWrite, StoredState, check_writes


def write(update_id: int, based_on: int, measure: str = "1.1") -> AcknowledgedWrite:
    return AcknowledgedWrite(update_id, measure, based_on, f"load-writes {update_id}")


def state_after(writes, *, start=3, final=None, saved=None, progress=(40, 40)) -> StoredState:
    return StoredState(
        updates={w.update_id: (w.measure, w.narrative) for w in writes},
        start_versions={"1.1": start},
        final_versions={"1.1": start + len(writes) if final is None else final},
        saved_versions={
            "1.1": list(range(start + 1, start + len(writes) + 1)) if saved is None else saved
        },
        progress={"1.1": progress},
    )


def test_a_clean_run_passes():
    writes = [write(10, 3), write(11, 4), write(12, 5)]
    assert check_writes(writes, state_after(writes)) == []


def test_an_acknowledged_write_missing_from_the_database_is_reported():
    writes = [write(10, 3), write(11, 4)]
    state = state_after(writes)
    del state.updates[11]
    assert check_writes(writes, state)[0] == "acknowledged update 11 on 1.1 missing"


def test_a_version_won_by_two_writers_is_reported():
    writes = [write(10, 3), write(11, 3)]
    problems = check_writes(writes, state_after(writes, final=4, saved=[4, 4]))
    assert "1.1 version 4 won by 2 writers" in problems
    assert any("repeated: [4]" in problem for problem in problems)


def test_a_progress_that_is_not_the_latest_update_is_reported():
    writes = [write(10, 3)]
    problems = check_writes(writes, state_after(writes, progress=(64, 37)))
    assert problems == ["1.1 shows 64 % but its latest update says 37 %"]


def test_an_unanswered_write_may_have_been_stored():
    writes = [write(10, 3)]
    state = state_after(writes, final=5, saved=[4, 5])
    state.updates[99] = ("1.1", "load-writes 99")
    assert check_writes(writes, state, unanswered=1) == []
    assert check_writes(writes, state, unanswered=0) != []
