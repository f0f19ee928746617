"""Sign-in, admin sign-in and password reset are limited per account and per address, and the
address is the one the trusted proxies saw: a forged X-Forwarded-For changes nothing."""

import logging

import pytest
from django.core import mail
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from actionplan.security import client_address
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"


@pytest.fixture
def failure_limit(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return 3


def sign_in(client: Client, url: str, username: str, password: str, **extra):
    return client.post(url, {"username": username, "password": password}, **extra)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_sign_in_is_locked_after_repeated_failures_even_with_the_right_password(
    coordinator, failure_limit, caplog
):
    client = Client(REMOTE_ADDR="198.51.100.1")
    statuses = [sign_in(client, LOGIN, "coord-wvg", "wrong").status_code for _ in range(3)]
    # The form again after each failure; the failure that reaches the limit locks.
    assert statuses == [200] * (failure_limit - 1) + [429]
    with caplog.at_level(logging.INFO, logger="security"):
        refused = sign_in(client, LOGIN, "coord-wvg", PASSWORD)
    assert refused.status_code == 429
    assert "Sign-in locked" in refused.content.decode()
    assert int(refused["Retry-After"]) > 0
    assert not signed_in(client)
    assert any(
        "event=locked_out" in line and "coord-wvg" in line and "198.51.100.1" in line
        for line in caplog.messages
    )


def test_admin_sign_in_is_locked_too(plan, failure_limit):
    make_user("admin", "platform_admin")
    client = Client(REMOTE_ADDR="198.51.100.2")
    statuses = [sign_in(client, ADMIN_LOGIN, "admin", "wrong").status_code for _ in range(3)]
    assert statuses == [200] * (failure_limit - 1) + [429]
    assert sign_in(client, ADMIN_LOGIN, "admin", PASSWORD).status_code == 429
    assert not signed_in(client)


def test_one_account_is_locked_whatever_address_the_guesses_come_from(coordinator, failure_limit):
    for number in range(failure_limit):
        sign_in(Client(REMOTE_ADDR=f"198.51.100.{10 + number}"), LOGIN, "coord-wvg", "wrong")
    fresh_address = Client(REMOTE_ADDR="198.51.100.99")
    assert sign_in(fresh_address, LOGIN, "coord-wvg", PASSWORD).status_code == 429


def test_one_address_is_locked_whatever_accounts_it_tries(coordinator, failure_limit):
    client = Client(REMOTE_ADDR="198.51.100.3")
    for number in range(failure_limit):
        sign_in(client, LOGIN, f"someone-{number}", "wrong")
    assert sign_in(client, LOGIN, "coord-wvg", PASSWORD).status_code == 429
    # The account itself is not locked: its owner signs in from elsewhere.
    elsewhere = Client(REMOTE_ADDR="198.51.100.4")
    sign_in(elsewhere, LOGIN, "coord-wvg", PASSWORD)
    assert signed_in(elsewhere)


def test_a_forged_forwarded_for_does_not_escape_the_address_lockout(coordinator, failure_limit):
    client = Client(REMOTE_ADDR="198.51.100.5")
    for number in range(failure_limit):
        sign_in(
            client, LOGIN, f"someone-{number}", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}"
        )
    refused = sign_in(client, LOGIN, "coord-wvg", PASSWORD, HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert refused.status_code == 429


def test_behind_a_trusted_proxy_only_its_entry_counts(coordinator, failure_limit, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = Client(REMOTE_ADDR="172.20.0.2")  # every request comes from the proxy
    for number in range(failure_limit):
        # The client forged the first entry; the proxy appended the address it saw.
        forwarded = f"10.0.0.{number}, 203.0.113.50"
        sign_in(proxy, LOGIN, f"someone-{number}", "wrong", HTTP_X_FORWARDED_FOR=forwarded)
    locked = sign_in(
        proxy, LOGIN, "coord-wvg", PASSWORD, HTTP_X_FORWARDED_FOR="10.1.1.1, 203.0.113.50"
    )
    assert locked.status_code == 429
    other_client = sign_in(proxy, LOGIN, "coord-wvg", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.51")
    assert other_client.status_code == 302


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "10.0.0.1", "192.0.2.1"),  # no proxy: the header is ignored
        (1, "10.0.0.1, 203.0.113.9", "203.0.113.9"),  # the proxy's own entry
        (1, "", "192.0.2.1"),  # the header missing: the connection's address
        (2, "203.0.113.9", "192.0.2.1"),  # fewer entries than proxies: not through them all
        (2, "10.0.0.1, 203.0.113.9, 172.20.0.5", "203.0.113.9"),
        (1, "not-an-address", "192.0.2.1"),
    ],
)
def test_the_client_address_believes_only_the_trusted_proxies(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_a_forged_forwarded_for_does_not_escape_the_anonymous_api_limit(plan, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "100/minute"},
    }
    client = APIClient(REMOTE_ADDR="198.51.100.6")
    statuses = [
        client.get("/api/v1/plans/", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}").status_code
        for number in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]


def test_password_reset_mails_are_limited_per_account(coordinator, limits):
    limits(password_reset_account=(2, 3600))
    coordinator.email = "coord@example.org"
    coordinator.save()
    for number in range(4):
        client = Client(REMOTE_ADDR=f"198.51.100.{20 + number}")
        response = client.post("/accounts/password_reset/", {"email": "Coord@example.org"})
        # The same answer every time: the page never tells whether mail went out.
        assert response.status_code == 302
        assert response["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 2


def test_password_reset_requests_are_limited_per_address(plan, limits):
    limits(password_reset_address=(2, 3600))
    client = Client(REMOTE_ADDR="198.51.100.7")
    for number in range(2):
        client.post("/accounts/password_reset/", {"email": f"x{number}@example.org"})
    refused = client.post("/accounts/password_reset/", {"email": "y@example.org"})
    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert client.get("/accounts/password_reset/").status_code == 200  # the form still opens


def test_measure_exports_are_limited(plan, limits):
    limits(export=(2, 60))
    client = Client(REMOTE_ADDR="198.51.100.8")
    assert client.get("/measures/export.csv").status_code == 200
    assert client.get("/measures/export.xlsx").status_code == 200
    refused = client.get("/measures/export.csv")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert Client(REMOTE_ADDR="198.51.100.9").get("/measures/export.csv").status_code == 200


def test_failed_sign_ins_are_in_the_security_log_with_user_and_address(coordinator, caplog):
    with caplog.at_level(logging.INFO, logger="security"):
        sign_in(Client(REMOTE_ADDR="198.51.100.10"), LOGIN, "coord-wvg", "wrong")
    assert any(
        "event=sign_in_failed" in line and "user=coord-wvg" in line and "198.51.100.10" in line
        for line in caplog.messages
    )
    assert not any("wrong" in line for line in caplog.messages)  # never the password
