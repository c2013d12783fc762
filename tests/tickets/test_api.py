"""The REST API: residents reach only their own households' orders, staff only their communities';
every error has a stable code; lists cost a fixed number of queries."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from guanjia.tickets.choices import EventType, Status, Visibility
from guanjia.tickets.models import GroupCase, Plan, WorkOrder
from guanjia.tickets.services import plan_submit, workorder_dispatch, workorder_resolve

from .conftest import jpeg_upload

# Every endpoint that takes an order, with a body that would pass validation.
RESIDENT_ORDER_ENDPOINTS = [
    ("get", "/api/v1/resident/requests/{uuid}/", None),
    ("post", "/api/v1/resident/requests/{uuid}/rate/", {"level": "dissatisfied"}),
    ("post", "/api/v1/resident/requests/{uuid}/confirm/", {"note": "好了"}),
    ("post", "/api/v1/resident/requests/{uuid}/answer/", {"answer": "2号梯"}),
]
STAFF_ORDER_ENDPOINTS = [
    ("get", "/api/v1/work-orders/{uuid}/", None),
    ("get", "/api/v1/work-orders/{uuid}/assignment-suggestions/", None),
    ("get", "/api/v1/work-orders/{uuid}/plans/", None),
    ("post", "/api/v1/work-orders/{uuid}/reveal-phone/", {}),
    ("post", "/api/v1/work-orders/{uuid}/plans/", {"solution": "换管", "resident_text": "换管"}),
    ("post", "/api/v1/work-orders/{uuid}/acknowledge/", {}),
    ("post", "/api/v1/work-orders/{uuid}/request-info/", {"questions": ["哪个房间?"]}),
    ("post", "/api/v1/work-orders/{uuid}/receive-info/", {"answer": "卫生间"}),
    ("post", "/api/v1/work-orders/{uuid}/classify/", {"kind": "repair", "category": "facility",
                                                      "urgency": "normal"}),
    ("post", "/api/v1/work-orders/{uuid}/hand-over/", {"new_owner": 1, "promise": "1小时内回电",
                                                       "promise_due_at": "2030-01-01T10:00:00+08:00"}),
    ("post", "/api/v1/work-orders/{uuid}/dispatch/", {"note": "上门"}),
    ("post", "/api/v1/work-orders/{uuid}/accept/", {}),
    ("post", "/api/v1/work-orders/{uuid}/set-out/", {}),
    ("post", "/api/v1/work-orders/{uuid}/arrive/", {}),
    ("post", "/api/v1/work-orders/{uuid}/notes/", {"note": "进展"}),
    ("post", "/api/v1/work-orders/{uuid}/visit/", {"visit_at": "2030-01-01T10:00:00+08:00"}),
    ("post", "/api/v1/work-orders/{uuid}/resolve/", {"note": "修好了"}),
    ("post", "/api/v1/work-orders/{uuid}/confirm/", {}),
    ("post", "/api/v1/work-orders/{uuid}/callback/", {"note": "回访"}),
    ("post", "/api/v1/work-orders/{uuid}/pause/", {"reason": "等业主"}),
    ("post", "/api/v1/work-orders/{uuid}/resume/", {}),
    ("post", "/api/v1/work-orders/{uuid}/reopen/", {"reason": "又漏了"}),
    ("post", "/api/v1/work-orders/{uuid}/cancel/", {"reason": "不需要了"}),
    ("post", "/api/v1/work-orders/{uuid}/merge/", {"into": str(uuid.uuid4())}),
    ("post", "/api/v1/work-orders/{uuid}/link-group/", {"group_case": str(uuid.uuid4())}),
]


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _call(client, method, url, body):
    if method == "get":
        return client.get(url)
    return client.post(url, body, format="json")


@pytest.fixture
def zhangs_order(file_order, zhang):
    return file_order()


@pytest.mark.parametrize(("method", "url", "body"), RESIDENT_ORDER_ENDPOINTS)
def test_the_neighbour_can_never_see_or_touch_zhangs_order(zhangs_order, neighbour, method, url, body):
    before = zhangs_order.events.count()

    response = _call(client_for(neighbour), method, url.format(uuid=zhangs_order.uuid), body)

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    assert str(zhangs_order.number) not in response.content.decode()
    assert zhangs_order.events.count() == before


@pytest.mark.parametrize(("method", "url", "body"), STAFF_ORDER_ENDPOINTS)
def test_a_resident_cannot_use_any_staff_endpoint_even_on_her_own_order(zhangs_order, zhang, method, url, body):
    before = zhangs_order.events.count()

    response = _call(client_for(zhang), method, url.format(uuid=zhangs_order.uuid), body)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert zhangs_order.events.count() == before


@pytest.mark.parametrize(("method", "url", "body"), STAFF_ORDER_ENDPOINTS)
def test_staff_of_another_community_cannot_reach_the_order(zhangs_order, outsider, method, url, body):
    before = zhangs_order.events.count()

    response = _call(client_for(outsider), method, url.format(uuid=zhangs_order.uuid), body)

    assert response.status_code == 404
    assert zhangs_order.events.count() == before


def test_lists_show_only_what_each_person_may_see(zhangs_order, file_order, neighbour, neighbour_room, outsider,
                                                  zhang, agent):
    neighbours = file_order(room=neighbour_room, description="阳台漏水")

    zhang_list = client_for(zhang).get("/api/v1/resident/requests/").json()["results"]
    neighbour_list = client_for(neighbour).get("/api/v1/resident/requests/").json()["results"]
    outsider_list = client_for(outsider).get("/api/v1/work-orders/?queue=community").json()["results"]
    agent_list = client_for(agent).get("/api/v1/work-orders/?queue=community").json()["results"]

    assert [o["uuid"] for o in zhang_list] == [str(zhangs_order.uuid)]
    assert [o["uuid"] for o in neighbour_list] == [str(neighbours.uuid)]
    assert outsider_list == []
    assert {o["uuid"] for o in agent_list} == {str(zhangs_order.uuid), str(neighbours.uuid)}
    assert client_for(neighbour).get("/api/v1/resident/households/").json() == [
        {"id": neighbour_room.pk, "code": neighbour_room.code, "community_name": "翠湖花园"}]


def test_a_resident_cannot_file_for_another_households_room(neighbour, room):
    response = client_for(neighbour).post("/api/v1/resident/requests/", {"room": room.pk, "description": "漏水"},
                                          format="json")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "room_not_yours"
    assert not WorkOrder.objects.exists()


def test_staff_cannot_use_the_resident_endpoints(agent):
    response = client_for(agent).get("/api/v1/resident/requests/")

    assert response.status_code == 403


def test_a_resident_sees_no_internal_events_and_no_staff_ids(zhangs_order, zhang, agent, technician):
    workorder_dispatch(order=zhangs_order, actor=agent, assignee=technician, note="内部:楼上住户难沟通")
    plan_submit(order=zhangs_order, actor=agent, solution="内部方案,费用柒仟元", resident_text="明天上午更换水管")

    body = client_for(zhang).get(f"/api/v1/resident/requests/{zhangs_order.uuid}/").json()

    assert EventType.DISPATCHED not in [e["type"] for e in body["events"]]
    assert all(e["visibility"] == Visibility.RESIDENT for e in body["events"])
    assert "内部" not in str(body) and "柒仟" not in str(body)
    assert body["plans"][0]["resident_text"] == "明天上午更换水管" and "solution" not in body["plans"][0]
    assert "owner_name" not in body and "contact_phone" not in body


def test_filing_twice_with_the_same_idempotency_key_returns_the_same_order(zhang, room):
    client = client_for(zhang)
    body = {"room": room.pk, "description": "燃气灶打不着火"}

    first = client.post("/api/v1/resident/requests/", body, format="json", HTTP_IDEMPOTENCY_KEY="app-1")
    second = client.post("/api/v1/resident/requests/", body, format="json", HTTP_IDEMPOTENCY_KEY="app-1")

    assert first.status_code == second.status_code == 201
    assert first.json()["uuid"] == second.json()["uuid"]
    assert WorkOrder.objects.count() == 1


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_is_stored(zhang, room):
    fake = SimpleUploadedFile("leak.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")

    response = client_for(zhang).post("/api/v1/resident/requests/",
                                      {"room": room.pk, "description": "漏水", "photos": [fake]},
                                      format="multipart")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "photo_invalid"
    assert not WorkOrder.objects.exists()


def test_bad_input_answers_400_with_a_code_never_500(zhangs_order, agent):
    client = client_for(agent)

    bad_level = client.post(f"/api/v1/work-orders/{zhangs_order.uuid}/callback/", {"note": "x", "level": "meh"},
                            format="json")
    bad_filter = client.get("/api/v1/work-orders/?queue=community&urgency=whenever")
    bad_room = client.post("/api/v1/work-orders/", {"channel": "phone", "room": 999999, "description": "漏水"},
                           format="json")
    not_uuid = client.get("/api/v1/work-orders/not-a-uuid/")

    assert (bad_level.status_code, bad_level.json()["error"]["code"]) == (400, "invalid")
    assert "level" in bad_level.json()["error"]["fields"]
    assert bad_filter.status_code == 400
    assert (bad_room.status_code, bad_room.json()["error"]["code"]) == (400, "unknown_room")
    assert not_uuid.status_code == 404


def test_a_transition_from_the_wrong_status_is_409(zhangs_order, agent):
    response = client_for(agent).post(f"/api/v1/work-orders/{zhangs_order.uuid}/reopen/", {"reason": "又坏了"},
                                      format="json")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "transition_not_allowed"
    assert response.json()["error"]["message"]


def test_the_project_manager_approves_a_complex_plan_through_the_api(file_order, agent, project_manager):
    order = file_order(urgency="complex")
    created = client_for(agent).post(f"/api/v1/work-orders/{order.uuid}/plans/", {
        "solution": "联系开发商", "resident_text": "我们已联系开发商", "parties": ["开发商"], "cost": "5000.00"},
        format="json")
    plan_uuid = created.json()["uuid"]

    refused = client_for(agent).post(f"/api/v1/plans/{plan_uuid}/decide/", {"approve": True}, format="json")
    approved = client_for(project_manager).post(f"/api/v1/plans/{plan_uuid}/decide/", {"approve": True},
                                                format="json")

    assert created.status_code == 201 and created.json()["status"] == "submitted"
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "project_manager_only"
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert Plan.objects.get(uuid=plan_uuid).decided_by == project_manager


def test_group_cases_are_opened_and_linked_by_uuid(zhangs_order, agent, community):
    client = client_for(agent)

    case = client.post("/api/v1/group-cases/", {"community": community.pk, "title": "车库渗水"}, format="json")
    linked = client.post(f"/api/v1/work-orders/{zhangs_order.uuid}/link-group/",
                         {"group_case": case.json()["uuid"]}, format="json")
    listed = client.get("/api/v1/group-cases/").json()["results"]

    assert case.status_code == 201 and linked.status_code == 200
    assert linked.json()["group_case"] == case.json()["uuid"]
    assert listed[0]["households"] == 1 and GroupCase.objects.count() == 1


def test_assignment_suggestions_put_the_right_trade_with_the_lightest_load_first(file_order, agent, technician,
                                                                                 community):
    from guanjia.accounts.choices import Role
    from tests.factories import staff_with_role

    busy = staff_with_role(community=community, role=Role.TECHNICIAN, username="tech_busy",
                           department="engineering")
    for _ in range(2):
        workorder_dispatch(order=file_order(), actor=agent, assignee=busy, note="上门")
    order = file_order()

    suggestions = client_for(agent).get(f"/api/v1/work-orders/{order.uuid}/assignment-suggestions/").json()

    assert [s["user_id"] for s in suggestions] == [technician.pk, busy.pk]
    assert [s["load"] for s in suggestions] == [0, 2]
    assert suggestions[0]["skill_match"] is True


def test_the_board_counts_follow_ups_and_cases_for_review(file_order, agent, supervisor, zhang):
    order = file_order()
    workorder_resolve(order=order, actor=agent, note="已修")
    client_for(zhang).post(f"/api/v1/resident/requests/{order.uuid}/rate/", {"level": "dissatisfied"},
                           format="json")

    board = client_for(supervisor).get("/api/v1/work-orders/board/").json()

    assert board["follow_ups"] == 1 and board["for_review"] == 2
    mine = client_for(supervisor).get("/api/v1/work-orders/?queue=mine").json()["results"]
    assert [o["number"] for o in mine] == [WorkOrder.objects.get(follow_up_of=order).number]


def test_queue_filters_and_keyword_search(file_order, agent, community):
    water = file_order(description="厨房水管漏水", category="facility")
    file_order(description="楼下噪音", kind="complaint", category="order")
    client = client_for(agent)

    by_category = client.get("/api/v1/work-orders/?queue=community&category=facility").json()["results"]
    by_number = client.get(f"/api/v1/work-orders/?queue=community&q={water.number}").json()["results"]
    by_words = client.get("/api/v1/work-orders/?queue=community&q=噪音").json()["results"]
    by_room = client.get("/api/v1/work-orders/?queue=community&q=3-2-1502").json()["results"]

    assert [o["uuid"] for o in by_category] == [str(water.uuid)]
    assert [o["uuid"] for o in by_number] == [str(water.uuid)]
    assert [o["description"] for o in by_words] == ["楼下噪音"]
    assert len(by_room) == 2
    assert by_room[0]["contact_phone"] in ("", "138****5678")


def test_list_endpoints_cost_a_fixed_number_of_queries(file_order, agent, zhang, django_assert_max_num_queries):
    for n in range(15):
        workorder_resolve(order=file_order(description=f"第{n}单"), actor=agent, note="已修")
    staff, resident = client_for(agent), client_for(zhang)

    with django_assert_max_num_queries(8):
        assert len(staff.get("/api/v1/work-orders/?queue=community").json()["results"]) == 15
    with django_assert_max_num_queries(8):
        assert len(resident.get("/api/v1/resident/requests/").json()["results"]) == 15
    with django_assert_max_num_queries(12):
        order = WorkOrder.objects.first()
        assert staff.get(f"/api/v1/work-orders/{order.uuid}/").status_code == 200


def test_the_openapi_schema_documents_every_work_order_endpoint_without_warnings(agent):
    from drf_spectacular.drainage import GENERATOR_STATS

    GENERATOR_STATS.reset()
    response = client_for(agent).get("/api/v1/schema/?format=json")

    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/work-orders/{uuid}/dispatch/" in paths and "/api/v1/resident/requests/" in paths
    assert "DispatchInput" in str(paths["/api/v1/work-orders/{uuid}/dispatch/"])
    ours = [w for w in GENERATOR_STATS._warn_cache if "tickets" in w]
    assert ours == []


def test_an_order_finished_cannot_take_notes(zhangs_order, agent):
    client_for(agent).post(f"/api/v1/work-orders/{zhangs_order.uuid}/cancel/", {"reason": "业主撤回"}, format="json")

    response = client_for(agent).post(f"/api/v1/work-orders/{zhangs_order.uuid}/notes/", {"note": "x"},
                                      format="json")

    assert response.status_code == 409 and response.json()["error"]["code"] == "order_finished"
    zhangs_order.refresh_from_db()
    assert zhangs_order.status == Status.CANCELLED


def test_a_resident_files_with_a_photo_multipart(zhang, room):
    response = client_for(zhang).post("/api/v1/resident/requests/", {
        "room": room.pk, "description": "卫生间漏水", "photos": [jpeg_upload()]}, format="multipart")

    assert response.status_code == 201
    created = response.json()["events"][0]
    assert created["type"] == "created" and len(created["photos"]) == 1
    assert created["photos"][0]["thumbnail_url"]


def test_the_agent_reveals_the_residents_phone_and_the_reveal_is_audited(file_order, agent, community):
    from guanjia.accounts.choices import Role
    from guanjia.core.models import AuditEntry
    from tests.factories import staff_with_role

    order = file_order(contact_phone="13812345678")
    finance = staff_with_role(community=community, role=Role.FINANCE, username="finance_liu")

    listed = client_for(agent).get("/api/v1/work-orders/?queue=community").json()["results"][0]
    revealed = client_for(agent).post(f"/api/v1/work-orders/{order.uuid}/reveal-phone/")
    refused = client_for(finance).post(f"/api/v1/work-orders/{order.uuid}/reveal-phone/")

    assert listed["contact_phone"] == "138****5678"
    assert revealed.json() == {"contact_phone": "13812345678"}
    assert refused.status_code == 403
    entry = AuditEntry.objects.get(object_id=str(order.pk))
    assert (entry.actor, entry.detail) == (agent, {"field": "contact_phone"})


STAFF_COLLECTION_ENDPOINTS = [
    ("get", "/api/v1/work-orders/?queue=community", None),
    ("post", "/api/v1/work-orders/", {"channel": "phone", "description": "漏水"}),
    ("get", "/api/v1/work-orders/board/", None),
    ("get", "/api/v1/work-orders/household/?room={room}", None),
    ("get", "/api/v1/group-cases/", None),
    ("post", "/api/v1/group-cases/", {"title": "车库渗水"}),
    ("post", "/api/v1/plans/{plan}/decide/", {"approve": True}),
]


@pytest.mark.parametrize(("method", "url", "body"), STAFF_COLLECTION_ENDPOINTS)
def test_a_resident_cannot_reach_any_staff_list_or_board(zhangs_order, zhang, agent, room, method, url, body):
    plan = plan_submit(order=zhangs_order, actor=agent, solution="换管", resident_text="换管")
    orders_before = WorkOrder.objects.count()

    response = _call(client_for(zhang), method, url.format(room=room.pk, plan=plan.uuid), body)

    assert response.status_code == 403
    assert WorkOrder.objects.count() == orders_before and not GroupCase.objects.exists()


def test_staff_of_another_community_see_nothing_of_this_household_or_its_plans(zhangs_order, agent, outsider,
                                                                               room, community):
    zhangs_order.refresh_from_db()
    plan = plan_submit(order=zhangs_order, actor=agent, solution="换管", resident_text="换管")
    client = client_for(outsider)

    household = client.get(f"/api/v1/work-orders/household/?room={room.pk}")
    decide = client.post(f"/api/v1/plans/{plan.uuid}/decide/", {"approve": True}, format="json")
    case = client.post("/api/v1/group-cases/", {"community": community.pk, "title": "别人的小区"}, format="json")
    board = client.get("/api/v1/work-orders/board/").json()

    assert household.status_code == 404 and decide.status_code == 404
    assert case.status_code == 403 and case.json()["error"]["code"] == "not_your_community"
    assert set(board.values()) == {0}


def test_the_group_case_list_costs_a_fixed_number_of_queries(file_order, agent, community,
                                                             django_assert_max_num_queries):
    from guanjia.tickets.services import group_case_create, workorder_link_group

    for n in range(6):
        case = group_case_create(actor=agent, community=community, title=f"第{n}栋渗水")
        workorder_link_group(order=file_order(), group_case=case, actor=agent)

    with django_assert_max_num_queries(7):
        assert len(client_for(agent).get("/api/v1/group-cases/").json()["results"]) == 6
