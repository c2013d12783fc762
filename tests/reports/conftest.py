import pytest
import time_machine

from guanjia.accounts.choices import Role
from tests.factories import staff_with_role

from .history import at


@pytest.fixture
def november():
    """Read on 5 November 2026, when the supervisor writes October's review (ZN-2)."""
    with time_machine.travel(at("2026-11-05 12:00"), tick=False):
        yield


@pytest.fixture
def supervisor(community):
    return staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="supervisor",
                           display_name="李主管")


@pytest.fixture
def agent(community):
    return staff_with_role(community=community, role=Role.CS_AGENT, username="agent", display_name="小王")


@pytest.fixture
def quality(community):
    return staff_with_role(community=community, role=Role.QUALITY, username="quality", display_name="品质赵")
