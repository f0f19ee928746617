"""Queueing reporting's Celery tasks, the one place services reach them.

Tasks call services, so services name a task rather than import it; reporting.apps imports
reporting.tasks at start-up, so every process knows the names.
"""

from celery import current_app
from django.db import transaction


def task_enqueue(name: str, *args) -> None:
    """Queue the task `reporting.tasks.<name>` with `args` once the transaction commits (so
    that the worker finds what the caller wrote)."""
    task = current_app.tasks[f"reporting.tasks.{name}"]
    transaction.on_commit(lambda: task.delay(*args))
