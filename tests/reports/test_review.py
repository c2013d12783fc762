"""The monthly review (月度投诉分析/复盘, SAT-2) and improvement actions (整改计划).

The supervisor 李主管 reviews October at 翠湖花园 on 5 November: the lift in building 3 was
complained about three times, one resident was dissatisfied, one complaint was late.
"""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import IntegrityError
from django.utils import timezone

from guanjia.core.errors import Conflict, Forbidden
from guanjia.core.models import AuditEntry
from guanjia.notifications.models import Delivery
from guanjia.reports.choices import ActionSource, ActionStatus
from guanjia.reports.models import MonthlyReview
from guanjia.reports.review import action_effect
from guanjia.reports.services import (
    improvement_action_create,
    improvement_action_progress,
    monthly_review_generate,
    monthly_review_update,
)
from guanjia.tickets.models import WorkOrder
from tests.factories import RoomFactory, resident_of

from .history import Category, EventType, Kind, RatingLevel, happen, rated, received

pytestmark = pytest.mark.django_db
OCTOBER = date(2026, 10, 1)


def lift_month(community, room):
    """The first complaint (later rated dissatisfied), the late repeat complaint, and the
    neighbour's repair that nobody confirmed with him."""
    neighbour = RoomFactory(unit=room.unit, number="1401")
    first = received(community, "2026-10-08 09:00", kind=Kind.COMPLAINT, asset_key="3栋电梯", room=room,
                     contact_phone="13812345678")
    happen(first, EventType.ACKNOWLEDGED, "2026-10-08 09:05")
    happen(first, EventType.RESIDENT_UPDATE, "2026-10-08 10:00")
    happen(first, EventType.RESOLVED, "2026-10-08 16:00")
    rated(first, RatingLevel.DISSATISFIED, "2026-10-09 10:00", comment="电梯又坏了")
    late = received(community, "2026-10-15 09:00", kind=Kind.COMPLAINT, asset_key="3栋电梯", room=room,
                    contact_phone="13812345678", is_repeat=True)
    happen(late, EventType.ACKNOWLEDGED, "2026-10-15 10:30")  # 90 minutes: late
    repair = received(community, "2026-10-20 09:00", kind=Kind.REPAIR, asset_key="3栋电梯", room=neighbour,
             contact_phone="13900001111", department="engineering")
    noise = received(community, "2026-10-21 22:00", kind=Kind.COMPLAINT, category=Category.ORDER,
                     contact_phone="13700002222")
    happen(noise, EventType.ACKNOWLEDGED, "2026-10-22 08:31")
    happen(noise, EventType.RESIDENT_UPDATE, "2026-10-22 09:00")
    happen(noise, EventType.RESOLVED, "2026-10-22 10:00")
    return SimpleNamespace(first=first, late=late, repair=repair)


def test_the_review_holds_the_months_figures(community, room, supervisor, november):
    month = lift_month(community, room)
    first, late = month.first, month.late

    review = monthly_review_generate(community=community, month=OCTOBER, actor=supervisor)

    f = review.figures
    assert f["month"] == "2026-10" and f["volume"] == {"total": 4, "complaints": 3}
    assert [(r["category"], r["total"], r["share"]) for r in f["complaint_share"]] == [
        ("facility", 2, 66.7), ("order", 1, 33.3)]
    departments = {r["value"]: (r["on_time_num"], r["on_time_den"]) for r in f["on_time_by_department"]}
    assert departments == {"engineering": (1, 2), "security": (1, 1)}
    kpis = {k["code"]: k for k in f["kpis"]}
    assert (kpis["complaint_on_time"]["numerator"], kpis["complaint_on_time"]["denominator"]) == (2, 3)
    assert (kpis["repeat_complaints"]["numerator"], kpis["repeat_complaints"]["denominator"]) == (1, 3)
    assert {r["level"]: r["total"] for r in f["satisfaction_levels"]}["dissatisfied"] == 1
    assert [(h["asset_key"], h["total"], h["complaints"]) for h in f["hot_spots"]] == [("3栋电梯", 3, 2)]
    assert [c["number"] for c in f["repeat_complaints"]] == [late.number]
    cases = {c["number"]: c["reasons"] for c in f["review_cases"]}
    # The neighbour's repair was never confirmed with him: late too.
    assert cases == {first.number: ["dissatisfied"], late.number: ["late"], month.repair.number: ["late"]}
    assert AuditEntry.objects.filter(object_type="reports.monthlyreview", object_id=str(review.pk)).count() == 1


def test_one_review_per_community_and_month_notes_survive_regeneration_filing_freezes(
        community, room, supervisor, november):
    lift_month(community, room)
    review = monthly_review_generate(community=community, month=OCTOBER, actor=supervisor)
    monthly_review_update(review=review, actor=supervisor, notes="电梯维保单位约谈")
    received(community, "2026-10-30 09:00", kind=Kind.COMPLAINT)

    again = monthly_review_generate(community=community, month=OCTOBER, actor=supervisor)

    assert again.pk == review.pk and MonthlyReview.objects.count() == 1
    assert again.notes == "电梯维保单位约谈" and again.figures["volume"]["complaints"] == 4
    monthly_review_update(review=again, actor=supervisor, notes="已约谈", file=True)
    with pytest.raises(Conflict):
        monthly_review_generate(community=community, month=OCTOBER, actor=supervisor)
    with pytest.raises(IntegrityError):
        MonthlyReview.objects.create(community=community, month=OCTOBER, generated_at=timezone.now())


def test_agents_do_not_write_reviews(community, agent, november):
    with pytest.raises(Forbidden):
        monthly_review_generate(community=community, month=OCTOBER, actor=agent)


def test_the_command_generates_last_month_for_every_community(community, other_community, november, capsys):
    call_command("generate_monthly_reviews", "--dry-run")
    assert MonthlyReview.objects.count() == 0

    call_command("generate_monthly_reviews")

    assert set(MonthlyReview.objects.values_list("community__name", "month")) == {
        ("翠湖花园", OCTOBER), ("锦绣苑", OCTOBER)}
    assert "2026-10: generated 2 review(s)" in capsys.readouterr().out


def test_an_action_on_the_hot_spot_worked_when_the_complaints_stopped(community, room, supervisor, november,
                                                                      time_machine):
    lift_month(community, room)
    action = improvement_action_create(
        actor=supervisor, community=community, title="3栋电梯整改", source=ActionSource.HOTSPOT,
        asset_key="3栋电梯", steps=["约谈维保单位", "3天内更换门机", "每日巡查"],
        starts_on=date(2026, 10, 25), due_on=date(2026, 10, 28), owner=supervisor, window_days=30)

    assert action_effect(action=action)["verdict"] == "too_early"
    time_machine.move_to(timezone.make_aware(timezone.datetime(2026, 11, 25, 12, 0)))
    effect = action_effect(action=action)

    # Complaints about the lift: 2 in the 30 days before 25 October, none after.
    assert (effect["before"], effect["after"], effect["verdict"]) == (2, 0, "worked")


def test_an_action_that_did_not_stop_the_complaints(community, room, supervisor, november, time_machine):
    lift_month(community, room)
    action = improvement_action_create(
        actor=supervisor, community=community, title="3栋电梯整改", source=ActionSource.HOTSPOT,
        asset_key="3栋电梯", steps=["更换门机"], starts_on=date(2026, 10, 14), due_on=date(2026, 10, 20),
        window_days=7)
    time_machine.move_to(timezone.make_aware(timezone.datetime(2026, 11, 1, 12, 0)))

    effect = action_effect(action=action)

    assert (effect["before"], effect["after"], effect["verdict"]) == (1, 1, "not_worked")


def test_published_progress_reaches_each_household_concerned_once(community, room, supervisor, november,
                                                                  django_capture_on_commit_callbacks):
    lift_month(community, room)
    action = improvement_action_create(
        actor=supervisor, community=community, title="3栋电梯整改", source=ActionSource.HOTSPOT,
        asset_key="3栋电梯", steps=["更换门机"], starts_on=date(2026, 11, 1), due_on=date(2026, 11, 3))

    with django_capture_on_commit_callbacks(execute=True):
        update = improvement_action_progress(actor=supervisor, action=action, text="门机已更换,今起每日巡查",
                                             status=ActionStatus.IN_PROGRESS, publish=True)

    # 张女士's household complained twice (one phone); the neighbour's repair is not a complaint.
    assert update.households_notified == 1
    sent = Delivery.objects.filter(kind="improvement_progress")
    assert {d.address for d in sent} == {"13812345678"}
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


def test_published_progress_is_worded_in_each_households_language(community, room, supervisor, november,
                                                                   django_capture_on_commit_callbacks):
    lift_month(community, room)
    zhang = resident_of(room=room, name="张女士", phone="13812345678")
    zhang.preferred_language = "en"
    zhang.save(update_fields=["preferred_language"])
    action = improvement_action_create(
        actor=supervisor, community=community, title="3栋电梯整改", source=ActionSource.HOTSPOT,
        asset_key="3栋电梯", steps=["更换门机"], starts_on=date(2026, 11, 1), due_on=date(2026, 11, 3))

    with django_capture_on_commit_callbacks(execute=True):
        improvement_action_progress(actor=supervisor, action=action, text="门机已更换,今起每日巡查",
                                    status=ActionStatus.IN_PROGRESS, publish=True)

    # The supervisor works in Chinese; 张女士 chose English for her account.
    [sent] = Delivery.objects.filter(kind="improvement_progress")
    assert sent.title.startswith("Improvement at ")


def test_review_pages_render_print_and_refuse_strangers(client, community, other_community, room, supervisor,
                                                        november):
    lift_month(community, room)
    client.force_login(supervisor)

    generated = client.post("/reports/reviews/generate/", {"community": community.pk, "month": "2026-10"})
    assert generated.status_code == 302
    page = client.get(generated.url)
    assert page.status_code == 200 and "3栋电梯" in page.content.decode()
    assert client.get(f"{generated.url}print/").status_code == 200
    created = client.post("/reports/actions/", {
        "community": community.pk, "month": "2026-10", "title": "电梯整改", "source": "hotspot",
        "asset_key": "3栋电梯", "steps": "约谈维保单位\n每日巡查", "starts_on": "2026-11-05", "due_on": "2026-11-08"})
    assert created.status_code == 302
    bad = client.post("/reports/actions/", {
        "community": community.pk, "month": "2026-10", "title": "电梯整改", "source": "hotspot",
        "steps": "x", "starts_on": "2026-11-05", "due_on": "2026-11-01"})
    assert bad.status_code == 400
    assert client.get(f"/reports/reviews/{other_community.pk}/2026-10/").status_code == 404
    assert client.post("/reports/reviews/generate/", {"community": community.pk, "month": "10/2026"}).status_code == 400
    assert WorkOrder.objects.count() == 4
