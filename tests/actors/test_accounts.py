"""Signing in and out, changing a password, and resetting it by email."""

import re

import pytest
from django.contrib.auth import get_user_model

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_and_out(client, coordinator):
    response = client.post("/accounts/login/", {"username": "coord-wvg", "password": PASSWORD})
    assert response.status_code == 302
    assert "Signed in as coord-wvg" in client.get("/").content.decode()
    client.post("/accounts/logout/")
    assert "Sign in" in client.get("/").content.decode()


def test_wrong_password_is_refused_with_a_message(client, coordinator):
    response = client.post("/accounts/login/", {"username": "coord-wvg", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_password_reset_by_email(client, coordinator, mailoutbox):
    response = client.post("/accounts/password_reset/", {"email": coordinator.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    new_password = "Another-long-passphrase-77"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(username="coord-wvg").check_password(new_password)


def test_password_change_requires_the_old_password(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": "not-it",
            "new_password1": "Fresh-passphrase-2026",
            "new_password2": "Fresh-passphrase-2026",
        },
    )
    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "Fresh-passphrase-2026",
            "new_password2": "Fresh-passphrase-2026",
        },
    )
    assert response.status_code == 302


def test_the_reports_link_is_offered_only_to_portal_roles(client, coordinator):
    from django.contrib.auth import get_user_model

    client.force_login(coordinator)
    assert 'href="/reports/"' in client.get("/").content.decode()
    client.force_login(get_user_model().objects.create_user("nobody", password=PASSWORD))
    assert 'href="/reports/"' not in client.get("/").content.decode()
