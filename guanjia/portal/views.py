"""The owner portal: log in, choose the home, file a request, follow it, rate it.

Thin views over the engine's services and resident-scoped selectors; the session only remembers
which of the resident's homes they chose, and that choice is checked again on every request.
"""

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from guanjia.accounts.choices import UserKind
from guanjia.accounts.scoping import rooms_for_resident
from guanjia.answers.models import StandardAnswer
from guanjia.answers.selectors import answers_suggest
from guanjia.answers.services import answer_feedback_record
from guanjia.core.errors import NotFound, ServiceError
from guanjia.core.taxonomy import Channel
from guanjia.sla.choices import ClockState
from guanjia.sla.models import Clock
from guanjia.tickets import selectors as tickets
from guanjia.tickets.choices import EventType, RatingLevel, Status
from guanjia.tickets.services import IntakeRequest, workorder_intake, workorder_rate, workorder_receive_info

from .forms import InfoAnswerForm, RateForm, RequestForm, ResidentLoginForm
from .wording import progress_of, promise_for

SESSION_ROOM = "portal_room_id"
# Requests per page of "my requests": a phone screen shows a handful, a long-time owner has hundreds.
REQUESTS_PAGE_SIZE = 15
# Fewer characters than this say too little to look for an answer.
ANSWER_MIN_CHARS = 4


class PortalLoginView(LoginView):
    template_name = "portal/login.html"
    authentication_form = ResidentLoginForm

    def get_default_redirect_url(self) -> str:
        return reverse("portal:home")


def resident_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or user.kind != UserKind.RESIDENT:
            return redirect(f"{reverse('portal:login')}?next={request.path}")
        return view(request, *args, **kwargs)

    return wrapper


def logout_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
    return redirect("portal:login")


def _rooms(request: HttpRequest) -> list[Any]:
    return list(rooms_for_resident(user=request.user).select_related("community").order_by("code"))


def _chosen_room(request: HttpRequest, rooms: list[Any]) -> Any:
    chosen = request.session.get(SESSION_ROOM)
    room = next((r for r in rooms if r.pk == chosen), None)
    # One home needs no choosing.
    return room or (rooms[0] if len(rooms) == 1 else None)


@resident_view
def home(request: HttpRequest) -> HttpResponse:
    rooms = _rooms(request)
    # Questions from the desk come first: the request is stuck until the resident answers.
    waiting = list(tickets.workorders_for_resident(user=request.user).filter(status=Status.WAITING_INFO)
                   .values_list("uuid", flat=True)[:10])
    waiting_url = (reverse("portal:request", args=[waiting[0]]) + "#questions" if len(waiting) == 1
                   else reverse("portal:requests"))
    return render(request, "portal/home.html", {"rooms": rooms, "room": _chosen_room(request, rooms),
                                                "waiting": len(waiting), "waiting_url": waiting_url})


@resident_view
@require_POST
def choose_household(request: HttpRequest, room_id: int) -> HttpResponse:
    if not any(r.pk == room_id for r in _rooms(request)):
        raise Http404("not your home")
    request.session[SESSION_ROOM] = room_id
    return redirect("portal:new")


@resident_view
def new_request(request: HttpRequest) -> HttpResponse:
    rooms = _rooms(request)
    room = _chosen_room(request, rooms)
    if room is None:
        return redirect("portal:home")
    form = RequestForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                order = workorder_intake(actor=request.user, idempotency_key=request.POST.get("idempotency_key"),
                                         request=IntakeRequest(
                    channel=Channel.PORTAL, room=room, description=form.cleaned_data["description"],
                    kind=form.cleaned_data["kind"], preferred_visit=form.preferred_visit(),
                    photos=form.cleaned_data["photos"]))
            except ServiceError as exc:
                for field, messages in (exc.fields or {}).items():
                    form.add_error(field if field in form.fields else None, messages)
                if not exc.fields:
                    form.add_error(None, str(exc.message))
                status = exc.status
            else:
                return redirect(reverse("portal:request", args=[order.uuid]) + "?new=1")
    # A double tap on "send" (or a retry on a bad connection) returns the same request.
    key = str(request.POST.get("idempotency_key", ""))[:80] or uuid.uuid4().hex
    return render(request, "portal/new.html", {"form": form, "room": room, "rooms": rooms,
                                               "idempotency_key": key}, status=status)


@resident_view
def my_requests(request: HttpRequest) -> HttpResponse:
    page = Paginator(tickets.workorders_for_resident(user=request.user), REQUESTS_PAGE_SIZE).get_page(
        request.GET.get("page"))
    rows = [{"order": o, "progress": progress_of(o.status)} for o in page.object_list]
    return render(request, "portal/requests.html", {"page": page, "rows": rows})


def _order(request: HttpRequest, uuid: Any) -> Any:
    try:
        return tickets.workorder_detail(user=request.user, uuid=uuid)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc


def _open_questions(order: Any) -> list[str]:
    """The desk's latest follow-up questions, while the order still waits for their answer."""
    if order.status != Status.WAITING_INFO:
        return []
    asked = [e for e in order.visible_events if e.type == EventType.INFO_REQUESTED]
    return list((asked[-1].data or {}).get("questions") or asked[-1].note.splitlines()) if asked else []


def _detail_context(request: HttpRequest, order: Any, form: RateForm | None = None,
                    answer_form: InfoAnswerForm | None = None) -> dict[str, Any]:
    # The order is already the resident's (scoped above); its running deadlines become promises.
    clocks = Clock.objects.filter(order=order, state=ClockState.RUNNING).order_by("due_at")
    next_steps = [{"text": promise_for(c.type), "due_at": c.due_at} for c in clocks if promise_for(c.type)]
    ratings = list(order.ratings.all())
    rateable = order.status == Status.RESOLVED or (
        order.status == Status.CLOSED and order.resolved_at and not any(r.at >= order.resolved_at for r in ratings))
    return {"order": order, "events": order.visible_events, "progress": progress_of(order.status), "next_steps": next_steps, "ratings": ratings,
            "rate_form": form or RateForm(), "rateable": rateable,
            "supervisor_will_call": bool(ratings) and ratings[0].level == RatingLevel.DISSATISFIED,
            "new": request.GET.get("new") == "1", "answered": request.GET.get("answered") == "1",
            "questions": _open_questions(order),
            "answer_form": answer_form or InfoAnswerForm()}


@resident_view
def request_detail(request: HttpRequest, uuid: Any) -> HttpResponse:
    return render(request, "portal/request.html", _detail_context(request, _order(request, uuid)))


@resident_view
@require_POST
def rate(request: HttpRequest, uuid: Any) -> HttpResponse:
    order = _order(request, uuid)
    form = RateForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            workorder_rate(order=order, actor=request.user, level=form.cleaned_data["level"],
                           comment=form.cleaned_data["comment"])
        except ServiceError as exc:
            form.add_error("level" if "level" in exc.fields else None, str(exc.message))
            status = exc.status
        else:
            return redirect(reverse("portal:request", args=[order.uuid]) + "#rating")
    return render(request, "portal/request.html", _detail_context(request, order, form), status=status)


@resident_view
@require_POST
def answer_questions(request: HttpRequest, uuid: Any) -> HttpResponse:
    """The resident answers the desk's follow-up questions; the order goes back to the desk."""
    order = _order(request, uuid)
    form = InfoAnswerForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        try:
            workorder_receive_info(order=order, actor=request.user, answer=form.cleaned_data["answer"],
                                   photos=form.cleaned_data["photos"])
        except ServiceError as exc:
            form.add_error("answer" if "answer" in exc.fields else None, str(exc.message))
            status = exc.status
        else:
            return redirect(reverse("portal:request", args=[order.uuid]) + "?answered=1")
    order = _order(request, uuid)
    return render(request, "portal/request.html", _detail_context(request, order, answer_form=form), status=status)


@resident_view
def answers(request: HttpRequest) -> HttpResponse:
    """While the resident types: standard answers first ("does this answer your question?")."""
    room = _chosen_room(request, _rooms(request))
    text = str(request.GET.get("description", "")).strip()[:1000]
    found = (answers_suggest(community=room.community, text=text, for_resident=True, limit=2)
             if room is not None and len(text) >= ANSWER_MIN_CHARS else None)
    return render(request, "portal/htmx/answers.html", {"found": found, "q": text})


@resident_view
@require_POST
def answer_feedback(request: HttpRequest, code: str) -> HttpResponse:
    room = _chosen_room(request, _rooms(request))
    answer = StandardAnswer.objects.filter(company_id=room.community.company_id, code=code).first() if room else None
    if answer is None:
        raise Http404("no such answer")
    helpful = request.POST.get("helpful") == "1"
    answer_feedback_record(answer=answer, helpful=helpful, user=request.user, community=room.community,
                           question=str(request.POST.get("q", ""))[:1000])
    return render(request, "portal/htmx/answer_feedback.html", {"helpful": helpful})
