"""Errors of reporting that tasks name in `autoretry_for` (importable without Django models)."""


class ReminderDeliveryError(Exception):
    """Some reminders could not be sent; those sent are recorded, so a retry skips them."""
