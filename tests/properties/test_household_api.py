"""The household API: the desk searches, opens a household, and reveals a number on the record."""

import pytest
from rest_framework.test import APIClient

from guanjia.accounts.choices import Role
from guanjia.core.models import AuditAction, AuditEntry
from guanjia.properties.choices import Relation
from guanjia.properties.services import occupancy_create, person_create, room_create
from tests.factories import UnitFactory, resident_of, staff_with_role


@pytest.fixture
def household(room):
    zhang = person_create(company=room.community.company, name="张女士", phones=["13812345678"],
                          id_number="330106198001011234")
    occupancy_create(person=zhang, room=room, relation=Relation.OWNER, is_primary_contact=True)
    return room


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_search_returns_the_household_with_phones_masked(household, community):
    agent = staff_with_role(community=community, role=Role.CS_AGENT)

    response = client_for(agent).get("/api/v1/households/search", {"q": "3栋2单元1502"})

    assert response.status_code == 200
    [hit] = response.json()["results"]
    assert hit["room"]["code"] == "3-2-1502"
    assert hit["room"]["community"]["code"] == "CH"
    assert hit["matched_by"] == "code"
    assert hit["occupants"][0]["name"] == "张女士"
    assert hit["occupants"][0]["phones"][0] == {"id": hit["occupants"][0]["phones"][0]["id"],
                                                "number": "138****5678", "masked": True, "is_primary": True,
                                                "label": ""}


def test_search_without_a_query_is_a_clear_400(community):
    agent = staff_with_role(community=community)

    response = client_for(agent).get("/api/v1/households/search", {"community": "abc"})

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid"
    assert set(response.json()["error"]["fields"]) == {"q", "community"}


def test_search_needs_a_login(household):
    assert APIClient().get("/api/v1/households/search", {"q": "1502"}).status_code in (401, 403)


def test_an_agent_of_another_community_gets_404_for_the_household(household, other_community):
    stranger = staff_with_role(community=other_community, role=Role.CS_AGENT)
    client = client_for(stranger)

    assert client.get("/api/v1/households/search", {"q": "3-2-1502"}).json()["results"] == []
    response = client.get(f"/api/v1/households/{household.pk}")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "household_not_found"
    assert client.post(f"/api/v1/households/{household.pk}/reveal-phone", {"phone_id": 1}).status_code == 404


def test_the_supervisor_sees_full_numbers_in_the_detail_and_the_sight_is_audited(household, community):
    supervisor = staff_with_role(community=community, role=Role.CS_SUPERVISOR)

    response = client_for(supervisor).get(f"/api/v1/households/{household.pk}")

    body = response.json()
    assert body["phones_masked"] is False
    assert body["occupants"][0]["phones"][0]["number"] == "13812345678"
    assert body["occupants"][0]["id_number"] == "330106198001011234"
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.object_id, entry.detail) == (
        supervisor, AuditAction.VIEW_PERSONAL_DATA, str(household.pk), {"field": "phones"})


def test_the_agent_reveals_one_number_and_the_reveal_is_audited(household, community):
    agent = staff_with_role(community=community, role=Role.CS_AGENT)
    client = client_for(agent)
    detail = client.get(f"/api/v1/households/{household.pk}").json()
    # An agent's detail view hides the ID number (managers only) but shows phones for call-backs.
    assert detail["occupants"][0]["id_number"] == "330***********1234"
    phone_id = detail["occupants"][0]["phones"][0]["id"]
    AuditEntry.objects.all().delete()

    response = client.post(f"/api/v1/households/{household.pk}/reveal-phone", {"phone_id": phone_id})

    assert response.json() == {"phone_id": phone_id, "number": "13812345678"}
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.object_type, entry.detail) == (agent, "properties.phonenumber", {"field": "number"})


def test_a_finance_clerk_sees_masked_numbers_and_may_not_reveal(household, community):
    clerk = staff_with_role(community=community, role=Role.FINANCE)
    client = client_for(clerk)

    detail = client.get(f"/api/v1/households/{household.pk}").json()
    phone = detail["occupants"][0]["phones"][0]
    assert (phone["number"], phone["masked"], detail["can_reveal_phones"]) == ("138****5678", True, False)
    response = client.post(f"/api/v1/households/{household.pk}/reveal-phone", {"phone_id": phone["id"]})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "reveal_forbidden"
    assert not AuditEntry.objects.exists()


def test_a_phone_of_another_household_cannot_be_revealed_through_this_one(household, community):
    other_room = room_create(unit=household.unit, number="1501")
    neighbour = person_create(company=community.company, name="王先生", phones=["13900001111"])
    occupancy_create(person=neighbour, room=other_room)
    agent = staff_with_role(community=community, role=Role.CS_AGENT)

    response = client_for(agent).post(f"/api/v1/households/{household.pk}/reveal-phone",
                                      {"phone_id": neighbour.phones.get().pk})

    assert response.status_code == 404
    assert not AuditEntry.objects.exists()


def test_a_resident_opens_her_own_household_but_not_her_neighbours(household, community):
    neighbour_room = room_create(unit=household.unit, number="1501")
    wang = resident_of(room=neighbour_room, name="王先生", phone="13700001111")
    client = client_for(wang)

    assert client.get(f"/api/v1/households/{neighbour_room.pk}").status_code == 200
    assert client.get(f"/api/v1/households/{household.pk}").status_code == 404
    assert client.get("/api/v1/households/search", {"q": "张女士"}).json()["results"] == []


def test_the_search_endpoint_costs_the_same_queries_for_one_hit_or_ten(community, django_assert_max_num_queries):
    agent = staff_with_role(community=community, role=Role.CS_AGENT)
    client = client_for(agent)
    for floor in range(1, 13):
        room = room_create(unit=UnitFactory(building__community=community, building__number=str(floor)),
                           number="101")
        person = person_create(company=community.company, name=f"王{floor}", phones=[f"1370000{floor:04d}"])
        occupancy_create(person=person, room=room)

    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/households/search", {"q": "王", "limit": 10})

    assert len(response.json()["results"]) == 10
