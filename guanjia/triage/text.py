"""Normalising a resident's words before anything reads them.

Residents write in Simplified or Traditional Chinese (Hong Kong and Taiwan usage),
English, or a mix, with full-width punctuation, emoji, fillers from transcribed calls and
the usual homophone typos. Everything downstream (the safety rules, the lexicon, the
learnt model) sees one canonical form: Simplified Chinese, half-width, lower-case, with
regional words mapped to mainland ones so that a rule written once covers all of them.
"""

import inspect
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

# Hong Kong / Taiwan words → the mainland word the rules and the lexicon use.
# Applied after Traditional→Simplified conversion, so keys are in simplified characters.
REGIONAL_WORDS: dict[str, str] = {
    # Cantonese phrases first, before their particles are mapped one by one: "跌咗落嚟" is something
    # falling down, "跌咗" alone a person who fell; "V紧" is "正在V"; 喉 is a pipe (not 喉咙, the throat).
    "咗喺": "在", "跌咗落": "掉了下", "跌咗": "跌了", "浸咗": "淹了", "浸晒": "全淹了", "漏落嚟": "漏下来",
    "打紧交": "正在打架", "流紧血": "正在流血", "滴紧水": "正在滴水", "摇紧": "正在摇", "拆紧": "正在拆", "打紧": "正在打",
    "冒紧": "正在冒", "入紧水": "正在进水", "入水": "进水", "喉管": "水管", "条喉": "条水管", "个喉": "个水管", "喉爆": "水管爆",
    "石油气": "煤气", "拍门": "敲门", "跟住": "跟着", "后生仔": "年轻人", "石壆": "边缘", "成栋": "整栋", "成幢": "整幢",
    "联络": "联系", "打唔通": "打不通", "唔通": "难道", "凿紧": "正在凿", "爬紧": "正在爬", "响紧": "正在响", "攞住": "拿着", "闩": "关", "总掣": "总闸", "关咗掣": "关了开关", "闩咗掣": "关了开关", "我个仔": "我儿子", "阿妈": "妈", "阿爸": "爸",
    "升降机": "电梯", "𨋢": "电梯", "管理处": "物业", "管理员": "物业", "冷气机": "空调",
    "冷气": "空调", "瓦斯": "煤气", "水喉": "水管", "爆喉": "爆管", "水浸": "水淹",
    "机车": "电动车", "单车": "自行车", "大厦": "楼", "垃圾车": "清运车",
    "人哋": "别人", "哋": "们", "咗": "了", "唔": "不", "冇": "没有", "嘅": "的", "係": "是", "喺": "在", "啲": "些",
    "佢": "他", "睇": "看", "乜": "什么", "点解": "为什么", "好多": "很多", "嘈": "吵",
    "晕低": "晕倒", "跌低": "摔倒", "锁匙": "钥匙", "渠塞": "下水道堵", "通渠": "通下水道",
    "泊车": "停车", "保全": "保安", "警卫": "保安", "电掣": "开关", "火警钟": "火警警报", "打交": "打架", "不到去": "不去", "嘢": "东西", "落雨": "下雨", "好似": "好像", "搵": "找", "入面": "里面", "开不到": "打不开", "揾": "找", "屋企人": "家人", "屋企": "家", "犀利": "厉害",
    "不郁": "不动", "跳电": "跳闸", "嚟": "来",
    # Cantonese as OpenCC leaves it: 燶 (burnt) becomes 㶶, 係 becomes 系, 嗰 becomes 𠮶; 著火 keeps 著.
    "㶶": "焦", "燶": "焦", "火烛": "着火", "著火": "着火", "系咪": "是不是", "不系": "不是", "系不是": "是不是",
    "而家": "现在", "啱啱": "刚刚", "头先": "刚才", "边度": "哪里", "𠮶度": "那里", "在度": "在那里",
    "细路仔": "小孩", "细路": "小孩", "落来": "下来", "落去": "下去", "掷": "扔", "掟": "砸", "嗌": "喊",
    "拎住": "拿着", "揸住": "拿着", "入不到": "进不去", "出不到": "出不去", "起不到身": "起不来", "郁不到": "动不了",
    "寻日": "昨天", "琴日": "昨天", "噚日": "昨天", "寻晚": "昨晚", "琴晚": "昨晚", "噚晚": "昨晚", "成日没有": "一直没有", "成日": "经常",
    "灯胆": "灯泡", "渠冚": "渠盖", "喷紧": "正在喷", "浸到入": "淹进", "落紧": "正在下", "点做": "怎么做",
    "流落": "流下", "滴落": "滴到", "试紧": "正在试", "就来跌": "快要掉", "软晒": "瘫软", "爆紧": "正在爆", "咬紧": "正在咬", "企咗": "站了", "企喺": "站在", "企在": "站在", "露台": "阳台", "擲物": "抛物", "烧紧": "正在烧", "漏紧": "正在漏",
}
# 仲 is Cantonese "still" except in 仲裁 (arbitration) and the seasons' 仲夏/仲秋.
_STILL = re.compile(r"仲(?![裁介夏秋春冬])")
# OpenCC turns the Cantonese copula 係 into 系: after these words it is "是" ("结果系误鸣", "都系"),
# never the 系 of 关系, 联系 or 系统.
_COPULA = re.compile(r"(?<=[不都就果只真还即又咪])系(?![统列数])")
# Taiwan writes the aspect particle as 著 ("拿著针筒", "门锁著"), which OpenCC keeps; 著名, 显著, 著作 keep it.
_ASPECT = re.compile(r"(?<![显土卓巨原编论遗专名])著(?![名作称述])")

# Homophone and near-shape typos seen in residents' messages (那里/哪里 is harmless and kept).
TYPOS: dict[str, str] = {
    "太度": "态度", "电题": "电梯", "电踢": "电梯", "楼到": "楼道", "卫生问题": "卫生问题",
    "漏点": "漏电", "冒眼": "冒烟", "物叶": "物业", "物页": "物业", "保按": "保安",
    "停车为": "停车位", "缴废": "缴费", "交废": "交费", "燃器": "燃气", "煤汽": "煤气",
    "着伙": "着火", "起伙": "起火", "坏拉": "坏了",
    "店梯": "电梯", "电悌": "电梯", "燃汽": "燃气", "天然汽": "天然气", "冒烟儿": "冒烟", "漏电儿": "漏电",
    "着火儿": "着火", "爆水关": "爆水管",
}
# "在也/在次" typed for "再也/再次", but not the 在 of 现在, 正在, 还在 ("到现在也没人来修").
_AGAIN = re.compile(r"(?<![现正还存实所自好])在(?=也|次)")

# Emoji that carry meaning become words; the rest are dropped. 🔥 next to "热死了" is heat,
# not a fire, so 🔥 maps to a neutral token the safety rules do not treat as a fire.
EMOJI_WORDS: dict[str, str] = {
    "🔥": " emoji_fire ", "💧": "水", "🌊": "水", "⚡": " emoji_spark ", "🚒": " emoji_fire ",
    "🆘": "救命", "🚨": " emoji_alarm ", "😡": " 生气 ", "🤬": " 生气 ", "😠": " 生气 ",
    "👍": " 点赞 ", "🙏": " 谢谢 ", "💯": " 点赞 ", "❤": " 点赞 ", "🌹": " 点赞 ",
    "🐶": "狗", "🐕": "狗", "🐀": "老鼠", "🐭": "老鼠", "🪳": "蟑螂", "🚗": "车", "🚙": "车",
    "😭": " 哭 ", "💩": " 粪 ", "🗑": "垃圾",
}

# Pinyin typed by residents whose phone has no Chinese keyboard at hand ("dian ti kun ren le").
PINYIN_WORDS: dict[str, str] = {
    "dian ti kun ren": "电梯困人", "diantikunren": "电梯困人", "dian ti": "电梯", "kun ren": "困人",
    "mei qi wei": "煤气味", "zhao huo": "着火", "zháo huǒ": "着火", "lou shui": "漏水", "bao guan": "爆管",
    "ting dian": "停电", "ting shui": "停水", "kuai lai": "快来",
    "ka zhu": "卡住", "li mian": "里面", "you ren": "有人", "bei kun": "被困", "mao yan": "冒烟", "qi huo": "起火",
    "lou dian": "漏电", "ran qi": "燃气", "mei qi": "煤气", "jiu ming": "救命", "shuai dao": "摔倒",
    "yun dao": "晕倒", "shui guan": "水管", "bao le": "爆了",
    "guan ren le": "关人了", "kun ren le": "困人了", "guan ren": "关人", "guan zhu": "关住", "kun zhu": "困住",
    "bao an": "保安",
    # Initials typed in a hurry ("dt卡住了"): only those that mean one thing to a property desk.
    "dt": "电梯",
}
# Whole syllables only: "you ren" is pinyin, "could you renew" is not. Residents run syllables
# together as often as they space them ("meiqi wei", "limian"), so the space between is optional.
_PINYIN_BY_LETTERS = {source.replace(" ", ""): target for source, target in PINYIN_WORDS.items()}
_PINYIN = re.compile(r"(?<![a-z])(" + "|".join(sorted((r" ?".join(map(re.escape, source.split(" ")))
                                                       for source in PINYIN_WORDS), key=len, reverse=True))
                     + r")(?![a-z])")

# Transcribed-call fillers carry nothing and would only dilute the n-grams.
FILLERS = re.compile(r"(喂{1,3}|嗯+|呃+|额{2,}|那个那个|就是说|然后呢|怎么说呢|(?<![a-z])(um+|uh+)(?![a-z]))")  # whole words: not the "um" of "number"
_SPACES = re.compile(r"\s+")
# Hong Kong blocks are 座 ("3座"): only after a number, so 座椅 stays a seat.
_BLOCK = re.compile(r"(?<=[0-9一二三四五六七八九十])座")
_REPEATS = re.compile(r"([!?~。!?])\1+")  # "!!!!" → "!": anger is not urgency


@lru_cache(maxsize=1)
def _t2s() -> Any:  # an opencc.OpenCC, a package without types
    # Loaded once: OpenCC parses its dictionaries on construction (~20 ms).
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _traditional_characters() -> frozenset[str]:
    """Every character OpenCC would change (the keys of its TSCharacters dictionary).

    Most messages are already Simplified: checking for one of these first skips OpenCC's
    phrase parser, which is the slowest step of normalising.
    """
    dictionary = Path(inspect.getfile(_t2s().__class__)).parent / "dictionary" / "TSCharacters.txt"
    with dictionary.open(encoding="utf-8") as lines:
        return frozenset(line.split("\t", 1)[0] for line in lines if line.strip())


def to_simplified(text: str) -> str:
    traditional = _traditional_characters()
    if any(ch in traditional for ch in text):
        return _t2s().convert(text)
    return text


def _replace_all(text: str, table: dict[str, str]) -> str:
    for source, target in table.items():
        if source in text:
            text = text.replace(source, target)
    return text


def _emoji(text: str) -> str:
    text = _replace_all(text, EMOJI_WORDS)
    # Drop the remaining pictographs (So = "Symbol, other") and variation selectors.
    return "".join(" " if unicodedata.category(ch) in {"So", "Cs"} else ch
                   for ch in text if ch not in "\ufe0f\u200d")


def normalise(text: str) -> str:
    """The canonical form every rule and the model read."""
    text = unicodedata.normalize("NFKC", text or "")  # full-width → half-width
    text = to_simplified(text)
    text = _emoji(text).lower()
    text = _replace_all(text, REGIONAL_WORDS)
    text = _STILL.sub("还", text)
    text = _COPULA.sub("是", text)
    text = _ASPECT.sub("着", text)
    text = _replace_all(text, TYPOS)
    text = _AGAIN.sub("再", text)
    text = _PINYIN.sub(lambda match: _PINYIN_BY_LETTERS[match.group(0).replace(" ", "")], text)
    text = _BLOCK.sub("栋", text)
    text = FILLERS.sub(" ", text)
    text = _REPEATS.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


# Clause boundaries: punctuation, line breaks and the turns that start a new thought.
# The turn words stay at the start of the clause they open (zero-width split before them).
# "不过" is "but" except inside 喘不过气, 说不过去, 比不过, 受不过, 忍不过, 斗不过, 打不过, 躲不过, 逃不过, 透不过气.
_CLAUSE_SPLIT = re.compile(r"[,.;!?。,;!?\n、]+|(?=但是|(?<![喘说比受忍斗打躲逃透])不过|可是|结果|现在|这次|今天|but |however |now )")


def clauses(text: str) -> list[str]:
    """``text`` (already normalised) cut into clauses, so a negation only reaches its own clause.

    A fragment of one or two characters left by a turn word ("我|现在要去医院") joins the next
    clause: it is the subject of that clause, not a thought of its own.
    """
    parts, carry = [], ""
    for part in _CLAUSE_SPLIT.split(text):
        part = (part or "").strip()
        if not part:
            continue
        if len(part) <= 2 and not part.isascii():
            carry += part
            continue
        parts.append(carry + part)
        carry = ""
    if carry:
        parts.append(carry)
    return parts
