"""The library at the desk: figures per community, withheld when missing, approval before live."""

import pytest

from guanjia.answers import services
from guanjia.answers.choices import AnswerStatus, RevisionAction
from guanjia.answers.models import StandardAnswer
from guanjia.answers.selectors import answer_render, answers_suggest
from guanjia.core.errors import Conflict, Forbidden

pytestmark = pytest.mark.django_db


def test_placeholders_are_filled_with_each_communitys_own_figures(library, community, other_community):
    fee = StandardAnswer.objects.get(company=library, code="kb001")
    at_cuihu = answer_render(answer=fee, community=community, for_resident=True)
    at_jinxiu = answer_render(answer=fee, community=other_community, for_resident=False)
    assert "2.80元/平方米·月" in at_cuihu.text and "翠湖管家" in at_cuihu.text
    assert "{" not in at_cuihu.text
    assert "2.20元/平方米·月" in at_jinxiu.text


def test_an_answer_missing_a_figure_is_withheld_from_residents_and_flagged_for_agents(library, other_community):
    # 锦绣苑 has no ground-level parking figure: the monthly-card answer cannot be completed.
    card = StandardAnswer.objects.get(company=library, code="kb012")
    assert answer_render(answer=card, community=other_community, for_resident=True) is None
    for_agent = answer_render(answer=card, community=other_community, for_resident=False)
    assert for_agent.missing == ["地面月租费用", "车位管理费"]
    assert ("{地面月租费用}", True) in for_agent.segments

    resident_view = answers_suggest(community=other_community, text="包月停车怎么收费", for_resident=True)
    assert "kb012" not in [item.answer.code for item in resident_view.items]
    assert all("{" not in item.rendered.text for item in resident_view.items)
    agent_view = answers_suggest(community=other_community, text="包月停车怎么收费", for_resident=False)
    assert agent_view.items[0].answer.code == "kb012"
    assert "地面月租费用" in agent_view.items[0].warning


def test_the_register_phone_fills_the_service_centre_number_when_not_set(community, library):
    community.answer_values.filter(key="服务中心电话").delete()
    answer = StandardAnswer.objects.get(company=library, code="kb003")
    assert community.service_phone in answer_render(answer=answer, community=community, for_resident=True).text


def test_a_new_answer_goes_live_only_after_a_supervisor_approves_it(library, community, agent, supervisor):
    draft = services.answer_create(actor=agent, company=library, code="kb121", question="小区游泳池几点开放?",
                                   answer="游泳池开放时间为{泳池开放时间},请凭门禁卡入场。", category="other",
                                   tags="游泳池, 开放时间")
    assert draft.status == AnswerStatus.DRAFT and draft.tags == ["游泳池", "开放时间"]
    assert not answers_suggest(community=community, text="游泳池几点开放", for_resident=False).answered

    services.answer_submit(actor=agent, answer=draft)
    with pytest.raises(Forbidden):
        services.answer_approve(actor=agent, answer=draft)
    services.answer_approve(actor=supervisor, answer=draft)

    draft.refresh_from_db()
    assert draft.status == AnswerStatus.LIVE and draft.approved_by == supervisor and draft.approved_at
    found = answers_suggest(community=community, text="游泳池几点开放", for_resident=False)
    assert found.items[0].answer.code == "kb121"
    # The figure is not set for 翠湖花园 yet, so a resident is not shown it.
    assert not answers_suggest(community=community, text="游泳池几点开放", for_resident=True).answered
    services.community_value_set(actor=supervisor, community=community, key="{泳池开放时间}", value="6:00-21:00")
    shown = answers_suggest(community=community, text="游泳池几点开放", for_resident=True)
    assert "6:00-21:00" in shown.items[0].rendered.text
    actions = list(draft.revisions.values_list("action", flat=True))
    assert actions == [RevisionAction.CREATE, RevisionAction.SUBMIT, RevisionAction.APPROVE]


def test_every_edit_leaves_a_revision_and_a_live_answer_is_edited_only_by_a_supervisor(library, agent, supervisor):
    answer = StandardAnswer.objects.get(company=library, code="kb030")
    with pytest.raises(Forbidden):
        services.answer_update(actor=agent, answer=answer, changes={"question": "装修几点能开工?"})
    services.answer_update(actor=supervisor, answer=answer, changes={"question": "装修几点能开工?"})
    revision = answer.revisions.latest("at")
    assert revision.action == RevisionAction.EDIT and revision.actor == supervisor
    assert revision.before["question"] == "装修施工时间是几点到几点?"
    assert revision.after["question"] == "装修几点能开工?"


def test_a_retired_answer_is_no_longer_offered(library, community, supervisor):
    answer = StandardAnswer.objects.get(company=library, code="kb071")
    assert answers_suggest(community=community, text="门卡丢了怎么补", for_resident=False).items[0].answer == answer
    services.answer_retire(actor=supervisor, answer=answer)
    found = answers_suggest(community=community, text="门卡丢了怎么补", for_resident=False)
    assert answer not in [item.answer for item in found.items]
    with pytest.raises(Conflict):
        services.answer_approve(actor=supervisor, answer=answer)


def test_staff_of_another_company_cannot_touch_the_library(library):
    from tests.factories import CommunityFactory, CompanyFactory, staff_with_role

    elsewhere = CommunityFactory(company=CompanyFactory(code="other", name="别家物业"))
    outsider = staff_with_role(community=elsewhere, username="outsider")
    with pytest.raises(Forbidden):
        services.answer_create(actor=outsider, company=library, code="x1", question="问", answer="答",
                               category="other")


def test_the_demo_loader_brings_the_library_and_both_communities_figures(community, other_community):
    from types import SimpleNamespace

    from guanjia.answers.apps import _load_demo_answers
    from guanjia.properties.demo import demo_hooks

    assert _load_demo_answers in demo_hooks()
    result = SimpleNamespace(company=community.company, communities=[community, other_community], counts={})
    _load_demo_answers(result)
    _load_demo_answers(result)  # running the demo again changes nothing
    assert result.counts["standard answers"] == 120
    assert StandardAnswer.objects.filter(status=AnswerStatus.LIVE).count() == 120
    assert community.answer_values.get(key="物业费单价").value == "2.80"
    assert not other_community.answer_values.filter(key="地面月租费用").exists()
