"""Production never writes mails, and so password-reset links, to its log: `check --deploy`
refuses the console backend, and without EMAIL_HOST mails are dropped with a warning."""

import logging
import os
import subprocess
import sys

import pytest
from django.core import mail
from django.test import Client

from actionplan.mail import UnconfiguredEmailBackend
from tests.actionplan.test_settings import ROOT, STRONG_KEY, manage

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": STRONG_KEY,
    "ALLOWED_HOSTS": "portal.example.org",
    "EMAIL_HOST": "",
}


def test_deploy_check_refuses_the_console_mail_backend(tmp_path):
    (tmp_path / "console_mail_settings.py").write_text(
        "from actionplan.settings import *  # noqa\n"
        'EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"\n'
    )
    environment = {
        **os.environ,
        **PRODUCTION,
        "DJANGO_SETTINGS_MODULE": "console_mail_settings",
        "PYTHONPATH": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "actionplan.E001" in result.stderr
    assert "password-reset links" in result.stderr


def test_production_without_an_email_host_sends_and_prints_no_mail():
    result = manage(
        ROOT,
        "shell",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "actionplan.mail.UnconfiguredEmailBackend"


@pytest.mark.django_db
def test_a_password_reset_without_mail_logs_no_link(coordinator, settings, caplog, capsys):
    settings.EMAIL_BACKEND = "actionplan.mail.UnconfiguredEmailBackend"
    coordinator.email = "coord@example.org"
    coordinator.save()
    with caplog.at_level(logging.DEBUG):
        response = Client().post("/accounts/password_reset/", {"email": "coord@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 0
    logged = "\n".join(caplog.messages) + "".join(capsys.readouterr())
    assert "Mail not sent (EMAIL_HOST is not set)" in logged
    assert "/accounts/reset/" not in logged


def test_the_unconfigured_backend_names_the_subject_only(caplog):
    message = mail.EmailMessage("Password reset", "Go to https://x/accounts/reset/a/b/", to=["a@b"])
    with caplog.at_level(logging.WARNING):
        assert UnconfiguredEmailBackend().send_messages([message]) == 0
    assert "Password reset" in caplog.text
    assert "/accounts/reset/" not in caplog.text
