"""Residents help themselves; the desk searches with reasons; nobody reads another community."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from guanjia.accounts.choices import Role
from guanjia.answers.models import AnswerFeedback, StandardAnswer
from tests.factories import resident_of, staff_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def zhang(room):
    return resident_of(room=room, name="张女士", phone="13812345678")


def _as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_resident_sees_filled_answers_first_and_her_yes_is_counted(library, community, zhang):
    api = _as(zhang)
    response = api.post("/api/v1/answers/suggest", {"text": "物业费一平米多少钱", "community": community.pk},
                        format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["answered"] is True
    best = body["answers"][0]
    assert best["code"] == "kb001" and "2.80元/平方米" in best["answer"] and "{" not in best["answer"]

    vote = api.post("/api/v1/answers/kb001/feedback", {"helpful": True, "community": community.pk},
                    format="json")
    assert vote.status_code == 200 and vote.json()["helpful_count"] == 1
    feedback = AnswerFeedback.objects.get()
    assert feedback.user == zhang and feedback.source == "portal" and feedback.helpful


def test_a_no_is_counted_as_unhelpful(library, community, zhang):
    _as(zhang).post("/api/v1/answers/kb071/feedback", {"helpful": False, "community": community.pk},
                    format="json")
    assert StandardAnswer.objects.get(code="kb071").unhelpful_count == 1


def test_a_question_the_library_does_not_cover_answers_nothing(library, community, zhang):
    body = _as(zhang).post("/api/v1/answers/suggest", {"text": "附近地铁站怎么走", "community": community.pk},
                           format="json").json()
    assert body == {"answered": False, "answers": []}


def test_a_resident_cannot_ask_in_a_community_she_does_not_live_in(library, other_community, zhang):
    response = _as(zhang).post("/api/v1/answers/suggest", {"text": "物业费", "community": other_community.pk},
                               format="json")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "community_not_found"


def test_bad_input_is_a_clear_400_not_a_500(library, community, zhang):
    response = _as(zhang).post("/api/v1/answers/suggest", {"community": "abc"}, format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid"
    response = _as(zhang).post("/api/v1/answers/kb999/feedback", {"helpful": True, "community": community.pk},
                               format="json")
    assert response.status_code == 404


def test_the_agent_search_shows_reasons_and_flags_missing_figures(library, other_community):
    agent = staff_with_role(community=other_community, role=Role.CS_AGENT, username="jx-agent")
    response = _as(agent).get("/api/v1/answers/search", {"q": "包月停车怎么收费", "community": other_community.pk})
    assert response.status_code == 200
    best = response.json()["answers"][0]
    assert best["code"] == "kb012"
    assert "包月停车→停车月卡" in best["reason"]
    assert best["missing"] == ["地面月租费用", "车位管理费"] and best["warning"]


def test_residents_cannot_use_the_staff_search(library, community, zhang):
    response = _as(zhang).get("/api/v1/answers/search", {"q": "物业费", "community": community.pk})
    assert response.status_code == 403


def test_staff_of_one_community_cannot_search_another(library, community, other_community):
    agent = staff_with_role(community=community, role=Role.CS_AGENT, username="ch-agent")
    response = _as(agent).get("/api/v1/answers/search", {"q": "物业费", "community": other_community.pk})
    assert response.status_code == 404


def test_the_intake_panel_fragment_offers_three_answers_with_a_use_button(library, community, agent):
    client = Client()
    client.force_login(agent)
    response = client.get("/answers/suggestions/", {"q": "我家那个卡刷不开了咋回事", "community": community.pk},
                          HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "kb071" in html and "卡刷不开→门禁卡" in html and html.count('hx-post="/answers/use/') <= 3

    used = client.post("/answers/use/kb071/", {"community": community.pk}, HTTP_HX_REQUEST="true")
    assert used.status_code == 200 and "answerUsed" in used["HX-Trigger"]
    assert "20元" in used.content.decode()  # the card fee of 翠湖花园
    assert StandardAnswer.objects.get(code="kb071").usage_count == 1


def test_the_panel_says_so_when_nothing_fits(library, community, agent):
    client = Client()
    client.force_login(agent)
    html = client.get("/answers/suggestions/", {"q": "附近地铁站怎么走", "community": community.pk},
                      HTTP_HX_REQUEST="true").content.decode()
    assert "kb0" not in html and 'class="no-answer"' in html


def test_the_monthly_review_page_lists_what_needs_attention(library, community, supervisor):
    StandardAnswer.objects.filter(code="kb020").update(unhelpful_count=3, usage_count=9)
    client = Client()
    client.force_login(supervisor)
    response = client.get("/answers/review/")
    html = response.content.decode()
    assert response.status_code == 200 and "kb020" in html

    response = client.post("/answers/new/", {"code": "kb150", "question": "小区有母婴室吗?",
                                             "answer": "母婴室位于{母婴室位置}。", "category": "other",
                                             "tags": "母婴室"})
    assert response.status_code == 302
    created = StandardAnswer.objects.get(code="kb150")
    client.post(f"/answers/{created.pk}/submit/")
    client.post(f"/answers/{created.pk}/approve/")
    created.refresh_from_db()
    assert created.status == "live" and created.approved_by == supervisor


def test_the_agent_records_an_unanswered_question_from_the_panel(library, community, agent):
    from guanjia.answers.models import UnansweredQuestion

    client = Client()
    client.force_login(agent)
    response = client.post("/answers/inquiries/new/", {"q": "业委会什么时候换届选举", "community": community.pk},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    inquiry = UnansweredQuestion.objects.get()
    assert inquiry.work_order.number in response.content.decode()
    assert inquiry.asked_by == agent and inquiry.community == community

    empty = client.post("/answers/inquiries/new/", {"q": "  ", "community": community.pk}, HTTP_HX_REQUEST="true")
    assert empty.status_code == 400 and UnansweredQuestion.objects.count() == 1


def test_search_and_review_take_a_fixed_number_of_queries(library, community, supervisor,
                                                         django_assert_max_num_queries):
    from guanjia.answers.search import index_for_company

    index_for_company(company_id=community.company_id)  # built once; later searches reuse it
    api = _as(supervisor)
    with django_assert_max_num_queries(8):
        assert api.get("/api/v1/answers/search", {"q": "门卡丢了", "community": community.pk}).status_code == 200
    StandardAnswer.objects.filter(code__in=["kb001", "kb002", "kb003"]).update(unhelpful_count=2, usage_count=5)
    client = Client()
    client.force_login(supervisor)
    with django_assert_max_num_queries(16):
        assert client.get("/answers/review/").status_code == 200
