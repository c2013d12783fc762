"""The desk's queues: what an agent sees, how it filters, and that it stays fast."""

import pytest
from django.urls import reverse

from tests.factories import RoomFactory

pytestmark = pytest.mark.django_db


def test_agent_sees_her_orders_with_a_deadline_in_words(client, agent, file_order):
    order = file_order(description="厨房水管爆裂，水漫到客厅", urgency="urgent")
    client.force_login(agent)

    response = client.get(reverse("console:orders"))

    assert response.status_code == 200
    html = response.content.decode()
    assert order.number in html
    assert "countdown countdown-" in html  # the deadline is shown, with its state as text and class
    assert 'hx-trigger="every 15s"' in html


def test_queue_costs_the_same_queries_for_five_or_forty_orders(client, agent, file_order, room,
                                                               django_assert_max_num_queries):
    client.force_login(agent)
    for _ in range(5):
        file_order()
    client.get(reverse("console:orders"))  # warm the session
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("console:orders") + "?queue=community")
    for n in range(35):
        file_order(room=RoomFactory(unit=room.unit, community=room.community, number=f"2{n:02d}"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("console:orders") + "?queue=community")
    assert response.context["page"].paginator.count == 40


def test_filters_narrow_the_queue_and_bad_filters_are_explained(client, agent, file_order):
    leak = file_order(description="卫生间漏水")
    noise = file_order(description="楼上装修噪音", kind="complaint", category="renovation")
    client.force_login(agent)

    response = client.get(reverse("console:orders"), {"queue": "community", "category": "renovation"})
    numbers = [o.number for o in response.context["page"].object_list]
    assert numbers == [noise.number]

    response = client.get(reverse("console:orders"), {"queue": "community", "q": "漏水"})
    assert [o.number for o in response.context["page"].object_list] == [leak.number]

    response = client.get(reverse("console:orders"), {
        "queue": "nonsense", "category": "lava", "date_from": "yesterday", "community": "abc", "page": "-3",
        "date_to": "2026-01-01", "zone": "999999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error"' in html  # the bad date and the unknown choice are explained beside the field


def test_live_refresh_returns_only_the_list(client, agent, file_order):
    order = file_order()
    client.force_login(agent)

    response = client.get(reverse("console:orders"), HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert html.lstrip().startswith("<section id=\"order-list\"")
    assert order.number in html
    assert "<html" not in html


def test_another_communitys_agent_sees_nothing_of_ours(client, outsider, file_order):
    order = file_order()
    client.force_login(outsider)

    response = client.get(reverse("console:orders") + "?queue=community")
    assert order.number not in response.content.decode()
    assert client.get(reverse("console:order", args=[order.uuid])).status_code == 404


def test_supervisor_board_lists_late_orders_in_fixed_queries(client, supervisor, file_order, time_machine,
                                                             django_assert_max_num_queries):
    time_machine.move_to("2026-11-23 10:00 +08:00", tick=False)
    order = file_order(description="电梯困人", urgency="urgent")
    time_machine.move_to("2026-11-23 12:00 +08:00", tick=False)
    client.force_login(supervisor)

    # Session and user, scoping, five lists, the deadlines of all five in one query, the group cases,
    # and the top bar: thirteen, however long the lists.
    with django_assert_max_num_queries(13):
        response = client.get(reverse("console:board"))

    late = response.context["sections"]["late"]
    assert [o.number for o in late] == [order.number]
    assert "countdown-late" in response.content.decode()


def test_a_resident_is_sent_from_the_console_to_the_portal(client, zhang):
    client.force_login(zhang)
    response = client.get(reverse("console:orders"))
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


def test_a_queue_beyond_the_count_cap_says_more_than_instead_of_counting_everything(
        client, agent, file_order, monkeypatch):
    from guanjia.console.views import queues
    from guanjia.tickets.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "cap", 3)
    monkeypatch.setattr(queues, "PAGE_SIZE", 2)
    for _ in range(5):
        file_order()
    client.force_login(agent)

    response = client.get(reverse("console:orders") + "?queue=community", HTTP_ACCEPT_LANGUAGE="en")

    html = response.content.decode()
    assert response.context["page"].paginator.capped
    assert "More than 3 orders" in html
    assert "Page 1 of 2+" in html
    small = client.get(reverse("console:orders") + "?queue=community&category=renovation", HTTP_ACCEPT_LANGUAGE="en")
    assert not small.context["page"].paginator.capped
    assert "0 orders" in small.content.decode() and "More than" not in small.content.decode()
