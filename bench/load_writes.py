"""Load with writes: many clients read and record progress on the same few measures at once,
served as in production; then check that no acknowledged write was lost and that exactly one
writer won each version. Usage (from the project folder, PostgreSQL running):

    .venv/bin/python -m bench.load_writes                  # 50 clients for 60 s
    .venv/bin/python -m bench.load_writes --clients 20 --seconds 15

It makes a fresh PostgreSQL database `bench_load_writes` (the plan, COORDINATORS coordinators
of one actor with an API token each), serves it with gunicorn as bench/run.py does (2 sync
workers, production settings without throttling), and runs the clients: each takes a token
and loops, reading (a measure, the measure list, a measure's page) or, one time in
WRITE_SHARE, reading a measure's version and recording an update based on it
(`expected_version`: a writer that lost the race gets 409). It prints throughput, p50/p95/p99
per kind of request, answers by status, and the check (bench/write_check.py); exits 1 if the
check finds a problem. Numbers on a shared machine are indicative.
"""

import argparse
import http.client
import json
import random
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import SERVER, environment, serve  # noqa: E402
from bench.write_check import AcknowledgedWrite, check_writes, stored_state  # noqa: E402

DATABASE = "bench_load_writes"
ACTOR = "WVG"
COORDINATORS = 5
MEASURES = 4  # the first measures the actor takes part in: every writer contends on them
WRITE_SHARE = 0.3  # of the clients' turns
MARKER = "load-writes"


class Run:
    """What the clients saw: latencies per kind, answers per status, acknowledged writes."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: Counter = Counter()
        self.acknowledged: list[AcknowledgedWrite] = []
        self.unanswered_writes = 0

    def note(self, kind: str, started: float, status: int | str) -> None:
        with self.lock:
            self.latencies[kind].append((time.perf_counter() - started) * 1000)
            self.statuses[(kind, status)] += 1


def request(connection, run: Run, kind: str, method: str, path: str, token: str, body=None):
    headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
    started = time.perf_counter()
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        payload = response.read()
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        run.note(kind, started, error.__class__.__name__)
        return None, None
    run.note(kind, started, response.status)
    return response.status, payload


def write(connection, run: Run, token: str, code: str, client: int, number: int) -> None:
    status, payload = request(connection, run, "read measure", "GET", _detail(code), token)
    if status != 200:
        return
    based_on = json.loads(payload)["version"]
    narrative = f"{MARKER} client {client} write {number}"
    body = json.dumps(
        {
            "implementation_status": "on_track",
            "progress_percent": random.randint(0, 100),  # noqa: S311 - not a secret
            "narrative": narrative,
            "expected_version": based_on,
        }
    )
    path = f"/api/v1/measures/{code}/progress-updates/"
    status, payload = request(connection, run, "write", "POST", path, token, body)
    with run.lock:
        if status == 201:
            update_id = json.loads(payload)["id"]
            run.acknowledged.append(AcknowledgedWrite(update_id, code, based_on, narrative))
        elif status is None or status >= 500:
            run.unanswered_writes += 1  # it may have been stored


def client_loop(port: int, number: int, token: str, codes: list[str], deadline: float, run: Run):
    """One client: reads and writes with its coordinator's token until `deadline`."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    reads = [
        ("read measure", lambda code: _detail(code)),
        ("read list", lambda code: "/api/v1/measures/?page_size=100"),
        ("read page", lambda code: f"/measures/{code}/"),
    ]
    writes = 0
    while time.perf_counter() < deadline:
        code = random.choice(codes)  # noqa: S311
        if random.random() < WRITE_SHARE:  # noqa: S311
            writes += 1
            write(connection, run, token, code, number, writes)
        else:
            kind, path = random.choice(reads)  # noqa: S311
            request(connection, run, kind, "GET", path(code), token)
    connection.close()


def _detail(code: str) -> str:
    return f"/api/v1/measures/{code}/"


def prepare(env: dict) -> dict:
    """A fresh database with the plan, the coordinators and their tokens (bench/load_setup.py
    in a process of its own, as the settings read DATABASE_URL once)."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {DATABASE}")
    command = [sys.executable, str(ROOT / "bench" / "load_setup.py"), ACTOR]
    command += [str(COORDINATORS), str(MEASURES)]
    done = subprocess.run(  # noqa: S603 - our own script, fixed arguments
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"bench/load_setup.py failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def percentile(sorted_values: list[float], share: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(share * len(sorted_values)))]


def report(run: Run, seconds: float) -> None:
    total = sum(run.statuses.values())
    print(f"\n{total} requests in {seconds:.1f} s: {total / seconds:.1f} requests/s")
    print("\n| requests | count | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|")
    for kind, values in sorted(run.latencies.items()):
        ordered = sorted(values)
        print(
            f"| {kind} | {len(ordered)} | {statistics.median(ordered):.0f} "
            f"| {percentile(ordered, 0.95):.0f} | {percentile(ordered, 0.99):.0f} |"
        )
    print("\n| requests | answer | count |\n|---|---|---|")
    for (kind, status), count in sorted(run.statuses.items(), key=str):
        print(f"| {kind} | {status} | {count} |")
    errors = sum(n for (_k, status), n in run.statuses.items() if _is_error(status))
    print(f"\nerrors (5xx, no answer, or a 4xx other than 409): {errors}")


def _is_error(status) -> bool:
    return not isinstance(status, int) or status >= 500 or (status >= 400 and status != 409)


def stored_after_run(setup: dict):
    import psycopg

    with psycopg.connect(f"{SERVER}/{DATABASE}") as connection:
        return stored_state(
            connection,
            measures=setup["measures"],
            start_versions=setup["versions"],
            marker=MARKER,
        )


def load(args, setup: dict, run: Run) -> float:
    """Run the clients against the server until the time is up; returns the seconds taken."""
    deadline = time.perf_counter() + args.seconds
    started = time.perf_counter()
    tokens, codes = setup["tokens"], setup["measures"]
    threads = [
        threading.Thread(
            target=client_loop, args=(args.port, n, tokens[n % len(tokens)], codes, deadline, run)
        )
        for n in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def main() -> int:
    args = parse_arguments()
    env = {**environment(1, args.port), "DATABASE_URL": f"{SERVER}/{DATABASE}"}
    setup = prepare(env)
    print(f"{len(setup['tokens'])} coordinators of {ACTOR} on measures {setup['measures']}")
    server = serve(env, args.port)
    run = Run()
    try:
        elapsed = load(args, setup, run)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"{args.clients} clients for {args.seconds:.0f} s, {WRITE_SHARE:.0%} of turns writes")
    report(run, elapsed)
    state = stored_after_run(setup)
    problems = check_writes(run.acknowledged, state, unanswered=run.unanswered_writes)
    print(f"\n{len(run.acknowledged)} acknowledged writes, {run.unanswered_writes} unanswered")
    verdict = "FAILED" if problems else "every acknowledged write kept, one winner per version"
    print(f"check: {verdict}")
    for problem in problems:
        print(f"  - {problem}")
    return 1 if problems else 0


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=8112)
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(main())
