"""Benchmark closing a round and building its report at a multiple of the plan. Usage (from the
project folder, PostgreSQL running):

    .venv/bin/python -m bench.report --scale 100

Fills a PostgreSQL database `bench_report_<N>` as bench/fill.py does (62 × N measures, 1,000 × N
progress updates; kept for the next run), then, each step in a process of its own: opens a
round over the whole period of the updates and closes it, and builds both editions of its
report (content, PDF, XLSX, CSV). For each step it prints the wall time, the CPU time and the
peak memory (maximum resident set) of its process. The target of issue 15 is both editions in
under 60 s with a peak under 1 GiB. Numbers on a shared machine are indicative; this is no
test and exits 0 (1 if a step fails).
"""

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import SERVER, create_database  # noqa: E402

STEPS = ("close", "public", "internal")


def environment(database: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{SERVER}/{database}",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "false",
    }


def run_step(env: dict, *arguments: str) -> tuple[dict, float, float, int]:
    """Run `python -m bench.report_step ARGUMENTS` and return its JSON answer, its wall time,
    its CPU time (user + system) and its peak resident memory in bytes."""
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 (our own module, fixed arguments)
        [sys.executable, "-m", "bench.report_step", *arguments],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
    )
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    if process.returncode:
        raise RuntimeError(f"bench.report_step {' '.join(arguments)} failed")
    answer = json.loads(output.decode().strip().splitlines()[-1])
    # ru_maxrss is in kilobytes on Linux.
    return answer, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=100, help="1, 100, ... (default 100)")
    parser.add_argument("--database", help="default: bench_report_<scale>")
    parser.add_argument("--language", default="en", choices=["en", "nl"])
    args = parser.parse_args()
    database = args.database or f"bench_report_{args.scale}"
    create_database(database)
    env = environment(database)
    started = time.perf_counter()
    subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [sys.executable, str(ROOT / "bench" / "fill.py"), str(args.scale)],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    print(f"{database}: filled (or reused) in {time.perf_counter() - started:.0f} s")
    print("\n| step | build s | process wall s | CPU s | peak MiB | details |")
    print("|---|---|---|---|---|---|")
    round_id = None
    total_build = 0.0
    for step in STEPS:
        if step == "close":
            answer, wall, cpu, peak = run_step(env, "close")
            round_id = str(answer["round"])
            build = answer["close_s"]
        else:
            answer, wall, cpu, peak = run_step(env, "build", round_id, step, args.language)
            # What a worker spends on the run: content, PDF, XLSX and CSV (not the process's
            # start and exit, nor this benchmark's counting of the PDF's pages).
            build = sum(answer[f"{part}_s"] for part in ("content", "pdf", "xlsx", "csv"))
            total_build += build
        details = ", ".join(f"{key} {value}" for key, value in answer.items())
        print(f"| {step} | {build:.1f} | {wall:.1f} | {cpu:.1f} | {peak / 2**20:.0f} | {details} |")
    print(f"\nboth editions: {total_build:.1f} s (target: under 60 s, each under 1,024 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
