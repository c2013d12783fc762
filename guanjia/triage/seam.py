"""The callable the work-order intake calls (``GUANJIA_TRIAGE_SUGGEST``, see guanjia.tickets.triage_seam).

The seam passes only the text, so this uses the built-in model; callers that know the
community call ``services.triage_suggest(text=…, community=…)`` to get its retrained model.
"""

from typing import Any

from .services import triage_suggest


def suggest(text: str) -> dict[str, Any]:
    suggestion = triage_suggest(text=text)
    if suggestion["urgency_uncertain"] and suggestion["urgency"] != "urgent":
        # Issue 4: when unsure, intake treats the order as urgent (and starts the urgent clocks)
        # until a person decides; the model's own reading is kept beside it.
        suggestion = {**suggestion, "urgency": "urgent", "urgency_model": suggestion["urgency"]}
    return suggestion
