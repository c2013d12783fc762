"""Safety first: an emergency is urgent however it is written; anger alone is not an emergency."""

import pytest

from guanjia.triage.classifier import classify
from guanjia.triage.labels import rule_label


def stories(groups):
    """One test case per message, named by its group (the plan or the cause) and position."""
    return [pytest.param(text, id=f"{group}-{index}") for group, texts in groups.items()
            for index, text in enumerate(texts)]


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
    assert rule in result["rule_codes"]["urgency"], result["rule_codes"]
    assert any(line.startswith(f"rule {rule_label(rule)}") for line in result["evidence"]["urgency"]), result["evidence"]


def test_an_emergency_buried_at_the_end_of_a_long_message_is_urgent():
    text = ("你好,我是7栋的业主,先说一下,上个月的物业费我已经交了,可是还收到催缴短信,另外我们单元楼道的灯"
            "也坏了好几天,希望能安排人修一下,还有楼下的草坪很久没修剪了。对了,刚才回家的时候发现地下车库"
            "B区的配电箱在冒烟")
    result = classify(text)
    assert result["urgency"] == "urgent"
    assert "smoke" in result["rule_codes"]["urgency"]


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


@pytest.mark.parametrize(("text", "rule"), [
    ("有辆车挡住我家车库门,我现在要送孩子去医院,车主电话打不通", "blocking_now"),
    ("现在凌晨两点,楼下还在喝酒唱歌放音乐,吵得整栋楼睡不了", "disturbance_now"),
    ("有人在地库里一辆一辆地拉车门,看着很可疑,现在还在", "intruder_now"),
    ("一群人在小区门口打群架", "fight_now"),
    ("楼上有人在往下扔砖头", "throwing_now"),
    ("小区里一条大狗没拴绳,追着孩子咬,快来人", "animal_attack"),
    ("东门有人喝醉了闹事,保安快过来", "guard_needed_now"),
])
def test_an_order_problem_on_the_spot_is_urgent_sla2(text, rule):
    # SLA-2: order problems happening now (a car blocking a way out, a fight, a stranger trying doors):
    # security on site within 5 minutes.
    result = classify(text)
    assert result["urgency"] == "urgent"
    assert rule in result["rule_codes"]["urgency"], result["rule_codes"]
    assert any(line.startswith(f"rule {rule_label(rule)}") for line in result["evidence"]["urgency"]), result["evidence"]


@pytest.mark.parametrize("text", [
    "经常有车停在我家车库门口,每次都要打电话叫人挪",
    "有辆车挡住了我家车库门,不急,麻烦联系一下车主",
    "楼下那家每个周末都在家里聚会,吵到很晚,希望物业提醒一下",
    "上周有人在地库拉车门,后来抓到了吗",
    "我家狗被别家的狗咬了,想找主人理论",
    "保安能不能快点处理一下垃圾房的问题",
    "快递员把快递放在门口就走了,保安快递都不管",
])
def test_the_same_subjects_when_recurring_or_not_pressing_are_not_urgent(text):
    assert classify(text)["urgency"] != "urgent"


@pytest.mark.parametrize("text", [
    "我爸在小区花园摔倒了,头磕破了,起不来",
    "楼梯间躺着一个人一动不动,不知道是不是喝多了",
    "我妈一个人住在5栋,从昨天到现在打电话都没人接,麻烦去敲门看看",
    "我家老人出门买菜三个小时还没回来,他有老年痴呆",
    "孩子头卡在阳台栏杆里了",
    "My elderly father fell in the bathroom and can't get up.",
])
def test_a_person_in_trouble_is_urgent_however_it_is_put(text):
    assert classify(text)["urgency"] == "urgent"


@pytest.mark.parametrize("text", [
    "地下车库进水了,水已经到车轮了",
    "巡查发现B2车库积水约10公分,还在上涨,已设警示",
    "卫生间天花板在滴水,越滴越快,下面是插座",
    "消防警报一直在响,楼道里有烟味",
    "整栋楼停电了,电梯里还有人",
    "大堂的玻璃门碎了,还有半块挂着要掉",
    "电梯门没关就往上走了,我女儿差点被夹",
    "Water is coming through the light fitting in my kitchen.",
])
def test_facility_emergencies_beyond_the_obvious_words_are_urgent(text):
    assert classify(text)["urgency"] == "urgent"


@pytest.mark.parametrize("text", [
    "地库有积水,好几天了没人清理",
    "外墙瓷砖有一块脱落了,请安排维修",
    "楼道灯关不掉,白天也一直亮着",
    "有人在小区里烧纸,烟很大,小孩咳嗽",
    "电梯经常困人,希望彻底检修",
    "这栋楼的水管老化,一年爆了三次,要求整体更换",
    "草丛里好像看到一条蛇蜕的皮,建议消杀",
])
def test_look_alikes_of_emergencies_are_not_urgent(text):
    assert classify(text)["urgency"] != "urgent"


def test_an_emergency_relayed_by_the_12345_hotline_is_left_to_a_person_unless_it_says_now():
    relayed = classify("市民反映小区9栋楼道有人晕倒,无人处理,请尽快处理")
    assert relayed["urgency"] != "urgent" and relayed["urgency_uncertain"] is True
    assert any("12345" in line for line in relayed["evidence"]["urgency"])
    assert classify("市民反映,小区燃气管道泄漏,气味很大,请立即处置")["urgency"] == "urgent"


@pytest.mark.parametrize(("text", "rule"), [
    ("楼上家里没人,水一直往下漏,我家天花板都湿透了", "leak_nobody_home"),
    ("停电了,家里老人要吸氧,制氧机用不了", "outage_vulnerable"),
    ("半夜整栋楼停电了,好黑,电梯也停了", "outage_vulnerable"),
    ("邻居家的孩子一直哭,哭了一个多小时,大人好像不在家", "child_alone"),
    ("台风把我家阳台的窗户玻璃吹碎了,雨一直往里灌", "storm_damage"),
])
def test_someone_who_cannot_help_themselves_or_stop_the_damage_is_urgent(text, rule):
    result = classify(text)
    assert result["urgency"] == "urgent"
    assert rule in result["rule_codes"]["urgency"], result["rule_codes"]
    assert any(line.startswith(f"rule {rule_label(rule)}") for line in result["evidence"]["urgency"]), result["evidence"]


@pytest.mark.parametrize("text", [
    "整栋楼停电了,晚上几点来电?",
    "明天整个小区计划停电,家里有老人,能不能提前通知具体时间",
    "邻居家孩子每天晚上哭,很吵",
])
def test_a_planned_cut_or_a_recurring_nuisance_is_not_urgent(text):
    assert classify(text)["urgency"] != "urgent"


@pytest.mark.parametrize(("text", "rule"), [
    ("我在3号楼的电梯里,电梯停了快十分钟了,按铃也没人理", "lift_entrapment"),
    ("升降機停咗喺半路,入面有個阿婆", "lift_entrapment"),
    ("我外婆一个人住,早上到现在微信不回、电话也不接,她平时很准时的", "welfare_check"),
    ("厨房墙上的开关摸着麻麻的,好像有电", "electric_leak"),
    ("楼下大堂地面在冒黑水,臭得进不去", "sewage_backflow"),
    ("巡逻发现一名男子翻越东侧围墙进了小区,正往地库走", "intruder_now"),
    ("有人在消防楼梯里烧纸,火还没灭,烟已经飘进我们家", "smoke"),
    ("我儿子的手指被单元门夹住了,门卡着拿不出来", "caught_in_gate"),
    ("我爸说话突然不清楚了,嘴也歪了", "person_unwell"),
    ("孩子刚才误吞了一颗磁铁", "poisoning_drowning"),
])
def test_emergencies_in_wordings_the_first_rules_missed_are_urgent(text, rule):
    result = classify(text)
    assert result["urgency"] == "urgent"
    assert rule in result["rule_codes"]["urgency"], result["rule_codes"]
    assert any(line.startswith(f"rule {rule_label(rule)}") for line in result["evidence"]["urgency"]), result["evidence"]


@pytest.mark.parametrize("text", [
    "听说周五消防演习,到时候烟雾是真的还是假的?",  # a drill named a clause before the smoke
    "业主来电致谢:上个月家里老人晕倒,保安及时帮忙叫了120",  # thanks for help already given
    "卫生间地漏有点反水,不多,洗澡的时候会积一点",  # a little water from a drain
    "小区的喷灌头坏了,一直往路上喷水",  # sprinklers spray by design
    "一下大雨阳台就往屋里漫水,每次都要拖半天",  # every time it rains: recurring
    "有没有人知道昨天那个着火的事情是怎么回事?",  # a past event named as such
    "有没有人闻到煤气味?昨天楼道里有一阵,现在已经没了",  # asked, then over
    "楼道窗户的玻璃有条裂缝,怕以后掉下来,不急,有空来换",  # feared, and the resident says it can wait
])
def test_what_only_sounds_like_an_emergency_is_not_urgent(text):
    assert classify(text)["urgency"] != "urgent"


def test_a_question_about_a_smell_is_not_read_as_a_negation():
    # "有没有人闻到…" asks the neighbours; it does not deny the smell.
    assert classify("有没有人闻到煤气味?2栋大堂很浓,我咳嗽得厉害")["urgency"] == "urgent"


@pytest.mark.parametrize(("text", "rule"), [
    ("请问一下,我们楼道里那个电箱一直滋滋响,还有点焦糊的味道", "sparks"),
    ("Sorry to bother, the lift in block 3 stopped and my son is inside, he is calling me", "lift_entrapment"),
    ("有個小朋友爬咗上窗台,冇裝防盜網", "fall_from_height"),
    ("我家阳台玻璃自己裂开了,碎片往楼下掉", "falling_hazard"),
    ("隔壁家狗在咬一个小孩", "animal_attack"),
    ("麻烦看看,我家天花板在滴水,越来越多了,已经用了三个盆", "water_through_ceiling"),
    ("The smoke detector in the corridor is beeping and I can smell something burning", "burning_smell"),
    ("燃氣警報器響個不停", "fire_alarm_sounding"),
    ("我阿媽喺廚房暈咗,叫佢都冇反應", "person_unwell"),
])
def test_emergencies_told_calmly_in_words_the_first_rules_missed_are_urgent(text, rule):
    result = classify(text)
    assert result["urgency"] == "urgent"
    assert rule in result["rule_codes"]["urgency"], result["rule_codes"]


@pytest.mark.parametrize("text", [
    "卫生间天花板渗水越来越厉害了,都一个多月了,楼上一直不给修",  # worse over a month: a complaint
    "请问燃气报警器坏了一直在响怎么关掉?是不是电池没电了",  # a broken alarm, not a gas smell
    "我们家宝宝总喜欢爬到阳台护栏那里,能不能帮忙装个防护网",  # a habit, a request for a net
    "狗在咬鞋子,谁家的狗放出来了",  # nobody bitten
    "烟雾报警器一直滴滴响,应该是没电了,能来换一下吗",  # a battery chirp
])
def test_the_same_words_without_a_danger_now_are_not_urgent(text):
    assert classify(text)["urgency"] != "urgent"


@pytest.mark.parametrize(("text", "rule"), [
    ("出门的时候好像没关燃气灶,锅里还煮着粥,家里没人,能帮忙看一下吗", "cooking_unattended"),
    ("3栋 lift 卡住了,里面有人在按铃", "lift_entrapment"),
    ("dian ti kun ren le, 2 dong", "lift_entrapment"),
    ("樓上有人掉嘢落嚟,差啲砸中我個仔", "throwing_now"),
])
def test_emergencies_in_mixed_words_pinyin_and_cantonese_are_urgent(text, rule):
    result = classify(text)
    assert result["urgency"] == "urgent"
    assert rule in result["rule_codes"]["urgency"], result["rule_codes"]


@pytest.mark.parametrize("text", [
    "对门家的狗天天叫,主人说狗不咬人,可孩子还是怕",  # "does not bite" is not a bite
    "电梯又卡在负一楼了,门打不开,里面没人,麻烦来修",  # stopped, nobody inside
    "昨晚十二点火警铃响了好久,大家都跑下楼,结果是误报,能不能查一下",  # a false alarm, told after
    "看到新闻说别的小区燃气爆炸了,我们的燃气管多久检查一次",  # news from elsewhere
    "马桶水箱一直流水关不住,这个月水费肯定要爆了",  # a running cistern
    "最近有人冒充物业搞电信诈骗,大家注意",  # 电信, not 电
    "大堂刚拖完地没放警示牌,我妈差些滑倒",  # a near fall, feared at most
])
def test_dogs_that_do_not_bite_empty_lifts_false_alarms_and_news_are_not_urgent(text):
    assert classify(text)["urgency"] != "urgent"


# Stories from the emergency plans the handbooks name (电梯困人, 爆管, 漏电, 火警, 燃气泄漏, 水浸, 污水倒灌,
# 台风, 人员受伤, 可疑人员, 高空抛物, 困在屋内, 独居老人), written the ways they really arrive: calm or
# apologetic, as a question, in Hong Kong or Taiwan usage, in English or pinyin, with typos, for someone
# else, as a patrol note or a 12345 order that says it is happening now, or buried after other business.
EMERGENCIES_BY_PLAN = {
    "lift entrapment": [
        "不好意思打扰一下,我现在在5栋的电梯里,电梯停在半路不动了,门也开不了",
        "电梯关人了,3号楼2单元,快来",
        "店梯困人 8栋 我老公在里面 门扒不开",
        "你好,13栋那边电梯,有个老奶奶关里面了,一直在拍门",
        "电梯刚才从10楼直接掉到了5楼才停,里面有我和我女儿,门开不了",
        "您好,7栋东侧电梯故障停在11层,轿厢里有两位业主,已安抚,请维保尽快到场",
        "唔該,我阿媽困咗喺升降機,已經成半個鐘",
        "社區電梯停在半空中,裡面有住戶在敲門",
        "Lift broke down on the way up, my wife and baby are still inside",
        "is anyone there? the lift stopped and we can't get out, block 6",
        "dian ti ka zhu le, li mian you ren",
        "3栋 电梯 stuck, 我妈 inside",
        "对门阿姨说她老公在电梯里出不来了",
        "管委會您好,我們這棟電梯卡在7樓跟8樓之間,我先生在裡面",
        "外卖小哥在电梯里被困了,一直按铃",
    ],
    "burst pipe": [
        "热水器的管子脱了,水一直往外淌",
        "地下车库的水管爆了,水像喷泉一样",
        "楼道的消防栓被人撞坏了,水哗啦啦往外流",
        "樓上爆水喉,啲水成條柱噉射落嚟",
        "the hot water pipe came apart under the sink, water everywhere",
        "装修工人把水管钻穿了,水一直喷",
        "巡逻时发现3栋地下室给水管破裂,水流较大,已关闭阀门但仍在漏",
    ],
    "water pouring in or reaching electrics": [
        "樓上啲水一路由天花板流落嚟,仲滴落個電錶箱度",
        "天花板漏水越來越嚴重,已經滴到電線那邊",
        "天花板在下雨一样往下漏水",
        "楼上漏水直接从我家灯那里漏下来了,灯都不敢开",
        "卧室天花板一直在滴,已经湿了一大片,滴到床上了,楼上敲门没人",
        "楼上洗衣机排水管脱了,水从我家吊顶往下滴,他家没人",
        "Water is dripping onto my electrical panel from upstairs",
    ],
    "flooding and typhoon": [
        "暴雨水灌进一楼大堂了,还在往里进",
        "麻烦登记一下,地下车库B2靠近电梯厅的地方,水已经漫过脚踝了,还在往里流",
        "快看B1车库!!排水沟反水了,整个东区都是水,有车已经泡了,物业人呢",
        "雨太大了,水从门缝灌进来了",
        "大雨把一楼住户的院子淹了,水往屋里流",
        "一樓店舖水浸,水仲不停咁入嚟",
        "市民反映小区地下车库正在进水,已淹没多辆车辆,请立即处置",
        "楼顶的太阳能热水器被风吹翻了,随时会掉",
        "打風,塊招牌吹到就嚟跌",
    ],
    "sewage backing up": [
        "化粪池满溢了,污水流到楼道里了",
        "楼上一冲马桶我家地漏就往外冒屎水",
        "The toilet is overflowing with sewage and it won't stop",
    ],
    "electric leakage and sparks": [
        "请问是不是漏电了?摸水龙头手麻",
        "The light switch is smoking and smells burnt",
        "I got a shock from the washing machine, is it leaking electricity?",
        "12345工单:市民反映小区内路灯杆带电,现场有小孩,请立即处置",
        "麻烦问下,8楼走廊怎么一股烧电线的味道,还有点烟",
    ],
    "fire and smoke": [
        "樓下單位著火,好大煙",
        "隔壁單位好大燶味同煙,拍門冇人應",
        "樓梯間有好大陣燶味同煙,好似有人喺後樓梯燒嘢,我而家喺18樓,唔知係邊度燒,請即刻派人嚟睇",
        "楼道里堆的纸箱着了",
        "家里有烟味,找不到哪里来的,越来越浓",
        "有人在楼梯间烧纸,火已经烧到旁边的纸箱了",
        "zhao huo le! 3 dong 1 lou",
    ],
    "gas leak": [
        "燃气灶那边一股臭鸡蛋的味道,是不是漏气了",
        "隔壁有煤汽味,敲门没人开",
        "市民来电称其家中燃气泄漏,现在气味很浓,请尽快处置",
        "mei qi wei hen zhong, 5 dong 2 dan yuan",
        "喂喂,嗯,那个,我是那个12栋的啊,就是,呃,我们家厨房那个,就是有股煤气味,挺大的",
        "社區地下室瓦斯味很重,不知道哪一戶在漏",
        "物业你们好,我是6栋的,之前说的停车位的事还没回复我,另外楼道里堆了很多纸箱子很久没人清。哦对了,我现在闻到楼道里有很大的煤气味",
    ],
    "someone hurt or taken ill": [
        "我爸在卫生间里倒下了,门从里面反锁了,打不开",
        "电梯里有个人突然倒下了,我按着开门键呢",
        "一个工人从梯子上掉下来了",
        "幼儿园门口的栏杆倒了,压着一个小孩的腿",
        "市民反映,小区内一名老人倒地不起,现场无人处理,请立即派人",
        "我阿爸成個人軟晒,叫極都唔應",
        "有个小孩在小区池塘边玩,掉进水里了",
        "有人掉进了小区的污水井里",
        "我儿子说他同学在小区游泳池里抽筋了,沉下去了",
        "我阿公在社區中庭跌倒,頭在流血,可以幫忙叫救護車嗎",
    ],
    "someone shut in, alone or missing": [
        "細路仔自己喺屋企,門鎖咗入唔到",
        "我出门倒垃圾门被风关上了,宝宝一个人在里面,才一岁",
        "我老妈把自己锁在厕所里出不来,她有高血压",
        "My 3 year old is locked inside the flat alone, I'm outside without keys",
        "我妈一个人在家,电话一直没人接,麻烦去看看",
        "楼下那位老先生好几天没见了,门口堆着快递",
        "我儿子放学在小区里玩,现在找不到了,他才五岁",
        "小区里一个小孩跟家人走散了,一直在哭",
        "巡逻时业主反映,其邻居家老人已两天未出门,敲门无人应答",
        "My neighbour hasn't been seen for 4 days and there's a bad smell from the flat",
    ],
    "intruders, violence and things thrown down": [
        "喂,保安室吗,我是3栋1楼的,我家窗户外面刚才有个人在往里看,还在扒我家防盗网,现在人往绿化带那边跑了",
        "有個男人喺樓梯度鬼鬼祟祟,試緊每家嘅門",
        "有個男人喺走廊逐家逐戶試門柄",
        "阳台上有个人!从隔壁翻过来的",
        "我家门锁被人撬了,门是开着的",
        "我家门口有个陌生人蹲了一晚上,现在还在",
        "車庫有個男人拎住把刀喺度嗌,好嚇人,B1近電梯口",
        "有人从楼上往下扔啤酒瓶!!刚刚砸在我车旁边,15号楼下,还在扔",
        "樓上有人擲嘢落嚟,差啲掟中人",
        "有人正在楼上往下泼水泼东西",
    ],
    "falling objects and people at height": [
        "楼上阳台的花盆摇摇晃晃的,底下一直有人走",
        "空调外机掉了一半,挂在那里晃,下面是人行道",
        "楼上的空调外机支架断了,外机吊在半空",
        "楼顶天台有个人站在边上",
        "有人喺天台邊度坐住,好似想跳",
        "楼下602在装修,把承重墙打掉了一半,我在楼上都能感觉到震动,现在我家墙角已经有裂缝了",
        "地库有辆车下面一直在滴油,满地汽油味,旁边就是充电桩",
        "窗户外面的空调架子断了,空调挂在外面晃",
        "阳台上晾衣杆掉下去了,下面好多人",
    ],
}

LOOK_ALIKES_BY_PLAN = {
    "lift entrapment": [
        "请问电梯困人后维保多久要到场?",
        "电梯坏了!!!!!!老人爬18楼!!!!!!你们物业干什么吃的!!!!!!",
        "电梯停在顶楼不动了,门开着,里面空的",
        "昨晚电梯困人,半小时才有人来,太慢了,投诉维保",
    ],
    "burst pipe and water": [
        "阳台的排水管裂了一条缝,有点渗水",
        "水管爆了已经关了总阀,明天来修就行",
        "楼上卫生间渗水,我家天花板发霉了,已经一个月了",
        "上个月暴雨地库进水泡了我的车,赔偿怎么说",
        "垃圾站的污水流到路上,很臭",
    ],
    "fire, smoke and gas": [
        "火警铃刚才响了,是测试吗?",
        "有人在阳台烧烤,烟飘进我家了",
        "楼道里电瓶车充电,万一起火怎么办?",
        "刚才的煤气味是楼下在修燃气管,已经好了",
        "燃气灶点不着火,是不是没气了",
    ],
    "people and order": [
        "门禁刷不开,我被关在单元门外面了",
        "我家猫被关在阳台了,它一直叫",
        "巡逻时业主反映,有推销人员挨家挨户敲门",
        "昨天有个人在小区里鬼鬼祟祟的,后来走了,建议加强巡逻",
        "我家楼下车位的地锁被人撬坏了,车位又被别人占了,请保安帮忙处理",
        "could you renew my access card please",
        "巡逻发现3栋有住户装修时在敲承重墙,已暂停施工",
        "巡逻时业主反映,其邻居家老人腿脚不方便,想请人帮忙送快递",
        "上周电梯里有人晕倒,后来怎么样了",
        "管委會什麼時候要做消防演練",
    ],
}


@pytest.mark.parametrize("text", stories(EMERGENCIES_BY_PLAN))
def test_every_emergency_the_plans_name_is_urgent_however_it_arrives(text):
    result = classify(text)
    assert result["urgency"] == "urgent", result["evidence"]["urgency"]


@pytest.mark.parametrize("text", stories(LOOK_ALIKES_BY_PLAN))
def test_their_look_alikes_stay_not_urgent(text):
    assert classify(text)["urgency"] != "urgent"


# Emergencies three independently written sets showed the rules still missed, grouped by why they
# were missed; each told here in new words.
MISSED_BY_CAUSE = {
    "a word or a variant the rules lacked": [
        "客梯有乘客被困,警铃一直在响",
        "住户表示被困于地库电梯约十分钟,请马上派人",
        "有位老人在泳池呛水了,救生员在做心肺复苏",
        "有人翻栏杆进来了,正在车棚那边转",
        "有个男的在楼梯间吸毒,现在还没走",
        "电梯底坑进水了,水位还在上涨,电梯还在跑",
        "路边的电缆外露,地上全是积水,行人很多",
        "有人放烟花把楼下的车罩点燃了",
        "独居的陈伯三日没有开门,报纸堆在门口",
        "厕所天花在滴屎水,楼上没人应门",
        "楼上的水顺着灯那里往下淌,家里没人开门",
    ],
    "Cantonese, Taiwan usage, English or pinyin": [
        "停車場啲水越浸越高,浸到車門",
        "樓梯間有人拿著刀追人",
        "My 3-year-old son locked himself in the car",
        "dianti guanren le, 5 dong",
        "wo jia meiqiwei hen nong",
    ],
    "a negation, the past or a story voiding too eagerly": [
        "电梯门开了,但是里面没有轿厢,下面是空的",  # "没有轿厢" is the danger
        "天花滴下来的不是清水是污水,一直流",  # "不是…是…" corrects, it does not deny
        "上个月报的门禁还没修。对了,刚发现厨房水管在喷水",  # a new matter, now
        "昨晚台风刮断的树枝现在还挂在半空,下面停着车",  # broken last night, hanging now
        "闻到很浓的煤气味,我已经关了总阀,你们快来",  # a shut valve does not end a gas leak
    ],
    "going on now, however it is put": [
        "我出门倒垃圾门锁上了,家里只有两岁的孩子",
        "车子锁了,孩子还在车里睡觉,钥匙落在里面",
        "外墙瓷砖还在不断往下掉,楼下是人行道",
        "大风把工地的围挡吹倒了一半,铁皮在空中乱飞",
        "楼上又开始往下丢啤酒瓶了",
        "车被人扎轮胎,那人现在还在扎旁边的车",
        "有只大狼狗在草坪上一直咬别人的狗,主人拉不住",
        "隔壁正在砸承重墙,整栋楼都在震",
        "地库的水越涨越高,都快淹到车门了",
    ],
}

# What those sets showed the rules calling urgent wrongly, grouped the same way.
FALSE_ALARMS_BY_CAUSE = {
    "tone: 救命 as a sigh": [
        "救命啊,楼上又在装修电钻响了一上午",
    ],
    "the past, told as a story": [
        "上周我爸在电梯里晕倒,保安半天才到,我要投诉",
        "前天暴雨地库进水,我的车泡了,现在水已经退了,损失谁赔",
        "I was stuck in the lift on Monday, it is working fine now",
        "尋日喺升降機困咗半個鐘,想投訴",
        "隔壁去年把承重墙拆了,现在墙上有裂缝,要求鉴定",
    ],
    "worry, suspicion, a bystander's or a rules question": [
        "是不是漏电了?这个月电费特别高",
        "阳台烧纸会不会有火灾危险?",
        "刚刚小区门口来了辆救护车,是出什么事了吗",
        "刚才楼下消防车来了,怎么回事?着火了吗?",
        "请问烟感报警器响了应该怎么做?",
        "燃气报警器刚才响了一下就停了,没闻到味道",
    ],
    "a suggestion, prevention, a lasting condition or a planned cut": [
        "建议在游泳池边加装防溺水提示牌",
        "我提个建议,楼梯台阶太滑,老人摔倒了很危险",
        "我腿受伤了行动不便,能帮我把快递送上楼吗",
        "明天停电检修,家里老人用制氧机,要准备什么",
    ],
    "over, put out or taken care of": [
        "烟头在花坛里冒烟,我已经踩灭了",
        "刚才电梯里有焦味,现在没了",
        "排风扇有点焦味,我关掉了,改天来修",
        "一位老人找不到家,保安已带到岗亭等家属",
        "凌晨火警钟响咗好耐,结果系误鸣",
    ],
    "a recurring nuisance": [
        "地漏又反水了,漫到卫生间门口,这已经是第四次了",
        "开关偶尔有点麻手,能不能来检查一下",
        "对面那户长期在楼道里烧香,烟很大",
        "一到下雨天阳台就倒灌,说了好几次",
    ],
    "a rule too broad": [
        "信报箱被人撬开了,信不见了",
        "门禁坏了,一堆人堵在门口进不去",
        "保洁用的消毒水太刺鼻了",
        "The water heater socket stopped working",
        "The ceiling is slowly dripping from the flat above",
        "维修工弄得满地都是水,也不清理",
        "装修的把地上弄得全是水泥灰",
        "喷淋头有点漏水,一直在滴",
        "窨井盖冒出一股臭味",
        "客服说话不清楚,态度也差",
        "闸机刷卡没反应,麻烦修一下",
        "消防通道被电动车堵了",
        "楼上把拖把挂在窗外滴水",
        "有人一直在楼道丢垃圾",
        "停电了,我把蜡烛点着了,什么时候来电",
        "请问物业有没有 emergency number",
    ],
}



def test_a_cry_for_help_alone_asks_a_person_to_look_but_is_not_urgent_by_itself():
    sigh = classify("救命啊,楼上装修从早上七点敲到现在")
    assert sigh["urgency"] != "urgent" and sigh["urgency_uncertain"] is True
    assert "cry_for_help" in sigh["rule_codes"]["urgency"]
    # With what is happening, it is urgent all the same.
    assert classify("救命,有人掉进水池里了")["urgency"] == "urgent"


@pytest.mark.parametrize(("text", "urgent"), [
    ("隔壁正在凿承重墙,我家墙都在晃", True),  # going on, shaking the building
    ("楼上把承重墙砸了个洞,物业管不管", False),  # told as done: a complaint
    ("巡逻发现有住户在拆承重墙,已叫停施工", False),  # stopped by the patrol
])
def test_a_load_bearing_wall_is_urgent_while_it_is_being_knocked_out(text, urgent):
    assert (classify(text)["urgency"] == "urgent") is urgent


# What the read-through of the retired held-out set dev3 showed the rules miss or wrongly flag, by
# cause; each story is written anew in other words, so the rule is tested and not the row.
MISSED_IN_DEV3_BY_CAUSE = {
    "a break-in found just now: whoever did it may still be inside": [
        "刚下班回来发现家里门被撬了,抽屉全被翻开",
        "我们刚到家,发现防盗门锁被撬过,东西扔了一地",
    ],
    "someone trying the locks of bikes or cars now": [
        "有个人在车棚挨个试拉电瓶车的锁,保安快去看看",
        "楼下有个男的在拧每辆自行车的锁",
    ],
    "something fell and more is still hanging overhead": [
        "大堂吊顶掉了一块下来,上面还有一块吊着",
        "外墙砖刚掉了两块,上边还有好几块松动",
    ],
    "an open fire grown big, burning on purpose or not": [
        "楼下有人在绿化带烧东西,火太大了,都快烧到树了",
    ],
    "hot work throwing sparks": [
        "装修师傅在走廊里电焊,火星四溅,旁边堆着木板",
        "地库有人在切割钢管,火星子乱飞,下面停着车",
    ],
    "an entrance jammed with cars backing onto the road": [
        "北门的道闸卡死了不抬杆,车一直排到大马路上",
    ],
    "ice or oil that has already made someone slip": [
        "单元门口台阶结冰了,刚才一个老人滑了一跤",
        "地库坡道上有机油,已经有两辆电动车打滑",
    ],
    "a suspicious person still at the scene": [
        "巡逻发现一辆车的后窗被砸,车边有可疑人员还没走",
    ],
}
FALSE_ALARMS_IN_DEV3_BY_CAUSE = {
    "an alarm or a leak told as last night's, with 一直 only saying how long": [
        "昨晚地库的火警铃一直响,响了一个钟都没人管",
        "前天晚上楼上一直漏水,你们的人到第二天才来",
    ],
    "counted as this year's third time: a complaint about how often": [
        "昨天下大雨,我们车库又进水了,这已经是今年第四次了",
    ],
    "a lock forced or a hydrant blocked where nobody is in danger": [
        "顶楼天台门的锁被撬了,最好换个结实的",
        "机房门锁被撬了,不知道谁干的",
        "消火栓前面停了辆车,车主联系不上",
    ],
    "glass or a car smashed is damage, not a person hurt": [
        "单元门的玻璃被砸碎了,估计是晚上有人故意的",
        "我的车窗昨晚被砸坏了,想调监控",
    ],
    "no harm done and the patrol has dealt with it": [
        "电梯门夹了一下我女儿的手,还好没受伤,感应器要修一下",
        "巡逻看到车堵了消防通道,已贴条,车主说马上来挪",
    ],
    "cigarette smoke, watering pipes": [
        "People keep smoking on the stairs and the smoke comes into my flat",
        "草坪浇水的水管裂了,一直在冒水",
    ],
}




# What the four training sets written blind later on 2026-11-23 showed the rules miss or wrongly
# flag when first measured, by cause (each story in new words).
MISSED_IN_THE_FOURTH_ROUND_BY_CAUSE = {
    "Cantonese: a pipe burst (喉管/條喉), a fall (跌咗), fighting now (打緊交), a building shaking (成棟樓)": [
        "洗手間條喉爆咗,水射到周圍都係",
        "我阿爸一個人喺屋企跌咗,起唔到身",
        "大堂門口有兩個人打緊交,仲有人流緊血",
        "隔籬依家打緊牆,成棟樓都震",
    ],
    "LPG called 石油氣, a drunk kicking car doors, someone ramming a door": [
        "停車場好大陣石油氣味",
        "有个醉酒的人在地库拦车,还踢车门",
        "有人一直撞门大叫,我一个人在家",
    ],
    "a gate arm hitting a head, a young man on the roof's edge, a tried door": [
        "闸杆刚刚打中一个行人的头,他坐在地上",
        "天台有个年轻人坐在边缘,叫他也不下来",
        "有个男的跟着我进了单元门,在那里试门",
    ],
    "words split by the clause reader: 喘不过气": [
        "巡逻发现一位老人坐在花园长椅上喘不过气",
    ],
    "English: climbing a fence, banging on the door, a parent with dementia gone, an open shaft": [
        "A man is climbing over the fence by the north gate right now",
        "Someone I don't know is banging on my door and shouting",
        "My mum has dementia and walked out an hour ago, we can't find her",
        "The lift door on 7F opened with no car behind it",
    ],
    "petrol near a smoker, a wall still being smashed, a fire not fully out": [
        "车底下一直在漏汽油,旁边有人在抽烟",
        "工人在拆阳台外墙,劝了也不听,还在继续砸",
        "楼道里有人烧杂物,火苗窜到电线槽,用灭火器喷了还没完全熄灭",
    ],
}
FALSE_ALARMS_IN_THE_FOURTH_ROUND_BY_CAUSE = {
    "switched off at the plug, a hole already fenced off": [
        "跑步机一开就有焦味,已经拔了插头,不急",
        "电热水器摸着有点麻,已经关了电闸,明天请师傅来",
        "雨水井盖不见了,已放置警示锥",
    ],
    "a guard asleep, a salesman at the doors, fee calls, a rhetorical 'who pays'": [
        "值班的保安在岗亭睡觉,叫了好几声都不醒",
        "有陌生人跟着进单元门,原来是发传单的",
        "催费电话一天打好几次,这是骚扰",
        "楼道灯坏了半个月,老人摔了谁负责",
    ],
    "fear, thought it was, the English 'fire risk', a car being washed": [
        "健身器材扶手松了,小孩玩会受伤",
        "楼下有人抽烟,整个楼道都是烟味,还以为着火了",
        "The bikes in the corridor are a fire risk",
        "地库有人洗车,地上全是水",
    ],
}




# The fifth round (four more blind training sets: long and messy messages, hurried typing in mixed
# English, category and kind borders), by cause, each story in new words.
MISSED_IN_THE_FIFTH_ROUND_BY_CAUSE = {
    "someone kicking or ramming a door, pulling at our door, climbing the wall now": [
        "楼下有个醉汉一直在踹单元门,骂个不停",
        "有个人一直在拉我们家防盗门,我一个人在家",
        "有个人正在翻我们小区西边的围墙,快来",
    ],
    "a child alone by water or behind a locked door with the parents out": [
        "一个小孩在水池边上玩,周围没有大人",
        "楼上小孩一直在哭喊,说妈妈出门了,门打不开",
    ],
    "the lift in mixed words, a courier shut in, a door that will not open with someone inside": [
        "lift 卡住了 between floors, 我们两个人 in here",
        "电梯里面关着一个送快递的,门打不开",
        "升降機門又唔開,入面有個伯伯",
    ],
    "equipment: a sparking meter box, a basement pump failing with cars under water, a fire hose spraying": [
        "配电箱一直在噼里啪啦响,还冒火星",
        "地库的排水泵坏了,水一直涨,好几辆车泡着了",
        "车库里一根消防水管在往外喷水,很大",
        "地库一直在响火警铃,还有烟味",
    ],
    "people: a hand caught in a closing door, a head hit by a barrier, a stranger roaming the roof, fuel stolen": [
        "单元门关得太快,把我女儿的手夹住了",
        "道闸杆落下来,有个人被打到头了",
        "有个不认识的男的在天台上转悠,还想拉楼梯间的门",
        "有人在地库偷油,人还在现场",
        "a welfare check: 独居老人4天未出门,敲门没人应",
    ],
}
FALSE_ALARMS_IN_THE_FIFTH_ROUND_BY_CAUSE = {
    "a thing dropped in water, a scratched floor, a stolen bike told next day, a settled accident": [
        "车库遥控器掉进水里坏了,想重新配一个",
        "装修工人把楼道瓷砖划伤了",
        "我的自行车被偷了,昨天还在的",
        "外卖员撞到小孩的自行车,双方已和解",
    ],
    "verified, power cut off, a yearly habit, a price of 120": [
        "有陌生人跟进单元门,已核查为访客",
        "喷泉水泵漏电跳闸,已断电待修",
        "楼下每年这个时候烧衣,楼梯都是烟",
        "换个水龙头收120材料费,太贵了",
    ],
}

# The sixth round (two blind sets written around urgency: hazards described rather than named, and a
# large desk's day), by cause, each story in new words.
MISSED_IN_THE_SIXTH_ROUND_BY_CAUSE = {
    "a child in a locked car, a foot pulled into an escalator, a swimmer struggling in deep water": [
        "钥匙落在车里把车锁了,女儿还在车上,外面三十多度",
        "商场那个扶梯把我儿子的裤脚卷进去了,快停一下",
        "泳池深水区有个人在挣扎,好像不会游泳",
    ],
    "a car rolling away, a driver who nearly hit people and is still at it": [
        "坡道上那辆面包车没拉手刹,自己往下滑了",
        "有辆车在地库里飙车,刚才差点撞到小孩,现在还在来回开",
    ],
    "a person at a roof edge or hanging on the facade, a driver slumped, a neighbour screaming": [
        "有个人在天台边缘走来走去,看着不太对劲",
        "擦玻璃的师傅吊在12楼外墙上,绳子卡住了",
        "门口那个车的司机趴在方向盘上,好像晕了",
        "隔壁一直有女人在尖叫,还有砸东西的声音",
    ],
    "water into an electrical room, a worsening leak, sewage from a drain cover, a light dripping": [
        "暴雨水一直往配电房里灌",
        "楼道的消防栓漏水越漏越大",
        "店门口的沙井在往外喷污水",
        "客厅灯泡那里在滴水,还闪了一下",
    ],
    "stung, chased by a dog, a duct fire climbing, a storm-cracked window, a tingle from a case": [
        "我女儿在楼下被马蜂蜇了,脸都肿了",
        "有条大狗在广场追着小朋友跑",
        "餐馆的排烟管道着火了,火往上窜到二楼",
        "台风把我们家阳台玻璃吹裂了,一直在响",
        "摸了一下洗衣机手都麻了",
        "Someone just climbed over the side gate by Block 2",
    ],
    "a 12345 relay that says it has gone on for half an hour": [
        "市民反映5栋电梯困人已持续20分钟,无人到场",
    ],
}
FALSE_ALARMS_IN_THE_SIXTH_ROUND_BY_CAUSE = {
    "a question about the alarm button, what to do if gas leaks, hearsay asked about": [
        "电梯的报警铃按钮是不是坏了?按了没反应",
        "煤气泄漏了应该找谁?燃气公司还是物业?",
        "听说隔壁小区有人在草丛里看到蛇,是真的吗",
    ],
    "thanks and complaints about a past emergency, told in Cantonese": [
        "多谢保安大哥寻晚帮我哋搞掂个爆水喉",
        "上个星期电梯困人,你们半小时才来人",
        "上年台风地库水淹,今年有没有做防水",
    ],
    "a head that is bursting, a safety switch, years of falling tiles, a habit in Cantonese": [
        "楼上钻墙钻了一上午,我头都要炸了",
        "漏电开关跳了两次,是不是线路老化",
        "从交房到现在外墙瓷砖一直掉,没人管",
        "对面屋成日喺后楼梯烧衣,啲烟好大",
    ],
}

# The seventh round (two blind sets: hazards told by what people see, half in Cantonese and Taiwan
# usage; the registers that hide urgency: 12345 orders, shift logs, buried and voice-typed), by
# cause, each story in new words.
MISSED_IN_THE_SEVENTH_ROUND_BY_CAUSE = {
    "a child alone in a car, a shutter on a car with the driver inside, a gate dragging a child": [
        "停车场有辆车没熄火,车里有个宝宝,车窗关着,大人不在",
        "车库门掉下来砸到我车上了,我人还在车里出不去",
        "小区的电动趟闸把一个小孩的衣服夹住了,还在往前拖",
        "卷帘门把送货的师傅压住了,按钮没用",
    ],
    "a lift moving with its doors open, a dog holding on, children stung by a swarm": [
        "电梯门没关好就往上走了,我差点被夹",
        "一条狗咬住了一个小朋友的裤腿不放",
        "楼下的黄蜂飞出来,已经有两个学生被蜂叮了",
    ],
    "a railing giving way, people climbing on the roof, a crack widening, a scaffold swaying, a ceiling bulging": [
        "阳台栏杆松了,我儿子靠上去整个往外歪",
        "有几个小孩在天台上爬来爬去",
        "地库柱子上的裂缝还在扩大,掉了好多灰",
        "外墙的竹棚架在大风里晃得很厉害,下面都是行人",
        "The bedroom ceiling is bulging and bits of plaster are falling",
    ],
    "someone who walked out with dementia, a sting that swells the throat, a fall from scaffolding": [
        "我外公有认知障碍,刚才自己走出去了,穿着拖鞋",
        "我女儿吃了花生以后说透不过气,嘴唇肿了",
        "有个工人由棚架上摔了下来,躺着不动",
        "My employer's mother falls down in the kitchen, cannot stand up",
    ],
    "fights, a welfare check told backwards, fumes making people dizzy, sewage pushing up, an open drain": [
        "两个业主在停车场扭打在一起,拉都拉不开",
        "好几天没见人出来了,对门是独居的老伯",
        "楼道油漆味很重,已经有两个老人头晕",
        "地漏往上反黑水,已经漫到客厅了",
        "小区门口的污水井盖被掀开了,天又黑",
    ],
    "a fire still burning after the extinguisher, a strong petrol smell, a gas smell just noticed after another matter": [
        "厨房排烟罩着火了,灭火器喷完还有火",
        "地库入口汽油味很冲,地上一大滩油",
        "我想问下物业费怎么交。还有,楼道里煤气味很重,刚才闻到的",
    ],
    "12345 relays that say minutes, nobody on site, an unanswered duty phone or a door to open": [
        "市民反映5栋电梯困了两个人约15分钟,物业值班电话打不通",
        "市民反映其父独居,一天联系不上,请物业协助开门查看",
        "来电人称小区门口一名老人晕倒,路人正在施救,请物业到场",
    ],
}
FALSE_ALARMS_IN_THE_SEVENTH_ROUND_BY_CAUSE = {
    "repaired and broke again, a habit in English, years of falling tiles": [
        "车库每逢暴雨就淹,水泵修了又坏,已经三年了",
        "The cooking smoke from downstairs fills our flat every evening",
        "这几年外墙瓷砖一直掉,到底什么时候修",
    ],
    "a hand caught for a moment, released unharmed, stuffy in a lift, no leash but no bite": [
        "电梯门夹了我的手一下,没事,就是感应不灵",
        "交班记录:9栋电梯困人一名,维保十分钟后到场放人,人员无恙",
        "电梯里空调坏了,闷到透不过气,能不能修一下",
        "有人遛狗没有拴绳,小孩都怕",
        "好久没见到楼下那只猫出来了,是不是走丢了",
    ],
}

# The eighth round (two blind sets: one-line messages; the edges of "property or safety at risk now"
# that desks miss), by cause, each story in new words.
MISSED_IN_THE_EIGHTH_ROUND_BY_CAUSE = {
    "property at risk now: a shop left open, a cold store or server room without power, a flat flooding with nobody home": [
        "一楼那家便利店卷帘门关不上,店里没人,货都在",
        "我们冷库跳闸了,温度一直在升",
        "机房空调停了,服务器在报警",
        "出差中,邻居说我家门缝在往外流水,麻烦帮忙关总阀",
        "家里没人,智能水表一直在走字,一小时走了一吨多",
        "车库在往下灌雨水,好几辆车轮胎泡了一半",
    ],
    "safety now: a suspicious bag, needles where children play, a dead animal in the water tank, no harness at the roof edge": [
        "电梯口有个没人认领的黑色背包,放了很久了",
        "滑梯下面有几支针筒,小朋友还在玩",
        "水箱里发现一只死老鼠,大家还在用水",
        "楼顶有工人在边上干活,没系安全带",
    ],
    "people: someone confused on the main road, a thief just gone, parcels being taken, a fake gas inspector, an open trench": [
        "有个老奶奶在门口马路中间走,问她住哪说不清",
        "小偷刚刚从二楼阳台爬出去了",
        "有个人在快递柜那拿别人的包裹,现在还在",
        "有人挨家挨户敲门说查燃气,没有工作证",
        "路边那个施工的坑没盖也没围,天都黑了",
    ],
    "one-liners: oxygen stopped with the breaker, a lift with no car, a child standing outside the balcony, someone fainted, a slide on ice": [
        "跳闸了 外婆的制氧机不转了",
        "电梯门开了 轿厢没来",
        "有个小朋友站在阳台外面",
        "有人晕在大堂了",
        "坡道结冰 我车刚才溜下去了",
        "啤酒瓶从楼上扔下来 有人在高空抛物",
    ],
}
FALSE_ALARMS_IN_THE_EIGHTH_ROUND_BY_CAUSE = {
    "planned cuts, a pond, glass already swept, gone today, a slow drip, once before": [
        "下周三机房那栋停电检修,服务器要不要提前关?",
        "小区人工湖里有几条死鱼,味道很大",
        "碎玻璃已经扫了,剩一点碎渣明天再清",
        "昨天有点煤气味,今天没有了",
        "楼上漏水一滴一滴的,好几天了,敲门没人",
        "消防通道长期被占,曾有救护车进不来,希望加装隔离桩",
        "防火门老被顶开,真着火了烟全进楼道",
    ],
}

# The ninth round (two blind sets: emergencies hidden inside routine topics; regional typing), by
# cause, each story in new words.
MISSED_IN_THE_NINTH_ROUND_BY_CAUSE = {
    "an emergency after 'by the way' or after thanks for yesterday's repair": [
        "想问下停车费怎么交,顺便说下楼道配电箱在冒火花",
        "感谢昨天师傅修得很快,另外刚发现电梯里关着人",
    ],
    "a cry first taken for a quarrel, a bill question before a pipe that just burst": [
        "楼上一开始以为在吵架,现在听着是有人喊救命",
        "问一下这个月电费怎么这么高,还有厨房水管刚刚爆了,到处喷水",
    ],
    "people made ill by a spray, a dog by its breed biting now, a man who does not answer, lying still in a car": [
        "楼下在喷杀虫药,飘进来好几个小孩在咳嗽",
        "那只哈士奇现在正在咬人",
        "楼梯口躺着个男的,叫他也不应",
        "车里有个人趴着不动,车也没熄火",
    ],
    "a slab cracking and shedding, cars being broken into, a gas meter running with the stove off, lift initials": [
        "楼上把承重墙打了,我家楼板有裂缝在掉渣",
        "Someone is breaking into cars in the basement right now",
        "燃气表一直走,我们家根本没开火,有点味",
        "dt卡住了 里面有人",
    ],
}
FALSE_ALARMS_IN_THE_NINTH_ROUND_BY_CAUSE = {
    "a gas question, incense smoke with a cough, a drill that is a tool": [
        "燃气泄露了应该先做什么?",
        "隔壁天天在门口烧香,烟大得孩子都咳嗽",
        "The workers drilled all morning, can they keep it down",
    ],
}

MISSED_IN_THE_TENTH_ROUND_BY_CAUSE = {
    "a fire only partly put out with help asked for, sparks from cutting drifting onto cardboard": [
        "车棚一辆电瓶车着火了,我们用灭火器初步扑灭了,还在冒烟,快叫人来",
        "隔壁半夜在切钢筋,火星子往下飘,落到楼下堆的纸箱上了",
    ],
    "a door hanging askew over a path, glass shards hanging in a frame, a loose facade panel over a pavement": [
        "单元门的门板掉了个合页,歪着挂在那里,风一吹就晃,进出都是人",
        "五楼楼道窗户碎了,碎片还挂在窗框上晃,底下就是出入口",
        "12栋外立面的装饰板松动了,风大就哐当响,正下方是人行道",
    ],
    "an oxygen machine without power, a dead bird in the rooftop tank, worms in the tap water": [
        "你们停了我家的电,我爸晚上靠制氧机的,欠的费我现在就交",
        "天台水缸盖子没了,里面漂着死雀,我们一直在用这个水",
        "今天水龙头放出来的水里有小虫子在游,孩子已经喝了几口",
    ],
    "a garage half a metre under relayed by 12345, a sump pit filling with its pump stopped, a pump room flooding": [
        "市民反映:地下车库积水严重,目前水深已到半米,请求物业立即抽排",
        "地库集水坑的水泵不转了,坑里的水快满上来了,晚上还要下雨",
        "巡查发现水泵房地面进水十来公分,泵还开着",
    ],
    "a burglar perhaps still inside, a lift door shutting on a foot, a fire alarm with a smell of smoke": [
        "我下班回来门被撬开了,屋里有动静,我不敢进去",
        "Help, the lift door closed on my mum's foot and it keeps trying to go up",
        "楼道 fire alarm 一直在响,还有烟的味道,不知道是不是真的",
    ],
    "chlorine fumes over a playground with children coughing, a boundary wall down, a crack opening while next door hammers": [
        "The pump room is open and chlorine fumes are drifting over the sandpit, the children are coughing",
        "靠马路那段围墙倒了一截,现在外面的人随便就能走进来",
        "隔壁在砸墙,我卧室墙突然裂开一条缝,还在掉灰",
    ],
}
FALSE_ALARMS_IN_THE_TENTH_ROUND_BY_CAUSE = {
    "figures of speech, an ambulance lane named in a parking complaint, a hydrant's glass pane, fumes up a flue": [
        "楼下垃圾桶臭到爆炸了,能不能多收几次",
        "有辆车又停在救护车道上,麻烦保安去贴个条",
        "三楼消防栓的玻璃被小孩砸破了,碎片扫一下",
        "每次做饭烟道就倒灌别人家的油烟,是不是止回阀坏了",
    ],
    "thanks for last week's burst pipe, a gas smell already gone, a bang that was fireworks, how to tell a gas leak": [
        "上个礼拜我家水管爆了,你们师傅半夜赶来,特别感谢",
        "早上楼道有点煤气味,现在散了,查到是哪家了吗",
        "刚才那声巨响吓我一跳,后来看到是对面在放礼炮",
        "怎么判断家里燃气泄漏?想给老人科普一下",
    ],
    "a fire feared 'one day', chillies fried in a corridor, a lift rescue told after it ended": [
        "楼道里天天有人充电瓶车,哪天烧起来就晚了",
        "对门在楼道里炒辣椒,呛得我们直咳嗽",
        "上周被关在电梯里,按警铃没人理,最后是自己打119才出来的",
    ],
    "floods told to claim, repeated or recurring, and a case years old": [
        "地库进水把我的车泡了,保险公司要物业出个证明",
        "外墙砖掉下来砸了我的车,物业和开发商互相推,到底找谁赔",
        "车库一下雨就积水,严重时水没过车轮,说了多少次了",
        "楼上往下扔烟头,已经烫到我家晾的衣服好几次了",
        "业主反映小区雨污管道混接,下雨天污水倒灌进一楼,问题已持续两年",
    ],
    "fire stairs in English, a renovation fee called harassment, pesticide sprayed by the cleaners": [
        "Someone left bags of cement in the fire stairs again, please clear them",
        "你们的催费电话一天打好几个,这是骚扰",
        "绿化在楼下喷药也不通知一声,味道挺刺鼻的",
    ],
}
MISSED_IN_THE_ELEVENTH_ROUND_BY_CAUSE = {
    "scaffolding loosened over a walkway, a rusted bracket about to drop, glass hanging loose, a board across a dark ramp": [
        "市民反映某大厦外墙脚手架被风吹得松脱,竹竿悬在人行道上方,要求立即处理",
        "楼上空调外机的支架锈得快掉下去了,下面就是单元门口",
        "The glass in the lobby window is hanging loose and it's windy, people walk under it",
        "车库入口那块挡板倒下来横在坡道上,晚上根本看不见",
    ],
    "English: a neighbour not seen for days, a CO alarm beeping, wires bare where children play": [
        "Could someone check on the old man in 3-701? Haven't seen him for four days",
        "Our carbon monoxide alarm has been beeping for ten minutes, the heater is off",
        "The lamp post cover is off and the wires are exposed, kids are playing around it",
    ],
    "English: water rushing into the garage, screaming and crashing next door, a baby alone behind a locked door": [
        "Rain is pouring into the basement car park from the ramp, some cars half under water",
        "I can hear screaming and things smashing in the flat above, please send security",
        "Locked out and my toddler is inside alone, please bring the spare key",
    ],
    "English and Cantonese water: a burst hose, sewage coming up the drain, a heater leaking all over the floor, water out under an empty flat's door": [
        "burst hose under the basin, water spreading into the hall",
        "Dirty water is coming up from the floor drain in the bathroom, it stinks",
        "隔壁婆婆个热水炉漏水漏到满地都是,她关不了水掣",
        "我出差在外,邻居说我家门缝一直有水流出来,请先帮我关总阀",
    ],
    "pushing already in a quarrel, a rotten-egg smell, a heater making people dizzy, a gas valve hissing, a slope still sliding": [
        "巡逻发现两户业主为车位争吵,已经有推搡",
        "厨房里一股很重的臭鸡蛋味,热水器打不着火",
        "一开热水器屋里就有怪味,老人头晕恶心",
        "燃气阀拧不紧了,一直嘶嘶响",
        "后山护坡下雨后还在往下滑,石头滚到路上了",
    ],
    "a wall cracking while the flat above knocks a wall through, petrol leaking where people smoke, water seeping faster after a drill": [
        "楼上在砸墙,我家墙上裂开一道缝,还在往下掉灰",
        "停车场有辆车在漏油,满地汽油味,旁边还有人在抽烟",
        "楼上电钻钻了一下,我家墙上开始渗水,越来越多",
    ],
}
FALSE_ALARMS_IN_THE_ELEVENTH_ROUND_BY_CAUSE = {
    "an ambulance lane blocked 'if something really happened', a treadmill before someone gets hurt, a slip feared": [
        "消防通道又被堵了,真出事救护车都进不来",
        "The rowing machine is broken, please fix it before someone gets hurt",
        "车道上有一滩油,有滑倒之虞,已经撒了沙",
    ],
    "a cord unplugged already, an alarm point's glass broken, a welder stopped by the patrol, a dog bite already treated": [
        "巡查发现跑步机插头烧黑了,已先拔除电源,贴了停用",
        "走廊手报按钮的玻璃碎了,已经用胶带封住",
        "楼道里有人电焊,火星乱飞,已经让他们停工了",
        "家里阿姨被小区的狗咬了一口,已经去打狂犬疫苗了",
    ],
    "habits in Cantonese and English, a problem lasting a year, last month's fall, earthquake cracks": [
        "后楼梯成日有人食烟,成条楼梯都是烟味",
        "Kitchen exhaust from the restaurant blows black smoke into our flat every dinner time",
        "高空抛物的事已经持续一年多了,一直没人管",
        "我妈上月在家摔倒,按了呼叫器一个钟头才有人来",
        "地震后客厅墙上多了几条裂缝,想请人来看看",
    ],
    "someone smoking in a lift, a sprinkler in the garden, a landscape waterfall, a claim to the developer, a fire evacuation map": [
        "电梯里有人在里面抽烟,味道很大",
        "花园里一个喷淋头坏了,一直在往外喷水",
        "小区的景观瀑布晚上能不能关掉,太吵了",
        "台风天地下室又淹了,要求管委会向建商求偿",
        "Could we have an English fire evacuation map in the lobby?",
    ],
}
MISSED_IN_THE_TWELFTH_ROUND_BY_CAUSE = {
    "a toddler behind a door with the keys inside, cars skidding on an iced ramp, an old neighbour not seen opening her door": [
        "钥匙锁在家里了,宝宝还在屋里睡觉,能来帮忙开门吗",
        "车库坡道结冰了,刚才好几辆车打滑",
        "对门独居的李阿姨三天没见开门了,她一个人住",
    ],
    "a smoke alarm beeping with a burning smell next door, a gas main dug through, a manhole cover stolen": [
        "The smoke alarm next door has been beeping for ages and I can smell something burning",
        "路口燃气管道被挖掘机挖破了,一股味道",
        "门口的井盖被人偷了,留了个大洞",
    ],
    "stings that swell and take the breath, a dog knocking a child down, a water-tank room broken into": [
        "我女儿被马蜂蜇了,手肿得很厉害,有点喘不上气",
        "楼下的大狗把一个小孩扑倒了,脸上破了",
        "水箱间的门被撬了,水箱盖也打开着",
    ],
    "a load-bearing wall punched through and cracking, sparks burning holes, welding beside foam board, burning paper in a fire escape": [
        "隔壁装修把承重墙打穿了,楼上说墙在裂",
        "楼上切割的火星子掉下来,把我晾的衣服烧了一个洞",
        "楼道里有人在电焊,旁边就是一堆泡沫板",
        "有人在消防通道里烧纸,烟很大",
    ],
}
FALSE_ALARMS_IN_THE_TWELFTH_ROUND_BY_CAUSE = {
    "a detector chirping for its battery, a hydrant box's door and glass, thanks for a storm clean-up and for a ride to hospital": [
        "The smoke detector keeps beeping, I think the battery is low",
        "消防栓箱门掉了,玻璃碎了一地",
        "谢谢保洁阿姨,台风后一早就把倒的树枝清理了",
        "保安大哥帮我把晕倒的爸爸扶上救护车,太感谢了",
    ],
    "a drain blocked five times in half a year, a barbecue's smoke, extra guards already posted": [
        "一楼下水道半年堵了五次,污水又从地漏冒上来",
        "楼下有人烤肉,烟全飘进我家",
        "有人翻墙进出小区,已经加派人员值守了",
    ],
}

MISSED_IN_THE_THIRTEENTH_ROUND_BY_CAUSE = {
    "a child fallen into a pool or a fountain, a seizure in the garden, a confused old man who cannot say where he lives": [
        "景观池那边有个小朋友掉水里了,快来人",
        "小区喷泉池有个孩子掉进去了",
        "我爸癫痫又发作了,就在单元门口,帮帮忙",
        "有个老人家在门口站了很久,问他住哪栋也说不清",
    ],
    "a small child crying alone at night, a child who cannot find his mother, an intruder who climbed in and was not caught": [
        "快十二点了,有个小孩在车库门口哭,就他一个人",
        "一个小女孩在广场上哭,说找不到妈妈了",
        "刚才有人翻进来,保安追了一圈,人还在小区里",
    ],
    "a structural wall opened while the works go on, a manhole cover washed open, a signboard hanging by a screw over the pavement, pots on a rail in a gale": [
        "楼上把结构墙打穿了,现在还在施工",
        "工人正在把外墙砸开做门,没看到装修许可",
        "大雨把路口的井盖冲走了,留了个大洞",
        "临街那块招牌螺丝松了,一直在晃,下面是人行道",
        "对面阳台栏杆上摆满花盆,现在台风都来了",
    ],
    "sparks from a wire beside a barbecue shop, a paper fire grown big in the wind, a 12345 relay with smoke and no answer, or water at the switchgear to be made safe": [
        "烧烤店门口那根电线一直在冒火花",
        "空地上有人烧东西,火还挺大,风一吹火星到处飞",
        "市民反映某栋一户窗口冒浓烟,敲门无人应答",
        "市民来电称地下室配电柜已进水,请物业抢险",
    ],
}
FALSE_ALARMS_IN_THE_THIRTEENTH_ROUND_BY_CAUSE = {
    "a tree already down on a car or across a path with nobody under it (21 of 26 blind labels)": [
        "昨晚台风把停车场的一棵树刮倒了,压在我车上",
        "花园小路那棵树断了,横在路上过不去",
        "巡逻发现南门的树倒在一辆车上,人没事",
    ],
    "a slow drip from a flat whose owner is away, a fire 'what if', an ambulance blocked as a habit (told in one breath)": [
        "卫生间天花板滴答滴答的,楼上那家好像出门了",
        "楼道里堆满了纸皮,着火怎么办",
        "消防通道老有人停车救护车都进不来",
    ],
}

MISSED_IN_THE_FOURTEENTH_ROUND_BY_CAUSE = {
    "a little boy locked in at home in Cantonese, a father with dementia gone out and not found, a man trying one door after another": [
        "我個女自己鎖咗喺屋企,先三歲,我冇鎖匙",
        "我媽有老人痴呆,早上自己出去到而家都搵唔到",
        "有个人拿着钥匙挨家挨户试门,现在在5楼",
    ],
    "a child fallen into the water feature, fireworks landed and smoking on a canopy, sparks from burnt offerings flying onto washing": [
        "水景池那边有小朋友掉下去了",
        "烟花掉到2栋的雨棚上,已经冒烟了",
        "楼下烧纸钱,火星子飘到我晒的衣服上,烧出好几个洞",
    ],
    "a rusted bracket at risk of falling over the pavement": [
        "3栋外机支架锈得很厉害,有坠落风险,下面就是人行道",
    ],
}
FALSE_ALARMS_IN_THE_FOURTEENTH_ROUND_BY_CAUSE = {
    "a card chewed by the dog, a fee of 120, an e-bike brought into the lift, a broken gate, a brick propping a door": [
        "遥控器被狗咬坏了,能重新配一个吗",
        "换个水龙头收了我120,这个价格合理吗",
        "有人带电动车进电梯,保安也不管",
        "这个破门禁天天坏,能不能换个新的",
        "门禁坏了好几天,大家都用砖头顶门",
    ],
    "a tree blown down in front of the building onto a car, nobody hurt (24 of 31 blind labels)": [
        "大风把单元门口的树刮倒了,压在我车上",
        "那棵大树被风吹倒了,砸在一辆车上,人没事",
    ],
}

MISSED_IN_THE_FIFTEENTH_ROUND_BY_CAUSE = {
    "an old man not back for hours, one with dementia not back, a toddler locked in a car": [
        "我爷爷中午出去遛弯到现在还没回来,手机也没带",
        "我外婆出门三个小时都没回来,她有老人痴呆",
        "宝宝锁车里了,钥匙也在车上,车停在太阳底下",
    ],
    "a child fallen into the landscape pool, a dog that knocked a child down and bit, a man on the roof edge in English": [
        "小孩掉水池里了,快来人",
        "有条金毛把小孩扑倒咬了一口",
        "A man is standing on the edge of the roof of block 3",
    ],
    "grass still smoking after a cigarette fire, a firecracker smoking under a car, a gas smell behind a door in a 12345 relay": [
        "A cigarette set the grass alight, we poured water on it but it is still smoking",
        "有人放鞭炮,车底下在冒烟",
        "市民反映某栋屋内有煤气味,敲门一直没人应",
    ],
    "a wall being knocked down with cracks appearing, sewage coming up in several flats": [
        "楼上正在砸墙,我家墙上都出现裂缝了",
        "一楼好几户都在返污水",
    ],
}
FALSE_ALARMS_IN_THE_FIFTEENTH_ROUND_BY_CAUSE = {
    "mahjong tiles at midnight, a shutter door dented by a car, a dog that bit only a trouser leg": [
        "楼上天天半夜打麻将,哗啦哗啦吵死人",
        "地库的卷帘门被车撞变形了,关不下来",
        "有只狗咬了小孩的裤脚,没伤到人,狗主人还不道歉",
    ],
}

MISSED_IN_THE_SIXTEENTH_ROUND_BY_CAUSE = {
    "a lift stopped with the caller inside who says there is no hurry, a child fallen into the fish pond, a grandfather with memory trouble not back": [
        "电梯停了没动,我在里面,不急的你们慢慢来",
        "有个小朋友掉进鱼塘了",
        "我阿爷出去饮茶到而家都未返,佢有认知障碍",
    ],
}

MISSED_IN_THE_SEVENTEENTH_ROUND_BY_CAUSE = {
    "someone alone who answers nobody, told in English, after a power cut or with the papers piling up": [
        "My mother lives alone in 6-1-502 and has not been answering her phone since last night, can a guard knock?",
        "楼下的张伯三天没见他出门了,门口牛奶都堆着,敲门也没反应",
    ],
    "a child missing, alone by the water or the road, told in English or Chinese": [
        "My daughter is missing, last seen near the fountain ten minutes ago, pink coat",
        "A toddler is wandering alone near the lake path, no adult anywhere",
        "小区池塘边有个小孩自己在玩水,周围没看到大人",
    ],
    "a sudden illness in plain words: the heart, low blood sugar, an allergic swelling, asthma": [
        "门岗的保安说胸口发紧,左胳膊发麻,脸色很难看",
        "My husband is diabetic, he is shaking and sweating and not making sense",
        "A kid got stung at the pool and his face is swelling fast",
        "我哮喘犯了,药用完了,一个人在家",
    ],
    "animals attacking or in danger now": [
        "有条比特犬咬住一只泰迪不放,主人拉不开",
        "A pit bull got loose near the gym and is charging at people",
        "客厅里飞进来一大群蜜蜂,孩子在房间里",
        "There is a dog locked in a car in P1, windows up, panting hard",
        "有只小狗掉进景观池里了,爬不上来",
    ],
    "equipment and works endangering people now": [
        "吊车在人行道上方吊钢管,下面还有人走来走去",
        "The window cleaner slipped off a ladder and can't stand up",
        "剪到一半的大树枝吊在步道上面晃,底下有老人经过",
        "道闸杆落下来砸到一个骑车的小孩",
    ],
    "property at risk now: a sprinkler soaking stock, a freezer thawing, a flat leaking with its owner away": [
        "Sprinkler in the storage room is spraying water all over our boxes",
        "停电两个小时了,店里冷柜的冻货都开始化水了",
        "我在外地出差,邻居说我家门口一直往外渗水",
    ],
}

FALSE_ALARMS_IN_THE_SEVENTEENTH_ROUND_BY_CAUSE = {
    "a guard who ignores people, a garden sprinkler, a thanks in English, a dog already taken back by its owner": [
        "晚班保安在岗亭刷视频,叫他也不理",
        "The lawn sprinklers are broken and water is everywhere on the path",
        "Thank you security for chasing off the guy checking car doors last night",
        "巡逻时看到一只没拴绳的狗追着小孩跑,已找到主人牵走了",
    ],
}

MISSED_IN_THE_EIGHTEENTH_ROUND_BY_CAUSE = {
    "smoke, gas and a burnt smell described instead of named": [
        "Rotten egg smell in the 9F lift lobby, getting stronger",
        "Grey haze coming from under the door of 1507 and nobody answers",
        "楼道里的味道像液化气,越来越冲",
        "The gas hob knob came off and the ring won't turn off",
    ],
    "violence heard through a wall or a weapon in a dialect": [
        "Things smashing next door and a woman crying for him to stop",
        "楼上那个男的在打他老婆,叫得很惨",
        "楼下有个醉酒佬攞住把刀在那里喊",
    ],
    "a break-in just found or under way, told in English": [
        "Just got home, the door lock was forced and the place is trashed",
        "A man is going through the car doors one by one on B2 right now",
    ],
    "a person who does not respond, a lift dropping with people in it, a drill that is said not to be one": [
        "一个阿婆坐在楼梯口,叫她又不应",
        "A man has been lying by the ramp for half an hour, not moving",
        "火警钟在响,不是演习,走廊真的有烟",
        "The lift I'm in stopped and the screen went dark",
    ],
}

MISSED_IN_THE_NINETEENTH_ROUND_BY_CAUSE = {
    "a fire sprinkler spraying, a barbecue lit in a stairwell, offerings catching the shrubs": [
        "走廊那个消防喷头一直在喷水,地上水越来越多",
        "Someone lit a barbecue in the stairwell to keep warm, smoke is filling the floor",
        "有人在绿化带烧纸钱,已经燎到旁边的灌木了",
    ],
    "someone inside who does not answer, a child face down in the pool": [
        "商场女厕最里面那格锁着,敲了半天没人应,门底下能看到脚",
        "泳池里有个小孩趴在水面上不动",
    ],
}

# Every read-through of independent sets (the first three, the retired held-out set, then each round
# of blind training sets): one story list for what the rules missed, one for what they wrongly flagged.
MISSED_IN_READ_THROUGHS = {**MISSED_BY_CAUSE, **MISSED_IN_DEV3_BY_CAUSE, **MISSED_IN_THE_FOURTH_ROUND_BY_CAUSE,
                           **MISSED_IN_THE_FIFTH_ROUND_BY_CAUSE, **MISSED_IN_THE_SIXTH_ROUND_BY_CAUSE,
                           **MISSED_IN_THE_SEVENTH_ROUND_BY_CAUSE, **MISSED_IN_THE_EIGHTH_ROUND_BY_CAUSE,
                           **MISSED_IN_THE_NINTH_ROUND_BY_CAUSE, **MISSED_IN_THE_TENTH_ROUND_BY_CAUSE,
                           **MISSED_IN_THE_ELEVENTH_ROUND_BY_CAUSE, **MISSED_IN_THE_TWELFTH_ROUND_BY_CAUSE,
                           **MISSED_IN_THE_THIRTEENTH_ROUND_BY_CAUSE, **MISSED_IN_THE_FOURTEENTH_ROUND_BY_CAUSE,
                           **MISSED_IN_THE_FIFTEENTH_ROUND_BY_CAUSE, **MISSED_IN_THE_SIXTEENTH_ROUND_BY_CAUSE,
                           **MISSED_IN_THE_SEVENTEENTH_ROUND_BY_CAUSE, **MISSED_IN_THE_EIGHTEENTH_ROUND_BY_CAUSE,
                           **MISSED_IN_THE_NINETEENTH_ROUND_BY_CAUSE}
FALSE_ALARMS_IN_READ_THROUGHS = {**FALSE_ALARMS_BY_CAUSE, **FALSE_ALARMS_IN_DEV3_BY_CAUSE, **FALSE_ALARMS_IN_THE_FOURTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_FIFTH_ROUND_BY_CAUSE, **FALSE_ALARMS_IN_THE_SIXTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_SEVENTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_EIGHTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_NINTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_TENTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_ELEVENTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_TWELFTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_THIRTEENTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_FOURTEENTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_FIFTEENTH_ROUND_BY_CAUSE,
                                 **FALSE_ALARMS_IN_THE_SEVENTEENTH_ROUND_BY_CAUSE}
assert len(MISSED_IN_READ_THROUGHS) == len(MISSED_BY_CAUSE) + len(MISSED_IN_DEV3_BY_CAUSE) + len(
    MISSED_IN_THE_FOURTH_ROUND_BY_CAUSE) + len(MISSED_IN_THE_FIFTH_ROUND_BY_CAUSE) + len(
    MISSED_IN_THE_SIXTH_ROUND_BY_CAUSE) + len(MISSED_IN_THE_SEVENTH_ROUND_BY_CAUSE) + len(
    MISSED_IN_THE_EIGHTH_ROUND_BY_CAUSE) + len(MISSED_IN_THE_NINTH_ROUND_BY_CAUSE) + len(
    MISSED_IN_THE_TENTH_ROUND_BY_CAUSE) + len(MISSED_IN_THE_ELEVENTH_ROUND_BY_CAUSE) + len(
    MISSED_IN_THE_TWELFTH_ROUND_BY_CAUSE) + len(MISSED_IN_THE_THIRTEENTH_ROUND_BY_CAUSE) + len(
    MISSED_IN_THE_FOURTEENTH_ROUND_BY_CAUSE) + len(MISSED_IN_THE_FIFTEENTH_ROUND_BY_CAUSE) + len(
    MISSED_IN_THE_SIXTEENTH_ROUND_BY_CAUSE) + len(MISSED_IN_THE_SEVENTEENTH_ROUND_BY_CAUSE) + len(
    MISSED_IN_THE_EIGHTEENTH_ROUND_BY_CAUSE) + len(MISSED_IN_THE_NINETEENTH_ROUND_BY_CAUSE), "a cause named twice"
assert len(FALSE_ALARMS_IN_READ_THROUGHS) == len(FALSE_ALARMS_BY_CAUSE) + len(FALSE_ALARMS_IN_DEV3_BY_CAUSE) + len(
    FALSE_ALARMS_IN_THE_FOURTH_ROUND_BY_CAUSE) + len(FALSE_ALARMS_IN_THE_FIFTH_ROUND_BY_CAUSE) + len(
    FALSE_ALARMS_IN_THE_SIXTH_ROUND_BY_CAUSE) + len(FALSE_ALARMS_IN_THE_SEVENTH_ROUND_BY_CAUSE) + len(
    FALSE_ALARMS_IN_THE_EIGHTH_ROUND_BY_CAUSE) + len(FALSE_ALARMS_IN_THE_NINTH_ROUND_BY_CAUSE) + len(
    FALSE_ALARMS_IN_THE_TENTH_ROUND_BY_CAUSE) + len(FALSE_ALARMS_IN_THE_ELEVENTH_ROUND_BY_CAUSE) + len(
    FALSE_ALARMS_IN_THE_TWELFTH_ROUND_BY_CAUSE) + len(FALSE_ALARMS_IN_THE_THIRTEENTH_ROUND_BY_CAUSE) + len(
    FALSE_ALARMS_IN_THE_FOURTEENTH_ROUND_BY_CAUSE) + len(FALSE_ALARMS_IN_THE_FIFTEENTH_ROUND_BY_CAUSE) + len(
    FALSE_ALARMS_IN_THE_SEVENTEENTH_ROUND_BY_CAUSE), "a cause named twice"


@pytest.mark.parametrize("text", stories(MISSED_IN_READ_THROUGHS))
def test_emergencies_later_read_throughs_showed_missing_are_urgent(text):
    result = classify(text)
    assert result["urgency"] == "urgent", result["evidence"]["urgency"]


@pytest.mark.parametrize("text", stories(FALSE_ALARMS_IN_READ_THROUGHS))
def test_false_alarms_later_read_throughs_showed_are_not_urgent(text):
    result = classify(text)
    assert result["urgency"] != "urgent", result["evidence"]["urgency"]
