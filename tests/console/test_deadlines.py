"""The countdown beside each order reads as words a supervisor trusts, never "late by 0 minutes"."""

import datetime as dt

from django.utils import translation

from guanjia.console.deadlines import countdown

NOW = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)


def _label(**delta):
    with translation.override("en"):
        return countdown(due_at=NOW + dt.timedelta(**delta), now=NOW)


def test_the_first_minute_either_side_of_a_deadline_is_said_in_words():
    assert _label(seconds=-20).state == "late" and "0" not in _label(seconds=-20).label
    assert _label(seconds=40).state == "soon" and "0" not in _label(seconds=40).label


def test_longer_spans_keep_their_numbers_and_states():
    assert _label(minutes=-90).state == "late" and "1" in _label(minutes=-90).label
    assert _label(minutes=10).state == "soon"
    assert _label(hours=5).state == "ok"
    assert countdown(due_at=None).state == "none"
