"""Every write of the work-order engine. Import services from here."""

from .classification import classification_clean, workorder_classify
from .field import (
    workorder_accept,
    workorder_agree_visit,
    workorder_arrive,
    workorder_confirm,
    workorder_dispatch,
    workorder_note,
    workorder_resolve,
    workorder_set_out,
)
from .intake import (
    IntakeRequest,
    Taken,
    order_number,
    workorder_acknowledge,
    workorder_intake,
    workorder_receive_info,
    workorder_request_info,
    workorder_take,
)
from .lifecycle import (
    group_case_create,
    workorder_cancel,
    workorder_link_group,
    workorder_merge,
    workorder_pause,
    workorder_reopen,
    workorder_resume,
)
from .ownership import workorder_hand_over
from .patterns import patterns_check, ticket_settings_for
from .plans import plan_decide, plan_submit
from .rating import workorder_callback, workorder_rate
from .transitions import TRANSITIONS, transition_allowed, workorder_transition

__all__ = [
    "TRANSITIONS", "IntakeRequest", "Taken", "classification_clean", "group_case_create", "order_number",
    "patterns_check", "plan_decide", "plan_submit", "ticket_settings_for", "transition_allowed",
    "workorder_accept", "workorder_acknowledge", "workorder_agree_visit", "workorder_arrive",
    "workorder_callback", "workorder_cancel", "workorder_classify", "workorder_confirm",
    "workorder_dispatch", "workorder_hand_over", "workorder_intake", "workorder_link_group",
    "workorder_merge", "workorder_note", "workorder_pause", "workorder_rate", "workorder_receive_info",
    "workorder_reopen", "workorder_request_info", "workorder_resolve", "workorder_resume",
    "workorder_set_out", "workorder_take", "workorder_transition",
]
