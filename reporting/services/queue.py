"""Queueing reporting's Celery tasks, the one place services reach them, and the threads that
stand in for a worker when there is no broker.

Tasks call services, so services name a task rather than import it; reporting.apps imports
reporting.tasks at start-up, so every process knows the names.
"""

import logging
import threading
from collections.abc import Callable

from celery import current_app
from django.db import close_old_connections, connections, transaction

logger = logging.getLogger(__name__)


def tasks_run_eagerly() -> bool:
    """No broker: tasks run in this process (see settings)."""
    return bool(current_app.conf.task_always_eager)


def task_enqueue(name: str, *args) -> None:
    """Queue the task `reporting.tasks.<name>` with `args` once the transaction commits (so
    that the worker finds what the caller wrote)."""
    transaction.on_commit(lambda: task_send(name, *args))


def task_send(name: str, *args) -> None:
    """Hand the task `reporting.tasks.<name>` to the broker now (or run it, without one).
    Raises kombu's OperationalError (or OSError) when the broker cannot take it."""
    current_app.tasks[f"reporting.tasks.{name}"].delay(*args)


def thread_start(target: Callable[[], None], *, name: str, after: float = 0) -> threading.Thread:
    """Run `target` in a daemon thread with its database connection of its own, closed when
    it ends (after `after` seconds if given; the returned timer can then be cancelled)."""

    def run() -> None:
        close_old_connections()
        try:
            target()
        except Exception:
            logger.exception("Background work %s failed", name)
        finally:
            connections.close_all()

    thread = threading.Timer(after, run) if after else threading.Thread(target=run)
    thread.name, thread.daemon = name, True
    thread.start()
    return thread
