"""The service desk in a real browser.

(a) 张女士 files a repair with a photo on her phone → the agent sees it arrive in the queue
without reloading, classifies and dispatches it → 王师傅 resolves it with a photo on his phone →
张女士 sees the timeline and rates it dissatisfied → the supervisor's board shows the follow-up.
(b) An agent takes a phone call from the keyboard alone.
"""

import re

import pytest

from guanjia.accounts.choices import Role
from guanjia.tickets.models import WorkOrder
from tests.browser.support import PHONE, login
from tests.console.people import jpeg_bytes
from tests.factories import resident_of, staff_with_role


@pytest.fixture
def desk(community, room, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.GUANJIA_QUEUE_REFRESH_SECONDS = 1  # the desk's 15 s, shortened so the story runs fast
    people = {
        "zhang": resident_of(room=room, name="张女士", phone="13812345678"),
        "agent": staff_with_role(community=community, role=Role.CS_AGENT, username="xiaoli",
                                 display_name="客服小李", department="customer_service"),
        "tech": staff_with_role(community=community, role=Role.TECHNICIAN, username="wang",
                                display_name="王师傅", department="engineering", phone="13700000001"),
        "supervisor": staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="chen",
                                      display_name="陈主管", department="customer_service"),
    }
    photo = tmp_path / "leak.jpg"
    photo.write_bytes(jpeg_bytes("blue"))
    done = tmp_path / "done.jpg"
    done.write_bytes(jpeg_bytes("green"))
    return {**people, "photo": str(photo), "done": str(done)}


def _resident_login(page):
    page.goto("/portal/login/")
    page.fill("#id_username", "13812345678")
    page.fill("#id_password", "guanjia-pass-1")
    page.press("#id_password", "Enter")
    page.wait_for_url(re.compile(r"/portal/$"))


def test_a_repair_from_the_phone_to_the_dissatisfied_follow_up(laptop, phone, desk, shot, live_server,
                                                                transactional_db):
    # The agent has her queue open before anything arrives.
    agent = laptop.new_page()
    login(agent, username="xiaoli", next_url="/orders/?queue=community")
    shot(agent, "agent-empty-queue")

    # 张女士 asks for help on her phone, with a photo.
    resident = phone.new_page()
    _resident_login(resident)
    resident.click("a[href='/portal/new/']")
    resident.check("input[name=kind][value=repair]")
    resident.fill("#id_description", "卫生间天花板在滴水，下面的灯也不亮了")
    resident.set_input_files("#id_photos", desk["photo"])
    resident.select_option("#id_visit", "morning")
    shot(resident, "resident-files-repair")
    resident.click("#send-request")
    resident.wait_for_selector("#next-steps")
    assert resident.evaluate("document.documentElement.scrollWidth") <= 360, "no sideways scrolling on a phone"
    shot(resident, "resident-sees-what-happens-next")
    order = WorkOrder.objects.get()

    # It appears in the agent's queue without a reload.
    agent.wait_for_selector(f"tr[data-number='{order.number}']", timeout=10_000)
    shot(agent, "agent-sees-it-arrive")
    agent.click(f"text={order.number}")
    agent.click("#action-classify summary")
    agent.select_option("#id_classify-kind", "repair")
    agent.select_option("#id_classify-category", "facility")
    agent.click("#action-classify button[type=submit]")
    agent.click("#action-dispatch summary")
    agent.select_option("#id_dispatch-department", "engineering")
    agent.select_option("#id_dispatch-assignee", str(desk["tech"].pk))
    agent.fill("#id_dispatch-note", "业主在家，卫生间吊顶渗水，灯不亮，请带检修工具")
    agent.click("#action-dispatch button[type=submit]")
    agent.wait_for_selector("text=王师傅")
    shot(agent, "agent-dispatched")

    # 王师傅 works through the job on his phone.
    # His own phone: a second phone-sized browser, logged in as him.
    tech = phone.browser.new_context(viewport=PHONE, locale="zh-CN", base_url=live_server.url,
                                     timezone_id="Asia/Shanghai")
    tech_page = tech.new_page()
    login(tech_page, username="wang", next_url="/tech/")
    shot(tech_page, "technician-jobs")
    tech_page.click(f"text={order.number}")
    for step in ("accept", "set_out", "arrive"):
        tech_page.locator(f"#step-{step}").evaluate("el => el.open = true")
        tech_page.click(f"#step-{step} button[type=submit]")
        tech_page.wait_for_load_state("load")
    tech_page.locator("#step-resolve").evaluate("el => el.open = true")
    tech_page.fill("#id_resolve-note", "更换吊顶上方水管接头，灯具进水已烘干，试水无渗漏")
    tech_page.set_input_files("#id_resolve-photos", desk["done"])
    shot(tech_page, "technician-resolves-with-photo")
    tech_page.click("#step-resolve button[type=submit]")
    tech_page.wait_for_selector("text=更换吊顶上方水管接头")
    tech.close()
    order.refresh_from_db()
    assert order.status == "resolved"

    # 张女士 sees the timeline with the photo and is not happy.
    resident.reload()
    assert resident.locator(".timeline img").count() >= 2
    resident.check("input[name=level][value=dissatisfied]")
    resident.fill("#id_comment", "第二天又开始滴水")
    shot(resident, "resident-rates")
    resident.click("#send-rating")
    resident.wait_for_selector(".banner.urgent[role=alert]")
    shot(resident, "resident-told-supervisor-will-call")

    # The supervisor's board shows the follow-up.
    board = laptop.new_page()
    board.context.clear_cookies()
    login(board, username="chen", next_url="/board/")
    follow_up = WorkOrder.objects.get(follow_up_of=order)
    assert board.locator("#board-follow_ups").get_by_text(follow_up.number).count() == 1
    shot(board, "supervisor-board-follow-up")


def test_an_agent_takes_a_phone_call_with_the_keyboard_alone(laptop, desk, room, shot, transactional_db):
    page = laptop.new_page()
    login(page, username="xiaoli", next_url="/intake/")

    page.keyboard.type("3-2-1502")  # the search box has the focus when the page opens
    page.wait_for_selector("button.hit")
    shot(page, "household-found")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".household >> text=张女士")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_description'")
    page.keyboard.type("厨房水管爆裂了，水一直往外喷")
    page.wait_for_selector("#apply-suggestion")
    shot(page, "suggestion-while-typing")
    page.keyboard.press("Alt+a")
    page.wait_for_selector("#classification [role=status]")
    page.keyboard.press("Control+Enter")

    page.wait_for_selector(".banner.urgent[role=alert]")
    shot(page, "urgent-order-created")
    order = WorkOrder.objects.get()
    assert (order.room_id, order.urgency, order.category, order.owner.username) == (room.pk, "urgent", "facility",
                                                                                      "xiaoli")
