"""The seam where automatic classification plugs into intake (REQ-3).

``suggest_classification(text, community=…)`` returns a dict such as
``{"kind": "repair", "category": "facility", "urgency": "urgent", "department": "engineering",
"confidence": 0.82}`` or None. It returns None until a classifier is configured with the
``GUANJIA_TRIAGE_SUGGEST`` setting (a dotted path to a callable taking the text). A classifier
that also takes a ``community`` keyword is given the order's community, so a community whose
model was retrained on its own decisions gets that model. A failing classifier never blocks
intake: the order is simply taken without a suggestion.
"""

import inspect
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from guanjia.core.taxonomy import Category, Department, Kind, Urgency

logger = logging.getLogger("guanjia.tickets")

Suggester = Callable[..., dict[str, Any] | None]

_VALID = {"kind": Kind.values, "category": Category.values, "urgency": Urgency.values,
          "department": Department.values}


def configured_suggester() -> Suggester | None:
    path = getattr(settings, "GUANJIA_TRIAGE_SUGGEST", "")
    return import_string(path) if path else None


def takes_community(suggester: Suggester) -> bool:
    """Whether the classifier accepts ``community=`` (older ones take only the text)."""
    try:
        parameters = inspect.signature(suggester).parameters.values()
    except (TypeError, ValueError):  # a builtin or C callable without a readable signature
        return False
    return any(p.name == "community" and p.kind in (p.KEYWORD_ONLY, p.POSITIONAL_OR_KEYWORD)
               or p.kind == p.VAR_KEYWORD for p in parameters)


def suggest_classification(text: str, *, community: Any = None,
                           suggest: Suggester | None = None) -> dict[str, Any] | None:
    """The suggestion for ``text`` in ``community``, keeping only known codes; None without a classifier."""
    suggester = suggest or configured_suggester()
    if suggester is None or not text.strip():
        return None
    try:
        raw = suggester(text, community=community) if takes_community(suggester) else suggester(text)
    except Exception:  # a broken classifier must not lose the resident's request
        logger.exception("triage suggestion failed; taking the order without one")
        return None
    if not isinstance(raw, dict):
        return None
    clean = {k: v for k, v in raw.items() if k not in _VALID or v in _VALID[k]}
    return clean or None


def warm_up() -> None:
    """Load the classifier now rather than in the first request that needs it.

    Training the built-in model from its examples takes about half a second (seconds on a busy
    machine): a web worker calls this at start-up so the first resident after a restart does not
    wait for it. No database access (no community is named), and a failure is only logged.
    """
    try:
        suggester = configured_suggester()
        if suggester is not None:
            suggest_classification("楼道灯不亮了", suggest=suggester)
    except Exception:  # start-up must not fail because of the assistant (a wrong dotted path, …)
        logger.exception("triage warm-up failed; the first request will load the classifier")
