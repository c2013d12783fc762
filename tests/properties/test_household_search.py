"""The desk finds a household while the phone rings — and only in the communities it serves."""

import pytest

from guanjia.accounts.choices import Role
from guanjia.core.errors import NotFound
from guanjia.properties.choices import Relation
from guanjia.properties.selectors import household_detail, households_search, room_lookup
from guanjia.properties.services import (
    building_create,
    occupancy_create,
    occupancy_end,
    person_create,
    room_create,
    unit_create,
    vehicle_add,
)
from tests.factories import resident_of, staff_with_role


@pytest.fixture
def zhang_household(community):
    """张女士 owns 3-2-1502 in 翠湖花园 and drives 浙A12345; her husband lives there too."""
    unit = unit_create(building=building_create(community=community, number="3"), number="2")
    room = room_create(unit=unit, number="1502")
    zhang = person_create(company=community.company, name="张伟明", phones=["138 1234 5678"])
    husband = person_create(company=community.company, name="李建国", phones=["13900007777"])
    occupancy_create(person=zhang, room=room, relation=Relation.OWNER, is_primary_contact=True)
    occupancy_create(person=husband, room=room, relation=Relation.FAMILY)
    vehicle_add(person=zhang, community=community, plate="浙a·12345")
    return room


@pytest.fixture
def agent(community):
    return staff_with_role(community=community, role=Role.CS_AGENT, username="agent")


def _codes(hits):
    return [hit.room.code for hit in hits]


@pytest.mark.parametrize("q", ["3-2-1502", "3栋2单元1502室", "３－２－１５０２", "3#2-1502", "张伟明", "张伟", "伟明",
                               "5678", "13812345678", "浙A12345", "浙A123", "李建国"])
def test_the_agent_finds_zhangs_household_by_anything_the_caller_says(zhang_household, agent, q):
    hits = households_search(user=agent, q=q)

    assert _codes(hits) == ["3-2-1502"]
    names = [o.person.name for o in hits[0].occupancies]
    assert names == ["张伟明", "李建国"]


def test_the_single_unit_form_finds_the_room_and_lookup_resolves_it(community):
    building = building_create(community=community, number="8")
    room = room_create(unit=unit_create(building=building, number="1"), number="601")

    assert room.code == "8-1-601"
    assert room.floor == 6
    assert room_lookup(community=community, text="8栋601室") == room
    assert room_lookup(community=community, text="8-1-601") == room
    assert room_lookup(community=community, text="9-601") is None


def test_a_two_unit_building_needs_the_unit_for_an_exact_lookup(community):
    building = building_create(community=community, number="5")
    first = room_create(unit=unit_create(building=building, number="1"), number="101")
    second = room_create(unit=unit_create(building=building, number="2"), number="101")

    assert room_lookup(community=community, text="5-101") is None
    assert {h.room for h in households_search(user=staff_with_role(community=community), q="5-101")} == {
        first, second}


def test_someone_who_moved_out_is_no_longer_found(zhang_household, agent):
    husband_stay = zhang_household.occupancies.get(person__name="李建国")
    occupancy_end(occupancy=husband_stay, moved_out=husband_stay.created_at.date())

    assert households_search(user=agent, q="李建国") == []
    assert [o.person.name for o in households_search(user=agent, q="3-2-1502")[0].occupancies] == ["张伟明"]


def test_an_agent_of_another_community_finds_nothing(zhang_household, other_community):
    stranger = staff_with_role(community=other_community, role=Role.CS_AGENT, username="jx-agent")

    assert households_search(user=stranger, q="3-2-1502") == []
    assert households_search(user=stranger, q="张伟明") == []
    with pytest.raises(NotFound):
        household_detail(user=stranger, room_id=zhang_household.pk)


def test_asking_for_a_community_one_does_not_serve_narrows_to_nothing(zhang_household, agent, other_community):
    assert households_search(user=agent, q="张伟明", community_ids=[other_community.pk]) == []


def test_a_resident_sees_only_her_own_household(zhang_household, community):
    neighbour_room = room_create(unit=zhang_household.unit, number="1501")
    neighbour = resident_of(room=neighbour_room, name="王先生", phone="13700001111")

    assert households_search(user=neighbour, q="3-2-1502") == []
    assert _codes(households_search(user=neighbour, q="1501")) == ["3-2-1501"]
    with pytest.raises(NotFound):
        household_detail(user=neighbour, room_id=zhang_household.pk)


def test_search_runs_a_fixed_number_of_queries_however_many_match(community, agent, django_assert_max_num_queries):
    unit = unit_create(building=building_create(community=community, number="1"), number="1")
    for floor in range(1, 13):
        room = room_create(unit=unit, number=f"{floor}01")
        person = person_create(company=community.company, name=f"张{floor}号", phones=[f"1360000{floor:04d}"])
        occupancy_create(person=person, room=room)
    agent = staff_with_role(community=community, role=Role.CS_AGENT, username="agent2")

    with django_assert_max_num_queries(8):
        hits = households_search(user=agent, q="张", limit=10)

    assert len(hits) == 10
    assert all(hit.occupancies[0].person.phones.all() for hit in hits)
