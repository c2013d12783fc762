"""The staff inbox: the agent reads her own notifications, never a colleague's."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from guanjia.accounts.choices import Role
from guanjia.notifications.models import Notification
from guanjia.notifications.services import notify
from guanjia.tickets.models import WorkOrder
from tests.factories import staff_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def agent(community):
    return staff_with_role(community=community, role=Role.CS_AGENT, username="agent-li")


@pytest.fixture
def technician(community):
    return staff_with_role(community=community, role=Role.TECHNICIAN, username="tech-wang")


@pytest.fixture
def api(agent):
    client = APIClient()
    client.force_authenticate(agent)
    return client


def orders_notified(community, recipient, count):
    start = WorkOrder.objects.filter(community=community).count()
    for i in range(start, start + count):
        order = WorkOrder.objects.create(community=community, number=f"WT-20261122-{i + 1:04d}",
                                         channel="phone", description="漏水")
        notify(recipients=[recipient], title=f"新工单 {order.number}", body="请尽快处理", order=order,
               link=f"/orders/{order.pk}", kind="assigned")


def test_the_agent_lists_her_notifications_newest_first_with_the_order_number(api, agent, technician, community):
    orders_notified(community, agent, 3)
    orders_notified(community, technician, 1)

    response = api.get("/api/v1/notifications/")

    assert response.status_code == 200
    assert response.data["count"] == 3
    first = response.data["results"][0]
    assert first["order_number"] == "WT-20261122-0003"
    assert first["is_read"] is False and first["read_at"] is None


def test_the_list_costs_the_same_queries_for_3_or_30_notifications(api, agent, community,
                                                                   django_assert_max_num_queries):
    orders_notified(community, agent, 30)
    with django_assert_max_num_queries(3):  # count, page (orders joined); no query per row
        response = api.get("/api/v1/notifications/")
    assert len(response.data["results"]) == 30


def test_unread_filter_count_and_mark_read(api, agent, community):
    orders_notified(community, agent, 2)
    first = Notification.objects.filter(recipient=agent).order_by("id").first()

    assert api.get("/api/v1/notifications/unread-count/").data == {"unread": 2}
    response = api.post(f"/api/v1/notifications/{first.pk}/read/")
    assert response.status_code == 200 and response.data["is_read"] is True
    first.refresh_from_db()
    assert first.read_at is not None
    assert api.get("/api/v1/notifications/unread-count/").data == {"unread": 1}
    assert api.get("/api/v1/notifications/?unread=true").data["count"] == 1

    assert api.post("/api/v1/notifications/read-all/").data == {"marked": 1}
    assert api.get("/api/v1/notifications/unread-count/").data == {"unread": 0}


def test_a_colleagues_notification_cannot_be_marked_read(api, technician, community):
    orders_notified(community, technician, 1)
    theirs = Notification.objects.get(recipient=technician)

    response = api.post(f"/api/v1/notifications/{theirs.pk}/read/")

    assert response.status_code == 404
    assert response.data["error"]["code"] == "notification_not_found"
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_a_bad_filter_is_a_clear_400(api):
    response = api.get("/api/v1/notifications/?unread=perhaps")
    assert response.status_code == 400
    assert response.data["error"]["code"] == "invalid"
    assert "unread" in response.data["error"]["fields"]


def test_the_inbox_needs_a_login():
    response = APIClient().get("/api/v1/notifications/")
    assert response.status_code in (401, 403)


def test_the_inbox_endpoints_are_in_the_openapi_schema(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/notifications/" in schema["paths"]
    assert "/api/v1/notifications/{id}/read/" in schema["paths"]


def test_the_console_panel_is_an_htmx_fragment_and_marking_read_swaps_it(client, agent, community):
    orders_notified(community, agent, 2)
    client.force_login(agent)

    panel = client.get(reverse("notifications:inbox"), headers={"HX-Request": "true"})
    html = panel.content.decode()
    assert panel.status_code == 200
    assert "<html" not in html and 'id="inbox"' in html
    assert "WT-20261122-0002" in html and 'data-unread="2"' in html

    note = Notification.objects.filter(recipient=agent).first()
    swapped = client.post(reverse("notifications:read", args=[note.pk]), headers={"HX-Request": "true"})
    assert 'data-unread="1"' in swapped.content.decode()
    swapped = client.post(reverse("notifications:read-all"), headers={"HX-Request": "true"})
    assert 'data-unread="0"' in swapped.content.decode()


def test_the_full_inbox_page_and_opening_a_notification(client, agent, community):
    orders_notified(community, agent, 1)
    client.force_login(agent)
    page = client.get(reverse("notifications:inbox"))
    assert page.status_code == 200 and "<html" in page.content.decode()

    note = Notification.objects.get(recipient=agent)
    opened = client.post(reverse("notifications:read", args=[note.pk]), {"open": "1"})
    assert opened.status_code == 302 and opened["Location"] == note.link


def test_the_console_panel_refuses_a_colleagues_notification(client, agent, technician, community):
    orders_notified(community, technician, 1)
    client.force_login(agent)
    theirs = Notification.objects.get(recipient=technician)
    response = client.post(reverse("notifications:read", args=[theirs.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
