"""张女士 follows her leaking-pipe repair on her phone, without logging in, and rates it."""

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import segno
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from guanjia.accounts.choices import Role
from guanjia.core.photos import photo_store
from guanjia.tickets.choices import EventType, PlanStatus, RatingLevel, RatingSource, Status, Visibility
from guanjia.tickets.models import Plan, Rating, WorkOrder, WorkOrderEvent
from tests.factories import RoomFactory, staff_with_role

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PUBLIC_BASE_URL = "https://kefu.example.com"


@pytest.fixture
def technician(community):
    return staff_with_role(community=community, role=Role.TECHNICIAN, username="tech-wang",
                           display_name="王师傅", phone="13900001234")


def a_photo(colour: str, community):
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="JPEG")
    return photo_store(file=SimpleUploadedFile("p.jpg", out.getvalue()), community=community)


def event(order, type_, *, visibility=Visibility.RESIDENT, note="", actor=None, photos=(), minutes=0):
    created = WorkOrderEvent.objects.create(order=order, type=type_, visibility=visibility, note=note,
                                            actor=actor, at=order.created_at + timedelta(minutes=minutes))
    created.photos.add(*photos)
    return created


@pytest.fixture
def zhang_order(community, room, technician):
    received = datetime(2026, 11, 22, 9, 0, tzinfo=SHANGHAI)
    order = WorkOrder.objects.create(
        community=community, number="WT-20261122-0007", channel="phone", room=room, created_at=received,
        contact_name="张女士", contact_phone="13812345678", description="厨房水管漏水，地上都是水",
        status=Status.ACCEPTED, assignee=technician, acknowledged_at=received + timedelta(minutes=8),
        visit_at=datetime(2026, 11, 22, 14, 30, tzinfo=SHANGHAI))
    event(order, EventType.CREATED, note="已收到您的报修")
    event(order, EventType.CLASSIFIED, visibility=Visibility.INTERNAL, note="业主情绪激动，注意沟通方式", minutes=5)
    event(order, EventType.ACCEPTED, actor=technician, note="王师傅已接单", minutes=20)
    return order


@pytest.fixture
def neighbour_order(community, room):
    other_room = RoomFactory(unit=room.unit, number="1602", code="3-2-1602")
    return WorkOrder.objects.create(community=community, number="WT-20261122-0008", channel="phone",
                                    room=other_room, contact_phone="13700007777", description="邻居家的门铃坏了")


def page(client, order):
    return client.get(f"/t/{order.tracking_token}")


def test_the_page_shows_the_resident_timeline_worker_and_arrival_without_internal_notes(client, zhang_order):
    response = page(client, zhang_order)
    html = response.content.decode()

    assert response.status_code == 200
    assert "WT-20261122-0007" in html
    assert "已收到您的报修" in html and "王师傅已接单" in html
    assert "业主情绪激动" not in html  # the internal classification note stays internal
    assert "王师傅" in html and 'href="tel:13900001234"' in html
    assert 'datetime="2026-11-22T14:30:00+08:00"' in html  # expected arrival, in Shanghai time
    assert 'datetime="2026-11-22T09:20:00+08:00"' in html  # when the worker accepted
    assert "138****5678" in html and "13812345678" not in html
    assert 'name="viewport"' in html
    # same-origin, not no-referrer: the token never leaves in a Referer, but the rating form's POST
    # keeps its Origin header, which Django's CSRF check needs (no-referrer sends "Origin: null").
    assert response["Referrer-Policy"] == "same-origin"
    assert "private" in response["Cache-Control"]


def test_nothing_about_the_neighbours_order_appears(client, zhang_order, neighbour_order):
    event(neighbour_order, EventType.NOTE, note="邻居的门铃已修好")
    html = page(client, zhang_order).content.decode()
    assert "WT-20261122-0008" not in html and "门铃" not in html and "7777" not in html


def test_the_page_costs_the_same_queries_with_many_events_and_photos(client, zhang_order, community,
                                                                     django_assert_max_num_queries):
    for i in range(15):
        event(zhang_order, EventType.NOTE, note=f"现场步骤{i}号", photos=[a_photo("blue", community)], minutes=30 + i)
    with django_assert_max_num_queries(5):  # order, plan, events, their photos; not resolved: no rating query
        response = page(client, zhang_order)
    html = response.content.decode()
    assert all(f"现场步骤{i}号" in html for i in range(15))


def test_an_unknown_or_malformed_token_gets_a_friendly_404(client):
    for path in ("/t/not-a-real-token-at-all", "/t/" + "x" * 200, "/t/nope/qr.svg", "/t/nope/rate"):
        response = client.get(path)
        assert response.status_code in (404, 405), path
    response = client.get("/t/not-a-real-token-at-all")
    assert response.status_code == 404
    assert "<main>" in response.content.decode()


def test_photos_of_resident_events_are_served_thumbnail_and_full_size(client, zhang_order, community):
    photo = a_photo("red", community)
    event(zhang_order, EventType.NOTE, note="更换了角阀", photos=[photo], minutes=60)
    html = page(client, zhang_order).content.decode()
    thumb_url = f"/t/{zhang_order.tracking_token}/photos/{photo.uuid}/thumb"
    assert thumb_url in html

    thumb = client.get(thumb_url)
    full = client.get(f"/t/{zhang_order.tracking_token}/photos/{photo.uuid}")
    assert thumb.status_code == full.status_code == 200
    assert full["Content-Type"] == "image/jpeg"
    assert b"".join(full.streaming_content)[:2] == b"\xff\xd8"
    thumb.close()


def test_an_internal_photo_and_another_orders_photo_cannot_be_fetched_with_this_token(
        client, zhang_order, neighbour_order, community):
    internal = a_photo("black", community)
    event(zhang_order, EventType.NOTE, visibility=Visibility.INTERNAL, photos=[internal])
    neighbours = a_photo("green", community)
    event(neighbour_order, EventType.NOTE, photos=[neighbours])

    for photo in (internal, neighbours):
        for suffix in ("", "/thumb"):
            response = client.get(f"/t/{zhang_order.tracking_token}/photos/{photo.uuid}{suffix}")
            assert response.status_code == 404
    # The neighbour's own link still shows the neighbour's photo.
    own = client.get(f"/t/{neighbour_order.tracking_token}/photos/{neighbours.uuid}")
    assert own.status_code == 200
    own.close()


def qr_matrix_from_png(png: bytes, *, scale=8, border=2) -> list[list[int]]:
    image = Image.open(io.BytesIO(png)).convert("L")
    modules = image.width // scale - 2 * border
    return [[1 if image.getpixel(((c + border) * scale + scale // 2, (r + border) * scale + scale // 2)) < 128
             else 0 for c in range(modules)] for r in range(modules)]


def test_the_qr_code_encodes_the_public_tracking_url(client, zhang_order):
    url = f"https://kefu.example.com/t/{zhang_order.tracking_token}"
    expected = segno.make(url, error="m", micro=False)

    png = client.get(f"/t/{zhang_order.tracking_token}/qr.png")
    assert png.status_code == 200 and png["Content-Type"] == "image/png"
    assert qr_matrix_from_png(png.content) == [list(row) for row in expected.matrix]

    svg = client.get(f"/t/{zhang_order.tracking_token}/qr.svg")
    assert svg.status_code == 200 and svg["Content-Type"] == "image/svg+xml"
    out = io.BytesIO()
    expected.save(out, kind="svg", scale=4, border=2, xmldecl=False)
    assert svg.content == out.getvalue()


def test_a_tokens_qr_code_is_drawn_once_and_then_served_from_the_cache(client, zhang_order, monkeypatch, settings):
    from django.core.cache import cache

    from guanjia.portal import tracking_views

    cache.clear()
    drawn = []
    real_make = segno.make
    monkeypatch.setattr(tracking_views.segno, "make", lambda url, **kw: drawn.append(url) or real_make(url, **kw))

    first = client.get(f"/t/{zhang_order.tracking_token}/qr.svg").content
    again = client.get(f"/t/{zhang_order.tracking_token}/qr.svg").content
    assert again == first and len(drawn) == 1
    client.get(f"/t/{zhang_order.tracking_token}/qr.png")
    assert len(drawn) == 2  # the PNG is its own image

    # A new public address is a new link, so a new code (the cache never serves the old address).
    settings.PUBLIC_BASE_URL = "https://new.example.com"
    moved = client.get(f"/t/{zhang_order.tracking_token}/qr.svg").content
    assert moved != first and drawn[-1] == f"https://new.example.com/t/{zhang_order.tracking_token}"
    assert client.get("/t/unknown-token-abc/qr.svg").status_code == 404


def resolve(order, technician):
    order.status, order.resolved_at = Status.RESOLVED, timezone.now()
    order.on_site_at = order.resolved_at - timedelta(hours=1)
    order.save()
    event(order, EventType.RESOLVED, actor=technician, note="已修好，请确认")


def test_zhang_rates_the_finished_repair_from_the_same_page(client, zhang_order, technician):
    resolve(zhang_order, technician)
    assert 'name="level"' in page(client, zhang_order).content.decode()

    response = client.post(f"/t/{zhang_order.tracking_token}/rate",
                           {"level": RatingLevel.VERY_SATISFIED, "comment": "王师傅很专业"})

    assert response.status_code == 302
    rating = Rating.objects.get(order=zhang_order)
    assert (rating.level, rating.comment, rating.source) == (RatingLevel.VERY_SATISFIED, "王师傅很专业",
                                                             RatingSource.RESIDENT)
    zhang_order.refresh_from_db()
    assert zhang_order.status == Status.CLOSED
    html = client.get(response["Location"]).content.decode()
    assert 'name="level"' not in html and "王师傅很专业" in html


def test_rating_twice_is_refused_with_a_message_not_an_error_page(client, zhang_order, technician):
    resolve(zhang_order, technician)
    client.post(f"/t/{zhang_order.tracking_token}/rate", {"level": RatingLevel.SATISFIED})
    again = client.post(f"/t/{zhang_order.tracking_token}/rate", {"level": RatingLevel.DISSATISFIED})
    assert again.status_code == 409
    assert Rating.objects.filter(order=zhang_order).count() == 1


def test_a_bad_level_or_rating_before_the_work_is_done_is_a_clear_4xx(client, zhang_order, technician):
    early = client.post(f"/t/{zhang_order.tracking_token}/rate", {"level": RatingLevel.SATISFIED})
    assert early.status_code == 409
    assert 'name="level"' not in early.content.decode()  # nothing to rate yet: no form
    resolve(zhang_order, technician)
    bad = client.post(f"/t/{zhang_order.tracking_token}/rate", {"level": "superb"})
    assert bad.status_code == 400
    assert 'class="error"' in bad.content.decode()
    assert not Rating.objects.exists()


def test_materials_used_are_listed_with_the_step_but_no_other_event_data(client, zhang_order, technician):
    step = event(zhang_order, EventType.NOTE, actor=technician, note="更换角阀", minutes=90)
    step.data = {"materials": [{"name": "铜角阀", "quantity": "2", "unit": "个"}], "cost_internal": "95.00"}
    step.save()
    html = page(client, zhang_order).content.decode()
    assert "铜角阀 × 2个" in html
    assert "95.00" not in html


def test_the_approved_plan_is_shown_in_plain_words_without_the_internal_solution_or_cost(
        client, zhang_order, technician):
    Plan.objects.create(order=zhang_order, solution="更换DN20铜角阀，联系开发商保修", cost="380.00",
                        schedule="11月25日前完成", resident_text="我们会在周二上午更换漏水的阀门，期间停水约2小时。",
                        status=PlanStatus.APPROVED, decided_at=timezone.now())
    Plan.objects.create(order=zhang_order, solution="旧方案", resident_text="作废的旧说法",
                        status=PlanStatus.REJECTED)
    html = page(client, zhang_order).content.decode()
    assert "我们会在周二上午更换漏水的阀门" in html and "11月25日前完成" in html
    assert "DN20" not in html and "380" not in html and "开发商" not in html and "作废的旧说法" not in html


def test_a_merged_order_does_not_reveal_the_order_it_was_merged_into(client, zhang_order, neighbour_order):
    zhang_order.status, zhang_order.merged_into = Status.MERGED, neighbour_order
    zhang_order.save()
    html = page(client, zhang_order).content.decode()
    assert "WT-20261122-0008" not in html and neighbour_order.tracking_token not in html


@pytest.mark.browser
def test_on_a_360_px_phone_zhang_reads_the_page_without_sideways_scrolling_and_taps_a_rating(
        chromium, live_server, transactional_db, community, room, technician, shot):  # noqa: F811
    from tests.browser.support import PHONE

    order = WorkOrder.objects.create(
        community=community, number="WT-20261122-0009", channel="mini_program", room=room,
        contact_name="张女士", contact_phone="13812345678", description="卫生间天花板渗水，" * 6,
        status=Status.RESOLVED, assignee=technician, resolved_at=timezone.now())
    event(order, EventType.RESOLVED, actor=technician, note="已更换楼上防水层，请查看",
          photos=[a_photo("gray", community)])
    context = chromium.new_context(viewport=PHONE, locale="zh-CN", base_url=live_server.url,
                                   timezone_id="Asia/Shanghai")
    try:
        page = context.new_page()
        page.goto(f"/t/{order.tracking_token}")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        # The thumbnail is lazy: it is fetched when it nears the screen and does not hold up the
        # page's load event, so the story scrolls to it and waits for it as a reader would.
        thumbnail = page.locator(".photos img")
        thumbnail.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete", arg=thumbnail.element_handle(), timeout=10_000)
        assert thumbnail.evaluate("img => img.naturalWidth") > 0
        shot(page, "tracking-phone")

        page.locator(f"input[value={RatingLevel.SATISFIED.value}]").check()
        page.locator("textarea").fill("师傅很细心")
        page.locator("form button").click()
        page.wait_for_load_state("networkidle")
        assert "师傅很细心" in page.locator("#rating").inner_text()
        shot(page, "tracking-rated")
    finally:
        context.close()
    assert Rating.objects.get(order=order).level == RatingLevel.SATISFIED
