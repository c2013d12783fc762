"""An agent logs in to the console in a real browser and the page speaks Chinese."""

from guanjia.accounts.choices import Role
from tests.browser.support import login
from tests.factories import staff_with_role


def test_an_agent_logs_in_and_sees_her_community_in_chinese(laptop, community, shot, transactional_db):
    staff_with_role(community=community, role=Role.CS_AGENT, username="xiaowang")
    page = laptop.new_page()

    login(page, username="xiaowang")

    assert page.locator("html").get_attribute("lang") == "zh-hans"
    assert community.name in page.content()
    shot(page, "console-home")
