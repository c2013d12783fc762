"""What the agent sees: kind, category, department with evidence, and the questions to ask back."""


import pytest
from django.utils import translation

from guanjia.triage import classifier
from guanjia.triage.classifier import classify
from guanjia.triage.lexicon import CONCEPT_PATTERNS


def test_a_vague_lift_report_gets_the_req1_questions():
    with translation.override("en"):
        result = classify("电梯又坏了")
    assert (result["kind"], result["category"], result["department"]) == ("repair", "facility", "engineering")
    questions = " ".join(result["questions"])
    assert "Which lift" in questions and "trapped" in questions and "Since when" in questions


def test_praise_gets_no_questions_and_goes_to_customer_service():
    result = classify("非常感谢工程部的刘师傅,半夜过来帮我们修好了水管,太负责了")
    assert result["kind"] == "praise"
    assert result["department"] == "customer_service"
    assert result["questions"] == []


def test_a_neighbours_leak_pouring_through_the_ceiling_goes_to_engineering_not_the_default():
    result = classify("楼上邻居家漏水,水从我家卫生间天花板哗哗往下流")
    assert (result["category"], result["urgency"]) == ("neighbor", "urgent")
    assert result["department"] == "engineering"
    assert result["rule_codes"]["department"] == ["neighbour_leak_to_engineering"]
    assert result["evidence"]["department"] == ["Neighbour's leak: engineering"]


def test_a_leak_dispute_between_neighbours_stays_with_customer_service():
    result = classify("楼上邻居家漏水,渗到我家卫生间天花板,跟他们说了也不管")
    assert (result["kind"], result["category"]) == ("complaint", "neighbor")
    assert result["department"] == "customer_service"


def test_renovation_debris_goes_to_environment():
    result = classify("隔壁装修的建渣在楼梯间堆了好几天,灰很大")
    assert result["category"] == "renovation"
    assert result["department"] == "environment"


def test_a_fee_question_is_an_inquiry_for_customer_service():
    result = classify("请问今年的物业费标准是多少,可以在小程序上交吗?")
    assert (result["kind"], result["category"], result["department"]) == ("inquiry", "fee", "customer_service")


def test_every_field_has_a_confidence_between_zero_and_one():
    result = classify("小区垃圾桶满了没人清理,臭死了")
    assert set(result["confidence"]) == {"kind", "category", "urgency", "department"}
    assert all(0.0 <= value <= 1.0 for value in result["confidence"].values())
    assert result["category"] == "environment" and result["department"] == "environment"


def test_the_model_alone_makes_urgent_a_wording_no_rule_foresaw_but_not_a_negated_one():
    trapped = classify("电梯里有个小孩在哭,门打不开")
    assert trapped["urgency"] == "urgent"
    assert trapped["evidence"]["urgency"][0].startswith("model sure of urgency")
    calm = classify("电梯停在5楼不动了,里面没有人被困,麻烦安排维修")
    assert calm["urgency"] != "urgent"


def test_a_model_stored_before_complement_naive_bayes_still_loads_and_classifies():
    from guanjia.triage.model import Weights

    stored = classifier.builtin_weights().to_json()
    for field in stored["fields"].values():
        field.pop("complement")
    old = Weights.from_json(stored)
    assert not old.fields["kind"].complement
    assert classify("电梯又坏了", weights=old)["category"] == "facility"
    assert classifier.builtin_weights().fields["category"].complement


@pytest.mark.parametrize(("text", "kind"), [
    ("建议垃圾车早上七点以后再来收,现在五点多就哐哐响,老人都被吵醒", "suggestion"),
    ("您好,建议晚上十点以后广场的音响统一断电,吵得大家睡不着", "suggestion"),
    ("@管家 表扬一下夜班保安,昨晚帮我把喝醉的老公扶上楼", "praise"),
])
def test_a_message_that_opens_by_saying_what_it_is_is_that_kind_whatever_its_reason_sounds_like(text, kind):
    result = classify(text)
    assert result["kind"] == kind
    assert result["evidence"]["kind"][0].startswith("opens with")


def test_an_opening_followed_by_a_turn_is_left_to_the_model():
    result = classify("感谢你们上次的回复,但是楼道灯到现在还是不亮,一个星期了")
    assert not any(line.startswith("opens with") for line in result["evidence"]["kind"])


def test_thanks_that_come_with_a_job_are_the_job():
    result = classify("谢谢师傅上周修好了门锁,另外楼道的灯又不亮了,麻烦来换一下")
    assert result["kind"] == "repair"


def test_an_emergency_buried_in_a_message_about_something_else_sets_kind_and_category():
    result = classify("你好,想问一下装修押金什么时候能退,我家上个月就装好了,验收也过了。"
                      "还有,我现在在地库,B区那边的配电箱正在冒烟")
    assert result["urgency"] == "urgent"
    assert (result["kind"], result["category"], result["department"]) == ("repair", "facility", "engineering")


def test_a_defect_the_developer_left_goes_to_the_engineers_a_title_dispute_to_customer_service():
    defect = classify("我家顶楼从交房开始一下雨就漏,开发商和物业互相推,报修五六次了,卧室墙全发霉")
    assert (defect["category"], defect["department"]) == ("facility", "engineering")
    title = classify("地下车位是开发商卖给我们的,现在物业说是人防车位只能租,产权到底归谁")
    assert title["department"] == "customer_service"


def test_praise_with_a_job_after_it_is_the_job_and_praise_for_help_given_stays_praise():
    assert classify("物业最近服务越来越好,点赞!另外我们单元的对讲机没声音了,麻烦来修一下")["kind"] == "repair"
    assert classify("特别感谢夜班保安,我家老人迷路了是他帮忙送回来的,太谢谢了")["kind"] == "praise"


def test_english_concept_words_are_matched_whole():
    from guanjia.triage.lexicon import concepts_in
    from guanjia.triage.text import normalise

    assert "fee" not in concepts_in(normalise("The car park feels dark at night, could the patrol pass by?"))
    assert "fee" in concepts_in(normalise("Why was I charged a late fee?"))
    assert "pet" not in concepts_in(normalise("The carpet in the lobby is torn"))


def test_the_evidence_quotes_the_residents_words_not_internal_codes():
    result = classify("3栋的电梯又坏了,楼道里也一直漏水")

    shown = [str(line) for field in ("kind", "category") for line in result["evidence"][field]]
    assert shown and not set(shown) & CONCEPT_PATTERNS.keys()
    assert any(word in shown for word in ("电梯", "漏水"))
