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

The triggers themselves are in ``triggers.py`` and the wordings that void or confirm them in
``context.py``; this module reads a message with both.
"""

import re
from dataclasses import dataclass, field
from functools import cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .context import (
    AFFECTED,
    AGAIN_NOW,
    ALARM_GLASS,
    ANNOUNCED_CUT,
    ASLEEP_ON_DUTY,
    BITTEN_THING,
    CALLERS_ON_BUSINESS,
    CISTERN,
    CLAIM,
    CLAIM_CODES,
    CONDITION,
    CONTROLLED_BURNING,
    CORDON_CODES,
    CORDONED,
    COUNTED,
    DANGER_AFTER,
    DEFERRABLE_CODES,
    DEFERRED,
    DOORSTEP_CODES,
    DRILL,
    FEAR_EXEMPT,
    FEARED,
    FIGURE_OF_SPEECH,
    FLOODING_OUT,
    FROM_A_BILL,
    GENERIC_AFTER,
    GENERIC_QUESTION,
    GUESS,
    HABIT_AFTER,
    HABITUAL,
    HEARSAY,
    HISTORY,
    HISTORY_AFTER,
    HYPOTHETICAL,
    IF_REALLY,
    INDOORS,
    JUST_FOUND,
    LASTED_YEARS_AFTER,
    LONG_STANDING,
    MINOR,
    MOMENTARY,
    MOMENTARY_CODES,
    NEAR_MISS,
    NEAR_MISS_CODES,
    NEGATION,
    NEW_TOPIC,
    NOBODY_INSIDE,
    NOW_AFTER,
    OBJECT_DROPPED,
    ONGOING,
    ONLOOKER,
    OPEN_FIRE,
    ORDINARY_FUMES,
    PESTERED,
    PLANNED_OUTAGE,
    POWER_OFF,
    POWER_OFF_CODES,
    PRESENT,
    PROCEDURE_AFTER,
    READ_WITH_CONTEXT,
    RELAYED,
    RELAYED_NOW,
    RESOLVED,
    RESOLVED_EVENT,
    RULES_QUESTION,
    SLOW_DRIP,
    SMOKE_ONLY,
    SPRAYING_BY_DESIGN,
    SPREADING,
    STILL_NOW,
    SUGGESTION_OPENING,
    THANKS,
    TREE_STILL,
    UNOCCUPIED,
    UNOCCUPIED_CODES,
    WATER_CODES,
    WHO_PAYS,
    WIRING,
)
from .labels import rule_label
from .text import clauses
from .triggers import HARD_TRIGGERS, SOFT_TRIGGERS

_HARD = {code: re.compile(rx) for code, rx in HARD_TRIGGERS.items()}
_SOFT = {code: re.compile(rx) for code, rx in SOFT_TRIGGERS.items()}
_LIFT = re.compile(r"电梯|轿厢|lift|elevator")
_NEGATIVE_WORDING = {HARD_TRIGGERS["open_manhole"], HARD_TRIGGERS["leak_nobody_home"],
                     HARD_TRIGGERS["outage_vulnerable"], HARD_TRIGGERS["child_alone"], HARD_TRIGGERS["lift_doors_open_moving"], HARD_TRIGGERS["animal_attack"], HARD_TRIGGERS["person_missing"],
                     HARD_TRIGGERS["life_support_power"], HARD_TRIGGERS["vehicle_runaway"],
                     HARD_TRIGGERS["no_harness_at_height"], HARD_TRIGGERS["open_shaft"], HARD_TRIGGERS["premises_unsecured"],
                     HARD_TRIGGERS["suspicious_package"], HARD_TRIGGERS["water_contaminated"],
                     HARD_TRIGGERS["critical_power_loss"],
                     HARD_TRIGGERS["cooking_unattended"], HARD_TRIGGERS["water_heavy"],
                     HARD_TRIGGERS["welfare_check"], HARD_TRIGGERS["person_unwell"],
                     HARD_TRIGGERS["flooding"], HARD_TRIGGERS["car_park_flooding"],
                     HARD_TRIGGERS["open_shaft"], HARD_TRIGGERS["structure_at_risk"],
                     HARD_TRIGGERS["poisoning_drowning"]}  # "没过脚踝" is water over the ankles, not a negation
# Clauses read together: residents spread one fact over commas ("我妈一个人住,从昨天到,现在电话都没人接").
WINDOW = 3
# How far back (characters) a negation reaches: "没有人被困" but not "没人管…水管爆了".
_NEGATION_REACH = 6


# Why a trigger seen in the text did not count, as the agent reads it next to the rule code.
VOID_REASONS = {
    "negated": gettext_lazy("negated"),
    "past": gettext_lazy("in the past"),
    "hypothetical": gettext_lazy("hypothetical or a drill"),
    "recurring": gettext_lazy("a recurring problem"),
    "planned": gettext_lazy("a planned cut"),
    "controlled burning": gettext_lazy("burning on purpose"),
    "resolved": gettext_lazy("resolved later in the message"),
    "thanks": gettext_lazy("thanks for help already given"),
    "minor": gettext_lazy("minor or by design"),
    "nobody at risk": gettext_lazy("nobody at risk there now"),
}


@dataclass
class SafetyFinding:
    urgent: bool = False
    uncertain: bool = False
    triggers: list[str] = field(default_factory=list)  # codes that made it urgent
    evidence: list[str] = field(default_factory=list)  # human-readable: "爆管: 水管爆了" (the rule's label)
    voided: list[str] = field(default_factory=list)  # triggers seen but negated, historic, hypothetical
    seen: list[str] = field(default_factory=list)  # the code of every rule named in the evidence, in order
    where: str = ""  # the clauses the first urgent rule fired in (a long message's buried emergency)

    @property
    def codes(self) -> list[str]:
        return self.triggers


def _in_the_past(clause: str, match: re.Match[str], *, previous: str, code: str, story: bool) -> bool:
    """Whether the trigger is told as something that happened before, not happening now."""
    before = clause[:match.start()]
    # "表扬王师傅昨天修得快,另外刚发现电梯关着人": the turn to a new matter leaves yesterday behind.
    turns = list(NEW_TOPIC.finditer(before))
    if turns:
        before = before[turns[-1].end():]
    # A break-in found just now ("刚回家发现门锁被撬过了") is the emergency: whoever did it may be inside.
    if code == "intruder_now" and JUST_FOUND.search(before):
        return False
    # "Still going on" counts in the match's own clause: "从昨晚开始一直有煤气味", not "上次砸坏了车,一直没查出来".
    start = clause.rfind(",", 0, match.start()) + 1
    end = clause.find(",", match.end())
    own_clause = clause[start:end if end >= 0 else len(clause)]
    ongoing = bool(ONGOING.search(own_clause))
    if ongoing and HISTORY.search(own_clause[:match.start() - start]) and not STILL_NOW.search(clause):
        ongoing = False  # "昨天晚上报警器一直响": it went on then; nothing says it goes on now
    # The time may sit inside the match ("停车场那条渠昨天水淹") unless the match comes back to now.
    dated_inside = HISTORY.search(match.group(0)) and not PRESENT.search(match.group(0))
    if not ongoing and (HISTORY.search(before) or dated_inside or HISTORY_AFTER.search(own_clause, match.end() - start)):
        return True
    if story and not ongoing and not PRESENT.search(before + match.group(0)) and not NOW_AFTER.search(clause, match.end()):
        return True
    if code.startswith("person_") and CONDITION.search(own_clause):
        return True
    # Smoke is told after the fire that made it: the fire's "之前" dates the smoke too.
    if code in SMOKE_ONLY and HISTORY.search(previous) and not ONGOING.search(clause):
        return True
    if clause[match.end():match.end() + 1] == "过" or re.search(r"(困|漏|着|爆|摔)过", match.group(0)):
        return True
    # "老人摔倒那次", "着火的事情": the event is named as something that happened.
    return bool(re.match(r".{0,4}(那次|那回|那天|那晚|那一次|的事情|那件事|那个事|的那次)", clause[match.end():]))


def _void_reason(clause: str, match: re.Match[str], *, context: str = "", previous: str = "",
                 code: str = "", story: bool = False) -> str | None:
    before = clause[:match.start()]
    # The negation may sit inside the match too: "电梯里没有人被困住" (not for triggers whose
    # words contain one: "井盖没了", "停电没电").
    # Read in the clause itself, so a negation's own exceptions can see the words after it
    # ("没有带狗绳" is a dog off the leash, not a negation).
    limit = match.start() if match.re.pattern in _NEGATIVE_WORDING else match.end()
    if any(found.start() < limit for found in NEGATION.finditer(clause, max(match.start() - _NEGATION_REACH, 0))):
        return "negated"
    if code.startswith("lift_") and NOBODY_INSIDE.search(clause):
        return "negated"
    if _in_the_past(clause, match, previous=previous, code=code, story=story):
        return "past"
    # A drill or a hypothetical is often announced a clause earlier ("要搞消防演习,烟雾是假的吧").
    # "电梯困人后维保多久要到场?": a question about what happens after such an event, not one now.
    if GENERIC_AFTER.match(clause[match.end():]) and GENERIC_QUESTION.search(clause):
        return "hypothetical"
    if WHO_PAYS.match(clause[match.end():]):  # "老人摔了谁负责!": a complaint asking who answers for it
        return "hypothetical"
    if HYPOTHETICAL.search(previous + before) or "的话" in clause[match.end():] or DRILL.search(clause[match.end():]):
        return "hypothetical"
    if HEARSAY.search(clause) or (PROCEDURE_AFTER.match(clause[match.end():]) and GENERIC_QUESTION.search(clause)):
        return "hypothetical"
    if before.endswith("真") and IF_REALLY.match(clause, match.end()):  # "真着火了烟全窜上来": if it really did
        return "hypothetical"
    if not match.group(0).endswith("了") and re.match(r"(的话)?(怎么办|咋办|点算)", clause[match.end():]):
        return "hypothetical"  # "堆满纸箱,着火怎么办": what if it happened, not that it has
    if RULES_QUESTION.search(clause):  # "请问火警铃响了要怎么做?": what to do, asked in advance
        return "hypothetical"
    if before.endswith("防") and not before.endswith(("消防", "人防")):  # "防摔倒讲座", "防触电": prevention names the danger (消防 is fire service)
        return "hypothetical"
    if THANKS.search(previous + clause) and not NEW_TOPIC.search(before):
        return "thanks"
    if (code in UNOCCUPIED_CODES and UNOCCUPIED.search(before + match.group(0))
            and (code != "intruder_now" or "撬" in match.group(0))
            and not re.search(r"(正在|还在|有人在|现在|right now)", clause)):
        return "nobody at risk"
    if code in WATER_CODES and (MINOR.search(clause) or SPRAYING_BY_DESIGN.search(previous + clause)
                                or (code == "water_heavy" and CISTERN.search(clause)
                                    and not FLOODING_OUT.search(clause))):
        return "minor"
    if code in ("person_hurt", "animal_attack") and "咬" in match.group(0) and (
            BITTEN_THING.search(before) or re.match(r"的?(裤|衣|鞋)", clause[match.end():])):
        return "minor"  # a card chewed, a trouser leg caught: not a person bitten
    if code == "water_heavy" and "麻将" in previous + clause:
        return "minor"  # "打麻将,哗啦哗啦的": tiles shuffled, not water
    if code == "leak_nobody_home" and SLOW_DRIP.search(clause):
        return "minor"
    if code == "falling_hazard" and ALARM_GLASS.search(previous + "," + clause):
        return "minor"
    if code == "fire_alarm_sounding" and re.search(r"(battery|电池|没电|低电)", clause):
        return "minor"  # a detector chirping for its battery
    if code == "lift_entrapment" and re.search(r"(抽烟|吸烟|smoking)", clause[match.end():match.end() + 6]):
        return "minor"  # "电梯里有人在里面抽烟": someone smoking in a lift, not shut in it
    # Lived with for years, said before the event or after it ("高空抛物问题已持续一年多"), unless it is on now.
    if ((LONG_STANDING.search(previous + before + match.group(0)) or LASTED_YEARS_AFTER.match(clause, match.end()))
            and not re.search(r"(现在|正在|此刻|right now)", clause[match.end():])):
        return "recurring"
    if (HABITUAL.search(before + match.group(0)) or HABIT_AFTER.search(clause, match.end())) and not AGAIN_NOW.search(clause):
        return "recurring"
    # Smoke is told after the habit that makes it ("长期在走廊烧香拜神,烟味好大").
    if (code in SMOKE_ONLY and HABITUAL.search(previous) and (OPEN_FIRE.search(previous) or CONTROLLED_BURNING.search(previous))
            and not AGAIN_NOW.search(clause)):
        return "recurring"
    if COUNTED.search(clause, match.end()) and not re.search(r"(现在|正在|还在|此刻|刚刚|刚才|有人|right now)", clause):
        return "recurring"  # "…漫到路面,这个月已经是第三次": a complaint about how often
    if code in DEFERRABLE_CODES and DEFERRED.search(clause):
        return "minor"
    if code in MOMENTARY_CODES and MOMENTARY.match(clause, match.end()):
        return "minor"
    if code == "explosion" and match.group(0) == "炸了" and FIGURE_OF_SPEECH.search(before):
        return "minor"
    if code == "poisoning_drowning" and OBJECT_DROPPED.search(before + match.group(0)):
        return "minor"  # "遥控器掉进水里": a thing, not a person
    # The spray may be named a clause before its smell ("在楼下喷药,味道挺刺鼻的").
    if code == "chemical" and ORDINARY_FUMES.search(previous + clause) and not AFFECTED.search(previous + (context or clause)):
        return "minor"
    if (code == "person_unwell" and ASLEEP_ON_DUTY.search(previous + clause)) or (
            code in DOORSTEP_CODES and CALLERS_ON_BUSINESS.search(clause)) or (
            code == "threat_now" and "骚扰" in match.group(0) and PESTERED.search(context or clause)):
        return "minor"
    if (code in ("outage_vulnerable", "critical_power_loss") and PLANNED_OUTAGE.search(clause)) or (
            code == "life_support_power" and ANNOUNCED_CUT.search(clause)):
        return "planned"
    if re.match(r"(了|过)?[0-9一二两三四五六七八九十几]+(次|回)", clause[match.end():]):
        return "recurring"  # "一年爆了三次": a reliability complaint
    # The fire may be named a clause before the smoke it makes ("有人烧纸,烟很大").
    context = context or clause
    indoor_fire = OPEN_FIRE.search(context) and INDOORS.search(context)
    if code != "fuel_leak" and CONTROLLED_BURNING.search(context) and not SPREADING.search(context) and not indoor_fire and re.search(
            r"火|烟|焦|糊|呛|fire|smoke|burn", match.group(0)) and not (code == "sparks" and WIRING.search(context)):
        return "controlled burning"
    return None


def _feared(code: str, clause: str, match: re.Match[str], *, onlooker: bool = False) -> bool:
    text = clause[:match.start()] + match.group(0)
    if code in NEAR_MISS_CODES:
        text = NEAR_MISS.sub(" ", text)
    return bool(FEARED.search(text) or DANGER_AFTER.search(clause[match.end():]) or (FROM_A_BILL.search(clause) and GUESS.search(clause))
                or onlooker)


def _resolved_later(parts: list[str], index: int, code: str = "") -> bool:
    # "电梯困人,已经救出来了" — the clause saying it is over usually follows within three clauses
    # ("火警铃响了十分钟,半夜两点,全楼都跑下楼,结果说是误报").
    over = _ending(code)
    return any(over.search(part) for part in parts[index:index + 4])


@cache
def _ending(code: str) -> re.Pattern[str]:
    """What says a trigger of this kind is over: shutting the valve ends only water; a fence ends
    only a hole or a falling hazard; switching off ends only a smell, a live appliance or sparks.
    Built once per rule, not once per clause."""
    endings = [RESOLVED if code in WATER_CODES else RESOLVED_EVENT]
    endings += [CORDONED] if code in CORDON_CODES else []
    endings += [POWER_OFF] if code in POWER_OFF_CODES else []
    return re.compile("|".join(pattern.pattern for pattern in endings))


def _told_in_the_past(parts: list[str], index: int) -> bool:
    """A story told in the past a clause or two earlier that has not come back to now by this clause
    (a message may go on to something new much later: "…上周报的门禁…哦对了,我刚发现水管在喷水")."""
    if NEW_TOPIC.search(parts[index]):
        return False
    for part in reversed(parts[max(index - WINDOW + 1, 0):index]):
        if PRESENT.search(part) or NEW_TOPIC.search(part):
            return False
        if HISTORY.search(part):
            return True
    return False


def assess(text: str) -> SafetyFinding:
    """Look for emergencies in normalised ``text``, clause by clause.

    Each clause is read together with the next two, because residents split one fact over a
    comma ("电梯停了,里面有人"); a negation still only reaches a few characters back.
    """
    finding = SafetyFinding()
    parts = clauses(text)
    windows = [",".join(parts[index:index + WINDOW]) for index in range(len(parts))]
    # Every window is a substring of the whole (joined the same way), so a rule that finds nothing
    # in the whole finds nothing in any window: one search per rule first, instead of one per window.
    whole = ",".join(parts)
    hard = [(code, pattern) for code, pattern in _HARD.items() if pattern.search(whole)]
    soft = [(code, pattern) for code, pattern in _SOFT.items() if pattern.search(whole)]
    suggestion = bool(SUGGESTION_OPENING.match(whole))
    onlooker = bool(ONLOOKER.search(whole))
    claim = bool(CLAIM.search(whole))
    for index, clause in enumerate(windows):
        for code, pattern in hard:
            match = pattern.search(clause)
            if not match:
                continue
            seen = f"{rule_label(code)}: {match.group(0)}"
            if code not in finding.seen:
                finding.seen.append(code)
            context = ",".join(parts[max(index - 2, 0):index + 2]) if code in READ_WITH_CONTEXT else clause
            reason = _void_reason(clause, match, context=context, previous=parts[index - 1] if index else "",
                                  code=code, story=_told_in_the_past(parts, index))
            if reason is None and suggestion:
                reason = "hypothetical"
            if (reason is None and code in ("falling_hazard", "storm_damage")
                    and "树" in clause[max(match.start() - 12, 0):match.end()] and not TREE_STILL.search(whole)):
                reason = "nobody at risk"  # a tree already down, nobody under it: cleared within the day
            if reason is None and claim and code in CLAIM_CODES and not re.search(r"(现在|正在|还在|此刻|right now)", clause):
                reason = "past"
            if reason is None and _resolved_later(parts, index, code):
                reason = "resolved"
            if reason is not None:
                finding.voided.append(_("%(seen)s (%(reason)s)") % {"seen": seen, "reason": VOID_REASONS[reason]})
            elif code not in FEAR_EXEMPT and _feared(code, clause, match, onlooker=onlooker):
                finding.uncertain = True
                finding.evidence.append(_("%(seen)s (feared, not yet happening)") % {"seen": seen})
            elif code not in finding.triggers:
                finding.where = finding.where or clause
                finding.urgent = True
                finding.triggers.append(code)
                finding.evidence.append(seen)
        for code, pattern in soft:
            match = pattern.search(clause)
            if match and _void_reason(clause, match) is None and not _resolved_later(parts, index):
                finding.uncertain = True
                finding.evidence.append(_("%(code)s: %(words)s (needs a person to judge)")
                                        % {"code": rule_label(code), "words": match.group(0)})
                if code not in finding.seen:
                    finding.seen.append(code)
    nobody = NOBODY_INSIDE.search(whole)
    if not finding.urgent and nobody and _LIFT.search(whole):
        # "电梯停在顶楼不动了,里面空的": said outright, so the model alone does not call it an entrapment.
        seen = f"{rule_label('lift_entrapment')}: {nobody.group(0)}"
        finding.voided.append(_("%(seen)s (%(reason)s)") % {"seen": seen, "reason": VOID_REASONS["negated"]})
    if finding.urgent and RELAYED.search(text) and not RELAYED_NOW.search(text):
        # A 12345 transfer summarises a call made hours earlier, usually about something the
        # caller has lived with for a while: the duty officer checks it before the urgent clocks
        # run (the intake still treats "uncertain" as urgent until then).
        finding.urgent = False
        finding.evidence.append(_("relayed by the 12345 hotline: a person checks whether it is still happening"))
    if finding.urgent:
        finding.uncertain = False
    elif finding.triggers:
        finding.uncertain = True
    return finding
