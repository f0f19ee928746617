"""Signals that other apps may follow (webhooks do)."""

from django.dispatch import Signal

# Sent with `run` once a report run's files are built and downloadable.
report_published = Signal()
