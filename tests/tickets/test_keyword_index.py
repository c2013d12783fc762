"""The bigram index (migration 0007) answers a keyword exactly as a plain substring search would.

PostgreSQL only: SQLite has no such index and always scans.
"""

import pytest
from django.db import connection
from django.db.models import Q

from guanjia.tickets.models import WorkOrder
from guanjia.tickets.selectors import QueueFilters, workorders_filter

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the bigram index exists on PostgreSQL only")

# What the desk hears on a busy morning: repeated pairs, a name and a word meeting at the
# boundary of name and description, Latin letters in both cases, digits among Chinese.
ORDERS = [
    ("张伟", "2单元电梯困人,里面有老人"),
    ("李娜", "电梯运行有异响,电梯门关不上"),
    ("王芳", "卫生间天花板漏水漏水,楼下也在漏"),
    ("欧阳娜娜", "门禁卡失效"),
    ("陈静", "大堂LED灯闪烁"),
    ("刘洋", "3号楼1101室水管爆裂"),
    ("赵磊", "楼道灯不亮"),
    ("孙丽", "Wi-Fi 信号弱,客厅没有网络"),
    ("周杰", "杰出的保洁,表扬一下"),
]
QUERIES = [
    "电梯", "电梯困人", "困人电梯", "漏水", "漏水漏水", "水漏", "楼下也在漏", "欧阳", "娜娜", "欧阳娜娜",
    "led灯", "LED灯", "1101室", "3号楼", "灯不亮", "道灯不亮了", "网络", "信号弱,客厅", "周杰", "杰出",
    "周杰杰出", "电梯门关不上", "没有这样的话",
]


def _search(text):
    return set(workorders_filter(WorkOrder.objects.all(), QueueFilters(q=text)))


def _plain(text):
    return set(WorkOrder.objects.filter(Q(contact_name__icontains=text) | Q(description__icontains=text)))


def test_the_index_finds_the_same_orders_as_a_plain_substring_search(file_order):
    for name, description in ORDERS:
        file_order(contact_name=name, description=description, contact_phone="13500001111")

    for text in QUERIES:
        assert _search(text) == _plain(text), text
    # The cases are not all empty: most words are found, some of them in several orders.
    assert sum(bool(_plain(text)) for text in QUERIES) >= 19
    assert len(_search("电梯")) == 2


def test_a_searched_word_is_answered_from_the_index(file_order):
    file_order(description="电梯困人")
    for word in ("电梯困人", "漏水"):
        queryset = workorders_filter(WorkOrder.objects.all(), QueueFilters(q=word))
        with connection.cursor() as cursor:
            # A handful of rows is cheaper to scan: forbid scans to see that the expression fits the index.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
            plan = queryset.explain()
        assert "Bitmap Index Scan on wo_keyword_bigrams_idx" in plan, plan


def _bigrams(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT guanjia_bigrams(%s)", [text])
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_the_function_gives_each_adjacent_pair_lower_cased():
    assert _bigrams("电梯困人电梯") == ["电梯", "梯困", "困人", "人电", "电梯"]  # GIN drops the repeat itself
    assert _bigrams("LED灯") == ["le", "ed", "d灯"]
    assert _bigrams("水") == []
    assert _bigrams("") == []
    assert _bigrams("a\nb") == ["a\n", "\nb"]


@pytest.mark.django_db
def test_the_function_and_index_can_serve_an_index_and_parallel_plans():
    with connection.cursor() as cursor:
        cursor.execute("SELECT provolatile, proparallel, proisstrict FROM pg_proc WHERE proname = 'guanjia_bigrams'")
        assert cursor.fetchall() == [("i", "s", True)]
        cursor.execute("SELECT pg_get_indexdef('wo_keyword_bigrams_idx'::regclass)")
        assert 'COLLATE "C"' in cursor.fetchone()[0]
