"""The demo company: deterministic, idempotent, every role staffed, residents who can log in."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from guanjia.accounts.choices import Role
from guanjia.accounts.scoping import communities_for_user
from guanjia.properties import demo
from guanjia.properties.choices import RoomState
from guanjia.properties.models import Community, Company, Occupancy, Person, Room
from guanjia.properties.selectors import households_search
from tests.factories import CommunityFactory, CompanyFactory

User = get_user_model()


def _fingerprint():
    return list(Occupancy.objects.order_by("room__community__code", "room__code", "relation", "person__name")
                .values_list("room__community__code", "room__code", "relation", "person__name",
                             "person__phones__number"))


@pytest.mark.django_db
def test_the_standard_demo_has_two_communities_of_the_right_sizes_and_every_role():
    result = demo.demo_build()

    assert [(c.code, c.name) for c in result.communities] == [("CH", "翠湖花园"), ("JX", "锦绣苑")]
    occupied = {c.code: Room.objects.filter(community=c, state=RoomState.OCCUPIED).count()
                for c in result.communities}
    assert 560 <= occupied["CH"] <= 660
    assert 220 <= occupied["JX"] <= 280
    assert Room.objects.exclude(state=RoomState.OCCUPIED).filter(state=RoomState.RENOVATING).exists()
    held = set(User.objects.filter(roles__company=result.company).values_list("roles__role", flat=True))
    assert held == set(Role.values)
    assert all(zone.manager_id for c in result.communities for zone in c.zones.all())
    # Every room code is the canonical shape, and JX's single-unit buildings are found as "3-1502".
    assert not Room.objects.exclude(code__regex=r"^[0-9A-Z]+-[0-9A-Z]+-[0-9A-Z]+$").exists()
    agent_jx = User.objects.get(username="agent-jx")
    assert [h.room.code for h in households_search(user=agent_jx, q="3栋1502")] == ["3-1-1502"]


@pytest.mark.django_db
def test_demo_logins_work_and_stay_in_their_community():
    result = demo.demo_build()

    agent = authenticate(username="agent", password=demo.DEMO_PASSWORD)
    assert list(communities_for_user(user=agent)) == [result.communities[0]]
    resident = next(login for login in result.logins if login.login.isdigit())
    zhang = authenticate(username=resident.login, password=demo.DEMO_PASSWORD)
    assert zhang is not None and zhang.is_resident
    assert {"admin", "agent", "tech", "supervisor", "manager", "finance"} <= {login.login for login in result.logins}


@pytest.fixture
def without_other_apps_hooks(monkeypatch):
    """The register's own behaviour, without the work orders and answers other apps add."""
    monkeypatch.setattr(demo, "_HOOKS", [])


@pytest.mark.django_db
def test_load_demo_twice_does_not_duplicate_and_reset_rebuilds_the_same_register(without_other_apps_hooks):
    out = StringIO()
    call_command("load_demo", stdout=out, skip_checks=True)
    first = _fingerprint()
    people = Person.objects.count()

    call_command("load_demo", stdout=out, skip_checks=True)
    assert Person.objects.count() == people
    assert "already loaded" in out.getvalue()
    assert "agent" in out.getvalue() and demo.DEMO_PASSWORD in out.getvalue()

    call_command("load_demo", "--reset", stdout=StringIO(), skip_checks=True)
    assert Company.objects.filter(code=demo.DEMO_COMPANY_CODE).count() == 1
    assert _fingerprint() == first


@pytest.mark.django_db
def test_reset_also_removes_other_apps_demo_rows_that_protect_the_register():
    from guanjia.tickets.models import WorkOrder

    result = demo.demo_build(rooms=40, communities=1)
    room = Room.objects.filter(community=result.communities[0]).first()
    WorkOrder.objects.create(community=room.community, room=room, number="CH-20261122-0001", channel="phone",
                             tracking_token="demo-token-1", description="厨房漏水")
    outside = CommunityFactory(company=CompanyFactory(code="elsewhere", name="别家物业"))

    demo.demo_reset()

    assert not WorkOrder.objects.exists()
    assert not Company.objects.filter(code=demo.DEMO_COMPANY_CODE).exists()
    assert Community.objects.get() == outside


@pytest.mark.django_db
def test_the_scale_option_spreads_rooms_over_communities_and_hooks_run(without_other_apps_hooks):
    seen = []
    demo.register_demo_hook(seen.append)

    result = demo.demo_load(rooms=600, communities=3, seed=7)

    assert seen == [result]
    assert [c.code for c in result.communities] == ["CH", "JX", "S002"]
    assert Room.objects.count() == 600
    assert result.counts["rooms"] == 600
