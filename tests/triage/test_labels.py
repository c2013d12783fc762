"""Agents read rules by their labels ("电梯困人"); integrations keep the stable codes."""

import pytest
from django.core.management import call_command
from django.utils import translation

from guanjia.triage.classifier import classify
from guanjia.triage.labels import RULE_LABELS, rule_label
from guanjia.triage.overrides import OVERRIDES
from guanjia.triage.triggers import HARD_TRIGGERS, SOFT_TRIGGERS


def test_every_safety_rule_and_department_override_has_a_label():
    codes = set(HARD_TRIGGERS) | set(SOFT_TRIGGERS) | {rule.code for rule in OVERRIDES}
    assert codes - set(RULE_LABELS) == set()
    assert set(RULE_LABELS) - codes == set()  # no label left behind by a removed rule


def test_an_unknown_code_shows_as_itself():
    assert rule_label("a_rule_from_a_newer_model") == "a_rule_from_a_newer_model"


@pytest.fixture
def compiled_catalogues(settings):
    call_command("compile_translations", verbosity=0)
    settings.LOCALE_PATHS = list(settings.LOCALE_PATHS)  # empties Django's translation caches


def test_the_agent_reads_the_rule_in_chinese_and_the_api_keeps_its_code(compiled_catalogues):
    with translation.override("zh-hans"):
        result = classify("电梯困人了,3栋2单元,我老公在里面")
    assert result["rule_codes"]["urgency"][0] == "lift_entrapment"
    assert "电梯困人" in result["evidence"]["urgency"][0]
    assert not any("lift_entrapment" in line for line in result["evidence"]["urgency"])


def test_a_department_override_is_shown_by_its_label():
    result = classify("楼上邻居家漏水,水从我家卫生间天花板哗哗往下流")
    assert result["rule_codes"]["department"] == ["neighbour_leak_to_engineering"]
    assert result["evidence"]["department"] == [str(RULE_LABELS["neighbour_leak_to_engineering"])]
