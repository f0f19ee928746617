"""Timing a running server over HTTP: one client's latencies, and throughput at N clients."""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass


@dataclass
class Timing:
    median_ms: float
    p95_ms: float
    requests_per_second: float


def _get(connection: http.client.HTTPConnection, path: str) -> None:
    connection.request("GET", path)
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: HTTP {response.status}")


def latencies(host: str, port: int, path: str, count: int) -> list[float]:
    """`count` requests one after another on one kept-alive connection, in milliseconds."""
    connection = http.client.HTTPConnection(host, port, timeout=120)
    _get(connection, path)  # warm up
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        _get(connection, path)
        timings.append((time.perf_counter() - start) * 1000)
    connection.close()
    return timings


def throughput(host: str, port: int, path: str, clients: int, seconds: float) -> float:
    """Requests per second that `clients` clients, each waiting for its answer, get done."""
    done = [0] * clients
    deadline = time.perf_counter() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection(host, port, timeout=120)
        while time.perf_counter() < deadline:
            _get(connection, path)
            done[number] += 1
        connection.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(done) / (time.perf_counter() - start)


def measure(host: str, port: int, path: str, *, count: int, clients: int, seconds: float):
    timings = sorted(latencies(host, port, path, count))
    p95 = timings[max(0, round(0.95 * len(timings)) - 1)]
    rate = throughput(host, port, path, clients, seconds)
    return Timing(statistics.median(timings), p95, rate)
