"""Creating staff with roles and residents with phone logins; refusing what makes no sense."""

import pytest
from django.contrib.auth import authenticate

from guanjia.accounts.choices import ROLES_SEEING_PHONES, Role
from guanjia.accounts.scoping import communities_for_user, community_ids_with_roles, roles_for_user
from guanjia.accounts.services import resident_account_create, staff_create, staffrole_grant
from guanjia.core.errors import Conflict, ServiceError
from guanjia.core.taxonomy import Department
from guanjia.properties.services import occupancy_create, person_create
from tests.factories import CommunityFactory, CompanyFactory


def test_a_supervisor_is_created_with_her_role_and_logs_in(community):
    zheng = staff_create(username="zheng", password="guanjia-2026!", company=community.company,
                         display_name="郑主管", department=Department.CUSTOMER_SERVICE,
                         roles=[(Role.CS_SUPERVISOR, community)])

    assert authenticate(username="zheng", password="guanjia-2026!") == zheng
    assert roles_for_user(user=zheng, community=community) == {Role.CS_SUPERVISOR}
    assert list(communities_for_user(user=zheng)) == [community]


def test_a_company_administrator_role_is_company_wide(community, other_community):
    admin = staff_create(username="boss", password="guanjia-2026!", company=community.company,
                         roles=[(Role.COMPANY_ADMIN, community)])

    assert admin.roles.get().community is None
    assert admin.is_staff
    assert community_ids_with_roles(user=admin, roles=ROLES_SEEING_PHONES) == {community.pk, other_community.pk}


def test_phones_are_visible_only_where_the_role_allows(community, other_community):
    clerk = staff_create(username="li", password="guanjia-2026!", company=community.company,
                         roles=[(Role.FINANCE, community), (Role.CS_AGENT, other_community)])

    assert community_ids_with_roles(user=clerk, roles=ROLES_SEEING_PHONES) == {other_community.pk}


@pytest.mark.parametrize(("kwargs", "code"), [
    ({"username": "agent"}, "username_taken"),
    ({"username": "new", "password": "123"}, "password_weak"),
    ({"username": "new", "phone": "12345"}, "phone_invalid"),
    ({"username": " "}, "username_missing"),
])
def test_bad_staff_details_are_refused(community, kwargs, code):
    staff_create(username="agent", password="guanjia-2026!", company=community.company)
    arguments = {"password": "guanjia-2026!", "company": community.company, **kwargs}

    with pytest.raises(ServiceError) as refused:
        staff_create(**arguments)
    assert refused.value.code == code


def test_a_role_in_another_companys_community_is_refused(community):
    agent = staff_create(username="agent", password="guanjia-2026!", company=community.company)
    elsewhere = CommunityFactory(company=CompanyFactory(code="other", name="别家物业"))

    with pytest.raises(ServiceError) as refused:
        staffrole_grant(user=agent, company=community.company, community=elsewhere, role=Role.CS_AGENT)
    assert refused.value.code == "community_elsewhere"
    with pytest.raises(ServiceError):
        staffrole_grant(user=agent, company=community.company, community=community, role="king")


def test_zhang_gets_a_portal_account_on_her_registered_phone(room):
    zhang = person_create(company=room.community.company, name="张女士", phones=["13812345678"])
    occupancy_create(person=zhang, room=room)

    with pytest.raises(ServiceError) as refused:
        resident_account_create(person=zhang, phone="13900000000", password="guanjia-2026!")
    assert refused.value.code == "phone_not_on_record"

    account = resident_account_create(person=zhang, phone="138 1234 5678", password="guanjia-2026!")
    assert authenticate(username="13812345678", password="guanjia-2026!") == account
    assert account.is_resident
    with pytest.raises(Conflict):
        resident_account_create(person=zhang, phone="13812345678", password="guanjia-2026!")
