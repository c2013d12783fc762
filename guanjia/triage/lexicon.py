"""Concepts: groups of words that mean the same thing to a service desk.

A concept fires when any of its words appears in the normalised text. Concepts feed the
learnt model as extra features (so that "升降機", "lift" and "电梯" teach the same lesson
from a few examples), decide the follow-up questions, and back the department overrides.
Patterns are regular expressions over the normalised (simplified, lower-case) text.
"""

import re

CONCEPT_PATTERNS: dict[str, str] = {
    "lift": r"电梯|lift|elevator|轿厢|扶梯",
    "water_leak": r"漏水|渗水|滴水|渗漏|水渍|往下滴|leak|漏下来|漏到",
    "drain": r"下水道|地漏|马桶|堵了|堵塞|不通|反水|返水|倒灌|化粪池|污水|drain|toilet|clog|sewage|sewer",
    "water_supply": r"停水|没水|水压|水很小|水太小|热水|水质|自来水|水发黄|水黄|水表|no water|water pressure",
    "pipe": r"水管|管道|爆管|阀门|总阀|pipe|valve",
    "power": r"停电|没电|跳闸|电闸|电路|插座|电线|电箱|电表|配电|漏电|power|electric|outage|socket|wiring",
    "light": r"灯|照明|light|bulb|lamp",
    "gas": r"煤气|燃气|天然气|gas",
    "access": r"门禁|门卡|人脸|刷卡|单元门|道闸|闸机|access card|key fob|face recognition|门铃|对讲",
    "door_window": r"门坏|门锁|锁坏|窗|玻璃|防盗门|door|window",
    "fire_kit": r"消防|灭火器|消火栓|烟感|喷淋|fire extinguisher|hydrant|安全出口",
    "structure": r"外墙|屋顶|楼顶|天台|墙皮|脱落|裂缝|开裂|沉降|空鼓|roof|crack|防水",
    "aircon_heat": r"空调|暖气|供暖|地暖|air ?con|heating|radiator",
    "noise": r"噪音|噪声|吵|太响|声音很大|动静|广场舞|音响|noise|noisy|loud|music",
    "parking": r"停车|车位|车库|乱停|占道|挡住|堵住|堵门|挡路|充电桩|车辆|park|garage|carport",
    "pet": r"狗|猫|宠物|遛|dogs?\b|\bcats?\b|\bpets?\b",
    "throwing": r"高空抛物|抛物|往下扔|往楼下扔|扔下来|丢下来|throw",
    "guard": r"保安|门岗|guard",
    "stranger": r"陌生人|小偷|偷|被盗|可疑|推销|发传单|小广告|stranger|thief|stole|burglar|intruder",
    "fight": r"打架|打人|吵架|斗殴|fight",
    "cleaning": r"打扫|保洁|清洁|卫生|脏|垃圾|清运|清理|拖地|clean|rubbish|trash|garbage|dirty|litter",
    "greening": r"绿化|草坪|草地|树|修剪|花草|浇水|除草|lawn|tree|grass|bush|hedge",
    "pest": r"蟑螂|老鼠|蚊子|苍蝇|白蚁|虫|灭鼠|消杀|杀虫|rat\b|rats|mice|cockroach|mosquito|pest|bugs",
    "smell": r"臭|异味|味道|气味|smell|stink|odou?r",
    "standing_water": r"积水|水坑|puddle|standing water",
    "fee_property": r"物业费|管理费|服务费|management fee|property fee",
    "fee_parking": r"停车费|月卡|月租|临停费|parking fee",
    "fee": r"费|收费|缴|交钱|欠|催缴|催款|发票|收据|账单|退款|多收|公摊|分摊|价格|涨价|"
           # English words whole: "fee" is in "feels", "bill" in "billboard".
           r"\b(invoices?|bills?|fees?|charged?|charges|refunds?|arrears|receipts?|pay|paid|payments?)\b",
    "renovation": r"装修|装潢|施工|电钻|冲击钻|砸墙|打墙|敲墙|拆墙|建渣|renovat|drilling|装修队|工人",
    "neighbor": r"楼上|楼下|隔壁|邻居|对门|对面那户|neighbo|upstairs|downstairs|next door",
    "staff_attitude": r"态度|不理|不耐烦|骂|凶|推诿|踢皮球|没人接|不接电话|敷衍|答应.*没|没下文|拖了|"
                      r"拖着|没人管|没人来|不作为|rude|attitude|ignored|nobody answer|no one answer|no reply",
    "slow": r"慢|几天了|好几天|一个星期|一周了|还没修|还没来|还没人|没修好|slow|still not|days",
    "praise": r"表扬|感谢|谢谢|多谢|辛苦|点赞|锦旗|好评|认真负责|及时|热心|很好|给力|专业|"
              r"thank|praise|great job|well done|appreciate|(so|very|really) kind",
    "suggestion": r"建议|希望能|希望可以|能不能|可不可以|最好能|提议|增设|加装|增加|多放|"
                  r"suggest|would be nice|could you add|please consider|how about",
    "question": r"请问|吗|怎么|如何|多少|什么时候|哪里|哪儿|几点|是否|能否|有没有|是不是|\?|"
                r"what|when|how|where|can i|is there|do you|does",
    "service_request": r"快递|包裹|钥匙|开门|开锁|放行条|放行|搬家|借|预约|办理|补办|代收|帮忙|帮我|麻烦|"
                       r"parcel|package|key|borrow|book|delivery|move out|move in",
    "activity": r"活动|晚会|讲座|报名|节日|比赛|event|activity",
    "hotline": r"12345|市民反映|市民来电|来电人|诉求人|该市民|反映人|市民称|市民表示|citizen",
    "patrol": r"巡逻时|巡查|巡检|巡逻发现|patrol",
    "repeat": r"多次|好几次|[0-9三四五六七八九十几]+次|反复|一直没|至今|到现在还|几个月|半年|一年多|好几年|"
              r"多年|长期|again and again|repeatedly|months|years|又",
    "legacy": r"历史遗留|开发商|产权|房产证|不动产证|维修基金|公共收益|交房|延期交付|规划|违建|违章搭建|"
              r"developer|title deed",
    "group": r"业主们|大家都|很多业主|联名|集体|全体|整栋|群里|好多户|几十户|all residents|everyone",
    "media": r"媒体|记者|曝光|起诉|律师|法院|信访|投诉到|media|lawyer|sue",
    "location": r"[0-9一二三四五六七八九十]+(?:栋|号楼|单元|楼|层|室|号)|车库|地库|大堂|门口|block|floor|flat|room",
    "time_night": r"晚上|半夜|凌晨|深夜|夜里|夜间|早上[五六七]点|早上6|早上7|清早|周末|周日|星期天|礼拜天|中午|午休|"
                  r"night|midnight|early morning|sunday|weekend",
}

CONCEPTS: dict[str, re.Pattern[str]] = {name: re.compile(rx) for name, rx in CONCEPT_PATTERNS.items()}


def concepts_in(text: str) -> dict[str, str]:
    """The concepts present in normalised ``text``, each with the first word that matched."""
    found: dict[str, str] = {}
    for name, pattern in CONCEPTS.items():
        match = pattern.search(text)
        if match:
            found[name] = match.group(0)
    return found
