"""The callable the work-order intake calls (``GUANJIA_TRIAGE_SUGGEST``, see guanjia.tickets.triage_seam).

Intake passes the order's community, so a community (or company) that retrained its model
gets its own suggestions; without one the built-in model answers.
"""

from typing import Any

from .services import triage_suggest


def suggest(text: str, community: Any = None) -> dict[str, Any]:
    suggestion = triage_suggest(text=text, community=community)
    if suggestion["urgency_uncertain"] and suggestion["urgency"] != "urgent":
        # Issue 4: when unsure, intake treats the order as urgent (and starts the urgent clocks)
        # until a person decides; the model's own reading is kept beside it.
        suggestion = {**suggestion, "urgency": "urgent", "urgency_model": suggestion["urgency"]}
    return suggestion
