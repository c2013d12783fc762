"""The desk's routine department overrides (the shared sample's README lists them), applied to the
kind and category the classifier read: each fires on concrete words, never on the category alone."""

from guanjia.triage.overrides import choose_department
from guanjia.triage.text import normalise


def _department(kind: str, category: str, text: str) -> tuple[str, str]:
    return choose_department(kind=kind, category=category, text=normalise(text))


def test_water_coming_through_from_the_flat_above_goes_to_engineering_in_any_wording():
    for text in ("樓上的水一直從天花板滴下來", "My neighbour's flat is flooding and water is coming under my door.",
                 "隔壁装了个鱼缸,我家这面墙发霉起泡"):
        assert _department("repair", "neighbor", text) == ("engineering", "neighbour_leak_to_engineering")


def test_a_leak_dispute_between_households_stays_with_customer_service():
    assert _department("complaint", "neighbor", "楼上漏水把我家天花板泡坏了,找他们也不理") == (
        "customer_service", "default")


def test_a_botched_or_slow_repair_is_chased_with_the_engineers():
    for text in ("报修了两次空调,都说修好了,结果还是不制冷", "维修师傅修完把垃圾都留在我家,也不收拾",
                 "I've reported the broken light three times and nobody has fixed it."):
        assert _department("complaint", "service", text) == ("engineering", "slow_repair_to_engineering")


def test_drilling_before_the_permitted_hour_is_stopped_by_the_patrol():
    assert _department("complaint", "renovation", "装修的电钻声从早上七点就开始了")[0] == "security"
    assert _department("complaint", "renovation", "楼上装修太吵了,下午一直在砸墙")[0] == "customer_service"


def test_checking_the_owner_on_a_release_slip_is_not_a_title_dispute():
    assert _department("service", "order", "业主申请开具搬出放行条,已核对产权人身份") == ("security", "default")
    assert _department("complaint", "order", "开发商把我的产权车位又卖给了别人")[0] == "customer_service"


def test_a_meter_that_runs_fast_is_read_again_by_the_engineer_and_a_lost_card_is_replaced_at_the_desk():
    assert _department("complaint", "fee", "电表走得特别快,家里没人也在转")[0] == "engineering"
    assert _department("service", "facility", "I need a replacement access card.")[0] == "customer_service"


def test_a_visit_promised_and_not_made_or_a_repair_that_did_not_hold_goes_to_the_engineers():
    for text in ("客服说第二天派人上门,一个星期了都没上门", "报修后说已经派单,到现在没下文",
                 "上周修的下水道,维修后仍然返臭味"):
        assert _department("complaint", "service", text) == ("engineering", "slow_repair_to_engineering")
    # A rude clerk is still the service centre's own business.
    assert _department("complaint", "service", "前台的小姑娘态度很差,爱答不理")[0] == "customer_service"


def test_works_starting_at_seven_in_any_wording_are_stopped_by_the_patrol_but_weekday_afternoons_are_not():
    for text in ("楼上装修每天早上7时就开始电钻", "Renovation upstairs starts drilling at 7am",
                 "周日一大早楼上就在装修砸墙"):
        assert _department("complaint", "renovation", text)[0] == "security"
    assert _department("complaint", "renovation", "楼上周末装修,白天吵得没法休息")[0] == "customer_service"


def test_a_garage_remote_or_face_registration_is_issued_at_the_desk():
    for text in ("想补办一个车库遥控器,原来的丢了", "帮我妈办一下人脸识别,她不会用手机"):
        assert _department("service", "facility", text) == ("customer_service", "card_reissue_to_customer_service")


def test_a_gas_smell_next_door_with_the_doorbell_unanswered_sends_the_guards_but_an_unanswered_desk_phone_does_not():
    # The guards get in behind a door nobody opens; the desk's phone going unanswered is a grievance,
    # and the smell in one's own bathroom is the engineers'.
    assert _department("repair", "facility", "另外我剛剛聞到很重的瓦斯味,好像是從隔壁12樓之3飄出來的,按門鈴沒人應") == (
        "security", "gas_no_answer_to_security")
    assert _department("repair", "facility", "打你们电话半小时没人接!我家厨房热水器那里一股燃气味") == (
        "engineering", "default")
    assert _department("repair", "facility", "樓下好大瓦斯味,打電話給他們沒人接")[0] == "security"


def test_a_lift_card_that_stopped_working_is_reissued_at_the_desk():
    assert _department("service", "facility", "我的电梯卡刷不了了,去哪里补办") == (
        "customer_service", "card_reissue_to_customer_service")


def test_a_technicians_or_a_cleaners_conduct_goes_to_the_department_they_work_in():
    # Like "a rude guard → security": the manager of the trade deals with the person.
    assert _department("complaint", "service", "修灯的电工师傅穿着鞋进卧室,说了也不理") == (
        "engineering", "staff_conduct_to_their_trade")
    assert _department("complaint", "service", "保洁阿姨把我放门口的雨伞当垃圾扔了,还凶我") == (
        "environment", "staff_conduct_to_their_trade")
    assert _department("complaint", "service", "保安值班时一直在玩手机,叫他也不理")[0] == "security"
    assert _department("complaint", "service", "前台那个客服说话很冲,问两句就不耐烦")[0] == "customer_service"


def test_a_meter_read_wrong_or_running_with_everything_off_is_checked_by_the_engineer():
    for text in ("水表肯定读错了,派人来核对一下", "总闸都关了电表还在走字", "Bill says 600 kWh but the meter shows less, please re-read it"):
        assert _department("complaint", "fee", text) == ("engineering", "meter_reading_to_engineering")
    assert _department("complaint", "fee", "物业费怎么又涨了,也不公示")[0] == "finance"


def test_renovation_noise_before_seven_or_on_a_sunday_by_any_tool_is_stopped_by_the_patrol():
    for text in ("六点半就开始砸墙,哪家啊", "礼拜天一大早隔壁就在打墙", "晚上九点多了楼上还在用电锤"):
        assert _department("complaint", "renovation", text)[0] == "security"


def test_registering_a_face_or_one_more_household_card_is_done_at_the_desk():
    for text in ("Please register my son's face for the gate", "想多办一张门禁卡给老人用", "帮我把女儿的人脸录进系统"):
        assert _department("service", "facility", text) == ("customer_service", "card_reissue_to_customer_service")


def test_any_request_about_a_fob_a_remote_or_a_face_is_the_desks_but_a_broken_reader_is_the_engineers():
    for text in ("我的感應扣弄丟了,想補辦一個", "Need two extra access cards for the kids", "司机换人了,旧门禁卡要注销"):
        assert _department("service", "facility", text) == ("customer_service", "card_reissue_to_customer_service")
    assert _department("repair", "facility", "东门的门禁读卡器坏了,刷什么卡都没反应")[0] == "engineering"


def test_works_endangering_people_now_go_to_the_patrol_but_a_structural_wall_to_customer_service():
    def urgent_department(text: str) -> str:
        return choose_department(kind="complaint", category="renovation", text=normalise(text), urgent=True)[0]

    # Sparks onto cardboard or a worker at an edge with no harness: the guard on patrol stops it now.
    assert urgent_department("楼上装修在切割,火星子一直掉到楼下的纸箱上") == "security"
    assert urgent_department("外墙有装修工人站在窗台外面干活,没系安全带") == "security"
    # A load-bearing wall coming down: the centre stops the works under the renovation agreement and
    # calls in the assessors (29 of 37 such messages written blind went to customer service).
    for text in ("楼下那户正在拆承重墙,整栋楼都在震", "隔壁在砸墙,我家墙上都裂了", "They are knocking down a load-bearing wall upstairs"):
        assert urgent_department(text) == "customer_service", text
