"""Intake while the phone rings: find the household, hear the story, confirm and create."""

import logging
import uuid
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from guanjia.accounts.scoping import communities_for_user
from guanjia.core.errors import NotFound, ServiceError
from guanjia.core.taxonomy import Category, Department, Kind, Urgency
from guanjia.properties.selectors import household_detail, households_search, scoped_rooms
from guanjia.tickets import selectors as tickets
from guanjia.tickets.services import IntakeRequest, workorder_intake
from guanjia.triage.services import triage_suggest

from ..forms import ClassificationFields, IntakeForm
from .common import field_errors, staff_view

logger = logging.getLogger("guanjia.console")
# Below this many characters a caller's words say too little to classify.
SUGGEST_MIN_CHARS = 4


def _intake_form(request: HttpRequest, data: Any = None) -> IntakeForm:
    communities = communities_for_user(user=request.user).order_by("name")
    return IntakeForm(data, communities=communities, rooms=scoped_rooms(user=request.user))


@staff_view
def intake(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return render(request, "console/intake.html", {"form": _intake_form(request),
                                                       "idempotency_key": uuid.uuid4().hex})
    form = _intake_form(request, request.POST)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            order = workorder_intake(actor=request.user, idempotency_key=request.POST.get("idempotency_key"),
                                     request=IntakeRequest(
                channel=data["channel"], description=data["description"], community=data["community"],
                room=data["room"], location=data["location"], contact_name=data["contact_name"],
                contact_phone=data["contact_phone"], expectation=data["expectation"], kind=data["kind"],
                category=data["category"], urgency=data["urgency"], department=data["department"]))
        except ServiceError as exc:
            for field, messages in field_errors(exc).items():
                form.add_error(field if field in form.fields else None, messages)
            if not exc.fields:
                form.add_error(None, str(exc.message))
            status = exc.status
        else:
            return redirect(reverse("console:order", args=[order.uuid]) + "?created=1")
    # The same key on the retry: pressing "create" twice never makes two orders.
    key = str(request.POST.get("idempotency_key", ""))[:80] or uuid.uuid4().hex
    return render(request, "console/intake.html", {"form": form, "household": _chosen(request, form),
                                                   "idempotency_key": key}, status=status)


def _chosen(request: HttpRequest, form: IntakeForm) -> Any:
    room = form.cleaned_data.get("room") if hasattr(form, "cleaned_data") else None
    return _household_context(request, room.pk) if room else None


@staff_view
def household_hits(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:64]
    hits = households_search(user=request.user, q=q, limit=8) if q.strip() else []
    return render(request, "console/htmx/household_hits.html", {"hits": hits, "q": q})


def _household_context(request: HttpRequest, room_id: int) -> dict[str, Any]:
    household = household_detail(user=request.user, room_id=room_id)
    orders = tickets.household_orders(user=request.user, room=household.room)
    return {"household": household, "open_orders": list(orders["open"][:10]),
            "recent_orders": list(orders["recent"][:10])}


@staff_view
def household_panel(request: HttpRequest, room_id: int) -> HttpResponse:
    try:
        context = _household_context(request, room_id)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    return render(request, "console/htmx/household.html", context)


def triage_for(text: str, community: Any = None) -> dict[str, Any] | None:
    """The triage assistant's suggestion; the desk works on without one if it fails."""
    try:
        return triage_suggest(text=text, community=community)
    except Exception:  # a broken assistant must never stop the agent taking the call
        logger.exception("triage suggestion failed")
        return None


@staff_view
def suggest(request: HttpRequest) -> HttpResponse:
    text = (request.GET.get("description") or "")[:2000].strip()
    community_id = _int(request.GET.get("community"))
    community = (communities_for_user(user=request.user).filter(pk=community_id).first()
                 if community_id is not None else None)
    suggestion = triage_for(text, community) if len(text) >= SUGGEST_MIN_CHARS else None
    return render(request, "console/htmx/suggestion.html",
                  {"s": _labelled(suggestion), "text": text, "community": community})


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _labelled(suggestion: dict[str, Any] | None) -> dict[str, Any] | None:
    """Codes with their labels, so the template shows words in the user's language."""
    if not suggestion:
        return None
    vocab = {"kind": Kind, "category": Category, "urgency": Urgency, "department": Department}
    fields = []
    for name, choices in vocab.items():
        code = suggestion.get(name) or ""
        if code in choices.values:
            fields.append({"name": name, "code": code, "label": choices(code).label,
                           "confidence": (suggestion.get("confidence") or {}).get(name),
                           "evidence": (suggestion.get("evidence") or {}).get(name) or []})
    return {"fields": fields, "questions": suggestion.get("questions") or [],
            "urgent": suggestion.get("urgency") == Urgency.URGENT,
            "uncertain": bool(suggestion.get("urgency_uncertain")),
            "codes": {f["name"]: f["code"] for f in fields}}


@staff_view
def classification(request: HttpRequest) -> HttpResponse:
    """The classification fields pre-filled with the suggestion the agent accepted."""
    chosen = {k: request.GET.get(k, "") for k in ("kind", "category", "urgency", "department")}
    form = ClassificationFields(initial={k: v for k, v in chosen.items() if v})
    return render(request, "console/htmx/classification.html", {"form": form, "applied": _("Suggestion applied")})
