"""One endpoint per step of a work order's life; each validates its input and calls one service."""

from typing import Any

from ..models import WorkOrder
from ..selectors import group_case_get, workorder_get
from ..services import (
    workorder_accept,
    workorder_acknowledge,
    workorder_agree_visit,
    workorder_arrive,
    workorder_callback,
    workorder_cancel,
    workorder_classify,
    workorder_confirm,
    workorder_dispatch,
    workorder_hand_over,
    workorder_link_group,
    workorder_merge,
    workorder_note,
    workorder_pause,
    workorder_receive_info,
    workorder_reopen,
    workorder_request_info,
    workorder_resolve,
    workorder_resume,
    workorder_set_out,
)
from . import serializers as s
from .base import IsStaff, OrderAction
from .staff import staff_user


class StaffAction(OrderAction):
    permission_classes = [IsStaff]


class AcknowledgeView(StaffAction):
    """Confirm the request with the resident; the first to do so owns it (REQ-4)."""

    input_serializer = s.NoteTextInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_acknowledge(order=order, actor=actor, note=data["note"])


class RequestInfoView(StaffAction):
    """Ask the resident follow-up questions before dispatch (REQ-1)."""

    input_serializer = s.RequestInfoInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_request_info(order=order, actor=actor, questions=data["questions"])


class ReceiveInfoView(StaffAction):
    """Record the resident's answers given by phone."""

    input_serializer = s.AnswerInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_receive_info(order=order, actor=actor, answer=data["answer"], photos=data["photos"])


class ClassifyView(StaffAction):
    """Set or change kind, category, urgency and department; supervisors confirm (REQ-3)."""

    input_serializer = s.ClassifyInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_classify(order=order, actor=actor, **data)


class HandOverView(StaffAction):
    """Hand the order to a colleague with the promise made to the resident (REQ-4, REQ-5)."""

    input_serializer = s.HandOverInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_hand_over(order=order, actor=actor, new_owner=staff_user(data["new_owner"], "new_owner"),
                            promise=data["promise"], promise_due_at=data["promise_due_at"])


class DispatchView(StaffAction):
    """Dispatch to a department and a person with the background (REQ-5)."""

    input_serializer = s.DispatchInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_dispatch(order=order, actor=actor, assignee=staff_user(data["assignee"], "assignee"),
                           department=data["department"], note=data["note"])


class AcceptView(StaffAction):
    """The assignee takes the job."""

    input_serializer = s.NoteTextInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_accept(order=order, actor=actor)


class SetOutView(StaffAction):
    """The assignee is on the way, with the expected arrival shown to the resident."""

    input_serializer = s.SetOutInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_set_out(order=order, actor=actor, expected_arrival=data["expected_arrival"])


class ArriveView(StaffAction):
    """The assignee arrived on site."""

    input_serializer = s.NoteTextInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_arrive(order=order, actor=actor)


class NoteView(StaffAction):
    """A progress note with photos and materials (REQ-6)."""

    input_serializer = s.ProgressNoteInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_note(order=order, actor=actor, note=data["note"], photos=data["photos"],
                       materials=data["materials"], visibility=data["visibility"])


class VisitView(StaffAction):
    """The visit time and its impact agreed with the resident (REQ-7)."""

    input_serializer = s.VisitInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_agree_visit(order=order, actor=actor, visit_at=data["visit_at"], impact=data["impact"])


class ResolveView(StaffAction):
    """Work done, with photos; the callback is now expected (SLA-7)."""

    input_serializer = s.ResolveInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_resolve(order=order, actor=actor, note=data["note"], photos=data["photos"])


class StaffConfirmView(StaffAction):
    """Record that the resident confirmed the work."""

    input_serializer = s.NoteTextInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_confirm(order=order, actor=actor, note=data["note"])


class CallbackView(StaffAction):
    """Record the callback and, if given, the resident's rating (SLA-7, SAT-1)."""

    input_serializer = s.CallbackInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_callback(order=order, actor=actor, **data)


class PauseView(StaffAction):
    """Wait for the resident (the clocks that should pause, pause)."""

    input_serializer = s.ReasonInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_pause(order=order, actor=actor, reason=data["reason"])


class ResumeView(StaffAction):
    """Carry on where the order was paused."""

    input_serializer = s.NoteTextInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_resume(order=order, actor=actor, note=data["note"])


class ReopenView(StaffAction):
    """Reopen a resolved or closed order whose fix did not hold."""

    input_serializer = s.ReasonInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_reopen(order=order, actor=actor, reason=data["reason"])


class CancelView(StaffAction):
    """Cancel, with a reason the resident sees."""

    input_serializer = s.ReasonInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        workorder_cancel(order=order, actor=actor, reason=data["reason"])


class MergeView(StaffAction):
    """Merge this duplicate into the order that carries on."""

    input_serializer = s.MergeInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        into = workorder_get(user=actor, uuid=data["into"])
        workorder_merge(duplicate=order, into=into, actor=actor, note=data["note"])


class LinkGroupView(StaffAction):
    """Link this household's request to a group case."""

    input_serializer = s.LinkGroupInput

    def act(self, *, order: WorkOrder, actor: Any, data: dict[str, Any]) -> None:
        case = group_case_get(user=actor, uuid=data["group_case"])
        workorder_link_group(order=order, group_case=case, actor=actor)
