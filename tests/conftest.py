import pytest

from guanjia.accounts.choices import Role
from tests.browser.support import chromium, laptop, phone, shot  # noqa: F401 - one Chromium for the whole run
from tests.factories import CommunityFactory, RoomFactory, staff_with_role


@pytest.fixture(autouse=True)
def _no_automatic_triage(settings):
    """Intake's automatic triage suggestion is off in tests, so a story's classification is the one
    it sets; tests of the wiring turn it on with ``settings.GUANJIA_TRIAGE_SUGGEST``."""
    settings.GUANJIA_TRIAGE_SUGGEST = ""


@pytest.fixture
def community(db):
    return CommunityFactory(name="翠湖花园", code="CH")


@pytest.fixture
def other_community(db, community):
    return CommunityFactory(company=community.company, name="锦绣苑", code="JX")


@pytest.fixture
def room(community):
    return RoomFactory(unit__building__community=community, unit__building__number="3", unit__number="2",
                       number="1502")


# The desk's staff in every story: agent 客服小李, supervisor 陈主管, technician 王师傅.
@pytest.fixture
def agent(community):
    return staff_with_role(community=community, role=Role.CS_AGENT, username="agent_xiaoli",
                           display_name="客服小李", department="customer_service")


@pytest.fixture
def supervisor(community):
    return staff_with_role(community=community, role=Role.CS_SUPERVISOR, username="sup_chen",
                           display_name="陈主管", department="customer_service")


@pytest.fixture
def technician(community):
    return staff_with_role(community=community, role=Role.TECHNICIAN, username="tech_wang",
                           display_name="王师傅", department="engineering", phone="13700000001",
                           skills=["plumbing", "facility"])
