"""System checks of the portal's own (`manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, register

# Backends that write whole mails, password-reset links included, where others can read them.
MAIL_WRITING_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}


@register(Tags.security, deploy=True)
def check_mail_backend(app_configs, **kwargs) -> list[Error]:
    if settings.DEBUG or settings.EMAIL_BACKEND not in MAIL_WRITING_BACKENDS:
        return []
    return [
        Error(
            f"EMAIL_BACKEND is {settings.EMAIL_BACKEND}: production would write every mail, "
            "password-reset links included, to the log or to files.",
            hint="Set EMAIL_HOST (and EMAIL_HOST_USER, EMAIL_HOST_PASSWORD) to send mail "
            "through SMTP.",
            id="actionplan.E001",
        )
    ]
