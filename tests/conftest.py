import pytest

from tests.factories import CommunityFactory, RoomFactory


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
