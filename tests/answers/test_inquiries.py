"""A question with no standard answer is an inquiry owed a reply within 1 hour (REQ-8)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from guanjia.answers import services
from guanjia.answers.models import UnansweredQuestion
from guanjia.answers.selectors import answers_suggest, review_list
from guanjia.core.taxonomy import Channel

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_an_uncovered_question_is_declined_and_gets_a_one_hour_clock(library, community, supervisor):
    asked = datetime(2026, 11, 23, 10, 0, tzinfo=SHANGHAI)
    with time_machine.travel(asked, tick=False):
        found = answers_suggest(community=community, text="小区游泳池几点开放", for_resident=False)
        assert not found.answered and found.items == []
        inquiry = services.inquiry_open(company=library, community=community, text="小区游泳池几点开放",
                                        channel=Channel.PHONE)
    assert inquiry.due_at == asked + timedelta(hours=1)

    with time_machine.travel(asked + timedelta(minutes=50), tick=False):
        review = review_list(user=supervisor)
        assert inquiry in review.unanswered and review.late_count == 0
    with time_machine.travel(asked + timedelta(minutes=61), tick=False):
        review = review_list(user=supervisor)
        assert review.late_count == 1
        assert UnansweredQuestion.objects.get(pk=inquiry.pk).is_late
        services.inquiry_answer(actor=supervisor, inquiry=inquiry, reply="游泳池夏季开放,时间另行通知。")
    inquiry.refresh_from_db()
    assert inquiry.answered_at == asked + timedelta(minutes=61)
    assert inquiry.is_late  # answered, but after the hour


def test_a_declined_question_becomes_an_inquiry_work_order(library, community, agent):
    inquiry = services.answers_decline_to_inquiry(actor=agent, community=community, text="业委会什么时候换届选举",
                                                  channel=Channel.PHONE)
    assert inquiry.work_order is not None
    assert inquiry.work_order.kind == "inquiry"
    assert inquiry.work_order.description == "业委会什么时候换届选举"
    assert inquiry.due_at - inquiry.asked_at == timedelta(hours=1)
