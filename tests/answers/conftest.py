import pytest

from guanjia.accounts.choices import Role
from guanjia.answers.demo import demo_answers_load
from tests.factories import staff_with_role


@pytest.fixture
def library(community, other_community):
    """The 120 starting answers, live, with the figures of 翠湖花园 (CH) and 锦绣苑 (JX)."""
    demo_answers_load(company=community.company, communities=[community, other_community])
    return community.company


@pytest.fixture
def agent(community):
    return staff_with_role(community=community, role=Role.CS_AGENT, username="agent", display_name="王小丽")


@pytest.fixture
def supervisor(community):
    return staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="supervisor",
                           display_name="郑主管")
