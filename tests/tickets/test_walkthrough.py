"""The README walk-through, end to end over HTTP with real tokens: 张女士 files a repair with a
photo, the desk dispatches it, 王师傅 resolves it with a photo, she follows it and rates it.
docs/api-walkthrough.md shows the same calls with curl."""

import pytest
from rest_framework.test import APIClient

from guanjia.tickets.choices import EventType, Status
from guanjia.tickets.models import WorkOrder

from .conftest import jpeg_upload


def login(username):
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": username, "password": "guanjia-pass-1"},
                           format="json")
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


@pytest.mark.django_db
def test_a_repair_from_the_residents_phone_to_her_rating(zhang, agent, technician, room):
    # 张女士 logs in with her phone number and picks her home.
    resident = login("13812345678")
    homes = resident.get("/api/v1/resident/households/").json()
    assert [h["code"] for h in homes] == ["3-2-1502"]

    # She files the repair with a photo; the app retries once on a flaky network.
    body = {"room": homes[0]["id"], "description": "卫生间天花板漏水,滴到洗手台", "expectation": "今天有人来看看",
            "preferred_visit": "今天18点后", "photos": [jpeg_upload("ceiling.jpg")]}
    filed = resident.post("/api/v1/resident/requests/", body, format="multipart", HTTP_IDEMPOTENCY_KEY="zhang-1")
    retried = resident.post("/api/v1/resident/requests/", {**body, "photos": [jpeg_upload("ceiling.jpg")]},
                            format="multipart", HTTP_IDEMPOTENCY_KEY="zhang-1")
    assert filed.status_code == 201 and retried.json()["uuid"] == filed.json()["uuid"]
    order_id = filed.json()["uuid"]
    assert filed.json()["status"] == Status.NEW

    # The desk sees it, confirms with her, classifies it and dispatches it to 王师傅.
    desk = login("agent_xiaoli")
    queue = desk.get("/api/v1/work-orders/?queue=community&status=new").json()["results"]
    assert [o["uuid"] for o in queue] == [order_id]
    assert desk.post(f"/api/v1/work-orders/{order_id}/acknowledge/", {"note": "已电话确认"}, format="json").status_code == 200
    assert desk.post(f"/api/v1/work-orders/{order_id}/classify/",
                     {"kind": "repair", "category": "facility", "urgency": "normal"}, format="json").status_code == 200
    suggestions = desk.get(f"/api/v1/work-orders/{order_id}/assignment-suggestions/").json()
    assert suggestions[0]["user_id"] == technician.pk
    dispatched = desk.post(f"/api/v1/work-orders/{order_id}/dispatch/", {
        "assignee": suggestions[0]["user_id"],
        "note": "1502卫生间天花板漏水,疑似1602管道;业主希望今天18点后上门"}, format="json")
    assert dispatched.json()["status"] == Status.DISPATCHED and dispatched.json()["owner_name"] == "客服小李"

    # 王师傅 finds it in his queue, goes, and resolves it with a photo.
    tech = login("tech_wang")
    assert [o["uuid"] for o in tech.get("/api/v1/work-orders/?queue=assigned").json()["results"]] == [order_id]
    for step in ("accept", "set-out", "arrive"):
        assert tech.post(f"/api/v1/work-orders/{order_id}/{step}/", {}, format="json").status_code == 200
    resolved = tech.post(f"/api/v1/work-orders/{order_id}/resolve/",
                         {"note": "1602角阀渗漏已更换,1502天花板已干", "photos": [jpeg_upload("fixed.jpg", "green")]},
                         format="multipart")
    assert resolved.json()["status"] == Status.RESOLVED

    # 张女士 follows it: the steps with the worker's name and phone and the photos, nothing internal.
    mine = resident.get(f"/api/v1/resident/requests/{order_id}/").json()
    types = [e["type"] for e in mine["events"]]
    assert types == [EventType.CREATED, EventType.ACKNOWLEDGED, EventType.ACCEPTED, EventType.SET_OUT,
                     EventType.ARRIVED, EventType.RESOLVED]
    accepted = mine["events"][2]
    assert accepted["data"] == {"worker_name": "王师傅", "worker_phone": "13700000001"}
    assert len(mine["events"][-1]["photos"]) == 1
    order = WorkOrder.objects.get(uuid=order_id)
    page = APIClient().get(f"/t/{order.tracking_token}")
    assert page.status_code == 200 and "王师傅" in page.content.decode()

    # …and rates it. The loop is closed.
    rated = resident.post(f"/api/v1/resident/requests/{order_id}/rate/", {"level": "very_satisfied",
                                                                         "comment": "师傅很专业"}, format="json")
    assert rated.status_code == 200 and rated.json()["status"] == Status.CLOSED
    assert rated.json()["ratings"][0]["level"] == "very_satisfied"
    assert WorkOrder.objects.count() == 1
