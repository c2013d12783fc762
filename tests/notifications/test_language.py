"""Everyone is told in their own language: a deadline message or a work order's update is worded
for its reader (their account's language, else the register's), not in the language of the sweep
or of the staff member whose action sent it."""

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from guanjia.accounts.choices import Role
from guanjia.core.taxonomy import Channel
from guanjia.notifications.language import phrase
from guanjia.notifications.models import Delivery, Notification
from guanjia.notifications.services import notify_resident
from guanjia.sla.choices import ClockState
from guanjia.sla.models import Clock
from guanjia.sla.sweep import sweep
from guanjia.tickets.choices import EventType
from guanjia.tickets.models import WorkOrderEvent
from guanjia.tickets.services import IntakeRequest, workorder_intake, workorder_resolve
from tests.factories import PersonFactory, resident_of, staff_with_role
from tests.sla.factories import Category, Kind, at, received

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def compiled_catalogues(settings):
    """The shipped catalogues compiled, as `make translations` does; re-assigning LOCALE_PATHS
    empties Django's translation caches."""
    call_command("compile_translations", verbosity=0)
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)


@pytest.fixture
def supervisor_smith(community):
    """An expatriate supervisor of the same desk who reads English."""
    return staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="sup_smith",
                           display_name="Mr Smith", preferred_language="en", phone="13900000009")


def told(user, kind):
    return list(Notification.objects.filter(recipient=user, kind=kind).values_list("title", "body"))


def test_one_breach_reaches_each_supervisor_in_their_own_language(community, room, agent, supervisor,
                                                                  supervisor_smith):
    # 张女士 complains at 10:00 on Monday; agent 小李 takes it and does not call her back in time.
    complaint = received(community=community, room=room, owner=agent, when=at("2026-11-23 10:00"),
                         kind=Kind.COMPLAINT, category=Category.ENVIRONMENT)

    with time_machine.travel(at("2026-11-23 10:15"), tick=False):
        report = sweep()

    assert report.breached == 1
    number = complaint.number
    assert told(supervisor, "sla_escalation") == [(f"已超时（1 级）：{number}", "与住户确认 已于 2026-11-23 10:15 到期")]
    assert told(supervisor_smith, "sla_escalation") == [
        (f"Late (level 1): {number}", "Confirm with the resident was due at 2026-11-23 10:15")]
    # What leaves the system says the same as the inbox, and the timeline keeps the desk's language.
    assert Delivery.objects.get(recipient=supervisor_smith).title == f"Late (level 1): {number}"
    assert WorkOrderEvent.objects.get(order=complaint, type=EventType.DEADLINE_BREACHED).note == \
        "与住户确认 已于 2026-11-23 10:15 到期"


def test_the_warning_before_the_deadline_is_worded_for_its_reader(community, room, supervisor):
    overseas_agent = staff_with_role(community=community, role=Role.CS_AGENT, username="agent_lee",
                                     preferred_language="zh-hant")
    complaint = received(community=community, room=room, owner=overseas_agent, when=at("2026-11-23 10:00"),
                         kind=Kind.COMPLAINT, category=Category.ENVIRONMENT)

    with translation.override("en"), time_machine.travel(at("2026-11-23 10:12"), tick=False):
        assert sweep().warned == 1

    assert told(overseas_agent, "sla_warning") == [
        (f"時限即將到期：{complaint.number}", "與住戶確認 將於 2026-11-23 10:15 到期")]


def test_a_second_language_costs_the_sweep_no_query(community, agent, supervisor, supervisor_smith):
    def queries_to_sweep(day):
        for _ in range(5):
            received(community=community, room=None, owner=agent, when=at(f"2026-11-{day} 10:00"))
        with time_machine.travel(at(f"2026-11-{day} 10:16"), tick=False), \
                CaptureQueriesContext(connection) as queries:
            assert sweep().breached == 5
        Clock.objects.update(state=ClockState.MET)  # answered: the next day starts from nothing late
        return len(queries.captured_queries)

    supervisor_smith.preferred_language = "zh-hans"
    supervisor_smith.save()
    one_language = queries_to_sweep(23)
    supervisor_smith.preferred_language = "en"
    supervisor_smith.save()

    assert queries_to_sweep(24) == one_language
    titles = [title for title, _body in told(supervisor_smith, "sla_escalation")]
    assert sum(title.startswith("Late (level 1)") for title in titles) == 5  # the second day's, in English
    assert sum(title.startswith("已超时（1 级）") for title in titles) == 5


def test_a_resident_reads_their_orders_update_in_traditional_chinese(community, room, agent, technician,
                                                                     django_capture_on_commit_callbacks):
    # 张女士 chose Traditional Chinese in the owner portal; the technician works in English.
    zhang = resident_of(room=room, name="张女士", phone="13812345678")
    zhang.preferred_language = "zh-hant"
    zhang.save()
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PHONE, room=room, person=zhang.person, description="卫生间天花板漏水",
        kind="repair", category="facility"))

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        workorder_resolve(order=order, actor=technician, note="已更换水管接头")

    title, body = told(zhang, "resolved")[0]
    assert title == f"工單 {order.number} 已處理完成"
    assert body == "已更换水管接头\n請告訴我們您的滿意程度。"  # the technician's own words stay as written
    sms = Delivery.objects.get(kind="resolved", address="13812345678")
    assert (sms.title, sms.body) == (title, body)


def test_a_resident_without_an_account_is_told_in_the_registers_language(community, room):
    # 陈先生 has no account; the register records that he reads Traditional Chinese. His neighbour's
    # record says nothing more than the default. Whoever sends, in whatever language, they read theirs.
    chen = PersonFactory(company=community.company, name="陈先生", preferred_language="zh-hant")
    neighbour = PersonFactory(company=community.company, name="王女士")
    title = phrase(translation.gettext_lazy("Work order %(number)s was cancelled"), number="CH-20261123-0007")

    with translation.override("en"):
        notify_resident(phone="13700001111", person=chen, title=title, body="", kind="cancelled")
        notify_resident(phone="13700002222", person=neighbour, title=title, body="", kind="cancelled")

    assert Delivery.objects.get(address="13700001111").title == "工單 CH-20261123-0007 已取消"
    assert Delivery.objects.get(address="13700002222").title == "工单 CH-20261123-0007 已取消"
