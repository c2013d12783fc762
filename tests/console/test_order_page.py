"""The order page: what the desk sees of one order, and the next steps it may take."""

import pytest
from django.urls import reverse

from guanjia.console.actions import BY_NAME
from guanjia.tickets.choices import EventType, Status
from guanjia.tickets.models import WorkOrder
from guanjia.tickets.services import workorder_note
from tests.console.people import jpeg_upload

pytestmark = pytest.mark.django_db


def _offered(response):
    return [item["action"].name for item in response.context["offered"]]


def test_new_order_shows_its_story_clocks_and_allowed_steps(client, agent, file_order,
                                                             django_assert_max_num_queries):
    order = file_order()
    workorder_note(order=order, actor=agent, note="已电话联系业主，约明早上门", visibility="internal")
    client.force_login(agent)

    with django_assert_max_num_queries(30):
        response = client.get(reverse("console:order", args=[order.uuid]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "卫生间天花板漏水" in html and "已电话联系业主" in html
    assert 'class="tag internal"' in html  # the internal note is marked as such
    assert response.context["p"].clocks, "the acknowledge clock is shown with its due time"
    # Offered steps follow the transition table: a new order can be confirmed or dispatched,
    # never accepted or reopened.
    offered = _offered(response)
    assert {"acknowledge", "dispatch", "note", "cancel"} <= set(offered)
    assert "accept" not in offered and "reopen" not in offered


def test_agent_dispatches_to_the_technician_who_sees_it_in_his_jobs(client, agent, technician, file_order):
    order = file_order()
    client.force_login(agent)

    response = client.post(reverse("console:order-action", args=[order.uuid, "dispatch"]), {
        "dispatch-department": "engineering", "dispatch-assignee": technician.pk,
        "dispatch-note": "业主在家，卫生间吊顶渗水，请带检修工具"})

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Status.DISPATCHED and order.assignee == technician
    client.force_login(technician)
    jobs = client.get(reverse("console:tech"))
    assert order.number in jobs.content.decode()
    badge = client.get(reverse("console:unread"), HTTP_HX_REQUEST="true")
    assert badge.context["count"] == 1, "the dispatch reached his inbox and the top bar counts it"


def test_a_step_with_missing_input_is_explained_next_to_the_field(client, agent, file_order):
    order = file_order()
    client.force_login(agent)

    response = client.post(reverse("console:order-action", args=[order.uuid, "dispatch"]),
                           {"dispatch-department": "volcano", "dispatch-note": ""})

    assert response.status_code == 400
    form = next(i["form"] for i in response.context["offered"] if i["action"].name == "dispatch")
    assert "department" in form.errors and "note" in form.errors
    assert WorkOrder.objects.get(pk=order.pk).status == Status.NEW


def test_a_step_the_state_machine_refuses_is_a_clear_conflict_not_a_crash(client, agent, file_order):
    order = file_order()
    client.force_login(agent)

    response = client.post(reverse("console:order-action", args=[order.uuid, "reopen"]),
                           {"reopen-reason": "业主说还在漏"})

    assert response.status_code == 409
    form = next(i["form"] for i in response.context["offered"] if i["action"].name == "reopen")
    assert form.non_field_errors(), "the refusal is shown where the step was asked"
    assert ' open id="action-reopen"' in response.content.decode()
    assert WorkOrder.objects.get(pk=order.pk).status == Status.NEW


def test_garbage_to_every_step_never_crashes(client, supervisor, file_order):
    order = file_order()
    client.force_login(supervisor)
    garbage = {"x": "\x00" * 3, "dispatch-assignee": "not-a-user", "hand_over-promise_due_at": "tomorrow-ish",
               "callback-level": "ecstatic", "merge-into": "🙂" * 40, "note-visibility": "everyone",
               "classify-kind": "dragon", "note-note": "x" * 5000}
    garbage.update({"agree_visit-visit_at": "soon", "plan-cost": "-lots", "link_group-group_case": "x"})
    for name in [*BY_NAME, "no-such-step"]:
        response = client.post(reverse("console:order-action", args=[order.uuid, name]), garbage)
        assert response.status_code in (302, 400, 403, 404, 409), name


def test_the_technician_resolves_with_a_photo_from_his_phone(client, agent, technician, file_order):
    order = file_order()
    client.force_login(agent)
    client.post(reverse("console:order-action", args=[order.uuid, "dispatch"]), {
        "dispatch-department": "engineering", "dispatch-assignee": technician.pk, "dispatch-note": "请上门"})
    client.force_login(technician)
    page = client.get(reverse("console:tech-job", args=[order.uuid]))
    assert 'capture="environment"' in page.content.decode() or "accept" in [s["action"].name
                                                                             for s in page.context["steps"]]
    next_url = reverse("console:tech-job", args=[order.uuid])
    for step, data in (("accept", {}), ("set_out", {}), ("arrive", {})):
        response = client.post(reverse("console:order-action", args=[order.uuid, step]), {"next_url": next_url, **data})
        assert response.status_code == 302 and response["Location"] == next_url, step

    response = client.post(reverse("console:order-action", args=[order.uuid, "resolve"]), {
        "next_url": next_url, "resolve-note": "更换吊顶上方水管接头，已试水无渗漏",
        "resolve-photos": [jpeg_upload("done.jpg", "green")]})

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Status.RESOLVED
    resolved = order.events.get(type=EventType.RESOLVED)
    assert resolved.photos.count() == 1


def test_printable_sheet_in_a4_and_a5_carries_the_tracking_qr(client, agent, file_order):
    order = file_order()
    client.force_login(agent)

    a5 = client.get(reverse("console:order-print", args=[order.uuid]) + "?size=a5").content.decode()
    odd = client.get(reverse("console:order-print", args=[order.uuid]) + "?size=letter")

    assert "size: A5" in a5 and f"/t/{order.tracking_token}/qr.svg" in a5
    assert odd.status_code == 200 and "size: A4" in odd.content.decode()


def test_the_supervisor_links_neighbours_complaints_to_one_group_case(client, supervisor, file_order, room):
    first = file_order(description="3栋电梯又坏了", kind="complaint", category="facility")
    client.force_login(supervisor)

    response = client.post(reverse("console:order-action", args=[first.uuid, "link_group"]), {
        "link_group-title": "3栋电梯反复故障", "link_group-media_sensitive": "on"})

    assert response.status_code == 302
    first.refresh_from_db()
    assert first.group_case.title == "3栋电梯反复故障" and first.group_case.media_sensitive
    second = file_order(description="电梯停了一上午", kind="complaint", category="facility")
    client.post(reverse("console:order-action", args=[second.uuid, "link_group"]),
                {"link_group-group_case": first.group_case.pk})
    second.refresh_from_db()
    assert second.group_case == first.group_case
    board = client.get(reverse("console:board"))
    assert "3栋电梯反复故障" in board.content.decode()
    empty = client.post(reverse("console:order-action", args=[second.uuid, "link_group"]), {})
    assert empty.status_code == 400


def test_a_visit_time_and_a_plan_are_agreed_and_the_resident_sees_them(client, agent, file_order):
    order = file_order()
    client.force_login(agent)

    visit = client.post(reverse("console:order-action", args=[order.uuid, "agree_visit"]), {
        "agree_visit-visit_at": "2030-01-05T09:30", "agree_visit-impact": "停水2小时"})
    plan = client.post(reverse("console:order-action", args=[order.uuid, "plan"]), {
        "plan-solution": "更换立管", "plan-resident_text": "我们会在周六上午更换水管", "plan-cost": "350.50",
        "plan-parties": "维保单位，开发商"})

    assert visit.status_code == 302 and plan.status_code == 302
    order.refresh_from_db()
    assert order.visit_at is not None and order.visit_at.year == 2030
    saved = order.plans.get()
    assert saved.parties == ["维保单位", "开发商"] and str(saved.cost) == "350.50"


def test_only_the_assignee_and_supervisors_are_offered_the_field_steps(client, agent, supervisor, technician,
                                                                       file_order):
    from guanjia.tickets.services import workorder_dispatch

    order = file_order()
    workorder_dispatch(order=order, actor=agent, assignee=technician, note="请上门")
    url = reverse("console:order", args=[order.uuid])
    client.force_login(agent)
    agent_page = client.get(url)
    assert "accept" not in _offered(agent_page), "小李 would only be refused: the job is 王师傅's"
    assert "confirm" not in next(i["form"] for i in agent_page.context["offered"] if i["action"].name == "classify").fields
    client.force_login(technician)
    assert "accept" in _offered(client.get(url))
    client.force_login(supervisor)
    supervisor_page = client.get(url)
    assert "accept" in _offered(supervisor_page), "a supervisor may record it on 王师傅's behalf"
    assert "confirm" in next(i["form"] for i in supervisor_page.context["offered"]
                             if i["action"].name == "classify").fields


def test_an_agent_who_forges_a_confirmation_only_classifies(client, agent, file_order):
    order = file_order()
    client.force_login(agent)
    response = client.post(reverse("console:order-action", args=[order.uuid, "classify"]),
                           {"classify-kind": "repair", "classify-category": "facility", "classify-urgency": "normal",
                            "classify-department": "engineering", "classify-confirm": "on"})
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.classification_confirmed_at is None


def test_one_tap_steps_ask_for_nothing_that_would_be_lost(client, agent, technician, file_order):
    from guanjia.tickets.services import workorder_dispatch

    order = file_order()
    workorder_dispatch(order=order, actor=agent, assignee=technician, note="请上门")
    client.force_login(technician)
    page = client.get(reverse("console:tech-job", args=[order.uuid]))
    accept = next(step for step in page.context["steps"] if step["action"].name == "accept")
    assert not accept["form"].fields, "accepting is one tap; a note typed there would vanish"
    assert client.post(reverse("console:order-action", args=[order.uuid, "accept"]),
                       {"next_url": reverse("console:tech-job", args=[order.uuid])}).status_code == 302
    order.refresh_from_db()
    assert order.status == Status.ACCEPTED


def test_a_merged_order_links_to_the_one_kept_and_a_plain_order_pays_no_query_for_the_link(
        client, agent, file_order):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guanjia.tickets.services import workorder_merge

    kept, duplicate = file_order(description="3栋电梯停在8楼"), file_order(description="电梯又坏了")
    workorder_merge(duplicate=duplicate, into=kept, actor=agent, note="同一部电梯")
    client.force_login(agent)

    html = client.get(reverse("console:order", args=[duplicate.uuid])).content.decode()
    assert reverse("console:order", args=[kept.uuid]) in html and kept.number in html

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("console:order", args=[kept.uuid]))
    # The order is read once, with no extra lookup of an order it neither follows nor was merged into.
    orders = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "tickets_workorder"."id"')]
    [detail] = [sql for sql in orders if '"tickets_workorder"."uuid" = ' in sql]
    # ... and never joins the work-order table to itself (at a million orders that alone cost ~30 ms of planning).
    assert 'JOIN "tickets_workorder"' not in detail
    assert not [sql for sql in orders if '"tickets_workorder"."id" IN' in sql]
