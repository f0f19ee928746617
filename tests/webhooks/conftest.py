import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.api.conftest import anonymous, generous_throttle_rates  # noqa: F401


class Receiver:
    """A webhook receiver on 127.0.0.1: it records every request and answers with the next
    status of `statuses` (200 once they run out, or `default`)."""

    def __init__(self):
        self.requests: list[dict] = []
        self.statuses: list[int] = []
        self.default = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(
                    {"path": self.path, "headers": dict(self.headers), "body": body}
                )
                status = receiver.statuses.pop(0) if receiver.statuses else receiver.default
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def bodies(self) -> list[dict]:
        return [json.loads(request["body"]) for request in self.requests]

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    started = Receiver()
    yield started
    started.stop()


@pytest.fixture(autouse=True)
def webhook_settings(settings):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = True  # the receiver is on 127.0.0.1
    settings.WEBHOOK_MAX_RETRIES = 2
    settings.WEBHOOK_MAX_CONSECUTIVE_FAILURES = 10
    settings.WEBHOOK_TIMEOUT_SECONDS = 5


class BrokerDown:
    """This process's Celery app sends tasks to a Redis that does not answer (a closed port)."""

    def __init__(self):
        from actionplan.celery import app

        self.app = app
        self.saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url")}
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        self._forget_connections()
        app.conf.update(task_always_eager=False, broker_url=f"redis://127.0.0.1:{port}/2")

    def restore(self):
        self._forget_connections()
        self.app.conf.update(self.saved)

    def _forget_connections(self):
        # Dropped, not closed: kombu keeps each broker's pool in a registry of its own, and
        # the app takes the same one again when it is back on the default broker.
        self.app._pool = None
        self.app.__dict__.pop("amqp", None)  # queues and router are cached on it


@pytest.fixture
def broker_down():
    down = BrokerDown()
    yield down
    down.restore()
