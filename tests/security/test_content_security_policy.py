"""A Content-Security-Policy on every page, and no inline script or style for it to allow."""

import re

import pytest
from django.test import Client

from tests.factories import PASSWORD, make_user, record_update

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+=", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in header.split(";")
        if directive.strip()
    }


@pytest.fixture
def signed_in_client(plan):
    from measures.models import Measure

    coordinator = make_user("coord-wvg", "coordinator", ("WVG",))
    record_update(Measure.objects.get(code="5.1"), coordinator)
    client = Client()
    client.force_login(coordinator)
    return client


PUBLIC_PAGES = [
    "/",
    "/plan/",
    "/measures/",
    "/measures/?actor=WVG",
    "/measures/5.1/",
    "/actors/",
    "/actors/wvg/",
    "/ministers/",
    "/glossary/",
    "/accounts/login/",
    "/accounts/password_reset/",
    "/no-such-page/",
]
SIGNED_IN_PAGES = [
    "/measures/mine/",
    "/measures/5.1/updates/new/",
    "/account/tokens/",
    "/accounts/password_change/",
    "/admin/",
    "/admin/measures/measure/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_carry_a_policy_without_inline_code(plan, url):
    response = Client().get(url)
    assert response.status_code in {200, 404}
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html)


@pytest.mark.parametrize("url", SIGNED_IN_PAGES)
def test_signed_in_pages_have_no_inline_code(signed_in_client, url, settings):
    if url.startswith("/admin/"):
        admin = make_user("admin", "platform_admin")
        signed_in_client.force_login(admin)
    response = signed_in_client.get(url)
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html), INLINE_SCRIPT.search(html)
    if not url.startswith("/admin/"):  # Django's admin sets a few style attributes itself
        assert not INLINE_STYLE.search(html), INLINE_STYLE.search(html)


def test_the_progress_bar_draws_its_width_without_a_style(plan):
    html = Client().get("/").content.decode()
    assert re.search(r'<svg class="bar"[^>]*><rect width="\d+"', html)


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_api_documentation_pages_have_their_own_policy_without_inline_scripts(plan, url):
    response = Client().get(url)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'"]
    # Swagger UI and Redoc set styles while they run, and Redoc searches in a worker.
    assert "'unsafe-inline'" in directives["style-src"]
    assert "blob:" in directives["worker-src"]
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert "fonts.googleapis" not in html


def test_swagger_ui_set_up_is_a_script_of_its_own(plan):
    script = Client().get("/api/docs/", {"script": ""})
    assert script.status_code == 200
    assert "javascript" in script["Content-Type"]
    assert "/api/schema/" in script.content.decode()


def test_sign_in_page_still_works_under_the_policy(plan):
    make_user("coord-wvg", "coordinator", ("WVG",))
    client = Client()
    response = client.post("/accounts/login/", {"username": "coord-wvg", "password": PASSWORD})
    assert response.status_code == 302
