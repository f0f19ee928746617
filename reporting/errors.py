"""Errors of reporting that tasks name in `autoretry_for` (importable without Django models)."""


class ReminderDeliveryError(Exception):
    """Some reminders could not be sent; those sent are recorded, so a retry skips them."""


class ReportBuildError(Exception):
    """A report cannot be built for a reason reporting names itself. Its message is shown on
    the run's page and in the API, so it never quotes what the report holds."""
