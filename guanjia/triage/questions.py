"""Follow-up questions for vague requests (REQ-1): what the agent should ask before dispatch.

"电梯又坏了" cannot be dispatched: which lift, is anyone trapped, since when? The questions
depend on the subject (a concept) and on what the message already says: a message that
names the building does not get "where is it?".
"""

import re

from django.utils.translation import gettext_lazy as _

# Subject → the questions an experienced agent asks (REQ-5 hand-over content).
SUBJECT_QUESTIONS = {
    "lift": [_("Which lift is it (building and unit)?"), _("Is anyone trapped inside?"),
             _("Since when, and what exactly happens (stuck on a floor, doors, noises)?")],
    "gas": [_("Please leave the flat, do not switch anything on or off, and open windows if safe. "
              "Which building and room?"), _("Is the gas smell still strong now?")],
    "water_leak": [_("Where exactly is the water coming from (room, ceiling, pipe)?"),
                   _("Is it dripping or flowing? Can the main valve be closed?"), _("Since when?")],
    "pipe": [_("Which pipe, and is water spraying out now?"), _("Has the main valve been closed?")],
    "drain": [_("Which drain is blocked, and is dirty water coming up into the flat?")],
    "water_supply": [_("Is it only your flat or the whole building without water?"), _("Since when?")],
    "power": [_("Is it only your flat or the whole building?"), _("Has the breaker tripped? Any smoke or burning smell?")],
    "light": [_("Which light is it (building, floor, corridor or outside)?")],
    "access": [_("Which door or gate, and does it fail for every card or only yours?")],
    "noise": [_("Where is the noise coming from, and at what time?"), _("How long has it been going on?")],
    "parking": [_("Where is the car, and what is its plate number?")],
    "renovation": [_("Which room is renovating, and at what time does the work happen?")],
    "fee": [_("Which room and which month's bill is it about?")],
    "cleaning": [_("Where exactly (building, floor, area)?")],
    "pest": [_("Where have you seen them, in your flat or in a common area?")],
    "neighbor": [_("Which room is the neighbour in, and since when?")],
}
WHERE = _("Where exactly is it (building, unit, room)?")
WHAT = _("Could you describe what happened and what you would like us to do?")
WHEN = _("Since when has this been happening?")

_HAS_WHEN = re.compile(r"今天|昨天|刚才|刚刚|早上|晚上|点|天了|星期|周|月|since|today|yesterday|morning|night")
# Below this many characters a message is vague whatever it is about.
VAGUE_LENGTH = 14


def follow_up_questions(*, text: str, concepts: dict[str, str], kind: str, urgent: bool) -> list[str]:
    """The questions to ask back, most useful first; none for praise, suggestions and clear requests."""
    if kind in {"praise", "suggestion"}:
        return []
    asked: list[str] = []
    for subject, questions in SUBJECT_QUESTIONS.items():
        if subject in concepts:
            asked.extend(str(question) for question in questions)
            break
    if "location" not in concepts:
        asked.insert(0 if urgent else len(asked), str(WHERE))
    elif len(text) >= VAGUE_LENGTH * 3 and not urgent:
        # A long message with a place is usually clear enough: keep only the subject questions.
        asked = asked[:1]
    if not asked and len(text) < VAGUE_LENGTH:
        asked.append(str(WHAT))
    asks_when = any("Since when" in question for question in asked)
    if len(text) < VAGUE_LENGTH and not _HAS_WHEN.search(text) and not asks_when and asked:
        asked.append(str(WHEN))
    if "location" in concepts:
        asked = [question for question in asked if question != str(WHERE)]
    return list(dict.fromkeys(asked))[:4]
