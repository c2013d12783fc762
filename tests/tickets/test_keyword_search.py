"""The desk searches its queue by a word: Chinese words through the bigram index on PostgreSQL."""

import pytest
from django.db import connection

from guanjia.tickets.models import WorkOrder
from guanjia.tickets.selectors import QueueFilters, workorder_queue, workorders_filter


def _search(user, text, queue="community"):
    return set(workorder_queue(user=user, queue=queue, filters=QueueFilters(q=text)))


def test_an_agent_finds_orders_by_a_word_of_the_description(file_order, agent):
    trapped = file_order(description="2单元电梯困人,里面有老人")
    leak = file_order(description="卫生间天花板漏水")
    lift_noise = file_order(description="电梯运行有异响")

    assert _search(agent, "电梯困人") == {trapped}
    assert _search(agent, "电梯") == {trapped, lift_noise}
    assert _search(agent, "漏水") == {leak}
    assert _search(agent, "水") == {leak}  # one character: still found, by the plain scan
    assert _search(agent, "困人电梯") == set()  # all the pairs of a word, but not in that order


def test_a_word_spanning_no_real_text_finds_nothing(file_order, agent):
    file_order(description="楼道灯不亮")
    # "灯不" and "不亮" each occur, "道灯不亮了" as a whole does not.
    assert _search(agent, "道灯不亮了") == set()


def test_the_contact_name_is_searched_too_and_latin_letters_ignore_case(file_order, agent):
    by_name = file_order(description="门禁卡失效", contact_name="欧阳娜娜", contact_phone="13500001111")
    led = file_order(description="大堂LED灯闪烁")

    assert _search(agent, "欧阳") == {by_name}
    assert _search(agent, "led灯") == {led}
    assert _search(agent, "LED") == {led}


def test_the_search_stays_inside_the_agents_queue_and_community(file_order, agent, outsider, other_community):
    mine = file_order(description="电梯按钮失灵")

    assert _search(agent, "电梯按钮", queue="mine") == {mine}
    assert _search(outsider, "电梯按钮") == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the bigram index exists on PostgreSQL only")
def test_postgresql_answers_a_chinese_word_from_the_bigram_index(file_order, agent):
    found = file_order(description="电梯困人")
    for word in ("电梯困人", "电梯"):  # a longer word, and a two-character one (its own bigram)
        queryset = workorders_filter(WorkOrder.objects.all(), QueueFilters(q=word))
        with connection.cursor() as cursor:
            # A handful of test rows is cheaper to scan: forbid scans to see that the index expression fits.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            plan = queryset.explain()

        assert list(queryset) == [found]
        assert "wo_keyword_bigrams_idx" in plan
