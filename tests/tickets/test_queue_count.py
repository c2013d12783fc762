"""Queue pages count a small queue exactly and a huge one as "1,000+"."""

from rest_framework.test import APIClient

from guanjia.accounts.choices import Role
from guanjia.tickets.pagination import QUEUE_COUNT_CAP, CappedPaginator, QueuePagination
from guanjia.tickets.selectors import workorder_queue
from tests.factories import staff_with_role


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_small_queue_has_its_exact_count(file_order, agent):
    for n in range(3):
        file_order(description=f"第{n}单")

    page = _client(agent).get("/api/v1/work-orders/?queue=community").json()

    assert (page["count"], page["count_capped"], len(page["results"])) == (3, False, 3)


def test_a_company_wide_queue_past_the_cap_says_there_are_more(file_order, community, monkeypatch):
    # The cap is 1,000 in production; five orders over a cap of four tell the same story.
    monkeypatch.setattr(CappedPaginator, "cap", 4)
    monkeypatch.setattr(QueuePagination, "page_size", 2)
    admin = staff_with_role(community=community, role=Role.COMPANY_ADMIN, username="admin_sun")
    for n in range(5):
        file_order(description=f"第{n}单")
    client = _client(admin)

    first = client.get("/api/v1/work-orders/?queue=community").json()
    last = client.get("/api/v1/work-orders/?queue=community&page=2").json()
    beyond = client.get("/api/v1/work-orders/?queue=community&page=3")

    assert (first["count"], first["count_capped"], len(first["results"])) == (4, True, 2)
    assert first["next"] and last["next"] is None
    assert beyond.status_code == 404 and beyond.json()["error"]["code"] == "not_found"


def test_the_count_never_reads_more_than_the_cap(file_order, agent, django_assert_num_queries):
    file_order()
    paginator = CappedPaginator(workorder_queue(user=agent, queue="community"), 50)

    with django_assert_num_queries(1) as captured:
        assert paginator.count == 1 and not paginator.capped

    assert f"LIMIT {QUEUE_COUNT_CAP + 1}" in captured.captured_queries[0]["sql"]
