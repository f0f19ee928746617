"""Platform administrators register webhooks in the admin; nobody else manages them there."""

import pytest

from webhooks.models import Subscription

pytestmark = pytest.mark.django_db


def test_a_platform_administrator_registers_a_webhook_in_the_admin(client, users, receiver):
    admin = users["platform_admin"]
    client.force_login(admin)
    response = client.post(
        "/admin/webhooks/subscription/add/",
        {
            "url": receiver.url,
            "events": ["progress_recorded", "report_published"],
            "owner": admin.pk,
            "active": "on",
            "deliveries-TOTAL_FORMS": "0",
            "deliveries-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    subscription = Subscription.objects.get()
    assert subscription.events == ["progress_recorded", "report_published"]
    assert len(subscription.secret) == 64
    page = client.get(f"/admin/webhooks/subscription/{subscription.pk}/change/")
    assert page.status_code == 200


def test_other_roles_cannot_manage_webhooks_in_the_admin(client, users):
    coordinator = users["coordinator"]
    coordinator.is_staff = True
    coordinator.save()
    client.force_login(coordinator)
    assert client.get("/admin/webhooks/subscription/").status_code == 403
