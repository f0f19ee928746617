"""Signals that other apps may follow (webhooks do)."""

from django.dispatch import Signal

# Sent after a measure's implementation status changed, with `measure`, `public_changed` (the
# status anonymous readers see) and `internal_changed` (the status readers of internal
# updates see).
measure_status_changed = Signal()
