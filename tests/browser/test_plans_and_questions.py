"""Two second-pass stories in a real browser.

(a) The desk asks 张女士 which lift is broken; she answers on her phone with a photo, and the
agent's order page shows her answer with the photo.
(b) The project manager sends a complex order's plan back with a reason, then approves the next
one, and 张女士 reads the plan in plain words on her phone.
"""

import re
from decimal import Decimal

import pytest

from guanjia.accounts.choices import Role
from guanjia.core.taxonomy import Channel
from guanjia.tickets.choices import PlanStatus, Status
from guanjia.tickets.services import IntakeRequest, plan_submit, workorder_intake, workorder_request_info
from tests.browser.support import login
from tests.console.people import jpeg_bytes
from tests.factories import resident_of, staff_with_role


@pytest.fixture
def desk(community, room, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    photo = tmp_path / "lift.jpg"
    photo.write_bytes(jpeg_bytes("gray"))
    return {
        "zhang": resident_of(room=room, name="张女士", phone="13812345678"),
        "agent": staff_with_role(community=community, role=Role.CS_AGENT, username="xiaoli",
                                 display_name="客服小李", department="customer_service"),
        "manager": staff_with_role(community=community, role=Role.PROJECT_MANAGER, username="liu",
                                   display_name="刘经理"),
        "photo": str(photo), "room": room,
    }


def _resident(phone):
    page = phone.new_page()
    page.goto("/portal/login/")
    page.fill("#id_username", "13812345678")
    page.fill("#id_password", "guanjia-pass-1")
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/portal/$"))
    return page


def test_zhang_answers_the_desks_questions_on_her_phone(laptop, phone, desk, shot, transactional_db):
    order = workorder_intake(actor=desk["zhang"], request=IntakeRequest(
        channel=Channel.PORTAL, room=desk["room"], description="电梯坏了"))
    workorder_request_info(order=order, actor=desk["agent"], questions=["是几号楼几单元的电梯？", "有人被困吗？"])

    resident = _resident(phone)
    resident.goto(f"/portal/requests/{order.uuid}/")
    assert resident.locator("#questions li").count() == 2
    shot(resident, "questions")
    resident.fill("#questions textarea[name=answer]", "3栋2单元，没有人被困")
    resident.set_input_files("#questions input[type=file]", desk["photo"])
    resident.click("#send-answer")
    resident.wait_for_url(re.compile(r"answered=1"))
    assert resident.locator("#questions").count() == 0
    shot(resident, "answered")

    agent = laptop.new_page()
    login(agent, username="xiaoli", next_url=f"/orders/{order.uuid}/")
    timeline = agent.locator("#timeline")
    assert "3栋2单元，没有人被困" in timeline.inner_text() and timeline.locator("img").count() >= 1
    shot(agent, "agent-sees-answer")
    order.refresh_from_db()
    assert order.status == Status.NEW


def test_the_project_manager_decides_plans_and_zhang_reads_the_approved_one(laptop, phone, desk, shot,
                                                                            transactional_db):
    order = workorder_intake(actor=desk["agent"], request=IntakeRequest(
        channel=Channel.PHONE, room=desk["room"], description="外墙渗水，客厅墙皮脱落", kind="repair",
        category="facility", urgency="complex"))

    def submit(cost):
        return plan_submit(order=order, actor=desk["agent"], solution="请开发商保修单位做外墙防水",
                           resident_text="我们会在两周内修好外墙，施工期间请关好窗户。", cost=Decimal(cost),
                           schedule="两周内", parties=["开发商保修单位"])

    first = submit("30000")
    manager = laptop.new_page()
    login(manager, username="liu", next_url="/orders/")
    manager.click("nav.mainnav a[href='/plans/']")
    card = manager.locator(f"#plan-{first.uuid}")
    card.locator("textarea[name=note]").fill("费用太高，请再询价")
    card.locator("button:not(.primary)").click()
    manager.wait_for_url(re.compile(r"/plans/$"))
    shot(manager, "sent-back")
    first.refresh_from_db()
    assert first.status == PlanStatus.REJECTED

    second = submit("12000")
    manager.reload()
    manager.locator(f"#plan-{second.uuid} button.primary").click()
    manager.wait_for_url(re.compile(r"/plans/$"))
    assert manager.locator(f"#plan-{second.uuid}").count() == 0
    shot(manager, "approved")

    resident = _resident(phone)
    resident.goto(f"/portal/requests/{order.uuid}/")
    text = resident.locator("main").inner_text()
    assert "我们会在两周内修好外墙" in text and "30000" not in text and "12000" not in text
    shot(resident, "plan-in-plain-words")
