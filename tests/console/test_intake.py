"""Intake while the phone rings: the agent finds 张女士's home, hears her, and creates the order."""

import pytest
from django.urls import reverse

from guanjia.tickets.models import WorkOrder

pytestmark = pytest.mark.django_db


def test_typing_the_room_code_finds_the_household_with_people_and_open_orders(client, agent, zhang, room,
                                                                               file_order):
    open_order = file_order(description="阳台地漏堵塞")
    client.force_login(agent)

    hits = client.get(reverse("console:household-hits"), {"q": "3-2-1502"}, HTTP_HX_REQUEST="true")
    assert "张女士" in hits.content.decode()
    by_phone = client.get(reverse("console:household-hits"), {"q": "5678"}, HTTP_HX_REQUEST="true")
    assert room.code in by_phone.content.decode()

    panel = client.get(reverse("console:household", args=[room.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "张女士" in panel and open_order.number in panel
    assert 'id="id_room"' in panel and 'hx-swap-oob="true"' in panel
    # The caller is most likely the household's primary contact: name and number filled in.
    assert 'id="id_contact_name" value="张女士"' in panel and 'value="13812345678"' in panel
    assert "138****5678" not in panel or "13812345678" in panel  # agents may see phones (ROLES_SEEING_PHONES)


def test_the_caller_s_words_bring_a_suggestion_with_follow_up_questions(client, agent, community):
    client.force_login(agent)

    response = client.get(reverse("console:suggest"), {"description": "3栋电梯困人了，快来",
                                                       "community": community.pk}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="banner urgent" role="alert"' in html  # an urgent call announces itself, in words
    assert response.context["s"]["questions"], "the follow-up questions are shown"
    assert f"/answers/suggestions/?community={community.pk}" in html  # standard answers load beside it
    doubtful = client.get(reverse("console:suggest"), {"description": "电梯突然停了，里面好像有人"},
                          HTTP_HX_REQUEST="true").content.decode()
    assert 'class="banner warn" role="alert"' in doubtful or 'class="banner urgent"' in doubtful
    assert 'id="apply-suggestion"' in html
    applied = client.get(reverse("console:classification"), response.context["s"]["codes"])
    assert '<option value="urgent" selected>' in applied.content.decode()


def test_confirm_and_create_takes_the_order_for_the_household(client, agent, community, room, zhang):
    client.force_login(agent)

    response = client.post(reverse("console:intake"), {
        "community": community.pk, "room": room.pk, "channel": "phone", "description": "厨房水管爆裂，水流不止",
        "kind": "repair", "category": "facility", "urgency": "urgent", "department": "",
        "contact_name": "张女士", "contact_phone": "13812345678", "idempotency_key": "call-1"})

    order = WorkOrder.objects.get()
    assert response.status_code == 302 and str(order.uuid) in response["Location"]
    assert (order.room, order.urgency, order.department, order.owner) == (room, "urgent", "engineering", agent)
    page = client.get(response["Location"]).content.decode()
    assert 'role="alert"' in page  # the urgent order announces itself on its page
    again = client.post(reverse("console:intake"), {
        "community": community.pk, "room": room.pk, "channel": "phone", "description": "厨房水管爆裂，水流不止",
        "urgency": "urgent", "idempotency_key": "call-1"})
    assert again.status_code == 302 and WorkOrder.objects.count() == 1  # a double press is one order


def test_garbage_intake_is_answered_beside_the_fields(client, agent, outsider, community, other_community):
    client.force_login(agent)

    response = client.post(reverse("console:intake"), {
        "community": "x", "room": "999999", "channel": "carrier-pigeon", "description": "",
        "kind": "dragon", "urgency": "whenever"})

    assert response.status_code == 400
    form = response.context["form"]
    assert {"community", "channel", "description", "kind", "urgency"} <= set(form.errors)
    assert WorkOrder.objects.count() == 0
    # A community the agent does not work in cannot be chosen.
    response = client.post(reverse("console:intake"), {
        "community": other_community.pk, "location": "北门", "channel": "phone", "description": "门禁坏了",
        "urgency": "normal"})
    assert response.status_code == 400 and "community" in response.context["form"].errors
