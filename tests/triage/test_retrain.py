"""Learning from the desk: decisions are stored, a retrain that helps is kept, one that hurts is refused."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from guanjia.accounts.choices import Role
from guanjia.core.errors import ServiceError
from guanjia.triage.evaluation import is_held_back
from guanjia.triage.models import TriageDecision, TriageModel
from guanjia.triage.services import triage_decision_record, triage_retrain, triage_suggest
from tests.factories import staff_with_role

pytestmark = pytest.mark.usefixtures("starter_set_as_builtin_examples")

# In this community the security team runs the e-bike charging stations, so the supervisor
# files every charger fault under order/security — the built-in model says facility/engineering.
CHARGER = {"kind": "repair", "category": "order", "urgency": "normal", "department": "security"}
PLACES = ["中心花园", "南门", "北门", "3栋前", "会所旁", "儿童乐园边", "东区", "西区"]
PROBLEMS = ["的充电桩扫码没反应", "的充电桩充不上电", "的充电桩插座坏了", "的充电桩屏幕不亮", "的充电桩一直跳闸"]


def _charger_texts():
    return [f"{place}{problem}" for place in PLACES for problem in PROBLEMS]


@pytest.fixture
def supervisor(community):
    return staff_with_role(community=community, role=Role.CS_SUPERVISOR, display_name="王主管")


def test_a_supervisors_correction_is_recorded_with_what_was_suggested(community, supervisor):
    suggested = triage_suggest(text="中心花园的充电桩坏了", community=community)
    decision = triage_decision_record(order_or_text="中心花园的充电桩坏了", suggested=suggested, final=CHARGER,
                                      user=supervisor, community=community)
    assert decision.final == CHARGER and decision.decided_by == supervisor
    assert decision.company == community.company
    assert decision.suggested["category"] == "facility" and decision.corrected is True


def test_a_decision_with_an_unknown_code_is_refused(community, supervisor):
    with pytest.raises(ServiceError) as error:
        triage_decision_record(order_or_text="电梯坏了", suggested={}, user=supervisor, community=community,
                               final={**CHARGER, "urgency": "very"})
    assert error.value.code == "invalid_classification" and "urgency" in error.value.fields


def test_consistent_corrections_make_a_better_community_model_that_the_classifier_then_uses(
        community, other_community, supervisor):
    for text in _charger_texts():
        triage_decision_record(order_or_text=text, suggested={}, final=CHARGER, user=supervisor,
                               community=community)
    result = triage_retrain(community=community, user=supervisor)
    assert result.accepted and result.after.mean_accuracy > result.before.mean_accuracy
    model = TriageModel.objects.get(active=True)
    assert model.community == community and model.accuracy_after > model.accuracy_before
    assert triage_suggest(text="北区的充电桩坏了", community=community)["department"] == "security"
    assert triage_suggest(text="北区的充电桩坏了")["department"] == "engineering"
    # The neighbouring community keeps the built-in model.
    assert TriageModel.objects.filter(community=other_community).count() == 0


def test_a_poisoned_set_of_decisions_is_refused_and_the_old_model_stays(community, supervisor):
    for text in _charger_texts():
        triage_decision_record(order_or_text=text, suggested={}, final=CHARGER, user=supervisor,
                               community=community)
    first = triage_retrain(community=community, user=supervisor).model
    # Someone then bulk-"confirms" lift breakdowns as praise for the finance department. The held-back
    # part of these texts was confirmed properly, so the poisoned model loses on it.
    for number in range(1, 41):
        text = f"{number}栋的电梯又坏了,按钮没反应"
        label = ({"kind": "repair", "category": "facility", "urgency": "normal", "department": "engineering"}
                 if is_held_back(text) else
                 {"kind": "praise", "category": "fee", "urgency": "normal", "department": "customer_service"})
        triage_decision_record(order_or_text=text, suggested={}, final=label, user=supervisor, community=community)
    out = io.StringIO()
    with pytest.raises(CommandError, match="Refused"):
        call_command("triage_retrain", "--community", community.code, stdout=out)
    assert "before:" in out.getvalue() and "after:" in out.getvalue()
    assert list(TriageModel.objects.filter(active=True)) == [first]
    assert triage_suggest(text="9栋的电梯又坏了", community=community)["kind"] == "repair"


def test_retraining_without_enough_held_back_decisions_says_so(community, supervisor):
    triage_decision_record(order_or_text="南门的充电桩坏了", suggested={}, final=CHARGER, user=supervisor,
                           community=community)
    with translation.override("en"), pytest.raises(CommandError, match="Not enough decisions"):
        call_command("triage_retrain", "--community", community.code, stdout=io.StringIO())
    assert TriageDecision.objects.count() == 1 and not TriageModel.objects.exists()


def test_a_company_wide_model_serves_every_community_of_the_company_until_one_has_its_own(
        community, other_community, supervisor):
    for text in _charger_texts():
        triage_decision_record(order_or_text=text, suggested={}, final=CHARGER, user=supervisor,
                               community=community)
    out = io.StringIO()
    call_command("triage_retrain", "--company", community.company.code, stdout=out)
    assert "accepted" in out.getvalue()
    model = TriageModel.objects.get(active=True)
    assert model.community is None and model.company == community.company
    assert triage_suggest(text="北区的充电桩坏了", community=other_community)["department"] == "security"


def test_the_cli_classifies_with_a_communitys_own_model(community, supervisor):
    for text in _charger_texts():
        triage_decision_record(order_or_text=text, suggested={}, final=CHARGER, user=supervisor,
                               community=community)
    triage_retrain(community=community, user=supervisor)
    out = io.StringIO()
    call_command("triage", "北区的充电桩坏了", "--community", community.code, stdout=out)
    assert '"department": "security"' in out.getvalue()


def test_bad_input_is_a_clear_service_error_not_a_crash(community, supervisor):
    with pytest.raises(ServiceError) as empty:
        triage_suggest(text="   ", community=community)
    assert empty.value.code == "empty_text"
    with pytest.raises(ServiceError) as nowhere:
        triage_decision_record(order_or_text="电梯坏了", suggested={}, final=CHARGER, user=supervisor)
    assert nowhere.value.code == "community_required"
    with pytest.raises(ServiceError) as both:
        triage_retrain(community=community, company=community.company)
    assert both.value.code == "scope_required"
