"""Words for the synthetic history: what residents report, what technicians note, what raters say."""

import random

from guanjia.core.taxonomy import Category, Kind, Urgency
from guanjia.tickets.choices import RatingLevel

# Assets that break again and again: the stuff of hot spots. {b} is a building number.
ASSETS = ["{b}栋1单元电梯", "{b}栋2单元电梯", "{b}栋地下室排水泵", "{b}栋楼道声控灯", "{b}栋单元门禁"]

_URGENT = [
    ("{asset}困人了,里面有一位老人,请马上派人", True),
    ("家里水管爆了,水一直往外喷,总阀关不上", False),
    ("楼上漏水漏到我家天花板,水一直往下滴,灯也湿了", False),
    ("{asset}配电箱冒烟还有火花,闻到烧焦味", True),
    ("楼道里有很重的煤气味,不知道是哪家", False),
]
_TEXTS: dict[tuple[str, str], list[str]] = {
    (Kind.REPAIR, Category.FACILITY): [
        "{asset}又坏了,按了没反应", "卫生间下水道堵了,水下不去", "厨房水龙头一直滴水,拧不紧",
        "{asset}不亮了,晚上上楼很黑", "入户门锁坏了,钥匙插进去转不动", "阳台地漏反味,麻烦来看看",
        "客厅插座没电了,跳闸推不上去", "{asset}刷卡没反应,进不了单元门", "热水器打不着火",
    ],
    (Kind.REPAIR, Category.ENVIRONMENT): ["小区中庭的喷灌头坏了一直喷水", "垃圾桶盖子坏了,味道很大"],
    (Kind.REPAIR, Category.ORDER): ["地库道闸抬不起来,车出不去", "单元门禁对讲机没声音"],
    (Kind.COMPLAINT, Category.ORDER): [
        "楼下有人每天晚上十一点后还在跳广场舞,太吵了", "消防通道又被私家车堵住了",
        "有车一直占我的固定车位,保安也不管", "楼上邻居凌晨还在拖椅子,影响休息", "小区有人遛狗不拴绳",
    ],
    (Kind.COMPLAINT, Category.ENVIRONMENT): [
        "垃圾站好几天没清理了,臭味很重", "楼道里一直没人打扫,灰很大", "草坪里有很多狗屎没人清",
    ],
    (Kind.COMPLAINT, Category.SERVICE): [
        "打了三次客服电话都没人接", "维修师傅约好上午来结果没来也没通知", "前台工作人员态度很差",
    ],
    (Kind.COMPLAINT, Category.FACILITY): [
        "{asset}一个月坏了三次,一直修不好", "地库灯坏了一半,晚上停车很危险", "小区大门门禁老是失灵",
    ],
    (Kind.COMPLAINT, Category.NEIGHBOR): ["楼上卫生间漏水到我家,沟通了不处理", "隔壁在公共走廊堆杂物"],
    (Kind.COMPLAINT, Category.RENOVATION): ["隔壁装修中午还在电钻,按规定不能施工", "装修垃圾在楼道放了一周"],
    (Kind.COMPLAINT, Category.FEE): ["这个月物业费怎么多收了", "停车费发票一直没开给我"],
    (Kind.INQUIRY, Category.FEE): ["物业费怎么交,可以微信付吗", "物业费单价是多少", "怎么开物业费发票"],
    (Kind.INQUIRY, Category.OTHER): ["快递放在哪里领", "周末业主活动在哪里报名", "小区wifi密码是多少"],
    (Kind.INQUIRY, Category.RENOVATION): ["装修需要办什么手续", "装修押金什么时候退"],
    (Kind.INQUIRY, Category.ORDER): ["访客车辆怎么登记进小区", "月租车位还有吗,怎么办理"],
    (Kind.INQUIRY, Category.FACILITY): ["停水通知什么时候恢复供水", "电梯年检是哪天"],
    (Kind.SERVICE, Category.OTHER): ["帮忙代收一个快递", "需要借一把梯子", "门禁卡丢了要补办一张"],
    (Kind.SERVICE, Category.ORDER): ["搬家需要开放行条", "朋友来访请帮忙登记车辆"],
    (Kind.SERVICE, Category.FACILITY): ["钥匙锁在家里了,请帮忙开门", "帮忙看一下家里的总闸"],
    (Kind.SUGGESTION, Category.ENVIRONMENT): ["建议中庭多种些树", "建议垃圾分类点加个洗手池"],
    (Kind.SUGGESTION, Category.ORDER): ["建议晚上多巡逻几次地库", "建议增加电动车充电桩"],
    (Kind.SUGGESTION, Category.OTHER): ["希望多组织一些亲子活动", "建议公告也发到业主群"],
    (Kind.PRAISE, Category.SERVICE): ["感谢前台小王耐心帮忙", "保安大哥帮我搬东西,非常感谢"],
    (Kind.PRAISE, Category.FACILITY): ["刘师傅修水管又快又好,点赞", "电梯维修很及时,谢谢"],
}
NOTES = ["已到现场检查,正在更换配件", "已关闭总阀,正在处理", "需要更换零件,已联系厂家",
         "已清理疏通,观察中", "已与业主约定明天上午继续处理"]
RATING_COMMENTS = {
    RatingLevel.VERY_SATISFIED: ["师傅很专业", "处理很及时", ""],
    RatingLevel.SATISFIED: ["还可以", "解决了", ""],
    RatingLevel.AVERAGE: ["来得有点慢", "一般"],
    RatingLevel.DISSATISFIED: ["等了很久才来,问题也没彻底解决", "态度不好"],
}


def describe(rng: random.Random, *, kind: str, category: str, urgency: str, assets: list[str]) -> tuple[str, str]:
    """A resident's words for this kind of request, and the asset it concerns (or '')."""
    asset = rng.choice(assets) if assets else ""
    if urgency == Urgency.URGENT:
        text, uses_asset = rng.choice(_URGENT)
        return text.format(asset=asset), asset if uses_asset else ""
    options = _TEXTS.get((kind, category)) or _TEXTS[(Kind.INQUIRY, Category.OTHER)]
    text = rng.choice(options)
    return text.format(asset=asset), asset if "{asset}" in text else ""
