import pytest

from guanjia.accounts.choices import Role
from tests.factories import staff_with_role


@pytest.fixture
def agent(community):
    return staff_with_role(community=community, role=Role.CS_AGENT, username="agent_li", display_name="李客服")


@pytest.fixture
def supervisor(community):
    return staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="sup_wang",
                           display_name="王主管")


@pytest.fixture
def project_manager(community):
    return staff_with_role(community=community, role=Role.PROJECT_MANAGER, username="pm_zhao",
                           display_name="赵经理")


@pytest.fixture
def zone_manager(community, room):
    manager = staff_with_role(community=community, role=Role.ZONE_MANAGER, username="zone_chen",
                              display_name="陈管家")
    zone = room.unit.building.zone
    zone.manager = manager
    zone.save()
    return manager
