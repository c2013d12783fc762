"""The next steps offered on an order page, each bound to one engine service.

Which buttons appear is decided by the engine's transition table (``TRANSITIONS``): an action
that moves the order to a status is offered only when that move is allowed from where the
order stands. Steps that do not change the status (a note, a classification, a hand-over) are
offered while the order is open. Nothing here decides a business rule; the services still
check every move and answer a refused one with a message.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms as django_forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guanjia.accounts.models import StaffRole
from guanjia.accounts.scoping import community_ids_for_user
from guanjia.core.errors import ServiceError
from guanjia.tickets import services
from guanjia.tickets.choices import FINISHED_STATUSES, RatingLevel, Status
from guanjia.tickets.models import GroupCase, WorkOrder
from guanjia.tickets.services import transition_allowed

from . import forms

S = Status


@dataclass(frozen=True)
class Action:
    name: str
    label: Any
    form: type[django_forms.Form]
    run: Callable[[WorkOrder, Any, Any], Any]
    to: str | None = None  # the status the step moves the order to, when it moves it
    only_from: frozenset[str] | None = None  # narrows a shared target (reopen vs acknowledge)
    open_only: bool = True  # offered only while the order is not finished
    primary: bool = False

    def offered(self, order: WorkOrder) -> bool:
        if self.only_from is not None and order.status not in self.only_from:
            return False
        if self.to is not None:
            return transition_allowed(current=order.status, to=self.to)
        return not (self.open_only and order.status in FINISHED_STATUSES)


def _staff(order: WorkOrder) -> Any:
    # People who may be dispatched or handed the order: staff of its community.
    ids = StaffRole.objects.filter(community_id=order.community_id).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True).order_by("display_name", "username")


def _into(order: WorkOrder, actor: Any, number: str) -> WorkOrder:
    into = WorkOrder.objects.filter(community_id__in=community_ids_for_user(user=actor),
                                    community_id=order.community_id, number=number.strip()).first()
    if into is None:
        raise ServiceError(_("No work order with this number in this community."), code="unknown_order",
                           field="into")
    return into


@transaction.atomic
def _link_group(order: WorkOrder, actor: Any, data: dict[str, Any]) -> WorkOrder:
    # A new case and the link are one change: never a case left behind with no order in it.
    case = data["group_case"] or services.group_case_create(
        actor=actor, community=order.community, title=data["title"], media_sensitive=data["media_sensitive"])
    return services.workorder_link_group(order=order, group_case=case, actor=actor)


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


ACTIONS: tuple[Action, ...] = (
    Action("acknowledge", _("Confirm with the resident"), forms.OptionalNoteForm,
           lambda o, a, d: services.workorder_acknowledge(order=o, actor=a, note=d["note"]),
           to=S.ACKNOWLEDGED, only_from=frozenset({S.NEW, S.WAITING_INFO}), primary=True),
    Action("request_info", _("Ask for more information"), forms.QuestionsForm,
           lambda o, a, d: services.workorder_request_info(order=o, actor=a, questions=_lines(d["questions"])),
           to=S.WAITING_INFO),
    Action("classify", _("Classify"), forms.ClassifyForm,
           lambda o, a, d: services.workorder_classify(order=o, actor=a, kind=d["kind"], category=d["category"],
                                                       urgency=d["urgency"], department=d["department"],
                                                       confirm=d.get("confirm", False), note=d["note"])),
    Action("dispatch", _("Dispatch"), forms.DispatchForm,
           lambda o, a, d: services.workorder_dispatch(order=o, actor=a, assignee=d["assignee"],
                                                       department=d["department"], note=d["note"]),
           to=S.DISPATCHED, primary=True),
    Action("accept", _("Accept the job"), forms.NoInputForm,
           lambda o, a, d: services.workorder_accept(order=o, actor=a), to=S.ACCEPTED, primary=True),
    Action("set_out", _("On my way"), forms.NoInputForm,
           lambda o, a, d: services.workorder_set_out(order=o, actor=a), to=S.EN_ROUTE, primary=True),
    Action("arrive", _("Arrived"), forms.ArriveForm,
           lambda o, a, d: services.workorder_arrive(order=o, actor=a, photos=d["photos"]), to=S.ON_SITE,
           primary=True),
    Action("note", _("Add a note"), forms.NoteForm,
           lambda o, a, d: services.workorder_note(order=o, actor=a, note=d["note"], photos=d["photos"],
                                                   materials=d["materials"], visibility=d["visibility"])),
    Action("agree_visit", _("Agree the visit time"), forms.AgreeVisitForm,
           lambda o, a, d: services.workorder_agree_visit(order=o, actor=a, visit_at=d["visit_at"],
                                                          impact=d["impact"])),
    Action("plan", _("Submit a handling plan"), forms.PlanForm,
           lambda o, a, d: services.plan_submit(order=o, actor=a, solution=d["solution"],
                                                resident_text=d["resident_text"], cost=d["cost"],
                                                schedule=d["schedule"], parties=d["parties"])),
    Action("pause", _("Wait for the resident"), forms.ReasonForm,
           lambda o, a, d: services.workorder_pause(order=o, actor=a, reason=d["reason"]), to=S.ON_HOLD),
    Action("resume", _("Resume"), forms.OptionalNoteForm,
           lambda o, a, d: services.workorder_resume(order=o, actor=a, note=d["note"]),
           only_from=frozenset({S.ON_HOLD}), primary=True),
    Action("resolve", _("Resolve"), forms.ResolveForm,
           lambda o, a, d: services.workorder_resolve(order=o, actor=a, note=d["note"], photos=d["photos"]),
           to=S.RESOLVED, primary=True),
    Action("confirm", _("Record the resident's sign-off"), forms.OptionalNoteForm,
           lambda o, a, d: services.workorder_confirm(order=o, actor=a, note=d["note"]),
           only_from=frozenset({S.RESOLVED}), open_only=False),
    Action("callback", _("Record the callback"), forms.CallbackForm,
           lambda o, a, d: services.workorder_callback(order=o, actor=a, note=d["comment"] or str(RatingLevel(d["level"]).label),
                                                       level=d["level"], comment=d["comment"]),
           only_from=frozenset({S.RESOLVED}), open_only=False, primary=True),
    Action("hand_over", _("Hand over"), forms.HandOverForm,
           lambda o, a, d: services.workorder_hand_over(order=o, actor=a, new_owner=d["new_owner"],
                                                        promise=d["promise"], promise_due_at=d["promise_due_at"])),
    Action("reopen", _("Reopen"), forms.ReasonForm,
           lambda o, a, d: services.workorder_reopen(order=o, actor=a, reason=d["reason"]),
           to=S.ACKNOWLEDGED, only_from=frozenset({S.RESOLVED, S.CLOSED})),
    Action("merge", _("Merge into another order"), forms.MergeForm,
           lambda o, a, d: services.workorder_merge(duplicate=o, into=_into(o, a, d["into"]), actor=a,
                                                    note=d["note"]), to=S.MERGED),
    Action("link_group", _("Link to a group case"), forms.LinkGroupForm, lambda o, a, d: _link_group(o, a, d)),
    Action("cancel", _("Cancel"), forms.ReasonForm,
           lambda o, a, d: services.workorder_cancel(order=o, actor=a, reason=d["reason"]), to=S.CANCELLED),
)
BY_NAME = {action.name: action for action in ACTIONS}
# Field steps are the assignee's (a supervisor may record them on the assignee's behalf): offered
# to anyone else they only earn a refusal in the middle of a call.
ASSIGNEE_STEPS = frozenset({"accept", "set_out", "arrive"})
# Forms that list people to choose from.
_NEEDS_STAFF = {"dispatch", "hand_over"}


def action_form(action: Action, order: WorkOrder, data: Any = None, files: Any = None, *,
                supervises: bool = True) -> django_forms.Form:
    kwargs: dict[str, Any] = {"data": data, "files": files, "prefix": action.name}
    if action.name in _NEEDS_STAFF:
        kwargs["staff"] = _staff(order)
    if action.name == "link_group":
        kwargs["group_cases"] = GroupCase.objects.filter(community_id=order.community_id).order_by("-created_at")
    if data is None:
        kwargs["initial"] = _initial(action, order)
    form = action.form(**kwargs)
    if not supervises:
        # Only a supervisor confirms a classification; the box would only earn a refusal.
        form.fields.pop("confirm", None)
    return form


def _initial(action: Action, order: WorkOrder) -> dict[str, Any]:
    if action.name in ("classify", "dispatch"):
        return {"kind": order.kind, "category": order.category, "urgency": order.urgency,
                "department": order.department, "assignee": order.assignee_id}
    return {}


def offered_actions(order: WorkOrder, *, viewer: Any = None, supervises: bool = True) -> list[Action]:
    """The steps the order allows, less the field steps of an order dispatched to someone else."""
    mine = viewer is None or supervises or order.assignee_id == getattr(viewer, "pk", None)
    return [action for action in ACTIONS if action.offered(order) and (mine or action.name not in ASSIGNEE_STEPS)]


def cleaned(form: django_forms.Form) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    if isinstance(form, forms.NoteForm):
        data["materials"] = form.materials()
    if isinstance(form, forms.PlanForm):
        data["parties"] = form.party_list()
    return data
