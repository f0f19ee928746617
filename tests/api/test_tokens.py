"""A user creates, names, lists and revokes their own API tokens in the portal; a revoked
token is refused at once."""

import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from actors.models import ApiToken
from actors.services import MAX_ACTIVE_API_TOKENS, api_token_create, api_token_revoke
from tests.api.conftest import OWN_MEASURE

pytestmark = pytest.mark.django_db

TOKENS = "/account/tokens/"


def bearer(secret: str, keyword: str = "Bearer") -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"{keyword} {secret}")
    return client


def create_in_portal(client, name: str) -> str:
    response = client.post(TOKENS, {"name": name})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    match = re.search(r'id="new-token-secret" value="([^"]+)"', response.content.decode())
    assert match, "the new token's secret is shown"
    return match.group(1)


def test_the_token_pages_need_a_signed_in_user(client, plan):
    response = client.get(TOKENS)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_token_is_created_named_listed_and_revoked_in_the_portal(client, users):
    user = users["coordinator"]
    client.force_login(user)
    secret = create_in_portal(client, "Monitoring dashboard")
    token = ApiToken.objects.get(user=user)
    assert token.name == "Monitoring dashboard"
    # Only the hash is kept; the secret is shown once.
    assert token.key_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.key_hash, token.prefix, token.name}
    assert secret.startswith(token.prefix)
    listing = client.get(TOKENS).content.decode()
    assert "Monitoring dashboard" in listing and token.prefix in listing
    assert secret not in listing

    assert bearer(secret).get(f"/api/v1/measures/{OWN_MEASURE}/").status_code == 200

    client.post(f"{TOKENS}{token.pk}/rename/", {"name": "Dashboard (prod)"})
    token.refresh_from_db()
    assert token.name == "Dashboard (prod)"

    response = client.post(f"{TOKENS}{token.pk}/revoke/", follow=True)
    assert response.status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked" in response.content.decode()


def test_a_revoked_token_is_refused_at_once(users):
    new = api_token_create(user=users["coordinator"], name="tool")
    client = bearer(new.secret)
    assert client.get(f"/api/v1/measures/{OWN_MEASURE}/").json()["version"] is not None
    api_token_revoke(user=users["coordinator"], token_id=new.token.pk)
    for response in (
        client.get(f"/api/v1/measures/{OWN_MEASURE}/"),
        client.post(
            f"/api/v1/measures/{OWN_MEASURE}/progress-updates/",
            {"implementation_status": "on_track", "progress_percent": 5, "narrative": "x"},
            format="json",
        ),
    ):
        assert response.status_code == 401
        assert response.json()["code"] == "authentication_failed"


@pytest.mark.parametrize(
    "header",
    [
        "Bearer apt_not-a-real-token",
        "Bearer",
        "Bearer two parts",
        "Token nonsense",
    ],
)
def test_an_unknown_or_malformed_token_is_a_401(plan, header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/plans/")
    assert response.status_code == 401
    assert response.json()["status"] == 401


def test_token_keyword_works_as_well_as_bearer(users):
    secret = api_token_create(user=users["evaluator"], name="tool").secret
    assert bearer(secret, "Token").get("/api/v1/plans/").status_code == 200
    assert bearer(secret, "bearer").get("/api/v1/plans/").status_code == 200


def test_a_token_of_a_deactivated_user_is_refused(users):
    user = users["evaluator"]
    secret = api_token_create(user=user, name="tool").secret
    user.is_active = False
    user.save()
    assert bearer(secret).get("/api/v1/plans/").status_code == 401


def test_a_token_acts_with_its_users_role(users):
    coordinator = bearer(api_token_create(user=users["coordinator"], name="t").secret)
    evaluator = bearer(api_token_create(user=users["evaluator"], name="t").secret)
    body = {"implementation_status": "on_track", "progress_percent": 5, "narrative": "News."}
    url = f"/api/v1/measures/{OWN_MEASURE}/progress-updates/"
    assert coordinator.post(url, body, format="json").status_code == 201
    assert evaluator.post(url, body, format="json").status_code == 403


def test_using_a_token_records_when_it_was_last_used(users):
    new = api_token_create(user=users["evaluator"], name="tool")
    assert new.token.last_used_at is None
    bearer(new.secret).get("/api/v1/plans/")
    new.token.refresh_from_db()
    assert new.token.last_used_at is not None
    assert timezone.now() - new.token.last_used_at < timezone.timedelta(minutes=1)


def test_a_user_cannot_revoke_or_rename_someone_elses_token(client, users):
    theirs = api_token_create(user=users["evaluator"], name="theirs")
    client.force_login(users["coordinator"])
    assert client.post(f"{TOKENS}{theirs.token.pk}/revoke/").status_code == 404
    assert client.post(f"{TOKENS}{theirs.token.pk}/rename/", {"name": "mine"}).status_code == 404
    theirs.token.refresh_from_db()
    assert theirs.token.revoked_at is None and theirs.token.name == "theirs"
    assert "theirs" not in client.get(TOKENS).content.decode()


def test_names_must_be_given_and_unique_among_active_tokens(client, users):
    client.force_login(users["coordinator"])
    create_in_portal(client, "tool")
    duplicate = client.post(TOKENS, {"name": "tool"})
    assert duplicate.status_code == 200
    assert "already have a token named" in duplicate.content.decode()
    empty = client.post(TOKENS, {"name": "  "})
    assert "new-token-secret" not in empty.content.decode()
    assert ApiToken.objects.filter(user=users["coordinator"]).count() == 1
    # Once revoked, the name is free again.
    token = ApiToken.objects.get(user=users["coordinator"])
    client.post(f"{TOKENS}{token.pk}/revoke/")
    create_in_portal(client, "tool")
    assert ApiToken.objects.filter(user=users["coordinator"], name="tool").count() == 2


def test_a_revoked_token_cannot_be_revoked_again(client, users):
    client.force_login(users["coordinator"])
    new = api_token_create(user=users["coordinator"], name="tool")
    assert client.post(f"{TOKENS}{new.token.pk}/revoke/").status_code == 302
    assert client.post(f"{TOKENS}{new.token.pk}/revoke/").status_code == 404


def test_the_navigation_links_to_tokens_and_api_docs(client, users):
    anonymous_page = client.get("/").content.decode()
    assert 'href="/api/docs/"' in anonymous_page
    assert 'href="/account/tokens/"' not in anonymous_page
    client.force_login(users["coordinator"])  # client.login cannot: sign-in needs a request
    assert 'href="/account/tokens/"' in client.get("/").content.decode()


def test_an_administrator_sees_and_revokes_tokens_in_the_admin(client, users):
    new = api_token_create(user=users["coordinator"], name="leaked")
    client.force_login(users["platform_admin"])
    listing = client.get("/admin/actors/apitoken/")
    assert listing.status_code == 200
    assert "leaked" in listing.content.decode()
    assert new.token.key_hash not in listing.content.decode()
    client.post(
        "/admin/actors/apitoken/",
        {"action": "revoke", "_selected_action": [new.token.pk]},
    )
    assert bearer(new.secret).get("/api/v1/plans/").status_code == 401


def test_a_user_has_at_most_twenty_active_tokens(users):
    user = users["evaluator"]
    for n in range(MAX_ACTIVE_API_TOKENS):
        api_token_create(user=user, name=f"tool {n}")
    with pytest.raises(ValidationError) as refused:
        api_token_create(user=user, name="one too many")
    assert "name" in refused.value.message_dict
