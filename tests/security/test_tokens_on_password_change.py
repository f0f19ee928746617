"""A password change revokes the user's API tokens: whoever knew the old password may have made
one. The owner sees them listed (and revoked) at /account/tokens/."""

import logging

import pytest
from django.test import Client
from rest_framework.test import APIClient

from actors.services import api_token_create
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "another-Long-passphrase-7"


def api_client(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_changing_the_password_revokes_every_token(coordinator, caplog):
    secrets = [api_token_create(user=coordinator, name=name).secret for name in ("a", "b")]
    assert api_client(secrets[0]).get("/api/v1/plans/").status_code == 200
    client = Client()
    client.force_login(coordinator)
    with caplog.at_level(logging.INFO, logger="security"):
        changed = client.post(
            "/accounts/password_change/",
            {
                "old_password": PASSWORD,
                "new_password1": NEW_PASSWORD,
                "new_password2": NEW_PASSWORD,
            },
        )
    assert changed.status_code == 302
    for secret in secrets:
        assert api_client(secret).get("/api/v1/plans/").status_code == 401
    assert any(
        "event=api_tokens_revoked" in line and "user=coord-wvg" in line and "count=2" in line
        for line in caplog.messages
    )
    # The owner (signed in again with the new password) sees both, revoked.
    client.post("/accounts/login/", {"username": "coord-wvg", "password": NEW_PASSWORD})
    listing = client.get("/account/tokens/").content.decode()
    assert listing.count("Revoked on") == 2
    assert "Active</td>" not in listing


def test_a_password_reset_revokes_them_too(coordinator):
    secret = api_token_create(user=coordinator, name="tool").secret
    coordinator.set_password(NEW_PASSWORD)
    coordinator.save()
    assert api_client(secret).get("/api/v1/plans/").status_code == 401


def test_signing_in_or_other_changes_keep_the_tokens(coordinator):
    secret = api_token_create(user=coordinator, name="tool").secret
    client = Client()
    client.post("/accounts/login/", {"username": "coord-wvg", "password": PASSWORD})
    coordinator.refresh_from_db()
    coordinator.email = "coord@example.org"
    coordinator.save()
    assert api_client(secret).get("/api/v1/plans/").status_code == 200


def test_others_tokens_are_kept(coordinator):
    other = make_user("coord-ov", "coordinator", ("OV",))
    secret = api_token_create(user=other, name="tool").secret
    coordinator.set_password(NEW_PASSWORD)
    coordinator.save()
    assert api_client(secret).get("/api/v1/plans/").status_code == 200


def test_wrong_tokens_from_one_address_are_throttled_then_even_a_right_one(
    coordinator, limits, caplog
):
    limits(api_token_failures=(3, 600))
    secret = api_token_create(user=coordinator, name="tool").secret
    guesser = APIClient(REMOTE_ADDR="198.51.100.30")
    with caplog.at_level(logging.INFO, logger="security"):
        for number in range(3):
            guesser.credentials(HTTP_AUTHORIZATION=f"Bearer apt_guess{number}")
            assert guesser.get("/api/v1/plans/").status_code == 401
    assert sum("event=api_token_refused" in line for line in caplog.messages) == 3
    assert all("198.51.100.30" in line for line in caplog.messages if "api_token" in line)
    guesser.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    refused = guesser.get("/api/v1/plans/")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    # The token's owner, elsewhere, is not affected.
    elsewhere = APIClient(REMOTE_ADDR="198.51.100.31")
    elsewhere.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert elsewhere.get("/api/v1/plans/").status_code == 200


def test_a_revoked_token_and_a_role_change_are_in_the_security_log(coordinator, caplog):
    token = api_token_create(user=coordinator, name="tool").token
    client = Client(REMOTE_ADDR="198.51.100.32")
    client.force_login(coordinator)
    with caplog.at_level(logging.INFO, logger="security"):
        client.post(f"/account/tokens/{token.pk}/revoke/")
        make_user("coord-wvg", "evaluator")
    assert any(
        "event=api_token_revoked" in line
        and "user=coord-wvg" in line
        and "198.51.100.32" in line
        and token.prefix in line
        for line in caplog.messages
    )
    assert any(
        "event=role_changed" in line and "role=coordinator->evaluator" in line
        for line in caplog.messages
    )
