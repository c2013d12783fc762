"""The triage seam hands the classifier the order's community, so a retrained model is used."""

from guanjia.core.taxonomy import Channel
from guanjia.tickets.services import IntakeRequest, workorder_intake
from guanjia.tickets.triage_seam import suggest_classification, takes_community, warm_up
from guanjia.triage.classifier import builtin_weights
from tests.factories import staff_with_role


def test_each_community_gets_its_own_models_reading(agent, room, other_community):
    # 翠湖花园 retrained its model: there "水压小" is a facility repair; elsewhere it stays a question.
    asked = []

    def classifier(text, *, community=None):
        asked.append(community)
        if community is not None and community.pk == room.community_id:
            return {"kind": "repair", "category": "facility", "urgency": "normal"}
        return {"kind": "inquiry", "category": "other", "urgency": "normal"}

    other_agent = staff_with_role(community=other_community, username="agent_other_c")
    here = workorder_intake(actor=agent, suggest=classifier, request=IntakeRequest(
        channel=Channel.PHONE, room=room, description="家里水压小"))
    there = workorder_intake(actor=other_agent, suggest=classifier, request=IntakeRequest(
        channel=Channel.PHONE, community=other_community, location="5栋大堂", description="家里水压小"))

    assert asked == [room.community, other_community]
    assert (here.kind, here.category) == ("repair", "facility")
    assert (there.kind, there.category) == ("inquiry", "other")


def test_a_classifier_that_takes_only_the_text_still_works(community):
    def old_style(text):
        return {"kind": "complaint"}

    assert not takes_community(old_style)
    assert suggest_classification("楼上太吵", community=community, suggest=old_style) == {"kind": "complaint"}


def test_a_classifier_taking_any_keywords_is_given_the_community(community):
    def flexible(text, **options):
        return {"kind": "repair"} if options.get("community") == community else None

    assert takes_community(flexible)
    assert suggest_classification("灯坏了", community=community, suggest=flexible) == {"kind": "repair"}


def test_a_web_worker_loads_the_assistant_before_the_first_resident_asks(settings):
    settings.GUANJIA_TRIAGE_SUGGEST = "guanjia.triage.seam.suggest"
    builtin_weights.cache_clear()

    warm_up()

    assert builtin_weights.cache_info().currsize == 1


def test_a_wrong_classifier_setting_does_not_stop_the_web_worker_from_starting(settings, caplog):
    settings.GUANJIA_TRIAGE_SUGGEST = "guanjia.no_such_module.suggest"

    warm_up()

    assert "triage warm-up failed" in caplog.text
