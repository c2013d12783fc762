"""The desk names only the room: the household's primary contact hears about the order."""

import datetime

from guanjia.core.taxonomy import Channel
from guanjia.notifications.models import Delivery, Notification
from guanjia.properties.choices import Relation
from guanjia.tickets.services import IntakeRequest, workorder_intake, workorder_request_info
from tests.factories import OccupancyFactory, PersonFactory, PhoneNumberFactory


def _tenant_primary(room, *, name="刘先生", phone="13655550000"):
    person = PersonFactory(company=room.community.company, name=name)
    PhoneNumberFactory(person=person, number="13600000009", last4="0009", is_primary=False)
    PhoneNumberFactory(person=person, number=phone, last4=phone[-4:], is_primary=True)
    OccupancyFactory(person=person, room=room, relation=Relation.TENANT, is_primary_contact=True)
    return person


def test_a_patrol_naming_only_the_room_reaches_the_households_primary_contact(agent, room, zhang):
    # 张女士 owns 3-2-1502 but lets it; her tenant 刘先生 is the household's primary contact.
    zhang.person.occupancies.update(is_primary_contact=False)
    tenant = _tenant_primary(room)

    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PATROL, room=room, description="1502门口有积水,疑似室内漏水"))

    assert (order.person, order.contact_name, order.contact_phone) == (tenant, "刘先生", "13655550000")
    workorder_request_info(order=order, actor=agent, questions=["家里现在有人吗?"])
    # The tenant has no account: the question goes to his phone, with the tracking link.
    sent = Delivery.objects.get(order=order, kind="info_requested")
    assert (sent.person, sent.address) == (tenant, "13655550000")
    assert order.tracking_token in sent.link


def test_without_a_primary_contact_the_owner_is_named_and_follows_the_order_in_the_portal(agent, room, zhang):
    zhang.person.occupancies.update(is_primary_contact=False)

    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PHONE, room=room, description="邻居反映1502空调外机滴水"))

    assert (order.person, order.contact_name, order.contact_phone) == (zhang.person, "张女士", "13812345678")
    workorder_request_info(order=order, actor=agent, questions=["哪个房间的空调?"])
    assert Notification.objects.filter(recipient=zhang, order=order).exists()


def test_a_former_primary_contact_who_moved_out_is_not_used(agent, room, zhang):
    gone = _tenant_primary(room, name="搬走的租客", phone="13600001234")
    gone.occupancies.update(moved_out=datetime.date(2025, 1, 1))
    zhang.person.occupancies.update(is_primary_contact=False)

    order = workorder_intake(actor=agent, request=IntakeRequest(channel=Channel.PHONE, room=room,
                                                                description="门铃坏了"))

    assert order.person == zhang.person


def test_an_explicit_contact_still_wins(agent, room, zhang):
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PHONE, room=room, description="家里跳闸", contact_name="保姆王阿姨",
        contact_phone="13511112222"))

    assert (order.person, order.contact_name, order.contact_phone) == (None, "保姆王阿姨", "13511112222")


def test_a_named_caller_without_a_phone_is_not_given_the_owners_number(agent, room, zhang):
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.FRONT_DESK, room=room, description="快递柜打不开", contact_name="访客"))

    assert (order.person, order.contact_name, order.contact_phone) == (None, "访客", "")


def test_a_chosen_person_gets_their_register_phone(agent, room, zhang):
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PHONE, room=room, person=zhang.person, description="水表读数不对"))

    assert (order.contact_name, order.contact_phone) == ("张女士", "13812345678")


def test_a_common_area_order_names_nobody(agent, community, zhang):
    order = workorder_intake(actor=agent, request=IntakeRequest(
        channel=Channel.PATROL, community=community, location="地下车库B2", description="车库灯不亮"))

    assert (order.person, order.contact_name, order.contact_phone) == (None, "", "")
