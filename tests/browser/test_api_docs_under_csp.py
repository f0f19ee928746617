"""Swagger UI and Redoc still render under their Content-Security-Policy, and the portal's pages
break no rule of theirs (the browser reports every refused script or style)."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def policy_violations(page):
    """Every Content-Security-Policy violation the browser reports in `page`."""
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_swagger_ui_renders_the_operations(page, plan, policy_violations):
    page.goto("/api/docs/")
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.get_by_text("/api/v1/measures/", exact=True).first).to_be_visible()
    assert policy_violations == []


def test_redoc_renders_the_operations(page, plan, policy_violations):
    page.goto("/api/redoc/")
    expect(page.get_by_role("heading", name="Action-plan portal API").first).to_be_visible()
    expect(page.get_by_text("/api/v1/measures/").first).to_be_attached()
    # Its "powered by" logo too comes from the portal (actionplan.api.schema_view).
    assert policy_violations == []


@pytest.mark.parametrize("url", ["/api/docs/", "/api/redoc/"])
def test_the_docs_pages_request_nothing_from_another_host(page, plan, live_server, url):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert any(address.endswith("/api/schema/") for address in requested)
    # Redoc's search worker is a blob: of the page's own origin.
    foreign = [a for a in requested if not a.removeprefix("blob:").startswith(live_server.url)]
    assert foreign == []


def test_portal_pages_break_no_rule_of_the_policy(page, plan, policy_violations):
    for url in ["/", "/plan/", "/measures/", "/measures/5.1/", "/accounts/login/"]:
        page.goto(url)
    assert policy_violations == []
