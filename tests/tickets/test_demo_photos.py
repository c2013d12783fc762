"""The generated history carries photos where a real desk has them — residents' pictures with their
mini-program reports, technicians' before/after shots of their repairs — and every one of them is a
real picture the order page, the tracking page and the API can show. Regenerating reuses the same
few dozen files instead of leaving more behind."""

from datetime import datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import time_machine
from django.conf import settings
from django.db.models import Count, F
from django.test import RequestFactory
from django.urls import reverse
from django.views.static import serve
from PIL import Image

from guanjia.core.models import Photo
from guanjia.core.photos import THUMBNAIL_SIZE
from guanjia.tickets.choices import EventType
from guanjia.tickets.demo import demo_orders_build
from guanjia.tickets.demo_photos import (
    AFTER,
    POOL_DIR,
    REPORT_PHOTO_SHARE,
    SUBJECTS,
    caption,
    sample_pool_ready,
)
from guanjia.tickets.models import WorkOrder, WorkOrderEvent
from tests.factories import RoomFactory, resident_of
from tests.tickets.test_demo_history import _desk

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
Link = WorkOrderEvent.photos.through


def _pool_files():
    """The sample files in this story's media folder (tests/tickets/conftest.py gives each its own)."""
    root = settings.MEDIA_ROOT / POOL_DIR
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def _photos_of(event_type):
    """Events of this type with photos: {event: [photos in the order the page shows them]}."""
    events = WorkOrderEvent.objects.filter(type=event_type, photos__isnull=False).distinct()
    return {e: list(e.photos.all()) for e in events.select_related("order", "actor").prefetch_related("photos")}


@time_machine.travel(NOW, tick=False)
def test_residents_send_photos_with_their_reports_and_technicians_with_their_repairs(community):
    _desk(community)
    zhang = resident_of(room=RoomFactory(unit__building__community=community, number="1801"))

    demo_orders_build(communities=[community], orders_per_community=800, months=3, now=NOW)

    # Reports: only repairs and complaints that came in by the mini-program, an owner group or a
    # patrol, one to three pictures of the problem, sent by the resident or logged by staff.
    reports = _photos_of(EventType.CREATED)
    assert reports
    for event, photos in reports.items():
        order = event.order
        assert order.channel in REPORT_PHOTO_SHARE
        assert order.kind in ("repair", "complaint")
        assert order.category not in ("fee", "service", "other")
        assert 1 <= len(photos) <= 3
        assert all("-2" not in p.image.name for p in photos)  # problem shots, not "after repair" ones
        expected = (zhang.pk if order.person_id == zhang.person_id else None) if order.channel == "portal" \
            else event.actor_id
        assert {p.uploaded_by_id for p in photos} == {expected}
    assert not WorkOrder.objects.filter(channel="phone", events__type=EventType.CREATED,
                                        events__photos__isnull=False).exists()
    portal = WorkOrder.objects.filter(channel="portal", kind="repair", category="facility")
    share = portal.filter(events__type=EventType.CREATED, events__photos__isnull=False).distinct().count() \
        / portal.count()
    assert 0.45 < share < 0.75  # six in ten of the mini-program's repair reports

    # Repairs: the technician's photos on the resolved event, the last one taken after the work.
    repairs = _photos_of(EventType.RESOLVED)
    assert repairs
    for event, photos in repairs.items():
        assert event.order.kind == "repair"
        assert 1 <= len(photos) <= 3
        assert photos[-1].image.name.endswith("-2.jpg")
        assert {p.uploaded_by_id for p in photos} == {event.actor_id} == {event.order.assignee_id}
    resolved = WorkOrder.objects.filter(kind="repair", resolved_at__isnull=False)
    share = len({e.order_id for e in repairs}) / resolved.count()
    assert 0.6 < share < 0.8  # seven in ten completed repairs

    # Every row is a photo of the order's community, taken when its event happened.
    links = Link.objects.filter(workorderevent__order__community=community)
    assert not links.exclude(photo__created_at=F("workorderevent__at")).exists()
    assert not Photo.objects.exclude(community=community).exists()
    assert Photo.objects.count() == links.count()  # one event per photo row


@time_machine.travel(NOW, tick=False)
def test_every_photo_row_points_at_a_real_picture_from_a_small_pool(community):
    _desk(community)

    demo_orders_build(communities=[community], orders_per_community=300, months=2, now=NOW)

    pool = sample_pool_ready()
    files = Photo.objects.values("image", "thumbnail", "width", "height", "size").annotate(rows=Count("id"))
    assert Photo.objects.count() > len(files)  # many rows share one file
    assert len(files) <= pool.files // 2
    for row in files:
        with Photo._meta.get_field("image").storage.open(row["image"]) as handle:
            data = handle.read()
        full = Image.open(BytesIO(data))
        assert (full.format, full.size, len(data)) == ("JPEG", (row["width"], row["height"]), row["size"])
        with Photo._meta.get_field("thumbnail").storage.open(row["thumbnail"]) as handle:
            thumb = Image.open(handle)
            assert thumb.format == "JPEG" and max(thumb.size) <= max(THUMBNAIL_SIZE)
    assert len(_pool_files()) == pool.files


@time_machine.travel(NOW, tick=False)
def test_the_desk_and_the_resident_see_a_generated_orders_photos(community, client):
    agent = _desk(community)
    demo_orders_build(communities=[community], orders_per_community=300, months=2, now=NOW)
    order = (WorkOrder.objects.filter(events__type=EventType.CREATED, events__photos__isnull=False)
             .filter(events__type=EventType.RESOLVED, events__photos__isnull=False).distinct().first()
             or WorkOrder.objects.filter(events__photos__isnull=False).first())
    photos = list(Photo.objects.filter(pk__in=Link.objects.filter(workorderevent__order=order).values("photo_id")))

    # The desk's order page: found by its public id, each photo a thumbnail linking to the picture,
    # both served by the media view the demo (DEBUG) mounts.
    client.force_login(agent)
    page = client.get(reverse("console:order", args=[order.uuid]))
    assert page.status_code == 200
    html = page.content.decode()
    for photo in photos:
        for field in (photo.image, photo.thumbnail):
            assert field.url in html
            served = serve(RequestFactory().get(field.url), field.url.removeprefix(settings.MEDIA_URL),
                           document_root=settings.MEDIA_ROOT)
            assert served.status_code == 200
            assert Image.open(BytesIO(b"".join(served.streaming_content))).format == "JPEG"
    client.logout()

    # The resident's tracking page behind the QR code shows the same photos through its own links.
    tracking = client.get(reverse("tracking:page", args=[order.tracking_token]))
    assert tracking.status_code == 200
    for photo in photos:
        for name, size in (("tracking:photo", (photo.width, photo.height)), ("tracking:photo-thumb", None)):
            url = reverse(name, args=[order.tracking_token, photo.uuid])
            assert url in tracking.content.decode()
            picture = client.get(url)
            assert picture.status_code == 200 and picture["Content-Type"] == "image/jpeg"
            shown = Image.open(BytesIO(b"".join(picture.streaming_content)))
            assert shown.size == size if size else max(shown.size) <= max(THUMBNAIL_SIZE)


@time_machine.travel(NOW, tick=False)
def test_regenerating_the_history_reuses_the_same_files(community):
    _desk(community)
    demo_orders_build(communities=[community], orders_per_community=200, months=2, now=NOW, seed=1)
    first = _pool_files()
    Photo.objects.filter(community=community).delete()
    WorkOrder.objects.filter(community=community).delete()

    demo_orders_build(communities=[community], orders_per_community=200, months=2, now=NOW, seed=2)
    demo_orders_build(communities=[community], orders_per_community=200, months=2, now=NOW, seed=3)

    assert _pool_files() == first
    assert len(first) == sample_pool_ready().files


def test_a_damaged_sample_file_is_drawn_again_in_its_place(db):
    pool = sample_pool_ready()
    storage = Photo._meta.get_field("image").storage
    broken = pool.subjects["facility"][0].after
    with storage.open(broken.image, "wb") as handle:
        handle.write(b"half a jpeg")

    again = sample_pool_ready()

    assert again.subjects["facility"][0].after == broken
    with storage.open(broken.image) as handle:
        assert Image.open(handle).size == (broken.width, broken.height)
    assert len(_pool_files()) == pool.files


def test_sample_photos_say_what_they_show_in_the_desks_language():
    assert caption("leak", 0, chinese=True) == "管家示例照片  |  漏水 · 报修 1"
    assert caption("leak", AFTER, chinese=True).endswith("漏水 · 维修后")
    assert caption("leak", 0, chinese=False) == "Guanjia sample photo  |  Water leak - report 1"
    # Every subject has its Chinese label.
    assert all(caption(key, 0, chinese=True) for key in SUBJECTS)
