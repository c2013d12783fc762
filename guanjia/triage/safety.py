"""The safety rule layer: emergencies are caught by hand-written rules, not by the model.

A learnt model trained on a few hundred examples cannot be trusted with "someone is trapped
in the lift" written calmly, in Traditional Chinese, in English or at the end of a long
message. These rules look for what is happening (trapped, burst, sparks, smoke, gas, hurt,
locked in, breaking in, sewage coming up, flooding), clause by clause, and ignore tone:
exclamation marks, "急", "气死了" and capital letters never make a request urgent.

A trigger does not count when its own clause negates it ("没有人被困"), places it in the
past ("上次困人"), makes it hypothetical ("如果漏电怎么办", a drill) or when a later clause
says it is over ("已经救出来了"). A trigger only feared ("担心漏电", "有隐患") or a soft
signal ("救命", a burning smell) makes the result *uncertain*: the intake screen treats it
as urgent until a person decides.
"""

import re
from dataclasses import dataclass, field

from .text import clauses

# code → pattern. Codes are stable: they appear in evidence and as model features.
HARD_TRIGGERS: dict[str, str] = {
    "lift_entrapment": r"(电梯|lift|elevator).{0,12}(困(住|了|在|人)|关(住|在)|锁(住|在))|被?困在.{0,6}(电梯|里面|里头)|"
                       r"困电梯|电梯.{0,10}(出不来|打不开.{0,6}人在|有人在里)|"
                       r"电梯.{0,15}(停|卡)(在|住|了).{0,15}(有人|人在|我在|孩子|老人|小孩|出不来|在里面)|"
                       r"电梯.{0,20}(门)?(打不开|开不了).{0,10}(人|孩子|老人|我)|"
                       r"电梯.{0,15}(夹(到|住|伤)|警铃|报警铃|呼救|有人(喊|敲|拍)|两层(之间|中间)|半层|急停|掉下)|"
                       r"(关|困|卡)在.{0,6}电梯|电梯.{0,10}(开着门|门开着|门没关).{0,6}(走|运行|上|下|跑)|电梯.{0,10}(卡住|卡在.{0,6}(中间|半|两层)|突然.{0,4}(停|掉|往下))|"
                       r"(trapped|stuck|locked).{0,20}(lift|elevator)|(lift|elevator).{0,20}(trapped|stuck)|"
                       r"电梯.{0,8}(急坠|下坠|坠落|冲顶|蹲底|溜梯)",
    "burst_pipe": r"爆管|爆水管|(水管|管道|管子|水龙头|阀门|接头|水表|热水器|暖气|地暖|软管|三角阀|水箱|pipe|water main)"
                  r".{0,8}(爆|破裂|裂开|裂了|断了|喷|脱落|掉了|burst)|(水).{0,4}(往外冒|往外涌|涌出来|冒出来|喷出来)|"
                  r"(漏水|渗水|漏)(得|的)?(很|好|特别|非常|太)(厉害|凶|严重)|大量(漏水|渗水|进水|涌水)|"
                  r"burst.{0,10}pipe|喷水(?!池)|水喷|往外喷",
    "water_through_ceiling": r"(天花|顶棚|吊顶|灯里|楼上|ceiling).{0,12}(哗哗|往下流|往下灌|灌下来|像下雨|水柱|"
                             r"大量|流下来|一直往下|pouring|gushing)|(pouring|gushing).{0,20}ceiling|"
                             r"(水|water).{0,6}(漫|淹)(到|进|了|出)|漫出来|水漫金山|满地(都是)?水",
    "flooding": r"水淹|淹水|被淹|进水了|倒灌|flood|没过(脚|膝|小腿)|淹到|泡在水里|泡水了|水漫进|跑水|发大水",
    "ceiling_water_flowing": r"(天花|吊顶|顶上|灯(里|座|罩)|楼上).{0,10}(流水|出水|冒水|哗|灌水|漏得(很|好|特别)?"
                             r"(厉害|凶|严重))",
    "sewage_backflow": r"(污水|粪水|脏水|下水道|马桶|地漏|sewage).{0,10}(倒灌|反涌|反上来|冒出|涌出|漫|溢|往上冒|往外冒|"
                       r"冒水|返水|反水|往上返|往上涌|"
                       r"返上来|冒上来|back(ing)? up|overflow)|反水.{0,6}(家里|屋里|客厅|满地)",
    "electric_leak": r"漏电|触电|电到人|被电|电了一下|麻手|electric shock|electrocut|live wire|"
                     r"电线.{0,6}(断了|掉下|垂下|掉在|落在|拖在地)|高压线.{0,6}(断|掉|垂|落)",
    "life_support_power": r"(呼吸机|制氧机|氧气机|透析|ventilator).{0,20}(停电|没电|断电)|"
                          r"(停电|没电|断电).{0,20}(呼吸机|制氧机|氧气机|透析|ventilator)",
    "explosion": r"爆炸|炸了|explosion|exploded|自燃|电池.{0,6}(鼓包|冒烟|起火)",
    "sparks": r"火花|跳火|(插座|插头|电线|开关|电箱|电表|电闸).{0,6}(烧黑|烧焦|烧坏|烧化|熔化|化了|发烫|烫手)|冒火|emoji_spark.{0,10}(插座|电)|spark|电线.{0,6}(烧|着)|短路.{0,6}(冒|烧)",
    "fire": r"(?<![不没])着火|着了火|火光|火势|烧着|起火|失火|火灾|火苗|明火|烧起来|烧着了|火很大|大火|火警(?!警报|报警|铃|钟|系统)|(?<![0-9])119(?![0-9])|on fire|\bfire\b(?! extinguisher| door| exit| lane| drill| alarm test)",
    "smoke": r"冒烟|浓烟|飘出.{0,2}烟|烟从.{0,8}(冒|出来|飘)|呛人|呛得|很呛|(全是|都是|满是|好大的|很大的)烟(?!味)|烟(很大|好大|特别大)|"
             r"(很|好|特别)(浓|重|大)的?烟味|烟味(很|好|特别)(浓|重|大)|烟雾(?!报警|探测)|好多烟(?!味)|很多烟(?!味)|(?<![抽吸])有烟(?!味)|黑烟|白烟|"
             r"smoke(?! alarm| detector|r|s\b|d\b)",
    "gas_leak": r"(煤气|燃气|天然气|gas).{0,8}(味|泄漏|泄露|漏|嘶嘶|呲呲|smell|leak)|(闻到|有).{0,4}(煤气|燃气)|"
                r"smell.{0,6}gas",
    "person_hurt": r"受伤|流血|出血|晕倒|昏倒|昏迷|不省人事|摔倒|摔伤|摔下|摔了一跤|摔了|跌倒|跌伤|跌了一跤|滑倒|被砸|砸中|骨折|抽搐|没有呼吸|没呼吸|心脏病|"
                   r"救护车|(?<![0-9])120(?![0-9])|砸到人|砸伤|咬伤|(狗|dog).{0,4}咬|injur|bleeding|fainted|collapsed|unconscious|"
                   r"ambulance|fell down|hurt",
    "child_locked_in": r"(小孩|孩子|小朋友|宝宝|婴儿|儿子|女儿|老人|宠物|child|kid|baby).{0,12}"
                       r"(锁在|反锁|关在|困在|locked in|locked inside|trapped|出不来)|"
                       r"(锁|关|困)在(车|家|屋|房间|阳台)里.{0,10}(孩子|小孩|宝宝|婴儿|老人)",
    "intruder_now": r"(有人|陌生人|小偷|贼).{0,8}(正在|在)(撬|翻|爬|偷)|家里进(了)?人|有人进了我家|"
                    r"(陌生人|不认识的人|可疑的人).{0,10}(徘徊|转悠|转来转去|蹲守|敲门|按门铃|跟着)|可疑.{0,4}(人|男|女).{0,10}(徘徊|转悠|蹲|盯|"
                    r"敲门|试门|拉门|撬)|(拉|试|拽).{0,3}车门|正在撬|撬门|撬锁|门.{0,4}被撬|被撬了|翻窗|翻墙进|入室|"
                    r"闯进|破门|有贼|break(ing)? in|burglar|intruder",
    "fight_now": r"打架|斗殴|打起来|打人|动手了|持刀|拿刀|动刀|被(人|他|她|保安|邻居)打|挨打|抢劫|抢包|被抢|"
                 r"fighting|knife|robbed|mugged",
    "theft_in_progress": r"(正在|现在|还在).{0,10}(偷|撬|剪锁)|(偷|撬|剪锁).{0,10}(快来|赶紧|还在|还没走)",
    "throwing_now": r"(往下扔|往楼下扔|高空抛物|扔下来|丢下来|掉下来).{0,12}(砸到|砸中|砸伤|差点砸|还在扔|一直扔)|"
                    r"(刚刚|刚才).{0,10}(扔下来|丢下来|往下扔)|"
                    r"(正在|还在|一直在).{0,4}(往下扔|往楼下扔|扔东西)",
    "person_shut_in": r"被(锁|关|困)在|(小孩|孩子|老人|宝宝|婴儿).{0,12}(在里面|在家里|在屋里).{0,10}(打不开|进不去|开不了)|"
                      r"(打不开|进不去|开不了).{0,12}(小孩|孩子|老人|宝宝|婴儿).{0,6}(在里面|在家|在屋)",
    "rescue_blocked": r"(救护车|ambulance).{0,10}(进不来|开不进|过不去)|担架|"
                      r"(病人|急救).{0,12}(抬下楼|背下楼|电梯坏)",
    "threat_now": r"闹事|砸(东西|车|门|玻璃|窗)|家暴|呼救|喊救命|尾随|跟踪|骚扰|威胁|发酒疯|耍酒疯|醉汉|持棍|拿棍|"
                  r"harass|following me|threaten",
    "open_manhole": r"井盖.{0,6}(没了|丢了|不见|被偷|破|碎|塌|翻|移开|掉|缺)|没有井盖|open manhole|manhole cover",
    "hazard_animal": r"蛇|snake|马蜂|胡蜂|wasp|hornet",
    "chemical": r"刺鼻|有毒|毒气|化学品|农药味|chemical|toxic",
    "cooking_unattended": r"(锅|灶|炉|煤气|燃气|天然气|电饭锅|电热毯|取暖器).{0,8}(还开着|没关|还在烧|烧着|开着火)|"
                          r"(stove|oven|heater).{0,10}(still on|left on)",
    "car_hits_person": r"(车|car).{0,6}(撞到人|撞了人|撞人|压到人|碾)|被车撞|hit by a car",
    "poisoning_drowning": r"中毒|溺水|掉进.{0,4}(水池|泳池|池塘|河|湖|井)|窒息|卡住喉咙|drown|poison|choking",
    "person_missing": r"(孩子|小孩|老人|儿子|女儿|父亲|母亲|爸|妈|奶奶|爷爷|外婆|外公|老太太|老大爷).{0,8}"
                      r"(走失|走丢|不见了|找不到)|找不到.{0,4}(孩子|小孩|老人)|missing child|lost child",
    "fall_from_height": r"(爬|站|坐)(到|在)?.{0,4}(窗外|窗台外|阳台外|栏杆外|护栏外|楼顶边)|挂在.{0,6}(窗外|阳台外)",
    "open_shaft": r"电梯.{0,8}(门开着|门开了).{0,8}(没有轿厢|没轿厢|下面是空的)|电梯井|scaffold|脚手架.{0,6}(倒|塌|掉)",
    "damaged_by_works": r"(打穿|打破|钻破|钻穿|挖断|弄破|挖破).{0,6}(燃气|煤气|天然气|水管|电缆|电线)",
    "transformer": r"(变压器|配电房|配电室|电房).{0,10}(响|冒烟|着火|爆|火花)",
    "sprinkler": r"喷淋.{0,6}(喷|爆|掉|漏)",
    "animal_attack": r"(狗|dog).{0,6}(扑|追着咬|咬|attack)",
    "falling_hazard": r"树(枝|干)?.{0,8}横在|(树|树枝).{0,8}(搭|挂|碰|压|倒)在?.{0,4}(电线|电缆|高压线)|(树|广告牌|外墙|空调外机|玻璃|窗(户|框|扇)|防盗窗|招牌|吊顶).{0,8}(倒|压|砸|掉下|要掉|掉落|"
                      r"坠落|塌|脱落|摇摇欲坠)|塌了|倒塌|(从楼上|楼上|高处|外墙).{0,6}(瓷砖|墙砖|砖|石头|花盆)"
                      r".{0,6}(掉|砸|落)|collapse|falling off",
    "suicide_risk": r"跳楼|轻生|想不开|自杀|suicid",
    # Cries for help and signs a resident would not write about anything ordinary.
    "cry_for_help": r"救命|help!|help me|sos\b|emergency",
    "burning_smell": r"焦味|烧焦|糊味|burning smell|smell of burning|smells like burning",
    "welfare_check": r"(老人|独居|老太太|老大爷|老爷子|老奶奶|老伯).{0,15}(没人应|不开门|没反应|没出门|联系不上|好几天没|"
                     r"不接电话|没动静|没回应|敲门不开)",
    "water_heavy": r"水很大|水好大|止不住|关不掉|关不住|哗哗|水龙头.{0,6}没关.{0,10}(不在家|出差|漫)",
}

# Signals that a person should look now, without being sure it is an emergency.
SOFT_TRIGGERS: dict[str, str] = {
    "police_called": r"报警|(?<![0-9])110(?![0-9])|警察|police",
    "fuel_smell": r"汽油味|漏油|petrol|gasoline",
    "guard_needed_now": r"(保安|security).{0,10}(快|马上|立刻|赶紧)|(快|马上|立刻|赶紧).{0,6}(叫|派)?(保安|security)",
}

# Markers that void a trigger in the same clause when they come before it.
NEGATION = re.compile(r"(没有|没(?!法|办法)|无(?!法)|不是|并非|未|不会|不用|\bno\b|\bnot\b|\bnever\b|"
                      r"nobody|no one|n't)")
HISTORY = re.compile(r"(上次|上回|上个月|上周|去年|前年|以前|那次|曾经|之前那次|前段时间|上礼拜|昨晚|昨天晚上|前天|"
                     r"前几天|last (time|week|month|year|night)|yesterday|previously|used to)")
# Burning on purpose (paper offerings, barbecues, fireworks) is an order complaint, not a fire —
# unless it is spreading.
CONTROLLED_BURNING = re.compile(r"(烧纸|烧烤|烧香|焚烧|烧垃圾|烧树叶|烧秸秆|放鞭炮|鞭炮|烟花|抽烟|吸烟|油烟|做饭|炒菜|"
                                r"烧菜|barbecue|bbq|cooking)")
# "经常困人", "老是跳闸": a recurring problem is a complaint about reliability, not an emergency now.
HABITUAL = re.compile(r"(经常|老是|总是|动不动|三天两头|隔三差五|每次|always|often|keeps? )")
SPREADING = re.compile(r"(蔓延|烧到|失控|着起来|烧起来了|spread)")
# …unless the clause says it is still going on ("从昨晚开始一直有煤气味").
ONGOING = re.compile(r"(一直|还在|还是|到现在|开始|仍然|越来越|still|since)")
HYPOTHETICAL = re.compile(r"(如果|万一|假如|假设|(?<!主)要是|演练|演习|培训|预案|宣传|讲座|知识|"
                          r"\bif\b|in case|drill|training)")
FEARED = re.compile(r"(隐患|担心|害怕|(?<!可)怕|容易|可能会|会不会|以免|防止|预防|小心|差点|差一点|险些|"
                    r"risk|worried|afraid|could|almost|nearly)")
RESOLVED = re.compile(r"(已经修好|修好了|已修好|已经好了|已修复|恢复正常|已经恢复|处理好了|已经处理|已处理|已解决|"
                      r"已经解决|救出来|已经出来|人出来了|火灭了|已经灭了|扑灭|没事了|fixed|resolved|sorted out|is out now)")

_HARD = {code: re.compile(rx) for code, rx in HARD_TRIGGERS.items()}
_SOFT = {code: re.compile(rx) for code, rx in SOFT_TRIGGERS.items()}
_NEGATIVE_WORDING = {HARD_TRIGGERS["open_manhole"], HARD_TRIGGERS["life_support_power"],
                     HARD_TRIGGERS["cooking_unattended"], HARD_TRIGGERS["water_heavy"],
                     HARD_TRIGGERS["welfare_check"]}
# A near miss ("差点砸到") is not a fear: the object already fell and the thrower may go on.
FEAR_EXEMPT = frozenset({"throwing_now"})
# How far back (characters) a negation reaches: "没有人被困" but not "没人管…水管爆了".
_NEGATION_REACH = 6


@dataclass
class SafetyFinding:
    urgent: bool = False
    uncertain: bool = False
    triggers: list[str] = field(default_factory=list)  # codes that made it urgent
    evidence: list[str] = field(default_factory=list)  # human-readable: "burst_pipe: 水管爆了"
    voided: list[str] = field(default_factory=list)  # triggers seen but negated, historic, hypothetical

    @property
    def codes(self) -> list[str]:
        return self.triggers


def _void_reason(clause: str, match: re.Match[str]) -> str | None:
    before = clause[:match.start()]
    # The negation may sit inside the match too: "电梯里没有人被困住" (not for triggers whose
    # words contain one: "井盖没了", "停电没电").
    inside = "" if match.re.pattern in _NEGATIVE_WORDING else match.group(0)
    if NEGATION.search(before[-_NEGATION_REACH:] + inside):
        return "negated"
    if HISTORY.search(before) and not ONGOING.search(clause):
        return "past"
    if clause[match.end():match.end() + 1] == "过" or re.search(r"(困|漏|着|爆|摔)过", match.group(0)):
        return "past"
    if HYPOTHETICAL.search(before) or "的话" in clause[match.end():]:
        return "hypothetical"
    if HABITUAL.search(before) and not re.search(r"(现在|正在|又|此刻|right now)", clause):
        return "recurring"
    if CONTROLLED_BURNING.search(clause) and not SPREADING.search(clause) and re.search(
            r"火|烟|焦|糊|fire|smoke|burn", match.group(0)):
        return "controlled burning"
    return None


def _resolved_later(parts: list[str], index: int) -> bool:
    # "电梯困人,已经救出来了" — the clause saying it is over usually follows within two clauses.
    return any(RESOLVED.search(part) for part in parts[index:index + 3])


def assess(text: str) -> SafetyFinding:
    """Look for emergencies in normalised ``text``, clause by clause.

    Each clause is read together with the next one, because residents split one fact over a
    comma ("电梯停了,里面有人"); a negation still only reaches a few characters back.
    """
    finding = SafetyFinding()
    parts = clauses(text)
    windows = [",".join(parts[index:index + 2]) for index in range(len(parts))]
    for index, clause in enumerate(windows):
        for code, pattern in _HARD.items():
            match = pattern.search(clause)
            if not match:
                continue
            seen = f"{code}: {match.group(0)}"
            reason = _void_reason(clause, match)
            if reason is None and _resolved_later(parts, index):
                reason = "resolved"
            if reason is not None:
                finding.voided.append(f"{seen} ({reason})")
            elif code not in FEAR_EXEMPT and FEARED.search(clause[:match.start()] + match.group(0)):
                finding.uncertain = True
                finding.evidence.append(f"{seen} (feared, not yet happening)")
            elif code not in finding.triggers:
                finding.urgent = True
                finding.triggers.append(code)
                finding.evidence.append(seen)
        for code, pattern in _SOFT.items():
            match = pattern.search(clause)
            if match and _void_reason(clause, match) is None and not _resolved_later(parts, index):
                finding.uncertain = True
                finding.evidence.append(f"{code}: {match.group(0)} (needs a person to judge)")
    if finding.urgent:
        finding.uncertain = False
    return finding
