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
from functools import cache

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .labels import rule_label
from .text import clauses

# code → pattern. Codes are stable: they appear in evidence and as model features.
HARD_TRIGGERS: dict[str, str] = {
    "lift_entrapment": r"电梯(里)?(关|困)着(人|个|一个)|(卡住|卡|停)了? between floors|between floors.{0,30}(in here|inside)|电梯(里面|里头|里)(关|困|锁)着|电梯.{0,30}(门)?(又)?(不开|打不开|开不了).{0,12}(里面|里头)(还)?有|(又|正在|现在)困人|(困|关|锁)人了|(停电|断电|没电|停了|坏了|卡住|卡在).{0,10}电梯里.{0,3}(还)?有人|(stuck|stopped|stop) between floors|"
                       r"(lift|elevator).{0,15}(卡住|卡了|停了|停在|坏了).{0,15}(有人|人在|里面有)|(电梯|lift|elevator).{0,30}(inside|won't open)|(lift|elevator).{0,20}(dropped|fell|plunged)|stuck with .{0,12}inside|(电梯|lift|elevator).{0,12}(困(住|了|在|人)|关(住|在|人)|锁(住|在|人))|被?困(在|于).{0,6}(电梯|货梯|客梯|里面|里头)|被困(在|于)[^,]{0,14}(电梯|货梯|客梯)|"
                       r"困电梯|电梯.{0,10}(出不来|打不开.{0,6}人在|有人在里)|(电梯|轿厢|货梯|客梯).{0,12}(有人|人员|乘客|住户).{0,4}被困|"
                       r"电梯.{0,15}((停|卡)(在|住|了)|坏在).{0,15}(有人|人在|我在|孩子|老人|小孩|出不来|在里面|(里面|里头|轿厢里|轿厢内)(还)?有.{0,4}(人|我|业主|住户|乘客|老|阿|伯|婆|小孩|孩子|女儿|儿子|[妈爸]|宝宝))|"
                       r"电梯.{0,20}(门)?(打不开|开不了|扒不开|掰不开|拉不开).{0,10}(人|孩子|老人|我)|"
                       r"电梯.{0,15}(夹(到|住|伤)|(警铃|报警铃)(?![^,]{0,6}(按钮|按键|有没有用|有用吗|有用没|坏|是不是))|呼救|有人.{0,4}(喊|叫|敲|拍|哭)|两层(之间|中间)|半层|急停|掉下)|"
                       r"(关|困|卡)了?在.{0,6}电梯|电梯.{0,15}(困|关|锁)(在)?(里面|里头|里边)|电梯.{0,10}(卡住|卡在.{0,6}(中间|半|两层)|突然.{0,4}(停|掉|往下))|"
                       r"(trapped|stuck|locked).{0,20}(lift|elevator)|(lift|elevator).{0,20}(trapped|stuck)|"
                       r"(lift|elevator).{0,40}(stopped|not moving|won't move|broke down).{0,60}(inside|in it|in there|can'?t get out|cannot get out)|"
                       r"电梯.{0,8}(急坠|下坠|坠落|冲顶|蹲底|溜梯)|电梯.{0,12}(直接|突然|一下子?)(掉|坠|滑)|(轿厢|电梯|梯)(内|里).{0,12}(被困|困住|困了)|"
                       # The person calling from inside: "我在电梯里,电梯不动了,门也打不开".
                       r"(我|我们|我和|孩子|老人|小孩)(还|现在|正)?(在|困在|关在).{0,6}电梯(里|内).{0,25}(不动|停了|停住|卡住|卡了|打不开|开不了|出不去|没反应)|"
                       r"电梯.{0,20}(不动|停了|卡住|卡了).{0,20}(我|我们|孩子|老人|小孩)(还)?在(里面|电梯里)",
    # A lift moving with its doors open ("门没关就走了": the negation is part of the event).
    "lift_doors_open_moving": r"(电梯|lift)[^。]{0,4}门[^。]{0,4}(未关|没关|没关好|未关好|关不上)[^。]{0,6}(就)?(动|走|上|下|运行|跑)|开着门[^。]{0,6}(上上落落|上上下下|上下跑)|电梯.{0,10}(开着门|门开着|门没关|没关门).{0,6}(走|运行|上|下|跑)",
    "burst_pipe": r"爆管|爆水管|爆了?水管|(?<![雨排凝])(水管|管道|管子|消防管|进水管|消防栓(?!箱)|消火栓(?!箱)|水龙头|阀门|接头|水表|热水器|暖气|地暖|软管|三角阀|水箱|pipe|water main)"
                  r".{0,8}(爆|破裂|破了|裂开|裂了|断了|撞断|冻裂|喷|脱落|脱了|松脱|掉了|崩开|崩了|崩裂|脱开|burst)|水一直喷|一直喷水|"
                  r"(水).{0,6}(往外(冒|涌|淌|呲|射|流)|涌出来|冒出来|喷出来|射出来)(?![臭气味])|淌了一(屋|屋子|客厅)|呲水|滋水|"
                  r"(漏水|渗水|漏)(得|的)?(很|好|特别|非常|太)(厉害|凶|严重)|大量(漏水|渗水|进水|涌水)|"
                  r"burst.{0,10}pipe|(pipe|hose|tap|valve|fitting).{0,30}(split|cracked|burst|came (apart|off|loose))|water (is )?everywhere|spraying everywhere|喷水(?!池)|水喷|往外喷",
    "water_through_ceiling": r"(正在|在|现在|一直在)(滴水|漏水|渗水|往下滴|往下漏|漏).{0,10}越来越(多|大|厉害|快)|(盆|桶).{0,4}(接不过来|接不住|接不完)|(天花|顶棚|吊顶|灯里|楼上|ceiling).{0,12}(哗哗|往下流|往下灌|灌下来|像下雨|水柱|"
                             r"大量|流下来|漏下来|一路|一直往下|pouring|gushing)|(pouring|gushing).{0,20}ceiling|"
                             r"(水|water).{0,6}(漫|淹)(到|进|了|出|下|过|上来)|漫出来|水漫金山|满地(都是)?水(?!泥|渍|印|费|果|表|[跟和](鞋|脚)印)|(地上|家里|屋里|满屋|一地)(全是|都是)水(?!泥|渍|印|费|果|表|[跟和](鞋|脚)印)|"
                             r"(水|water).{0,20}(coming|pouring|dripping|leaking|gushing) (through|from|out of) .{0,20}(ceiling|light|lamp)",
    "flooding": r"水淹|淹水|被淹|(?<![扇机表灯])进水了|倒灌|门缝[^。]{0,6}(流|冒|渗|淌)(水|出水)|flood|(漫|没|淹|浸)过.{0,3}(脚|膝|小腿|腿|腰|车轮|轮胎|轮子|台阶|门槛)|淹到|泡在水里|泡水了|水漫进|跑水|发大水|"
                # Water getting in: "暴雨水灌进一楼大堂了", "水从门缝灌进来", "还在往里流", "水往屋里流".
                r"(水|雨)[^,]{0,10}(灌|涌|漫|流|淌)进(来|了|屋|家|门|楼|大堂|房|室|库|店)|(水|雨)[^,]{0,6}(往|向)(屋|家|房|楼|门|大堂|店)?里(进|灌|流|涌|漫|冒)|"
                r"(还在|一直)(往|向)(屋|家|房|楼|店)?里(进|灌|流|涌|漫)|水(还)?(一直|不停|还在)(在)?(往里)?(进|灌|涌)(?!不)|(地上|地板|地面|家里|屋里|客厅|房间|满屋)(全部|全|都|到处)(都)?是水(?!泥|渍|印|费|果|表|[跟和](鞋|脚)印)|(院子|一楼|大堂|屋里|家里|房间|客厅|楼道|走廊|厨房|卫生间|浴室|商铺|店里)[^,]{0,3}(全?淹了|被淹|淹掉)|"
                r"(整个|整片|一大片|半个).{0,6}(都是水|全是水)|"
                # Water rising ("越浸越高", "水位上涨", "浸到车门").
                r"水.{0,6}越(涨|淹|浸)越(高|深)|水位(上涨|在涨|还在涨|升高|上升)|(淹|浸|没过)(到)?了?.{0,2}(车门|车轮|轮胎|膝盖|小腿|腰)",
    "ceiling_water_flowing": r"(天花|吊顶|顶上|灯(里|座|罩)|楼上).{0,10}(流水|出水|冒水|哗|灌水|漏得(很|好|特别)?"
                             r"(厉害|凶|严重))",
    "sewage_backflow": r"(污水|粪水|屎水|脏水|下水道|下水(?!道)|马桶|地漏|化粪池|sewage|toilet|drain).{0,10}(倒灌|反涌|反上来|冒出|涌出|漫|溢|往上冒|往外冒(?![臭气味])|"
                       r"冒水|返水|反水|往上返|往上反|往上涌|"
                       r"返上来|冒上来|back(ing)? up|overflow)(?![^,]{0,3}(臭|气味|味))|反水.{0,6}(家里|屋里|客厅|满地)|"
                       r"(地面|地上|地漏|井盖|井口|化粪池|大堂|渠盖|渠口|沙井).{0,6}(冒|涌|漫|喷)(着|出)?(黑水|污水|脏水|粪水)|(粪水|屎水|污水)[^,]{0,4}(流到|流进|漫到|漫进|淌到)(家|屋|客厅|卧室|房间|楼道|大堂|电梯)|(粪水|屎水)[^,]{0,4}(流|漫|淌)|"
                       r"(污水|粪水|屎水|脏水).{0,12}(天花|吊顶|顶上).{0,6}(流|滴|漏|淌)|(天花|吊顶|顶上|楼上).{0,10}(流|滴|漏|淌).{0,10}(污水|粪水|屎水)",
    "electric_leak": r"漏电(?!保护|开关|断路)|触电|电到人|被电(?!信|话|视|脑|梯|费|动|瓶|车|源|池)|电了一下|麻手|麻电|摸着?.{0,3}(有电|带电|麻麻)|(摸|碰).{0,12}(手麻|发麻|麻麻|电手|手(就|都|一下)?麻了)|电到(我|手)|(墙|水龙头|热水器|门把手?|栏杆|水面|金属|外壳).{0,4}(有电|带电)|带电(?!作业)|electric shock|electrocut|live wire|"
                     r"(电线|电缆|线头)[^,]{0,3}(裸露|外露).{0,20}(雨|积水|水)|(雨|积水|水).{0,20}(电线|电缆|线头)[^,]{0,3}(裸露|外露)|"
                     r"got a shock|getting shocks|gave me a shock|shocked me|leaking electricity|(电线|电缆|线缆|电源线).{0,6}(断了|掉下|垂下|掉在|落在|拖在地|掉落|落地|掉地)|高压线.{0,6}(断|掉|垂|落)",
    "life_support_power": r"(呼吸机|制氧机|氧气机|透析|ventilator).{0,20}(停电|没电|断电|跳闸)|(呼吸机|制氧机|氧气机)[^。]{0,4}(停了|不转了|不工作了)|"
                          r"(停电|没电|断电).{0,20}(呼吸机|制氧机|氧气机|透析|ventilator)",
    "explosion": r"爆炸|炸了|explosion|exploded|自燃|电池.{0,6}(鼓包|冒烟|起火)",
    "sparks": r"火花|跳火|火星子?[^,]{0,3}(乱飞|四溅|飞溅|乱溅|到处飞|溅到)|(电焊|焊接|气割|切割)[^,]{0,12}火星|(插座|插头|电线|电缆|接头|开关|电箱|电表|电闸).{0,6}(烧黑|烧焦|烧坏|烧化|熔化|化了|发烫|烫手)|冒火|emoji_spark.{0,10}(插座|电)|spark|电线.{0,6}(烧|着)|短路.{0,6}(冒|烧)|"
              r"(电箱|配电箱|电表箱|插座|开关|电闸).{0,16}(滋滋|噼啪|噼里啪啦|啪啪)|(电箱|配电箱|电表箱|插座|开关|电闸)[^。]{0,20}火星|"
              r"(switch|socket|plug|outlet|wire|wiring|fuse ?box|meter|charger|battery|fan|heater|breaker).{0,20}(smoking|sparking|sparks|melting|melted|burnt)",
    "fire": r"(?<![不没])着火|越烧越(大|旺)|火越来越大|着了火|火光|火势|烧着|起火|失火|火灾(?!报警|警报|隐患|演练)|火苗|明火|烧起来|烧着了|火(很|好|特别|挺|太|超)大|大火|火[^,]{0,4}(烧到|蔓延|窜到|窜上)|火[^,]{0,8}(往上|向上|顺着.{0,4})窜|(纸箱|纸皮|杂物|垃圾|窗帘|被子|沙发|衣服|床垫|电动车|电瓶车|电线|树叶|草|油锅)[^,]{0,4}(着了|着起来|燃起来)|引燃|把(?![^,]{0,10}(蜡烛|蚊香|香烟|烟|灶|炉|煤气|燃气|炭|烧烤|火柴|打火机))[^,]{0,10}(点着|点燃|引燃|烧着)了?|火警(?!警报|报警|铃|钟|系统)|(?<![0-9])119(?![0-9])|on fire|\bfire\b(?! (extinguisher|door|exit|lane|drill|alarm|risk|hazard|safety|hose|escape|code|rules?|regulations?|inspection|equipment|cabinet|hydrant|reel))",
    "smoke": r"冒烟|浓烟|(?<![抽吸])烟(?![味头蒂盒]).{0,4}(飘进|灌进|钻进|进了?)(我|我们|屋|家|房间)|飘出.{0,2}烟|烟从.{0,8}(冒|出来|飘)|呛人|呛得|很呛|(全是|都是|满是|(好|很|特别|超)(大|浓)的?(一?阵|股)?)烟(?![味头蒂盒])|(烟|焦|糊)味.{0,20}越来越(浓|大|重|呛)|烟(很|好|特别)浓|烟(很大|好大|特别大)|"
             r"(很|好|特别)(浓|重|大)的?烟味|烟味(很|好|特别)(浓|重|大)|烟雾(?!报警|探测)|好多烟(?![味头蒂盒])|很多烟(?![味头蒂盒])|(?<![抽吸])有烟(?![味头蒂盒])|黑烟|白烟|"
             r"smoke(?! alarm| detector|r|s\b|d\b)",
    "gas_leak": r"(燃气表|煤气表|气表)[^。]{0,10}(跳得(好|很|特别)?快|一直走|一直跳|转得(好|很)?快)(?=[^。]{0,20}(没开火|没用气|味))|(煤气|燃气|天然气|gas).{0,8}?(味|泄漏|泄露|泄|漏|嘶嘶|呲呲|smell|leak)|(煤气|燃气|天然气)[^,]{0,12}臭鸡蛋|闻到.{0,4}(煤气|燃气|天然气)|"
                r"smell.{0,20}gas|gas.{0,30}(hiss|leak)|漏(煤气|燃气|天然气|气)(?!费)",
    "person_hurt": r"(妈|爸|老人|婆婆|伯伯|爷爷|奶奶|外婆|外公|长者)[^,]{0,8}跌了(?![的价停幅])|受伤|流血|烫伤|烧伤|割伤|(脸|头|手|身)上?(都)?是血|满脸是血|一脸血|割(到|破)(了)?(手|脚)|(?<![砖板面漆车])划伤|撞伤|磕破|头破|出血|晕倒|昏倒|昏迷|不省人事|摔倒|摔伤|摔下|摔了一跤|摔了|跌倒|跌伤|跌了一跤|滑倒|(?<![车窗门璃柜箱灯])被砸(?![碎坏烂破开])|砸中|骨折|抽搐|没有呼吸|没呼吸|心脏病|"
                   r"救护车|(?<![0-9])120(?![0-9]|块|元|材料|费|平|米|万)|砸到人|压住(了)?(一个)?人(?!行)|被(打|砸|撞)(到|中)(了)?(头|脑袋)|压到人|(压|砸)(着|住|到|在)了?.{0,4}(一个|个)?(人(?!行)|小孩|孩子|老人|小朋友|他|她|腿|脚|手|头|脑袋|身上)|倒地|突然倒下|(人|他|她|[妈爸]|老人|爷爷|奶奶|外婆|外公|孩子|小孩|老公|老婆|同事|工人|保安|保洁|阿姨|大爷|老太太|老伯|男的|女的).{0,8}倒下|(从|由).{0,8}(梯子|人字梯|楼梯|台阶|高处|脚手架|棚架|树上|床上|阳台|窗台|屋顶|楼顶|架子|凳子|椅子)上?(掉|摔|跌|滚|栽)了?下|砸伤|咬伤|(狗|dog)(?!.{0,3}不咬).{0,4}咬(伤|到|了)?(人|我|孩子|小孩|老人|他|她|腿|手)|(?<![狗猫])被.{0,5}(狗|dog)咬|injur|bleeding|fainted|collapsed|unconscious|"
                   r"ambulance|fell down|falls? down|\bfell\b|can'?t get up|cannot get up|can'?t stand up|cannot stand( up)?|got blood|hurt",
    "child_locked_in": r"(小孩|孩子|小朋友|宝宝|婴儿|儿子|女儿|老人|宠物|child|kid|baby|toddler|son|daughter|year.old).{0,12}"
                       r"(锁在(?!门外|外面)|反锁|关在(?!门外|外面)|困在|locked (him|her)self|locked in|locked inside|trapped|出不来)|"
                       r"(锁|关|困)在(车|家|屋|房间|阳台)里.{0,10}(孩子|小孩|宝宝|婴儿|老人|狗|猫|宠物)",
    "intruder_now": r"(有人|陌生人|小偷|贼).{0,8}(正在|在)(撬|翻|爬|偷)|(家里?|屋里|房间|店里)进(了)?(人|小偷|贼)|(有人|有个(男|女)的|陌生人|不认识的人|陌生男子).{0,10}(一直|在)(敲门|按门铃|砸门|踹门|拧门).{0,20}(现在|还在|没走|不敢开)|有人进了我家|"
                    r"(陌生人|陌生(男|女)的?|不认识的人|不认识的(男|女)的?|可疑的人).{0,10}(徘徊|转悠|转了|盯着|转来转去|蹲守|蹲(了|着|在)|跟着|门口转)|(附近|现场|旁边|车边|门口)(还有|有)(一名|一个|个|几名|几个|两个|两名)?可疑(人员|的人|男子|女子|人)|可疑.{0,4}(人|男|女).{0,10}(徘徊|转悠|蹲|盯|"
                    r"敲门|试门|拉门|撬)|(拉|试|拽).{0,3}车门|正在撬|撬门|撬锁|(?<![箱柜])门[^箱柜,]{0,4}被人?撬|被撬了|翻窗|翻墙进|入室|"
                    r"闯进|破门|有贼|鬼鬼祟祟|(扒|爬|翻|撬|拆|剪)(我家|他家|别人家|人家|楼下|楼上)?的?(防盗网|防盗窗|窗户|阳台|护栏)|(从|由).{0,6}翻(过|进)来|撬紧|撬.{0,6}(门锁|防盗门|窗)|(试图|企图|想)撬|climb(ing|ed|s)? (over|through|in through|the) (the |a )?([a-z]+ )?(fence|wall|gate|railing)|(banging|pounding|kicking) on (my|the) door|翻越.{0,6}(围墙|墙|栏杆|护栏|大门|铁门)|(在|正在)翻[^,]{0,8}(围墙|墙|栏杆|护栏|铁门|大门)|翻(过|进)(了)?(围墙|墙)|翻.{0,2}(围墙|墙|栏杆|护栏|铁门|大门|窗)(进来|进了|进去|进到)|"
                    r"trying (the )?(car )?doors|trying .{0,12}door handles?|trying .{0,12}car doors|trying to (get|break) in|trying to open .{0,30}(door|window|gate)|break(ing)? in|burglar|intruder",
    "fight_now": r"互殴|动手打(我|人)|扭打|厮打|(在|正在)打(人|女的|男的|老人|孩子|小孩|老婆|老公)|打架|打群架|群殴|斗殴|打起来|打人|动手了|持刀|拿刀|(拿|拎|提|握|挥|举|揣)着?.{0,3}(菜刀|刀(?!叉)|棍子|铁棍|砖头|棒球棍|斧头)|动刀|被(人|他|她|保安|邻居)打|挨打|抢劫|抢包|被.{0,3}抢|"
                 r"fighting|knife|robbed|mugged",
    "theft_in_progress": r"smashed (a |the )?car window|going through (the )?cars|breaking into cars|(有人|有个人)[^。]{0,4}在[^。]{0,6}(拿|偷|装|翻)[^。]{0,4}(别人|他人)的?(快递|包裹|东西)|(小偷|贼)[^。]{0,6}(刚|刚刚|刚才)[^。]{0,12}(爬出|跑了|逃|翻出|溜了)|(偷|盗)(油|电瓶|电动车|车)[^。]{0,15}(仍在|还在)|(撬|砸)车门|(撬|砸)[^,]{0,4}车窗|(撬|剪)(开)?.{0,6}(电动车|电瓶车|自行车|摩托|车)的?(锁|电瓶)|(试拉|试开|拽|拧|扭|挨个拉)(开)?.{0,6}(电动车|电瓶车|自行车|单车|摩托|车)的?锁|(正在|现在|还在).{0,10}(偷|撬|剪锁)|(车|轮胎).{0,12}(正在|现在|还在|一直在|就在)(划|扎|撬|砸)|(正在|现在|还在|一直在|就在)(划|扎|撬|砸).{0,6}(车|轮胎)|(偷|撬|剪锁).{0,10}(快来|赶紧|(?<!昨天)(?<!昨晚)(?<!之前)还在|还没走)",
    "throwing_now": r"有人(在)?高空(抛|扔|掷)物|楼上有人(掉|扔|丢)(东西)?(落来|下来)|(往下扔|往楼下扔|高空抛物|扔下来|丢下来|掉下来).{0,12}(砸到|砸中|砸伤|差点砸|还在扔|一直扔)|"
                    r"(刚刚|刚才).{0,10}(扔下来|丢下来|往下扔)|(刚刚|刚才).{0,10}(扔|丢)了?.{0,6}下来|(扔|丢|掉)下来.{0,12}砸在.{0,4}(脚边|身边|旁边|面前|脚下)|有人在往(楼)?下(扔|丢|砸)|(往下|往楼下)(扔|丢)(砖|石头|瓶|酒瓶|刀|花盆|玻璃|铁)|"
                    r"(往下|往楼下|从楼上|从窗户|从阳台).{0,12}(扔|丢|砸|泼).{0,20}(还在(扔|丢|砸)|正在|砸在|砸到|砸中|差点砸)|"
                    r"throw(ing)? .{0,30}(off|from|out of) .{0,50}(right now|still)|(正在|还在|一直在|又在)[^,]{0,6}往(楼)?下(扔|丢|泼|倒|砸)|"
                    # Still going on ("现在还在丢", "持续高空抛物"), or it just now nearly hit someone.
                    r"(楼上|上面|有人|又开始).{0,6}(正在|还在|一直在|又在|又开始|不停地?)(往(楼)?下(扔|丢|抛)|(扔|丢|抛)(?=[^,]{0,8}(下来|下去|楼下|下楼|往下)))|(持续|不停|一直|正在|还在)(高空)?抛物|"
                    r"高空抛物[^,]{0,6}(仍在|还在|持续)|(刚刚|刚才).{0,12}(差点|险些)砸",
    "person_shut_in": r"(?<![猫狗])被反?(锁|关|困)在(?![^,]{0,4}(门外|外面|外边))|(有人|有个人|人员|乘客|住户|业主)被困|"
                      # A baby or an old person behind a locked door or in a locked car ("门锁上了,家里只有我刚满月的宝宝").
                      r"(锁上|锁了|反锁|进不去|打不开|开不了).{0,20}(里面|家里|屋里|车里|车上|房间里?)(只有|就只有|只剩|就剩|还有).{0,8}(宝宝|婴儿|小孩|孩子|老人)|"
                      r"(锁上|锁了|反锁).{0,6}(宝宝|婴儿|小孩|孩子|老人).{0,4}(还)?在(车里|车上|车内|后座|里面|家里|屋里)|"
                      # "钥匙锁车里了,宝宝还在后座": the keys locked in, the child still inside.
                      r"(锁(在)?车(里|内|上)|车门?[^,]{0,4}(锁了|锁上|锁住|反锁))了?[^。]{0,12}(宝宝|婴儿|小孩|孩子|小朋友|女儿|儿子|老人)[^,]{0,4}(还)?在(车里|车上|车内|后座|里面)|"
                      r"(宝宝|婴儿|小孩|孩子|老人).{0,6}(还)?在(车里|车上|车内|后座).{0,20}(锁了|锁上|反锁|打不开|开不了)|(小孩|孩子|老人|宝宝|婴儿).{0,12}在(里面|家里?|屋里?|房间里?).{0,10}(打不开|进不去|开不了)|"
                      r"(打不开|进不去|开不了).{0,12}(小孩|孩子|老人|宝宝|婴儿).{0,6}(在里面|在家|在屋)|"
                      # "门被风关上了,宝宝一个人在里面", "我妈把自己锁在厕所里出不来".
                      r"门[^,]{0,8}(关上|锁上|锁了|关了|反锁).{0,12}(小孩|孩子|宝宝|婴儿|老人).{0,6}在(里面|家|屋里|房间)|把自己(反)?(锁|关)在(?![^,]{0,4}(门外|外面|外边))",
    "rescue_blocked": r"(救护车|ambulance).{0,10}(进不来|开不进|过不去)|担架|"
                      r"(病人|急救).{0,12}(抬下楼|背下楼|电梯坏)",
    "threat_now": r"(摔|砸)东西.{0,10}(尖叫|哭喊|惨叫|呼救)|(一直|不停|还在)(听到)?[^。]{0,8}(尖叫|惨叫|哭喊)|闹事|砸(东西|车|门|玻璃|窗)|(在|正在|有人|一直).{0,4}砸.{0,4}(东西|车|门|玻璃|窗)|(说|扬言)要(打|杀|砍)|家暴|呼救|喊救命|尾随|跟踪|(一直)?跟着我|骚扰|威胁|发酒疯|耍酒疯|醉汉|醉酒.{0,6}(拦|踢|砸|打|闹)|踢.{0,4}车门|(不停|一直|正在|还在)(在)?(撞|砸|踢|踹)[^,]{0,3}门|(有人)?在吸毒|吸毒.{0,20}(现在|还在)|持棍|拿棍|"
                  r"harass|following me|threaten|smash(ing)? .{0,20}(window|door|car)",
    "open_manhole": r"(化粪池|沙井|窨井|污水井|雨水井|检查井)[^,]{0,3}盖板[^,]{0,4}(缺失|没了|丢了|不见|被偷|移开|掀开|翻|塌)|(井盖|沙井盖|渠盖).{0,6}(没了|丢了|不见|被偷|被掀|掀开|破|碎|塌|翻|移开|掉|缺)|(沙井|井口|窨井|化粪池|污水井|雨水井)[^,]{0,3}没有?了?(盖|井盖)|没有井盖|(坑|洞|沟)[^。]{0,6}(没盖|没有盖|没围|没有围|无围挡|没有围挡)|open manhole|manhole cover",
    "hazard_animal": r"(马蜂窝|蜂窝|蜂巢|胡蜂窝)[^。]{0,12}(蜂在飞|很多蜂|好多蜂|飞来飞去|在飞)|(?<![驱防灭捕])蛇(?!虫|蜕|皮)|snake|(马蜂|胡蜂|黄蜂|蜜蜂|wasp|hornet|bee).{0,8}(蛰|叮|追|攻击|sting|attack)|被.{0,3}(蛰|蜇)(了|伤|到|肿)|(被|俾)(它|他|蜂|黄蜂|马蜂|胡蜂|蜜蜂)[^,]{0,2}(叮|蛰|蜇)",
    "chemical": r"(药|喷|消毒|清洁剂|化学|油漆|稀释剂)[^。]{0,20}(好几个人|很多人|大家|小孩|小朋友)[^。]{0,6}(咳嗽|咳哭|在吐|呕吐|头晕)|刺鼻|有毒|毒气|化学品|chemical|toxic",
    # Fuel on the ground or heavy in the air, the more so next to chargers or a flame ("满地汽油味,旁边就是充电桩").
    "fuel_leak": r"(滴油|漏油|汽油|柴油)[^,]{0,10}(满地|一地|流了一)|(满地|一地|很浓的?|好浓的?|很大的?)(汽油|柴油)味|"
                 r"(汽油|柴油)味(很|好|特别)(浓|大|重|冲|呛)|(漏油|滴油|漏汽油|汽油味|柴油味).{0,20}(充电桩|充电|明火|烟头|打火|抽烟|吸烟|smoking)",
    "cooking_unattended": r"(忘记|忘了|没)关(燃气|煤气|天然气)?(灶|炉|火)|锅里还(炖|煮|烧)着|(锅|灶|炉|煤气|燃气|天然气|电饭锅|电热毯|取暖器).{0,8}(还开着|没关|还在烧|烧着|开着火)|"
                          r"(stove|oven|heater).{0,10}(still on|left on)",
    # A shop or a plant left open at night with goods inside: the patrol guards it until it is shut.
    "premises_unsecured": r"(卷帘门|玻璃门|店门|大门|锁舌)[^。]{0,10}(卡在一半|合不上|关不上|锁不上|断了)[^。]{0,25}(店里|柜台|货|商品|手机|没人)",
    # A bag nobody owns, the more so ticking or where children gather: the guards cordon it off now.
    "suspicious_package": r"(可疑|没人认领|无人认领|没人要|来历不明)[^。]{0,10}(包裹|纸箱|箱子|行李箱|袋子|背包)|(包裹|纸箱|箱子|行李箱)[^。]{0,12}(滴答声|没人认领|无人认领)|suspicious (package|bag|parcel|suitcase)",
    # Needles or broken glass where children are playing.
    "sharps_near_children": r"(针头|针筒|注射器|碎玻璃|玻璃碴|玻璃渣|broken glass|needles?|syringes?)[^。]{0,25}(孩子|小孩|小朋友|儿童|kids|children)[^。]{0,8}(玩|still playing|playing|差点|抓)|(沙池|游乐场|滑梯|儿童乐园|playground)[^。]{0,12}(针头|针筒|注射器|碎玻璃|玻璃碴|玻璃渣)",
    # A dead animal in the drinking-water tank while the building still drinks from it.
    "water_contaminated": r"(水箱|蓄水池|二次供水)[^。]{0,20}(死猫|死老鼠|死鸟|死狗|尸体)|(死猫|死老鼠|死鸟|死狗)[^。]{0,10}(水箱|蓄水池)",
    # Power or cooling lost where it ruins things within the hour: a server room, a cold store.
    "critical_power_loss": r"(机房|服务器|冷库|冷冻库|冷藏库|冰库|server room|cold room|freezer)[^。]{0,15}(停电|断电|跳闸|没电|空调停|lost power|power (is )?(out|off|cut))|(停电|断电|跳闸)[^。]{0,12}(冷库|冷冻库|冷藏库|服务器)",
    # Working at a roof edge with no harness (its words carry the negation).
    "no_harness_at_height": r"(屋檐|屋簷|楼顶|天台|屋顶|外墙|roof)[^。]{0,15}(没有?(绑|系|带|戴|扣)|不(绑|系|戴)|未(系|绑))安全(索|带|绳)|no (safety )?harness",
    # A car rolling away with nobody at the wheel ("没拉手刹,顺着坡往下滑").
    "vehicle_runaway": r"(?<!一)溜车(?!.{0,3}(风险|隐患))|(车|货车|汽车|面包车)[^,]{0,10}(没拉手刹|手刹没拉|没挂挡|手刹失灵|刹车失灵)[^。]{0,12}(往下|滑|溜|滚|冲)|"
                       r"(车|货车|汽车)[^,]{0,6}(自己|顺着坡|顺坡|沿着坡)(往下|往后)?(滑|溜|滚|冲)|(car|truck|van).{0,20}rolling (down|away|back)|handbrake.{0,20}rolling",
    # A driver who nearly hit someone and is still at it.
    "reckless_driving": r"(差点|险些|差一点)撞(到|上|倒)[^。]{0,30}(还在|正在|现在还)|(还在|正在)(来回|乱|疯狂)?(倒车|飙车|横冲直撞)",
    "car_hits_person": r"撞(了|到|倒)(个|一个)?(行人|路人|老人|小孩|孩子)|(车|car).{0,6}(撞到人|撞了人|撞人|压到人|碾(到|了|过)?(人|孩子|小孩|脚))|(?<![门杆柱墙桩闸树灯栏])被车撞|hit by a car",
    "poisoning_drowning": r"(小孩|孩子|小朋友).{0,12}(湖|河|池塘|水池)边.{0,20}(没(有)?大人|往水里走|要下水)|中毒|溺水|误吞|误服|误食|吞(了|下|进).{0,6}(电池|硬币|纽扣|磁|药|洗衣)|掉进.{0,8}(水池|泳池|池塘|河|湖|井)|(掉|跌|摔|落)(进|到|入)了?.{0,2}(水里|水中|河里|湖里|池里|池子|塘里|海里|井里)|(湖|河|池塘|水池|泳池|井|海)边.{0,10}(掉|跌|摔|落)(进去|下去|水)|落水(?!管|口)|窒息|卡住喉咙|沉下去|沉到水(里|底)|在水里(挣扎|扑腾)|(深水区|水里|水中|池里|泳池里|河里|湖里)[^,]{0,6}(挣扎|扑腾|扑通扑通|浮不起来)|struggling in the (water|pool|deep end)|呛水|心肺复苏|人工呼吸|\bcpr\b|drown|poison|choking",
    "person_missing": r"(老人|老爷爷|老奶奶|老伯|阿婆|老太太|老大爷)[^。]{0,15}(马路|主干道|公路|路中间|车道)[^。]{0,20}(说不清|答不上|糊涂|迷路)|(孩子|小孩|小朋友|老人|儿子|女儿|父亲|母亲|爸|妈|奶奶|爷爷|外婆|外公|老太太|老大爷).{0,8}"
                      r"(走失|走丢|走散|不见了|找不到|迷路|还没回来|没回来|没回家)|找不到.{0,4}(孩子|小孩|老人)|"
                      r"(孩子|小孩|小朋友|儿子|女儿)[^的,]{0,12},?(现在)?(找不到|不见)了|(跟|和)(家人|大人|爸爸|妈妈).{0,2}走散|(孩子|小孩|小朋友).{0,12}找不到(家人|爸爸|妈妈|大人)|"
                      r"(孩子|小孩|老人|[妈爸]|奶奶|爷爷|外婆|外公|婆婆|阿婆|公公|老伴|老太太|老大爷|老年痴呆|老人痴呆|失智|认知障碍|阿尔茨海默).{0,20}(出门|出去).{0,12}(还没回(?!复)|没回来|没回家|找不到)|(老年痴呆|老人痴呆|失智|认知障碍|阿尔茨海默)[^。]{0,20}(自己)?(行|走|跑)了?出去|missing child|lost child|(dementia|alzheimer).{0,60}(walked out|wandered|missing|can'?t find)|can'?t find (him|her|my (dad|mum|mom|father|mother|son|daughter|child|kid))",
    "fall_from_height": r"(天台|楼顶|屋顶)[^,。]{0,6}(攀爬|爬来爬去|爬上爬下)|(护栏|栏杆|扶手)[^。]{0,6}(松了|松脱|断了|断开)[^。]{0,30}(往外|向外)(歪|倒|弯|倾)|(楼顶|天台|屋顶|窗台)(边上|边缘|边)(坐着|站着|蹲着|徘徊|走来走去|来回走|晃来晃去)|(小孩|孩子|小朋友|宝宝|儿子|女儿).{0,8}(爬|站|坐)(上|到|在)?了?上?.{0,3}(窗台|窗户|窗边|阳台栏杆|阳台护栏|护栏|栏杆)|"
                        r"(child|kid|toddler|boy|girl).{0,20}(climb|standing on|sitting on).{0,20}(window|railing|balcony|ledge)|(爬|站|坐)(到|在)?.{0,4}(窗外|窗台外|阳台外|栏杆外|护栏外|楼顶边)|(腿|脚|身子|半个身子).{0,4}(挂|悬|伸)(在|到|出)(了)?(外面|窗外|楼外|外边)|"
                        r"(坐|站)在.{0,6}(楼顶|天台|窗台|阳台|护栏)(边上|边|外面|外)|(坐|站|蹲|爬)(在|上|到)?.{0,6}女儿墙|(儿童|小孩|孩子|小朋友).{0,8}(楼顶|天台|屋顶).{0,6}(玩|追|跑|打闹|爬)|(楼顶|天台|窗台|阳台).{0,6}翻(过|出)(了)?(护栏|栏杆|窗)|(人(?!家)|孩子|小孩|小朋友|宝宝|他|她|老人)[^,]{0,4}挂在.{0,6}(窗外|阳台外)|"
                        # A worker left hanging on the facade ("吊绳卡住了,人挂在6楼下不来").
                        r"(人(?!家)|工人|阿姨|保洁|师傅|他|她)[^,]{0,4}(挂|吊|悬)在.{0,6}(楼|半空|外墙|空中|高处)|(吊绳|安全绳|吊篮|吊板)[^。]{0,10}(卡住|卡死|断了|卡了|下不来|上不去)|"
                        r"(楼顶|天台|屋顶|顶楼|窗台|阳台).{0,8}(有个?人|一个人|个人|有个(男|女)的|有个(年轻人|小伙子|男人|女人|老人|小孩)).{0,4}(站|坐|蹲|爬)在?.{0,4}(边上|边缘|外面|外边|栏杆外|护栏外)",
    # Renovation taking out what holds the building up while it goes on ("在把承重墙打掉") or shakes the
    # building ("把承重墙砸了!我在家都感觉到震"). Told as done ("把承重墙砸了个门洞,你们管不管") it is a
    # complaint for the renovation desk, as the starter examples have it.
    "structure_at_risk": r"(楼板|梁|柱|承重墙)[^。]{0,6}(有)?裂缝[^。]{0,4}(在)?(掉渣|掉灰|掉块|扩大)|(砸|敲|拆|打|凿)[^,]{0,8}墙[^。]{0,8}(整栋楼|整个楼|整幢楼|房子)(都)?在?(抖|晃|震)|(拆|砸|凿)[^,]{0,6}(外墙|承重墙|梁|柱)[^。]{0,20}(还在|继续|仍在)(砸|拆|凿|敲)|(正在|在|还在)(把)?.{0,3}(砸|拆|凿|敲|打|切).{0,4}承重墙|(正在|在|还在)把承重墙|承重墙.{0,20}(震|晃|抖|还在(砸|敲|拆|打|凿))|"
                         r"(砸|敲|拆|打)墙.{0,8}(整栋楼|整个楼|楼|房子)(都)?在?(抖|晃|震)|(楼板|承重梁|承重柱|梁柱).{0,6}(打穿|砸断|凿断|砸穿|切断)",
    "open_shaft": r"(lift|elevator) door.{0,30}open.{0,30}(no car|shaft)|电梯.{0,8}(门开着|门开了).{0,8}(没有轿厢|没轿厢|下面是空的|轿厢(不在|没在|没停|没有停|没到|没来))|电梯井|scaffold|脚手架.{0,6}(倒|塌|掉)",
    "damaged_by_works": r"(打穿|打破|钻破|钻穿|挖断|弄破|挖破).{0,6}(燃气|煤气|天然气|水管|电缆|电线)",
    "transformer": r"(变压器|配电房|配电室|电房).{0,10}(响|冒烟|着火|爆|火花)",
    "sprinkler": r"喷淋.{0,6}(喷|爆|掉|脱落|大量漏|漏得(很|好|特别)?厉害)",
    "animal_attack": r"(狗|金毛|泰迪|哈士奇|柯基|藏獒|拉布拉多|犬|dog)[^。]{0,14}(正在|在)咬(一个|个|着)?(人|小孩|孩子|小朋友|老人|我|他|她|腿|手)|(狗|犬)[^。]{0,10}咬(住|着|紧)|疯狗|见人就(扑|咬)|(狗|犬)[^,]{0,10}(还在|正在|一直在?)咬(别的|其他|人|我|他|她|孩子|小孩|老人|狗|猫)|(狗|犬).{0,12}拉不住|(狗|dog).{0,8}(在|正在)咬.{0,4}(人|孩子|小孩|小朋友|老人|我|他|她|腿|手)|(狗|dog)(?!.{0,3}不咬).{0,10}(追着?(人|孩子|小孩|小朋友|学生|路人|老人|我)咬?|扑(人|向|过来)|追着咬|咬(伤|到|了)?(人|我|孩子|小孩|老人|他|她|腿|手)|attack)",
    # Something coming down now. A bare "脱落" (tiles come loose, paint peels) is a repair, not
    # an emergency: it needs falling, hitting or about to fall.
    "falling_hazard": r"(吊灯|灯具|吊扇)[^。]{0,8}(掉下|掉了|砸|坠)[^。]{0,12}(还有|另)[^。]{0,6}(在晃|晃|松)|(裂缝|裂纹)[^。]{0,4}(还在|越来越|正在)(扩大|变大|变宽)|(棚|棚架|脚手架|竹棚)[^。]{0,4}(摇|晃)(到|得)?(好|很|非常)?(厉害|犀利)|(ceiling|plaster).{0,40}(bulg|crack(ing)? sound|falling|coming down|sagging)|(天花|吊顶)[^。]{0,10}(鼓起|鼓包|下沉|下垂)[^。]{0,10}(响|裂|掉)|(瓷砖|墙砖|外墙砖|招牌|广告牌|空调外机|玻璃|窗户|窗框|铁皮).{0,10}(松了|松动|挂着).{0,10}(?<!踩上去)(晃|摇|飘)|树(枝|干)?.{0,8}横在|(树|大树|树干|树枝).{0,6}(倒伏|被刮倒|被吹倒|刮倒了|吹倒了|断了).{0,10}(挡|横|压|拦|堵)|(树|树枝).{0,8}(搭|挂|压|倒)在?.{0,4}(电线|电缆|高压线)|"
                      r"(树|广告牌|外墙|空调外机|铁皮|彩钢瓦|玻璃|防火门|单元门|窗(户|框|扇)|防盗窗|招牌|吊顶|天花|石膏板|门头|雨棚|铁门|大门|门框)"
                      r".{0,8}(倒了|倒下|压在|(?<!被)砸(?![碎坏烂破开])|掉下|要掉|往下掉|坠落|塌|摇摇欲坠|晃得厉害|随时)|"
                      r"(花盆|花架|空调|外机|招牌|广告牌|灯箱|雨棚|铁皮|彩钢瓦|玻璃|窗户|窗框|瓷砖|外墙砖|防盗窗|晾衣架|树枝|树干|断枝)[^,]{0,8}(摇摇晃晃|晃来晃去|晃晃悠悠|一直在晃|在晃|掉了一半|(挂|悬|吊)在(半空|外面|窗外))|"
                      # Something already fell with people below: "晾衣杆掉下去了,下面好多人".
                      r"(掉|落)(下去|下来)了?.{0,10}(下面|楼下|底下).{0,4}(有人|很多人|好多人|人很多|有小孩|都是人)|"
                      r"(被风|大风|台风|打风).{0,10}(吹|刮|掀).{0,12}(随时|快要?掉|要掉|会掉|挂着|悬着|吊着|压在|砸|在飞|乱飞|飞来飞去|满天飞|甩来甩去|打到)|"
                      r"(外墙|瓷砖|墙砖|砖块|石块|水泥块|玻璃|招牌|铁皮).{0,6}(持续|不断|一直|还在|接连|陆续)在?(脱落|掉落|往下掉|掉)|"
                      r"(树枝|树干|断枝|招牌|广告牌|空调外机|外机|铁皮|雨棚).{0,10}(挂|悬|吊)在半空|"
                      r"(上面|上边|头顶|天花|吊顶|顶上|外墙|高处)[^,]{0,4}(还有|另外|另一)[^,]{0,6}(松着|松动|松了|悬着|挂着|吊着|要掉|快掉|摇摇欲坠)|塌了|倒塌|地震.{0,20}(裂|塌|掉|倒)|(从楼上|楼上|高处|外墙).{0,6}(瓷砖|墙砖|砖|石头|花盆).{0,6}(掉下|掉到|掉在|砸|落下|坠)|"
                      r"玻璃.{0,6}(爆裂|自爆|爆了|碎了一地|碎一地)|(碎片|碎玻璃|玻璃碴|玻璃渣).{0,6}(往下掉|掉下|往楼下|掉到楼下|砸)|玻璃渣|(碎玻璃|玻璃)[^,]{0,4}(还)?(挂|悬|吊)在|(空调|外机|机)[^,]{0,4}(挂|悬|吊)在外墙|(外机|空调|招牌|广告牌|玻璃|窗户?|铁皮|雨棚|灯箱)[^,]{0,4}(斜|歪|半)(挂|吊|悬)(在|着)|(挂着|悬着|吊着)(要|快)掉|(花盆|花架|空调外机|招牌|广告牌|雨棚).{0,10}(在晃|晃动|松动).{0,20}(坠落|掉下|砸)|已(经)?有.{0,4}(坠落|掉下来)|快(要)?掉下来|摇摇欲坠|collapse|falling off|falling down",
    # Water where it can reach electrics, a car park filling up, a fire alarm going off now.
    "water_near_power": r"(水|漏水|渗水|积水|淋水).{0,10}(电箱|配电箱|配电柜|配电盘|配电房|配电室|配电间|机电室|机电房|电房|插座|电表箱|灯座|灯里|电梯井|电梯机房|电缆井)|"
                        r"(电箱|配电箱|配电柜|配电盘|配电房|配电室|配电间|机电室|机电房|插座|电表箱|电梯井|电梯机房|电缆井|底坑|井道).{0,8}(进水|泡水|淋水|在滴水|有水|积水|渗水|漏水|泡在水|水位)|"
                        # "…漏水越来越严重,已经滴到电线那边": dripping onto wiring, wherever the water came from.
                        r"(滴|流|渗|漏|淋|灌|溅)(到|进|在)了?.{0,4}(电箱|配电箱|配电柜|插座|电表|电线|开关|灯座|灯里|灯上|电闸|电源)|"
                        r"灯(里|那里|那儿|座|罩|上|泡|管)?.{0,3}(漏|滴|流|渗|淌)(下来|水|出)|灯[^,]{0,4}有水滴|灯[^,]{0,6}往下(漏|滴|流|渗|淌)|"
                        r"(water(?! heater| pump| dispenser| purifier| meter)|leak|drip).{0,30}(electrical panel|fuse ?box|socket|outlet|breaker|meter box|light fitting|wiring)",
    # Standing water alone is a cleaning job; water coming in or rising is a flood.
    "car_park_flooding": r"(轮胎|车轮)[^,]{0,4}泡(了)?一半|(地库|车库|地下室|停车场|b[1-3])[^。]{0,12}(雨水|水)[^,]{0,4}(全|都)?往下灌|(地库|车库|地下室|b[1-3]).{0,20}(水往.{0,6}(漫|灌|流)|满溢)|(地库|车库|地下室|地下车库|停车场|b[1-3]|负[一二三1-3]层?).{0,10}(进水了|(在|正在|还在|一直)进水|淹没|水淹|漫水|灌水|水漫|淹了|"
                         r"淹到|涨水|水越来越|全是水|都是水|哗哗)|(地库|车库|地下车库|停车场).{0,20}(车.{0,4}泡(了|在水)|水.{0,6}没过车轮)|车[^,]{0,6}(泡了|泡着|泡在水|泡水|被淹|淹了|淹到一半)|水(一直|还在|不停)(在)?涨|(积水|进水|水).{0,12}(越来越深|还在(上)?涨|在(上)?涨|没过|淹到|快到膝盖|到小腿)",
    "fire_alarm_sounding": r"(一直|正在|还)在?响(火警铃|火警警报|消防警报|警铃)|(火警|火灾|消防|烟感|烟雾)(警报|报警器|报警|警铃|铃|喇叭|广播)?.{0,6}(一直响|响个不停|在响|响了|狂响|鸣|叫个不停)|"
                           r"(燃气|煤气|天然气|可燃气体)(报警器|警报器|探测器|报警)(?!.{0,3}坏).{0,6}(一直响|响个不停|在响|响了(?!一下|一声|几下)|狂响|叫|鸣)|"
                           r"(fire|smoke|gas) (alarm|detector).{0,10}(going off|ringing|sounding)",
    "caught_in_gate": r"(卷帘门|车库门|道闸|闸杆)[^。]{0,20}(砸|压|卡)[^。]{0,20}(我|人)(还)?在车(里|内|上)|(掉下来|落下来|砸)(在|到)(我)?的?车(顶|上)[^。]{0,20}(我|人)(还)?在车(里|内|上)|(卷帘门|趟闸|闸门|铁闸|道闸|闸杆|电动门)[^。]{0,6}把[^。]{0,10}(夹|砸|压|卡)(住|到|伤)|被.{0,3}(门|闸)[^。]{0,4}(拖|拉|卷)住|把[^,]{0,8}(手|脚|手指|头)夹(住|到|伤)|(道闸|闸杆|闸机|栏杆|升降杆|卷帘门|趟闸|铁闸|自动门|旋转门|电动门|车库门|伸缩门|电梯门).{0,8}(夹|砸|压|撞|卡|打)(到|住|伤|了|中).{0,4}"
                      r"(人|孩子|小孩|老人|儿子|女儿|腿|手|头|脚|身上)(?!行|车)|"
                      # An escalator or a machine pulling in a foot, a hand, a child's shoe or clothes.
                      r"(扶梯|滚梯|自动人行道|传送带|绞盘)[^。]{0,20}(卷进|卷入|绞进|绞入|夹进|咬住)|机器.{0,20}(卷进|卷入|绞进|绞入|夹进|咬住).{0,12}(脚|手|腿|手指|孩子|小孩|宝宝|人|衣服|裙|鞋|头发)|"
                      r"(脚|手|腿|手指|孩子|小孩|宝宝|头发|衣服|裙子?|鞋子?)[^,]{0,6}被.{0,8}(扶梯|滚梯|传送带|机器)[^,]{0,4}(卷|夹|绞|咬)|"
                      r"escalator.{0,30}(caught|trapped|stuck|pulled in|swallowed).{0,20}(foot|feet|hand|finger|shoe|child|kid|leg|boot)|"
                      r"(foot|feet|hand|finger|shoe|leg|boot)s? (is |are |got |was )?(caught|trapped|stuck) in (the |an )?escalator|(手|脚|腿|头|胳膊|手指).{0,4}被.{0,6}(门|闸|栏杆).{0,2}(夹|卡|压)(住|到|伤)|(头|手|脚|腿|胳膊|孩子|小孩|宝宝|老人|人).{0,4}(卡在|夹在).{0,6}(栏杆|护栏|门|闸|缝|里)",
    "person_unwell": r"((气喘|哮喘)[^。]{0,15}咳得(很|好|特别)?(厉害|不停)|(老人|老伯|阿伯|阿婆|伯伯|婆婆|大爷|奶奶|爷爷|(?<![0-9])[妈爸]|他|她|司机|男子|女子|男的|女的|工人|保安|保洁|阿姨|那人).{0,4}晕了|起不来|爬不起来|站不起来|脸色(很|好|特别)?(差|白|发白|发紫)|嘴唇发紫|口唇发紫|(老人|人|他|她|[妈爸]).{0,6}叫不醒|一动不动|((?<![行路客工])人(?![闸行车])|他|她|老人|[妈爸]|奶奶|爷爷|阿姨|大爷|孩子|小孩|喊|叫)[^卡机屏钮键灯]{0,8}(没有反应|没反应)|(有人|有个人|一个人)(突然)?晕(倒|在|了|过去)|(?<!闷得)喘不上气|喘不过气|(?<!焗到)(?<!闷到)(?<!热到)(?<!闷得)透不(到|过)气|肾上腺素|过敏性休克|epipen|anaphyla|呼吸困难|晕过去|犯病|发病|"
                     r"(趴|倒|瘫)在方向盘上|叫(他|她)(都|也)不(应|醒|答应)|(面|脸)(色)?(都)?(发青|铁青|青晒|发紫)|(趴着|躺着|倒在)[^,。]{0,4}不动|(司机|人|他|她|老人)[^。]{0,12}(好像|似乎)(晕|昏)(了|过去|倒了)|中风|脑梗|心梗|瘫软|瘫倒|瘫在地|叫(极|了?半天|了?好久|了?几声)都不(应|醒)|中暑|胸口疼|心口疼|说不了话|(突然|忽然).{0,4}说话.{0,4}不清|说话(突然|忽然)?.{0,2}不清楚?了|口齿不清|半边身子|半身不遂|嘴.{0,2}歪|(孩子|小孩|宝宝|老人|人).{0,8}(抽筋|惊厥|抽风)|高烧|倒在地上|躺在地上不动|躺在地下|口吐白沫|can't get up|not breathing|not responding|"
                     r"(he|she|man|woman|lady|person|someone|child|kid).{0,10}(isn't|is not|not) moving|(isn't|is not|not|no longer) (responding|responsive|breathing)|lying at the bottom of|unresponsive|lying (on|in) the (ground|floor|path|road|grass|stairs))",
    "people_shut_in": r"(门|单元门|大门|卷帘门|防火门|电子门|地库门).{0,10}(打不开|开不了|锁死|锁住).{0,10}(出不去|困在|关在|人在里面|有人在里)|"
                      r"(出不去|困在里面|关在里面).{0,10}(门|卷帘门|防火门)",
    # A car blocking a way out only becomes urgent with a reason it cannot wait (SLA-2).
    "blocking_now": r"被[^,]{0,4}(堵|挡)(在|住|死)[^。]{0,25}(去医院|送医|急诊|生孩子|救护车)|(?<!人)(堵住|挡住|堵死|挡死|堵在|挡在|拦住|堵着|挡着|blocking|blocked).{0,25}(出不去|开不出|进不去|出不来|急着|赶着|去医院|送医|"
                    r"急诊|生孩子|救护车|消防车|上班要迟到|联系不上|打不通|ambulance|hospital|fire engine)",
    "disturbance_now": r"(现在|正在|还在|此刻|这会儿|right now).{0,10}(吵闹|喧哗|唱歌|蹦迪|喝酒|开派对|party|放音乐|砸东西|吵架|叫骂|大喊大叫)"
                       r".{0,20}(凌晨|半夜|深夜|[12一两三]点|睡不了)|"
                       r"(凌晨|半夜|深夜|[12一两三]点多?).{0,20}(现在|正在|还在).{0,10}(吵闹|喧哗|唱歌|蹦迪|喝酒|开派对|party|放音乐|砸东西|叫骂|大喊大叫)",
    "stranger_at_doors": r"(挨家挨户|一户户|逐户)[^。]{0,6}(按门铃|敲门)[^。]{0,20}(查燃气|查煤气|查水表|自称)|(一直|正在|还在|在)(拉|拧|撬|踹|推)(我们家|我家|我们的?)(的)?(铁门|防盗门|大门|门)(?!口)|(在|正在)(那里)?试门|(有人|陌生人|陌生男子|陌生女子|一个男的|一个女的|几个人).{0,10}(挨家挨户|一户一户|一家一家|逐户|逐家).{0,6}(拧|推|拉|敲|试)|"
                         r"(拧|推(?!销)|拉|试)(我家|别人家)?的?门(把手|柄|锁)|(每家|每户|各家|挨家挨户|逐家逐户|逐家|逐户|挨个|一家家|一户户).{0,4}(试|拧|拉|推(?!销)|扭).{0,3}门|(试|拧|推(?!销)|拉|扭)着?.{0,4}(每家|每户|各家|家家|一家家|一户户|挨家挨户|逐家逐户).{0,3}的?门|trying (every|all|the).{0,12}(doors?|handles?)|someone.{0,20}(trying|testing).{0,10}doors",
    # SLA-2: an order problem on the spot, security within 5 minutes — the resident calls the guards now.
    "guard_needed_now": r"(保安|security).{0,8}(快来|快过来|快点来|快点过来|马上来|马上过来|立刻来|立刻过来|赶紧来|赶紧过来|速来|速到|come now)|"
                        r"(快|马上|立刻|赶紧|速)(点)?(派|叫|让|请|来)?.{0,3}(保安|security)",
    # Water still coming from a flat nobody can get into; power gone where people depend on it.
    "leak_nobody_home": r"(智能水表|水表)[^。]{0,12}(一直走|一直在走|走字|转个不停|一直转)[^。]{0,25}(没人|不在家|家里没人)|(没人|不在家|家里没人)[^。]{0,12}(智能水表|水表)[^。]{0,8}(一直走|一直在走|走字|转个不停|一直转)|(漏水|渗水|往下(漏|滴|淌|流)|滴水|在滴|滴到|漏到|(漏|滴|流)下来|水一直|水哗哗|水管|污水).{0,15}(没人在家|家里?没人|不在家|没有人在家|联系不上|打不通|没人开门|敲门没人|没有?人应)|"
                        r"(没人在家|家里?没人|不在家|没有人在家|联系不上|打不通|没人开门).{0,15}(漏水|往下漏|往下滴|水一直|水哗哗|水往下)",
    "outage_vulnerable": r"(停电|没电|断电|跳闸).{0,25}(老人|病人|孕妇|婴儿|卧床|吸氧|胰岛素|电梯里)|"
                         r"(老人|病人|孕妇|婴儿|卧床|吸氧).{0,20}(停电|没电|断电)|"
                         r"(整栋|整个楼|全楼|整幢|整个单元|整个小区).{0,10}(停电|没电|断电|黑了).{0,20}(晚上|半夜|夜里|深夜|凌晨)|"
                         r"(晚上|半夜|夜里|深夜|凌晨).{0,15}(整栋|整个楼|全楼|整幢|整个小区).{0,6}(停电|没电|断电)",
    "child_alone": r"车(里|内|上)有个?(小孩|孩子|宝宝|婴儿|小朋友)[^。]{0,20}(大人不在|没有?大人|家长不在|车窗关着|没熄火)|(小孩|孩子|宝宝|婴儿)[^。]{0,6}(一个人)?(留|关|困)?在车(里|内|上)[^。]{0,20}(大人不在|没有?大人|家长不在|车窗关着)|(小孩|孩子|宝宝).{0,6}(哭|哭喊|哭闹).{0,20}(妈妈|爸爸|大人|家长)(出门|不在|出去)|(孩子|小孩|婴儿|宝宝).{0,10}(一直哭|哭了很久|哭个不停).{0,15}((大人|家长).{0,4}(不在|没在)|没有大人|没人管|没人应)",
    "storm_damage": r"(台风|大风|暴风|暴雨|狂风).{0,15}(窗|玻璃|门|广告牌|树|雨棚|铁皮).{0,8}(吹破|吹碎|吹裂|刮裂|吹掉|吹倒|刮倒|刮掉|关不上|破了|碎了|裂了|掉了)",
    "suicide_risk": r"跳楼|轻生|想不开|自杀|(要|想)(往下)?跳下去|(天台|楼顶|屋顶|窗台|阳台|边上).{0,12}(想|要)(往下)?跳(?!舞|绳)|suicid",
    "burning_smell": r"焦味|烧焦|糊味|焦糊|烧塑料|胶皮味|烧.{0,3}(电线|塑料|橡胶|胶皮)的?(味|气味)|burning smell|smell of burning|smells like burning|"
                     r"smell(ing)? (of )?something burning|something.{0,10}burning|smells? burnt|burnt smell",
    "welfare_check": r"(好几|几|[两三四五六七0-9]|多)(天|日)(都)?(没有?|未)(出门|露面|下楼)[^。]{0,30}(独居|一个人住)|老太(?!太)[^。]{0,6}(好几|几|[两三四五六七0-9]|多)(天|日)(都)?(没有?|未)(开门|出门)|(好几|几|[两三四五六七0-9]|多)(天|日)(都)?(没有?|未)(见|看到|看见)(人|他|她)?(出来|出门|露面)[^。]{0,20}(独居|老人|一个人住)|(hasn'?t|has not|haven'?t) been seen|not answering (the door|the phone|calls)|(一个人住|一个人在家|自己住|(?<![0-9])[妈爸]|母亲|父亲|奶奶|爷爷|外婆|外公|老人|独居|老太太|老大爷|老爷子|老奶奶|老伯|阿婆|婆婆|阿伯|伯伯|大妈|老先生|老人家).{0,25}(没有?人应|不开门|没反应|没出门|(好几|几|[两三四五六七0-9]|多)(天|日)(都)?(没有?|未)(出门|下楼|见|露面|开门|拿|动静)|联系不上|未能联系|好几天没|打电话没人接|都没人接|电话没人接|没有人听|一直不接|"
                     r"不接电话|没动静|没回应|敲门不开|无人(应|开门|接)|(电话|手机|视频).{0,6}(没人接|没有人接|打不通|不通|关机|没人听)|(电话|微信|信息).{0,6}(都|也)?(不接|没接|不回|没回|没有回|没有覆|没覆)|没有?(覆|复|回)(电话|信息|微信)|不听电话)",
    # An entrance that will not open with cars backing up onto the road: the on-duty guard lifts it by hand now.
    "gate_jammed_queue": r"(道闸|闸杆|栏杆|升降杆|大门|车库门|卷帘门|伸缩门)[^,]{0,10}(坏了|抬不起|起不来|不抬杆|打不开|开不了|卡住|卡死|不动)"
                         r"[^。]{0,20}(排到|堵到|堵在|一直排到|排出)(了)?(门口)?(外面|马路|大马路|路上|主路|公路|街上)",
    # Ice or oil where people walk or drive, once someone has already slipped on it.
    "slippery_now": r"(结冰|结了冰|冰面|暗冰|冻住了|油渍|油污|机油|漏油)[^。]{0,20}(已(经)?有|刚才|刚刚|刚)[^。]{0,8}(打滑|滑倒|摔倒|摔了|摔跤|溜车|溜下去|溜了下去|滑下去|滑了一跤|滑下|撞)",
    "water_heavy": r"越(漏|喷|冒|涌)越(大|多|厉害|凶|猛)|(像|跟|似)个?喷泉|水很大|水好大|水势(很|好|特别)?大|瀑布|水冲得|水柱|(天花|顶棚|吊顶|灯里|ceiling).{0,8}(下雨一样|下雨似的)|哗啦|水.{0,4}顺着.{0,6}(楼梯|(?<!外)墙|电梯|楼道).{0,4}(往下流|流下来|流)|gushing|pouring|(水|阀|龙头).{0,6}(止不住|关不掉|关不住)|哗哗|水龙头.{0,6}没关.{0,10}(不在家|出差|漫)",
}

# Signals that a person should look now, without being sure it is an emergency.
SOFT_TRIGGERS: dict[str, str] = {
    "police_called": r"报警(?!器)|(?<![0-9])110(?![0-9])|警察|police",
    "fuel_smell": r"汽油味|漏油|petrol|gasoline",
    "knocking_now": r"(有人|陌生人|不认识的人).{0,10}一直(敲门|按门铃|砸门|踹门|拧门)|(不认识|陌生).{0,10}(敲门|按门铃)|(有个(男|女)的|有人).{0,12}一直(敲门|按门铃|拍门)",
    "building_dark": r"(整栋|整个楼|全楼|整幢|整个单元|整个小区|全小区|whole building).{0,10}(停电|没电|断电|黑了|power (is )?out)",
    # A cry for help: a person judges, because residents sigh the same word over noise or a smell
    # ("救命啊,装修从七点敲到现在"); about money it is only a sigh ("救命啊,物业费又涨了").
    "cry_for_help": r"救命(?!.{0,12}(费|钱|价|涨|贵))|help!|help me!|sos\b|emergency(?! exit| light| lighting| door| number| contact| phone| hotline)",
    "help_needed_now": r"快来人|快派人|赶紧派人|马上派人|马上过来|快过来|速来|come (right )?now|send someone now",
}

# Markers that void a trigger in the same clause when they come before it.
# "是不是漏电了?" and "会不会是煤气?" ask; "can't get out", "not breathing" are the emergency itself.
NEGATION = re.compile(r"((?<!有)没有(?!(拴|栓|牵|带|戴)(狗|绳|链|口罩|嘴套))|(?<!有)没(?!法|办法|有?(拴|栓|牵|带|戴)(狗|绳|链|口罩|嘴套))|无(?!法)|(?<!是)不是(?![^,]{0,4}(是|系))|并非|未|(?<!会)不会|不用|\bno\b|"
                      r"\bnot\b(?! (moving|responding|responsive|breathing))|\bnever\b|"
                      r"nobody|no one|n't(?! (get out|open|move|stop|breathe|get up|wake))|cannot(?! (get out|open|move|breathe|get up)))")
HISTORY = re.compile(r"(之前(?!的)|那天(?!起)|那晚|曾有|上次|上回|上个月|上周|上个?星期|上年(?!纪)|去年|前年|以前|那次|曾经|之前那次|前段时间|上礼拜|昨晚|昨天|昨日|前天|"
                     r"前几天|前两天|前些天|前阵子|last (time|week|month|year|night)|yesterday|previously|used to)")
# English puts the time after the verb ("I was stuck in the lift … last night").
HISTORY_AFTER = re.compile(r"\b(last (time|week|month|year|night|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|yesterday|on (monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b")
# Burning on purpose (paper offerings, barbecues, fireworks) is an order complaint, not a fire —
# unless it is spreading.
CONTROLLED_BURNING = re.compile(r"((people|someone|they|guys?|man|woman|he|she)( keeps?| are| is)? smoking|smoking (on|in|at|near|outside|by)|cigarette|vaping|烧纸|烧衣|烧金纸|纸钱|冥币|元宝|烧烤|烧香|焚烧|烧垃圾|烧树叶|烧秸秆|放鞭炮|鞭炮|烟花|抽烟|吸烟|油烟|做饭|炒菜|"
                                r"烧菜|barbecue|bbq|cooking)")
# "经常困人", "老是跳闸": a recurring problem is a complaint about reliability, not an emergency now.
HABITUAL = re.compile(r"(经常|常常|年年|每年|老是|总是|喜欢|总爱|老爱|偶尔|(?<!没)有时候?(?!间)|时不时|长期(在|都|有人|被|这样)|常年|(一到|每逢)?下雨天|第[0-9一二三四五六七八九十几]+次|一下(大|暴)?雨就?|下(大|暴)?雨(时|的时候)|(?<!一)动不动|三天两头|隔三差五|每次|多次|屡次|频繁|好几次|反复|每天|天天|每晚|"
                      r"always|often|keeps? |every (day|night|evening|morning|week))")
COUNTED = re.compile(r"((已经|这)是|已经[^,]{0,3}|都|(今年|这个月|本月|这周|本周|这礼拜))(今年|这个月|本月|这周|本周|这礼拜)?的?第[0-9一二三四五六七八九十几]+次")
SPREADING = re.compile(r"((敲门|没人|无人)[^,]{0,4}(应|开门)|(垃圾桶|垃圾箱|纸箱|杂物|干草|草丛|草地|窗帘|沙发)[^。]{0,8}(冒烟|冒火|着了)|引燃|蔓延|烧到|失控|着起来|烧起来了|没灭|还有火|扑不灭|灭不了|灭不掉|越烧越|越来越大|窜|火(很|好|特别|挺|太|超)大|火势|spread)")
# An open fire lit indoors (paper offerings in a stairwell) is not "controlled", and neither is one
# whose smoke fills the flats; a cigarette or a wok is, wherever it is.
OPEN_FIRE = re.compile(r"(烧纸|烧衣|焚烧|烧垃圾|烧香|烧树叶|烧东西)")
INDOORS = re.compile(r"(楼梯间|楼道|走廊|电梯|地库|车库|飘进|灌进)")
# …unless the clause says it is still going on ("从昨晚开始一直有煤气味").
ONGOING = re.compile(r"(一直|还在|到现在|开始|仍然|越来越|(挂|悬|吊)在半空|摇摇欲坠|still|since)")
# A guard asleep on duty, a salesman at the doors, the fee collector phoning: an order or service
# complaint in an emergency's words.
ASLEEP_ON_DUTY = re.compile(r"(值班|上班|岗亭|当班).{0,8}(睡觉|睡着|打瞌睡)")
CALLERS_ON_BUSINESS = re.compile(r"(推销|发传单|派传单|发广告|贴广告|快递员|外卖员|送外卖)")
DOORSTEP_CODES = frozenset({"intruder_now", "stranger_at_doors"})
PESTERED = re.compile(r"(催费|催缴|电话|短信|推销)")
WHO_PAYS = re.compile(r".{0,2}(谁负责|谁来负责|谁赔|谁管)")
# A hole or a falling hazard fenced off ("已放置警示锥") is made safe; a live switch room is not.
CORDONED = re.compile(r"已(经)?(放置|摆放|设置|拉|围)(了)?(警示|围挡|警戒|锥)")
CORDON_CODES = frozenset({"open_manhole", "falling_hazard"})
# A smell or a live appliance switched off at the plug ends it; smoke or water does not stop with the power.
POWER_OFF = re.compile(r"(unplugged|switched (it )?off|(已经?|已)(关|断|拔)(了|掉)?(电源|总闸|开关|电闸|插头)|没(有)?再(开|用)|已断电|断电待修)(?![^,]{0,8}(但|仍|还|still|but))")
POWER_OFF_CODES = frozenset({"burning_smell", "electric_leak", "sparks"})
# "头都要炸了", "气炸了", "群里炸锅了": a head or a temper bursting is a figure of speech.
FIGURE_OF_SPEECH = re.compile(r"(头|脑袋|脑子|脑壳|耳朵|肺|心态|人|肚子)(都|快|真的|简直|已经)?(要|快要|快|被吵|被气)?(得)?$|气$|吵$")
OBJECT_DROPPED = re.compile(r"(遥控器?|手机|钥匙|门卡|钱包|银包|东西|快递)[^,]{0,4}(掉|跌|落)")
# English puts the habit after the verb ("the smoke … is killing me every evening").
HABIT_AFTER = re.compile(r"\b(every (day|night|evening|morning|week)|always|all the time)\b")
# "顺便说下", "另外刚发现": the message turns to something new, told now.
NEW_TOPIC = re.compile(r"(顺便|另外|还有个|还有一件|对了|by the way|\bbtw\b)")
# A bill read as a sign of a leak only when it is a guess ("是不是漏电了?电费多了两百").
GUESS = re.compile(r"(是不是|会不会|是否|吗|\?)")
# "又" is happening again now, but "修了又坏" is the repair history.
AGAIN_NOW = re.compile(r"(现在|正在|(?<!了)又(?!坏)|此刻|right now)")
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
HYPOTHETICAL = re.compile(r"(如果|万一|假如|假设|难道|还以为|(?<![开始初])以为|(?<!主)要是|演练|演习|培训|预案|宣传|讲座|知识|新闻|报道|网上看到|"
                          r"\bif\b|in case|\bdrills?\b|training)")
FEARED = re.compile(r"(隐患|担心|害怕|(?<!可)怕|容易|(?<!随时)会(?=受伤|摔|砸|触电|着火|掉)|可能会|会不会|会有|会造成|会引起|会导致|以免|防止|预防|小心(?![,!。~\s])|差点|差一点|差些|险些|"
                    r"risk|worried|afraid|could|almost|nearly)")
# Named as a danger, not told as an event: "会有火灾危险", "触电的风险".
DANGER_AFTER = re.compile(r"^的?(危险|隐患|风险)")
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
LONG_STANDING = re.compile(r"((20|19)[0-9]{2}年|交房|入住|几年|多年|好几年|这么多年).{0,10}(到,?现在|至今|以来)|(这|近|最近)(两|几|[0-9一二三四五六七八九十])年(来|多)?[^,。]{0,6}(一直|都|经常|老是)")
# "燃气泄漏了应该打什么电话?": what to do when it happens, asked in advance.
PROCEDURE_AFTER = re.compile(r"^了?(应该|该|要)先?(打|找|联系|怎么|如何|做什么)")
# "(要是)真着火了,烟全窜上来": what would follow if it really happened.
IF_REALLY = re.compile(r"了?[^,]{0,4}(就|全|都|会)")
# "请问…要怎么做?": a question about what to do, not a report.
RULES_QUESTION = re.compile(r"^请问.{0,20}(要|该|应该)(怎么做|怎么办|做什么|怎样做)")
# A cleaning product or paint that smells strong is a complaint about the smell, not toxic fumes.
# ...unless the fumes are making people ill ("两名同事头晕").
AFFECTED = re.compile(r"(头晕|头痛|晕倒|呕吐|想吐|在吐|吐了|咳嗽|咳哭|喘不过气|呼吸困难|不舒服|咳嗽不止)")
ORDINARY_FUMES = re.compile(r"(消毒|清洁剂|漂白|油漆|香水|打药|杀虫|除草剂|装修味)")
# An injury lived with, not just suffered ("我脚受伤不方便下楼").
CONDITION = re.compile(r"(不方便|行动不便|腿脚不便|养伤|休养)")
# "改天来换", "不用了": the resident defers a smell to another day.
DEFERRED = re.compile(r"(不急|不着急|不用急|不用了|改天|有空(再)?(来|帮|的时候)|(下午|明天|晚点|回头)再|not urgent|no rush)")
# A smell, or glass already swept with a last sweep put off till later, can wait when the resident says so.
DEFERRABLE_CODES = frozenset({"burning_smell", "sharps_near_children"})
# Third-person wording of the 12345 government hotline's transferred work orders.
RELAYED = re.compile(r"12345|市民反映|市民来电|来电人|诉求人|该市民|反映人|市民称|市民表示|热线转来|热线转办")
RELAYED_NOW = re.compile(r"(泡着|进不来|(已|已经)(超过|持续)[0-9一二三四五六七八九十半]|超过(半|[0-9一二三四五六七八九十两]+个?)(分钟|小时)|约?[0-9一二三四五六七八九十半两]+分钟|未到场|无人到场|没人到场|打不通|无人接听|没人接|开门查看|协助开门|到场|施救|立即|立刻|马上|紧急|请速|速派|正在|仍在|目前仍|现场|现在|此刻|还在|救援|上门查看|尽快上门)")
# "火警铃响了,是测试吗?": a drill or a test named after the alarm.
DRILL = re.compile(r"(演练|演习|测试|试响|试验|\bdrill\b|\btest(ing)?\b)")
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
# Garden sprinklers and fountains spray water by design: a broken one is a repair.
SPRAYING_BY_DESIGN = re.compile(r"(洗车|sprinklers?\b|喷灌|洒水器|浇灌|浇水|浇花|(草坪|草地|绿化)[^,]{0,6}水管|灌溉|绿化带|(?<![像似如])喷泉|喷头|sprinkler head|fountain)")
# A cistern that keeps running wastes water; it floods nothing unless the message says so.
CISTERN = re.compile(r"(水箱|马桶|抽水|cistern)")
FLOODING_OUT = re.compile(r"(水管.{0,3}爆|爆管|喷|漫|满地|淹|溢|往外冒)")
# "电梯卡在B1,门开不了,里面没人": a stopped lift with nobody inside is a repair.
NOBODY_INSIDE = re.compile(r"(里面|里头|轿厢里|电梯里|inside)(没人|没有人|空的|is empty)|没有人被困|"
                           r"(no ?one|nobody) (was |is )?(inside|in it|trapped)")
_LIFT = re.compile(r"电梯|轿厢|lift|elevator")
# Thanks for an emergency handled ("业主到前台致谢:…拨打120") reports it, it does not raise it.
THANKS = re.compile(r"(致谢|表扬|锦旗|感谢信|(感谢|谢谢|多谢).{0,12}(及时|帮忙|救|送医)|(及时|很快|迅速).{0,10}(谢谢|感谢))")
# The resident's own word that it can wait ("不急", "有空来看看"): the model alone does not
# overrule it (a rule still does: a burst pipe reported "不急" is urgent all the same).
NOT_URGENT = re.compile(r"(不急|不着急|不用急|不赶时间|有空(再)?(来|帮|的时候)|not urgent|no rush|when you have time)")
RESOLVED_EVENT = re.compile(r"((?<!是不是)(?<!是否)(?<!系咪)(误报|误鸣|误响)|核查为|核实为|确认为|原来是|已和解|追赶未果|没追上|虚惊|false alarm|(水|积水)(已经)?退(了|去)|(?<!未完全)(?<!没完全)(?<![未没不])(浇|踩|弄|扑|熄)灭|换好|已(经)?更换|(现在|已经)没(有)?了|已(经)?带(到|回)|已(经)?送回|已(经)?(暂停|停工|叫停)|working (again|now|fine)|back to normal|已经修好|修好了|已修好|已经好了|已修复|恢复正常|已经恢复|处理好了|已经处理|已处理|已解决|"
                      r"已经解决|已经没了|今天没了|今天没有了|已经散了|味道散了|味道没了|救出来|(幸好|还好|幸亏|好在)[^,]{0,4}没(有)?(大碍|事|受伤|伤到|伤着)|已贴(条|单)|已(经)?(挪走|挪开|开走|移走)|劝离|已离开|已经走了|已制止|(已|已经)(暂停|停止)施工|已停工|已带离|已经出来|(?<![见看到])人出来了|放人|已放出|已救出|无恙|火灭了|已经灭了|扑灭|没事了|fixed|resolved|sorted out|is out now)")

# Shutting the valve stops the water, not a gas leak ("已关闭总阀并开窗,请马上来人"): it ends only the water rules.
VALVE_SHUT = re.compile(r"((已经?关(闭|了|掉)?|关了)(总阀|总闸|阀门|水阀)(?![^,]{0,6}(但|仍|还))|(closed the valve|shut (off )?the (valve|water|mains)|turned off the (water|valve|mains))(?!.{0,20}(but|still)))")
RESOLVED = re.compile(f"{RESOLVED_EVENT.pattern}|{VALVE_SHUT.pattern}")

_HARD = {code: re.compile(rx) for code, rx in HARD_TRIGGERS.items()}
_SOFT = {code: re.compile(rx) for code, rx in SOFT_TRIGGERS.items()}
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
    if LONG_STANDING.search(previous + before + match.group(0)) and not re.search(r"(现在|正在|此刻|right now)", clause[match.end():]):
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
    if code == "chemical" and ORDINARY_FUMES.search(clause) and not AFFECTED.search(context or clause):
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
            r"火|烟|焦|糊|呛|fire|smoke|burn", match.group(0)):
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
