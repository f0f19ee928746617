"""The mail backend of a production without EMAIL_HOST: nothing is sent, nothing is printed."""

import logging

from django.core.mail.backends.base import BaseEmailBackend

logger = logging.getLogger(__name__)


class UnconfiguredEmailBackend(BaseEmailBackend):
    """Drops every mail with a warning that names its subject only: a mail's body may hold a
    password-reset link, which must never reach a log (as the console backend would write it)."""

    def send_messages(self, email_messages) -> int:
        for message in email_messages:
            logger.warning(
                "Mail not sent (EMAIL_HOST is not set): %r to %d recipient(s).",
                message.subject,
                len(message.recipients()),
            )
        return 0
