"""Queueing reporting's Celery tasks, the one place services reach them.

Tasks call services, so services name a task rather than import it; reporting.apps imports
reporting.tasks at start-up, so every process knows the names.
"""

import logging
import threading

from celery import current_app
from django.conf import settings
from django.db import close_old_connections, connections, transaction

logger = logging.getLogger(__name__)


def task_enqueue(name: str, *args, background: bool = False) -> None:
    """Queue the task `reporting.tasks.<name>` with `args` once the transaction commits (so
    that the worker finds what the caller wrote).

    A `background` task never runs inside the caller's request: without a broker (tasks run
    eagerly) it runs in a thread of its own after the commit, when REPORT_BUILD_IN_BACKGROUND
    is on (see `task_run_in_thread`)."""
    task = current_app.tasks[f"reporting.tasks.{name}"]
    if background and task.app.conf.task_always_eager and settings.REPORT_BUILD_IN_BACKGROUND:
        transaction.on_commit(lambda: task_run_in_thread(task, *args))
    else:
        transaction.on_commit(lambda: task.delay(*args))


def task_run_in_thread(task, *args) -> threading.Thread:
    """Run `task` eagerly in a daemon thread with its own database connection.

    What the task cannot finish (the process stops) is taken over by the next build: a run
    left building past its time limit can be built again."""

    def run() -> None:
        close_old_connections()
        try:
            task.apply(args=args, throw=False)
        except Exception:  # the task's own failure handler has marked the run failed
            logger.exception("Background task %s%r failed", task.name, args)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run, name=f"{task.name}{args!r}", daemon=True)
    thread.start()
    return thread
