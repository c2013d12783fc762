"""The bulk writer behind the demo history and the benchmark: what goes in reads back unchanged,
columns left out take their model default, and a big load leaves the schema as it found it."""

import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, transaction

from guanjia.core.bulk import BulkTable, allocate_ids, epoch_seconds, indexes_deferred
from guanjia.sla.models import Clock
from guanjia.tickets.models import WorkOrder, WorkOrderEvent

SHANGHAI = ZoneInfo("Asia/Shanghai")
CALLED = datetime(2026, 3, 9, 7, 59, 57, tzinfo=SHANGHAI)  # 23:59:57 UTC: the rows cross midnight there


@pytest.fixture
def order(community):
    return WorkOrder.objects.create(community=community, number="CH-20260308-0001", channel="phone",
                                    description="楼道灯不亮")


@pytest.mark.django_db
def test_awkward_notes_times_and_nulls_read_back_exactly_as_written(order, agent):
    notes = ["师傅说\t明天再来", "第一行\n第二行", r"C:\维修\记录", "\\N", "", "普通备注"]
    rows = [(order.pk, "note", epoch_seconds(CALLED) + i, agent.pk if i % 2 else None, note, "internal",
             '{"said": "\\u5e08\\u5085"}' if i == 0 else "{}")
            for i, note in enumerate(notes)]

    written = BulkTable(WorkOrderEvent, ["order_id", "type", "at", "actor_id", "note", "visibility", "data"]).write(rows)

    assert written == len(notes)
    events = list(WorkOrderEvent.objects.filter(order=order).order_by("at"))
    assert [e.note for e in events] == notes
    assert [e.at for e in events] == [CALLED + timedelta(seconds=i) for i in range(len(notes))]
    assert [e.actor_id for e in events] == [None, agent.pk] * 3
    assert events[0].data == {"said": "师傅"} and events[1].data == {}


@pytest.mark.django_db
def test_clock_columns_take_seconds_and_the_rest_their_model_defaults(order):
    due = CALLED + timedelta(minutes=15)
    BulkTable(Clock, ["order_id", "type", "state", "started_at", "due_at", "warn_at", "duration", "met_at"]).write(
        [(order.pk, "acknowledge", "met", epoch_seconds(CALLED), epoch_seconds(due), due - timedelta(minutes=3),
          900, CALLED + timedelta(minutes=7))])

    clock = Clock.objects.get(order=order)
    assert (clock.started_at, clock.due_at, clock.warn_at) == (CALLED, due, due - timedelta(minutes=3))
    assert clock.duration == timedelta(minutes=15) and clock.met_at == CALLED + timedelta(minutes=7)
    assert clock.paused_total == timedelta(0) and clock.pauses is False and clock.breached_at is None
    assert clock.created_at is not None  # the time of the load, as bulk_create would have set it


@pytest.mark.django_db
def test_a_column_that_needs_its_own_value_per_row_must_be_given(community):
    with pytest.raises(ValueError, match="tracking_token"):
        BulkTable(WorkOrder, ["community_id", "number", "uuid", "channel", "description"])


@pytest.mark.django_db
def test_allocated_ids_are_the_ids_the_rows_get(community):
    ids = allocate_ids(WorkOrder, 3)
    BulkTable(WorkOrder, ["id", "community_id", "number", "uuid", "tracking_token", "channel", "description"]).write(
        [(pk, community.pk, f"CH-20260308-{n:04d}", f"00000000-0000-4000-8000-00000000000{n}", f"token-{n}",
          "phone", "电梯异响") for n, pk in enumerate(ids, start=1)])

    assert list(WorkOrder.objects.order_by("id").values_list("id", "number")) == [
        (pk, f"CH-20260308-{n:04d}") for n, pk in enumerate(ids, start=1)]


@pytest.mark.django_db
def test_an_order_is_found_by_its_public_id_however_the_id_was_spelt(community):
    dashed, bare, typed = (f"00000000-0000-4000-8000-00000000000{n}" for n in (1, 2, 3))
    BulkTable(WorkOrder, ["community_id", "number", "uuid", "tracking_token", "channel", "description"]).write(
        [(community.pk, f"CH-20260308-000{n}", public_id, f"token-{n}", "phone", "电梯异响")
         for n, public_id in enumerate((dashed, bare.replace("-", ""), uuid.UUID(typed)), start=1)])

    # The order page and the API look an order up by its UUID: each of them must be found.
    assert [WorkOrder.objects.get(uuid=uuid.UUID(u)).number for u in (dashed, bare, typed)] == [
        "CH-20260308-0001", "CH-20260308-0002", "CH-20260308-0003"]


def _schema(tables):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) ORDER BY 1", [tables])
        indexes = cursor.fetchall()
        cursor.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                       "WHERE conrelid = ANY(%s::regclass[]) ORDER BY 1", [tables])
        return indexes, cursor.fetchall()


postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="index handling is PostgreSQL's")


@postgres_only
@pytest.mark.django_db
def test_a_big_load_finds_every_index_and_constraint_back(order):
    tables = ["tickets_workorderevent", "sla_clock"]
    before = _schema(tables)
    assert len(before[0]) > 5 and any("FOREIGN KEY" in d for _n, d in before[1])

    with indexes_deferred([WorkOrderEvent, Clock]):
        assert len(_schema(tables)[0]) == 2  # only the primary keys while loading
        BulkTable(WorkOrderEvent, ["order_id", "type", "at"]).write([(order.pk, "created", epoch_seconds(CALLED))])

    assert _schema(tables) == before
    assert WorkOrderEvent.objects.filter(order=order).count() == 1


@postgres_only
@pytest.mark.django_db
def test_a_failed_load_inside_a_transaction_rolls_the_drops_back_too(order):
    tables = ["tickets_workorderevent"]
    before = _schema(tables)

    with pytest.raises(RuntimeError), transaction.atomic(), indexes_deferred([WorkOrderEvent]):
        BulkTable(WorkOrderEvent, ["order_id", "type", "at"]).write([(order.pk, "created", epoch_seconds(CALLED))])
        raise RuntimeError("the generator failed half way")

    assert _schema(tables) == before
    assert not WorkOrderEvent.objects.filter(order=order).exists()
