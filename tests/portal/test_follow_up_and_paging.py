"""张女士 answers the desk's follow-up questions in the portal, and pages through a long history;
she never sees or answers another household's requests."""

import pytest
from django.urls import reverse

from guanjia.tickets.choices import EventType, Status
from guanjia.tickets.services import workorder_request_info
from tests.console.people import file_order, jpeg_upload, zhang
from tests.factories import RoomFactory, resident_of

__all__ = ["file_order", "zhang"]
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def asked(file_order, agent):
    order = file_order(description="电梯坏了", channel="portal")
    return workorder_request_info(order=order, actor=agent, questions=["是几号楼几单元的电梯？", "有人被困吗？"])


def test_zhang_sees_the_questions_and_her_answer_goes_back_to_the_desk(client, zhang, asked):
    client.force_login(zhang)
    page = client.get(reverse("portal:request", args=[asked.uuid]))
    html = page.content.decode()
    assert "是几号楼几单元的电梯？" in html and "有人被困吗？" in html
    assert reverse("portal:answer", args=[asked.uuid]) in html

    response = client.post(reverse("portal:answer", args=[asked.uuid]),
                           {"answer": "3栋2单元，没有人被困", "photos": [jpeg_upload("lift.jpg")]})

    assert response.status_code == 302 and "answered=1" in response["Location"]
    asked.refresh_from_db()
    assert asked.status == Status.NEW, "back in the desk's hands, clocks running again"
    answer = asked.events.get(type=EventType.INFO_RECEIVED)
    assert answer.note == "3栋2单元，没有人被困" and answer.actor == zhang and answer.photos.count() == 1
    after = client.get(response["Location"]).content.decode()
    assert reverse("portal:answer", args=[asked.uuid]) not in after, "no second answer form once answered"


def test_an_empty_answer_is_asked_for_again_beside_the_field(client, zhang, asked):
    client.force_login(zhang)
    response = client.post(reverse("portal:answer", args=[asked.uuid]), {"answer": "   "})
    assert response.status_code == 400 and response.context["answer_form"].errors["answer"]
    asked.refresh_from_db()
    assert asked.status == Status.WAITING_INFO


def test_answering_a_request_that_no_longer_waits_is_refused_politely(client, zhang, file_order):
    order = file_order()
    client.force_login(zhang)
    response = client.post(reverse("portal:answer", args=[order.uuid]), {"answer": "补充一下"})
    assert response.status_code == 409 and response.context["answer_form"].non_field_errors()
    assert not order.events.filter(type=EventType.INFO_RECEIVED).exists()


@pytest.mark.parametrize("data", [{}, {"answer": "x" * 5000}, {"answer": "\x00"},
                                  {"answer": "好", "photos": "not-a-file"}])
def test_garbage_answers_are_never_a_server_error(client, zhang, asked, data):
    client.force_login(zhang)
    assert client.post(reverse("portal:answer", args=[asked.uuid]), data).status_code in (302, 400)


def test_a_neighbour_can_neither_see_nor_answer_her_questions(client, asked, room):
    neighbour_room = RoomFactory(unit=room.unit, community=room.community, number="1702")
    neighbour = resident_of(room=neighbour_room, name="李先生", phone="13900000002")
    client.force_login(neighbour)
    assert client.get(reverse("portal:request", args=[asked.uuid])).status_code == 404
    assert client.post(reverse("portal:answer", args=[asked.uuid]), {"answer": "不是我家"}).status_code == 404
    asked.refresh_from_db()
    assert asked.status == Status.WAITING_INFO
    assert asked.description not in client.get(reverse("portal:requests")).content.decode()


def test_a_long_history_comes_in_pages_at_the_same_cost(client, zhang, file_order, django_assert_max_num_queries):
    for n in range(17):
        file_order(description=f"第{n:02d}次报修：水龙头滴水", channel="portal")
    client.force_login(zhang)
    client.get(reverse("portal:requests"))
    with django_assert_max_num_queries(15) as first:
        page_one = client.get(reverse("portal:requests"))
    with django_assert_max_num_queries(len(first.captured_queries)):
        page_two = client.get(reverse("portal:requests"), {"page": 2})

    one, two = page_one.content.decode(), page_two.content.decode()
    assert "第16次报修" in one and "第00次报修" not in one, "newest first"
    assert "第00次报修" in two and "第16次报修" not in two
    assert 'rel="next"' in one and 'rel="prev"' in two
    for junk in ("abc", "-1", "99999", "\x00"):
        assert client.get(reverse("portal:requests"), {"page": junk}).status_code == 200


def test_her_home_page_says_a_question_waits_for_her_and_her_neighbours_does_not(client, zhang, asked, room):
    client.force_login(zhang)
    home = client.get(reverse("portal:home"))
    assert home.context["waiting"] == 1
    assert f'{reverse("portal:request", args=[asked.uuid])}#questions' in home.content.decode()
    assert "needs-you" in client.get(reverse("portal:requests")).content.decode()

    neighbour = resident_of(room=RoomFactory(unit=room.unit, community=room.community, number="1703"),
                            name="王先生", phone="13900000003")
    client.force_login(neighbour)
    assert client.get(reverse("portal:home")).context["waiting"] == 0
