"""Celery tasks of the project itself."""

from celery import shared_task


@shared_task(ignore_result=True)
def record_worker_heartbeat() -> None:
    """Run by Celery beat every HEARTBEAT_INTERVAL seconds: proof for /readyz/ that a worker
    takes tasks from the broker."""
    from actionplan.health import worker_heartbeat_record

    worker_heartbeat_record()
