"""Benchmark the pages, exports and API at the plan's size and a hundred times it, served as
in production. Usage (from the project folder, PostgreSQL running):

    .venv/bin/python bench/run.py --scale 1 --scale 100

For each scale it fills a PostgreSQL database `bench_scale_<N>` (`--database` names another prefix) (62 × N measures, 1,000 × N
progress updates, seven in ten public; kept for the next run), counts each URL's queries in
process, serves the database with gunicorn (2 sync workers, production settings without
throttling: bench/settings.py) and prints, per URL, one client's median and 95th percentile,
the throughput of 8 concurrent clients, the queries per request, and for the API lists their
time over the raw baseline (bench/raw.py: the same fields, .values() and orjson). Numbers are
indicative: a shared machine makes them noisy. The speed targets are issue 15's; this is no
test and exits 0.
"""

import argparse
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load import measure  # noqa: E402

SERVER = "postgres://app:app@127.0.0.1:5432"
RAW = "/bench/raw-measures/?page_size=100"
PAGES = [
    "/",
    "/plan/",
    "/measures/",
    "/measures/?actor=WVG",
    "/measures/?q=radicalisation",
    "/measures/?page=40",
    "/measures/5.10/",
    "/actors/",
    "/actors/wvg/",
    "/ministers/welfare/",
    "/feeds/progress.atom",
]
EXPORTS = ["/measures/export.csv", "/measures/export.xlsx"]
API_LISTS = ["/api/v1/measures/?page_size=100", "/api/v1/measures/?actor=WVG&page_size=100"]
API_DETAILS = ["/api/v1/measures/5.10/"]
URLS = [*PAGES, *EXPORTS, *API_LISTS, *API_DETAILS, RAW]


def database_name(scale: int, prefix: str) -> str:
    return f"{prefix}_{scale}"


def environment(scale: int, port: int, prefix: str) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": f"{SERVER}/{database_name(scale, prefix)}",
        "SECRET_KEY": "bench-only-secret-key-not-for-production-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "DEBUG": "false",
        "CONN_MAX_AGE": "60",
        # Exports are limited per address (a denial-of-service guard): not for the 8 clients.
        "EXPORT_LIMIT": "1000000",
        "PORT": str(port),
    }


def create_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def serve(env: dict, port: int) -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [gunicorn, "actionplan.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer")


def run_scale(scale: int, args) -> list[tuple]:
    create_database(database_name(scale, args.database))
    env = environment(scale, args.port, args.database)
    started = time.perf_counter()
    filled = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
        [sys.executable, str(ROOT / "bench" / "fill.py"), str(scale), *URLS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if filled.returncode:
        raise RuntimeError(f"bench/fill.py failed:\n{filled.stderr}")
    queries = json.loads(filled.stdout.strip().splitlines()[-1])
    print(f"scale {scale}: filled and counted in {time.perf_counter() - started:.0f} s")
    server = serve(env, args.port)
    rows = []
    try:
        for url in URLS:
            slow = url in EXPORTS
            timing = measure(
                "127.0.0.1",
                args.port,
                url,
                count=args.exports_repeat if slow else args.repeat,
                clients=args.clients,
                seconds=args.seconds,
            )
            rows.append((scale, url, timing, queries[url]))
    finally:
        server.terminate()
        server.wait(timeout=30)
    if args.report:
        built = subprocess.run(  # noqa: S603 (our own script, fixed arguments)
            [
                *(sys.executable, "-m", "bench.report", "--scale", str(scale)),
                *("--database", database_name(scale, args.database)),
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        print(f"scale {scale}: report (both editions) {built.stdout.strip() or built.stderr}")
    return rows


def print_table(rows: list[tuple]) -> None:
    print("\n| scale | URL | median ms | p95 ms | req/s at 8 | queries | × raw |")
    print("|---|---|---|---|---|---|---|")
    raw = {scale: timing for scale, url, timing, _q in rows if url == RAW}
    for scale, url, timing, queries in rows:
        ratio = ""
        if url in API_LISTS:
            ratio = f"{timing.median_ms / raw[scale].median_ms:.1f}"
        print(
            f"| {scale}× | `{url}` | {timing.median_ms:.1f} | {timing.p95_ms:.1f} "
            f"| {timing.requests_per_second:.0f} | {queries} | {ratio} |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, action="append", help="1, 100, ... (repeatable)")
    parser.add_argument("--repeat", type=int, default=20, help="timed requests per URL")
    parser.add_argument("--exports-repeat", type=int, default=5)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=3.0, help="per throughput run")
    parser.add_argument("--port", type=int, default=8111)
    parser.add_argument(
        "--report", action="store_true", help="also build a round's report (slow at 100×)"
    )
    parser.add_argument(
        "--database", default="bench_scale", help="name prefix of the databases (<prefix>_<N>)"
    )
    args = parser.parse_args()
    rows = []
    for scale in args.scale or [1]:
        rows += run_scale(scale, args)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
