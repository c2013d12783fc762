"""In a real browser, with the demo company: the supervisor reads the dashboard, follows a KPI
to its orders, generates the month's review and opens its print version."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from guanjia.properties.demo import DEMO_PASSWORD, demo_build
from guanjia.sla.calendar import is_working_day
from tests.browser.support import LAPTOP, _context, login

from .history import EventType, Kind, RatingLevel, happen, rated, received

pytestmark = pytest.mark.browser


@pytest.fixture
def laptop(chromium, live_server):  # noqa: F811
    context = _context(chromium, live_server, LAPTOP)
    yield context
    context.close()


def _last_desk_morning():
    """10:00 on the latest working day that is over by an hour: the 15-minute acknowledgement
    runs on desk time, so an order received after hours is not late yet whatever happens to it,
    and the story must not depend on the hour the suite runs."""
    now = timezone.localtime()
    day = now.date() if now.time() >= time(11, 0) else now.date() - timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return datetime.combine(day, time(10, 0), tzinfo=now.tzinfo)


def _minutes_after(base, minutes):
    return timezone.localtime(base + timedelta(minutes=minutes)).strftime("%Y-%m-%d %H:%M")


def test_supervisor_reads_the_dashboard_and_the_monthly_review(laptop, shot, live_server,  # noqa: F811
                                                              transactional_db):
    demo = demo_build(rooms=80, communities=1)
    community = demo.communities[0]
    base = _last_desk_morning()  # every order lands on the same day as ``base``
    for minute in (0, 5, 10):
        order = received(community, _minutes_after(base, minute), kind=Kind.COMPLAINT, asset_key="5栋电梯",
                         contact_phone="13812345678")
        happen(order, EventType.ACKNOWLEDGED, _minutes_after(base, minute + 30))  # 30 minutes: late
    rated(order, RatingLevel.DISSATISFIED, _minutes_after(base, 35), comment="电梯三天两头坏")
    day = timezone.localtime(base).date()
    page = laptop.new_page()
    login(page, username="supervisor", password=DEMO_PASSWORD, next_url="/reports/")

    page.goto(f"/reports/?community={community.pk}&date_from={day}&date_to={timezone.localdate()}")
    shot(page, "dashboard-opened")
    tile = page.locator("a.kpi[data-kpi=complaint_on_time]")
    assert "0.0%" in tile.inner_text()
    assert page.locator("#hot-title + table").inner_text().count("5栋电梯") == 1
    assert page.evaluate("typeof Chart") == "function"
    assert page.locator("#chart-category").bounding_box()["height"] > 0
    shot(page, "dashboard")

    page.locator("a.kpi[data-kpi=complaint_on_time]").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("tbody tr").count() == 3
    shot(page, "orders-behind-the-kpi")

    page.goto("/reports/reviews/")
    page.select_option("#r-community", str(community.pk))
    page.fill("#r-month", f"{day:%Y-%m}")
    page.click("form[action='/reports/reviews/generate/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "5栋电梯" in page.content()
    page.fill("#notes", "约谈电梯维保单位，每日巡查")
    page.click("text=保存")
    page.wait_for_load_state("networkidle")
    assert page.locator("#notes").input_value() == "约谈电梯维保单位，每日巡查"
    shot(page, "review")

    page.goto(f"/reports/reviews/{community.pk}/{day:%Y-%m}/print/")
    assert "约谈电梯维保单位" in page.content()
    shot(page, "review-print")
