"""Every console and portal screen answers in the three shipped languages, within a fixed number
of queries, and never with a server error whatever is sent to it."""

import pytest
from django.urls import reverse

from guanjia.tickets.services import workorder_dispatch
from tests.factories import RoomFactory

pytestmark = pytest.mark.django_db

LANGUAGES = ("zh-hans", "zh-hant", "en")


@pytest.fixture
def dispatched(file_order, agent, technician):
    order = file_order()
    workorder_dispatch(order=order, actor=agent, assignee=technician, note="请上门查看")
    return order


def _staff_pages(order, room):
    return [reverse("console:orders"), reverse("console:board"), reverse("console:intake"),
            reverse("console:order", args=[order.uuid]), reverse("console:order-print", args=[order.uuid]),
            reverse("console:tech"), reverse("console:tech-job", args=[order.uuid]),
            reverse("console:household", args=[room.pk]), reverse("console:plans")]


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_screens_speak_each_language(client, technician, dispatched, room, language,
                                           django_assert_max_num_queries):
    client.force_login(technician)
    client.cookies["django_language"] = language
    for url in _staff_pages(dispatched, room):
        with django_assert_max_num_queries(35):
            response = client.get(url)
        assert response.status_code == 200, url
        if "<html" in response.content.decode():
            assert f'lang="{language}"' in response.content.decode(), url


@pytest.mark.parametrize("language", LANGUAGES)
def test_portal_screens_speak_each_language(client, zhang, dispatched, language):
    client.force_login(zhang)
    client.cookies["django_language"] = language
    for url in (reverse("portal:home"), reverse("portal:new"), reverse("portal:requests"),
                reverse("portal:request", args=[dispatched.uuid])):
        response = client.get(url)
        assert response.status_code == 200 and f'lang="{language}"' in response.content.decode(), url


def test_the_technicians_day_costs_the_same_queries_for_two_or_twelve_jobs(
        client, agent, technician, file_order, room, django_assert_max_num_queries):
    client.force_login(technician)
    for _ in range(2):
        workorder_dispatch(order=file_order(), actor=agent, assignee=technician, note="请上门")
    client.get(reverse("console:tech"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("console:tech"))
    for n in range(10):
        order = file_order(room=RoomFactory(unit=room.unit, community=room.community, number=f"9{n:02d}"))
        workorder_dispatch(order=order, actor=agent, assignee=technician, note="请上门")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("console:tech"))
    assert len(response.context["jobs"]) == 12


def test_garbage_to_the_intake_fragments_is_answered_not_crashed(client, agent, outsider, other_community):
    foreign_room = RoomFactory(unit__building__community=other_community)
    client.force_login(agent)
    for params in ({"q": "\x00" * 10}, {"q": "' OR 1=1 --"}, {"q": "x" * 5000}, {}):
        assert client.get(reverse("console:household-hits"), params).status_code == 200
    for params in ({"description": "x" * 10000, "community": "abc"}, {"description": "漏水", "community": "-1"}):
        assert client.get(reverse("console:suggest"), params).status_code == 200
    assert client.get(reverse("console:classification"), {"kind": "dragon", "urgency": "🙂"}).status_code == 200
    # Another community's household is not found, not shown.
    assert client.get(reverse("console:household", args=[foreign_room.pk])).status_code == 404
