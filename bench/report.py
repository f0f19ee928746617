"""Build the report of a round at a benchmark's scale and measure it: run by bench/run.py
(`--report`) as `python bench/report.py`, with the scale's DATABASE_URL.

When no round is closed yet it opens and closes one over the updates' whole period (in a
process of its own). Then `manage.py build_report --rebuild` builds both editions in another
process, whose wall time and peak resident memory (getrusage of the finished child) are
printed as JSON: {"seconds": ..., "peak_mib": ..., "close_seconds": ...}.
"""

import datetime
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def close_a_round() -> None:
    """Open and close a round on the plan, unless one is closed already."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from actionplan.models import Plan
    from reporting.selectors import round_last_closed
    from reporting.services import round_close, round_open

    if round_last_closed() is not None:
        return
    plan = Plan.objects.order_by("pk").first()
    reporting_round = round_open(
        plan=plan,
        title="Benchmark round",
        period_start=datetime.date(2018, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        deadline=datetime.date(2026, 12, 31),
    )
    round_close(reporting_round=reporting_round)


def _child(arguments: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(arguments, cwd=ROOT, check=True, capture_output=True)  # noqa: S603
    return time.perf_counter() - started


def main() -> None:
    if sys.argv[1:] == ["close"]:
        close_a_round()
        return
    close_seconds = _child([sys.executable, __file__, "close"])
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with tempfile.TemporaryDirectory() as folder:
        seconds = _child(
            [sys.executable, "manage.py", "build_report", "--rebuild", "--output", folder]
        )
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = {
        "seconds": round(seconds, 1),
        # The largest child so far: the build, unless closing the round took more.
        "peak_mib": round(peak_kib / 1024),
        "peak_is_the_build": peak_kib > before,
        "close_seconds": round(close_seconds, 1),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
