"""Demo data: the 120 standard answers a property company starts with, and each demo
community's own figures. 锦绣苑 (JX) deliberately lacks a few (no ground-level parking, shop
fee not agreed) so the demo shows an answer withheld from residents and flagged for agents."""

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from .importexport import answers_import
from .models import CommunityValue, StandardAnswer

DATA_DIR = Path(__file__).with_name("data")
DEMO_ANSWERS = DATA_DIR / "demo_answers.jsonl"
DEMO_VALUES = DATA_DIR / "demo_values.json"


@transaction.atomic
def demo_answers_load(*, company: Any, communities: list[Any]) -> int:
    """Load (or refresh) the demo library and community figures; safe to run again."""
    with DEMO_ANSWERS.open("rb") as content:
        answers_import(actor=None, company=company, name=DEMO_ANSWERS.name, content=content)
    values = json.loads(DEMO_VALUES.read_text(encoding="utf-8"))
    for community in communities:
        for key, value in values.get(community.code, {}).items():
            CommunityValue.objects.update_or_create(community=community, key=key, defaults={"value": value})
    return StandardAnswer.objects.filter(company=company).count()


def demo_hook(result: Any) -> None:
    """Called by ``guanjia load_demo`` after the register is built."""
    count = demo_answers_load(company=result.company, communities=list(result.communities))
    result.counts["standard answers"] = count
