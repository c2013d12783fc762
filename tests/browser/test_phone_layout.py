"""On a 360-px phone no console or portal screen scrolls sideways: a supervisor checking the board
on the stairs and 张女士 following her request never have to pan to read a line."""

import pytest

from guanjia.accounts.choices import Role
from guanjia.core.taxonomy import Channel
from guanjia.tickets.services import IntakeRequest, workorder_intake, workorder_request_info
from tests.browser.support import login
from tests.factories import resident_of, staff_with_role

WIDTH = 360


@pytest.fixture
def busy_desk(community, room, transactional_db):
    zhang = resident_of(room=room, name="张女士", phone="13812345678")
    staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="chen", display_name="陈主管")
    agent = staff_with_role(community=community, role=Role.CS_AGENT, username="xiaoli", display_name="客服小李")
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PHONE, room=room, description="楼上漏水漏到我家天花板，水一直往下滴，灯也湿了" * 2,
        kind="repair", category="facility", urgency="urgent"))
    asked = workorder_intake(actor=zhang, request=IntakeRequest(channel=Channel.PORTAL, room=room,
                                                                description="电梯坏了"))
    workorder_request_info(order=asked, actor=agent, questions=["是几号楼几单元的电梯？"])
    return {"order": order, "asked": asked}


def _sideways(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5).map(e => e.tagName + '.' + e.className)""")


def test_no_screen_scrolls_sideways_on_a_phone(phone, busy_desk, shot):
    page = phone.new_page()
    login(page, username="chen", next_url="/orders/?queue=community")
    order = busy_desk["order"]
    for url in ("/orders/?queue=community", "/board/", "/intake/", f"/orders/{order.uuid}/", "/tech/"):
        page.goto(url)
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, (url, _sideways(page))
    shot(page, "order-on-a-phone")

    resident = phone.browser.new_context(viewport={"width": WIDTH, "height": 740}, locale="zh-CN",
                                         base_url=page.url.split("/orders/")[0]).new_page()
    resident.goto("/portal/login/")
    resident.fill("#id_username", "13812345678")
    resident.fill("#id_password", "guanjia-pass-1")
    resident.press("#id_password", "Enter")
    resident.wait_for_load_state()
    for url in ("/portal/", "/portal/new/", "/portal/requests/", f"/portal/requests/{busy_desk['asked'].uuid}/"):
        resident.goto(url)
        assert resident.evaluate("document.documentElement.scrollWidth") <= WIDTH, (url, _sideways(resident))
    shot(resident, "questions-on-a-phone")
    resident.context.close()
