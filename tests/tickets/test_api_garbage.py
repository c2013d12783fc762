"""Whatever a broken app or a prankster sends, every endpoint answers 4xx with a code, never 500."""

import json
import uuid

import pytest
from rest_framework.test import APIClient

from guanjia.tickets.models import WorkOrder

from .test_api import RESIDENT_ORDER_ENDPOINTS, STAFF_ORDER_ENDPOINTS

# Every input field of the work-order API, so each garbage value reaches each kind of field.
FIELDS = ("channel", "community", "room", "room_code", "location", "person", "contact_name", "contact_phone",
          "description", "expectation", "preferred_visit", "asset_key", "kind", "category", "urgency",
          "department", "media_sensitive", "note", "reason", "questions", "answer", "assignee", "new_owner",
          "promise", "promise_due_at", "expected_arrival", "visit_at", "impact", "visibility", "materials",
          "level", "comment", "into", "group_case", "title", "solution", "resident_text", "cost", "schedule",
          "parties", "approve", "confirm", "photos")
GARBAGE = [
    None, -1, 2**70, True, "", "漏" * 5000, "\x00", "\ud800", "1' OR '1'='1", [], ["漏水", 2**70], {"a": 1},
    [{"name": "\x00", "quantity": "1e999"}], str(uuid.uuid4()), "9999-12-31T23:59:59-10:00", "NaN",
]
QUERY_GARBAGE = ["", "abc", "-1", str(2**70), "1e400", "NaN", "1.5", "\x00", "%ff", "漏" * 3000,
                 "9999-12-31", "0000-00-00"]


def _bodies():
    yield "[]"
    yield "not json at all {"
    yield json.dumps({})
    for value in GARBAGE:
        yield json.dumps(dict.fromkeys(FIELDS, value))


def _assert_clean(response, what):
    assert response.status_code < 500, what
    if response.status_code >= 400:
        error = response.json()["error"]
        assert error["code"] and error["message"], what


def _post_all(client, url):
    for body in _bodies():
        _assert_clean(client.post(url, data=body, content_type="application/json"), (url, body[:80]))


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.mark.parametrize(("method", "url", "body"), STAFF_ORDER_ENDPOINTS)
def test_staff_order_endpoints_refuse_garbage_cleanly(file_order, agent, method, url, body):
    order = file_order()
    client = _client(agent)
    unknown = url.format(uuid=uuid.uuid4())
    _assert_clean(client.get(unknown) if method == "get" else client.post(unknown, {}, format="json"), unknown)
    if method == "get":
        _assert_clean(client.get(url.format(uuid=order.uuid)), url)
    else:
        _post_all(client, url.format(uuid=order.uuid))


@pytest.mark.parametrize(("method", "url", "body"), RESIDENT_ORDER_ENDPOINTS)
def test_resident_order_endpoints_refuse_garbage_cleanly(file_order, zhang, method, url, body):
    order = file_order()
    client = _client(zhang)
    unknown = url.format(uuid=uuid.uuid4())
    _assert_clean(client.get(unknown) if method == "get" else client.post(unknown, {}, format="json"), unknown)
    if method == "get":
        _assert_clean(client.get(url.format(uuid=order.uuid)), url)
    else:
        _post_all(client, url.format(uuid=order.uuid))


def test_intake_and_group_cases_refuse_garbage_and_store_nothing(agent, zhang, file_order):
    file_order()
    before = WorkOrder.objects.count()

    _post_all(_client(agent), "/api/v1/work-orders/")
    _post_all(_client(agent), "/api/v1/group-cases/")
    _post_all(_client(agent), f"/api/v1/plans/{uuid.uuid4()}/decide/")
    _post_all(_client(zhang), "/api/v1/resident/requests/")

    assert WorkOrder.objects.count() == before


def test_queue_board_and_household_refuse_garbage_query_strings(agent, file_order):
    file_order()
    client = _client(agent)
    params = ("queue", "community", "zone", "kind", "category", "urgency", "status", "channel",
              "created_from", "created_to", "q", "open", "page")
    for value in QUERY_GARBAGE:
        for name in params:
            _assert_clean(client.get("/api/v1/work-orders/", {name: value}), (name, value[:20]))
        _assert_clean(client.get("/api/v1/work-orders/board/", {"community": value}), ("board", value[:20]))
        _assert_clean(client.get("/api/v1/work-orders/household/", {"room": value}), ("household", value[:20]))


def test_what_garbage_gets_told(agent, room, file_order):
    order = file_order()
    client = _client(agent)

    surrogate = client.post(f"/api/v1/work-orders/{order.uuid}/notes/", data='{"note": "\\ud800"}',
                            content_type="application/json")
    huge_room = client.post("/api/v1/work-orders/", {"channel": "phone", "room": 2**70, "description": "漏水"},
                            format="json")
    half_community = client.get("/api/v1/work-orders/", {"queue": "community", "community": "1.5"})
    essay = client.get("/api/v1/work-orders/", {"queue": "community", "q": "漏" * 101})

    assert (surrogate.status_code, surrogate.json()["error"]["code"]) == (400, "parse_error")
    assert (huge_room.status_code, list(huge_room.json()["error"]["fields"])) == (400, ["room"])
    assert (half_community.status_code, list(half_community.json()["error"]["fields"])) == (400, ["community"])
    assert (essay.status_code, list(essay.json()["error"]["fields"])) == (400, ["q"])
    assert order.events.count() == 2  # created and classified: nothing was added
