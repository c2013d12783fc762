"""The context around a safety trigger: the wordings that void it or confirm it.

Negation, the past, habit and how often, hypotheticals and drills, hearsay, fear only, burning on
purpose, a little water, nobody at risk, thanks, planned cuts, a resolution later in the message and
the 12345 hotline's relays, with the rule codes each of them applies to. ``safety.assess`` applies
them to the triggers of ``triggers.py``.
"""

import re

# Markers that void a trigger in the same clause when they come before it.
# "是不是漏电了?" and "会不会是煤气?" ask; "can't get out", "not breathing" are the emergency itself.
NEGATION = re.compile(r"((?<!有)没有(?!(拴|栓|牵|带|戴)(狗|绳|链|口罩|嘴套))|(?<!有)没(?!法|办法|动(?!过|静)|反应|有?(拴|栓|牵|带|戴)(狗|绳|链|口罩|嘴套))|无(?!法)|(?<!是)不是(?![^,]{0,4}(是|系))|并非|未|(?<!会)不会|不用|\bno\b|"
                      r"\bnot\b(?! (moving|responding|responsive|breathing))|\bnever\b|"
                      r"nobody|no one|n't(?! (get out|open|move|stop|breathe|get up|wake|stand))|cannot(?! (get out|open|move|breathe|get up|stand)))")
HISTORY = re.compile(r"(之前(?!的)|那天(?!起)|那晚|曾有|上次|上回|上个月|上周|上个?星期|上个礼拜|上月|上年(?!纪)|去年|前年|以前|那次|曾经|之前那次|前段时间|上礼拜|昨晚|昨天|昨日|前天|"
                     r"前几天|前两天|前些天|前阵子|last (time|week|month|year|night)|yesterday|previously|used to)")
# English puts the time after the verb ("I was stuck in the lift … last night").
HISTORY_AFTER = re.compile(r"\b(last (time|week|month|year|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b")
# Burning on purpose (paper offerings, barbecues, fireworks) is an order complaint, not a fire —
# unless it is spreading.
CONTROLLED_BURNING = re.compile(r"((people|someone|they|guys?|man|woman|he|she)( keeps?| are| is)? smoking|smoking (on|in|at|near|outside|by)|cigarette|vaping|烧纸(?!箱|皮|板|盒)|烧衣|烧金纸|纸钱|冥币|元宝|烧烤|烧香|焚烧|烧垃圾|烧树叶|烧秸秆|放鞭炮|鞭炮|烟花|抽烟|吸烟|油烟|做饭|炒菜|烤肉|食烟|食紧烟|餐厅|饭店|restaurant|kitchen exhaust|"
                                r"烧菜|炒辣椒|炒(东西|菜)|barbecue|bbq|cooking)")
# "经常困人", "老是跳闸": a recurring problem is a complaint about reliability, not an emergency now.
HABITUAL = re.compile(r"(经常|常常|老有人|总有人|年年|每年|老是|总是|成日|成天|喜欢|总爱|老爱|偶尔|(?<!没)有时候?(?!间)|时不时|长期(在|都|有人|被|这样)|常年|(一到|每逢)?下雨天|(?<![暴大今这])雨天|严重(时|的时候)|第[0-9一二三四五六七八九十几]+次|一下(大|暴)?雨就?|下(大|暴)?雨(时|的时候)|(?<!一)动不动|三天两头|隔三差五|每次|多次|屡次|频繁|好几次|反复|每天|天天|每晚|"
                      r"always|often|(?<!to )keeps? (?!(beeping|going off|ringing|sounding))|every (day|night|evening|morning|week|storm|rain|time|dinner|lunch|meal))")
COUNTED = re.compile(r"((已经|这)是|已经[^,]{0,3}|都|(今年|这个月|本月|这周|本周|这礼拜))(今年|这个月|本月|这周|本周|这礼拜)?的?第[0-9一二三四五六七八九十几]+次")
SPREADING = re.compile(r"(燎(到|着)|(纸灰|火屑|火星|灰)[^。]{0,8}(往|飘到|飘向|飞到|落到|飞落)[^。]{0,8}(车|电动车|摩托)|(小孩|孩子|小朋友|初中生|小学生|学生|kids|children)[^。]{0,10}(烧|点火|打火机|玩火|放鞭炮|放烟花)|(边上|旁边|附近)[^。]{0,4}(堆着|堆满|放着|停着|就是)[^。]{0,4}(纸箱|纸皮|杂物|易燃|车|一排车|加油站)|(敲门|没人|无人)[^,]{0,4}(应|开门)|(垃圾桶|垃圾箱|纸箱|杂物|干草|草丛|草地|窗帘|沙发)[^。]{0,8}(冒烟|冒火|着了)|引燃|蔓延|烧到|失控|着起来|烧起来了|没灭|还有火|扑不灭|灭不了|灭不掉|越烧越|越来越大|窜|火还?(很|好|特别|挺|太|超)大|火势|风一吹[^。]{0,4}(到处飞|乱飞)|(火星子?|火花)[^。]{0,6}(乱飞|四溅|飘到|落到|掉到|溅到|飞落|飘落|掉落|飞到|飞下)|烧出(了)?(一个|个|几个|好几个|好多)?洞|(掉|落|飘)到[^。]{0,12}冒烟|(车底|车下)[^。]{0,6}冒烟|还在冒烟|still (smoking|burning)|spread)")
# An open fire lit indoors (paper offerings in a stairwell) is not "controlled", and neither is one
# whose smoke fills the flats; a cigarette or a wok is, wherever it is.
OPEN_FIRE = re.compile(r"((lit|lighting|started) (a |an )?(barbecue|bbq|fire|brazier)|burning (paper|joss|offerings|rubbish)|烧纸(?!箱|皮|板|盒)|烧衣|焚烧|烧垃圾|烧香|烧树叶|烧东西)")
INDOORS = re.compile(r"(stairwell|corridor|hallway|lobby|car ?park|garage|楼梯|消防通道|消防楼梯|楼道|走廊|电梯|地库|车库|飘进|灌进)")
# …unless the clause says it is still going on ("从昨晚开始一直有煤气味").
ONGOING = re.compile(r"(一直|还在|到现在|开始|仍然|越来越|(挂|悬|吊)在半空|摇摇欲坠|still|since)")
# A guard asleep on duty, a salesman at the doors, the fee collector phoning: an order or service
# complaint in an emergency's words.
ASLEEP_ON_DUTY = re.compile(r"(值班|上班|岗亭|当班).{0,8}(睡觉|睡着|打瞌睡)")
CALLERS_ON_BUSINESS = re.compile(r"(推销|发传单|派传单|发广告|贴广告|快递员|外卖员|送外卖)")
DOORSTEP_CODES = frozenset({"intruder_now", "stranger_at_doors"})
PESTERED = re.compile(r"(催费|催缴|电话|短信|推销|天天打|一天打)")
WHO_PAYS = re.compile(r".{0,2}(谁负责|谁来负责|谁赔|谁管)")
# A hole or a falling hazard fenced off ("已放置警示锥") is made safe; a live switch room is not.
CORDONED = re.compile(r"已(经)?(放置|摆放|设置|拉|围)(了)?(警示|围挡|警戒|锥)")
CORDON_CODES = frozenset({"open_manhole", "falling_hazard"})
# A smell or a live appliance switched off at the plug ends it; smoke or water does not stop with the power.
POWER_OFF = re.compile(r"(unplugged|switched (it )?off|(已经?|已)先?(关|断|拔)(了|掉|除)?(电源|总闸|开关|电闸|插头)|没(有)?再(开|用)|已断电|断电待修)(?!,?[^,]{0,8}(但|仍|还|still|but))")
POWER_OFF_CODES = frozenset({"burning_smell", "electric_leak", "sparks"})
# "头都要炸了", "气炸了", "群里炸锅了": a head or a temper bursting is a figure of speech.
FIGURE_OF_SPEECH = re.compile(r"(头|脑袋|脑子|脑壳|耳朵|肺|心态|人|肚子)(都|快|真的|简直|已经)?(要|快要|快|被吵|被气)?(得)?$|气$|吵$")
OBJECT_DROPPED = re.compile(r"(遥控器?|手机|钥匙|门卡|钱包|银包|东西|快递)[^,]{0,4}(掉|跌|落)")
# English puts the habit after the verb ("the smoke … is killing me every evening").
HABIT_AFTER = re.compile(r"\b(every (day|night|evening|morning|week)|always|all the time)\b|好几次了|好多次了|几次了|[两三几四五]回(了)?|年年都|每年都")
# "顺便说下", "另外刚发现": the message turns to something new, told now.
NEW_TOPIC = re.compile(r"(顺便|另外|还有个|还有一件|对了|by the way|\bbtw\b)")
# A bill read as a sign of a leak only when it is a guess ("是不是漏电了?电费多了两百").
GUESS = re.compile(r"(是不是|会不会|是否|吗|\?)")
# "又" is happening again now, but "修了又坏" is the repair history.
AGAIN_NOW = re.compile(r"(今(天|日)(已经?)?多次|现在|正在|(?<!了)又(?!坏)|此刻|right now)")
# A door or gate that caught a hand "一下" let go at once.
MOMENTARY = re.compile(r"[^,]{0,6}一下")
MOMENTARY_CODES = frozenset({"lift_entrapment", "caught_in_gate"})
# A story in the past comes back to now in the words after the trigger ("燃气味好重,刚刚闻到的").
NOW_AFTER = re.compile(r"(刚刚|刚才)")
# "一直" alone goes on only as long as its time: these carry it to now.
STILL_NOW = re.compile(r"(还在|到现在|至今|开始|仍然|仍在|越来越|现在|still|since)")
JUST_FOUND = re.compile(r"(刚|刚才|刚刚)(回家|到家|进门|回来|起床)?.{0,6}发现|just (got|came) (home|back)")
# A lock forced where nobody lives (the roof door, a plant room) or a hydrant blocked by a car: damage
# and an order problem for the patrol, nobody is in danger there now.
UNOCCUPIED = re.compile(r"(天台|楼顶|屋顶|顶楼|机房|仓库|配电房|配电室|设备间|信报箱|信箱|快递柜|储物间|杂物间|水箱间|消防栓|消火栓|hydrant)")
UNOCCUPIED_CODES = frozenset({"intruder_now", "blocking_now"})
# A story told in the past ("上周我家老人在大堂晕倒,…都不知道帮忙打120") stays in the past until the
# message comes back to now.
PRESENT = re.compile(r"(现在|正在|还在|刚|此刻|今天|今晚|今早|这次|这会|又|right now|\bnow\b)")
HYPOTHETICAL = re.compile(r"(如果|万一|假如|假设|难道|还以为|(?<![开始初])以为|(?<!主)要是|(?<!不是)(?<!并非)(?<!not a )(演练|演习)|培训|预案|宣传|讲座|知识|新闻|报道|网上看到|怎么判断|如何判断|普及|科普|真(的)?(出事|有事|发生)|"
                          r"\bif\b|in case|(?<!not a )\bdrills?\b|training)")
FEARED = re.compile(r"(隐患|担心|害怕|(?<!可)怕|容易|(?<!随时)会(?=受伤|摔|砸|触电|着火|掉)|可能会|会不会|会有|会造成|会引起|会导致|以免|防止|预防|小心(?![,!。~\s])|之虞|(?<![吃受])惊(会|住|到)|迟早|哪天(?!天)|差点|差一点|差些|险些|"
                    r"risk|worried|afraid|could|almost|nearly|before (someone|somebody|anyone|a kid|a child) (gets )?(hurt|injured))")
# Named as a danger, not told as an event: "会有火灾危险", "触电的风险".
DANGER_AFTER = re.compile(r"^(的?(危险|隐患|风险)|之虞)")
# A leak guessed from a bill ("是不是漏电了?电费突然多了两百") is a question for engineering.
FROM_A_BILL = re.compile(r"(电费|水费|燃气费|气费|账单|读数|度数)")
# A bystander asking what happened ("楼下有救护车,是谁家出事了吗?") reports nothing to act on yet.
ONLOOKER = re.compile(r"(谁家出事|出什么事了|出了什么事|发生了什么事|(救护车|消防车|警车)[^?]{0,10}(怎么回事|什么情况))")
# A message that opens as a suggestion ("建议组织一次防摔倒讲座", "我提个建议…孩子摔了太危险了")
# describes what could happen.
SUGGESTION_OPENING = re.compile(r"^[,\s]*(你好|您好|物业|管家)?[,\s]*(我|我们)?(想)?(提个|提一个|提)?(小)?(建议|提议)")
# "群里有人说小区看到蛇了,是真的吗?": hearsay asked about, not a report.
HEARSAY = re.compile(r"(听说|据说|有人说|群里说).{0,20}(是真的吗|真的假的|是不是真的|真的吗)")
# "2018年交房到现在,外墙一直掉砖": a problem lived with for years is a complaint for the special team.
# Said after the event: "高空抛物问题已持续一年多".
LASTED_YEARS_AFTER = re.compile(r"[^,]{0,6}(持续(了)?|已经?|有)[0-9一二三四五六七八九十两几半]+(年|个多?月)|[0-9一二三四五六七八九十两几半]+(年|个多?月)(多|了|以上)")
# A hydrant's or an alarm point's glass pane broken is a repair, not something falling.
ALARM_GLASS = re.compile(r"(消防|警钟|警铃|报警|消火栓|消防栓|手报)[^。]{0,10}玻璃")
LONG_STANDING = re.compile(r"[半一两几]年[^,。]{0,4}(堵|坏|漏|停|淹)了?[0-9一二三四五六七八九十两几]+次|((20|19)[0-9]{2}年|交房|入住|几年|多年|好几年|这么多年).{0,10}(到,?现在|至今|以来)|(这|近|最近)(两|几|[0-9一二三四五六七八九十])年(来|多)?[^,。]{0,6}(一直|都|经常|老是)")
# "燃气泄漏了应该打什么电话?": what to do when it happens, asked in advance.
PROCEDURE_AFTER = re.compile(r"^了?(应该|该|要)先?(打|找|联系|怎么|如何|做什么)")
# "(要是)真着火了,烟全窜上来": what would follow if it really happened.
IF_REALLY = re.compile(r"了?[^,]{0,4}(就|全|都|会)")
# "请问…要怎么做?": a question about what to do, not a report.
RULES_QUESTION = re.compile(r"^请问.{0,20}(要|该|应该)(怎么做|怎么办|做什么|怎样做)")
# A cleaning product or paint that smells strong is a complaint about the smell, not toxic fumes.
# ...unless the fumes are making people ill ("两名同事头晕").
AFFECTED = re.compile(r"(头晕|头痛|晕倒|呕吐|想吐|在吐|吐了|咳嗽|咳哭|喘不过气|呼吸困难|不舒服|咳嗽不止)")
ORDINARY_FUMES = re.compile(r"(消毒|清洁剂|漂白|油漆|香水|打药|喷药|杀虫|除草剂|装修味)")
# An injury lived with, not just suffered ("我脚受伤不方便下楼").
CONDITION = re.compile(r"(不方便|行动不便|腿脚不便|养伤|休养)")
# "改天来换", "不用了": the resident defers a smell to another day.
DEFERRED = re.compile(r"(不急|不着急|不用急|不用了|改天|有空(再)?(来|帮|的时候)|(下午|明天|晚点|回头)再|not urgent|no rush)")
# A smell, or glass already swept with a last sweep put off till later, can wait when the resident says so.
DEFERRABLE_CODES = frozenset({"burning_smell", "sharps_near_children"})
# Third-person wording of the 12345 government hotline's transferred work orders.
RELAYED = re.compile(r"12345|市民反映|市民来电|来电人|诉求人|该市民|反映人|市民称|市民表示|热线转来|热线转办")
RELAYED_NOW = re.compile(r"(泡着|即时|一直没人应|排险|抢险|无人应答|无人应门|没人应门|仍(闻|有|冒|见|然)|依然|依旧|尽快派人|目前(?!已经?(解决|处理|恢复|修好))|进不来|(已|已经)(超过|持续)[0-9一二三四五六七八九十半]|超过(半|[0-9一二三四五六七八九十两]+个?)(分钟|小时)|约?[0-9一二三四五六七八九十半两]+分钟|未到场|无人到场|没人到场|打不通|无人接听|没人接|开门查看|协助开门|到场|施救|立即|立刻|马上|紧急|请速|速派|正在|仍在|目前仍|现场|现在|此刻|还在|救援|上门查看|尽快上门)")
# "火警铃响了,是测试吗?": a drill or a test named after the alarm.
DRILL = re.compile(r"((?<!不是)(?<!并非)(?<!not a )(演练|演习)|测试|试响|试验|(?<!not a )\bdrill\b|\btest(ing)?\b)")
GENERIC_AFTER = re.compile(r"(了)?(后|之后|以后|的时候|时(?!候))")
GENERIC_QUESTION = re.compile(r"(\?|请问|多久|怎么办|怎么处理|应该|是不是要|要不要)")
# A cut announced for maintenance, or a question about when power comes back, is not an emergency.
# Life support is only "planned" when the cut was announced: "停电了,制氧机…什么时候来电" is urgent.
ANNOUNCED_CUT = re.compile(r"(检修|计划|通知|预计|明天|明早|后天|下周)")
PLANNED_OUTAGE = re.compile(r"(检修|计划|通知|预计|明天|明早|后天|下周|什么时候来电|几点来电|几点恢复|什么时候恢复)")
# A little water ("不多", "一点") from a drain or a pipe is a repair, not a flood.
MINOR = re.compile(r"(一滴一滴|(?<!差)不多|不大|不严重|不太严重|一点点|有一点|一点儿|少量|轻微|(弄|搞)得(满地|一地)|a little|slightly|slowly)")
WATER_CODES = frozenset({"burst_pipe", "water_through_ceiling", "flooding", "ceiling_water_flowing", "sewage_backflow",
                         "water_heavy", "car_park_flooding", "leak_nobody_home"})

# Water damage or a fallen tile told to ask who pays or to claim on an insurance ("地库进水把我车泡了,保险公司
# 要物业出个情况说明"): the damage is done; the desk handles a claim, not an emergency.
CLAIM = re.compile(r"(求偿|索偿|理赔|保险|责任险|索赔|赔偿|定损|情况说明|找谁|谁负责|谁来负责|谁赔)")
CLAIM_CODES = WATER_CODES | {"car_park_flooding", "falling_hazard"}
# Garden sprinklers and fountains spray water by design: a broken one is a repair.
SPRAYING_BY_DESIGN = re.compile(r"(洗车|(garden|lawn|grass|草坪|草地|绿化|花园) ?sprinklers?|sprinklers? (on|in) the (lawn|garden|grass)|喷灌|洒水器|浇灌|浇水|浇花|(草坪|草地|绿化)[^,]{0,6}水管|(花园|草坪|绿化)[^,]{0,8}喷淋头|灌溉|绿化带|(?<![像似如])喷泉|(?<!消防)(?<!喷淋)喷头|sprinkler head|fountain)")
# A cistern that keeps running wastes water; it floods nothing unless the message says so.
CISTERN = re.compile(r"(水箱|马桶|抽水|cistern)")
FLOODING_OUT = re.compile(r"(水管.{0,3}爆|爆管|喷|漫|满地|淹|溢|往外冒)")
# "电梯卡在B1,门开不了,里面没人": a stopped lift with nobody inside is a repair.
NOBODY_INSIDE = re.compile(r"(里面|里头|轿厢里|电梯里|inside)(没人|没有人|空的|is empty)|没有人被困|"
                           r"(no ?one|nobody) (was |is )?(inside|in it|trapped)")
# Thanks for an emergency handled ("业主到前台致谢:…拨打120") reports it, it does not raise it.
THANKS = re.compile(r"(thank (you|u)[^.]{0,40} for (chasing|helping|rescuing|getting|coming|sorting|handling|fixing)|致谢|表扬|锦旗|感谢信|(感谢|谢谢|多谢).{0,12}(及时|帮忙|救|送医)|(感谢|谢谢|多谢)[^。]{0,20}(清掉|清理|处理好|修好)了|(帮|扶|送|陪)[^。]{0,30}(太感谢|非常感谢|谢谢你们)|(及时|很快|迅速).{0,10}(谢谢|感谢))")
# The resident's own word that it can wait ("不急", "有空来看看"): the model alone does not
# overrule it (a rule still does: a burst pipe reported "不急" is urgent all the same).
NOT_URGENT = re.compile(r"(不急|不着急|不用急|不赶时间|有空(再)?(来|帮|的时候)|not urgent|no rush|when you have time)")
RESOLVED_EVENT = re.compile(r"(已(经)?找到(狗的?)?主人|主人已(经)?(牵走|拉走|带走)|(?<!是不是)(?<!是否)(?<!系咪)(误报|误鸣|误响)|核查为|核实为|确认为|原来是|已和解|追赶未果|没追上|虚惊|false alarm|(水|积水)(已经)?退(了|去)|(?<!未完全)(?<!没完全)(?<![未没不])(?<!初步)(浇|踩|弄|扑|熄)灭|换好|已(经)?更换|(现在|已经)没(有)?了|已(经)?带(到|回)|已(经)?送回|已(经)?(暂停|停工|叫停)|已(经)?(让|叫|要求)(其|他|他们|对方)?停(工|止|下)|已(经)?加派(人员|人手|保安)|(去|在)打(狂犬)?疫苗|working (again|now|fine)|back to normal|已经修好|修好了|已修好|已经好了|已修复|恢复正常|已经恢复|处理好了|已经处理|已处理|已解决|"
                      r"已经解决|已经没了|今天没了|今天没有了|已经散了|味道散了|味道没了|救出来|(幸好|还好|幸亏|好在)[^,]{0,4}没(有)?(大碍|事|受伤|伤到|伤着)|已贴(条|单)|已(经)?(挪走|挪开|开走|移走)|劝离|已离开|已经走了|已制止|(已|已经)(暂停|停止)施工|已停工|已带离|已经出来|(?<![见看到])人出来了|放人|已放出|已救出|无恙|火灭了|已经灭了|(?<!初步)扑灭|没事了|(现在|已经)散了|后来(才)?(看到|发现|知道)(是|原来)|(最后|后来|结果)[^,]{0,10}出来(了|的)|fixed|resolved|sorted out|is out now)")

# Shutting the valve stops the water, not a gas leak ("已关闭总阀并开窗,请马上来人"): it ends only the water rules.
VALVE_SHUT = re.compile(r"((已经?关(闭|了|掉)?|关了)(总阀|总闸|阀门|水阀)(?!,?[^,]{0,6}(但|仍|还))|(closed the valve|shut (off )?the (valve|water|mains)|turned off the (water|valve|mains))(?!.{0,20}(but|still)))")
RESOLVED = re.compile(f"{RESOLVED_EVENT.pattern}|{VALVE_SHUT.pattern}")

# Smoke or a smell may come from a fire lit on purpose a clause earlier; a fire itself may not.
SMOKE_ONLY = frozenset({"smoke", "burning_smell"})
# ...and so may sparks ("有人烧纸钱,烟很大,火星乱飞").
READ_WITH_CONTEXT = SMOKE_ONLY | {"sparks", "threat_now"}
# A near miss ("差点砸到") is not a fear: the object already fell and the thrower may go on; a call
# for the guards to come now is a request happening now, whatever worry comes with it.
FEAR_EXEMPT = frozenset({"guard_needed_now"})
# "差点砸到人": for something that has already come down, a near miss is what happened, not a fear.
NEAR_MISS = re.compile(r"(差点|差一点|差些|险些|almost|nearly)")
NEAR_MISS_CODES = frozenset({"falling_hazard", "throwing_now", "reckless_driving", "open_manhole", "slippery_now",
                             "sharps_near_children"})
# A slow drip from a flat whose owner is away is a job for the day, not an emergency ("滴答滴答的").
SLOW_DRIP = re.compile(r"(滴答滴答|一滴一滴|慢慢(地|的)?滴|开始(往下)?滴)")
# Wiring near a barbecue shop is still wiring: its sparks are not the grill's.
WIRING = re.compile(r"(电线|电缆|插座|插头|开关|电箱|电表|电闸|配电|线路|灯箱)")
# "门禁卡被狗咬烂了": a thing the dog chewed, not a person bitten.
BITTEN_THING = re.compile(r"(卡|鞋|沙发|线|包|遥控器?|玩具|快递|纸箱|垫子?)$")
# A tree already down (on a car, across a path) with nobody under it is cleared within the day: 24 of
# 31 blind labels. Still coming down, on wires or on a person, it is not.
TREE_STILL = re.compile(r"(还在|随时|要倒|往下压|摇摇欲坠|晃|(挂|悬|吊)在|下面是|电线|电缆|高压线|(压|砸)(到|住|伤|中|着)了?(人|行人|小孩|老人)|有没有人|有人(被)?(压|砸))")
