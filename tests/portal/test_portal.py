"""The owner portal on 张女士's phone: log in, choose the home, ask for help, follow it, rate it."""

import pytest
from django.urls import reverse

from guanjia.core.taxonomy import Channel
from guanjia.tickets.choices import RatingLevel, Status
from guanjia.tickets.models import WorkOrder
from guanjia.tickets.services import workorder_dispatch, workorder_resolve
from tests.console.people import file_order, jpeg_upload, zhang
from tests.factories import OccupancyFactory, RoomFactory, resident_of

__all__ = ["file_order", "zhang"]
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_zhang_logs_in_with_her_phone_number_and_staff_cannot(client, zhang, agent):
    response = client.post(reverse("portal:login"), {"username": "138 1234 5678", "password": "guanjia-pass-1"})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")

    client.logout()
    wrong = client.post(reverse("portal:login"), {"username": "13812345678", "password": "nope"})
    assert wrong.status_code == 200 and wrong.context["form"].errors
    staff = client.post(reverse("portal:login"), {"username": "agent_xiaoli", "password": "guanjia-pass-1"})
    assert staff.status_code == 200 and "_auth_user_id" not in client.session


def test_with_two_homes_she_chooses_which_one_it_is_about(client, zhang, room):
    second = RoomFactory(unit=room.unit, community=room.community, number="1601")
    OccupancyFactory(person=zhang.person, room=second)
    stranger_room = RoomFactory(unit=room.unit, community=room.community, number="1701")
    client.force_login(zhang)

    home = client.get(reverse("portal:home"))
    assert home.context["room"] is None and len(home.context["rooms"]) == 2
    assert client.get(reverse("portal:new")).status_code == 302  # choose first
    assert client.post(reverse("portal:choose", args=[stranger_room.pk])).status_code == 404
    client.post(reverse("portal:choose", args=[second.pk]))
    assert client.get(reverse("portal:new")).context["room"] == second


def test_she_files_a_repair_with_a_photo_and_sees_what_happens_next(client, zhang, room):
    client.force_login(zhang)
    form = client.get(reverse("portal:new")).content.decode()
    assert 'accept="image/*"' in form and 'capture="environment"' in form

    response = client.post(reverse("portal:new"), {
        "kind": "repair", "description": "卫生间天花板在滴水", "visit": "morning", "visit_note": "周六也可以",
        "photos": [jpeg_upload()], "idempotency_key": "k1"})

    order = WorkOrder.objects.get()
    assert response.status_code == 302
    assert (order.room, order.channel, order.kind) == (room, Channel.PORTAL, "repair")
    assert "周六也可以" in order.preferred_visit
    assert order.events.get(type="created").photos.count() == 1
    page = client.get(response["Location"])
    assert page.context["next_steps"], "the running deadlines are told as promises with a time"
    assert page.context["progress"]["step"] == 1
    assert "卫生间天花板在滴水" in page.content.decode()


def test_garbage_requests_are_explained_in_plain_words(client, zhang):
    client.force_login(zhang)

    response = client.post(reverse("portal:new"), {"kind": "dragon", "description": "", "visit": "midnight",
                                                   "photos": [jpeg_upload().__class__("x.jpg", b"not an image")]})

    assert response.status_code == 400
    assert "description" in response.context["form"].errors
    assert WorkOrder.objects.count() == 0
    not_image = client.post(reverse("portal:new"), {"description": "门铃坏了",
                                                    "photos": [jpeg_upload().__class__("x.jpg", b"GIF89a....")]})
    assert not_image.status_code == 400 and WorkOrder.objects.count() == 0
    assert client.post(reverse("portal:rate", args=["00000000-0000-0000-0000-000000000000"]),
                       {"level": "meh"}).status_code == 404


def test_she_never_sees_her_neighbours_requests(client, zhang, room, file_order):
    neighbour_room = RoomFactory(unit=room.unit, community=room.community, number="1501")
    neighbour = resident_of(room=neighbour_room, name="李先生", phone="13900001111")
    theirs = file_order(room=neighbour_room, description="李先生家门锁坏了")
    client.force_login(zhang)

    assert client.get(reverse("portal:request", args=[theirs.uuid])).status_code == 404
    assert "李先生家门锁坏了" not in client.get(reverse("portal:requests")).content.decode()
    assert client.post(reverse("portal:rate", args=[theirs.uuid]), {"level": "satisfied"}).status_code == 404
    assert theirs.ratings.count() == 0 and neighbour.pk


def test_a_dissatisfied_rating_tells_her_a_supervisor_will_call(client, zhang, agent, technician, file_order,
                                                                 django_assert_max_num_queries):
    order = file_order()
    workorder_dispatch(order=order, actor=agent, assignee=technician, note="请上门")
    workorder_resolve(order=order, actor=agent, note="已更换水管接头")
    client.force_login(zhang)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("portal:request", args=[order.uuid]))
    assert page.context["rateable"]

    bad = client.post(reverse("portal:rate", args=[order.uuid]), {"level": "ecstatic"})
    assert bad.status_code == 400 and "level" in bad.context["rate_form"].errors
    response = client.post(reverse("portal:rate", args=[order.uuid]),
                           {"level": RatingLevel.DISSATISFIED, "comment": "第二天又漏了"})

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == Status.CLOSED and order.ratings.get().level == RatingLevel.DISSATISFIED
    assert order.follow_ups.exists(), "the engine opened the supervisor's follow-up"
    after = client.get(reverse("portal:request", args=[order.uuid]))
    assert after.context["supervisor_will_call"] and not after.context["rateable"]
    assert after.context["progress"]["step"] == after.context["progress"]["total"]


def test_my_requests_list_costs_the_same_queries_however_many(client, zhang, file_order,
                                                              django_assert_max_num_queries):
    client.force_login(zhang)
    file_order()
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("portal:requests"))
    for _ in range(10):
        file_order()
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("portal:requests"))
    assert len(response.context["rows"]) == 11


def test_while_typing_she_is_offered_a_standard_answer_first(client, zhang, community, other_community):
    from guanjia.answers.demo import demo_answers_load
    from guanjia.answers.models import AnswerFeedback

    demo_answers_load(company=community.company, communities=[community, other_community])
    client.force_login(zhang)

    response = client.get(reverse("portal:answers"), {"description": "物业费怎么交"}, HTTP_HX_REQUEST="true")

    found = response.context["found"]
    assert found is not None and found.answered, "a fee question has a standard answer"
    code = found.items[0].answer.code
    assert "Does this answer your question?" in response.content.decode() or "回答" in response.content.decode()
    yes = client.post(reverse("portal:answer-feedback", args=[code]), {"helpful": "1", "q": "物业费怎么交"})
    assert yes.status_code == 200 and yes.context["helpful"]
    assert AnswerFeedback.objects.filter(answer__code=code, helpful=True).count() == 1
    assert client.post(reverse("portal:answer-feedback", args=["NO-SUCH"]), {"helpful": "1"}).status_code == 404
    assert WorkOrder.objects.count() == 0  # answered: no request needed
