"""Safety first: an emergency is urgent however it is written; anger alone is not an emergency."""

import pytest

from guanjia.triage.classifier import classify


@pytest.mark.parametrize("text", [
    "不好意思这么晚打扰您,我家卫生间的水管好像裂开了,水流得止不住,麻烦您有空派个人来看看",
    "您好,我想反映一下,我父亲现在被困在3号楼的电梯里,电梯停在九楼和十楼中间",
    "打扰了,厨房里闻到一股煤气味,不是很浓,但是一直有",
    "麻烦问一下,卧室的插座刚才冒了一点火花,现在有焦味",
])
def test_an_emergency_written_calmly_and_politely_is_urgent(text):
    assert classify(text)["urgency"] == "urgent"


@pytest.mark.parametrize("text", [
    "升降機困咗人,喺5座2單元,快啲嚟",
    "樓下水喉爆咗,水浸到大堂",
    "家裡瓦斯味好重,不知道哪裡漏氣",
    "隔壁單位冒煙,好似火燭",
])
def test_an_emergency_in_traditional_chinese_is_urgent(text):
    assert classify(text)["urgency"] == "urgent"


@pytest.mark.parametrize("text", [
    "My mother is stuck in the lift at block 9, it stopped between floors.",
    "There is water pouring through the ceiling of our bathroom.",
    "I smell gas in the corridor on the 12th floor.",
])
def test_an_emergency_in_english_is_urgent(text):
    assert classify(text)["urgency"] == "urgent"


@pytest.mark.parametrize(("text", "rule"), [
    ("卫生间马桶在往上冒脏水,已经流到卧室门口了", "sewage_backflow"),
    ("刚才楼上丢下来一个花盆,差点砸到我女儿", "throwing_now"),
    ("台风把大树枝刮断了,压在小区门口的电线上", "falling_hazard"),
    ("我妈在厨房滑倒了,起不来", "person_hurt"),
    ("配电房那边噼啪响,还冒烟", "smoke"),
])
def test_each_kind_of_emergency_names_the_rule_that_caught_it(text, rule):
    result = classify(text)
    assert result["urgency"] == "urgent"
    assert any(line.startswith(f"rule {rule}") for line in result["evidence"]["urgency"]), result["evidence"]


def test_an_emergency_buried_at_the_end_of_a_long_message_is_urgent():
    text = ("你好,我是7栋的业主,先说一下,上个月的物业费我已经交了,可是还收到催缴短信,另外我们单元楼道的灯"
            "也坏了好几天,希望能安排人修一下,还有楼下的草坪很久没修剪了。对了,刚才回家的时候发现地下车库"
            "B区的配电箱在冒烟")
    result = classify(text)
    assert result["urgency"] == "urgent"
    assert any("smoke" in line for line in result["evidence"]["urgency"])


@pytest.mark.parametrize("text", [
    "楼道灯坏了一个星期了!!!!!!到底有没有人管!!!!!!",
    "气死了!!!停车费又涨价了!!!😡😡😡",
    "紧急!!!紧急!!!我家门口的快递被人拿走了!!!",
    "太过分了!!!!!!楼下的狗天天叫!!!",
])
def test_an_angry_message_without_an_emergency_is_not_urgent(text):
    result = classify(text)
    assert result["urgency"] != "urgent"
    assert result["urgency_uncertain"] is False


@pytest.mark.parametrize("text", [
    "电梯停在5楼不动了,里面没有人被困,麻烦安排维修",
    "上次电梯困人到现在都没给个说法,维保公司到底有没有检修",
    "楼上漏水已经修好了,但是我家天花板的水渍谁来处理",
    "如果电梯困人的话,应该打哪个电话?",
    "小区什么时候组织消防演练?",
])
def test_negated_past_resolved_or_hypothetical_emergencies_are_not_urgent(text):
    assert classify(text)["urgency"] != "urgent"


def test_a_feared_hazard_is_flagged_uncertain_for_a_person_to_decide():
    result = classify("楼道里的电线裸露在外面,担心小孩子摸到会触电")
    assert result["urgency"] != "urgent"
    assert result["urgency_uncertain"] is True
    assert any("feared" in line for line in result["evidence"]["urgency"])
