import pytest

from tests.browser.support import chromium, laptop, phone, shot  # noqa: F401 - one Chromium for the whole run
from tests.factories import CommunityFactory, RoomFactory


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
