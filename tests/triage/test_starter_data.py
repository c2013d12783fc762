"""The built-in examples the model learns from: every code of every field, consistent labels."""

from collections import Counter

from guanjia.core.taxonomy import Category, Department, Kind, Urgency
from guanjia.triage.classifier import starter_examples


def test_the_starter_data_covers_every_code_of_every_field():
    rows = starter_examples()
    assert len(rows) >= 500
    for name, choices in (("kind", Kind), ("category", Category), ("urgency", Urgency),
                          ("department", Department)):
        counts = Counter(row[name] for row in rows)
        assert set(counts) == set(choices.values), name
        assert min(counts.values()) >= 15, (name, counts)


def test_the_starter_data_has_no_duplicates_and_speaks_every_register():
    rows = starter_examples()
    texts = [row["text"] for row in rows]
    assert len(texts) == len(set(texts))
    assert sum(1 for text in texts if any(ch in text for ch in "電樓廁裡喺咗處")) >= 40  # Traditional / Cantonese
    assert sum(1 for text in texts if text.isascii()) >= 40  # English
    assert sum(1 for text in texts if text.startswith(("市民反映", "市民来电", "市民称"))) >= 10  # 12345 tone
    assert sum(1 for text in texts if text.startswith(("巡逻", "巡查", "巡检"))) >= 10  # patrol notes
