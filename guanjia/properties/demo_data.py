"""Tables the demo generator draws from: realistic, invented, deterministic under a seed."""

# The most common surnames, most frequent first (weights follow their rough share of the population).
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
                "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
SURNAME_WEIGHTS = [max(1, 80 - i) for i in range(len(SURNAMES))]
COMPOUND_SURNAMES = ["欧阳", "司马", "上官", "诸葛", "东方"]
GIVEN_CHARACTERS = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建文辉力鹏飞斌宇浩凯健俊帆帅旭宁"
                        "雪琳晨欣怡佳雨婷思梦子涵睿博轩然瑞泽宏志国庆海波春梅兰凤云峰亮成林东晓丹慧颖倩琪")
PHONE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                  "156", "157", "158", "159", "166", "176", "177", "180", "181", "182", "183", "185", "186",
                  "187", "188", "189", "191", "198", "199"]
# Zhejiang city letters after the province character: plates like 浙A·12345.
PLATE_PROVINCE = "浙"
PLATE_CITY_LETTERS = "ABCDEFGHJ"
# Region codes (Hangzhou districts) for invented resident ID numbers.
ID_REGIONS = ["330102", "330105", "330106", "330108", "330110", "330122"]
ZONE_NAMES = ["东区", "西区", "南区", "北区", "中区"]
EXTRA_COMMUNITY_NAMES = ["金桂园", "银杏湾", "香樟苑", "枫林居", "紫荆城", "海棠里", "梧桐苑", "玉兰庭", "竹韵轩", "松涛居"]
