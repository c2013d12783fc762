"""Who may see what: an agent sees only the communities they work in; a resident only their rooms."""

from guanjia.accounts.choices import Role
from guanjia.accounts.scoping import communities_for_user, rooms_for_resident
from tests.factories import RoomFactory, resident_of, staff_with_role


def test_an_agent_of_one_community_does_not_see_the_other(community, other_community):
    agent = staff_with_role(community=community, role=Role.CS_AGENT)

    assert list(communities_for_user(user=agent)) == [community]


def test_a_company_administrator_sees_every_community_of_the_company(community, other_community):
    admin = staff_with_role(community=community, role=Role.COMPANY_ADMIN)

    assert set(communities_for_user(user=admin)) == {community, other_community}


def test_a_resident_sees_only_their_own_rooms_and_no_community_console(community, room):
    neighbour_room = RoomFactory(unit=room.unit, community=community, number="1501")
    zhang = resident_of(room=room)
    resident_of(room=neighbour_room, name="李先生", phone="13900001111")

    assert list(rooms_for_resident(user=zhang)) == [room]
    assert not communities_for_user(user=zhang).exists()
