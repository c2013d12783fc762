"""The top bar tells each member of staff who is logged in and links only the screens their roles
may use; supervisors are warned when next year's holidays have not been entered."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from guanjia.accounts.choices import Role
from guanjia.sla.models import CalendarDay
from tests.factories import staff_with_role

pytestmark = pytest.mark.django_db
# Late November 2026: the packaged calendar stops at 2026, so 2027 is unknown unless entered.
LATE_NOVEMBER = dt.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
MIDSUMMER = dt.datetime(2026, 7, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _bar(client, user):
    client.force_login(user)
    response = client.get(reverse("console:orders"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_agent_sees_her_name_and_no_link_she_would_be_refused(client, agent):
    html = _bar(client, agent)
    assert "客服小李" in html
    assert reverse("reports:dashboard") not in html, "reports refuse an agent"
    assert reverse("answers:review") not in html and reverse("console:plans") not in html
    assert reverse("console:unread") in html, "the unread count is polled"
    assert 'name="language"' in html, "the language switcher"


def test_the_supervisor_gets_reports_answer_review_and_the_board(client, supervisor):
    html = _bar(client, supervisor)
    assert "陈主管" in html
    for url in (reverse("reports:dashboard"), reverse("answers:review"), reverse("console:board")):
        assert f'href="{url}"' in html
        assert client.get(url).status_code == 200, f"a link the supervisor is given must open: {url}"
    assert reverse("console:plans") not in html, "plans are approved by the project manager"


def test_the_technician_is_not_sent_to_the_supervisors_board(client, technician):
    html = _bar(client, technician)
    assert f'href="{reverse("console:board")}"' not in html and f'href="{reverse("console:tech")}"' in html


@time_machine.travel(LATE_NOVEMBER, tick=False)
def test_supervisor_is_warned_that_next_years_holidays_are_missing_until_they_are_entered(client, supervisor):
    assert "calendar-warning" in _bar(client, supervisor)
    CalendarDay.objects.create(date=dt.date(2027, 1, 1), is_working_day=False, name="元旦")
    assert "calendar-warning" not in _bar(client, supervisor)


@time_machine.travel(LATE_NOVEMBER, tick=False)
def test_the_agent_is_not_troubled_with_the_calendar(client, agent):
    assert "calendar-warning" not in _bar(client, agent)


@time_machine.travel(MIDSUMMER, tick=False)
def test_no_warning_months_before_the_year_turns(client, community):
    admin = staff_with_role(community=community, role=Role.COMPANY_ADMIN, username="boss")
    assert "calendar-warning" not in _bar(client, admin)


def test_the_queue_refreshes_at_the_configured_pace(client, agent, settings):
    settings.GUANJIA_QUEUE_REFRESH_SECONDS = 7
    assert 'hx-trigger="every 7s"' in _bar(client, agent)
    settings.GUANJIA_QUEUE_REFRESH_SECONDS = 0
    assert 'hx-trigger="every 2s"' in _bar(client, agent), "a zero in the setting never hammers the server"


def test_the_top_bar_costs_a_fixed_number_of_queries(client, supervisor, django_assert_max_num_queries):
    client.force_login(supervisor)
    client.get(reverse("console:intake"))
    with django_assert_max_num_queries(20):
        client.get(reverse("console:intake"))


def test_the_front_door_opens_on_each_persons_own_work(client, agent, technician, supervisor):
    client.force_login(supervisor)
    assert client.get(reverse("console:home"))["Location"] == reverse("console:board"), "陈主管 starts at the board"
    client.force_login(technician)
    assert client.get(reverse("console:home"))["Location"] == reverse("console:tech"), "王师傅 starts at his jobs"
    client.force_login(agent)
    assert client.get(reverse("console:home"))["Location"] == reverse("console:orders")
